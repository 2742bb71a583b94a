"""NanoDet-m (RangiLyu, Apache-2.0): a small anchor-free COCO detector for persons and vehicles.

Its export takes a fixed square image (416 px), BGR minus the ImageNet mean over its std (its
manifest entry's ``input``). It
was trained on plainly resized images, but the views it gets here may be far from square (the
coarse passes over a wide photo), so they are padded to a square rather than stretched. Per
stride (8, 16, 32) it gives class scores (1, N, 80), already sigmoid-ed, and box sides
(1, N, 4·(R+1)) as Generalized Focal Loss distributions over R+1 bins in stride units. The
export's output names say nothing of which is which, and their order is the converter's, so
outputs are paired by their shapes.

A 416 px model misses many people under 40 px at native resolution: the tiler cuts the image
into tiles of :attr:`NanoDet.tile_size`, three quarters of the model's input, so each tile is
enlarged by a third and people from about 32 px tall are seen at a size the model knows.
"""
from dataclasses import replace
from typing import Dict, List, Sequence, Tuple

import cv2
import numpy as np

from ..boxes import nms_detections
from ..errors import ModelError
from ..models import InputSpec
from ..types import Detection
from .base import Adapter

#: COCO's 80 class names in the order of the model's score columns
COCO_NAMES = (
    "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat",
    "traffic light", "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog",
    "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella",
    "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "sports ball", "kite",
    "baseball bat", "baseball glove", "skateboard", "surfboard", "tennis racket", "bottle",
    "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple", "sandwich", "orange",
    "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "couch", "potted plant",
    "bed", "dining table", "toilet", "tv", "laptop", "mouse", "remote", "keyboard", "cell phone",
    "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors",
    "teddy bear", "hair drier", "toothbrush",
)

STRIDES = (8, 16, 32)
NMS_IOU = 0.5
#: boxes down to this share of the threshold widen the box of the object they overlap
SUPPORT = 0.5
PERSON = 0
#: what a person may ride, by column: its rider is obscured with it
RIDDEN = {1: "bicycle", 3: "motorcycle"}


def class_indices(classes: Dict[str, str], names, model_id: str) -> Dict[int, str]:
    """The manifest's class map (model class name or index → GeoBlur class) by column index."""
    by_index = {}
    for key, cls in classes.items():
        if key.isdigit() and int(key) < len(names):
            by_index[int(key)] = cls
        elif key in names:
            by_index[names.index(key)] = cls
        else:
            raise ModelError(f"Model {model_id!r} has no class {key!r}; its classes are {', '.join(names)}.")
    return by_index


