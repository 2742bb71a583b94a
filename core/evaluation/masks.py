"""Which pixels are an object's, which are background, and which pixels an anonymized copy changed.

Object pixels are those whose centre lies inside the object's shape: the ellipse inscribed in
the box for a face (the box corners are hair and background), the box for the other classes. The
pieces of a grouped object are pooled; pieces that touch both side edges of the image are one
shape wrapped across a panorama's 360° seam, so a face split there is still an ellipse.
"""
from typing import List, Tuple

import cv2
import numpy as np

from .groundtruth import Box, GtImage, GtObject

#: background for over-blurring excludes every object and crowd region grown by this factor
#: about its centre: a mask that is meant to be larger than the object (GeoBlur's mask scale,
#: a feathered edge) is not over-blurring
OVER_MARGIN = 2.0


def object_pixels(obj: GtObject, width: int, height: int) -> Tuple[np.ndarray, np.ndarray]:
    """Row and column indices of the object's pixels (each pixel once)."""
    ellipse = obj.cls == "face"
    if _crosses_seam(obj.boxes, width):
        x0, y0, x1, y1 = _unwrapped_extent(obj.boxes, width)
        ys, xs = _shape_pixels((x0, y0, x1, y1), ellipse)
        keep = (ys >= 0) & (ys < height)
        return ys[keep], xs[keep] % width
    flat = []
    for box in obj.boxes:
        ys, xs = _shape_pixels(box, ellipse)
        keep = (ys >= 0) & (ys < height) & (xs >= 0) & (xs < width)
        flat.append(ys[keep].astype(np.int64) * width + xs[keep])
    flat = np.unique(np.concatenate(flat)) if flat else np.zeros(0, np.int64)
    return flat // width, flat % width


def _shape_pixels(box: Box, ellipse: bool) -> Tuple[np.ndarray, np.ndarray]:
    """Pixels whose centre is inside the box (or its inscribed ellipse); a box too small to hold
    a pixel centre still has the pixel under its centre."""
    x0, y0, x1, y1 = box
    cols = np.arange(int(np.ceil(x0 - 0.5)), int(np.ceil(x1 - 0.5)))
    rows = np.arange(int(np.ceil(y0 - 0.5)), int(np.ceil(y1 - 0.5)))
    yy, xx = np.meshgrid(rows, cols, indexing="ij")
    if ellipse and yy.size:
        cx, cy, a, b = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2
        inside = ((xx + 0.5 - cx) / a) ** 2 + ((yy + 0.5 - cy) / b) ** 2 <= 1.0
        yy, xx = yy[inside], xx[inside]
    if yy.size == 0:
        return np.array([int(np.floor((y0 + y1) / 2))]), np.array([int(np.floor((x0 + x1) / 2))])
    return yy.ravel(), xx.ravel()


def _crosses_seam(boxes: List[Box], width: int) -> bool:
    return len(boxes) > 1 and any(b[0] <= 0.5 for b in boxes) and any(b[2] >= width - 0.5 for b in boxes)


def _unwrapped_extent(boxes: List[Box], width: int) -> Box:
    """The extent of seam-split pieces once the pieces on the left edge are moved past the right."""
    moved = [(b[0] + width, b[1], b[2] + width, b[3]) if (b[0] + b[2]) / 2 < width / 2 else b for b in boxes]
    return (min(b[0] for b in moved), min(b[1] for b in moved), max(b[2] for b in moved), max(b[3] for b in moved))


def background_mask(image: GtImage, width: int, height: int) -> np.ndarray:
    """True where a pixel is neither near a labelled object nor in a crowd region (H×W bool)."""
    near = np.zeros((height, width), np.uint8)
    extents = []
    for obj in image.objects:
        if _crosses_seam(obj.boxes, width):
            x0, y0, x1, y1 = _unwrapped_extent(obj.boxes, width)
            extents += [(x0, y0, x1, y1), (x0 - width, y0, x1 - width, y1)]
        else:
            extents += obj.boxes
    for x0, y0, x1, y1 in extents + list(image.ignore):
        grow_x, grow_y = (x1 - x0) * (OVER_MARGIN - 1) / 2, (y1 - y0) * (OVER_MARGIN - 1) / 2
        c0, r0 = max(0, int(np.floor(x0 - grow_x))), max(0, int(np.floor(y0 - grow_y)))
        c1, r1 = min(width, int(np.ceil(x1 + grow_x))), min(height, int(np.ceil(y1 + grow_y)))
        if c1 > c0 and r1 > r0:
            near[r0:r1, c0:c1] = 1
    return near == 0


