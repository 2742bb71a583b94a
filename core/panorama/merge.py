"""Merge the detections of overlapping views into one per object, across the 360° seam.

Neighbouring views (and the coarse and fine passes) see the same object, and an object on the
seam is seen whole by a view that straddles it. Duplicates are found by the overlap (IoU) of
their panorama boxes, also with one box moved by a whole turn, so that a box at x ≈ W - 10 and
one at x ≈ -10 (the same object, unwrapped differently) still meet. The merged object keeps the
best-scoring detection's score and place on the sphere, and the convex hull of all the outlines
as its mask, so a face cut at one view's border and whole in the next is obscured whole.
"""
from typing import List, Sequence

import numpy as np

from ..boxes import hull, overlap_groups
from ..types import Detection
from .mapping import bounds
from .sphere import Geometry

MERGE_IOU = 0.4


def merge(detections: Sequence[Detection], geometry: Geometry, iou: float = MERGE_IOU) -> List[Detection]:
    """One detection per object (per class), best score first within a class."""
    turn = geometry.full_width if geometry.wraps else 0.0
    kept: List[Detection] = []
    for cls in sorted({d.cls for d in detections}):
        group = [d for d in detections if d.cls == cls]
        boxes = np.array([d.box for d in group], dtype=np.float64)
        scores = np.array([d.score for d in group], dtype=np.float64)
        for i, others in overlap_groups(boxes, scores, iou, turn):
            kept.append(_combined(group[i], [group[m] for m in others], geometry))
    return kept


def _combined(best: Detection, others: List[Detection], geometry: Geometry) -> Detection:
    """``best`` with its outline grown to the hull of the others' outlines, each moved by the
    whole turns that bring it next to ``best``."""
    if not others:
        return best
    turn = geometry.full_width
    centre = (best.box[0] + best.box[2]) / 2
    outlines = [best.polygon]
    pole, mask_centre = best.extra["pole"], best.extra["mask_centre"]
    for other in others:
        shift = round((centre - (other.box[0] + other.box[2]) / 2) / turn) * turn
        outlines.append(other.polygon + (shift, 0))
        if other.extra["pole"] and not pole:
            # the mask must grow away from the pole the merged outline now encloses
            pole = other.extra["pole"]
            mask_centre = (other.extra["mask_centre"][0] + shift, other.extra["mask_centre"][1])
    merged = hull(outlines)
    shift = -np.floor((merged[:, 0].min() + geometry.left) / turn) * turn  # x_min back into [0, W)
    merged[:, 0] += shift
    extra = dict(best.extra, pole=pole, mask_centre=(mask_centre[0] + shift, mask_centre[1]))
    return Detection(best.cls, best.score, bounds(merged, pole, geometry), best.model, merged, extra)
