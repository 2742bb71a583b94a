"""Detections carried back from views to the panorama, merged across views and the seam, obscured
on both seam edges, read from GPano, and placed on the map (no model needed)."""
import math

import numpy as np
import pytest

from geoblur.core import boxes, obscure, panorama
from geoblur.core.errors import Canceled
from geoblur.core.footprints import footprint, offset
from geoblur.core.panorama import gpano, mapping, merge, views
from geoblur.core.panorama.sphere import Geometry
from geoblur.core.types import Detection, ImageResult

G = Geometry.full(2048, 1024)  # 2048 / 2π ≈ 326 px per radian


def _view(yaw_deg, pitch_deg, density=1.0, size=512):
    focal = density * G.pixels_per_radian
    return views.View(math.radians(yaw_deg), math.radians(pitch_deg), focal, size, size, density)


def _face(box, score=0.9):
    return Detection("face", score, box, "m")


def test_a_face_at_the_horizon_maps_to_an_ellipse_of_the_same_size_at_its_longitude():
    view = _view(30, 0)
    d = mapping.to_panorama(_face((246, 236, 266, 276)), view, G)  # 20×40 px, centred
    x0, y0, x1, y1 = d.box
    assert (x0 + x1) / 2 == pytest.approx(1024 + 2048 * 30 / 360, abs=0.5)
    assert (y0 + y1) / 2 == pytest.approx(512, abs=0.5)
    assert x1 - x0 == pytest.approx(20, abs=0.5) and y1 - y0 == pytest.approx(40, abs=0.5)
    assert d.extra["lon"] == pytest.approx(30, abs=0.05) and d.extra["lat"] == pytest.approx(0, abs=0.05)
    assert d.extra["angular_height"] == pytest.approx(math.degrees(2 * math.atan(20 / G.pixels_per_radian)), rel=1e-6)
    # the outline is the ellipse itself: its area is π·a·b, not the box's
    area = 0.5 * abs(np.dot(d.polygon[:, 0], np.roll(d.polygon[:, 1], 1)) - np.dot(d.polygon[:, 1], np.roll(d.polygon[:, 0], 1)))
    assert area == pytest.approx(math.pi * 10 * 20, rel=0.03)
    assert d.extra["pole"] is None


def test_a_box_from_a_finer_view_maps_to_the_panorama_scale():
    d = mapping.to_panorama(Detection("person", 0.8, (236, 206, 276, 306), "m"), _view(-90, 0, density=2.0), G)
    assert d.box[2] - d.box[0] == pytest.approx(20, abs=0.5)  # 40 view px at twice the density
    assert d.box[3] - d.box[1] == pytest.approx(50, abs=0.5)
    assert len(d.polygon) == 4 * boxes.EDGE_POINTS


def test_a_face_across_the_seam_is_one_shape_starting_before_W_and_ending_after_it():
    d = mapping.to_panorama(_face((236, 236, 276, 276)), _view(180, 0), G)
    x0, _, x1, _ = d.box
    assert 0 <= x0 < 2048 < x1
    assert x1 - x0 == pytest.approx(40, abs=0.5)
    assert d.extra["lon"] == pytest.approx(180, abs=0.01) or d.extra["lon"] == pytest.approx(-180, abs=0.01)


def test_a_face_high_above_the_horizon_is_stretched_sideways_in_the_panorama():
    d = mapping.to_panorama(_face((236, 236, 276, 276)), _view(0, 70), G)
    x0, y0, x1, y1 = d.box
    # at latitude 70 a degree of longitude is cos(70) ≈ 0.34 degree of arc: about 2.9× wider
    assert (x1 - x0) / (y1 - y0) == pytest.approx(1 / math.cos(math.radians(70)), rel=0.1)


def test_a_face_right_below_the_camera_becomes_the_band_above_the_bottom_edge():
    d = mapping.to_panorama(_face((216, 216, 296, 296)), _view(0, -90), G)
    assert d.extra["pole"] == "nadir"
    x0, y0, x1, y1 = d.box
    assert (x0, x1) == (0.0, 2048.0) and y1 == pytest.approx(1024)  # every longitude: the full width
    # the face spans about 80/326 rad = 14°; its edge is ~7° above the nadir: 40 px above the bottom
    assert 1024 - y0 == pytest.approx(40, abs=3)
    mask = obscure.coverage_mask(1024, 2048, [d], 1.0, wrap=True)
    assert mask[1000:, :].all() and not mask[:960, :].any()
    grown = obscure.coverage_mask(1024, 2048, [d], 1.5, wrap=True)
    # grown away from the pole: the band gets ~1.5 × 1.1 deeper
    assert grown[1024 - 60:, :].all() and not grown[:1024 - 75, :].any()


