"""Which perspective views of the sphere the detectors look at.

A detector sees an object undistorted in a perspective (gnomonic) view centred near it, at the
pixel density the view is rendered at. Views are planned in *passes*: each pass covers a band of
latitudes at one density (view focal length in pixels per radian, relative to the panorama's
``W / 2π``), with rows of views at several pitches and as many yaws per row as it takes for
every direction of the band to lie at least ``margin`` degrees inside some view. An object of
angular radius up to the margin, centred anywhere in the band, is therefore whole in at least
one view; larger objects are the next, coarser pass's job, whose margin is wider. So each view
is searched only for the band of sizes its pass is responsible for (:attr:`View.smallest`,
:attr:`View.largest`): a fine view skips the detector's coarse scales, and a coarse view is not
enlarged to find what the finer pass finds at full density.

Views are at most :data:`VIEW_SIZE` pixels wide and tall (one CenterFace tile: no tiling
overhead), no wider than ``max_half_fov`` so that their edges are not stretched beyond use, and
each row's views only as tall as its share of the band needs.
"""
import math
from dataclasses import dataclass
from typing import List, Optional, Tuple

import numpy as np

from .sphere import Geometry, lonlat_to_vector, rotation

VIEW_SIZE = 1024
SIZE_MULTIPLE = 32  # CenterFace-style models pad to multiples of 32: no padding wasted


@dataclass(frozen=True)
class ViewPass:
    """One density of views over one band of latitudes (degrees)."""

    density: float  # view focal length / the panorama's pixels per radian
    lat_min: float
    lat_max: float
    margin: float  # angular radius (degrees) of the largest object that must be whole in a view
    max_half_fov: float = 50.0
    size: int = 0  # the views' width in pixels (0: VIEW_SIZE)
    #: the density is relative to a panorama this wide when the panorama is wider (0: always to
    #: the panorama's own): an object of a given angular size needs as many view pixels in a
    #: 16384 px panorama as in an 8192 px one
    reference_width: int = 0


#: The finest pass looks at the horizon band, where people and plates are (a face 1.6 m up seen
#: from a 2.5 m car roof is above -35° from 1.3 m away on; nearer ones are large), at the
#: panorama's own density: nothing is shrunk, and objects up to 4° across are whole in one of
#: its views. The coarse pass looks at the whole sphere, zenith and nadir included, at about a
#: quarter of the density (a 4° face is ~23 px there), with views overlapping widely enough that
#: a near face up to 30° across is whole in one. Denser passes cost far more time than the few
#: faces they add, sparser ones lose faces (bench/README.md, "Why the numbers are what they are").
PASSES: Tuple[ViewPass, ...] = (
    ViewPass(density=1.0, lat_min=-35.0, lat_max=25.0, margin=2.0),
    ViewPass(density=0.25, lat_min=-90.0, lat_max=90.0, margin=15.0),
)

#: Persons and vehicles (NanoDet) are searched at the density their sizes need, not at faces':
#: views as large as one NanoDet tile (312 px, enlarged to its 416 px input), so that a view is
#: one forward pass with no overlapping tiles inside it. The fine pass over the horizon band at
#: 0.8 of an 8192 px panorama's density sees persons and vehicles from 40 px of it (1.8°;
#: NanoDet's 32 px); objects too large to be surely whole in its views (over twice its margin)
#: are the middle pass's, at a third of that density, anywhere on the sphere, and the largest,
#: nearest ones the coarse pass's, at a ninth. A wider panorama gets the same views (its persons
#: are no larger on the sphere). 286 forward passes for an 8192×4096 panorama where the face
#: views needed 970 (the measurements: bench/README.md, "Why the numbers are what they are").
OBJECT_PASSES: Tuple[ViewPass, ...] = (
    ViewPass(density=0.8, lat_min=-35.0, lat_max=25.0, margin=2.6, size=312, reference_width=8192),
    ViewPass(density=0.28, lat_min=-90.0, lat_max=90.0, margin=8.0, size=312, reference_width=8192),
    ViewPass(density=0.09, lat_min=-90.0, lat_max=90.0, margin=25.0, size=312, reference_width=8192),
)

