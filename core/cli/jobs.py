"""From the input's points to the engine's image jobs, as ``processing_provider/jobs.py`` plans
them for the QGIS algorithm.

Each point becomes a :class:`Planned` entry: an :class:`core.types.ImageJob`, or the reason it
cannot be one (NULL path, a value that is not text, a relative path climbing out of the base
folder, a copy whose path another source would take). The reason names the feature and its
value, and that point is reported as failed rather than stopping the run: one bad row must not
cost the other ten thousand images.
"""
from dataclasses import dataclass
from typing import Callable, List, Optional

from ..errors import ImageError
from ..paths import place, resolve_source
from ..types import ImageJob
from .points import Point, Points


@dataclass
class Planned:
    point: Point
    job: Optional[ImageJob] = None
    error: str = ""


def heading_of(points: Points, point: Point, log: Callable[[str], None]) -> Optional[float]:
    """The camera heading of a point in degrees, or None when there is no heading field or its
    value is NULL or not a number (then the detections' footprints fall back to the camera)."""
    if points.heading_index is None:
        return None
    value = point.attributes[points.heading_index]
    if value is None:
        return None
    try:
        return float(value) % 360
    except (TypeError, ValueError):
        log(f"Feature {point.fid}: heading {value!r} in field {points.fields[points.heading_index].name} is not a "
            "number; its detections are placed at the camera.")
        return None


def plan_jobs(points: Points, base_folder: str, output_folder: str, log: Callable[[str], None]) -> List[Planned]:
    """One entry per point, in input order, with output paths that never collide or leave
    ``output_folder`` and depend on each source alone. Raises GeoBlurError when the output folder
    lies among the originals (see :func:`core.paths.check_output_folder`)."""
    entries = []
    for point in points.rows:
        entry = Planned(point)
        try:
            source = resolve_source(point.attributes[points.photo_index], base_folder)
            entry.job = ImageJob(point.fid, source, "", heading_of(points, point, log))
        except ImageError as error:
            entry.error = f"Feature {point.fid}: {error}"
        entries.append(entry)
    refused = place([e.job for e in entries if e.job], base_folder, output_folder)
    for entry in entries:
        if entry.job and entry.job.source in refused:
            entry.error = f"Feature {entry.point.fid}: {refused[entry.job.source]}"
            entry.job = None
    return entries
