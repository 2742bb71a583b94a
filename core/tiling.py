"""Run a detector over an image at the scales and in the tiles where it sees every object.

A detector sees objects well only within a band of sizes (``Adapter.min_object`` to
``max_object`` pixels). Small objects in large images need the image at full or higher
resolution, cut into tiles the model can take; large near objects need a shrunk copy. The plan
below covers the whole band of object sizes with a pyramid of scales, and overlaps tiles so any
object that the next coarser scale cannot see is whole in at least one tile.
"""
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Tuple

import cv2
import numpy as np

from .boxes import nms_detections
from .errors import Canceled
from .types import Detection

PYRAMID_STEP = 3.0
#: persons, vehicles and plates without a vehicle are searched in a photo at the density of a
#: 1080p frame's long side, as a panorama's are at that of an 8192 px panorama
#: (:data:`.panorama.views.OBJECT_PASSES`): a phone photo of 4000×3000 shows a person at a
#: given distance about twice as many pixels tall as a dashcam frame does, and the frame's
#: smallest (NanoDet's 32 px) is already a person whose face no one can recognise. Faces are
#: searched at the photo's own density. What it saves and costs: bench/README.md.
REFERENCE_LONG_SIDE = 1920


def reference_scale(shape) -> float:
    """The scale at which a photo of ``shape`` has :data:`REFERENCE_LONG_SIDE` as its long
    side, if it is longer (1.0 otherwise: a smaller photo is searched as it is)."""
    return min(1.0, REFERENCE_LONG_SIDE / max(shape[:2]))


class Stages:
    """Where an image's time goes, for the benchmark's stage table: per stage, the seconds spent
    and, for a model's inference, the calls, tiles (images fed) and pixels fed. The engine records
    into one only when it is handed one (:meth:`.pipeline.Anonymizer.record_stages`); otherwise
    every timer is a no-op."""

    def __init__(self):
        self.rows: Dict[str, Dict[str, float]] = {}

    def add(self, stage: str, seconds: float, calls: int = 0, tiles: int = 0, pixels: int = 0) -> None:
        row = self.rows.setdefault(stage, {"seconds": 0.0, "calls": 0, "tiles": 0, "pixels": 0})
        row["seconds"] += seconds
        row["calls"] += calls
        row["tiles"] += tiles
        row["pixels"] += pixels


@contextmanager
def timed(stages: Optional[Stages], stage: str, calls: int = 0, tiles: int = 0, pixels: int = 0):
    """Add the time of the ``with`` block to ``stage`` of ``stages`` (nothing when it is None)."""
    if stages is None:
        yield
        return
    started = time.perf_counter()
    try:
        yield
    finally:
        stages.add(stage, time.perf_counter() - started, calls, tiles, pixels)


@dataclass
class TilePass:
    """One scale of the pyramid and the tiles cut from the image at that scale."""

    scale: float
    tiles: List[Tuple[int, int, int, int]]  # x0, y0, x1, y1 in the scaled image


