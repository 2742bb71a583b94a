"""PP-OCRv4's text detector (PaddleOCR, Apache-2.0): a DBNet that marks where text is.

No permissively licensed licence-plate detector exists, but a plate is a line of large
characters, and this model finds text of any script at any size. It is fully convolutional:
the image is padded to multiples of 32, normalised as ImageNet (RGB 0..1 minus the ImageNet
mean over its std, as its manifest entry's ``input`` says), and the model returns a text
probability per pixel. Text regions are the connected areas above :data:`BINARY_THRESHOLD`
whose mean probability is at least ``min_score``, each grown back to the full height of its
characters (DB shrinks them in training; "unclip").

GeoBlur uses text only to find licence plates: the adapter finds text, and the plate search
(:class:`..plates.PlateSearch`, which the pipeline runs for a text model instead of tiling it)
decides which text is a plate.
"""
from typing import List

import cv2
import numpy as np

from ..errors import ModelError
from ..models import InputSpec
from ..types import Detection
from .base import Adapter

#: a pixel is text when its probability reaches this (PaddleOCR's det_db_thresh)
BINARY_THRESHOLD = 0.3
#: the region is grown by area·ratio/perimeter on every side (PaddleOCR's det_db_unclip_ratio)
UNCLIP_RATIO = 1.6
MIN_SIDE = 3


class DBNet(Adapter):
    family = "dbnet"
    # fully convolutional and light: most photos in one pass (overlapping tiles cost more)
    tile_size = 2048
    min_object = 8  # text height in pixels
    max_object = 640
    default_input = InputSpec(color="RGB", scale=1 / 255, mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225),
                              size_multiple=32)
    finds_text = True

    def check(self) -> None:
        inputs, outputs = self.session.get_inputs(), self.session.get_outputs()
        if len(inputs) != 1 or len(inputs[0].shape) != 4 or len(outputs) != 1 or len(outputs[0].shape) != 4:
            raise ModelError(
                f"Model {self.spec.id!r} is not a DBNet text detector: expected one NCHW input and "
                f"one (1, 1, H, W) probability map, got {len(inputs)} inputs and {len(outputs)} outputs."
            )
        self._input = inputs[0].name
        self.check_input_name(self._input)
        self._cls = next(iter(self.spec.classes.values()))

    def probability(self, rgb: np.ndarray) -> np.ndarray:
        """The text probability of every pixel of ``rgb`` (H, W float32)."""
        height, width = rgb.shape[:2]
        (prob,) = self.run({self._input: self.padded(rgb)})  # padding: the mean colour
        return prob[0, 0, :height, :width]

    def infer(self, rgb: np.ndarray, min_score: float) -> List[Detection]:
        """Every text region scoring ≥ ``min_score``: its box, and in ``extra`` the shape of
        its line (see :func:`line_shape`), which :mod:`..plates` judges."""
        prob = self.probability(rgb)
        height, width = prob.shape
        binary = (prob > BINARY_THRESHOLD).astype(np.uint8)
        contours, _ = cv2.findContours(binary, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
        found = []
        for contour in contours:
            (cx, cy), (w, h), angle = cv2.minAreaRect(contour)
            if min(w, h) < MIN_SIDE:
                continue
            score = _mean_inside(prob, contour)
            if score < min_score:
                continue
            grow = w * h * UNCLIP_RATIO / (2 * (w + h))  # the offset of an unclipped rectangle
            rect = ((cx, cy), (w + 2 * grow, h + 2 * grow), angle)
            quad = cv2.boxPoints(rect)
            x0, y0 = np.clip(quad.min(axis=0), 0, (width, height))
            x1, y1 = np.clip(quad.max(axis=0), 0, (width, height))
            if x1 - x0 < 1 or y1 - y0 < 1:
                continue
            found.append(
                Detection(self._cls, score, (float(x0), float(y0), float(x1), float(y1)), self.spec.id,
                          extra=line_shape(rect, y1 - y0))
            )
        return found


def line_shape(rect, box_height: float) -> dict:
    """A text line's shape from its rotated rectangle, in terms that survive scaling: ``aspect``
    (long side / short side), ``angle`` of the long side from horizontal (degrees, 0–90) and
    ``line_share``, the short side (the characters' height) as a share of the box height."""
    _, (w, h), angle = rect
    if w < h:
        w, h, angle = h, w, angle - 90
    angle = abs((angle + 90) % 180 - 90)
    return {"aspect": float(w / max(h, 1e-6)), "angle": float(angle), "line_share": float(min(1.0, h / box_height))}


def _mean_inside(prob: np.ndarray, contour: np.ndarray) -> float:
    """The mean probability inside a contour (over its bounding rectangle, for speed)."""
    x, y, w, h = cv2.boundingRect(contour)
    mask = np.zeros((h, w), dtype=np.uint8)
    cv2.fillPoly(mask, [contour - (x, y)], 1)
    return float(cv2.mean(prob[y:y + h, x:x + w], mask)[0])
