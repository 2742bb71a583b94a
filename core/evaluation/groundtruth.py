"""Ground truth in one shape, whatever format it was labelled in.

COCO JSON, YOLO txt folders and Pascal VOC folders all become a :class:`GroundTruth`: images
with their labelled objects (in GeoBlur's four classes) and their ignore regions (COCO
``iscrowd``, the ``dontcare`` class). Labels are user data and often imperfect, so the readers
never stop at a bad annotation: they drop or clip it and record a :class:`Problem` that the
evaluation shows the user (a warning and a section of the report).
"""
import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from ..errors import GeoBlurError
from ..types import CLASSES

Box = Tuple[float, float, float, float]  # x_min, y_min, x_max, y_max in pixels

#: label names met in the wild → GeoBlur class; "ignore" marks regions that count neither way
CLASS_NAMES: Dict[str, str] = {
    "face": "face",
    "faces": "face",
    "head": "face",
    "person": "person",
    "persons": "person",
    "pedestrian": "person",
    "people": "person",
    "rider": "person",
    "cyclist": "person",
    "license_plate": "license_plate",
    "licence_plate": "license_plate",
    "plate": "license_plate",
    "number_plate": "license_plate",
    "numberplate": "license_plate",
    "lp": "license_plate",
    "vehicle": "vehicle",
    "car": "vehicle",
    "van": "vehicle",
    "truck": "vehicle",
    "bus": "vehicle",
    "motorcycle": "vehicle",
    "dontcare": "ignore",
    "dont_care": "ignore",
    "ignore": "ignore",
    "crowd": "ignore",
}

FORMATS = ("auto", "coco", "yolo", "voc")
#: the files an evaluation set's images (and their anonymized copies) may be
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp")


def geoblur_class(name) -> Optional[str]:
    """The GeoBlur class (or "ignore") a label name stands for; None when unknown."""
    return CLASS_NAMES.get("_".join(str(name).strip().lower().replace("-", " ").split()))


@dataclass
class Problem:
    """One annotation the evaluation could not take as it was, and what was done about it."""

    where: str  # the file, image or annotation concerned
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class GtObject:
    """One labelled object. Several ``boxes`` are pieces of one object (a COCO ``group``, such as
    a face split by a panorama's 360° seam): the object is obscured only as far as all its pieces
    are."""

    cls: str
    boxes: List[Box]
    label: str  # annotation id(s), to name the object in the report

    @property
    def size(self) -> float:
        """The object's size in pixels: the square root of its box area (pieces summed) — COCO's
        convention, so "small" (< 32) means an area below 32² whatever the aspect ratio."""
        return sum((b[2] - b[0]) * (b[3] - b[1]) for b in self.boxes) ** 0.5

    @property
    def extent(self) -> Box:
        return (
            min(b[0] for b in self.boxes),
            min(b[1] for b in self.boxes),
            max(b[2] for b in self.boxes),
            max(b[3] for b in self.boxes),
        )


@dataclass
class GtImage:
    """One labelled image. ``width``/``height`` are None until known (YOLO labels do not say);
    boxes of a YOLO image are fractions of the image size until :meth:`in_pixels` is called."""

    key: str
    file_name: str
    width: Optional[int] = None
    height: Optional[int] = None
    objects: List[GtObject] = field(default_factory=list)
    ignore: List[Box] = field(default_factory=list)
    normalized: bool = False

    def in_pixels(self, width: int, height: int) -> "GtImage":
        """This image with boxes in pixels of a ``width`` × ``height`` image."""
        if not self.normalized:
            return GtImage(self.key, self.file_name, width, height, self.objects, self.ignore)

        def scale(b: Box) -> Box:
            return (b[0] * width, b[1] * height, b[2] * width, b[3] * height)

        objects = [GtObject(o.cls, [scale(b) for b in o.boxes], o.label) for o in self.objects]
        return GtImage(self.key, self.file_name, width, height, objects, [scale(b) for b in self.ignore])


@dataclass
class GroundTruth:
    """Every labelled image of a data set, where its images are, and what was wrong with it."""

    images: List[GtImage]
    format: str
    source: str  # the file or folder read
    image_folders: List[str]  # where to look for the images when no originals folder is given
    problems: List[Problem] = field(default_factory=list)

    @property
    def classes(self) -> List[str]:
        present = {o.cls for image in self.images for o in image.objects}
        return [c for c in CLASSES if c in present]


def detect_format(path: str) -> str:
    """coco for a .json file; voc for a folder holding .xml files; yolo for one holding .txt."""
    if os.path.isfile(path):
        if path.lower().endswith(".json"):
            return "coco"
        raise GeoBlurError(f"Ground truth {path}: a file must be COCO JSON (.json); give a folder for YOLO or VOC.")
    if not os.path.isdir(path):
        raise GeoBlurError(f"Ground truth {path} does not exist; choose a COCO .json file or a YOLO/VOC folder.")
    found = set()
    for folder, _, files in os.walk(path):
        for name in files:
            ext = os.path.splitext(name)[1].lower()
            if ext == ".xml":
                found.add("voc")
            elif ext == ".txt" and name.lower() not in ("classes.txt", "readme.txt"):
                found.add("yolo")
    if len(found) == 1:
        return found.pop()
    if not found:
        raise GeoBlurError(f"Ground truth folder {path} holds no YOLO .txt or VOC .xml labels.")
    raise GeoBlurError(f"Ground truth folder {path} holds both YOLO .txt and VOC .xml labels; choose the format.")


def load_ground_truth(path: str, fmt: str = "auto") -> GroundTruth:
    """Read ground truth in ``fmt`` (one of :data:`FORMATS`). Raises GeoBlurError only when the
    file or folder cannot be used at all; bad annotations become problems."""
    if fmt not in FORMATS:
        raise GeoBlurError(f"Unknown ground truth format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    if fmt == "auto":
        fmt = detect_format(path)
    if fmt == "coco":
        from .coco import read_coco

        return read_coco(path)
    if fmt == "yolo":
        from .yolo import read_yolo

        return read_yolo(path)
    from .voc import read_voc

    return read_voc(path)


def checked_box(box: Box, width: Optional[float], height: Optional[float], where: str, problems: List[Problem]):
    """``box`` clipped to the image, or None (with a problem recorded) when it is empty or lies
    wholly outside it. A box partly outside is clipped and reported. ``width``/``height`` of 1
    mean the box is in fractions of the image (YOLO)."""
    x0, y0, x1, y1 = box
    image = "the image" if (width, height) == (1.0, 1.0) else f"the {width}×{height} image"
    if not all(v == v and abs(v) != float("inf") for v in box):
        problems.append(Problem(where, "box has non-numeric coordinates; ignored"))
        return None
    if x1 <= x0 or y1 <= y0:
        problems.append(Problem(where, f"box {_fmt(box)} has no area; ignored"))
        return None
    if width is None or height is None:
        return box
    if x1 <= 0 or y1 <= 0 or x0 >= width or y0 >= height:
        problems.append(Problem(where, f"box {_fmt(box)} lies outside {image}; ignored"))
        return None
    clipped = (max(0.0, x0), max(0.0, y0), min(float(width), x1), min(float(height), y1))
    slack = 0.5 if image != "the image" else 1e-3  # rounding in the labelling tool is no problem
    overshoot = max(-x0, -y0, x1 - width, y1 - height)
    if overshoot > slack:
        problems.append(Problem(where, f"box {_fmt(box)} reaches outside {image}; clipped"))
    return clipped


def _fmt(box: Box) -> str:
    return "(" + ", ".join(f"{v:g}" for v in box) + ")"