#: the view passes of each model family whose objects' sizes differ from faces'
PASSES_BY_FAMILY = {"nanodet": OBJECT_PASSES}


def passes_for(family: str) -> Tuple[ViewPass, ...]:
    """The view passes a model of ``family`` is searched over on a panorama."""
    return PASSES_BY_FAMILY.get(family, PASSES)


#: a view of a pass that leaves larger objects to a coarser pass is searched for objects up to
#: this many margins across (twice the margin is the largest object whole in one of its views;
#: the rest is slack for objects that straddle the bound)
LARGEST_IN_MARGINS = 3.0


@dataclass(frozen=True)
class View:
    """A pinhole camera at the panorama's centre: axis at (yaw, pitch) radians, no roll."""

    yaw: float
    pitch: float
    focal: float  # pixels per radian at the view's centre
    width: int
    height: int
    density: float  # focal / the panorama's pixels per radian, for the record
    smallest: Optional[float] = None  # pixels: smaller objects are a finer pass's (None: all)
    largest: Optional[float] = None  # pixels: larger objects are a coarser pass's (None: all)

    def directions(self, u, v) -> np.ndarray:
        """Panorama-frame direction vectors (..., 3) of view pixel coordinates (continuous)."""
        u, v = np.asarray(u, dtype=np.float64), np.asarray(v, dtype=np.float64)
        camera = np.stack(
            [(u - self.width / 2) / self.focal, (v - self.height / 2) / self.focal, np.ones_like(u)], axis=-1
        )
        return camera @ rotation(self.yaw, self.pitch).T


def required_half_fovs(camera: np.ndarray, margin: float):
    """For camera-frame unit directions (..., 3): the horizontal and vertical half fields of view
    (radians) a view needs for each to lie at least ``margin`` radians inside it (π/2 or more:
    no view can hold it).

    A side of the view is a plane through the centre; a direction at angle ψ from the axis in
    the plane's sweep, whose projection onto that plane has length r, is r·sin(a - ψ) from the
    side of half-angle a, so it needs a ≥ |ψ| + asin(sin(margin) / r)."""
    x, y, z = camera[..., 0], camera[..., 1], camera[..., 2]

    def need(across, depth):
        spread = np.hypot(across, depth)
        return np.arctan2(np.abs(across), depth) + np.arcsin(np.clip(math.sin(margin) / np.maximum(spread, 1e-12), 0.0, 1.0))

    return need(x, z), need(y, z)


def _row_views(pitch: float, lats: np.ndarray, focal: float, side: int, margin: float) -> Optional[Tuple[int, int]]:
    """(number of yaws, view height) of the row at ``pitch`` that covers the latitudes ``lats``
    with the margin in the fewest pixels, views being ``side`` wide; None if no height does."""
    offsets = np.radians(np.arange(0.0, 180.01, 0.25))
    lon, lat = np.meshgrid(offsets, lats)
    need_w, need_h = required_half_fovs(lonlat_to_vector(lon, lat) @ rotation(0.0, pitch), margin)
    fits_w = need_w <= math.atan(side / 2 / focal)
    best = None
    heights = list(range(SIZE_MULTIPLE, side + 1, SIZE_MULTIPLE))
    if heights[-1] != side:
        heights.append(side)
    for height in heights:
        inside = fits_w & (need_h <= math.atan(height / 2 / focal))
        if not inside[:, 0].all():
            continue
        # a latitude is covered from offset 0 up to its first uncovered offset; views of the row
        # may be twice the smallest such reach apart
        first_out = np.where(inside.all(axis=1), len(offsets), np.argmin(inside, axis=1))
        reach = int(first_out.min())
        yaws = 1 if reach >= len(offsets) else math.ceil(math.pi / offsets[reach - 1])
        if best is None or yaws * height < best[0] * best[1]:
            best = (yaws, height)
    return best


