"""Boxes and shapes shared by the adapters, the tiler and the merge steps: overlap, grouping
the detections of one object, and the outline that covers them all."""
from typing import Iterator, List, Sequence, Tuple

import cv2
import numpy as np

from .types import Detection

ELLIPSE_POINTS = 48  # points along a face's ellipse
EDGE_POINTS = 8  # points per side of a box or polygon


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


#: up to this many boxes one matrix of every pair's IoU is the cheapest search (a tile's or a
#: view's few detections, thousands of times per panorama); beyond, each box is compared only
#: with the boxes that can overlap it (a crowded panorama's views give thousands of raw
#: detections, and the matrix of 6,000 took 12 s and 2.2 GB)
DENSE_BOXES = 256


def overlap_groups(boxes: np.ndarray, scores: np.ndarray, iou: float, turn: float = 0.0) -> Iterator[Tuple[int, List[int]]]:
    """Greedy grouping of boxes that show one object: ``(best, others)`` index pairs, best score
    first, each box in exactly one group. ``turn`` (pixels per 360°, 0 for a photo) also matches
    a box with another moved by a whole turn, as the two sides of a panorama's seam are."""
    shifts = (0.0, -turn, turn) if turn else (0.0,)
    search = _all_pairs if len(boxes) <= DENSE_BOXES else _by_left_edge
    overlapping = search(boxes, shifts, iou)
    taken = np.zeros(len(boxes), dtype=bool)
    for i in np.argsort(-scores, kind="stable"):
        if taken[i]:
            continue
        # a degenerate (zero-area) box overlaps nothing, not even itself: include it explicitly
        members = np.union1d(overlapping(i, taken), [i])
        taken[members] = True
        yield int(i), [int(m) for m in members if m != i]


def _all_pairs(boxes: np.ndarray, shifts, iou: float):
    """``(i, taken)`` → the boxes not yet taken that overlap box ``i``, from every pair's IoU."""
    overlaps = np.max([iou_matrix(boxes, boxes + (shift, 0.0, shift, 0.0)) for shift in shifts], axis=0) > iou
    return lambda i, taken: np.where(overlaps[i] & ~taken)[0]


def _by_left_edge(boxes: np.ndarray, shifts, iou: float):
    """``(i, taken)`` → the same, comparing box ``i`` only with the boxes whose left edge lies where
    an overlapping box's must (bisection in the boxes sorted by left edge)."""
    order = np.argsort(boxes[:, 0], kind="stable")
    lefts = boxes[order, 0]
    widest = float((boxes[:, 2] - boxes[:, 0]).max(initial=0.0))

    def overlapping(i: int, taken: np.ndarray) -> np.ndarray:
        found = []
        for shift in shifts:
            near = order[np.searchsorted(lefts, boxes[i, 0] - shift - widest, "left"):
                         np.searchsorted(lefts, boxes[i, 2] - shift, "right")]
            near = near[~taken[near]]
            found.append(near[iou_matrix(boxes[i:i + 1], boxes[near] + (shift, 0.0, shift, 0.0))[0] > iou])
        return np.concatenate(found)

    return overlapping


def outline(detection: Detection) -> np.ndarray:
    """The object's shape as points along its edge: its own polygon (sides subdivided, so it
    bends smoothly when projected), the ellipse inscribed in a face box, or the box's sides."""
    if detection.polygon is not None and len(detection.polygon) >= 3:
        poly = np.asarray(detection.polygon, dtype=np.float64)
        following = np.roll(poly, -1, axis=0)
        steps = np.linspace(0, 1, EDGE_POINTS, endpoint=False)[:, None, None]
        return (poly + (following - poly) * steps).transpose(1, 0, 2).reshape(-1, 2)
    x0, y0, x1, y1 = detection.box
    if detection.cls == "face":
        t = np.linspace(0, 2 * np.pi, ELLIPSE_POINTS, endpoint=False)
        return np.stack([(x0 + x1) / 2 + (x1 - x0) / 2 * np.cos(t), (y0 + y1) / 2 + (y1 - y0) / 2 * np.sin(t)], axis=1)
    s = np.linspace(0, 1, EDGE_POINTS, endpoint=False)
    top = np.stack([x0 + (x1 - x0) * s, np.full_like(s, y0)], axis=1)
    right = np.stack([np.full_like(s, x1), y0 + (y1 - y0) * s], axis=1)
    bottom = np.stack([x1 - (x1 - x0) * s, np.full_like(s, y1)], axis=1)
    left = np.stack([np.full_like(s, x0), y1 - (y1 - y0) * s], axis=1)
    return np.concatenate([top, right, bottom, left])


def hull(outlines: Sequence[np.ndarray]) -> np.ndarray:
    """The convex hull (N, 2) of several outlines: a shape that covers every one of them."""
    points = np.concatenate(outlines).astype(np.float32)
    return cv2.convexHull(points)[:, 0, :].astype(np.float64)


def nms_detections(detections: Sequence[Detection], iou: float = 0.4) -> List[Detection]:
    """Per-class merge of the detections that show one object (found by two tiles, scales or
    models) into one, which keeps the best score and obscures the union of all of them.

    The merged box is the union of the boxes. Its shape covers every member's shape: where all
    members are plain boxes of a boxed class, the union box itself; otherwise (a face's ellipse,
    a segmentation outline cut at a tile border) the hull of all their outlines, since the
    best-scoring member's outline alone, or the ellipse of the union box, leaves part of the
    others uncovered.
    """
    kept: List[Detection] = []
    for cls in sorted({d.cls for d in detections}):
        group = [d for d in detections if d.cls == cls]
        boxes = np.array([d.box for d in group], dtype=np.float64)
        scores = np.array([d.score for d in group], dtype=np.float64)
        for i, others in overlap_groups(boxes, scores, iou):
            best = group[i]
            if not others:
                kept.append(best)
                continue
            members = [best] + [group[m] for m in others]
            union = tuple(float(v) for v in (boxes[[i] + others, :2].min(axis=0).tolist()
                                             + boxes[[i] + others, 2:].max(axis=0).tolist()))
            shaped = cls == "face" or any(m.polygon is not None for m in members)
            polygon = hull([outline(m) for m in members]) if shaped else None
            kept.append(Detection(best.cls, best.score, union, best.model, polygon, dict(best.extra)))
    return kept
