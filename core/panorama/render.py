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


#: the sampling maps are computed exactly every GRID pixels and interpolated between, when
#: that is no further than TOLERANCE pixels off (see :func:`_maps`)
GRID = 8
TOLERANCE = 0.01


def _maps(geometry: Geometry, pitch: float, focal: float, width: int, height: int):
    """Sample coordinates of a view at yaw 0 as float32 maps: x in full-panorama pixels
    relative to longitude 0 (so in [-W/2, W/2)), y in image pixels.

    Where a view's pixel lies in the panorama is a smooth function of its place in the view
    except near a pole, so it is computed exactly on a grid every :data:`GRID` pixels and
    interpolated linearly between, when the exact values at the grid cells' centres (where
    linear interpolation strays furthest) are within :data:`TOLERANCE` pixels of the
    interpolated ones; else at every pixel (a wide view, a view near a pole). The trigonometry
    of every pixel of an all-class panorama's ~200 aimed views was ~3 s."""
    view = View(0.0, pitch, focal, width, height, 0.0)
    every_u, every_v = np.arange(width) + 0.5, np.arange(height) + 0.5
    grid_u, grid_v = every_u[::GRID], every_v[::GRID]
    maps = None
    if len(grid_u) > 2 and len(grid_v) > 2:
        grid_u, grid_v = np.append(grid_u, grid_u[-1] + GRID), np.append(grid_v, grid_v[-1] + GRID)
        coarse = _exact_maps(geometry, view, grid_u, grid_v)
        middle_u, middle_v = grid_u[:-1] + GRID / 2, grid_v[:-1] + GRID / 2
        check = _exact_maps(geometry, view, middle_u, middle_v)
        to_middle_u, to_middle_v = _interpolation(grid_u, middle_u), _interpolation(grid_v, middle_v)
        if all(np.abs(to_middle_v @ m @ to_middle_u.T - c).max() <= TOLERANCE for m, c in zip(coarse, check)):
            # float32 products: a few thousandths of a pixel, at twice the speed of float64
            across, down = (_interpolation(grid_u, every_u).astype(np.float32),
                            _interpolation(grid_v, every_v).astype(np.float32))
            maps = [down @ m.astype(np.float32) @ across.T for m in coarse]
    x_rel, y = maps or _exact_maps(geometry, view, every_u, every_v)
    if geometry.wraps and geometry.height == geometry.full_height:
        # the image holds both poles: rows beyond them repeat the edge rows (no vertical wrap)
        y = np.clip(y, 0, geometry.height - 1)
    return x_rel.astype(np.float32), y.astype(np.float32)


def _interpolation(grid: np.ndarray, at: np.ndarray) -> np.ndarray:
    """The (len(at), len(grid)) matrix of linear interpolation from samples at ``grid`` (even
    steps) to the points ``at`` (within the grid's range)."""
    right = np.clip(np.searchsorted(grid, at, side="right"), 1, len(grid) - 1)
    weight = (at - grid[right - 1]) / (grid[right] - grid[right - 1])
    matrix = np.zeros((len(at), len(grid)))
    rows = np.arange(len(at))
    matrix[rows, right - 1] = 1.0 - weight
    matrix[rows, right] += weight
    return matrix


def _exact_maps(geometry: Geometry, view: View, u: np.ndarray, v: np.ndarray):
    """The maps of :func:`_maps` (float64, unclipped) at the view pixel coordinates ``u`` ×
    ``v`` (1-D, continuous)."""
    vv, uu = np.meshgrid(v, u, indexing="ij")
    lon, lat = vector_to_lonlat(view.directions(uu, vv))
    _, y = geometry.to_pixel(lon, lat)
    return lon / TWO_PI * geometry.full_width, y - 0.5  # - 0.5: remap samples at pixel centres


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
