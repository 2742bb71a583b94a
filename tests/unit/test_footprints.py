"""Bearings and distances of detections in ordinary photos."""
import math

import pytest

from geoblur.core import footprints


def test_35mm_focal_length_gives_the_horizontal_field_of_view():
    assert footprints.horizontal_fov_from_35mm(18) == pytest.approx(90.0)


def test_centre_of_the_photo_looks_along_the_heading():
    fp = footprints.planar_footprint("face", (90, 40, 110, 60), 200, 100, heading=30, hfov_deg=90)
    assert fp["bearing"] == pytest.approx(30)
    assert fp["located"] == "wedge"
    assert fp["ring"][0] == (0.0, 0.0) and fp["ring"][-1] == (0.0, 0.0)


def test_right_edge_looks_half_the_field_of_view_right_and_wraps_north():
    fp = footprints.planar_footprint("face", (195, 40, 200, 60), 200, 100, heading=350, hfov_deg=90)
    assert fp["bearing"] == pytest.approx((350 + 44.4) % 360, abs=0.5)


def test_distance_follows_the_class_size():
    # a 1.70 m person spanning 2·atan(0.85/10) is 10 m away
    angle = math.degrees(2 * math.atan(0.85 / 10))
    assert footprints.distance_from_angle("person", angle) == pytest.approx(10)


def test_without_heading_the_footprint_is_the_camera():
    fp = footprints.planar_footprint("face", (0, 0, 10, 10), 100, 100, heading=None, hfov_deg=60)
    assert fp["ring"] is None and fp["located"] == "camera"
