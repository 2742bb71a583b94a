"""Persons and vehicles on panoramas: searched over views planned for their sizes, not faces'.

The plan (``views.OBJECT_PASSES``) is checked on the sphere (every direction of a pass lies its
margin inside one of its views; each pass takes over where the finer one stops), and with the
real model: a person projected into a panorama at a given size and place is still found and
obscured. The photo is darknet's person.jpg (tests/data/NOTICE.md).
"""
import math
import os

import cv2
import numpy as np
import pytest

from geoblur.core import obscure, panorama, tiling
from geoblur.core.detectors.nanodet import NanoDet
from geoblur.core.panorama import views
from geoblur.core.panorama.sphere import Geometry, lonlat_to_vector
from geoblur.core.pipeline import Anonymizer, Settings
from geoblur.tests import panoramas

from .test_panorama_geometry import _covered

DATA = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data")
PERSON = (187, 98, 280, 380)  # the person in person.jpg (x0, y0, x1, y1)
WIDTH, HEIGHT = 4096, 2048
NATIVE = WIDTH / (2 * math.pi)


def test_nanodet_is_planned_for_its_own_sizes_and_faces_keep_theirs():
    assert views.passes_for("nanodet") == views.OBJECT_PASSES
    assert views.passes_for("centerface") == views.PASSES
    assert views.passes_for("dbnet") == views.PASSES
    g = Geometry.full(8192, 4096)
    objects = views.plan_views(g, views.OBJECT_PASSES)
    # each view is one NanoDet tile: one forward pass, no overlapping tiles inside it
    assert all(max(v.width, v.height) <= 312 for v in objects)
    faces = views.plan_views(g, views.PASSES)

    def runs(planned):  # NanoDet's forward passes over the views, as the tiler plans them
        return sum(len(p.tiles) for v in planned for p in tiling.plan_tiles(v.width, v.height, NanoDet, v.smallest, v.largest))

    assert runs(objects) == len(objects)
    # a person is no larger on the sphere in a 16384 px panorama: the same views serve it
    assert len(views.plan_views(Geometry.full(16384, 8192), views.OBJECT_PASSES)) == len(objects)
    assert runs(objects) < 0.4 * runs(faces)  # at face density: over three times as many


