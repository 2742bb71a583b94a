"""Paths from the attribute table cannot escape, collide or overwrite an original."""
import os

import pytest

from geoblur.core.errors import GeoBlurError, ImageError
from geoblur.core.paths import check_destination, check_output_folder, destinations, resolve_source


def test_relative_paths_resolve_below_the_base_folder(tmp_path):
    assert resolve_source("a/b.jpg", str(tmp_path)) == str(tmp_path / "a" / "b.jpg")


@pytest.mark.parametrize("value", ["../../x.jpg", "a/../../x.jpg"])
def test_relative_paths_that_climb_out_are_refused(tmp_path, value):
    with pytest.raises(ImageError, match="outside the base folder"):
        resolve_source(value, str(tmp_path / "base"))


@pytest.mark.parametrize("value,message", [(None, "NULL"), ("  ", "empty"), (42, "not text")])
def test_null_empty_and_non_text_values_are_refused(tmp_path, value, message):
    with pytest.raises(ImageError, match=message):
        resolve_source(value, str(tmp_path))


def test_same_names_in_two_folders_do_not_collide(tmp_path):
    sources = [str(tmp_path / "cam1" / "IMG_1.JPG"), str(tmp_path / "cam2" / "IMG_1.JPG")]
    out, refused = destinations(sources, str(tmp_path), str(tmp_path / "out"))
    assert not refused and len(set(out.values())) == 2
    for target in out.values():
        assert os.path.commonpath([str(tmp_path / "out"), target]) == str(tmp_path / "out")


def test_destinations_never_leave_the_output_folder(tmp_path):
    sources = ["/etc/passwd.jpg", str(tmp_path / "a.jpg"), "/../x.jpg"]
    out, _ = destinations(sources, str(tmp_path), str(tmp_path / "out"))
    for target in out.values():
        assert target.startswith(str(tmp_path / "out") + os.sep)


def test_writing_over_the_original_is_refused(tmp_path):
    image = tmp_path / "a.jpg"
    image.write_bytes(b"x")
    assert check_destination(str(image), str(tmp_path / "." / "a.jpg"), _never)
    assert check_destination(str(image), str(tmp_path / "out" / "a.jpg"), _never) is None


def _never(path):
    return False


def test_a_subset_rerun_writes_to_the_same_paths(tmp_path):
    # a fixed miss is re-run alone (selected features only): its copy must replace the first
    # run's, not land beside it while the less anonymized one stays
    base, out = tmp_path / "survey", str(tmp_path / "out")
    sources = [str(base / "day1" / "cam1" / "IMG_1.JPG"), str(base / "day1" / "cam2" / "IMG_1.JPG"),
               str(base / "day2" / "IMG_9.JPG")]
    everything, _ = destinations(sources, str(base), out)
    for source in sources:
        alone, _ = destinations([source], str(base), out)
        assert alone[source] == everything[source]
    assert everything[sources[0]] == os.path.join(out, "day1", "cam1", "IMG_1.JPG")


def test_sources_outside_the_base_keep_their_root_as_a_folder(tmp_path):
    # no base folder (a memory layer under qgis_process), or sources on other roots: the whole
    # path is kept, so equal names under different roots never meet
    out = str(tmp_path / "out")
    sources = ["/mnt/a/DCIM/IMG_1.JPG", "/media/b/DCIM/IMG_1.JPG"]
    targets, refused = destinations(sources, "", out)
    assert not refused
    assert targets[sources[0]] == os.path.join(out, "_root", "mnt", "a", "DCIM", "IMG_1.JPG")
    assert targets[sources[1]] == os.path.join(out, "_root", "media", "b", "DCIM", "IMG_1.JPG")
    assert destinations(sources[:1], "", out)[0] == {sources[0]: targets[sources[0]]}


def test_two_sources_that_would_share_a_copy_are_both_refused(tmp_path):
    # below the base, "_root/mnt/x.jpg" and the outside source /mnt/x.jpg map to one copy
    base = tmp_path / "base"
    inside, outside = str(base / "_root" / "mnt" / "x.jpg"), "/mnt/x.jpg"
    targets, refused = destinations([inside, outside], str(base), str(tmp_path / "out"))
    assert not targets and set(refused) == {inside, outside}
    assert outside in refused[inside] and inside in refused[outside]


@pytest.mark.parametrize("output", ["photos", "photos/anonymized", "."])
def test_an_output_folder_among_the_originals_is_refused_naming_both(tmp_path, output):
    (tmp_path / "photos").mkdir()
    source = str(tmp_path / "photos" / "a.jpg")
    folder = str(tmp_path / output)
    with pytest.raises(GeoBlurError) as raised:
        check_output_folder([source], folder)
    assert folder in str(raised.value) and str(tmp_path / "photos") in str(raised.value)


def test_an_output_folder_beside_the_photos_is_accepted(tmp_path):
    check_output_folder([str(tmp_path / "photos" / "a.jpg")], str(tmp_path / "anonymized"))


@pytest.mark.parametrize("kind", ["folder", "link", "foreign file"])
def test_nothing_but_geoblur_s_own_copy_is_replaced(tmp_path, kind):
    image, target = tmp_path / "a.jpg", tmp_path / "out" / "a.jpg"
    image.write_bytes(b"x")
    target.parent.mkdir()
    if kind == "folder":
        target.mkdir()
    elif kind == "link":
        target.symlink_to(tmp_path / "elsewhere.jpg")
    else:
        target.write_bytes(b"somebody else's")
    reason = check_destination(str(image), str(target), _never)
    assert reason and str(target) in reason
    if kind == "foreign file":  # once it is GeoBlur's own copy, it may be replaced
        assert check_destination(str(image), str(target), lambda path: True) is None
