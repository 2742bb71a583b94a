"""``geoblur:evaluate`` — "Evaluate anonymization": how much of each labelled object the
anonymized output really hides, per class and size, with a report of the worst misses.

A thin adapter over :mod:`core.evaluation`: it turns parameters into a ground truth and an
"obscured pixels" source (anonymized copies, or a detections layer written by
``geoblur:anonymizeimages``), and the evaluation into a table, numbers and an HTML report.
"""
import os

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..qgis_support.i18n import tr
from .dependency_guard import NeedsDependencies

FORMATS = ("auto", "coco", "yolo", "voc")
#: fields of geoblur:anonymizeimages' OUTPUT this algorithm reads
DETECTION_FIELDS = ("source_path", "class", "x_min", "y_min", "x_max", "y_max")
#: numeric outputs: name → (headline key, description)
NUMBERS = {
    "OBJECTS": ("objects", "Labelled objects evaluated"),
    "PIXELS_OBSCURED": ("pixels_obscured", "Share of object pixels obscured"),
    "R50": ("r50", "Share of objects at least 50% obscured"),
    "R90": ("r90", "Share of objects at least 90% obscured"),
    "OVER": ("over", "Share of background pixels obscured"),
    "FACES_R90": ("r90_face", "Share of faces at least 90% obscured"),
    "SMALL_FACES_R90": ("r90_face_small", "Share of small faces at least 90% obscured"),
    "PERSONS_R90": ("r90_person", "Share of persons at least 90% obscured"),
    "PLATES_R90": ("r90_license_plate", "Share of licence plates at least 90% obscured"),
    "VEHICLES_R90": ("r90_vehicle", "Share of vehicles at least 90% obscured"),
}
WARNINGS_SHOWN = 20


