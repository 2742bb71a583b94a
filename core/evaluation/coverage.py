"""The coverage metric: how much of each labelled object the output really obscures.

Coverage, not IoU: a face hidden by a mask twice its size is anonymized, one whose mask covers
half of it is not. For every object the share of its pixels that are obscured is measured; a
(class, size bucket) row then reports

- ``pixels_obscured``: obscured object pixels / object pixels, pooled over the row's objects,
- ``r50`` / ``r90``: the share of the row's objects at least 50% / 90% obscured,
- ``over``: obscured background pixels / background pixels, pooled over the images that hold
  the row's objects (background: away from every labelled object and crowd region, see
  :data:`.masks.OVER_MARGIN`) — how much a tool blurs what it need not.

Sizes are the square root of the object's box area (COCO's convention); buckets are half-open,
``[lo, hi)``: by default S < 32 px, M 32–96, L ≥ 96.
"""
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from ..errors import GeoBlurError
from ..types import CLASSES
from .groundtruth import Box, GtImage
from .masks import background_mask, object_pixels

DEFAULT_EDGES: Tuple[float, ...] = (32.0, 96.0)
ALL = "all"


def parse_edges(text: Optional[str]) -> Tuple[float, ...]:
    """Bucket edges from text such as ``"32,96"`` (pixels, increasing); empty text → defaults."""
    if text is None or not str(text).strip():
        return DEFAULT_EDGES
    try:
        edges = tuple(float(v) for v in str(text).replace(";", ",").split(",") if v.strip())
    except ValueError:
        edges = ()
    if not edges or any(e <= 0 for e in edges) or any(b <= a for a, b in zip(edges, edges[1:])):
        raise GeoBlurError(
            f"Size buckets {text!r}: give increasing sizes in pixels separated by commas, such as 32,96."
        )
    return edges


def bucket_labels(edges: Sequence[float]) -> List[str]:
    """One label per bucket: ``S <32``, ``M 32-96``, ``L >=96`` for three buckets, ranges otherwise."""
    ranges = [f"<{edges[0]:g}"]
    ranges += [f"{a:g}-{b:g}" for a, b in zip(edges, edges[1:])]
    ranges.append(f">={edges[-1]:g}")
    if len(ranges) == 3:
        return [f"{prefix} {r}" for prefix, r in zip("SML", ranges)]
    return ranges


@dataclass
class ObjectScore:
    """One object's outcome."""

    image: str  # the image's file name as labelled
    cls: str
    label: str
    boxes: List[Box]
    size: float
    bucket: str
    pixels: int
    obscured: int

    @property
    def coverage(self) -> float:
        return self.obscured / self.pixels if self.pixels else 0.0


@dataclass
class Row:
    cls: str
    size: str
    objects: int
    pixels_obscured: Optional[float]
    r50: Optional[float]
    r90: Optional[float]
    over: Optional[float]

    def as_dict(self) -> Dict[str, object]:
        return dict(self.__dict__)


@dataclass
class _ImageTally:
    background: int
    background_obscured: int
    groups: set  # (class, bucket) pairs present


class Tally:
    """Accumulates object and background scores image by image, then gives the table."""

    def __init__(self, edges: Sequence[float] = DEFAULT_EDGES):
        self.edges = tuple(edges)
        self.labels = bucket_labels(self.edges)
        self.objects: List[ObjectScore] = []
        self.images: List[_ImageTally] = []

    def bucket(self, size: float) -> str:
        return self.labels[int(np.searchsorted(self.edges, size, side="right"))]

    def add(
        self, image: GtImage, obscured: np.ndarray, by_class: Optional[Dict[str, np.ndarray]] = None
    ) -> List[ObjectScore]:
        """Score one image, whose boxes are in pixels of ``obscured`` (H×W bool). ``by_class``
        optionally gives each class the mask its objects are scored against (the benchmark
        scores plates with plate masks only, though vehicles were obscured too); ``obscured``
        is then still what over-blurring is measured on."""
        height, width = obscured.shape
        scores = []
        for obj in image.objects:
            ys, xs = object_pixels(obj, width, height)
            mask = obscured if by_class is None else by_class[obj.cls]
            size = obj.size
            scores.append(
                ObjectScore(
                    image.file_name, obj.cls, obj.label, obj.boxes, size, self.bucket(size),
                    int(ys.size), int(np.count_nonzero(mask[ys, xs])),
                )
            )
        background = background_mask(image, width, height)
        groups = {(s.cls, s.bucket) for s in scores}
        self.images.append(
            _ImageTally(int(np.count_nonzero(background)), int(np.count_nonzero(background & obscured)), groups)
        )
        self.objects.extend(scores)
        return scores

    def row(self, cls: str, size: str) -> Row:
        chosen = [
            s for s in self.objects if (cls == ALL or s.cls == cls) and (size == ALL or s.bucket == size)
        ]
        images = [
            t for t in self.images
            if any((cls == ALL or c == cls) and (size == ALL or b == size) for c, b in t.groups)
            or (cls == ALL and size == ALL)
        ]
        pixels = sum(s.pixels for s in chosen)
        background = sum(t.background for t in images)
        return Row(
            cls,
            size,
            len(chosen),
            sum(s.obscured for s in chosen) / pixels if pixels else None,
            sum(s.coverage >= 0.5 for s in chosen) / len(chosen) if chosen else None,
            sum(s.coverage >= 0.9 for s in chosen) / len(chosen) if chosen else None,
            sum(t.background_obscured for t in images) / background if background else None,
        )

    def rows(self) -> List[Row]:
        """Per class present: one row per bucket and one for all sizes; then all classes together
        when there is more than one."""
        classes = [c for c in CLASSES if any(s.cls == c for s in self.objects)]
        table = []
        for cls in classes:
            table += [self.row(cls, label) for label in self.labels]
            table.append(self.row(cls, ALL))
        if len(classes) != 1:
            table.append(self.row(ALL, ALL))
        return table
