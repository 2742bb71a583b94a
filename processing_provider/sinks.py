"""The two feature sinks of ``geoblur:anonymizeimages``: their fields and their features.

``OUTPUT`` holds one polygon per detection (see :mod:`.footprint_geometry`); ``OUTPUT_IMAGES``
one point per input feature, with the input's attributes and what happened to its image. The
columns and the rows come from :mod:`core.outputs`, which the command line writes too, so both
give identical layers; this module only maps them to QGIS fields and features.
"""
from qgis.core import QgsFeature, QgsFeatureSink, QgsField, QgsFields, QgsProcessingException, QgsProcessingUtils
from qgis.PyQt.QtCore import QVariant

from ..core import outputs
from ..core.footprints import footprint
from ..qgis_support.i18n import tr
from .footprint_geometry import camera_point

#: the QVariant type of each kind of :mod:`core.outputs`
QVARIANT_TYPES = {"int": QVariant.Int, "int64": QVariant.LongLong, "real": QVariant.Double, "text": QVariant.String}


def _fields(spec) -> QgsFields:
    fields = QgsFields()
    for name, kind in spec:
        fields.append(QgsField(name, QVARIANT_TYPES[kind]))
    return fields


def detection_fields() -> QgsFields:
    return _fields(outputs.DETECTION_FIELDS)


def require_detection_fields(fields: QgsFields, required) -> None:
    """Refuse a layer read as a detections layer (``geoblur:evaluate``, ``geoblur:render``) that
    lacks any of the ``required`` fields, naming them."""
    names = fields.names()
    missing = [name for name in required if name not in names]
    if missing:
        raise QgsProcessingException(
            tr("The detections layer lacks the field(s) {}: use the OUTPUT layer of 'Anonymize images attached "
               "to points'.").format(", ".join(missing)))


def image_fields(input_fields: QgsFields) -> QgsFields:
    """The input's fields followed by GeoBlur's (renamed with a suffix where the input already
    has a field of that name, e.g. when the input is an earlier run's OUTPUT_IMAGES)."""
    return QgsProcessingUtils.combineFields(input_fields, _fields(outputs.IMAGE_FIELDS))


def detection_feature(fields: QgsFields, geometry, fid, result, detection, place, record: dict) -> QgsFeature:
    feature = QgsFeature(fields)
    feature.setGeometry(geometry)
    feature.setAttributes(outputs.detection_row(fid, result, detection, place, record))
    return feature


def image_feature(fields: QgsFields, source: QgsFeature, outcome: list, record: dict) -> QgsFeature:
    """The input feature with ``outcome`` (output_path, status, detections, error, device,
    notes) and the run ``record`` appended."""
    feature = QgsFeature(fields)
    feature.setGeometry(source.geometry())
    feature.setAttributes(outputs.image_row(source.attributes(), outcome, record))
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
        self.counts = outputs.Counts()

    def processed(self, feature: QgsFeature, result, error: str) -> None:
        """An image the engine processed (anonymized, or failed closed): its row, and one
        footprint per detection, placed from the feature's point."""
        camera = camera_point(feature.geometry())
        to_layer = self.projector.local_to_layer(camera) if camera is not None else None
        for detection in result.detections:
            place = footprint(result, detection)
            geometry = self.projector.polygon(to_layer, place["ring"])
            self.detection_sink.addFeature(
                detection_feature(self.detection_fields, geometry, feature.id(), result, detection, place, self.record),
                QgsFeatureSink.FastInsert)
        self._row(feature, outputs.processed_outcome(result, error))

    def not_processed(self, feature: QgsFeature, status: str, error: str) -> None:
        """An image the engine never saw: a path that is not usable (failed) or a cancel (skipped)."""
        self._row(feature, outputs.unprocessed_outcome(status, error))

    def _row(self, feature, outcome: list) -> None:
        self.counts.add(outcome)
        self.image_sink.addFeature(image_feature(self.image_fields, feature, outcome, self.record),
                                   QgsFeatureSink.FastInsert)
