"""Re-render anonymized copies from the originals and a reviewed list of detections.

No detector finds everything: a person reviews the detections layer (adds the face a model
missed, rejects a blurred road sign, moves a box) and the copies must then show exactly what was
decided. This module turns the rows of a detections layer, as the QGIS review, ``geoblur:render``
or an OGR script left them, into one :class:`RenderJob` per copy, and renders each from its
original with the same obscuring and writers as a run (:mod:`.obscure`, :mod:`.imageio`).

It fails closed like a run: a copy whose detections cannot be used (an unknown class, a box
that is not a box, an original that is gone or no longer the size it was measured on) is not
rendered, and an earlier copy at its path is removed, because it no longer shows what the
review decided. Rows the review rejected stay in the layer (the record of what was decided) and
are simply not obscured.

A copy is rendered again only when something that shapes it changed: the detections to obscure,
the method or mask, or the original. The last state rendered is kept in the run's ledger
(:mod:`.ledger`), which is found beside the copies.
"""
import hashlib
import json
import math
import os
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np

from . import obscure, panorama
from .errors import Canceled, GeoBlurError, ImageError
from .imageio import read_image, written_by_geoblur
from .ledger import find_ledger
from .paths import check_destination
from .pipeline import failure_cause, remove_stale_copy, write_obscured
from .types import CLASSES, METHODS, Detection, ImageResult

#: what a person decided about a row; "" is a model's row nobody reviewed
DECISIONS = ("", "kept", "rejected")
REJECTED = "rejected"
#: where a row came from
ORIGINS = ("model", "reviewer")
#: boxes are compared to 1/100 pixel: a layer stores doubles, a round trip through it is exact
DIGITS = 2


@dataclass
class RenderJob:
    """One copy to render: its original, the detections to obscure and how."""

    source: str
    destination: str
    detections: List[Detection]
    style: obscure.Style
    projection: str = ""  # "planar", "equirectangular", or "" to decide from the image as a run does
    size: Optional[Tuple[int, int]] = None  # (width, height) the boxes were measured on
    run_style: Optional[obscure.Style] = None  # the style the run recorded for this copy
    rows: List[object] = field(default_factory=list)  # the layer's ids of the rows, for messages
    error: str = ""  # why the rows cannot be rendered (the job then fails closed)


def _value(row: dict, name: str):
    """A row's value, with QGIS's NULL, None and blank text all read as None."""
    value = row.get(name)
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _number(row: dict, name: str) -> Optional[float]:
    value = _value(row, name)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _box(row: dict, size: Optional[Tuple[int, int]], wraps: bool) -> Tuple[float, float, float, float]:
    """The row's box, checked: four finite numbers, a positive area, inside the image (a
    panorama's box may run past its seam). Raises ValueError with what is wrong."""
    box = tuple(_number(row, name) for name in ("x_min", "y_min", "x_max", "y_max"))
    if any(v is None for v in box):
        raise ValueError("its box (x_min, y_min, x_max, y_max) is not four numbers")
    x0, y0, x1, y1 = box
    if x1 <= x0 or y1 <= y0:
        raise ValueError(f"its box {_shown(box)} is empty or inverted")
    if size is not None:
        width, height = size
        left, right = (-width, 2 * width) if wraps else (0, width)
        if x1 <= left or x0 >= right or y1 <= 0 or y0 >= height:
            raise ValueError(f"its box {_shown(box)} lies outside the {width}×{height} image")
    return box


def _shown(box) -> str:
    return "(" + ", ".join(f"{v:g}" for v in box) + ")"


def _style(rows: Sequence[dict], method: Optional[str], mask_scale: Optional[float],
           fill_color) -> Tuple[obscure.Style, obscure.Style]:
    """(the style to render with, the style the run recorded): the run's method and mask
    (recorded on each row) unless ``method`` / ``mask_scale`` override them."""
    recorded_method = next((_value(r, "method") for r in rows if _value(r, "method") in METHODS), None)
    recorded_scale = next((_number(r, "mask_scale") for r in rows if (_number(r, "mask_scale") or 0) > 0), None)
    default = obscure.Style()
    run = obscure.Style(recorded_method or default.method, recorded_scale or default.mask_scale, tuple(fill_color))
    return obscure.Style(method or run.method, mask_scale or run.mask_scale, tuple(fill_color)), run


