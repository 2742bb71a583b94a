"""Box arithmetic shared by the adapters, the tiler and the merge step."""
from typing import List, Sequence

import numpy as np

from .types import Detection


def iou_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Intersection over union of every box in ``a`` (N, 4) with every box in ``b`` (M, 4)."""
    x1 = np.maximum(a[:, None, 0], b[None, :, 0])
    y1 = np.maximum(a[:, None, 1], b[None, :, 1])
    x2 = np.minimum(a[:, None, 2], b[None, :, 2])
    y2 = np.minimum(a[:, None, 3], b[None, :, 3])
    inter = np.clip(x2 - x1, 0, None) * np.clip(y2 - y1, 0, None)
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    return inter / np.maximum(area_a[:, None] + area_b[None, :] - inter, 1e-9)


def nms(boxes: np.ndarray, scores: np.ndarray, iou: float) -> List[int]:
    """Indices of the boxes kept by greedy non-maximum suppression, best score first."""
    order = list(np.argsort(-scores))
    keep = []
    while order:
        best = order.pop(0)
        keep.append(int(best))
        if not order:
            break
        overlaps = iou_matrix(boxes[best : best + 1], boxes[order])[0]
        order = [i for i, o in zip(order, overlaps) if o <= iou]
    return keep


def nms_detections(detections: Sequence[Detection], iou: float = 0.4) -> List[Detection]:
    """Per-class NMS over detections, so one object found by two tiles or scales is kept once.

    The kept box is grown to the union of the boxes it suppressed: a face cut at a tile border
    and found whole by the next tile is obscured whole.
    """
    kept: List[Detection] = []
    for cls in sorted({d.cls for d in detections}):
        group = [d for d in detections if d.cls == cls]
        boxes = np.array([d.box for d in group], dtype=np.float64)
        scores = np.array([d.score for d in group], dtype=np.float64)
        order = np.argsort(-scores)
        taken = np.zeros(len(group), dtype=bool)
        overlaps = iou_matrix(boxes, boxes)
        for i in order:
            if taken[i]:
                continue
            # a degenerate (zero-area) box overlaps nothing, not even itself: include it explicitly
            members = np.union1d(np.where((overlaps[i] > iou) & ~taken)[0], [i])
            taken[members] = True
            best = group[i]
            union = (
                boxes[members, 0].min(),
                boxes[members, 1].min(),
                boxes[members, 2].max(),
                boxes[members, 3].max(),
            )
            kept.append(
                Detection(best.cls, best.score, tuple(float(v) for v in union), best.model,
                          best.polygon, best.extra)
            )
    return kept


def scale_box(box, factor: float, width: int, height: int):
    """A box grown about its centre by ``factor`` and clipped to the image."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    hw, hh = (box[2] - box[0]) * factor / 2, (box[3] - box[1]) * factor / 2
    return (max(0.0, cx - hw), max(0.0, cy - hh), min(float(width), cx + hw), min(float(height), cy + hh))
