"""Where the obscured pixels of an image come from: an anonymized copy, or a tool's detections.

An anonymized copy is the ground truth of what was published, whatever tool made it, and is
compared with its original (:func:`.masks.changed_mask`). A detections layer written by
``geoblur:anonymizeimages`` is turned into the mask GeoBlur obscured with
(:func:`core.obscure.coverage_mask`, same mask scale) — faster, and exact for GeoBlur's output.
"""
import os
from collections import defaultdict
from typing import Dict, List, Optional, Tuple

import cv2
import numpy as np

from ..errors import ImageError
from ..obscure import coverage_mask
from ..types import Detection
from .groundtruth import IMAGE_EXTENSIONS, GtImage, Problem
from .masks import changed_mask


def read_pixels(path: str) -> np.ndarray:
    """An image as upright 8-bit BGR (EXIF orientation applied); ImageError when unreadable."""
    try:
        data = np.fromfile(path, np.uint8)
    except OSError as error:
        raise ImageError(f"{path} cannot be read: {error}") from error
    pixels = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else None
    if pixels is None:
        raise ImageError(f"{path} is not an image OpenCV can decode")
    return pixels


def locate(file_name: str, folders: List[str], suffixes: Tuple[str, ...] = ("",)) -> Optional[str]:
    """The first existing file for a labelled ``file_name`` below one of ``folders``: the path as
    labelled, then with its leading folders dropped one by one (``images/a/x.jpg``, ``a/x.jpg``,
    ``x.jpg``), each with the stem ``suffixes`` tried in turn; a name without an extension is
    tried with the usual image extensions."""
    parts = file_name.replace("\\", "/").strip("/").split("/")
    tails = ["/".join(parts[i:]) for i in range(len(parts))]
    for folder in folders:
        for tail in tails:
            stem, ext = os.path.splitext(tail)
            extensions = [ext] if ext else list(IMAGE_EXTENSIONS) + [e.upper() for e in IMAGE_EXTENSIONS]
            for suffix in suffixes:
                for extension in extensions:
                    candidate = os.path.join(folder, stem + suffix + extension)
                    if os.path.isfile(candidate):
                        return candidate
    return None


class AnonymizedFolder:
    """Obscured pixels = what changed between each original and its anonymized copy.

    A copy is looked up by the labelled path below the folder (GeoBlur mirrors the sources'
    folders), then by its tail and its name, also with deface's ``_anonymized`` suffix."""

    SUFFIXES = ("", "_anonymized")

    def __init__(self, folder: str):
        self.folder = folder

    def describe(self) -> str:
        return f"anonymized copies in {self.folder}, compared with the originals"

    def notes(self) -> List[Problem]:
        return []

    def mask(self, image: GtImage, original: np.ndarray, original_path: str) -> np.ndarray:
        path = locate(image.file_name, [self.folder], self.SUFFIXES)
        if path is None:
            raise ImageError(f"no anonymized copy of {image.file_name} in {self.folder}")
        if os.path.realpath(path) == os.path.realpath(original_path):
            raise ImageError(f"the anonymized copy of {image.file_name} is the original itself")
        try:
            return changed_mask(original, read_pixels(path))
        except ValueError as error:
            raise ImageError(f"{path}: {error}") from error


class DetectionMasks:
    """Obscured pixels = the mask GeoBlur draws for its detections, at the run's mask scale.

    Detections are matched to images by source path, then by file name when that is unique. An
    image with no detection was obscured nowhere (GeoBlur writes no feature for it). Boxes of a
    panorama may run past its edges (an object across the seam)."""

    def __init__(self, mask_scale: float):
        self.mask_scale = mask_scale
        self.by_path: Dict[str, List[Tuple[Detection, Optional[Tuple[int, int]]]]] = defaultdict(list)
        self.without_detections: List[str] = []

    def describe(self) -> str:
        return f"detections drawn as GeoBlur's masks (mask scale {self.mask_scale:g})"

    def notes(self) -> List[Problem]:
        """Images without any detection: right when the tool found nothing there, wrong when the
        image was not part of the run — the user is the one who knows."""
        if not self.without_detections:
            return []
        names = ", ".join(self.without_detections[:5]) + (", …" if len(self.without_detections) > 5 else "")
        return [
            Problem(
                "detections",
                f"{len(self.without_detections)} image(s) have no detection in the layer and count as obscured "
                f"nowhere ({names}); if they were not part of the anonymization run, leave them out of the ground truth",
            )
        ]

    def add(self, source_path: str, detection: Detection, image_size: Optional[Tuple[int, int]] = None) -> None:
        """Record one detection; ``image_size`` (width, height) is the size it was found at."""
        self.by_path[os.path.normpath(source_path)].append((detection, image_size))

    def _find(self, original_path: str):
        for key in (os.path.normpath(original_path), os.path.realpath(original_path)):
            if key in self.by_path:
                return self.by_path[key]
        name = os.path.basename(original_path)
        same_name = [k for k in self.by_path if os.path.basename(k) == name]
        return self.by_path[same_name[0]] if len(same_name) == 1 else []

    def mask(self, image: GtImage, original: np.ndarray, original_path: str) -> np.ndarray:
        height, width = original.shape[:2]
        found = self._find(original_path)
        if not found:
            self.without_detections.append(image.file_name)
        detections = []
        for detection, size in found:
            if size and tuple(size) != (width, height) and all(size):
                sx, sy = width / size[0], height / size[1]
                x0, y0, x1, y1 = detection.box
                detection = Detection(detection.cls, detection.score, (x0 * sx, y0 * sy, x1 * sx, y1 * sy), detection.model)
            detections.append(detection)
        # the layer does not say which images were panoramas; a 2:1 image is taken as one (as
        # GeoBlur's "auto" does), so a mask across its 360° seam shows on both edges
        return coverage_mask(height, width, detections, self.mask_scale, wrap=width == 2 * height)