class EvaluateAlgorithm(NeedsDependencies, QgsProcessingAlgorithm):
    GROUND_TRUTH = "GROUND_TRUTH"
    FORMAT = "FORMAT"
    ORIGINALS = "ORIGINALS"
    ANONYMIZED = "ANONYMIZED"
    DETECTIONS = "DETECTIONS"
    MASK_SCALE = "MASK_SCALE"
    SIZE_BUCKETS = "SIZE_BUCKETS"
    GALLERY = "GALLERY"
    OUTPUT = "OUTPUT"
    REPORT = "REPORT"
    IMAGES_EVALUATED = "IMAGES_EVALUATED"
    IMAGES_SKIPPED = "IMAGES_SKIPPED"
    PROBLEMS = "PROBLEMS"

    def name(self):
        return "evaluate"

    def displayName(self):
        return tr("Evaluate anonymization")

    def group(self):
        return tr("Evaluation")

    def groupId(self):
        return "evaluation"

    def shortHelpString(self):
        return tr(
            "Measures how well anonymized images hide what they must, on images you have labelled.\n\n"
            "Ground truth: a COCO JSON file, or a folder of YOLO .txt labels or Pascal VOC .xml files "
            "(classes face, person, license_plate/plate, vehicle/car…; COCO iscrowd and 'dontcare' regions "
            "count neither way; COCO annotations sharing a 'group' key are pieces of one object). "
            "Originals: the folder of the labelled images (default: beside the ground truth).\n\n"
            "Give either the folder of anonymized copies (any tool: each copy is compared with its "
            "original) or the detections layer written by 'Anonymize images attached to points' with "
            "the mask scale of that run.\n\n"
            "The measure is coverage, not IoU: for each object, the share of its pixels that are "
            "obscured (a face's pixels are the ellipse inscribed in its box; other classes, the box). "
            "Per class and size (square root of the box area: S < 32 px, M 32–96, L ≥ 96, or your "
            "own bucket edges): pixels_obscured, r50 and r90 (share of objects at least 50% / 90% "
            "obscured), and over (share of background pixels obscured, away from labelled objects).\n\n"
            "The HTML report shows the table, the worst misses and every annotation that could not be "
            "taken as it was. Its crops show ORIGINAL pixels: keep it as confidential as the originals."
        )

    def createInstance(self):
        return EvaluateAlgorithm()

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(
                self.GROUND_TRUTH,
                tr("Ground truth (COCO .json file, or a YOLO / Pascal VOC folder or a file in it)"),
                behavior=QgsProcessingParameterFile.File,
                fileFilter=tr("COCO JSON (*.json);;YOLO labels (*.txt *.yaml *.names);;Pascal VOC (*.xml);;All files (*)"),
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.FORMAT,
                tr("Ground truth format"),
                options=[tr("Detect from the file"), tr("COCO JSON"), tr("YOLO txt"), tr("Pascal VOC xml")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.ORIGINALS,
                tr("Folder of the original images (default: beside the ground truth)"),
                behavior=QgsProcessingParameterFile.Folder,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.ANONYMIZED,
                tr("Folder of the anonymized copies"),
                behavior=QgsProcessingParameterFile.Folder,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.DETECTIONS,
                tr("…or the detections layer written by 'Anonymize images attached to points'"),
                [QgsProcessing.TypeVector],
                optional=True,
            )
        )
        scale = QgsProcessingParameterNumber(
            self.MASK_SCALE,
            tr("Mask scale of the anonymization run (with a detections layer)"),
            QgsProcessingParameterNumber.Double,
            defaultValue=1.3,
            minValue=1.0,
            maxValue=5.0,
        )
        scale.setFlags(scale.flags() | scale.FlagAdvanced)
        self.addParameter(scale)
        self.addParameter(
            QgsProcessingParameterString(
                self.SIZE_BUCKETS,
                tr("Size bucket edges in pixels, comma-separated"),
                defaultValue="32,96",
                optional=True,
            )
        )
        gallery = QgsProcessingParameterNumber(
            self.GALLERY, tr("Worst misses shown in the report"), defaultValue=24, minValue=0, maxValue=500
        )
        gallery.setFlags(gallery.flags() | gallery.FlagAdvanced)
        self.addParameter(gallery)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, tr("Coverage by class and size"), QgsProcessing.TypeVector
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.REPORT, tr("Evaluation report"), tr("HTML files (*.html)")
            )
        )
        for name, (_, description) in NUMBERS.items():
            self.addOutput(QgsProcessingOutputNumber(name, tr(description)))
        self.addOutput(QgsProcessingOutputNumber(self.IMAGES_EVALUATED, tr("Images evaluated")))
        self.addOutput(QgsProcessingOutputNumber(self.IMAGES_SKIPPED, tr("Images not evaluated")))
        self.addOutput(QgsProcessingOutputNumber(self.PROBLEMS, tr("Annotations or images with a problem")))

    def checkParameterValues(self, parameters, context):
        anonymized = self.parameterAsFile(parameters, self.ANONYMIZED, context)
        detections = parameters.get(self.DETECTIONS)
        if bool(anonymized) == bool(detections):
            return False, tr(
                "Give either the folder of anonymized copies or the detections layer of the "
                "anonymization run (exactly one of the two)."
            )
        return super().checkParameterValues(parameters, context)

    def processAlgorithm(self, parameters, context, feedback):
        from ..core import evaluation
        from ..core.callbacks import Callbacks
        from ..core.errors import Canceled, GeoBlurError

        ground_truth_path = self._ground_truth_path(parameters, context)
        fmt = FORMATS[self.parameterAsEnum(parameters, self.FORMAT, context)]
        try:
            ground_truth = evaluation.load_ground_truth(ground_truth_path, fmt)
            edges = evaluation.parse_edges(self.parameterAsString(parameters, self.SIZE_BUCKETS, context))
        except GeoBlurError as error:
            raise QgsProcessingException(str(error))
        originals = self.parameterAsFile(parameters, self.ORIGINALS, context) or None
        if originals and not os.path.isdir(originals):
            raise QgsProcessingException(tr("The folder of original images {} does not exist.").format(originals))
        source = self._source(parameters, context, feedback, evaluation)
        feedback.pushInfo(
            tr("{} images labelled ({}), {} annotation problem(s); scoring {}.").format(
                len(ground_truth.images), ground_truth.format, len(ground_truth.problems), source.describe()
            )
        )
        callbacks = Callbacks(progress=feedback.setProgress, is_canceled=feedback.isCanceled, log=feedback.pushInfo)
        gallery = self.parameterAsInt(parameters, self.GALLERY, context)
        try:
            result = evaluation.evaluate(ground_truth, source, originals, edges, callbacks, gallery)
        except Canceled:
            feedback.reportError(tr("Evaluation canceled; nothing was written."))
            return {}
        for problem in result.problems[:WARNINGS_SHOWN]:
            feedback.pushWarning(str(problem))
        if len(result.problems) > WARNINGS_SHOWN:
            feedback.pushWarning(
                tr("… and {} more problems, listed in the report.").format(len(result.problems) - WARNINGS_SHOWN)
            )
        if not result.images_evaluated:
            feedback.reportError(
                tr("No image could be evaluated: check the originals folder and the copies or detections (see the warnings).")
            )

        sink, sink_id = self._write_table(parameters, context, result.rows)  # sink kept open until the end
        report = self.parameterAsFileOutput(parameters, self.REPORT, context)
        summary = self._summary(ground_truth_path, ground_truth, originals, source, result, edges)
        evaluation.write_report(report, result.rows, result.misses, result.problems, summary, self._texts())
        feedback.pushInfo(
            tr("{} objects in {} images: {:.3f} of their pixels obscured; {:.3f} of them at least 90% obscured.").format(
                result.headline["objects"], result.images_evaluated,
                result.headline["pixels_obscured"] or 0.0, result.headline["r90"] or 0.0,
            )
        )
        outputs = {
            self.OUTPUT: sink_id,
            self.REPORT: report,
            self.IMAGES_EVALUATED: result.images_evaluated,
            self.IMAGES_SKIPPED: result.images_skipped,
            self.PROBLEMS: len(result.problems),
        }
        for name, (key, _) in NUMBERS.items():
            if result.headline.get(key) is not None:  # a class absent from the ground truth has no figure
                outputs[name] = result.headline[key]
        return outputs

    def _ground_truth_path(self, parameters, context) -> str:
        """The file or folder to read: a folder as given, a COCO .json as given, and for any other
        file (a data.yaml, classes.txt, one .xml) the folder holding it."""
        path = self.parameterAsFile(parameters, self.GROUND_TRUTH, context)
        if not path or not os.path.exists(path):
            raise QgsProcessingException(
                tr("Ground truth {} does not exist; choose a COCO .json file or a YOLO / Pascal VOC folder.").format(path)
            )
        if os.path.isfile(path) and not path.lower().endswith(".json"):
            return os.path.dirname(os.path.abspath(path))
        return path

    def _source(self, parameters, context, feedback, evaluation):
        folder = self.parameterAsFile(parameters, self.ANONYMIZED, context)
        if folder:
            if not os.path.isdir(folder):
                raise QgsProcessingException(tr("The folder of anonymized copies {} does not exist.").format(folder))
            return evaluation.AnonymizedFolder(folder)
        layer = self.parameterAsSource(parameters, self.DETECTIONS, context)
        if layer is None:
            raise QgsProcessingException(tr("The detections layer cannot be read."))
        from .sinks import require_detection_fields

        require_detection_fields(layer.fields(), DETECTION_FIELDS)
        names = layer.fields().names()
        from ..core.types import CLASSES, Detection

        masks = evaluation.DetectionMasks(self.parameterAsDouble(parameters, self.MASK_SCALE, context))
        sized = "image_width" in names and "image_height" in names
        skipped = 0
        reviewed = "decision" in names
        for feature in layer.getFeatures():
            if reviewed and feature["decision"] == "rejected":
                continue  # a reviewer decided it is not there: the copies do not obscure it
            values = [feature[f] for f in DETECTION_FIELDS]
            if any(v is None or v == "" or (hasattr(v, "isNull") and v.isNull()) for v in values) or values[1] not in CLASSES:
                skipped += 1
                continue
            try:
                box = tuple(float(v) for v in values[2:])
                size = (int(feature["image_width"]), int(feature["image_height"])) if sized else None
            except (TypeError, ValueError):
                skipped += 1
                continue
            masks.add(str(values[0]), Detection(values[1], 1.0, box, ""), size)
        if skipped:
            feedback.pushWarning(tr("{} detection(s) with empty or invalid fields were ignored.").format(skipped))
        return masks

    def _write_table(self, parameters, context, rows):
        fields = QgsFields()
        fields.append(QgsField("class", QVariant.String))
        fields.append(QgsField("size", QVariant.String))
        fields.append(QgsField("objects", QVariant.Int))
        for name in ("pixels_obscured", "r50", "r90", "over"):
            fields.append(QgsField(name, QVariant.Double))
        sink, sink_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.NoGeometry)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        for row in rows:
            feature = QgsFeature(fields)
            feature.setAttributes(
                [row.cls, row.size, row.objects, row.pixels_obscured, row.r50, row.r90, row.over]
            )
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
        return sink, sink_id

    def _summary(self, path, ground_truth, originals, source, result, edges):
        figures = result.headline
        return [
            (tr("Ground truth"), f"{path} ({ground_truth.format})"),
            (tr("Originals"), originals or " / ".join(ground_truth.image_folders)),
            (tr("Scored from"), source.describe()),
            (tr("Images evaluated"), result.images_evaluated),
            (tr("Images not evaluated"), result.images_skipped),
            (tr("Objects"), figures["objects"]),
            (tr("Share of object pixels obscured"), _share(figures["pixels_obscured"])),
            (tr("Objects at least 90% obscured"), _share(figures["r90"])),
            (tr("Background obscured (over)"), _share(figures["over"], 4)),
            (tr("Size buckets (px)"), ", ".join(f"{e:g}" for e in edges)),
        ]

    def _texts(self):
        return {
            "title": tr("GeoBlur anonymization report"),
            "table": tr("Coverage by class and size"),
            "columns": ("class", "size", "objects", "pixels_obscured", "r50", "r90", "over"),
            "metric": tr(
                "pixels_obscured: share of the objects' pixels obscured (a face's pixels: the ellipse "
                "inscribed in its box; other classes: the box). r50 / r90: share of objects at least 50% / "
                "90% obscured. over: share of background pixels obscured (away from labelled objects, "
                "crowd and don't-care regions). Size: square root of the box area, in pixels."
            ),
            "gallery": tr("Worst misses"),
            "gallery_note": tr(
                "Crops of the ORIGINAL images: red = labelled object, blue tint = obscured pixels. This report "
                "shows unanonymized faces and plates: keep it as confidential as the originals."
            ),
            "no_misses": tr("Every object is at least 90% obscured."),
            "problems": tr("Annotations not taken as they were"),
            "no_problems": tr("None."),
            "more_problems": tr("… and {count} more."),
            "caption": tr("{image} — {cls} {label}, {size} px, {coverage} obscured"),
        }


def _share(value, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"
