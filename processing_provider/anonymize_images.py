"""``geoblur:anonymizeimages`` — "Anonymize images attached to points".

A thin adapter: point features become image jobs (:mod:`.jobs`), the engine
(:class:`core.pipeline.Anonymizer`) anonymizes them one by one, and each result becomes a row of
``OUTPUT_IMAGES`` and one footprint per detection in ``OUTPUT`` (:mod:`.sinks`,
:mod:`.footprint_geometry`). The engine is imported when the algorithm runs, not when the plugin
loads, so a QGIS without onnxruntime or OpenCV still shows the algorithm, which then refuses
with the command that installs them.
"""
from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsWkbTypes,
)

from qgis.PyQt.QtCore import QVariant

from ..plugin.i18n import tr
from .dependency_guard import NeedsDependencies
from . import parameters as p


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
            "each detection is. Originals are never modified. An image that cannot be fully "
            "processed gets no copy at all and a failed status saying why; the run goes on.\n\n"
            "<b>Point layer with image paths</b> (INPUT): one point per image, e.g. the output of "
            "'Import geotagged photos'. 'Selected features only' is honoured.\n"
            "<b>Field with the image path</b> (IMAGE_FIELD): a text field; relative paths are "
            "read below the base folder.\n"
            "<b>Base folder</b> (BASE_FOLDER): where relative paths start; by default the folder "
            "of the layer's file. Paths that climb out of it (../..) are refused.\n"
            "<b>Objects to anonymize</b> (CLASSES): faces, persons, licence plates, vehicles.\n"
            "<b>Anonymization method</b> (METHOD): Gaussian blur, pixelate or solid fill; blur "
            "and pixel size grow with the object so it cannot be undone. Faces are covered by a "
            "soft-edged ellipse, other objects by their box or outline.\n"
            "<b>Image type</b> (IMAGE_TYPE): automatic, photo, or 360° equirectangular panorama.\n"
            "<b>Heading field</b> (HEADING_FIELD): the camera's compass direction in degrees; "
            "with it, each detection is drawn as a wedge from the camera towards the object.\n"
            "Advanced: <b>fill colour</b> (FILL_COLOR); <b>thresholds</b> (THRESHOLD for all "
            "classes, THRESHOLD_FACE, THRESHOLD_PERSON, THRESHOLD_PLATE, THRESHOLD_VEHICLE; lower "
            "finds more, empty uses each model's default); <b>mask enlargement</b> (MASK_SCALE, "
            "at least 1.2); <b>device</b> (DEVICE: automatic, CPU, CUDA); <b>JPEG quality</b> "
            "(JPEG_QUALITY); <b>field of view</b> (FIELD_OF_VIEW, degrees, used when EXIF has no "
            "35 mm focal length); <b>your own models</b> (MODELS: ONNX files such as YOLOv5/v8/v11 "
            "exports, or GeoBlur manifest JSON files) and their <b>class map</b> (MODEL_CLASSES, "
            "e.g. 'plate=license_plate; 0=person'); a model is used for the chosen classes it "
            "maps to; <b>worker processes</b> (WORKERS: 0 one per core, 1 inside QGIS), a <b>Dask "
            "cluster</b> (CLUSTER: the scheduler's address; its workers must see the images and the "
            "output folder) and <b>redo up-to-date images</b> (OVERWRITE: a rerun over the same output "
            "folder otherwise skips every image whose copy is up to date).\n\n"
            "<b>Outputs.</b> Folder for the anonymized images (OUTPUT_FOLDER): copies in the "
            "same format, with EXIF/XMP kept and the EXIF thumbnail removed, in the sources' "
            "sub-folders so equal names never collide. Detections (OUTPUT): one polygon per "
            "object with image_fid, source_path, output_path, class, score, the pixel box "
            "(x_min, y_min, x_max, y_max), image_width, image_height, model, bearing (degrees "
            "from north), distance_m and located (wedge, estimate, or camera: a 1 m circle round "
            "the camera when no direction is known), in the layer's CRS. Images (OUTPUT_IMAGES): "
            "every input point with its attributes plus output_path, status (anonymized, failed, "
            "skipped), detections, error, device, notes and the run record (GeoBlur version, models "
            "and their sha256, method, mask scale). Numbers: IMAGES_ANONYMIZED, IMAGES_FAILED, "
            "IMAGES_SKIPPED, DETECTIONS."
        )

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
            planned = jobs.plan(source.getFeatures(), self.parameterAsString(parameters, p.IMAGE_FIELD, context),
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
