"""Reading images upright and failing closed; writing them atomically in their own format."""
import os

import cv2
import numpy as np
import piexif
import pytest

from geoblur.core import imageio
from geoblur.core.errors import ImageError
from geoblur.core.imageio import read_image, write_image, written_by_geoblur

from .image_samples import (PHOTO, asymmetric, exif_block, file_bytes, jpeg_with, photo, png_chunk, png_with,
                            segment, tiff_with, write)

#: orientation -> np.rot90 turns (counter-clockwise) that make the stored pixels upright
TURNS = {3: 2, 6: -1, 8: 1}


def raw(data: bytes) -> np.ndarray:
    """Pixels as stored, without any orientation applied."""
    return cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)


@pytest.mark.parametrize("orientation", sorted(TURNS))
def test_jpeg_orientation_is_applied_and_output_is_stored_upright(tmp_path, orientation):
    stored = asymmetric()
    source = jpeg_with(stored, segment(0xE1, exif_block(stored, orientation)))
    path = write(tmp_path / "turned.jpg", source)

    loaded = read_image(path)

    upright = np.rot90(raw(source), TURNS[orientation])
    assert loaded.orientation == orientation
    assert loaded.pixels.shape == upright.shape and loaded.pixels.flags["C_CONTIGUOUS"]
    assert np.array_equal(loaded.pixels, upright)

    out = str(tmp_path / "out" / "turned.jpg")
    write_image(out, loaded.pixels, loaded)
    written = file_bytes(out)
    exif = piexif.load(written)
    assert exif["0th"][piexif.ImageIFD.Orientation] == 1
    assert (exif["Exif"][piexif.ExifIFD.PixelXDimension], exif["Exif"][piexif.ExifIFD.PixelYDimension]) == \
        (upright.shape[1], upright.shape[0])
    displayed = raw(written)  # what a viewer shows now that Orientation is 1
    assert displayed.shape == upright.shape
    assert np.abs(displayed.astype(int) - upright).mean() < 2


@pytest.mark.parametrize("orientation", range(1, 9))
def test_all_eight_orientations_match_libtiff(tmp_path, orientation):
    """libtiff (inside OpenCV) applies a TIFF's orientation itself: the same pixels in a PNG whose
    eXIf has that orientation must come out the same."""
    stored = asymmetric(6, 10)
    stored[0, 0] = (1, 2, 3)  # a corner marker that makes every transform distinct
    expected = raw(tiff_with(stored, {piexif.ImageIFD.Orientation: orientation}))
    eXIf = exif_block(stored, orientation, thumbnail=False)[len(b"Exif\0\0"):]
    loaded = read_image(write(tmp_path / "o.png", png_with(stored, (b"eXIf", eXIf))))
    assert loaded.orientation == orientation
    assert np.array_equal(loaded.pixels, expected)


def test_tiff_reads_upright_and_round_trips_16_bit(tmp_path):
    stored = asymmetric()
    loaded = read_image(write(tmp_path / "t.tif", tiff_with(stored, {piexif.ImageIFD.Orientation: 6})))
    assert loaded.format == "tiff" and loaded.orientation == 6
    assert np.array_equal(loaded.pixels, np.rot90(stored, -1))

    deep = (np.random.default_rng(1).integers(0, 65536, (30, 40, 3))).astype(np.uint16)
    source = str(tmp_path / "deep.tif")
    cv2.imwrite(source, deep)
    loaded = read_image(source)
    out = str(tmp_path / "out" / "deep.tif")
    write_image(out, loaded.pixels, loaded)
    again = read_image(out)
    assert again.format == "tiff" and again.pixels.dtype == np.uint16
    assert np.array_equal(again.pixels, deep)


def test_rgba_tiff_keeps_alpha(tmp_path):
    pixels = np.dstack([asymmetric(), np.linspace(0, 255, 48 * 80).reshape(48, 80).astype(np.uint8)])
    source = str(tmp_path / "alpha.tif")
    cv2.imwrite(source, pixels)
    loaded = read_image(source)
    write_image(str(tmp_path / "out.tif"), loaded.pixels, loaded)
    again = read_image(str(tmp_path / "out.tif"))
    assert again.pixels.shape == (48, 80, 4)
    assert np.array_equal(again.pixels[:, :, 3], pixels[:, :, 3])


def test_png_16_bit_grey_round_trips_exactly(tmp_path):
    grey = (np.arange(37 * 53, dtype=np.uint32).reshape(37, 53) * 31).astype(np.uint16)
    loaded = read_image(write(tmp_path / "grey16.png", png_with(grey)))
    assert loaded.format == "png" and loaded.pixels.dtype == np.uint16 and loaded.pixels.shape == (37, 53)
    out = str(tmp_path / "out" / "grey16.png")
    write_image(out, loaded.pixels, loaded)
    assert np.array_equal(raw(file_bytes(out)), grey)

    rgb = loaded.rgb8()
    assert rgb.shape == (37, 53, 3) and rgb.dtype == np.uint8
    assert np.array_equal(rgb[:, :, 0], rgb[:, :, 2])
    assert np.array_equal(rgb[:, :, 1], np.round(grey / 257.0).astype(np.uint8))


def test_rgba_png_keeps_alpha_untouched(tmp_path):
    bgra = np.random.default_rng(2).integers(0, 256, (20, 30, 4), dtype=np.uint8)
    loaded = read_image(write(tmp_path / "alpha.png", png_with(bgra)))
    assert loaded.pixels.shape == (20, 30, 4)
    out = str(tmp_path / "alpha-out.png")
    write_image(out, loaded.pixels, loaded)
    assert np.array_equal(raw(file_bytes(out)), bgra)
    assert np.array_equal(loaded.rgb8(), bgra[:, :, 2::-1])