#: the comparison of an anonymized copy with its original (see :func:`changed_mask`), tuned so
#: that faces a tool blurred, pixelated or filled read as obscured and a mere re-encoding reads
#: as obscuring nothing (the figures: bench/README.md, "Why the numbers are what they are")
LUMA_SIGMA = 0.7
CHROMA_SIGMA = 2.0
MIN_TOLERANCE = 5.0
MAX_TOLERANCE = 12.0
NOISE_PERCENTILE = 25
NOISE_FACTOR = 4.0


def changed_mask(original: np.ndarray, anonymized: np.ndarray) -> np.ndarray:
    """The pixels an anonymizing tool obscured, seen only from its output (H×W bool).

    The rule, and why:

    1. Both images go to YCrCb. Brightness is smoothed a little (Gaussian, sigma 0.7 px) and
       colour more (sigma 2 px), then compared per pixel, keeping the larger of the brightness
       and colour differences. JPEG re-encoding noise is high-frequency (8×8 block edges,
       ringing) and strongest in colour, which JPEG stores at half resolution; a blur,
       pixelation or fill changes every textured part of an object by far more.
    2. A pixel has changed when that difference exceeds four times the image's 25th-percentile
       difference, kept between 5 and 12 levels. That percentile is the re-encoding noise of the
       untouched part of the image, so a copy saved at a low JPEG quality or with a slight
       colour shift does not read as obscured everywhere. The ceiling keeps the rule working
       when the tool covered most of the image (a crowd photo where three quarters of the
       pixels are obscured): the percentile then measures the obscuring, not the noise.
    3. Changed regions are closed (3×3) and their holes filled. A blur barely changes a flat
       region — a cheek, a dark shirt, a black face under a black fill — but that region lies
       inside the ring of changed edges (eyes, mouth, outline) around it, and the tool did
       replace it. A flat region touching the image border cannot be recognised this way and
       counts as not obscured: the rule errs on the side of reporting a miss.
    """
    if original.shape[:2] != anonymized.shape[:2]:
        raise ValueError(
            f"the anonymized image is {anonymized.shape[1]}×{anonymized.shape[0]}, "
            f"the original {original.shape[1]}×{original.shape[0]}"
        )
    a = cv2.cvtColor(_three_channels(original), cv2.COLOR_BGR2YCrCb)
    b = cv2.cvtColor(_three_channels(anonymized), cv2.COLOR_BGR2YCrCb)
    luma = cv2.absdiff(cv2.GaussianBlur(a[..., 0], (0, 0), LUMA_SIGMA), cv2.GaussianBlur(b[..., 0], (0, 0), LUMA_SIGMA))
    chroma = cv2.absdiff(cv2.GaussianBlur(a[..., 1:], (0, 0), CHROMA_SIGMA), cv2.GaussianBlur(b[..., 1:], (0, 0), CHROMA_SIGMA))
    difference = np.maximum(luma, chroma.max(axis=2))
    noise = float(np.percentile(difference, NOISE_PERCENTILE))
    tolerance = min(MAX_TOLERANCE, max(MIN_TOLERANCE, NOISE_FACTOR * noise))
    changed = (difference > tolerance).astype(np.uint8)
    changed = cv2.morphologyEx(changed, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    return fill_holes(changed > 0)


def fill_holes(mask: np.ndarray) -> np.ndarray:
    """``mask`` with every region it encloses (not connected to the image border) set."""
    outside = np.zeros((mask.shape[0] + 2, mask.shape[1] + 2), np.uint8)
    outside[1:-1, 1:-1] = mask
    flood = outside.copy()
    cv2.floodFill(flood, np.zeros((flood.shape[0] + 2, flood.shape[1] + 2), np.uint8), (0, 0), 2)
    return (flood[1:-1, 1:-1] != 2)


def _three_channels(pixels: np.ndarray) -> np.ndarray:
    if pixels.ndim == 2:
        return cv2.cvtColor(pixels, cv2.COLOR_GRAY2BGR)
    return pixels[..., :3]
