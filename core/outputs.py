"""The columns and rows of a run's two layers, the same whoever writes them.

The QGIS algorithm (``processing_provider/sinks.py``, QGIS fields and features) and the command
line (``core/cli/gpkg.py``, OGR) both write the detections layer (one row per detection) and the
images layer (one row per input point); a user or a script must find the very same columns in
either. So the names, their kinds and the rows are defined here, once, in plain Python; each
writer maps the kinds to its own types. The names are part of GeoBlur's public interface
(``geoblur:evaluate`` reads the detections layer): they never change.
"""
import json
from typing import List, Sequence

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
)
STATUSES = ("anonymized", "failed", "skipped")


def detection_row(image_fid, result: ImageResult, detection: Detection, place: dict) -> list:
    """The values of :data:`DETECTION_FIELDS` for one detection and its footprint ``place``
    (:func:`core.footprints.footprint`)."""
    x_min, y_min, x_max, y_max = (float(v) for v in detection.box)
    return [image_fid, result.source, result.output_path, detection.cls, float(detection.score),
            x_min, y_min, x_max, y_max, int(result.width), int(result.height), detection.model,
            place["bearing"], place["distance_m"], place["located"]]


def processed_outcome(result: ImageResult, error: str) -> list:
    """output_path, status, detections, error, device, notes of an image the engine processed;
    ``error`` is the result's error as the caller words it (naming the feature)."""
    return [result.output_path, result.status, len(result.detections), error, result.device,
            "; ".join(result.notes)]


def unprocessed_outcome(status: str, error: str) -> list:
    """The same for an image the engine never saw (a path that is not usable)."""
    return [None, status, 0, error, "", ""]


def image_row(attributes: Sequence, outcome: list, record: dict) -> list:
    """The input's ``attributes``, then ``outcome``, then the run ``record``."""
    audit = [record["geoblur_version"], json.dumps(record["models"], sort_keys=True), record["method"],
             float(record["mask_scale"])]
    return list(attributes) + list(outcome) + audit


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
