"""``geoblur:render`` — "Re-render anonymized copies from reviewed detections".

After a review (in QGIS, or by any tool that edits the detections GeoPackage), the copies must
show exactly what was decided: rows added by a person are obscured, rows marked ``rejected`` are
not. This algorithm is the headless side of that loop: batch mode, graphical models and
``qgis_process`` re-render a reviewed campaign. It is a thin adapter over
:mod:`core.render`, which the review dock calls too.

A copy is always rendered from *all* its rows in the layer, even when only some are selected, so
a selection can never leave a decided detection out.
"""
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterColor,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtGui import QColor

from ..qgis_support.i18n import tr
from .dependency_guard import NeedsDependencies
from .parameters import MIN_MASK_SCALE

DETECTIONS = "DETECTIONS"
METHOD = "METHOD"
MASK_SCALE = "MASK_SCALE"
FILL_COLOR = "FILL_COLOR"
JPEG_REENCODE = "JPEG_REENCODE"
OVERWRITE = "OVERWRITE"
OUTPUT = "OUTPUT"
IMAGES_RENDERED = "IMAGES_RENDERED"
IMAGES_SKIPPED = "IMAGES_SKIPPED"
IMAGES_FAILED = "IMAGES_FAILED"
#: the fields core.render cannot do without
REQUIRED_FIELDS = ("source_path", "output_path", "class", "x_min", "y_min", "x_max", "y_max")


def plain(value):
    """A feature's attribute value with QGIS's NULL read as None."""
    return None if isinstance(value, QVariant) and value.isNull() else value


def layer_rows(layer_or_source, request=None):
    """The features as row dicts (field name → value, ``id`` → feature id) that core.render reads."""
    names = layer_or_source.fields().names()
    rows = []
    for feature in layer_or_source.getFeatures(request or QgsFeatureRequest()):
        row = {name: plain(value) for name, value in zip(names, feature.attributes())}
        row["id"] = feature.id()
        rows.append(row)
    return rows


class RenderAlgorithm(NeedsDependencies, QgsProcessingAlgorithm):
    def name(self):
        return "render"

    def displayName(self):
        return tr("Re-render anonymized copies from reviewed detections")

    def group(self):
        return tr("Anonymization")

    def groupId(self):
        return "anonymization"

    def tags(self):
        return tr("privacy,review,render,blur,detections").split(",")

    def createInstance(self):
        return RenderAlgorithm()

    def shortHelpString(self):
        return tr(
            "Renders each anonymized copy named in a detections layer (the OUTPUT of 'Anonymize images "
            "attached to points', edited in a review or by any tool) again from its original: every row is "
            "obscured except those whose decision is 'rejected'. Copies whose rows, method and original did "
            "not change since they were written are skipped. A copy whose rows cannot be used (unknown "
            "class, a box that is not a box, a missing or changed original) fails: nothing is written and "
            "its earlier copy is removed. The originals must be readable at source_path."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(
            DETECTIONS, tr("Detections (reviewed)"), [QgsProcessing.TypeVector]))
        self.addParameter(QgsProcessingParameterEnum(
            METHOD, tr("Anonymization method"),
            [tr("As the run recorded it"), tr("Gaussian blur"), tr("Pixelate"), tr("Solid fill")], defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            MASK_SCALE, tr("Mask enlargement (empty: as the run recorded it)"), QgsProcessingParameterNumber.Double,
            None, True, MIN_MASK_SCALE, 4.0))
        self.addParameter(QgsProcessingParameterColor(FILL_COLOR, tr("Fill colour (solid fill)"), QColor(0, 0, 0), False))
        self.addParameter(QgsProcessingParameterBoolean(
            JPEG_REENCODE, tr("Re-encode JPEGs whole (default: new coefficients only in the blocks under the masks)"),
            False))
        self.addParameter(QgsProcessingParameterBoolean(
            OVERWRITE, tr("Render every copy, also those that are up to date"), False))
        self.addParameter(QgsProcessingParameterFeatureSink(
            OUTPUT, tr("Rendered copies"), QgsProcessing.TypeVector, optional=True, createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber(IMAGES_RENDERED, tr("Copies rendered")))
        self.addOutput(QgsProcessingOutputNumber(IMAGES_SKIPPED, tr("Copies up to date (skipped)")))
        self.addOutput(QgsProcessingOutputNumber(IMAGES_FAILED, tr("Copies failed")))

    def processAlgorithm(self, parameters, context, feedback):
        from ..core.errors import Canceled
        from ..core.render import Renderer, plan_renders
        from ..core.types import METHODS

        rows = self._rows(parameters, context)
        method_index = self.parameterAsEnum(parameters, METHOD, context)
        mask_scale = parameters.get(MASK_SCALE)
        colour = self.parameterAsColor(parameters, FILL_COLOR, context)
        jobs = plan_renders(
            rows, method=METHODS[method_index - 1] if method_index else None,
            mask_scale=self.parameterAsDouble(parameters, MASK_SCALE, context) if mask_scale not in (None, "") else None,
            fill_color=(colour.red(), colour.green(), colour.blue()))
        renderer = Renderer(lossless_jpeg=not self.parameterAsBoolean(parameters, JPEG_REENCODE, context),
                            overwrite=self.parameterAsBoolean(parameters, OVERWRITE, context),
                            is_canceled=feedback.isCanceled)
        sink, dest = self.parameterAsSink(parameters, OUTPUT, context, self._fields(), QgsWkbTypes.NoGeometry)
        counts = {"anonymized": 0, "skipped": 0, "failed": 0}
        for index, job in enumerate(jobs):
            try:
                result = renderer.render(job)
            except Canceled:
                feedback.pushWarning(tr("Canceled: {} copies were not rendered.").format(len(jobs) - index))
                break
            counts[result.status] += 1
            self._report(feedback, job, result)
            if sink is not None:
                feature = QgsFeature(self._fields())
                feature.setAttributes([job.destination, job.source, result.status, len(job.detections), result.error])
                sink.addFeature(feature, QgsFeatureSink.FastInsert)
            feedback.setProgress(100.0 * (index + 1) / len(jobs))
        feedback.pushInfo(tr("{anonymized} copies rendered, {skipped} up to date, {failed} failed.").format(**counts))
        return {OUTPUT: dest, IMAGES_RENDERED: counts["anonymized"], IMAGES_SKIPPED: counts["skipped"],
                IMAGES_FAILED: counts["failed"]}

    def _rows(self, parameters, context):
        """Every row of each copy that the (possibly selected) input names."""
        from .sinks import require_detection_fields

        source = self.parameterAsSource(parameters, DETECTIONS, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, DETECTIONS))
        require_detection_fields(source.fields(), REQUIRED_FIELDS)
        rows = layer_rows(source)
        layer = self.parameterAsVectorLayer(parameters, DETECTIONS, context)
        if layer is None:
            return rows
        copies = {row["output_path"] for row in rows}
        return [row for row in layer_rows(layer) if row["output_path"] in copies]

    @staticmethod
    def _fields() -> QgsFields:
        fields = QgsFields()
        for name, kind in (("output_path", QVariant.String), ("source_path", QVariant.String),
                           ("status", QVariant.String), ("detections", QVariant.Int), ("error", QVariant.String)):
            fields.append(QgsField(name, kind))
        return fields

    @staticmethod
    def _report(feedback, job, result) -> None:
        if result.status == "failed":
            feedback.pushWarning(result.error)
        elif result.status == "anonymized":
            feedback.pushInfo(tr("{path}: rendered with {count} detection(s).").format(
                path=job.destination, count=len(job.detections)))
