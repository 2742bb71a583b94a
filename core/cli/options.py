"""The command line's options, mirroring the parameters of ``geoblur:anonymizeimages``, and
their reading into the engine's settings.

Values are checked here with the same bounds the algorithm's parameters have, so a bad value is
refused before anything is read or loaded (exit code 2, argparse's own).
"""
import argparse
import os

from ..models import DEVICES
from ..types import CLASSES, IMAGE_TYPES, METHODS

MIN_MASK_SCALE, MAX_MASK_SCALE = 1.2, 4.0
#: option → the class whose threshold it sets (as THRESHOLD_FACE … of the algorithm)
CLASS_THRESHOLDS = {"threshold_face": "face", "threshold_person": "person",
                    "threshold_plate": "license_plate", "threshold_vehicle": "vehicle"}
DETECTIONS_SUFFIX = ".detections.gpkg"
IMAGES_SUFFIX = ".images.gpkg"


def _bounded(kind, low, high):
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text} is not between {low} and {high}")
        return value
    return parse


def _classes(text):
    """``face,license_plate`` → the classes in GeoBlur's order."""
    chosen = {name.strip() for name in text.split(",") if name.strip()}
    unknown = sorted(chosen - set(CLASSES))
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"choose among {','.join(CLASSES)} (got {text!r})")
    return [cls for cls in CLASSES if cls in chosen]


def _color(text):
    """``#rrggbb`` or ``r,g,b`` → an (r, g, b) tuple."""
    try:
        if text.startswith("#") and len(text) == 7:
            return tuple(int(text[i:i + 2], 16) for i in (1, 3, 5))
        rgb = tuple(int(part) for part in text.split(","))
        if len(rgb) == 3 and all(0 <= v <= 255 for v in rgb):
            return rgb
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"{text!r} is not a colour: write #rrggbb or r,g,b")


