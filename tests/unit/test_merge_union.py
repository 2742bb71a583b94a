"""A merged detection obscures the union of what its members showed (issue: union masks).

Two detections of one object are merged when their boxes overlap (tiles, scales, views, models).
The merged mask must cover every member's own mask at the same mask scale: the best-scoring
member's outline alone, or the ellipse of the union box, leaves part of the others bare.
"""
import cv2
import numpy as np
import pytest

from geoblur.core import obscure
from geoblur.core.boxes import nms_detections
from geoblur.core.panorama import merge
from geoblur.core.panorama.sphere import Geometry
from geoblur.core.types import Detection

H, W = 200, 240


def _uncovered(merged, members, mask_scale):
    """Pixels some member's own mask covers but the merged mask does not, ignoring the one-pixel
    rim where a box and a polygon along the same edge round differently."""
    union = np.zeros((H, W), np.uint8)
    for member in members:
        union |= obscure.coverage_mask(H, W, [member], mask_scale).astype(np.uint8)
    inner = cv2.erode(union, np.ones((3, 3), np.uint8)) > 0
    return inner & ~obscure.coverage_mask(H, W, merged, mask_scale)


@pytest.mark.parametrize("mask_scale", [1.0, 1.2, 1.3])
def test_a_partial_segmentation_outline_does_not_shrink_the_merged_mask(mask_scale):
    # a segmentation model's person, cut at a tile border at x = 120, scores higher than the
    # whole person found by the next tile
    cut = np.array([[60, 40], [120, 40], [120, 160], [60, 160], [80, 100]], dtype=float)
    partial = Detection("person", 0.9, (60, 40, 120, 160), "seg", polygon=cut)
    whole = Detection("person", 0.6, (60, 40, 160, 160), "seg")
    merged = nms_detections([partial, whole])
    assert len(merged) == 1 and merged[0].score == 0.9
    assert merged[0].box == (60, 40, 160, 160)
    assert not _uncovered(merged, [partial, whole], mask_scale).any()


@pytest.mark.parametrize("mask_scale", [1.0, 1.2, 1.3])
def test_two_face_ellipses_are_both_covered(mask_scale):
    # the same face from two scales, the boxes offset vertically: the ellipse inscribed in their
    # union box misses the first ellipse's upper flanks
    upper = Detection("face", 0.9, (60, 20, 160, 120), "cf")
    lower = Detection("face", 0.8, (60, 50, 160, 150), "cf")
    merged = nms_detections([upper, lower])
    assert len(merged) == 1
    assert not _uncovered(merged, [upper, lower], mask_scale).any()


def test_merged_plain_boxes_keep_the_union_box():
    a = Detection("vehicle", 0.9, (10, 10, 100, 80), "nd")
    b = Detection("vehicle", 0.7, (20, 15, 120, 90), "nd")
    merged = nms_detections([a, b])
    assert merged[0].box == (10, 10, 120, 90) and merged[0].polygon is None


def test_panorama_merge_covers_every_view_outline():
    geometry = Geometry.full(W, H)
    ring = np.array([[50, 60], [90, 60], [90, 100], [50, 100]], dtype=float)
    extra = {"pole": None, "mask_centre": (70.0, 80.0)}
    first = Detection("face", 0.9, (50, 60, 90, 100), "cf", ring, dict(extra))
    second = Detection("face", 0.7, (60, 60, 100, 100), "cf", ring + (10, 0), dict(extra, mask_centre=(80.0, 80.0)))
    merged = merge.merge([first, second], geometry)
    assert len(merged) == 1
    assert not _uncovered(merged, [first, second], 1.0).any()
