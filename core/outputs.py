"""The columns and rows of a run's two layers, the same whoever writes them.

The QGIS algorithm (``processing_provider/sinks.py``, QGIS fields and features) and the command
line (``core/cli/gpkg.py``, OGR) both write the detections layer (one row per detection) and the
images layer (one row per input point); a user or a script must find the very same columns in
either. So the names, their kinds and the rows are defined here, once, in plain Python; each
writer maps the kinds to its own types. The names are part of GeoBlur's public interface
(``geoblur:evaluate`` reads the detections layer): they never change.
"""
import json
from typing import List, Optional, Sequence

from .types import Detection, ImageResult

#: kinds: "int" (32-bit), "int64", "real" and "text"
DETECTION_FIELDS = (
    ("image_fid", "int64"),
    ("source_path", "text"),
    ("output_path", "text"),
    ("class", "text"),
    ("score", "real"),
    ("x_min", "real"),
    ("y_min", "real"),
    ("x_max", "real"),
    ("y_max", "real"),
    ("image_width", "int"),
    ("image_height", "int"),
    ("model", "text"),
    ("bearing", "real"),
    ("distance_m", "real"),
    ("located", "text"),
    # what a re-render (core.render) and a review need besides the box: the image's projection and
    # camera (to place a new shape on the map), and how the run obscured it
    ("projection", "text"),
    ("heading", "real"),
    ("horizontal_fov", "real"),
    ("method", "text"),
    ("mask_scale", "real"),
    # the review's record: "model" or "reviewer"; "" (not reviewed), "kept" or "rejected"
    ("origin", "text"),
    ("decision", "text"),
)
#: appended to the input's own fields in the images layer
IMAGE_FIELDS = (
    ("output_path", "text"),
    ("status", "text"),
    ("detections", "int"),
    ("error", "text"),
    ("device", "text"),
    ("notes", "text"),  # what was dropped for safety, how the projection was decided
    # the run record a privacy officer audits: which GeoBlur, which model files, which settings
    ("geoblur_version", "text"),
    ("models", "text"),  # JSON: id, verified sha256 and thresholds of each model
    ("method", "text"),
    ("mask_scale", "real"),
    # what the review needs to open the image and place new shapes
    ("source_path", "text"),
    ("projection", "text"),
    ("camera_heading", "real"),
    ("horizontal_fov", "real"),
)
STATUSES = ("anonymized", "failed", "skipped")


def detection_row(image_fid, result: ImageResult, detection: Detection, place: dict, record: dict) -> list:
    """The values of :data:`DETECTION_FIELDS` for one detection of a run, its footprint
    ``place`` (:func:`core.footprints.footprint`) and the run ``record``."""
    x_min, y_min, x_max, y_max = (float(v) for v in detection.box)
    return [image_fid, result.source, result.output_path, detection.cls, float(detection.score),
            x_min, y_min, x_max, y_max, int(result.width), int(result.height), detection.model,
            place["bearing"], place["distance_m"], place["located"],
            result.projection, _real(result.heading), _real(result.horizontal_fov), record["method"],
            float(record["mask_scale"]), "model", ""]


def _real(value) -> Optional[float]:
    return None if value is None else float(value)


def processed_outcome(result: ImageResult, error: str) -> list:
    """output_path, status, detections, error, device, notes of an image the engine processed
    (``error``: the result's error as the caller words it, naming the feature), then its
    source_path, projection, camera_heading and horizontal_fov."""
    known = result.width > 0  # the image was read: its projection and camera are known
    return [result.output_path, result.status, len(result.detections), error, result.device,
            "; ".join(result.notes), result.source, result.projection if known else None,
            _real(result.heading), _real(result.horizontal_fov) if known else None]


def unprocessed_outcome(status: str, error: str) -> list:
    """The same for an image the engine never saw (a path that is not usable)."""
    return [None, status, 0, error, "", "", None, None, None, None]


def image_row(attributes: Sequence, outcome: list, record: dict) -> list:
    """The input's ``attributes``, then ``outcome`` (its first six values), then the run
    ``record``, then the rest of ``outcome``."""
    audit = [record["geoblur_version"], json.dumps(record["models"], sort_keys=True), record["method"],
             float(record["mask_scale"])]
    return list(attributes) + list(outcome[:6]) + audit + list(outcome[6:])


def image_field_names(input_names: Sequence[str]) -> List[str]:
    """The images layer's names after the input's: each of :data:`IMAGE_FIELDS`, with ``_2``,
    ``_3``… appended where the input already has it (an earlier run's images layer as input),
    compared without case, as QGIS's ``QgsProcessingUtils.combineFields`` does."""
    used = {name.lower() for name in input_names}
    ours = [name for name, _ in IMAGE_FIELDS]
    names = []
    for name in ours:
        if name.lower() in used:
            suffix = 2
            while f"{name}_{suffix}".lower() in used or f"{name}_{suffix}" in ours:
                suffix += 1
            name = f"{name}_{suffix}"
        used.add(name.lower())
        names.append(name)
    return names


class Counts(dict):
    """The totals a run reports: images per status, and detections."""

    def __init__(self):
        super().__init__({status: 0 for status in STATUSES}, detections=0)

    def add(self, outcome: list) -> None:
        self[outcome[1]] += 1
        self["detections"] += outcome[2]
