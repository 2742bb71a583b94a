"""``geoblur:anonymizeimages`` — "Anonymize images attached to points".

A thin adapter: point features become image jobs (:mod:`.jobs`), the engine
(:class:`core.pipeline.Anonymizer`) anonymizes them one by one, and each result becomes a row of
``OUTPUT_IMAGES`` and one footprint per detection in ``OUTPUT`` (:mod:`.sinks`,
:mod:`.footprint_geometry`). The engine is imported when the algorithm runs, not when the plugin
loads, so a QGIS without onnxruntime or OpenCV still shows the algorithm, which then refuses
with the command that installs them.
"""
import os

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsWkbTypes,
)

from qgis.PyQt.QtCore import QUrl, QVariant

from ..qgis_support.i18n import tr
from .dependency_guard import NeedsDependencies
from . import parameters as p

README = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "README.md")


class AnonymizeImagesAlgorithm(NeedsDependencies, QgsProcessingAlgorithm):
    def name(self):
        return "anonymizeimages"

    def displayName(self):
        return tr("Anonymize images attached to points")

    def group(self):
        return tr("Anonymization")

    def groupId(self):
        return "anonymization"

    def tags(self):
        return tr("privacy,blur,face,person,licence plate,vehicle,photo,panorama,360,GDPR").split(",")

    def createInstance(self):
        return AnonymizeImagesAlgorithm()

    def shortHelpString(self):
        return tr(
            "Detects faces, persons, licence plates and vehicles in the photos and 360° panoramas "
            "whose paths a point layer holds, and writes anonymized copies plus a layer of where "
            "each detection is. Originals are never modified; an image that cannot be fully "
            "processed gets no copy and a failed status saying why, and the run goes on. A rerun "
            "over the same output folder skips the images whose copy is up to date. Advanced "
            "parameters set the thresholds, the mask, the device, worker processes or a Dask "
            "cluster, and your own models. The Help button opens the description of every "
            "parameter and output."
        )

    def helpUrl(self):
        """The README shipped with the plugin: the whole reference, readable offline."""
        return QUrl.fromLocalFile(README).toString()

    def initAlgorithm(self, config=None):
        p.define(self)

    def checkParameterValues(self, parameters, context):
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        source = self.parameterAsSource(parameters, p.INPUT, context)
        if source is None:
            return True, ""  # the base check already reports a missing layer
        name = self.parameterAsString(parameters, p.IMAGE_FIELD, context)
        index = source.fields().lookupField(name)
        if index < 0:
            return False, tr("The input layer has no field {name!r} for the image paths; its fields are: "
                             "{fields}. Choose IMAGE_FIELD.").format(name=name, fields=", ".join(source.fields().names()))
        field = source.fields().at(index)
        if field.type() == QVariant.String:
            return True, ""
        return False, tr("The field {name!r} holds {kind} values, not text, so it cannot hold image paths. "
                         "Choose the text field with the paths (IMAGE_FIELD), e.g. 'photo' as written by "
                         "'Import geotagged photos'.").format(name=name, kind=field.typeName())

    def processAlgorithm(self, parameters, context, feedback):
        from ..core.errors import GeoBlurError
        from . import jobs, sinks
        from .footprint_geometry import FootprintProjector

        source = self.parameterAsSource(parameters, p.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, p.INPUT))
        heading_field = self.parameterAsString(parameters, p.HEADING_FIELD, context)
        if heading_field and source.fields().lookupField(heading_field) < 0:
            feedback.pushInfo(tr("The layer has no heading field {name!r}: detections are placed at the "
                                 "camera.").format(name=heading_field))
            heading_field = ""
        output_folder = self.parameterAsFileOutput(parameters, p.OUTPUT_FOLDER, context)
        settings = self._settings(parameters, context)
        try:
            planned = jobs.plan_jobs(source.getFeatures(), self.parameterAsString(parameters, p.IMAGE_FIELD, context),
                                heading_field, self._base_folder(parameters, context), output_folder,
                                feedback.pushInfo)
        except GeoBlurError as error:
            raise QgsProcessingException(str(error)) from error
        runner = self._runner(settings, parameters, context, feedback, output_folder)  # models load here

        detection_sink, detection_dest = self.parameterAsSink(
            parameters, p.OUTPUT, context, sinks.detection_fields(), QgsWkbTypes.Polygon, source.sourceCrs())
        image_fields = sinks.image_fields(source.fields())
        image_sink, image_dest = self.parameterAsSink(
            parameters, p.OUTPUT_IMAGES, context, image_fields, source.wkbType(), source.sourceCrs())
        if detection_sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, p.OUTPUT))
        if image_sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, p.OUTPUT_IMAGES))
        if not source.sourceCrs().isValid():
            feedback.pushWarning(tr("The layer has no valid CRS: footprints assume its units are metres."))
        outputs = sinks.Outputs(detection_sink, image_sink, image_fields,
                                FootprintProjector(source.sourceCrs(), context.transformContext()),
                                runner.record)

        results = runner.run([entry.job for entry in planned if entry.job])
        for entry in planned:
            if entry.job is None:
                feedback.pushWarning(entry.error)
                outputs.not_processed(entry.feature, "failed", entry.error)
                continue
            result = next(results)
            error = result.error
            if result.status == "failed":
                error = tr("Feature {fid}: {reason}").format(fid=entry.feature.id(), reason=result.error)
                feedback.pushWarning(error)
            if result.notes:
                feedback.pushInfo(tr("Feature {fid} ({path}): {notes}").format(
                    fid=entry.feature.id(), path=result.source, notes="; ".join(result.notes)))
            outputs.processed(entry.feature, result, error)
        if runner.canceled:
            feedback.pushWarning(tr("Canceled: the images not started are marked skipped."))

        counts = outputs.counts
        del outputs, detection_sink, image_sink  # closes the GeoPackages, so their styles can be stored
        self._style(context, feedback, {p.OUTPUT: (detection_dest, "detections"),
                                        p.OUTPUT_IMAGES: (image_dest, "images")})
        feedback.pushInfo(tr("{anonymized} images anonymized, {failed} failed, {skipped} skipped; "
                             "{detections} detections. Anonymized copies are in {folder}.").format(
            folder=output_folder, **counts))
        return {
            p.OUTPUT_FOLDER: output_folder,
            p.OUTPUT: detection_dest,
            p.OUTPUT_IMAGES: image_dest,
            p.IMAGES_ANONYMIZED: counts["anonymized"],
            p.IMAGES_FAILED: counts["failed"],
            p.IMAGES_SKIPPED: counts["skipped"],
            p.DETECTIONS: counts["detections"],
        }

    @staticmethod
    def _style(context, feedback, destinations: dict) -> None:
        """Store each GeoPackage's style as its default, and style the layers loaded on completion."""
        from ..qgis_support import styles

        for destination, kind in destinations.values():
            problem = styles.store_default(destination, kind)
            if problem:
                feedback.pushWarning(tr("The style of {path} was not stored: {problem}").format(
                    path=destination, problem=problem))
            if context.willLoadLayerOnCompletion(destination):
                context.layerToLoadOnCompletionDetails(destination).setPostProcessor(
                    styles.StylePostProcessor.for_kind(kind))

    def _base_folder(self, parameters, context) -> str:
        """BASE_FOLDER, else the folder of the layer's file, else the project's folder."""
        from .jobs import layer_folder

        project = context.project()  # None under qgis_process without --PROJECT_PATH
        return (self.parameterAsFile(parameters, p.BASE_FOLDER, context)
                or layer_folder(self.parameterAsVectorLayer(parameters, p.INPUT, context))
                or (project.homePath() if project else ""))

    def _settings(self, parameters, context):
        from ..core.errors import GeoBlurError

        try:
            return p.read_settings(self, parameters, context)
        except GeoBlurError as error:  # a user model that is refused
            raise QgsProcessingException(str(error)) from error

    def _runner(self, settings, parameters, context, feedback, output_folder):
        """The run's runner, its models loaded and checked (a bad model stops the run here,
        before any image)."""
        from ..core.callbacks import Callbacks
        from ..core.errors import GeoBlurError
        from ..core.runner import Runner

        engine = p.read_engine(self, parameters, context)
        # the parent feedback's isCanceled: it also sees a cancel made before the run started
        callbacks = Callbacks(progress=feedback.setProgress, is_canceled=feedback.isCanceled, log=feedback.pushInfo)
        try:
            runner = Runner(settings, engine, output_folder, callbacks)
        except GeoBlurError as error:
            raise QgsProcessingException(str(error)) from error
        feedback.pushInfo(tr("Anonymizing {classes} on {device}, in {engine}.").format(
            classes=", ".join(settings.classes), device=runner.device, engine=engine.describe()))
        return runner
