"""Projection math between an equirectangular panorama, the sphere and perspective views.

Conventions (shared by the whole package, and by the footprints):

- Pixel coordinates are continuous: pixel (i, j) covers x in [i, i+1), y in [j, j+1), so its
  centre is (i + 0.5, j + 0.5); detector boxes use the same convention.
- Longitude is 0 at the panorama's centre column (x = W/2), which looks in the direction GPano's
  ``PoseHeadingDegrees`` names (or the job's heading); it grows to the right, i.e. clockwise
  seen from above, so bearing = heading + longitude. It runs from -180° (x = 0) to +180° (x = W).
- Latitude is +90° at the top row (zenith), 0 on the horizon, -90° at the bottom (nadir).
- Directions are unit vectors in the camera-style frame x right, y down, z forward (longitude
  0 on the horizon), so a perspective view is an ordinary pinhole camera turned by a yaw
  (longitude of its axis) and a pitch (latitude of its axis, positive up), with no roll.

A panorama may be a crop of a larger sphere (GPano ``CroppedArea*``): :class:`Geometry` keeps
the full panorama's size and the crop's offset so longitudes and latitudes stay right.
"""
from dataclasses import dataclass

import numpy as np

TWO_PI = 2 * np.pi


@dataclass(frozen=True)
class Geometry:
    """Where an image lies on the sphere: its size, and the full panorama it is cut from."""

    width: int
    height: int
    full_width: int
    full_height: int
    left: int = 0
    top: int = 0

    @classmethod
    def full(cls, width: int, height: int) -> "Geometry":
        return cls(width, height, width, height)

    @property
    def wraps(self) -> bool:
        """True when the image spans all 360°: its left and right edges touch (the seam)."""
        return self.width == self.full_width and self.left == 0

    @property
    def pixels_per_radian(self) -> float:
        return self.full_width / TWO_PI

    def to_lonlat(self, x, y):
        """(lon, lat) in radians of image pixel coordinates (arrays or scalars)."""
        lon = ((np.asarray(x, dtype=np.float64) + self.left) / self.full_width - 0.5) * TWO_PI
        lat = (0.5 - (np.asarray(y, dtype=np.float64) + self.top) / self.full_height) * np.pi
        return lon, lat

    def to_pixel(self, lon, lat):
        """Image pixel coordinates of (lon, lat) in radians; x is not wrapped into the image."""
        x = (np.asarray(lon, dtype=np.float64) / TWO_PI + 0.5) * self.full_width - self.left
        y = (0.5 - np.asarray(lat, dtype=np.float64) / np.pi) * self.full_height - self.top
        return x, y


def lonlat_to_vector(lon, lat) -> np.ndarray:
    """Unit direction vectors (..., 3) of longitudes and latitudes in radians."""
    lon, lat = np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)
    cos_lat = np.cos(lat)
    return np.stack([cos_lat * np.sin(lon), -np.sin(lat), cos_lat * np.cos(lon)], axis=-1)


def vector_to_lonlat(vectors: np.ndarray):
    """(lon, lat) in radians of direction vectors (..., 3), which need not be unit length."""
    v = np.asarray(vectors, dtype=np.float64)
    x, y, z = v[..., 0], v[..., 1], v[..., 2]
    return np.arctan2(x, z), np.arctan2(-y, np.hypot(x, z))


def rotation(yaw: float, pitch: float) -> np.ndarray:
    """The 3×3 matrix turning a view's camera frame into the panorama's: pitch up about x,
    then yaw to the right about the vertical."""
    cy, sy, cp, sp = np.cos(yaw), np.sin(yaw), np.cos(pitch), np.sin(pitch)
    yaw_m = np.array([[cy, 0.0, sy], [0.0, 1.0, 0.0], [-sy, 0.0, cy]])
    pitch_m = np.array([[1.0, 0.0, 0.0], [0.0, cp, -sp], [0.0, sp, cp]])
    return yaw_m @ pitch_m


def angle_between(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Angle in radians between direction vectors (broadcasting over leading axes), from the
    chord between their unit vectors: exact for tiny angles too."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    a = a / np.linalg.norm(a, axis=-1, keepdims=True)
    b = b / np.linalg.norm(b, axis=-1, keepdims=True)
    return 2 * np.arcsin(np.clip(np.linalg.norm(a - b, axis=-1) / 2, 0.0, 1.0))