def test_the_nadir_band_is_feathered_by_the_face_size_not_by_its_360_degree_width():
    d = mapping.to_panorama(_face((216, 216, 296, 296)), _view(0, -90), G)
    assert d.extra["size_px"] == pytest.approx(80, rel=0.02)  # 80 view px at the panorama's density
    grey = np.full((1024, 2048, 3), 128, np.uint8)
    out = obscure.apply(grey, [d], obscure.Style(method="fill", fill_color=(0, 0, 0)), wrap=True)
    changed = np.any(out != grey, axis=2)
    assert changed[1000:].all()
    # band ~40 px deep, grown 1.43x, feather ~9 px: nothing changes 100 px above the bottom edge
    assert not changed[: 1024 - 100].any()


def test_views_seeing_one_face_from_either_side_of_the_seam_merge_into_one():
    a = mapping.to_panorama(_face((236, 236, 276, 276)), _view(180, 0), G)  # whole, across the seam
    b = mapping.to_panorama(_face((250, 236, 290, 276)), _view(178, 0), G)  # the same face, shifted view
    f = G.pixels_per_radian  # its eastern part (longitudes 180..183.5), cut, in a view looking at 190°
    c = mapping.to_panorama(_face((256 + f * math.tan(math.radians(-10)), 236, 256 + f * math.tan(math.radians(-6.5)), 276), 0.5),
                            _view(190, 0), G)
    other = mapping.to_panorama(_face((236, 236, 276, 276)), _view(100, 0), G)
    assert c.box[2] < 100 and a.box[2] > 2048  # unwrapped differently
    merged = merge.merge([a, b, c, other], G)
    assert len(merged) == 2
    seam = max(merged, key=lambda d: d.box[2])
    assert seam.score == 0.9 and 0 <= seam.box[0] < 2048 < seam.box[2]
    # the hull holds every piece: it covers the union of the pieces, both edges included
    mask = obscure.coverage_mask(1024, 2048, [seam], 1.0, wrap=True)
    for piece in (a, b, c):
        assert mask[obscure.coverage_mask(1024, 2048, [piece], 1.0, wrap=True)].mean() > 0.97


def test_detect_runs_the_planar_detection_on_every_view_and_stops_when_canceled():
    seen = []

    def one_face_in_the_middle(rgb, smallest, largest):  # the same object at each view's centre
        seen.append((rgb.shape[1], rgb.shape[0], smallest, largest))
        h, w = rgb.shape[:2]
        return [_face((w / 2 - 4, h / 2 - 4, w / 2 + 4, h / 2 + 4))]

    pano = np.zeros((1024, 2048, 3), np.uint8)
    found = panorama.detect(pano, G, one_face_in_the_middle)
    planned = views.plan_views(G)
    assert len(seen) == len(planned) == len(found)  # views' centres differ: no merging
    # each view is searched for the band of sizes its pass is responsible for
    assert seen == [(v.width, v.height, v.smallest, v.largest) for v in planned]
    calls = []
    with pytest.raises(Canceled):
        panorama.detect(pano, G, one_face_in_the_middle, lambda: calls.append(1) or len(calls) > 3)
    assert len(seen) == len(found) + 3


def test_obscure_wraps_a_seam_object_to_both_edges_only_when_asked():
    pixels = np.full((100, 400, 3), 200, np.uint8)
    d = Detection("face", 0.9, (385, 40, 415, 60), "m",
                  np.array([[385, 40], [415, 40], [415, 60], [385, 60]], float), {})
    style = obscure.Style(method="fill", mask_scale=1.0, fill_color=(0, 0, 0))
    wrapped = obscure.apply(pixels, [d], style, wrap=True)
    assert (wrapped[45:55, 388:400] == 0).all() and (wrapped[45:55, 0:12] == 0).all()
    flat = obscure.apply(pixels, [d], style)
    assert (flat[45:55, 388:400] == 0).all() and (flat[:, :40] == 200).all()
    assert obscure.coverage_mask(100, 400, [d], 1.0, wrap=True)[50, 5]
    assert not obscure.coverage_mask(100, 400, [d], 1.0)[50, 5]


def test_obscure_wrap_leaves_shapes_inside_the_image_as_without_it():
    rng = np.random.default_rng(4)
    pixels = rng.integers(0, 255, (120, 300, 3), dtype=np.uint8)
    dets = [Detection("face", 0.9, (100, 30, 140, 80), "m"), Detection("vehicle", 0.8, (150, 20, 250, 100), "m")]
    for method in ("blur", "pixelate", "fill"):
        style = obscure.Style(method=method)
        assert np.array_equal(obscure.apply(pixels, dets, style, wrap=True), obscure.apply(pixels, dets, style))