def view_size(geometry: Geometry, spec: ViewPass) -> Tuple[float, int]:
    """(focal, width in pixels) of the views of a pass: as wide as one tile, or as the widest
    field of view allows."""
    focal = spec.density * geometry.pixels_per_radian
    if spec.reference_width:
        focal = spec.density * min(geometry.pixels_per_radian, spec.reference_width / (2 * math.pi))
    widest = 2 * focal * math.tan(math.radians(spec.max_half_fov))
    multiple = SIZE_MULTIPLE if not spec.size else 8
    return focal, max(multiple, min(spec.size or VIEW_SIZE, int(widest)) // multiple * multiple)


def _rows(spec: ViewPass, focal: float, side: int, lat_min: float, lat_max: float) -> List[Tuple[float, int, int]]:
    """(pitch, number of yaws, view height) of the rows covering [lat_min, lat_max] degrees with
    the margin: the band split evenly into as many rows as need the fewest pixels in all."""
    best = None
    for count in range(1, 64):
        rows = _even_rows(count, math.radians(spec.margin), focal, side, lat_min, lat_max)
        if rows is not None and (best is None or _pixels(rows) < _pixels(best)):
            best = rows
        if best is not None and count >= len(best) + 2:
            return best
    raise ValueError(f"Views {side} px wide at {focal:.0f} px per radian cannot cover the band "
                     f"with a margin of {spec.margin}°.")


def _pixels(rows) -> int:
    return sum(yaws * height for _, yaws, height in rows)


def _even_rows(count: int, margin: float, focal: float, side: int, lat_min: float, lat_max: float):
    """The rows covering the band split into ``count`` even parts, or None if a part is too tall."""
    edges = np.linspace(lat_min, lat_max, count + 1)
    rows = []
    for lo, hi in zip(edges[:-1], edges[1:]):
        lats = np.radians(np.append(np.arange(lo, hi, 0.5), hi))
        best = None
        for pitch in _candidate_pitches(lo, hi):
            found = _row_views(math.radians(pitch), lats, focal, side, margin)
            if found is not None and (best is None or found[0] * found[1] < best[1] * best[2]):
                best = (math.radians(pitch), *found)
        if best is None:
            return None
        rows.append(best)
    return rows


def _candidate_pitches(lo: float, hi: float) -> List[float]:
    """Pitches worth trying for a row covering latitudes lo..hi: its middle, and the pole when
    the row touches one (a single view straight up or down may cover the whole cap)."""
    pitches = [(lo + hi) / 2]
    if hi >= 90.0:
        pitches.append(90.0)
    if lo <= -90.0:
        pitches.append(-90.0)
    return pitches


def plan_views(geometry: Geometry, passes: Tuple[ViewPass, ...] = PASSES) -> List[View]:
    """Every view of every pass, finest first, for an image lying on the sphere as ``geometry``."""
    _, top = geometry.to_lonlat(0, 0)
    _, bottom = geometry.to_lonlat(0, geometry.height)
    views = []
    for index, spec in enumerate(passes):
        lat_min = max(spec.lat_min, math.degrees(bottom))
        lat_max = min(spec.lat_max, math.degrees(top))
        if lat_max <= lat_min:
            continue
        focal, side = view_size(geometry, spec)
        finer = passes[index - 1] if index > 0 else None
        smallest = 2 * math.radians(finer.margin) * focal if finer else None
        largest = LARGEST_IN_MARGINS * math.radians(spec.margin) * focal if index < len(passes) - 1 else None
        for pitch, yaws, height in _rows(spec, focal, side, lat_min, lat_max):
            for i in range(yaws):
                yaw = (2 * math.pi * i / yaws + math.pi) % (2 * math.pi) - math.pi
                views.append(View(yaw, pitch, focal, side, height, spec.density, smallest, largest))
    return views
