"""Obscure detected objects in an image: the mask shape per class, then blur, pixelate or fill.

Shapes fit the class: a face is an ellipse (its box corners are hair and background), persons,
vehicles and plates are boxes, and an object that comes with an outline (a panorama's bent
ellipse, a segmentation) uses that outline. Each shape is grown by ``mask_scale`` about its
centre, and its edge is feathered *outward* so the object itself is fully covered.

Blur and pixel size grow with the object: a face is reduced to at most ``CELLS`` cells across
before it is smoothed, so no detail survives that a deblurring model could bring back.

In a 360° panorama (``wrap=True``) the left and right edges are one meridian: a shape that
runs past x = W (or below 0) is drawn again one image width over, so an object across the seam
is obscured on both edges.
"""
import math
from dataclasses import dataclass
from typing import Iterable, List, Sequence, Tuple

import cv2
import numpy as np

from .types import METHODS, Detection

CELLS = 8
FEATHER_STEPS = 8  # pixels a feather is computed over, at least (see _soft_edge)
#: extra growth of the box per class on top of the user's mask scale: a face box runs from chin
#: to brow (hair and ears are outside it), a plate's characters run to its box edge, a person's
#: limbs out of it.
CLASS_GROWTH = {"face": 1.1, "person": 1.05, "license_plate": 1.15, "vehicle": 1.0}


@dataclass
class Style:
    method: str = "blur"
    mask_scale: float = 1.3
    fill_color: Tuple[int, int, int] = (0, 0, 0)  # RGB


def _grown(box, factor: float):
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    hw, hh = (box[2] - box[0]) * factor / 2, (box[3] - box[1]) * factor / 2
    return cx - hw, cy - hh, cx + hw, cy + hh


def _grown_polygon(detection: Detection, factor: float) -> np.ndarray:
    """The outline grown by ``factor`` about the object's centre: the mean of its vertices, or
    ``extra["mask_centre"]`` where the panorama code knows better (an outline round a pole
    grows away from the pole, not about its own vertices)."""
    poly = np.asarray(detection.polygon, dtype=np.float64)
    centre = np.asarray(detection.extra["mask_centre"]) if "mask_centre" in detection.extra else poly.mean(axis=0)
    return (poly - centre) * factor + centre


def _draw(mask: np.ndarray, detection: Detection, factor: float, offset=(0, 0)) -> None:
    """Draw one object's shape, grown by ``factor``, into ``mask`` (uint8, 255 inside)."""
    ox, oy = offset
    if detection.polygon is not None and len(detection.polygon) >= 3:
        grown = _grown_polygon(detection, factor) - (ox, oy)
        cv2.fillPoly(mask, [np.round(grown * 16).astype(np.int32)], 255, cv2.LINE_8, shift=4)
        return
    x0, y0, x1, y1 = _grown(detection.box, factor)
    if detection.cls == "face":
        centre = (int(round(((x0 + x1) / 2 - ox) * 16)), int(round(((y0 + y1) / 2 - oy) * 16)))
        axes = (int(round((x1 - x0) / 2 * 16)), int(round((y1 - y0) / 2 * 16)))
        cv2.ellipse(mask, centre, axes, 0, 0, 360, 255, -1, cv2.LINE_8, shift=4)
    else:
        cv2.rectangle(
            mask,
            (int(np.floor(x0 - ox)), int(np.floor(y0 - oy))),
            (int(np.ceil(x1 - ox)), int(np.ceil(y1 - oy))),
            255,
            -1,
        )


def _extent(detection: Detection, factor: float):
    if detection.polygon is not None and len(detection.polygon) >= 3:
        grown = _grown_polygon(detection, factor)
        return grown[:, 0].min(), grown[:, 1].min(), grown[:, 0].max(), grown[:, 1].max()
    return _grown(detection.box, factor)


def object_factor(detection: Detection, mask_scale: float) -> float:
    return mask_scale * CLASS_GROWTH.get(detection.cls, 1.0)


def _shifts(extent, width: int, wrap: bool) -> List[int]:
    """The horizontal shifts (whole image widths) at which a shape spanning ``extent`` shows in
    the image: just 0, or in a wrapping panorama every turn that brings part of it into view."""
    if not wrap:
        return [0]
    x0, x1 = extent[0], extent[2]
    first, last = math.floor(-x1 / width), math.ceil((width - x0) / width)
    return [k * width for k in range(first, last + 1) if x0 + k * width < width and x1 + k * width > 0]


