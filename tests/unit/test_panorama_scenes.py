"""A real face photographed into a 360° panorama at a chosen heading and pitch — at the horizon,
across the seam, right below the camera — is found by the Anonymizer, obscured in the written
copy where the panorama shows it (on both edges at the seam), and placed at the right bearing;
GPano decides the projection and heading; ordinary photos are untouched by all this.

The panoramas are made on the fly: tests/data/messi5.jpg is projected as a pinhole camera sees
it, turned so that the face the detector finds in the photo lands at the chosen direction.
"""
import math
import os

import cv2
import numpy as np
import pytest

from geoblur.core import obscure
from geoblur.core.footprints import footprint
from geoblur.core.imageio import read_image
from geoblur.core.panorama import gpano
from geoblur.core.panorama.sphere import lonlat_to_vector
from geoblur.core.pipeline import Anonymizer, Settings
from geoblur.core.types import ImageJob
from geoblur.tests import panoramas
from geoblur.tests.panoramas import gpano_xmp

from .image_samples import itxt, png_with, write

PHOTO = os.path.join(os.path.dirname(__file__), "..", "data", "messi5.jpg")
WIDTH, HEIGHT = 2048, 1024
MAGENTA = (255, 0, 255)  # RGB fill: no pixel of the scene has it
BGR_MAGENTA = MAGENTA[::-1]
NATIVE = WIDTH / (2 * math.pi)  # the panorama's pixels per radian


@pytest.fixture(scope="module")
def anonymizer():
    style = obscure.Style(method="fill", fill_color=MAGENTA)
    return Anonymizer(Settings(classes=("face",), style=style, device="cpu"))


@pytest.fixture(scope="module")
def photo(anonymizer):
    """The photo (RGB) and the box of its best face, as the planar detection sees it."""
    rgb = np.ascontiguousarray(cv2.imread(PHOTO)[:, :, ::-1])
    return rgb, max(anonymizer.detect(rgb), key=lambda d: d.score).box


def project(photo_rgb, face_box, lon_deg, lat_deg, focal):
    return panoramas.project(photo_rgb, face_box, lon_deg, lat_deg, focal, WIDTH, HEIGHT)


def write_png(path, bgr, xmp=None):
    """A PNG of ``bgr``, with ``xmp`` in the iTXt chunk XMP readers look for."""
    write(path, png_with(bgr, *([itxt("XML:com.adobe.xmp", xmp)] if xmp else [])))


def run(anonymizer, tmp_path, bgr, xmp=None, heading=None, image_type="auto"):
    source, destination = str(tmp_path / "in.png"), str(tmp_path / "out" / "in.png")
    os.makedirs(os.path.dirname(destination), exist_ok=True)
    write_png(source, bgr, xmp)
    result = anonymizer.process(ImageJob(1, source, destination, heading=heading, image_type=image_type))
    assert result.status == "anonymized", result.error
    filled = np.all(cv2.imread(destination) == BGR_MAGENTA, axis=2)
    return result, filled


def nearest(detections, lon_deg, lat_deg):
    """The detection nearest to (lon, lat) on the sphere, and how far it is, in degrees."""
    target = lonlat_to_vector(math.radians(lon_deg), math.radians(lat_deg))

    def off(d):
        here = lonlat_to_vector(math.radians(d.extra["lon"]), math.radians(d.extra["lat"]))
        return math.degrees(math.acos(np.clip(here @ target, -1, 1)))

    best = min(detections, key=off)
    return best, off(best)


def test_a_face_at_the_horizon_is_obscured_there_and_lies_at_gpano_heading_plus_longitude(anonymizer, photo, tmp_path):
    pano, face = project(*photo, lon_deg=40, lat_deg=-5, focal=NATIVE)
    result, filled = run(anonymizer, tmp_path, pano, xmp=gpano_xmp(100), heading=5.0)
    assert result.projection == "equirectangular" and result.heading == 100.0  # GPano wins
    assert gpano.heading(read_image(result.output_path).xmp) == 100.0  # GPano kept in the copy
    assert filled[face].mean() > 0.98
    assert filled.mean() < 0.05  # the rest of the panorama is left alone
    d, off = nearest(result.detections, 40, -5)
    assert off < 2
    fp = footprint(result, d)
    assert fp["bearing"] == pytest.approx(140, abs=2) and fp["located"] == "estimate"


def test_a_face_across_the_seam_is_one_detection_obscured_on_both_edges(anonymizer, photo, tmp_path):
    pano, face = project(*photo, lon_deg=180, lat_deg=0, focal=NATIVE)
    assert face[:, :10].any() and face[:, -10:].any()  # the face really straddles the seam
    result, filled = run(anonymizer, tmp_path, pano, heading=10.0)  # no GPano: 2:1 decides
    assert result.projection == "equirectangular" and result.heading == 10.0
    half = WIDTH // 2
    assert filled[:, :half][face[:, :half]].mean() > 0.98
    assert filled[:, half:][face[:, half:]].mean() > 0.98
    d, off = nearest(result.detections, 180, 0)
    assert off < 2
    assert 0 <= d.box[0] < WIDTH < d.box[2]  # one object, its box running past the right edge
    same = [x for x in result.detections if nearest([x], d.extra["lon"], d.extra["lat"])[1] < 2]
    assert len(same) == 1
    assert footprint(result, d)["bearing"] == pytest.approx(190, abs=2)


@pytest.mark.parametrize("lat, heading", [(-70, 50.0), (-90, None)])
def test_a_face_below_the_camera_is_still_obscured(anonymizer, photo, tmp_path, lat, heading):
    # seen twice as large, as a near face is (~15° tall), and turned to look down at the face
    pano, face = project(*photo, lon_deg=-30, lat_deg=lat, focal=0.5 * NATIVE)
    result, filled = run(anonymizer, tmp_path, pano, heading=heading)
    assert face.sum() > 1000
    assert filled[face].mean() > 0.98
    assert filled.mean() < 0.15 and not filled[: HEIGHT // 2].any()  # the band round the nadir only
    placed = footprint(result, nearest(result.detections, -30, lat)[0])
    if heading is None:
        assert placed["located"] == "camera"
    else:  # 70° down the longitude still says where (heading + longitude), if less sharply:
        # 2° on the sphere there is 2° / cos(70°) of longitude
        assert placed["located"] == "estimate"
        assert placed["bearing"] == pytest.approx(20, abs=2 / math.cos(math.radians(-lat)))


def test_an_ordinary_photo_is_detected_as_a_photo(anonymizer, photo, tmp_path):
    rgb, _ = photo
    result, filled = run(anonymizer, tmp_path, rgb[:, :, ::-1], heading=0.0)
    assert result.projection == "planar"
    planar = anonymizer.detect(rgb)
    assert [d.box for d in result.detections] == [d.box for d in planar]
    assert all("lon" not in d.extra for d in result.detections)


def test_the_image_type_overrides_the_aspect_ratio(anonymizer, photo, tmp_path):
    rgb, _ = photo
    as_panorama, _ = run(anonymizer, tmp_path, rgb[:, :, ::-1], image_type="equirectangular")
    assert as_panorama.projection == "equirectangular"
    assert all("lon" in d.extra for d in as_panorama.detections)
    two_to_one = np.ascontiguousarray(cv2.resize(rgb, (512, 256))[:, :, ::-1])
    as_photo, _ = run(anonymizer, tmp_path, two_to_one, xmp=gpano_xmp(0), image_type="planar")
    assert as_photo.projection == "planar"
