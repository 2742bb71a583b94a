"""JPEG in, JPEG out: only the blocks under a mask get new coefficients; every other block
keeps the source's bit for bit, and the masked region is as obscured as when the whole image is
re-encoded (issue: touch only what must be hidden)."""
import cv2
import jpeglib
import numpy as np
import piexif
import pytest

from geoblur.core import obscure
from geoblur.core.imageio import read_image, write_image
from geoblur.core.lossless_jpeg import touched_mcus
from geoblur.core.pipeline import Anonymizer, Settings
from geoblur.core.types import Detection, ImageJob
from geoblur.tests.geotagged import gps_exif

from .image_samples import photo, segment, write

MAGENTA = (255, 0, 255)


def _anonymizer(lossless=True):
    style = obscure.Style(method="fill", fill_color=MAGENTA)
    return Anonymizer(Settings(classes=("face",), style=style, device="cpu", lossless_jpeg=lossless))


def _source(tmp_path, *segments, **params):
    """A JPEG of the shipped photo (4:2:0 unless ``sampling`` says otherwise), with ``segments``
    (EXIF...) after SOI."""
    flags = [cv2.IMWRITE_JPEG_QUALITY, 90]
    if params.get("progressive"):
        flags += [cv2.IMWRITE_JPEG_PROGRESSIVE, 1]
    if params.get("sampling"):
        flags += [cv2.IMWRITE_JPEG_SAMPLING_FACTOR, params["sampling"]]
    encoded = cv2.imencode(".jpg", photo(), flags)[1].tobytes()
    path = tmp_path / "photos" / "in.jpg"
    path.parent.mkdir(exist_ok=True)
    write(path, encoded[:2] + b"".join(segments) + encoded[2:])
    return path


def _run(anonymizer, source, tmp_path):
    job = ImageJob(1, str(source), str(tmp_path / "out" / "in.jpg"))
    result = anonymizer.process(job)
    assert result.status == "anonymized", result.error
    return result, job.destination


def _changed_blocks(a, b):
    """Per component, the (rows, columns) of 8×8 blocks whose coefficients differ."""
    first, second = jpeglib.read_dct(str(a)), jpeglib.read_dct(str(b))
    return [np.argwhere(np.any(x != y, axis=(2, 3))) for x, y in
            zip((first.Y, first.Cb, first.Cr), (second.Y, second.Cb, second.Cr))]


@pytest.mark.parametrize("sampling", [None, cv2.IMWRITE_JPEG_SAMPLING_FACTOR_422, cv2.IMWRITE_JPEG_SAMPLING_FACTOR_444])
def test_only_the_blocks_under_the_masks_change(tmp_path, sampling):
    source = _source(tmp_path, segment(0xE1, gps_exif(52.0, 5.0)), sampling=sampling)
    result, copy = _run(_anonymizer(), source, tmp_path)
    assert result.detections and not any("re-encoded" in note for note in result.notes)
    mask = obscure.coverage_mask(*photo().shape[:2], result.detections, 1.3)
    # the pixels the copy changed are the obscured ones and their feather; the blocks that changed
    # are within one MCU (16 px) of them, and are a small part of the image
    ys, xs = np.nonzero(mask)
    luma = _changed_blocks(source, copy)[0]
    assert len(luma) and len(luma) < 0.2 * jpeglib.read_dct(str(source)).Y[..., 0, 0].size
    reach = 16 + max(ys.max() - ys.min(), xs.max() - xs.min())  # feather ≤ the object's size
    assert luma[:, 0].min() * 8 >= ys.min() - reach and (luma[:, 0].max() + 1) * 8 <= ys.max() + reach
    # outside the changed blocks the decoded copy is the decoded source, exactly (PSNR ∞)
    before, after = cv2.imread(str(source)).astype(int), cv2.imread(str(copy)).astype(int)
    untouched = np.ones(before.shape[:2], bool)
    for row, column in luma:
        untouched[max(0, row * 8 - 16):row * 8 + 24, max(0, column * 8 - 16):column * 8 + 24] = False
    assert np.array_equal(before[untouched], after[untouched])
    # and the face is filled as a whole re-encode fills it
    whole = _run(_anonymizer(lossless=False), source, tmp_path / "whole")[1]
    core = obscure.coverage_mask(*photo().shape[:2], result.detections, 1.0)
    fill = np.array(MAGENTA[::-1])
    for output in (copy, whole):
        assert np.abs(cv2.imread(str(output))[core].astype(int) - fill).mean() < 12
    assert piexif.load(str(copy))["GPS"]  # metadata handled as for any copy