def plan_renders(rows: Iterable[dict], method: Optional[str] = None, mask_scale: Optional[float] = None,
                 fill_color=(0, 0, 0)) -> List[RenderJob]:
    """One job per copy (``output_path``) named by the rows, in the order first named.

    Each row is a mapping of the detections layer's fields plus ``id`` (the row's feature id,
    named in messages). A copy whose rows cannot be used gets a job with ``error`` set."""
    by_copy: Dict[str, List[dict]] = {}
    for row in rows:
        destination = _value(row, "output_path")
        by_copy.setdefault(os.path.normpath(str(destination)) if destination else "", []).append(row)
    jobs = []
    for destination, group in by_copy.items():
        jobs.append(_job(destination, group, method, mask_scale, fill_color))
    return jobs


def _job(destination: str, rows: List[dict], method, mask_scale, fill_color) -> RenderJob:
    ids = [row.get("id") for row in rows]
    sources = {str(_value(r, "source_path")) for r in rows if _value(r, "source_path")}
    style, run_style = _style(rows, method, mask_scale, fill_color)
    job = RenderJob(next(iter(sources), ""), destination, [], style, run_style=run_style, rows=ids)
    projections = {_value(r, "projection") for r in rows} - {None}
    sizes = {(int(_number(r, "image_width") or 0), int(_number(r, "image_height") or 0)) for r in rows} - {(0, 0)}
    names = ", ".join(str(i) for i in ids)
    if not destination:
        job.error = f"Detection(s) {names}: no output_path says which copy to render."
    elif len(sources) != 1:
        job.error = (f"Detection(s) {names} of {destination}: they name {len(sources)} originals "
                     f"({', '.join(sorted(sources)) or 'none'}) where one copy has exactly one (source_path).")
    elif len(sizes) > 1 or len(projections) > 1:
        job.error = (f"Detection(s) {names} of {destination}: they disagree on the image's size or projection "
                     "(image_width, image_height, projection).")
    job.projection = projections.pop() if len(projections) == 1 else ""
    job.size = sizes.pop() if len(sizes) == 1 else None
    if job.error:
        return job
    wraps = job.projection != "planar"  # unknown: a panorama's box may run past the seam
    for row in rows:
        decision = _value(row, "decision") or ""
        if decision == REJECTED:
            continue
        cls = _value(row, "class")
        try:
            if cls not in CLASSES:
                raise ValueError(f"its class {cls!r} is none of {', '.join(CLASSES)}")
            if decision not in DECISIONS:
                raise ValueError(f"its decision {decision!r} is none of kept, rejected or empty")
            box = _box(row, job.size, wraps)
        except ValueError as problem:
            job.error = f"Detection {row.get('id')} of {job.source}: {problem}. Fix or reject it, then render again."
            return job
        job.detections.append(Detection(cls, float(_number(row, "score") or 1.0), box,
                                        str(_value(row, "model") or "review")))
    return job


def signature(detections: Sequence[Detection], style: obscure.Style, source_stat: Tuple[int, int]) -> str:
    """A digest of everything that shapes a rendered copy: the boxes and classes obscured, the
    method and mask, and the original's size and modification time."""
    boxes = sorted([d.cls] + [round(float(v), DIGITS) for v in d.box] for d in detections)
    shaping = {"boxes": boxes, "method": style.method, "mask_scale": round(float(style.mask_scale), 4),
               "fill": [int(v) for v in style.fill_color], "source": list(source_stat)}
    return hashlib.sha256(json.dumps(shaping, sort_keys=True).encode("utf-8")).hexdigest()


def _key(detection: Detection) -> tuple:
    return (detection.cls,) + tuple(round(float(v), DIGITS) for v in detection.box)


def with_outlines(detections: Sequence[Detection], recorded: Sequence[Detection]) -> List[Detection]:
    """The detections, each model one that the run recorded with an outline (a panorama's bent
    face, a merged group's hull) given that outline back: a layer keeps only boxes, and the box's
    ellipse need not cover a bent outline."""
    outlines = {_key(d): d for d in recorded if d.polygon is not None}
    return [outlines.get(_key(d), d) for d in detections]


def _source_stat(path: str) -> Tuple[int, int]:
    try:
        stat = os.stat(path)
    except OSError:
        raise ImageError(f"{path}: the original is not there (moved or deleted?); the review needs the "
                         "originals to render the copies.") from None
    return stat.st_size, stat.st_mtime_ns


