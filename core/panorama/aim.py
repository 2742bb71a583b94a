"""Views aimed at one object already found in a panorama: a vehicle whose plate is to be read.

The planned views (:mod:`.views`) cover the sphere for objects not yet found; once the vehicle
model has found a vehicle, its plate is searched in one view of its own, centred on it and
rendered at the density its plate needs, as a photo's vehicle is cut out and enlarged.
"""
import math
from typing import Optional, Tuple

import numpy as np

from .sphere import Geometry, lonlat_to_vector, rotation, vector_to_lonlat
from .views import View

Box = Tuple[float, float, float, float]

#: the widest half field of view (degrees) an aimed view is given: a nearer object is seen in
#: part, about its centre
MAX_HALF_FOV = 60.0


def around(geometry: Geometry, polygon: np.ndarray, margin: float, width: int, max_density: float) -> Optional[View]:
    """A view centred on the outline ``polygon`` (panorama pixels, (N, 2)), with ``margin``
    (a share of the outline's size) on every side, ``width`` pixels wide unless that would
    enlarge the panorama more than ``max_density`` times (:func:`box_in` gives the outline's
    box in it). None when no perspective view can hold the outline (it goes round a pole)."""
    directions = _directions(geometry, polygon)
    yaw, pitch = vector_to_lonlat(directions.sum(axis=0))
    tangent = _on_plane(directions, float(yaw), float(pitch))
    if tangent is None:
        return None
    tx, ty = tangent
    limit = math.tan(math.radians(MAX_HALF_FOV))
    half_w = min(limit, max(-tx.min(), tx.max()) + margin * (tx.max() - tx.min()))
    half_h = min(limit, max(-ty.min(), ty.max()) + margin * (ty.max() - ty.min()))
    focal = min(max_density * geometry.pixels_per_radian, width / (2 * half_w))
    return View(float(yaw), float(pitch), focal, max(1, round(2 * half_w * focal)), max(1, round(2 * half_h * focal)),
                focal / geometry.pixels_per_radian)


def box_in(geometry: Geometry, view: View, polygon: np.ndarray) -> Optional[Box]:
    """The box in ``view`` of an outline in the panorama (pixels, (N, 2)), None when part of
    it is behind the view."""
    tangent = _on_plane(_directions(geometry, polygon), view.yaw, view.pitch)
    return None if tangent is None else _box(view, *tangent)


def _directions(geometry: Geometry, polygon: np.ndarray) -> np.ndarray:
    lon, lat = geometry.to_lonlat(polygon[:, 0], polygon[:, 1])
    return lonlat_to_vector(lon, lat)


def _on_plane(directions: np.ndarray, yaw: float, pitch: float):
    """Where directions meet the plane at distance 1 along the axis (yaw, pitch): (x, y) arrays,
    or None when one is not well in front of it."""
    camera = directions @ rotation(yaw, pitch)  # the panorama's frame into the view's
    if (camera[:, 2] <= 0.1).any():
        return None
    return camera[:, 0] / camera[:, 2], camera[:, 1] / camera[:, 2]


def _box(view: View, tx: np.ndarray, ty: np.ndarray) -> Box:
    return (float(tx.min() * view.focal + view.width / 2), float(ty.min() * view.focal + view.height / 2),
            float(tx.max() * view.focal + view.width / 2), float(ty.max() * view.focal + view.height / 2))
