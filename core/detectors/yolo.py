"""The user's own YOLO models, as Ultralytics (and YOLOv5's own export script) write them to ONNX.

Three output layouts are told apart by their shapes and the number of classes:

- YOLOv5: one output (1, N, 5 + C): box centre and size, objectness, C class scores;
- YOLOv8 / YOLO11: one output (1, 4 + C, N): box, C class scores, no objectness;
- segmentation (v8-seg, v5-seg): the same with 32 mask coefficients after the class scores,
  plus a second output of 32 prototype masks (1, 32, H/4, W/4); a detection's mask is the
  sigmoid of its coefficients times the prototypes, cropped to its box, and its outline becomes
  :attr:`Detection.polygon` so the object is obscured in its own shape.

Class names come from the ``names`` metadata Ultralytics writes (``{0: 'person', 1: 'plate'}``);
without it classes are known by their index. The image is letterboxed to the model's declared
input size (when the export is dynamic: its ``imgsz`` metadata, else 640), RGB scaled to 0..1,
as Ultralytics trains; a model that says otherwise in its manifest entry or its metadata
(:data:`..models.METADATA_KEYS`: colour order, scale, mean, std) is fed what it says.
"""
import ast
from typing import Dict, List, Optional

import cv2
import numpy as np

from ..boxes import nms
from ..errors import ModelError
from ..models import InputSpec
from ..types import Detection
from .base import Adapter

DEFAULT_SIZE = 640
PAD_VALUE = 114
NMS_IOU = 0.45
MASK_THRESHOLD = 0.5


def class_names(session) -> Optional[List[str]]:
    """The class names an export carries in its ``names`` metadata, in index order, or None."""
    text = session.get_modelmeta().custom_metadata_map.get("names")
    if not text:
        return None
    try:
        names = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None
    if isinstance(names, dict):
        try:
            return [str(names[i]) for i in range(len(names))]
        except KeyError:
            return None
    if isinstance(names, (list, tuple)):
        return [str(n) for n in names]
    return None


class Layout:
    """Where the parts of a prediction are in an export's outputs."""

    def __init__(self, output: int, features_first: bool, objectness: bool, classes: int,
                 protos: Optional[int] = None, coefficients: int = 0):
        self.output = output  # index of the predictions output
        self.features_first = features_first  # (1, F, N) rather than (1, N, F)
        self.objectness = objectness
        self.classes = classes
        self.protos = protos  # index of the prototype masks output, for segmentation
        self.coefficients = coefficients

    @property
    def name(self) -> str:
        kind = "YOLOv5" if self.objectness else "YOLOv8/11"
        return kind + ("-seg" if self.protos is not None else "")


def find_layout(outputs, count: Optional[int]) -> Layout:
    """The layout of an export's outputs (``count``: its number of classes, when named), or
    ModelError when they are no YOLO detection or segmentation export's."""
    shapes = [o.shape for o in outputs]
    predictions = [i for i, s in enumerate(shapes) if len(s) == 3]
    protos = [i for i, s in enumerate(shapes) if len(s) == 4]
    if len(predictions) != 1 or len(protos) > 1 or len(outputs) != len(predictions) + len(protos):
        raise ModelError(f"outputs {shapes} are not a YOLO export's (one (1, N, F) or (1, F, N) "
                         "prediction output, and for segmentation one (1, 32, H, W) mask output)")
    index = predictions[0]
    coefficients = 0
    if protos:
        coefficients = shapes[protos[0]][1]
        if not isinstance(coefficients, int):
            raise ModelError(f"the mask output {shapes[protos[0]]} does not say how many masks it has")
    _, first, second = shapes[index]
    fixed_first, fixed_second = isinstance(first, int), isinstance(second, int)
    candidates = []
    if count is not None:
        if fixed_first and first == 4 + count + coefficients:
            candidates.append(Layout(index, True, False, count))
        if fixed_second and second == 5 + count + coefficients:
            candidates.append(Layout(index, False, True, count))
        if fixed_second and second == 4 + count + coefficients:
            candidates.append(Layout(index, False, False, count))
    elif fixed_first and (not fixed_second or first < second):
        candidates.append(Layout(index, True, False, first - 4 - coefficients))
    elif fixed_second:
        candidates.append(Layout(index, False, True, second - 5 - coefficients))
    candidates = [c for c in candidates if c.classes >= 1]
    # should both layouts fit, the anchors are the longer axis (thousands against 4 + C features)
    candidates.sort(key=lambda c: -_length(second if c.features_first else first))
    if not candidates:
        named = f" for its {count} named classes" if count is not None else ""
        raise ModelError(f"prediction output {shapes[index]} matches no YOLOv5 (1, N, 5+C), YOLOv8/11 "
                         f"(1, 4+C, N) or segmentation layout{named}")
    layout = candidates[0]
    if protos:
        layout.protos, layout.coefficients = protos[0], coefficients
    return layout


def _length(dim) -> int:
    """An axis's length, a symbolic (dynamic) one counting as the longest."""
    return dim if isinstance(dim, int) else 1 << 30


