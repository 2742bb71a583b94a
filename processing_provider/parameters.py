"""The parameters of ``geoblur:anonymizeimages``, built in one place, and their reading into the
engine's :class:`core.pipeline.Settings`.

The parameter names are GeoBlur's public interface: scripts, graphical models and
``qgis_process`` command lines use them, so they never change. Enum options are stored by index,
so their order never changes either; new options go at the end.
"""
from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterColor,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtGui import QColor

from ..core.models import DEVICES
from ..core.types import CLASSES, IMAGE_TYPES, METHODS
from ..qgis_support.i18n import tr

INPUT = "INPUT"
IMAGE_FIELD = "IMAGE_FIELD"
BASE_FOLDER = "BASE_FOLDER"
CLASSES_PARAMETER = "CLASSES"
METHOD = "METHOD"
FILL_COLOR = "FILL_COLOR"
THRESHOLD = "THRESHOLD"
CLASS_THRESHOLDS = {  # parameter → the GeoBlur class it sets the threshold of
    "THRESHOLD_FACE": "face",
    "THRESHOLD_PERSON": "person",
    "THRESHOLD_PLATE": "license_plate",
    "THRESHOLD_VEHICLE": "vehicle",
}
MASK_SCALE = "MASK_SCALE"
DEVICE = "DEVICE"
JPEG_QUALITY = "JPEG_QUALITY"
JPEG_REENCODE = "JPEG_REENCODE"
IMAGE_TYPE = "IMAGE_TYPE"
HEADING_FIELD = "HEADING_FIELD"
FIELD_OF_VIEW = "FIELD_OF_VIEW"
MODELS = "MODELS"
MODEL_CLASSES = "MODEL_CLASSES"
WORKERS = "WORKERS"
CLUSTER = "CLUSTER"
OVERWRITE = "OVERWRITE"
OUTPUT_FOLDER = "OUTPUT_FOLDER"
OUTPUT = "OUTPUT"
OUTPUT_IMAGES = "OUTPUT_IMAGES"
IMAGES_ANONYMIZED = "IMAGES_ANONYMIZED"
IMAGES_FAILED = "IMAGES_FAILED"
IMAGES_SKIPPED = "IMAGES_SKIPPED"
DETECTIONS = "DETECTIONS"

MIN_MASK_SCALE = 1.2


def class_options():
    return [tr("Faces"), tr("Persons"), tr("Licence plates"), tr("Vehicles")]


def _advanced(parameter):
    parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
    return parameter


def _threshold(name, description):
    return _advanced(QgsProcessingParameterNumber(
        name, description, QgsProcessingParameterNumber.Double, None, True, 0.01, 1.0))