def parser() -> argparse.ArgumentParser:
    threshold = _bounded(float, 0.01, 1.0)
    p = argparse.ArgumentParser(
        prog=f"python3 -m {__package__}",
        description="Anonymize the photos and 360° panoramas attached to points, without QGIS: the "
                    "algorithm geoblur:anonymizeimages on the command line. Writes anonymized copies to "
                    "--output-folder, one polygon per detection to --detections and one row per input point "
                    "to --images. Exit codes: 0 every image anonymized or up to date, 1 some images failed, "
                    "2 bad usage or the run could not start, 130 canceled (Ctrl-C).")
    p.add_argument("input", help="a point layer (GeoPackage, CSV with lon/lat or x/y columns, any OGR vector "
                                 "file) with a field of image paths, or a folder of geotagged photos (read "
                                 "recursively; each photo's point is its EXIF GPS position)")
    source = p.add_argument_group("input")
    source.add_argument("--layer", help="the layer of a file that holds several")
    source.add_argument("--photo-field", default="photo",
                        help="text field with the image path (default: photo, as native:importphotos writes); "
                             "for a layer (a folder needs none)")
    source.add_argument("--heading-field", default="direction",
                        help="field with the camera heading in degrees clockwise from north (default: "
                             "direction; empty: none); a folder's photos have their EXIF GPSImgDirection")
    source.add_argument("--base-folder",
                        help="folder for relative image paths (default: the input file's folder, or the input "
                             "folder); a relative path may not climb out of it")
    source.add_argument("--crs", default="EPSG:4326",
                        help="CRS of a CSV's coordinate columns (default: EPSG:4326, lon/lat)")
    what = p.add_argument_group("anonymization")
    what.add_argument("--classes", type=_classes, default=["face"],
                      help=f"comma-separated, among {','.join(CLASSES)} (default: face)")
    what.add_argument("--method", choices=METHODS, default="blur", help="default: blur")
    what.add_argument("--fill-color", type=_color, default=(0, 0, 0),
                      help="colour of --method fill, #rrggbb or r,g,b (default: black)")
    what.add_argument("--mask-scale", type=_bounded(float, MIN_MASK_SCALE, MAX_MASK_SCALE), default=1.3,
                      help=f"mask enlargement, times the detected box ({MIN_MASK_SCALE}–{MAX_MASK_SCALE}, "
                           "default 1.3)")
    what.add_argument("--threshold", type=threshold,
                      help="detection threshold of every chosen class (default: each model's own)")
    for option, cls in CLASS_THRESHOLDS.items():
        what.add_argument("--" + option.replace("_", "-"), type=threshold, help=f"threshold of {cls}")
    what.add_argument("--image-type", choices=IMAGE_TYPES, default="auto",
                      help="auto (GPano XMP, or a 2:1 image whose edges meet), planar or equirectangular")
    what.add_argument("--field-of-view", type=_bounded(float, 1.0, 360.0),
                      help="horizontal field of view in degrees when EXIF has no 35 mm focal length")
    what.add_argument("--device", choices=DEVICES, default="auto", help="default: auto (CUDA when available)")
    what.add_argument("--jpeg-quality", type=_bounded(int, 1, 100), default=95,
                      help="quality of images encoded whole (default: 95)")
    what.add_argument("--jpeg-reencode", action="store_true",
                      help="re-encode JPEGs whole (default: new coefficients only in the blocks under the masks)")
    what.add_argument("--model", action="append", default=[], metavar="PATH",
                      help="your own model (ONNX, or a GeoBlur manifest JSON); repeat for several")
    what.add_argument("--model-classes", default="",
                      help="class map of your own models, e.g. 'plate=license_plate; 0=person'")
    out = p.add_argument_group("outputs")
    out.add_argument("--output-folder", required=True,
                     help="folder for the anonymized copies; neither among the originals nor holding any")
    out.add_argument("--detections", metavar="PATH.gpkg",
                     help=f"detections GeoPackage (default: the output folder's path + {DETECTIONS_SUFFIX}, "
                          "beside it, so the folder you publish holds only copies)")
    out.add_argument("--images", metavar="PATH.gpkg",
                     help=f"images GeoPackage (default: the output folder's path + {IMAGES_SUFFIX})")
    run = p.add_argument_group("run")
    run.add_argument("--workers", type=_bounded(int, 0, 1024), default=0,
                     help="worker processes (default 0: one per core; 1: this process)")
    run.add_argument("--cluster", default="", metavar="ADDRESS",
                     help="a Dask scheduler, e.g. tcp://host:8786; its workers must see the images and the "
                          "output folder")
    run.add_argument("--overwrite", action="store_true",
                     help="redo images whose copy is up to date (a rerun skips them otherwise)")
    run.add_argument("--quiet", action="store_true",
                     help="no progress bar and no notes; failures and the summary are still printed")
    return p


def parse(argv=None) -> argparse.Namespace:
    """The options, with the output paths made absolute and defaulted."""
    p = parser()
    args = p.parse_args(argv)
    if args.model_classes.strip() and not args.model:
        p.error("--model-classes is set but no --model: add the model files the class map is for")
    args.output_folder = os.path.abspath(args.output_folder)
    args.detections = os.path.abspath(args.detections or args.output_folder + DETECTIONS_SUFFIX)
    args.images = os.path.abspath(args.images or args.output_folder + IMAGES_SUFFIX)
    return args


def thresholds(args) -> dict:
    """Per-class thresholds: --threshold for every chosen class, then each --threshold-<class>."""
    result = {cls: args.threshold for cls in args.classes} if args.threshold is not None else {}
    for option, cls in CLASS_THRESHOLDS.items():
        if getattr(args, option) is not None:
            result[cls] = getattr(args, option)
    return result


def settings(args):
    """The engine settings of the run. Raises GeoBlurError for a refused user model."""
    from ..obscure import Style
    from ..pipeline import Settings

    extra = []
    if args.model:
        from ..user_models import load_user_models

        extra = load_user_models(args.model, args.model_classes.strip())
    return Settings(
        classes=args.classes,
        style=Style(method=args.method, mask_scale=args.mask_scale, fill_color=args.fill_color),
        thresholds=thresholds(args),
        device=args.device,
        jpeg_quality=args.jpeg_quality,
        lossless_jpeg=not args.jpeg_reencode,
        image_type=args.image_type,
        horizontal_fov=args.field_of_view,
        extra_models=extra,
    )