def coverage_mask(height: int, width: int, detections: Iterable[Detection], mask_scale: float,
                  wrap: bool = False) -> np.ndarray:
    """The pixels the output fully obscures (bool, H×W): what evaluation counts as covered.
    ``wrap``: the image is a 360° panorama whose left and right edges meet."""
    mask = np.zeros((height, width), dtype=np.uint8)
    for d in detections:
        factor = object_factor(d, mask_scale)
        for shift in _shifts(_extent(d, factor), width, wrap):
            _draw(mask, d, factor, (-shift, 0))
    return mask > 0


def _roi(extent, feather: int, width: int, height: int):
    x0, y0, x1, y1 = extent
    return (
        max(0, int(np.floor(x0)) - feather),
        max(0, int(np.floor(y0)) - feather),
        min(width, int(np.ceil(x1)) + feather + 1),
        min(height, int(np.ceil(y1)) + feather + 1),
    )


def _obscured(patch: np.ndarray, size: float, style: Style) -> np.ndarray:
    """The patch with its content destroyed according to the method, same shape and dtype."""
    h, w = patch.shape[:2]
    if style.method == "fill":
        out = np.empty_like(patch)
        colour = list(style.fill_color)
        if patch.ndim == 2:
            value = int(round(0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2]))
            fill = [value]
        else:
            fill = colour[::-1]  # pixels are BGR(A)
        if patch.dtype == np.uint16:
            fill = [v * 257 for v in fill]
        if patch.ndim == 2:
            out[:] = fill[0]
        else:
            out[..., :3] = fill
            if patch.shape[2] == 4:
                out[..., 3] = patch[..., 3]
        return out
    cell = max(2, int(np.ceil(size / CELLS)))
    small = cv2.resize(patch, (max(1, w // cell), max(1, h // cell)), interpolation=cv2.INTER_AREA)
    if style.method == "pixelate":
        out = cv2.resize(small, (w, h), interpolation=cv2.INTER_NEAREST)
    else:
        out = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
        k = cell * 2 + 1
        out = cv2.GaussianBlur(out, (k, k), cell / 2)
    if patch.ndim == 3 and patch.shape[2] == 4:
        out[..., 3] = patch[..., 3]
    return out.reshape(patch.shape)


def apply(pixels: np.ndarray, detections: Sequence[Detection], style: Style, wrap: bool = False) -> np.ndarray:
    """A copy of ``pixels`` (H×W, H×W×3 or H×W×4; uint8 or uint16) with every detection obscured.
    ``wrap``: the image is a 360° panorama whose left and right edges meet."""
    out = pixels.copy()
    _obscure_all(out, detections, style, wrap)
    return out


def apply_in_place(pixels: np.ndarray, detections: Sequence[Detection], style: Style,
                   wrap: bool = False) -> "Originals":
    """Obscure every detection in ``pixels`` itself, as :func:`apply` obscures its copy; returns
    the original pixels wherever they may have changed, which a block-by-block writer compares
    with. A whole second image (400 MB at 16384×8192) is never held, only the squares under the
    masks."""
    originals = Originals.of(pixels, regions(pixels.shape, detections, style, wrap))
    _obscure_all(pixels, detections, style, wrap)
    return originals


def _obscure_all(out: np.ndarray, detections: Sequence[Detection], style: Style, wrap: bool) -> None:
    if style.method not in METHODS:
        raise ValueError(f"Unknown method {style.method!r}; choose one of {', '.join(METHODS)}.")
    for d, factor, extent, size, feather, shift in _placements(out.shape, detections, style, wrap):
        _obscure_region(out, d, factor, extent, shift, size, feather, style)


@dataclass
class Originals:
    """An image's original pixels where an obscured version may differ from them: ``patches``,
    (x0, y0, pixels) each, that together cover every pixel that may differ. Squares of a
    :data:`TILE` grid, so that the many overlapping regions of a street panorama (a face inside
    a person beside a car) are kept once: 122 MB of a 16384×8192 panorama's 403 MB with 860
    detections, where the regions one by one add up to 277 MB."""

    patches: List[Tuple[int, int, np.ndarray]]

    #: side of the grid's squares: small enough to follow the masks, large enough to be few
    TILE = 128

    @classmethod
    def of(cls, pixels: np.ndarray, boxes=None) -> "Originals":
        """Copies of the squares of ``pixels`` that meet one of ``boxes`` (x0, y0, x1, y1);
        None: all of ``pixels``, not copied (it is kept apart from the obscured version)."""
        if boxes is None:
            return cls([(0, 0, pixels)])
        tile = cls.TILE
        height, width = pixels.shape[:2]
        grid = np.zeros((-(-height // tile), -(-width // tile)), bool)
        for x0, y0, x1, y1 in boxes:
            grid[y0 // tile:-(-y1 // tile), x0 // tile:-(-x1 // tile)] = True
        rows, columns = np.nonzero(grid)
        return cls([(x, y, pixels[y:y + tile, x:x + tile].copy()) for y, x in zip(rows * tile, columns * tile)])


def regions(shape, detections: Sequence[Detection], style: Style, wrap: bool = False) -> List[Tuple[int, int, int, int]]:
    """The boxes (x0, y0, x1, y1) of ``pixels`` that :func:`apply` may change, feather included:
    outside them the copy is the original, so a writer need not look there."""
    height, width = shape[:2]
    found = []
    for _, _, extent, _, feather, shift in _placements(shape, detections, style, wrap):
        x0, y0, x1, y1 = _roi((extent[0] + shift, extent[1], extent[2] + shift, extent[3]), 2 * feather, width, height)
        if x1 > x0 and y1 > y0:
            found.append((x0, y0, x1, y1))
    return found


def _placements(shape, detections: Sequence[Detection], style: Style, wrap: bool):
    """For each detection and each place it shows in the image (once, or on both sides of a
    panorama's seam): (detection, growth factor, extent, size, feather, horizontal shift)."""
    width = shape[1]
    for d in detections:
        factor = object_factor(d, style.mask_scale)
        extent = _extent(d, factor)
        size = _size(d, extent, factor)
        feather = max(1, int(size * 0.08))
        for shift in _shifts(extent, width, wrap):
            yield d, factor, extent, size, feather, shift


def _size(detection: Detection, extent, factor: float) -> float:
    """The object's size in pixels, grown by ``factor``, that sets its feather and blur cells:
    its extent, or the true size a panorama detection records (``extra["size_px"]``), which its
    outline stretched near a pole overstates."""
    if "size_px" in detection.extra:
        return detection.extra["size_px"] * factor
    return max(extent[2] - extent[0], extent[3] - extent[1])


def _soft_edge(hard: np.ndarray, feather: int) -> np.ndarray:
    """The shape grown by ``feather`` pixels and blurred over as many: a ramp from opaque at the
    shape's edge to nothing ``2·feather`` beyond it. A wide ramp is smooth, so it is computed at
    about :data:`FEATHER_STEPS` pixels per feather and enlarged: a car filling a fifth of a
    panorama otherwise spends a second blurring its mask with a kernel hundreds of pixels wide."""
    step = max(1, feather // FEATHER_STEPS)
    if step == 1:
        return _ramp(hard, feather)
    height, width = hard.shape
    small = cv2.resize(hard, (max(1, width // step), max(1, height // step)), interpolation=cv2.INTER_AREA)
    return cv2.resize(_ramp(small, feather / step), (width, height), interpolation=cv2.INTER_LINEAR)


def _ramp(mask: np.ndarray, reach: float) -> np.ndarray:
    """``mask`` grown by ``reach`` pixels, then blurred over as many."""
    grown = cv2.dilate(mask, np.ones((int(round(reach)) + 1,) * 2, np.uint8))
    return cv2.GaussianBlur(grown, (0, 0), reach / 2)


def _obscure_region(out: np.ndarray, d: Detection, factor: float, extent, shift: int, size: float,
                    feather: int, style: Style) -> None:
    """Obscure, in place, the part of one object that shows in ``out`` once moved by ``shift``."""
    height, width = out.shape[:2]
    moved = (extent[0] + shift, extent[1], extent[2] + shift, extent[3])
    x0, y0, x1, y1 = _roi(moved, 2 * feather, width, height)
    if x1 > x0 and y1 > y0:
        hard = np.zeros((y1 - y0, x1 - x0), dtype=np.uint8)
        _draw(hard, d, factor, (x0 - shift, y0))
        # feather outward: the soft edge lies outside the shape, whose hard core stays opaque
        alpha = np.maximum(hard, _soft_edge(hard, feather)).astype(np.float32) / 255.0
        patch = out[y0:y1, x0:x1]
        obscured = _obscured(patch, size, style)
        if patch.ndim == 3:
            alpha = alpha[..., None]
        blended = patch.astype(np.float32) * (1 - alpha) + obscured.astype(np.float32) * alpha
        out[y0:y1, x0:x1] = np.round(blended).astype(out.dtype)