def _starts(length: int, tile: int, overlap: int) -> List[int]:
    if length <= tile:
        return [0]
    stride = tile - overlap
    count = -(-(length - tile) // stride) + 1
    # spread the tiles evenly so the last one ends exactly at the border
    return [round(i * (length - tile) / (count - 1)) for i in range(count)]


def plan_tiles(
    width: int, height: int, adapter, smallest: Optional[float] = None, largest: Optional[float] = None,
    finest: Optional[float] = None,
) -> List[TilePass]:
    """The passes that let ``adapter`` see objects from ``smallest`` up to ``largest`` pixels
    (default: the image size).

    The finest scale makes an object of ``smallest`` pixels as large as the smallest the model
    sees (upscaling small images, at most 2x); each coarser scale is ``PYRAMID_STEP`` smaller,
    down to the one where the largest object (or the whole image) is no larger than the largest
    the model sees. A caller that leaves larger objects to another search (a panorama's coarser
    views) passes ``largest``: the pyramid may then stop early, its last scale overlapping its
    tiles by the largest object. That saves the coarse scales and their large false alarms, but
    wider overlaps can cost more model runs than they save (small tiles, as NanoDet's): the plan
    with fewer runs is taken. ``finest`` is the finest scale when the caller sets it instead
    (a large photo searched at :func:`reference_scale`).
    """
    smallest = smallest or adapter.min_object
    scale = finest or min(2.0, max(adapter.min_object / smallest, 1.0))
    full = _pyramid(width, height, adapter, scale, None)
    if largest is None:
        return full
    bounded = _pyramid(width, height, adapter, scale, largest)
    if bounded is not None and _runs(bounded) <= _runs(full):
        return bounded
    return full


def _runs(passes: List[TilePass]) -> int:
    return sum(len(p.tiles) for p in passes)


def _pyramid(width: int, height: int, adapter, scale: float, largest: Optional[float]) -> Optional[List[TilePass]]:
    """The passes from ``scale`` down, stopping where objects up to ``largest`` (None: the whole
    image) are within the model's sizes; None if stopping at ``largest`` needs tiles overlapping
    by over half."""
    tile = adapter.tile_size
    passes = []
    while True:
        w, h = max(1, round(width * scale)), max(1, round(height * scale))
        fits = max(w, h) <= adapter.max_object
        bounded = not fits and largest is not None and largest * scale <= adapter.max_object
        # an object too large to be whole in one tile must be the next scale's: tiles overlap by
        # the smallest object that scale sees, or, at the last scale, by the largest object
        overlap = int(largest * scale if bounded else adapter.max_object / PYRAMID_STEP) + 16
        if bounded and overlap > tile // 2 and max(w, h) > tile:
            return None
        tiles = [
            (x, y, min(x + tile, w), min(y + tile, h))
            for y in _starts(h, tile, overlap)
            for x in _starts(w, tile, overlap)
        ]
        passes.append(TilePass(scale, tiles))
        if fits or bounded:
            return passes
        scale /= PYRAMID_STEP


def iter_tiles(rgb: np.ndarray, passes: List[TilePass]) -> Iterator[Tuple[float, int, int, np.ndarray]]:
    """Yield (scale, x0, y0, tile pixels) for every tile of every pass, resizing once per pass."""
    height, width = rgb.shape[:2]
    for p in passes:
        if p.scale == 1.0:
            scaled = rgb
        else:
            size = (max(1, round(width * p.scale)), max(1, round(height * p.scale)))
            interpolation = cv2.INTER_AREA if p.scale < 1 else cv2.INTER_LINEAR
            scaled = cv2.resize(rgb, size, interpolation=interpolation)
        for x0, y0, x1, y1 in p.tiles:
            yield p.scale, x0, y0, scaled[y0:y1, x0:x1]


def detect(
    adapter,
    rgb: np.ndarray,
    min_score: float,
    smallest: Optional[float] = None,
    is_canceled: Callable[[], bool] = lambda: False,
    largest: Optional[float] = None,
    finest: Optional[float] = None,
) -> List[Detection]:
    """All detections of ``adapter`` in ``rgb`` over the planned scales and tiles, merged."""
    return detect_floors(adapter, rgb, (min_score,), smallest, is_canceled, largest, finest)[0]


def detect_floors(
    adapter,
    rgb: np.ndarray,
    floors: Sequence[float],
    smallest: Optional[float] = None,
    is_canceled: Callable[[], bool] = lambda: False,
    largest: Optional[float] = None,
    finest: Optional[float] = None,
) -> List[List[Detection]]:
    """:func:`detect` at several score floors over one plan, one merged list per floor: each
    tile goes through ``adapter.infer_floors`` (one forward pass where its family allows)."""
    height, width = rgb.shape[:2]
    found: List[List[Detection]] = [[] for _ in floors]
    stages = getattr(adapter, "stages", None)
    name = adapter.spec.id if stages is not None else ""
    for scale, x0, y0, tile in iter_tiles(rgb, plan_tiles(width, height, adapter, smallest, largest, finest)):
        if is_canceled():
            raise Canceled("Canceled.")
        tile = np.ascontiguousarray(tile)
        with timed(stages, f"{name}: calls, pre- and post-processing included"):
            per_floor = adapter.infer_floors(tile, floors) if len(floors) > 1 else [adapter.infer(tile, floors[0])]
        for kept, detections in zip(found, per_floor):
            for d in detections:
                box = (
                    (d.box[0] + x0) / scale,
                    (d.box[1] + y0) / scale,
                    (d.box[2] + x0) / scale,
                    (d.box[3] + y0) / scale,
                )
                polygon = None if d.polygon is None else (d.polygon + (x0, y0)) / scale
                kept.append(Detection(d.cls, d.score, box, d.model, polygon, d.extra))
    return [nms_detections(kept) for kept in found]