class Yolo(Adapter):
    family = "yolo"
    tile_size = DEFAULT_SIZE
    min_object = 10
    max_object = DEFAULT_SIZE
    default_input = InputSpec(color="RGB", scale=1 / 255)

    def check(self) -> None:
        inputs = self.session.get_inputs()
        if len(inputs) != 1 or len(inputs[0].shape) != 4 or inputs[0].shape[1] not in (3, "3"):
            raise ModelError(
                f"Model {self.spec.id!r} ({self.spec.file}) is not a YOLO export: expected one "
                f"(1, 3, H, W) image input, got {[i.shape for i in inputs]}."
            )
        self._input = inputs[0].name
        self.check_input_name(self._input)
        height, width = self.input_size(inputs[0].shape[2:], (DEFAULT_SIZE, DEFAULT_SIZE))
        self._size = (width, height)
        self.tile_size = self.max_object = max(self._size)
        self.names = class_names(self.session)
        try:
            self.layout = find_layout(self.session.get_outputs(), len(self.names) if self.names else None)
        except ModelError as error:
            raise ModelError(f"Model {self.spec.id!r} ({self.spec.file}): {error}.") from None
        if self.names is None:
            self.names = [str(i) for i in range(self.layout.classes)]
        self._classes = self._mapped_columns()

    def _mapped_columns(self) -> Dict[int, str]:
        """The model's class columns that the spec maps to GeoBlur classes."""
        columns = {}
        for key, cls in self.spec.classes.items():
            if key in self.names:
                columns[self.names.index(key)] = cls
            elif key.isdigit() and int(key) < len(self.names):
                columns[int(key)] = cls
            else:
                raise ModelError(
                    f"Model {self.spec.id!r} has no class {key!r}; its classes are "
                    f"{_listing(self.names)}. Fix the class map."
                )
        if not columns:
            raise ModelError(
                f"None of the classes of model {self.spec.id!r} ({_listing(self.names)}) is mapped to a "
                "GeoBlur class; map at least one, such as 'plate=license_plate'."
            )
        return columns

    def infer(self, rgb: np.ndarray, min_score: float) -> List[Detection]:
        canvas, ratio, pad = self._letterbox(rgb)
        tensor = self.normalise(canvas)[None]
        outputs = self.run({self._input: tensor})
        layout = self.layout
        predictions = outputs[layout.output][0]
        if layout.features_first:
            predictions = predictions.T
        first_class = 5 if layout.objectness else 4
        scores = predictions[:, first_class:first_class + layout.classes]
        if layout.objectness:
            scores = scores * predictions[:, 4:5]
        columns = np.array(sorted(self._classes))
        rows, which = np.where(scores[:, columns] >= min_score)
        if len(rows) == 0:
            return []
        labels = columns[which]
        confidence = scores[rows, labels]
        centre, size = predictions[rows, 0:2], predictions[rows, 2:4]
        boxes = np.concatenate([centre - size / 2, centre + size / 2], axis=1)
        keep = []
        for label in np.unique(labels):
            members = np.where(labels == label)[0]
            keep.extend(members[nms(boxes[members], confidence[members], NMS_IOU)])
        masks = self._masks(outputs, predictions[rows[keep], first_class + layout.classes:], boxes[keep])
        height, width = rgb.shape[:2]
        found = []
        for n, i in enumerate(keep):
            box = np.clip((boxes[i] - np.tile(pad, 2)) / ratio, 0, [width, height, width, height])
            polygon = None if masks[n] is None else (masks[n] - pad) / ratio
            found.append(Detection(self._classes[int(labels[i])], float(confidence[i]),
                                   tuple(float(v) for v in box), self.spec.id, polygon,
                                   {"label": self.names[int(labels[i])]}))
        return found

    def _letterbox(self, rgb: np.ndarray):
        """The image scaled to fit the model's input, centred on grey: (canvas, ratio, (pad x, pad y))."""
        width, height = self._size
        h, w = rgb.shape[:2]
        ratio = min(width / w, height / h)
        new_w, new_h = max(1, round(w * ratio)), max(1, round(h * ratio))
        pad_x, pad_y = (width - new_w) // 2, (height - new_h) // 2
        canvas = np.full((height, width, 3), PAD_VALUE, dtype=np.uint8)
        canvas[pad_y:pad_y + new_h, pad_x:pad_x + new_w] = cv2.resize(rgb, (new_w, new_h), interpolation=cv2.INTER_LINEAR)
        return canvas, ratio, np.array([pad_x, pad_y], dtype=np.float32)

    def _masks(self, outputs, coefficients: np.ndarray, boxes: np.ndarray) -> List[Optional[np.ndarray]]:
        """Each detection's outline in model-input pixels (None without a mask output or when
        its mask is empty)."""
        if self.layout.protos is None:
            return [None] * len(boxes)
        protos = outputs[self.layout.protos][0]
        count, mask_h, mask_w = protos.shape
        logits = coefficients @ protos.reshape(count, -1)
        masks = (1 / (1 + np.exp(-logits))).reshape(-1, mask_h, mask_w) > MASK_THRESHOLD
        to_mask = np.array([mask_w / self._size[0], mask_h / self._size[1]] * 2)
        outlines = []
        for mask, box in zip(masks, boxes):
            x0, y0, x1, y1 = np.round(box * to_mask).astype(int)
            cropped = np.zeros((mask_h, mask_w), dtype=np.uint8)
            y0, x0 = max(y0, 0), max(x0, 0)
            cropped[y0:y1, x0:x1] = mask[y0:y1, x0:x1]
            outlines.append(_outline(cropped, to_mask[:2]))
        return outlines


def _outline(mask: np.ndarray, to_mask: np.ndarray) -> Optional[np.ndarray]:
    """The outline of a mask in model-input pixels: its one piece's contour, or the convex hull
    of its pieces when occlusion split it (so no piece is left unobscured)."""
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    points = contours[0] if len(contours) == 1 else cv2.convexHull(np.concatenate(contours))
    if len(points) < 3:
        return None
    # contour points are mask pixels: take their centres, in model-input pixels
    return (points.reshape(-1, 2).astype(np.float32) + 0.5) / to_mask


def _listing(names: List[str]) -> str:
    shown = ", ".join(f"{i}={n}" for i, n in enumerate(names[:20]))
    return shown + (f", … ({len(names)} in all)" if len(names) > 20 else "")
