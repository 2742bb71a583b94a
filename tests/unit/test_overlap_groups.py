"""Grouping the detections of one object (``boxes.overlap_groups``) looks, beyond a few hundred
boxes, only at the boxes near each box, not at all pairs; the groups must be exactly those of
the all-pairs search, across a panorama's seam too, whatever the crowd."""
import numpy as np
import pytest

from geoblur.core.boxes import DENSE_BOXES, iou_matrix, overlap_groups

TURN = 1000.0


def all_pairs(boxes, scores, iou, turn):
    """The reference: every pair's IoU (and with one box moved by a whole turn), then greedy."""
    overlaps = iou_matrix(boxes, boxes)
    if turn:
        for shift in (-turn, turn):
            overlaps = np.maximum(overlaps, iou_matrix(boxes, boxes + (shift, 0, shift, 0)))
    taken = np.zeros(len(boxes), dtype=bool)
    groups = []
    for i in np.argsort(-scores, kind="stable"):
        if not taken[i]:
            members = np.union1d(np.where((overlaps[i] > iou) & ~taken)[0], [i])
            taken[members] = True
            groups.append((int(i), [int(m) for m in members if m != i]))
    return groups


def crowd(seed: int, count: int) -> tuple:
    """Boxes in clusters (several detections of one object, slightly moved), some wide, some
    crossing the seam (x beyond the turn or below 0), some degenerate, with tied scores."""
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-50, TURN + 50, (count // 4, 2))
    boxes = []
    for cx, cy in centres:
        size = rng.choice([4.0, 20.0, 60.0, 400.0], p=[0.2, 0.5, 0.25, 0.05])
        for _ in range(rng.integers(1, 7)):
            x, y = cx + rng.normal(0, size / 5, 2)
            w, h = size * rng.uniform(0.7, 1.3, 2)
            boxes.append((x, y, x + w, y + h))
    boxes = np.array(boxes)
    degenerate = rng.random(len(boxes)) < 0.03
    boxes[degenerate, 2] = boxes[degenerate, 0]
    scores = np.round(rng.uniform(0, 1, len(boxes)), 1)  # ties, broken by index in both
    return boxes, scores


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("turn", [0.0, TURN])
@pytest.mark.parametrize("iou", [0.1, 0.4])
@pytest.mark.parametrize("count", [40, 800])
def test_the_groups_are_those_of_the_all_pairs_search(seed, turn, iou, count):
    boxes, scores = crowd(seed, count)
    assert (len(boxes) > DENSE_BOXES) == (count > 100)  # both searches are checked
    assert list(overlap_groups(boxes, scores, iou, turn)) == all_pairs(boxes, scores, iou, turn)


def test_a_box_across_the_seam_joins_its_other_side():
    boxes = np.array([[990.0, 10, 1010, 30], [-10.0, 10, 10, 30], [500.0, 10, 520, 30]])
    scores = np.array([0.9, 0.8, 0.7])
    assert list(overlap_groups(boxes, scores, 0.4, TURN)) == [(0, [1]), (2, [])]
    assert list(overlap_groups(boxes, scores, 0.4)) == [(0, []), (1, []), (2, [])]


def test_no_boxes_no_groups():
    assert list(overlap_groups(np.zeros((0, 4)), np.zeros(0), 0.4, TURN)) == []