def test_grey_jpeg_stays_grey(tmp_path):
    grey = asymmetric(channels=1)
    loaded = read_image(write(tmp_path / "grey.jpg", jpeg_with(grey)))
    assert loaded.pixels.ndim == 2 and loaded.rgb8().shape == grey.shape + (3,)
    write_image(str(tmp_path / "out.jpg"), loaded.pixels, loaded)
    assert raw(file_bytes(tmp_path / "out.jpg")).ndim == 2


def test_format_comes_from_content_not_extension(tmp_path):
    loaded = read_image(write(tmp_path / "really-a-png.jpg", png_with(asymmetric())))
    assert loaded.format == "png"
    out = str(tmp_path / "out.jpg")
    write_image(out, loaded.pixels, loaded)
    assert file_bytes(out).startswith(b"\x89PNG")


def claiming_size(png: bytes, width: int, height: int) -> bytes:
    """``png`` whose header says it is ``width`` x ``height`` (its data is not)."""
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + png[24:29]
    return png[:8] + png_chunk(b"IHDR", header) + png[33:]


def _cmyk_jpeg() -> bytes:
    image = pytest.importorskip("PIL.Image")
    import io
    stream = io.BytesIO()
    image.fromarray(asymmetric()[:, :, ::-1]).convert("CMYK").save(stream, "JPEG")
    return stream.getvalue()


@pytest.mark.parametrize("name, content, reason", [
    ("empty.jpg", b"", "empty"),
    ("notes.jpg", b"GPS notes, not a photo\n", "text file"),
    ("anim.png", b"GIF89a" + b"\0" * 40, "GIF"),
    ("half.jpg", lambda: file_bytes(PHOTO)[: len(file_bytes(PHOTO)) // 2], "truncated"),
    ("cut.png", lambda: png_with(asymmetric())[:-30], "truncated"),
    ("cut.tif", lambda: tiff_with(asymmetric(), {})[:-100], "truncated"),
    ("huge.png", lambda: claiming_size(png_with(asymmetric()), 100_000, 100_000), "megapixels"),
    ("cmyk.jpg", _cmyk_jpeg, "CMYK"),
])
def test_unreadable_files_fail_with_the_path_and_reason(tmp_path, name, content, reason):
    path = write(tmp_path / name, content() if callable(content) else content)
    with pytest.raises(ImageError) as caught:
        read_image(path)
    assert path in str(caught.value)
    assert reason in str(caught.value)


def test_missing_file_fails_with_the_path(tmp_path):
    path = str(tmp_path / "nowhere.jpg")
    with pytest.raises(ImageError, match="does not exist") as caught:
        read_image(path)
    assert path in str(caught.value)


def test_truncated_photo_would_otherwise_decode_half_grey():
    """Why the truncation check exists: OpenCV happily decodes half a JPEG."""
    data = file_bytes(PHOTO)
    assert raw(data[: len(data) // 2]) is not None


def test_failed_encoding_leaves_nothing(tmp_path, monkeypatch):
    loaded = read_image(PHOTO)
    monkeypatch.setattr(imageio.cv2, "imencode", lambda *args, **kwargs: (False, None))
    out = tmp_path / "out" / "messi5.jpg"
    with pytest.raises(ImageError) as caught:
        write_image(str(out), loaded.pixels, loaded, lossless=False)
    assert str(out) in str(caught.value)
    assert not out.exists()
    assert not out.parent.exists() or os.listdir(out.parent) == []


def test_failed_rename_removes_the_temporary_file(tmp_path, monkeypatch):
    loaded = read_image(PHOTO)

    def refuse(source, destination):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(imageio.os, "replace", refuse)
    with pytest.raises(ImageError, match="Permission denied"):
        write_image(str(tmp_path / "out.jpg"), loaded.pixels, loaded)
    assert os.listdir(tmp_path) == []


def test_write_replaces_an_old_copy_whole(tmp_path):
    loaded = read_image(PHOTO)
    out = write(tmp_path / "copy.jpg", b"stale partial data")
    write_image(out, loaded.pixels, loaded)
    assert read_image(out).pixels.shape == photo().shape
    assert os.listdir(tmp_path) == ["copy.jpg"]


def test_pixels_the_format_cannot_hold_are_refused(tmp_path):
    loaded = read_image(PHOTO)
    with pytest.raises(ImageError, match="uint16"):
        write_image(str(tmp_path / "deep.jpg"), loaded.pixels.astype(np.uint16), loaded)
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("name", ["p.jpg", "p.png", "p.tif"])
def test_only_geoblur_copies_are_recognised_as_its_own(tmp_path, name):
    original = write(tmp_path / name, cv2.imencode(name[-4:], asymmetric())[1].tobytes())
    loaded = read_image(original)
    copy = str(tmp_path / "out" / name)
    write_image(copy, loaded.pixels, loaded)
    link = tmp_path / f"link-{name}"
    link.symlink_to(copy)

    assert written_by_geoblur(copy)
    assert not written_by_geoblur(original)
    assert not written_by_geoblur(str(link))  # it may point anywhere: never GeoBlur's to replace
    assert not written_by_geoblur(str(tmp_path / "out"))
    assert not written_by_geoblur(str(tmp_path / "missing" / name))
    assert not written_by_geoblur(write(tmp_path / f"empty-{name}", b""))
    assert not written_by_geoblur(write(tmp_path / f"cut-{name}", file_bytes(copy)[:20]))