class Renderer:
    """Renders jobs from :func:`plan_renders`, skipping copies already showing their rows."""

    def __init__(self, jpeg_quality: int = 95, lossless_jpeg: bool = True, overwrite: bool = False,
                 is_canceled=lambda: False):
        self.jpeg_quality = jpeg_quality
        self.lossless_jpeg = lossless_jpeg
        self.overwrite = overwrite
        self.is_canceled = is_canceled

    def render(self, job: RenderJob) -> ImageResult:
        """Render one copy: ``anonymized`` (rendered), ``skipped`` (up to date) or ``failed``
        (nothing written, an earlier copy removed)."""
        if self.is_canceled():
            raise Canceled("Canceled.")
        result = ImageResult(job.rows[0] if job.rows else None, job.source, "failed",
                             detections=list(job.detections))
        ledger = None
        try:
            if job.error:
                raise GeoBlurError(job.error)
            stat = _source_stat(job.source)
            ledger = find_ledger(job.destination)
            recorded = ledger.recorded(job.destination) if ledger else None
            if recorded is not None:
                job.detections = with_outlines(job.detections, recorded.detections)
            wanted = signature(job.detections, job.style, stat)
            if not self.overwrite and self._up_to_date(job, ledger, recorded, wanted):
                result.status, result.output_path, result.error = "skipped", job.destination, "up to date"
                return result
            self._write(job, result)
            if ledger is not None:
                ledger.record_render(job.destination, wanted)
        except Canceled:
            raise
        except Exception as error:  # noqa: BLE001 - whatever breaks on one copy fails that copy
            result.error = failure_cause(job, error) + remove_stale_copy(job)
            if ledger is not None:
                ledger.forget_render(job.destination)
            return result
        finally:
            if ledger is not None:
                ledger.close()
        result.status, result.output_path = "anonymized", job.destination
        return result

    @staticmethod
    def _up_to_date(job: RenderJob, ledger, recorded: Optional[ImageResult], wanted: str) -> bool:
        """Whether the copy already shows ``wanted``: the last render's signature, or else the
        run's own detections and style (the copy as the run wrote it)."""
        if ledger is None or not written_by_geoblur(job.destination):
            return False
        last = ledger.rendered(job.destination)
        if last is not None:
            return last == wanted
        if recorded is None:
            return False
        source = ledger.recorded_source(job.destination)
        return source is not None and signature(recorded.detections, job.run_style or job.style, source) == wanted

    def _write(self, job: RenderJob, result: ImageResult) -> None:
        reason = check_destination(job.source, job.destination, written_by_geoblur)
        if reason:
            raise ImageError(f"{job.source}: {reason}.")
        loaded = read_image(job.source)
        height, width = loaded.pixels.shape[:2]
        result.width, result.height = width, height
        if job.size is not None and job.size != (width, height):
            raise ImageError(f"{job.source}: the original is {width}×{height} pixels, but its detections were "
                             f"measured on {job.size[0]}×{job.size[1]}: it changed since the run. Run the "
                             "anonymization again for it.")
        wraps = self._wraps(job, loaded)
        for detection in job.detections:
            if wraps and detection.cls == "face" and detection.polygon is None:
                # a face read back as a box from a panorama: its outline was bent, so the whole
                # box is obscured rather than the ellipse inscribed in it
                x0, y0, x1, y1 = detection.box
                detection.polygon = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float64)
        os.makedirs(os.path.dirname(job.destination) or ".", exist_ok=True)
        result.notes += write_obscured(job.destination, loaded, job.detections, job.style, wraps, self.jpeg_quality,
                                       self.lossless_jpeg)
        result.projection = "equirectangular" if job.projection == "equirectangular" or wraps else "planar"

    @staticmethod
    def _wraps(job: RenderJob, loaded) -> bool:
        """Whether the copy's left and right edges meet (a full 360° panorama): as the run
        recorded it, or decided from the image as a run decides it."""
        height, width = loaded.pixels.shape[:2]
        if job.projection == "planar":
            return False
        if job.projection != "equirectangular":
            is_panorama, _ = panorama.evidence.classify("auto", loaded.xmp, loaded.exif, loaded.rgb8())
            if not is_panorama:
                return False
            job.projection = "equirectangular"
        return panorama.gpano.geometry(loaded.xmp, width, height).wraps
