"""PP-OCRv4's text detector (PaddleOCR, Apache-2.0): a DBNet that marks where text is.

No permissively licensed licence-plate detector exists, but a plate is a line of large
characters, and this model finds text of any script at any size. It is fully convolutional:
the image is padded to multiples of 32, normalised as ImageNet, and the model returns a text
probability per pixel. Text regions are the connected areas above :data:`BINARY_THRESHOLD`
whose mean probability is at least ``min_score``, each grown back to the full height of its
characters (DB shrinks them in training; "unclip"). :mod:`..plates` decides which are plates.

GeoBlur uses text only to find licence plates, so the adapter also searches whole images for
plates itself (:meth:`DBNet.search`, which the pipeline calls instead of tiling): that search
needs the vehicles in the image, from the bundled vehicle model, loaded with this one.
"""
from typing import Callable, List

import cv2
import numpy as np

from .. import plates, tiling
from ..errors import ModelError
from ..models import default_model_for
from ..types import Detection
from .base import Adapter

MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)
#: a pixel is text when its probability reaches this (PaddleOCR's det_db_thresh)
BINARY_THRESHOLD = 0.3
#: the region is grown by area·ratio/perimeter on every side (PaddleOCR's det_db_unclip_ratio)
UNCLIP_RATIO = 1.6
MIN_SIDE = 3
#: the vehicle score from which a vehicle gives plates their context
CONTEXT_SCORE = 0.2


class DBNet(Adapter):
    family = "dbnet"
    # fully convolutional and light: most photos in one pass (overlapping tiles cost more)
    tile_size = 2048
    min_object = 8  # text height in pixels
    max_object = 640

    def check(self) -> None:
        inputs, outputs = self.session.get_inputs(), self.session.get_outputs()
        if len(inputs) != 1 or len(inputs[0].shape) != 4 or len(outputs) != 1 or len(outputs[0].shape) != 4:
            raise ModelError(
                f"Model {self.spec.id!r} is not a DBNet text detector: expected one NCHW input and "
                f"one (1, 1, H, W) probability map, got {len(inputs)} inputs and {len(outputs)} outputs."
            )
        self._input = inputs[0].name
        self._cls = next(iter(self.spec.classes.values()))
        self._vehicles = _vehicle_adapter(self.device)

    def search(self, rgb: np.ndarray, min_score: float, is_canceled: Callable[[], bool]) -> List[Detection]:
        """The licence plates in a whole image (the pipeline calls this instead of tiling):
        text on the vehicles, and plate-shaped text anywhere (:func:`..plates.find_plates`)."""
        return plates.find_plates(self, rgb, self._find_vehicles(rgb, is_canceled), min_score, is_canceled)

    def _find_vehicles(self, rgb: np.ndarray, is_canceled: Callable[[], bool]) -> List[tuple]:
        """Boxes of the vehicles that may carry a legible plate. Taken at a low score: a wrong
        vehicle only lets text in its lower part be judged by the plate-on-vehicle rules, and
        the vehicle model is unsure of cars seen close, from behind, filling the frame."""
        found = tiling.detect(_LargeOnly(self._vehicles), rgb, CONTEXT_SCORE, is_canceled=is_canceled)
        return [d.box for d in found if d.cls == "vehicle"]

    def probability(self, rgb: np.ndarray) -> np.ndarray:
        """The text probability of every pixel of ``rgb`` (H, W float32)."""
        height, width = rgb.shape[:2]
        padded_h, padded_w = -(-height // 32) * 32, -(-width // 32) * 32
        tensor = np.zeros((1, 3, padded_h, padded_w), dtype=np.float32)
        tensor[0, :, :height, :width] = ((rgb.astype(np.float32) / 255.0 - MEAN) / STD).transpose(2, 0, 1)
        (prob,) = self.session.run(None, {self._input: tensor})
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


class _LargeOnly:
    """A vehicle adapter tiled for the vehicles that can carry a legible plate, at least
    :data:`..plates.MIN_VEHICLE_WIDTH` pixels wide: larger tiles, so fewer of them, than the
    adapter needs for the smallest vehicles."""

    def __init__(self, adapter: Adapter):
        self.infer = adapter.infer
        self.min_object = max(adapter.min_object, plates.MIN_VEHICLE_WIDTH)
        scale = self.min_object / adapter.min_object
        self.tile_size = int(adapter.tile_size * scale)
        self.max_object = int(adapter.max_object * scale)


def _vehicle_adapter(device: str) -> Adapter:
    """The bundled vehicle model, which gives plates their context; loaded with the text model
    so that a missing or broken one is reported before any image."""
    from . import make_adapter  # the registry imports this module

    return make_adapter(default_model_for("vehicle"), device)


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
