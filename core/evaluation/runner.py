"""One evaluation run: every labelled image, its obscured pixels, the tally and the gallery.

An image that cannot be evaluated (missing, unreadable, no anonymized copy, labelled for another
size) is skipped with a problem saying why; the run goes on, as the anonymization does.
"""
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

from ..callbacks import Callbacks
from ..errors import Canceled, ImageError
from ..types import CLASSES
from .coverage import ALL, DEFAULT_EDGES, ObjectScore, Row, Tally
from .groundtruth import GroundTruth, GtImage, GtObject, Problem, checked_box
from .report import Gallery, Miss
from .sources import locate, read_pixels


@dataclass
class Evaluation:
    rows: List[Row]
    objects: List[ObjectScore]
    problems: List[Problem]
    images_evaluated: int
    images_skipped: int
    misses: List[Miss]
    headline: Dict[str, Optional[float]]


def evaluate(
    ground_truth: GroundTruth,
    source,
    originals: Optional[str] = None,
    edges: Sequence[float] = DEFAULT_EDGES,
    callbacks: Optional[Callbacks] = None,
    gallery_size: int = 12,
) -> Evaluation:
    """Score every image of ``ground_truth`` against the obscured pixels ``source`` gives
    (:class:`.sources.AnonymizedFolder` or :class:`.sources.DetectionMasks`). Originals are
    looked up in ``originals`` when given, else where the ground truth says its images are."""
    callbacks = callbacks or Callbacks()
    folders = [originals] if originals else ground_truth.image_folders
    tally = Tally(edges)
    gallery = Gallery(gallery_size)
    problems = list(ground_truth.problems)
    skipped = 0
    total = len(ground_truth.images)
    for index, image in enumerate(ground_truth.images):
        if callbacks.is_canceled():
            raise Canceled("Canceled.")
        path = locate(image.file_name, folders)
        try:
            if path is None:
                raise ImageError(f"not found in {' or '.join(folders)}")
            original = read_pixels(path)
            sized = sized_image(image, original.shape[1], original.shape[0], problems)
            obscured = source.mask(sized, original, path)
        except ImageError as error:
            problems.append(Problem(image.file_name, f"{error}; not evaluated"))
            skipped += 1
            continue
        for score in tally.add(sized, obscured):
            gallery.offer(score, original, obscured)
        callbacks.progress(100.0 * (index + 1) / total)
    problems += source.notes()
    return Evaluation(
        tally.rows(), tally.objects, problems, total - skipped, skipped, gallery.misses(), headline(tally)
    )


def sized_image(image: GtImage, width: int, height: int, problems: List[Problem]) -> GtImage:
    """``image`` with boxes in pixels of the real ``width`` × ``height`` image; ImageError when
    the labels were made for an image of another size."""
    if image.normalized:
        return image.in_pixels(width, height)
    if image.width is None or image.height is None:
        objects = []
        for obj in image.objects:
            boxes = [checked_box(b, width, height, f"{image.file_name} {obj.label}", problems) for b in obj.boxes]
            boxes = [b for b in boxes if b is not None]
            if boxes:
                objects.append(GtObject(obj.cls, boxes, obj.label))
        ignore = [b for b in (checked_box(b, width, height, image.file_name, problems) for b in image.ignore) if b]
        return GtImage(image.key, image.file_name, width, height, objects, ignore)
    if (image.width, image.height) != (width, height):
        raise ImageError(f"labelled as {image.width}×{image.height} but the image is {width}×{height}")
    return image


def headline(tally: Tally) -> Dict[str, Optional[float]]:
    """The figures a privacy officer quotes: all objects together, and r90 per class."""
    overall = tally.row(ALL, ALL)
    figures = {
        "objects": overall.objects,
        "pixels_obscured": overall.pixels_obscured,
        "r50": overall.r50,
        "r90": overall.r90,
        "over": overall.over,
    }
    for cls in CLASSES:
        row = tally.row(cls, ALL)
        figures[f"r90_{cls}"] = row.r90
        figures[f"r90_{cls}_small"] = tally.row(cls, tally.labels[0]).r90
    return figures

