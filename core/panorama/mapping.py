"""Carry a detection from a perspective view back into the panorama.

The object's outline in the view (the ellipse inscribed in a face box, the sampled edges of any
other box, or the model's own polygon) is turned ray by ray into longitudes and latitudes and
then panorama pixels, so the mask follows the object as the panorama shows it: an ellipse near
the horizon, a stretched shape near the poles, and for an object over a pole, the band between
its outline and the image's top or bottom edge.

Seam convention: longitudes are unwrapped along the outline, then the outline is shifted by
whole turns so that ``box[0]`` (x_min) lies in [0, W). An object across the seam therefore has
``box[2]`` (x_max) beyond W; its part beyond W is the image's left edge (see
:func:`..obscure.apply` with ``wrap=True``). An object round a pole has the box 0..W.
"""
import math

import numpy as np

from ..boxes import outline
from ..types import Detection
from .sphere import TWO_PI, Geometry, angle_between, vector_to_lonlat
from .views import View

def to_panorama(detection: Detection, view: View, geometry: Geometry) -> Detection:
    """The detection ``detection`` made in ``view``, in the panorama's pixels, with its outline as
    ``polygon`` and its place on the sphere in ``extra`` (degrees): ``lon``, ``lat`` of the
    centre, ``angular_width``, ``angular_height``, ``bottom_lat`` (lowest point of the box's
    vertical axis), ``pole`` ("zenith"/"nadir" when the outline encloses one, else None),
    ``mask_centre`` (the panorama point the mask is grown about) and ``size_px`` (the object's
    size in panorama pixels at the horizon's scale, which sets its feather and blur cells: its
    outline near a pole is wider)."""
    x0, y0, x1, y1 = detection.box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    # one batch of rays: the outline, then the box's centre, left, right, top and bottom middles
    points = np.concatenate([outline(detection), [[cx, cy], [x0, cy], [x1, cy], [cx, y0], [cx, y1]]])
    rays = view.directions(points[:, 0], points[:, 1])
    lons, lats = vector_to_lonlat(rays)
    c_lon, c_lat, bottom_lat = lons[-5], lats[-5], lats[-1]
    lon, lat = np.unwrap(lons[:-5]), lats[:-5]
    closing = (lon[0] - lon[-1] + np.pi) % TWO_PI - np.pi
    winding = lon[-1] + closing - lon[0]  # 0, or ±2π when the outline goes round a pole
    x, y = geometry.to_pixel(lon, lat)
    polygon = np.stack([x, y], axis=1)
    turn = geometry.full_width  # pixels per 360°

    pole = None
    if abs(winding) > np.pi:
        pole = "zenith" if c_lat > 0 else "nadir"
        _, edge = geometry.to_pixel(0.0, np.pi / 2 if pole == "zenith" else -np.pi / 2)
        end = x[0] + winding / TWO_PI * turn
        polygon = np.concatenate([polygon, [[end, y[0]], [end, edge], [x[0], edge]]])
        mask_centre = np.array([(x[0] + end) / 2, edge])
    else:
        mc_x, mc_y = geometry.to_pixel(c_lon, c_lat)
        mc_x += round((polygon[:, 0].mean() - mc_x) / turn) * turn  # the same turn as the outline
        mask_centre = np.array([mc_x, mc_y])

    shift = -math.floor((polygon[:, 0].min() + geometry.left) / turn) * turn
    polygon[:, 0] += shift
    mask_centre[0] += shift
    angular_width, angular_height = angle_between(rays[[-4, -2]], rays[[-3, -1]])
    extra = dict(detection.extra)
    extra.update(
        lon=math.degrees(c_lon),
        lat=math.degrees(c_lat),
        angular_width=math.degrees(angular_width),
        angular_height=math.degrees(angular_height),
        bottom_lat=math.degrees(bottom_lat),
        pole=pole,
        mask_centre=(float(mask_centre[0]), float(mask_centre[1])),
        size_px=float(max(angular_width, angular_height) * geometry.pixels_per_radian),
    )
    return Detection(detection.cls, detection.score, bounds(polygon, pole, geometry), detection.model, polygon, extra)


def bounds(polygon: np.ndarray, pole, geometry: Geometry):
    """The bounding box (x_min, y_min, x_max, y_max) of an outline, as floats; an object round a
    pole spans every longitude, so its box is the image's full width."""
    x0, x1 = float(polygon[:, 0].min()), float(polygon[:, 0].max())
    if pole:
        x0, x1 = float(-geometry.left), float(geometry.full_width - geometry.left)
    return x0, float(polygon[:, 1].min()), x1, float(polygon[:, 1].max())