def test_a_whole_re_encode_changes_almost_every_block(tmp_path):
    source = _source(tmp_path)
    _, copy = _run(_anonymizer(lossless=False), source, tmp_path)
    luma = _changed_blocks(source, copy)[0]
    assert len(luma) > 0.5 * jpeglib.read_dct(str(source)).Y[..., 0, 0].size


def test_a_progressive_jpeg_is_re_encoded_whole_and_says_so(tmp_path):
    source = _source(tmp_path, progressive=True)
    result, copy = _run(_anonymizer(), source, tmp_path)
    assert any("re-encoded whole: it is a progressive JPEG" in note for note in result.notes)
    core = obscure.coverage_mask(*photo().shape[:2], result.detections, 1.0)
    assert np.abs(cv2.imread(str(copy))[core].astype(int) - np.array(MAGENTA[::-1])).mean() < 12


def test_a_turned_jpeg_is_re_encoded_whole_and_says_so(tmp_path):
    turned = np.ascontiguousarray(np.rot90(photo(), 1))  # stored turned; EXIF 6 turns it upright
    encoded = cv2.imencode(".jpg", turned, [cv2.IMWRITE_JPEG_QUALITY, 90])[1].tobytes()
    exif = piexif.dump({"0th": {piexif.ImageIFD.Orientation: 6}})
    source = tmp_path / "photos" / "in.jpg"
    source.parent.mkdir()
    write(source, encoded[:2] + segment(0xE1, exif) + encoded[2:])
    result, _ = _run(_anonymizer(), source, tmp_path)
    assert any("re-encoded whole: its EXIF orientation" in note for note in result.notes)


@pytest.mark.parametrize("sampling", [None, cv2.IMWRITE_JPEG_SAMPLING_FACTOR_444])
def test_in_place_obscuring_writes_the_same_bytes_as_a_separate_copy(tmp_path, sampling):
    """The pipeline obscures the decoded image in place and keeps only the original's squares
    under the masks: the JPEG is byte for byte the one written from a separate obscured copy
    compared with the whole original."""
    source = _source(tmp_path, sampling=sampling)
    loaded = read_image(str(source))
    height, width = loaded.pixels.shape[:2]
    detections = [Detection("face", 0.9, (width * 0.3, height * 0.2, width * 0.4, height * 0.4), "test"),
                  Detection("vehicle", 0.9, (width * 0.5, height * 0.5, width * 0.95, height * 0.9), "test")]
    style = obscure.Style(method="blur")
    copy = obscure.apply(loaded.pixels, detections, style)
    write_image(str(tmp_path / "copy.jpg"), copy, loaded)
    write_image(str(tmp_path / "in_place.jpg"), loaded.pixels, loaded, originals=obscure.apply_in_place(
        loaded.pixels, detections, style))
    assert np.array_equal(loaded.pixels, copy)
    assert (tmp_path / "copy.jpg").read_bytes() == (tmp_path / "in_place.jpg").read_bytes()
    assert _changed_blocks(source, tmp_path / "copy.jpg")[0].size


@pytest.mark.parametrize("mcu", [(8, 8), (16, 16), (24, 16)])
def test_touched_mcus_folds_patches_that_do_not_start_on_an_mcu(mcu):
    rng = np.random.default_rng(1)
    original = rng.integers(0, 256, (100, 130, 3), dtype=np.uint8)
    changed = original.copy()
    for y, x in [(3, 5), (40, 41), (47, 47), (99, 129), (70, 20)]:
        changed[y, x, 1] ^= 1
    patches = [(5, 3, original[3:60, 5:50].copy()), (20, 60, original[60:100, 20:130].copy())]
    touched = touched_mcus(obscure.Originals(patches), changed, *mcu)
    expected = np.zeros_like(touched)
    for y, x in [(3, 5), (40, 41), (47, 47), (99, 129), (70, 20)]:
        expected[y // mcu[0], x // mcu[1]] = True
    assert np.array_equal(touched, expected)
    whole = touched_mcus(obscure.Originals.of(original), changed, *mcu)
    assert np.array_equal(whole, expected)