XMP_ATTRIBUTES = """<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:GPano="http://ns.google.com/photos/1.0/panorama/"
 GPano:ProjectionType="equirectangular" GPano:PoseHeadingDegrees="370.5"
 GPano:FullPanoWidthPixels="8000" GPano:FullPanoHeightPixels="4000" GPano:CroppedAreaLeftPixels="0"
 GPano:CroppedAreaTopPixels="1000" GPano:CroppedAreaImageWidthPixels="8000"
 GPano:CroppedAreaImageHeightPixels="2000"/></rdf:RDF></x:xmpmeta>"""
XMP_ELEMENTS = """<rdf:Description><GPano:ProjectionType>cylindrical</GPano:ProjectionType>
<GPano:PoseHeadingDegrees>12</GPano:PoseHeadingDegrees></rdf:Description>"""


def test_gpano_is_read_in_attribute_and_element_form():
    assert gpano.properties(XMP_ATTRIBUTES)["ProjectionType"] == "equirectangular"
    assert gpano.heading(XMP_ATTRIBUTES) == pytest.approx(10.5)
    assert gpano.properties(XMP_ELEMENTS)["ProjectionType"] == "cylindrical"
    assert gpano.heading(XMP_ELEMENTS) == 12.0
    assert gpano.heading(None) is None and gpano.heading("<x/>") is None


def test_auto_follows_gpano_then_the_2_to_1_aspect_and_explicit_types_win():
    assert gpano.declared(XMP_ATTRIBUTES) is True  # GPano says so (a 4:1 crop, too)
    assert gpano.declared(XMP_ELEMENTS) is False  # GPano says cylindrical
    assert gpano.declared(None) is None and gpano.declared("") is None
    assert gpano.two_to_one(4000, 2000) and gpano.two_to_one(4002, 2000)
    assert not gpano.two_to_one(4000, 3000)


def test_gpano_crop_is_scaled_to_the_image_as_stored():
    g = gpano.geometry(XMP_ATTRIBUTES, 4000, 1000)  # written at 8000×2000, stored at half size
    assert g == Geometry(4000, 1000, 4000, 2000, 0, 500)
    assert g.wraps  # all 360° are there
    assert gpano.geometry(None, 4000, 2000) == Geometry.full(4000, 2000)


def _panorama_result(heading):
    return ImageResult("j", "p.jpg", "anonymized", width=2048, height=1024, projection="equirectangular",
                       heading=heading)


def test_footprint_bearing_is_heading_plus_longitude_and_distance_follows_the_face_size():
    face = mapping.to_panorama(_face((246, 236, 266, 276)), _view(-60, 0), G)  # 40 px ≈ 7° tall
    fp = footprint(_panorama_result(100.0), face)
    assert fp["bearing"] == pytest.approx(40.0, abs=0.1)
    expected = 0.22 / (2 * math.tan(math.radians(face.extra["angular_height"]) / 2))
    assert fp["distance_m"] == pytest.approx(expected, rel=1e-3)
    assert fp["located"] == "estimate"
    ring = np.array(fp["ring"])
    assert np.allclose(ring[0], ring[-1])
    centre = np.array(offset(fp["bearing"], fp["distance_m"]))
    assert np.linalg.norm(ring[:-1].mean(axis=0) - centre) < 0.2 * fp["distance_m"]
    assert np.linalg.norm(ring[:-1] - centre, axis=1).max() < 0.3 * fp["distance_m"]


def test_footprint_across_north_wraps_and_without_heading_is_the_camera():
    face = mapping.to_panorama(_face((246, 236, 266, 276)), _view(170, 0), G)
    assert footprint(_panorama_result(350.0), face)["bearing"] == pytest.approx(160.0, abs=0.1)
    fp = footprint(_panorama_result(None), face)
    assert fp["ring"] is None and fp["located"] == "camera" and fp["bearing"] is None


def test_a_person_below_the_horizon_is_placed_by_the_ground_angle_of_its_feet():
    # feet 10° below the horizon with the camera 2.5 m up: 2.5 / tan(10°) ≈ 14.2 m
    view = _view(0, -10)
    person = mapping.to_panorama(Detection("person", 0.8, (246, 100, 266, 256), "m"), view, G)
    assert person.extra["bottom_lat"] == pytest.approx(-10, abs=0.01)
    assert footprint(_panorama_result(0.0), person)["distance_m"] == pytest.approx(2.5 / math.tan(math.radians(10)), rel=1e-3)


def test_footprint_of_a_box_without_sphere_data_reads_its_place_from_the_box():
    bare = Detection("face", 0.9, (1536 - 10, 512 - 20, 1536 + 10, 512 + 20), "m")  # 90° right of centre
    fp = footprint(_panorama_result(0.0), bare)
    assert fp["bearing"] == pytest.approx(90.0)
    assert fp["distance_m"] == pytest.approx(0.22 / (2 * math.tan(math.radians(40 / 1024 * 180) / 2)), rel=1e-3)
