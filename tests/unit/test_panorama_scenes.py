"""A real face photographed into a 360° panorama at a chosen heading and pitch — at the horizon,
across the seam, right below the camera — is found, obscured where the panorama shows it (on
both edges at the seam), and placed at the right bearing.

The panoramas are made on the fly: tests/data/messi5.jpg is projected as a pinhole camera sees
it, turned so that the face the detector finds in the photo lands at the chosen direction.
"""
import math
import os

import cv2
import numpy as np
import pytest

from geoblur.core import obscure, panorama, tiling
from geoblur.core.detectors import make_adapter
from geoblur.core.footprints import footprint
from geoblur.core.models import load_manifest
from geoblur.core.panorama.sphere import Geometry, lonlat_to_vector, rotation, vector_to_lonlat
from geoblur.core.types import ImageResult

PHOTO = os.path.join(os.path.dirname(__file__), "..", "data", "messi5.jpg")
WIDTH, HEIGHT = 2048, 1024
MAGENTA = (255, 0, 255)


@pytest.fixture(scope="module")
def adapter():
    return make_adapter(load_manifest()["centerface"], "cpu")


@pytest.fixture(scope="module")
def photo(adapter):
    """The photo (RGB) and the box of its best face, as the planar detector sees it."""
    rgb = np.ascontiguousarray(cv2.imread(PHOTO)[:, :, ::-1])
    best = max(tiling.detect(adapter, rgb, 0.3), key=lambda d: d.score)
    return rgb, best.box


def _detect_view(adapter):
    return lambda rgb: [d for d in tiling.detect(adapter, rgb, 0.1, 8) if d.score >= 0.1]


def project(photo_rgb, face_box, lon_deg, lat_deg, focal):
    """The photo as a pinhole camera of ``focal`` px sees it, turned so that the centre of
    ``face_box`` looks at (lon, lat); returns the panorama and the face ellipse's pixels in it."""
    h, w = photo_rgb.shape[:2]
    cx, cy = (face_box[0] + face_box[2]) / 2, (face_box[1] + face_box[3]) / 2
    face_lon, face_lat = vector_to_lonlat(np.array([(cx - w / 2) / focal, (cy - h / 2) / focal, 1.0]))
    camera_to_world = rotation(math.radians(lon_deg), math.radians(lat_deg)) @ rotation(face_lon, face_lat).T
    geometry = Geometry.full(WIDTH, HEIGHT)
    y, x = np.mgrid[0:HEIGHT, 0:WIDTH] + 0.5
    cam = lonlat_to_vector(*geometry.to_lonlat(x, y)) @ camera_to_world
    z = np.where(cam[..., 2] > 1e-6, cam[..., 2], 1e-6)
    u = np.where(cam[..., 2] > 1e-6, cam[..., 0] / z * focal + w / 2, -1e4).astype(np.float32)
    v = np.where(cam[..., 2] > 1e-6, cam[..., 1] / z * focal + h / 2, -1e4).astype(np.float32)
    pano = cv2.remap(photo_rgb, u - 0.5, v - 0.5, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=(90, 110, 90))
    ellipse = np.zeros((h, w), np.uint8)
    centre = (int(round(cx)), int(round(cy)))
    axes = (int(round((face_box[2] - face_box[0]) / 2)), int(round((face_box[3] - face_box[1]) / 2)))
    cv2.ellipse(ellipse, centre, axes, 0, 0, 360, 255, -1)
    face = cv2.remap(ellipse, u - 0.5, v - 0.5, cv2.INTER_NEAREST, borderMode=cv2.BORDER_CONSTANT) > 0
    return pano, face


def _anonymize(adapter, pano):
    detections = panorama.detect(pano, Geometry.full(WIDTH, HEIGHT), _detect_view(adapter))
    style = obscure.Style(method="fill", fill_color=MAGENTA)
    out = obscure.apply(pano, detections, style, wrap=True)
    filled = np.all(out == MAGENTA, axis=2)
    return detections, filled


def _face_detection(detections, lon_deg, lat_deg):
    """The face detection nearest to (lon, lat) on the sphere, and its distance in degrees."""
    target = lonlat_to_vector(math.radians(lon_deg), math.radians(lat_deg))
    def distance(d):
        return math.degrees(math.acos(np.clip(lonlat_to_vector(math.radians(d.extra["lon"]), math.radians(d.extra["lat"])) @ target, -1, 1)))
    best = min(detections, key=distance)
    return best, distance(best)


def test_a_face_at_the_horizon_is_obscured_there_and_lies_at_heading_plus_longitude(adapter, photo):
    pano, face = project(*photo, lon_deg=40, lat_deg=-5, focal=WIDTH / (2 * math.pi))
    detections, filled = _anonymize(adapter, pano)
    assert filled[face].mean() > 0.98
    assert filled.mean() < 0.05  # the rest of the panorama is left alone
    d, off = _face_detection(detections, 40, -5)
    assert off < 2
    fp = footprint(ImageResult("j", "p", "anonymized", width=WIDTH, height=HEIGHT, projection="equirectangular", heading=100.0), d)
    assert fp["bearing"] == pytest.approx(140, abs=2)
    assert fp["located"] == "estimate"


def test_a_face_across_the_seam_is_one_detection_obscured_on_both_edges(adapter, photo):
    pano, face = project(*photo, lon_deg=180, lat_deg=0, focal=WIDTH / (2 * math.pi))
    assert face[:, :10].any() and face[:, -10:].any()  # the face really straddles the seam
    detections, filled = _anonymize(adapter, pano)
    left, right = face[:, : WIDTH // 2], face[:, WIDTH // 2 :]
    assert filled[:, : WIDTH // 2][left].mean() > 0.98
    assert filled[:, WIDTH // 2 :][right].mean() > 0.98
    d, off = _face_detection(detections, 180, 0)
    assert off < 2
    assert 0 <= d.box[0] < WIDTH < d.box[2]  # one object, its box running past the right edge
    seam_faces = [x for x in detections if x.box[0] < WIDTH < x.box[2] or x.box[0] < 5]
    assert len([x for x in seam_faces if _near(x, d)]) == 1
    fp = footprint(ImageResult("j", "p", "anonymized", width=WIDTH, height=HEIGHT, projection="equirectangular", heading=10.0), d)
    assert fp["bearing"] == pytest.approx(190, abs=2)


def _near(a, b):
    return abs(((a.extra["lon"] - b.extra["lon"]) + 180) % 360 - 180) < 3 and abs(a.extra["lat"] - b.extra["lat"]) < 3


@pytest.mark.parametrize("lat", [-70, -90])
def test_a_face_below_the_camera_is_still_obscured(adapter, photo, lat):
    # the photo seen larger (as a near face is), turned to look down at the face
    pano, face = project(*photo, lon_deg=-30, lat_deg=lat, focal=1.5 * WIDTH / (2 * math.pi))
    detections, filled = _anonymize(adapter, pano)
    assert face.sum() > 1000
    assert filled[face].mean() > 0.98
    assert filled.mean() < 0.1
