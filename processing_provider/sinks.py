"""The two feature sinks of ``geoblur:anonymizeimages``: their fields and their features.

``OUTPUT`` holds one polygon per detection (see :mod:`.footprint_geometry`); ``OUTPUT_IMAGES``
one point per input feature, with the input's attributes and what happened to its image. The
field names are part of GeoBlur's public interface (``geoblur:evaluate`` reads ``OUTPUT``).
"""
import json

from qgis.core import QgsFeature, QgsFeatureSink, QgsField, QgsFields, QgsProcessingUtils
from qgis.PyQt.QtCore import QVariant

from ..core.footprints import footprint
from .footprint_geometry import camera_point

DETECTION_FIELDS = (
    ("image_fid", QVariant.LongLong),
    ("source_path", QVariant.String),
    ("output_path", QVariant.String),
    ("class", QVariant.String),
    ("score", QVariant.Double),
    ("x_min", QVariant.Double),
    ("y_min", QVariant.Double),
    ("x_max", QVariant.Double),
    ("y_max", QVariant.Double),
    ("image_width", QVariant.Int),
    ("image_height", QVariant.Int),
    ("model", QVariant.String),
    ("bearing", QVariant.Double),
    ("distance_m", QVariant.Double),
    ("located", QVariant.String),
)
IMAGE_FIELDS = (
    ("output_path", QVariant.String),
    ("status", QVariant.String),
    ("detections", QVariant.Int),
    ("error", QVariant.String),
    ("device", QVariant.String),
    ("notes", QVariant.String),  # what was dropped for safety, how the projection was decided
    # the run record a privacy officer audits: which GeoBlur, which model files, which settings
    ("geoblur_version", QVariant.String),
    ("models", QVariant.String),  # JSON: id, verified sha256 and thresholds of each model
    ("method", QVariant.String),
    ("mask_scale", QVariant.Double),
)


def _fields(spec) -> QgsFields:
    fields = QgsFields()
    for name, kind in spec:
        fields.append(QgsField(name, kind))
    return fields


def detection_fields() -> QgsFields:
    return _fields(DETECTION_FIELDS)


def image_fields(input_fields: QgsFields) -> QgsFields:
    """The input's fields followed by GeoBlur's (renamed with a suffix where the input already
    has a field of that name, e.g. when the input is an earlier run's OUTPUT_IMAGES)."""
    return QgsProcessingUtils.combineFields(input_fields, _fields(IMAGE_FIELDS))


def detection_feature(fields: QgsFields, geometry, fid, result, detection, footprint) -> QgsFeature:
    feature = QgsFeature(fields)
    feature.setGeometry(geometry)
    x_min, y_min, x_max, y_max = (float(v) for v in detection.box)
    feature.setAttributes([
        fid, result.source, result.output_path, detection.cls, float(detection.score),
        x_min, y_min, x_max, y_max, int(result.width), int(result.height), detection.model,
        footprint["bearing"], footprint["distance_m"], footprint["located"],
    ])
    return feature


def image_feature(fields: QgsFields, source: QgsFeature, outcome: list, record: dict) -> QgsFeature:
    """The input feature with ``outcome`` (output_path, status, detections, error, device,
    notes) and the run ``record`` appended."""
    feature = QgsFeature(fields)
    feature.setGeometry(source.geometry())
    audit = [record["geoblur_version"], json.dumps(record["models"], sort_keys=True), record["method"],
             float(record["mask_scale"])]
    feature.setAttributes(list(source.attributes()) + outcome + audit)
    return feature


class Outputs:
    """Writes one image's outcome to both sinks and keeps the counts the algorithm returns."""

    def __init__(self, detection_sink, image_sink, image_fields: QgsFields, projector, record: dict):
        self.record = record
        self.detection_sink = detection_sink
        self.image_sink = image_sink
        self.detection_fields = detection_fields()
        self.image_fields = image_fields
        self.projector = projector
        self.counts = {"anonymized": 0, "failed": 0, "skipped": 0, "detections": 0}

    def processed(self, feature: QgsFeature, result, error: str) -> None:
        """An image the engine processed (anonymized, or failed closed): its row, and one
        footprint per detection, placed from the feature's point."""
        camera = camera_point(feature.geometry())
        to_layer = self.projector.local_to_layer(camera) if camera is not None else None
        for detection in result.detections:
            place = footprint(result, detection)
            geometry = self.projector.polygon(to_layer, place["ring"])
            self.detection_sink.addFeature(
                detection_feature(self.detection_fields, geometry, feature.id(), result, detection, place),
                QgsFeatureSink.FastInsert)
        self._row(feature, [result.output_path, result.status, len(result.detections), error, result.device,
                            "; ".join(result.notes)])

    def not_processed(self, feature: QgsFeature, status: str, error: str) -> None:
        """An image the engine never saw: a path that is not usable (failed) or a cancel (skipped)."""
        self._row(feature, [None, status, 0, error, "", ""])

    def _row(self, feature, outcome: list) -> None:
        self.counts[outcome[1]] += 1
        self.counts["detections"] += outcome[2]
        self.image_sink.addFeature(image_feature(self.image_fields, feature, outcome, self.record),
                                   QgsFeatureSink.FastInsert)
