"""Render perspective views out of an equirectangular panorama with ``cv2.remap``.

The sampling maps are the costly part and depend only on the panorama's geometry and the view's
pitch, focal length and size: two views of one row differ only by a yaw, which in an
equirectangular image is a horizontal shift. So the maps are computed once per row (at yaw 0)
and cached across images: a run over many panoramas of one size pays for them once. Each view
then costs one shift (modulo the panorama's width) and one remap. A view aimed at one object
(:mod:`.aim`) is never seen again: its maps are not cached, so that they push no planned row out.
"""
from functools import lru_cache
from typing import Optional

import cv2
import numpy as np

from .sphere import TWO_PI, Geometry, vector_to_lonlat
from .views import View


def _maps(geometry: Geometry, pitch: float, focal: float, width: int, height: int):
    """Sample coordinates of a view at yaw 0 as float32 maps: x in full-panorama pixels
    relative to longitude 0 (so in [-W/2, W/2)), y in image pixels."""
    view = View(0.0, pitch, focal, width, height, 0.0)
    v, u = np.mgrid[0:height, 0:width].astype(np.float64) + 0.5
    lon, lat = vector_to_lonlat(view.directions(u, v))
    x_rel = lon / TWO_PI * geometry.full_width
    _, y = geometry.to_pixel(lon, lat)
    y = y - 0.5  # remap samples at pixel centres
    if geometry.wraps and geometry.height == geometry.full_height:
        # the image holds both poles: rows beyond them repeat the edge rows (no vertical wrap)
        y = np.clip(y, 0, geometry.height - 1)
    return x_rel.astype(np.float32), y.astype(np.float32)


_row_maps = lru_cache(maxsize=64)(_maps)


def render(rgb: np.ndarray, geometry: Geometry, view: View, planned: bool = True) -> Optional[np.ndarray]:
    """The view as an RGB image, or None when the view sees none of the image (a cropped
    panorama's missing part). ``planned``: a view of the plan, whose row's maps are cached."""
    x_rel, y = (_row_maps if planned else _maps)(geometry, view.pitch, view.focal, view.width, view.height)
    turn = geometry.full_width
    centre = (view.yaw / TWO_PI + 0.5) * turn  # full-panorama x of the view's axis
    if geometry.wraps:
        # BORDER_WRAP takes any x modulo the width, bilinear samples across the seam included;
        # keeping the axis within half a turn of 0 keeps |x| <= W, inside remap's range.
        # (- 0.5: remap samples at pixel centres)
        axis = (centre - 0.5 + turn / 2) % turn - turn / 2
        return cv2.remap(rgb, x_rel + np.float32(axis), y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_WRAP)
    x = np.remainder(x_rel + np.float32(centre), np.float32(turn)) - np.float32(geometry.left + 0.5)
    if not ((x > -1) & (x < geometry.width) & (y > -1) & (y < geometry.height)).any():
        return None
    return cv2.remap(rgb, x, y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)