@pytest.mark.parametrize("width", [8192, 2048])
def test_every_direction_of_each_object_pass_lies_its_margin_inside_one_of_its_views(width):
    g = Geometry.full(width, width // 2)
    planned = views.plan_views(g, views.OBJECT_PASSES)
    rng = np.random.default_rng(5)
    for spec in views.OBJECT_PASSES:
        own = [v for v in planned if v.density == spec.density]
        s = rng.uniform(math.sin(math.radians(spec.lat_min)), math.sin(math.radians(spec.lat_max)), 3000)
        dirs = lonlat_to_vector(rng.uniform(-math.pi, math.pi, 3000), np.arcsin(s))
        assert _covered(own, dirs, spec.margin).all()


def test_each_object_pass_starts_where_the_finer_one_stops_and_needs_no_enlarging():
    planned = views.plan_views(Geometry.full(8192, 4096), views.OBJECT_PASSES)
    passes = views.OBJECT_PASSES
    for finer, coarser in zip(passes, passes[1:]):
        for v in (v for v in planned if v.density == coarser.density):
            # what is too large to be surely whole in a finer view is the coarser pass's, and
            # that is no smaller than NanoDet sees without enlarging the view
            assert v.smallest == pytest.approx(2 * math.radians(finer.margin) * v.focal)
            assert v.smallest >= 32
    # the middle and coarse passes look everywhere, poles included
    poles = lonlat_to_vector(np.zeros(2), np.radians([90.0, -90.0]))
    for spec in passes[1:]:
        assert _covered([v for v in planned if v.density == spec.density], poles, spec.margin).all()


def test_a_view_that_two_models_share_is_rendered_once_for_both():
    g = Geometry.full(2048, 1024)
    shared = panorama.plan(g, {"a": views.PASSES, "b": views.PASSES, "c": views.OBJECT_PASSES})
    faces = views.plan_views(g, views.PASSES)
    objects = views.plan_views(g, views.OBJECT_PASSES)
    assert len(shared) == len(faces) + len(objects)
    for view, searches in shared:
        keys = [key for key, _, _ in searches]
        assert keys in (["a", "b"], ["c"])


def test_a_detection_larger_than_the_view_is_responsible_for_is_left_to_a_coarser_view():
    calls = []

    def whole_view(image, smallest, largest, key):
        calls.append(largest)
        from geoblur.core.types import Detection

        height, width = image.shape[:2]
        return [Detection("vehicle", 0.5, (0.0, 0.0, float(width), float(height)), key)]

    # a stand-in for Anonymizer.detect: the view's band is passed on, the pipeline drops what is
    # larger (checked on the real pipeline below); here: every view gets its own band
    g = Geometry.full(2048, 1024)
    panorama.detect(np.zeros((1024, 2048, 3), np.uint8), g, whole_view, plans={"m": views.OBJECT_PASSES})
    assert set(calls) == {v.largest for v in views.plan_views(g, views.OBJECT_PASSES)}


@pytest.fixture(scope="module")
def anonymizer():
    return Anonymizer(Settings(classes=("person", "vehicle"), device="cpu"))


def _person_panorama(tall_px, lon, lat):
    """person.jpg projected so that its person is ``tall_px`` panorama pixels tall (at the
    horizon's scale) and centred at (lon, lat) degrees; the panorama (RGB) and the person's
    ellipse in it."""
    photo = np.ascontiguousarray(cv2.imread(os.path.join(DATA, "person.jpg"))[..., ::-1])
    focal = (PERSON[3] - PERSON[1]) * NATIVE / tall_px
    bgr, ellipse = panoramas.project(photo, PERSON, lon, lat, focal, WIDTH, HEIGHT)
    return np.ascontiguousarray(bgr[..., ::-1]), ellipse


@pytest.mark.parametrize("tall_px, lon, lat", [
    (48, 100.0, -10.0),  # small, in the horizon band: the fine pass at 0.8 of the density
    (48, -179.0, 20.0),  # small, high, on the seam
    (140, 30.0, -30.0),  # too large for the fine views to hold surely: the middle pass
    (420, -60.0, -50.0),  # near and below the horizon band: the middle or coarse pass
])
def test_a_person_of_a_given_size_at_a_given_place_on_the_sphere_is_found(anonymizer, tall_px, lon, lat):
    rgb, ellipse = _person_panorama(tall_px, lon, lat)
    found = [d for d in anonymizer.detect_panorama(rgb, Geometry.full(WIDTH, HEIGHT)) if d.cls == "person"]
    mask = obscure.coverage_mask(HEIGHT, WIDTH, found, 1.3, wrap=True)
    assert mask[ellipse].mean() >= 0.9
    # and not by one mask over the whole region: the person's own mask is near its size
    best = max(found, key=lambda d: (mask[ellipse].mean(), d.score))
    assert best.extra["size_px"] < 3 * tall_px


def test_the_stage_recorder_counts_one_forward_pass_per_object_view(anonymizer):
    g = Geometry.full(2048, 1024)
    stages = tiling.Stages()
    anonymizer.record_stages(stages)
    try:
        anonymizer.detect_panorama(np.full((1024, 2048, 3), 90, np.uint8), g)
    finally:
        anonymizer.record_stages(None)
    planned = views.plan_views(g, views.OBJECT_PASSES)
    # a panorama this small has its coarser views enlarged for NanoDet, so tiled
    tiles = sum(len(p.tiles) for v in planned for p in tiling.plan_tiles(v.width, v.height, NanoDet, v.smallest, v.largest))
    forward = stages.rows["nanodet-m: forward passes"]
    assert forward["calls"] == forward["tiles"] == tiles
    assert forward["pixels"] == tiles * 416 * 416
    assert stages.rows["panorama: rendering views"]["tiles"] == len(planned)
    assert all(adapter.stages is None for adapter, _ in anonymizer.adapters)
