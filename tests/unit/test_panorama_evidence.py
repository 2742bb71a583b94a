"""A 2:1 image without GPano is a panorama only on evidence (issue: no false panoramas).

18:9 phone photos and dashcam crops are 2:1; taken for panoramas, their small faces near the top
and bottom would only get the coarse pass and their masks would wrap across the edges.
"""
import os

import cv2
import numpy as np
import piexif
import pytest

from geoblur.core import obscure
from geoblur.core.panorama import evidence
from geoblur.core.pipeline import Anonymizer, Settings
from geoblur.core.types import ImageJob

from .image_samples import DATA, jpeg_with, segment, texture, write


def _two_to_one(name):
    """A 2:1 crop of a shipped photo (RGB): a planar image of panorama shape."""
    bgr = cv2.imread(os.path.join(DATA, name))
    height, width = bgr.shape[:2]
    crop = bgr[: width // 2] if height >= width // 2 else bgr[:, : 2 * height]
    return np.ascontiguousarray(crop[:, :, ::-1])


def _seamless(side=400):
    """A 2:1 image whose right edge continues into its left one, as an equirectangular
    panorama's does: a texture followed by its mirror image."""
    half = texture(3, side, side)
    return np.ascontiguousarray(np.concatenate([half, half[:, ::-1]], axis=1)[:, :, ::-1])


@pytest.mark.parametrize("name", ["messi5.jpg", "dog.jpg", "person.jpg", "licenseplate_motion.jpg"])
def test_a_2_to_1_crop_of_a_photo_is_not_a_panorama(name):
    rgb = _two_to_one(name)
    meets, measure = evidence.seam_continues(rgb)
    assert not meets, measure
    is_panorama, why = evidence.classify("auto", None, {}, rgb)
    assert not is_panorama and "treated as a photo" in why


def test_edges_that_meet_make_a_panorama():
    meets, measure = evidence.seam_continues(_seamless())
    assert meets, measure
    assert evidence.classify("auto", None, {}, _seamless())[0]


def test_featureless_edges_prove_nothing():
    flat = np.full((300, 600, 3), 120, np.uint8)
    assert not evidence.seam_continues(flat)[0]


def test_a_known_360_camera_is_evidence_and_gpano_or_the_image_type_decide_first():
    rgb = _two_to_one("messi5.jpg")
    theta = {"0th": {271: b"RICOH", 272: b"RICOH THETA Z1"}}
    assert evidence.classify("auto", None, theta, rgb) == (True, "2:1 from the 360° camera RICOH RICOH THETA Z1")
    assert not evidence.classify("auto", None, {"0th": {271: b"Canon", 272: b"EOS R5"}}, rgb)[0]
    cylindrical = '<rdf:Description GPano:ProjectionType="cylindrical"/>'
    assert not evidence.classify("auto", cylindrical, theta, rgb)[0]
    assert evidence.classify("equirectangular", None, {}, rgb)[0]
    assert not evidence.classify("planar", None, {}, _seamless())[0]


def test_the_pipeline_treats_a_2_to_1_photo_as_a_photo_and_says_why(tmp_path):
    anonymizer = Anonymizer(Settings(classes=("face",), style=obscure.Style(method="fill"), device="cpu"))
    source, destination = tmp_path / "in.jpg", tmp_path / "out" / "in.jpg"
    write(source, jpeg_with(_two_to_one("messi5.jpg")[:, :, ::-1]))
    result = anonymizer.process(ImageJob(1, str(source), str(destination)))
    assert result.status == "anonymized", result.error
    assert result.projection == "planar"
    assert any("treated as a photo" in note for note in result.notes)
    assert result.detections and all("lon" not in d.extra for d in result.detections)

    camera = piexif.dump({"0th": {271: b"Insta360", 272: b"Insta360 X3"}})
    write(source, jpeg_with(_two_to_one("messi5.jpg")[:, :, ::-1], segment(0xE1, camera)))
    result = anonymizer.process(ImageJob(2, str(source), str(destination)))
    assert result.status == "anonymized", result.error
    assert result.projection == "equirectangular"