class NanoDet(Adapter):
    family = "nanodet"
    # tiles small enough that 32-40 px people are found, large enough to keep the tile count
    # low (the measurements: bench/README.md, "Why the numbers are what they are")
    tile_size = 312
    min_object = 32
    max_object = 312
    default_input = InputSpec(color="BGR", mean=(103.53, 116.28, 123.675), std=(57.375, 57.12, 58.395))

    def check(self) -> None:
        inputs = self.session.get_inputs()
        shape = inputs[0].shape if len(inputs) == 1 else []
        if len(shape) != 4 or shape[1] != 3 or not isinstance(shape[2], int) or shape[2] != shape[3]:
            raise ModelError(
                f"Model {self.spec.id!r} is not a NanoDet export: expected one (1, 3, S, S) input, "
                f"got {[i.shape for i in inputs]}."
            )
        self._input = inputs[0].name
        self.check_input_name(self._input)
        self._size = self.input_size(shape[2:], None)[0]
        self._levels = self._pair_outputs(self.session.get_outputs())
        self._classes = class_indices(self.spec.classes, COCO_NAMES, self.spec.id)

    def _pair_outputs(self, outputs) -> List[Tuple[int, int, int]]:
        """(stride, scores output index, boxes output index) per level, found by shape: a level of
        stride s has (S/s)² cells; its scores have 80 columns, its boxes 4·(R+1)."""
        by_cells: Dict[int, Dict[str, int]] = {}
        for index, output in enumerate(outputs):
            shape = output.shape
            if len(shape) != 3 or not isinstance(shape[1], int) or not isinstance(shape[2], int):
                continue
            kind = "scores" if shape[2] == len(COCO_NAMES) else "boxes" if shape[2] % 4 == 0 else None
            if kind:
                by_cells.setdefault(shape[1], {})[kind] = index
        levels = []
        for stride in STRIDES:
            pair = by_cells.get((self._size // stride) ** 2, {})
            if len(pair) != 2:
                raise ModelError(
                    f"Model {self.spec.id!r} is not a NanoDet export: no (1, N, 80) scores and "
                    f"(1, N, 4·bins) boxes for stride {stride}; outputs are "
                    f"{[o.shape for o in outputs]}."
                )
            levels.append((stride, pair["scores"], pair["boxes"]))
        return levels

    def infer(self, rgb: np.ndarray, min_score: float) -> List[Detection]:
        """Detections scored ≥ ``min_score``, each box grown over the weaker boxes of the same
        object (down to :data:`SUPPORT` × ``min_score``): NanoDet's best box of a person often
        stops at the waist or the knees, a weaker one reaches the feet."""
        return self.merge(self.candidates(rgb, min_score * SUPPORT), min_score)

    def infer_floors(self, rgb: np.ndarray, floors: Sequence[float]) -> List[List[Detection]]:
        """What :meth:`infer` finds at each floor, from one forward pass: the lowest floor's
        candidates, cut at each floor's support as :meth:`candidates` cuts them (in float32),
        each floor merging its own copies."""
        found = self.candidates(rgb, min(floors) * SUPPORT)
        return [self.merge([replace(d, extra=dict(d.extra)) for d in found
                            if np.float32(d.score) >= np.float32(floor * SUPPORT)], floor)
                for floor in floors]

    def candidates(self, rgb: np.ndarray, min_score: float) -> List[Detection]:
        """Every cell's box scored ≥ ``min_score`` for a mapped class or a ride, in ``rgb``'s pixels."""
        height, width = rgb.shape[:2]
        # a view that is not square (the image's edge, a small image) is padded, not stretched
        to_image = max(height, width) / self._size
        size = (max(1, round(width / to_image)), max(1, round(height / to_image)))
        resized = cv2.resize(rgb, size, interpolation=cv2.INTER_AREA if to_image > 1 else cv2.INTER_LINEAR)
        tensor = np.zeros((1, 3, self._size, self._size), dtype=np.float32)  # zero: the mean colour
        self.normalise(resized, tensor[0, :, :size[1], :size[0]])
        outputs = self.run({self._input: tensor})
        columns = np.array(sorted(set(self._classes) | set(RIDDEN)))
        found = []
        for stride, score_index, box_index in self._levels:
            level_scores = outputs[score_index][0][:, columns]
            cells, column = np.where(level_scores >= min_score)
            if len(cells) == 0:
                continue
            boxes = np.clip(self._decode(outputs[box_index][0][cells], cells, stride) * to_image, 0,
                            [width, height, width, height])
            for box, score, label in zip(boxes, level_scores[cells, column], columns[column]):
                cls = self._classes.get(int(label)) or RIDDEN[int(label)]
                found.append(Detection(cls, float(score), tuple(float(v) for v in box), self.spec.id,
                                       extra={"label": COCO_NAMES[label]}))
        return found

    def merge(self, candidates: List[Detection], min_score: float) -> List[Detection]:
        """One detection per object scored ≥ ``min_score``, grown over its weaker candidates;
        riders grown over what they ride."""
        merged = [d for d in nms_detections(candidates, NMS_IOU) if d.score >= min_score]
        rides = [d for d in merged if d.extra["label"] in RIDDEN.values()]
        found = [d for d in merged if d.cls in self._classes.values()]
        for person in (d for d in found if d.extra["label"] == COCO_NAMES[PERSON]):
            _add_ride(person, rides)
        return found

    def _decode(self, distributions: np.ndarray, cells: np.ndarray, stride: int) -> np.ndarray:
        """Boxes (x0, y0, x1, y1) in model-input pixels from each cell's four side
        distributions: a side's distance is the expectation of its softmax over the bins."""
        side = self._size // stride
        bins = distributions.reshape(len(cells), 4, -1)
        weights = np.exp(bins - bins.max(axis=2, keepdims=True))
        weights /= weights.sum(axis=2, keepdims=True)
        distance = (weights * np.arange(bins.shape[2])).sum(axis=2) * stride  # left, top, right, bottom
        centre_x = (cells % side + 0.5) * stride
        centre_y = (cells // side + 0.5) * stride
        return np.stack(
            [centre_x - distance[:, 0], centre_y - distance[:, 1],
             centre_x + distance[:, 2], centre_y + distance[:, 3]],
            axis=1,
        )


def _add_ride(person: Detection, rides: List[Detection]) -> None:
    """A rider is a person together with what they ride: grow a person's box over the bicycle
    or motorcycle under them (one whose top is within the person's box, below the person's
    middle, overlapping the person's width by half), so the rider is obscured whole."""
    x0, y0, x1, y1 = person.box
    for ride in rides:
        r0, s0, r1, s1 = ride.box
        overlap = min(x1, r1) - max(x0, r0)
        if overlap >= 0.5 * min(x1 - x0, r1 - r0) and y0 < s0 < y1 and (s0 + s1) / 2 > (y0 + y1) / 2:
            x0, y0, x1, y1 = min(x0, r0), min(y0, s0), max(x1, r1), max(y1, s1)
            person.extra["rides"] = ride.extra["label"]
    person.box = (float(x0), float(y0), float(x1), float(y1))
