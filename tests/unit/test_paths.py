"""Paths from the attribute table cannot escape, collide or overwrite an original."""
import os

import pytest

from geoblur.core.errors import ImageError
from geoblur.core.paths import check_destination, destinations, resolve_source


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
    out = destinations(sources, str(tmp_path / "out"))
    assert len(set(out.values())) == 2
    for target in out.values():
        assert os.path.commonpath([str(tmp_path / "out"), target]) == str(tmp_path / "out")


def test_destinations_never_leave_the_output_folder(tmp_path):
    sources = ["/etc/passwd.jpg", str(tmp_path / "a.jpg")]
    out = destinations(sources, str(tmp_path / "out"))
    for target in out.values():
        assert target.startswith(str(tmp_path / "out") + os.sep)


def test_writing_over_the_original_is_refused(tmp_path):
    image = tmp_path / "a.jpg"
    image.write_bytes(b"x")
    assert check_destination(str(image), str(tmp_path / "." / "a.jpg"))
    assert check_destination(str(image), str(tmp_path / "out" / "a.jpg")) is None