def define(algorithm) -> None:
    """Add every parameter and output of the algorithm, in the order the dialog shows them."""
    add = algorithm.addParameter
    add(QgsProcessingParameterFeatureSource(
        INPUT, tr("Point layer with image paths"), [QgsProcessing.TypeVectorPoint]))
    # "optional" only so that QGIS 3.22 applies the default when the field is left out (its field
    # parameters otherwise refuse a missing value, default or not); the algorithm refuses a
    # layer without such a text field in checkParameterValues
    add(QgsProcessingParameterField(
        IMAGE_FIELD, tr("Field with the image path"), "photo", INPUT, QgsProcessingParameterField.String,
        optional=True))
    add(QgsProcessingParameterFile(
        BASE_FOLDER, tr("Base folder for relative image paths (default: the layer's folder)"),
        QgsProcessingParameterFile.Folder, optional=True))
    add(QgsProcessingParameterEnum(
        CLASSES_PARAMETER, tr("Objects to anonymize"), class_options(), allowMultiple=True, defaultValue=[0]))
    add(QgsProcessingParameterEnum(
        METHOD, tr("Anonymization method"), [tr("Gaussian blur"), tr("Pixelate"), tr("Solid fill")], defaultValue=0))
    add(QgsProcessingParameterEnum(
        IMAGE_TYPE, tr("Image type"),
        [tr("Automatic (360° panorama when GPano metadata says so, or a 2:1 image whose edges meet)"),
         tr("Photo"), tr("360° panorama (equirectangular)")], defaultValue=0))
    add(QgsProcessingParameterField(
        HEADING_FIELD, tr("Field with the camera heading (degrees clockwise from north)"), "direction", INPUT,
        QgsProcessingParameterField.Any, optional=True))
    add(_advanced(QgsProcessingParameterColor(
        FILL_COLOR, tr("Fill colour (solid fill)"), QColor(0, 0, 0), False)))
    add(_threshold(THRESHOLD, tr("Detection threshold, all classes (empty: each model's default)")))
    add(_threshold("THRESHOLD_FACE", tr("Detection threshold, faces")))
    add(_threshold("THRESHOLD_PERSON", tr("Detection threshold, persons")))
    add(_threshold("THRESHOLD_PLATE", tr("Detection threshold, licence plates")))
    add(_threshold("THRESHOLD_VEHICLE", tr("Detection threshold, vehicles")))
    add(_advanced(QgsProcessingParameterNumber(
        MASK_SCALE, tr("Mask enlargement (times the detected box)"), QgsProcessingParameterNumber.Double,
        1.3, False, MIN_MASK_SCALE, 4.0)))
    add(_advanced(QgsProcessingParameterEnum(
        DEVICE, tr("Device"), [tr("Automatic (GPU when available)"), tr("CPU"), tr("CUDA GPU")], defaultValue=0)))
    add(_advanced(QgsProcessingParameterNumber(
        JPEG_QUALITY, tr("JPEG quality of the anonymized copies"), QgsProcessingParameterNumber.Integer,
        95, False, 1, 100)))
    add(_advanced(QgsProcessingParameterBoolean(
        JPEG_REENCODE, tr("Re-encode JPEGs whole (default: new coefficients only in the blocks under the masks)"),
        False)))
    add(_advanced(QgsProcessingParameterNumber(
        FIELD_OF_VIEW, tr("Horizontal field of view in degrees (when EXIF has no 35 mm focal length)"),
        QgsProcessingParameterNumber.Double, None, True, 1.0, 360.0)))
    add(_advanced(QgsProcessingParameterMultipleLayers(
        MODELS, tr("Your own models (ONNX files or GeoBlur manifest JSON)"), QgsProcessing.TypeFile,
        optional=True)))
    add(_advanced(QgsProcessingParameterString(
        MODEL_CLASSES, tr("Class map of your own models, e.g. plate=license_plate; car=vehicle; 0=person"),
        optional=True)))
    add(_advanced(QgsProcessingParameterNumber(
        WORKERS, tr("Worker processes (0: one per core; 1: in QGIS's own process)"),
        QgsProcessingParameterNumber.Integer, 0, False, 0, 1024)))
    add(_advanced(QgsProcessingParameterString(
        CLUSTER, tr("Dask scheduler address for a cluster, e.g. tcp://host:8786 (empty: this computer)"),
        optional=True)))
    add(_advanced(QgsProcessingParameterBoolean(
        OVERWRITE, tr("Redo images whose anonymized copy is up to date"), False)))
    add(QgsProcessingParameterFolderDestination(OUTPUT_FOLDER, tr("Folder for the anonymized images")))
    add(QgsProcessingParameterFeatureSink(OUTPUT, tr("Detections"), QgsProcessing.TypeVectorPolygon))
    add(QgsProcessingParameterFeatureSink(OUTPUT_IMAGES, tr("Images"), QgsProcessing.TypeVectorPoint))
    algorithm.addOutput(QgsProcessingOutputNumber(IMAGES_ANONYMIZED, tr("Images anonymized")))
    algorithm.addOutput(QgsProcessingOutputNumber(IMAGES_FAILED, tr("Images failed")))
    algorithm.addOutput(QgsProcessingOutputNumber(IMAGES_SKIPPED, tr("Images skipped (up to date or canceled)")))
    algorithm.addOutput(QgsProcessingOutputNumber(DETECTIONS, tr("Detections")))


def _optional_number(algorithm, parameters, name, context):
    """The value of an optional number parameter, or None when it is left empty."""
    value = parameters.get(name)
    if value is None or value == "":
        return None
    return algorithm.parameterAsDouble(parameters, name, context)


def chosen_classes(algorithm, parameters, context):
    """The GeoBlur classes picked in CLASSES, in GeoBlur's order."""
    indices = algorithm.parameterAsEnums(parameters, CLASSES_PARAMETER, context)
    return [CLASSES[i] for i in sorted(set(indices))]


def thresholds(algorithm, parameters, context, classes):
    """Per-class thresholds: THRESHOLD for every chosen class, then each THRESHOLD_<class>."""
    result = {}
    overall = _optional_number(algorithm, parameters, THRESHOLD, context)
    if overall is not None:
        result = {cls: overall for cls in classes}
    for name, cls in CLASS_THRESHOLDS.items():
        value = _optional_number(algorithm, parameters, name, context)
        if value is not None:
            result[cls] = value
    return result


def user_models(algorithm, parameters, context):
    """The user's own models (MODELS, MODEL_CLASSES) as model specs; [] when none are given.

    ``core.user_models`` is imported only here, when a user model is asked for."""
    paths = [path for path in algorithm.parameterAsFileList(parameters, MODELS, context) if path]
    class_map = algorithm.parameterAsString(parameters, MODEL_CLASSES, context).strip()
    if not paths:
        if class_map:
            raise QgsProcessingException(tr(
                "MODEL_CLASSES is set but MODELS is empty: add the model files the class map is for, "
                "or clear MODEL_CLASSES."))
        return []
    from ..core.user_models import load_user_models

    return load_user_models(paths, class_map)


def read_settings(algorithm, parameters, context):
    """The engine settings of a run, from the algorithm's parameters."""
    from ..core.obscure import Style
    from ..core.pipeline import Settings

    classes = chosen_classes(algorithm, parameters, context)
    if not classes:
        raise QgsProcessingException(tr("Choose at least one kind of object to anonymize (CLASSES)."))
    color = algorithm.parameterAsColor(parameters, FILL_COLOR, context)
    style = Style(
        method=METHODS[algorithm.parameterAsEnum(parameters, METHOD, context)],
        mask_scale=max(MIN_MASK_SCALE, algorithm.parameterAsDouble(parameters, MASK_SCALE, context)),
        fill_color=(color.red(), color.green(), color.blue()) if color.isValid() else (0, 0, 0),
    )
    return Settings(
        classes=classes,
        style=style,
        thresholds=thresholds(algorithm, parameters, context, classes),
        device=DEVICES[algorithm.parameterAsEnum(parameters, DEVICE, context)],
        jpeg_quality=algorithm.parameterAsInt(parameters, JPEG_QUALITY, context),
        lossless_jpeg=not algorithm.parameterAsBool(parameters, JPEG_REENCODE, context),
        image_type=IMAGE_TYPES[algorithm.parameterAsEnum(parameters, IMAGE_TYPE, context)],
        horizontal_fov=_optional_number(algorithm, parameters, FIELD_OF_VIEW, context),
        extra_models=user_models(algorithm, parameters, context),
    )


def read_engine(algorithm, parameters, context):
    """Where the run's images are processed: WORKERS, CLUSTER, OVERWRITE. The local pool's
    workers stay warm for the next run only in QGIS desktop, a session that runs again;
    ``qgis_process`` ends with its run."""
    from qgis.utils import iface

    from ..core.runner import Engine

    return Engine(workers=algorithm.parameterAsInt(parameters, WORKERS, context),
                  cluster=algorithm.parameterAsString(parameters, CLUSTER, context).strip(),
                  overwrite=algorithm.parameterAsBool(parameters, OVERWRITE, context),
                  keep_warm=iface is not None)
