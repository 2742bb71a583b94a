"""Where a detection is on the ground, in metres east/north of the camera.

The QGIS side turns these local offsets into geometries in the layer's CRS (through a local
azimuthal equidistant projection centred on the camera); keeping the geometry here in plain
metres keeps the engine free of any CRS library.

Distance follows from a pinhole camera: an object of real size S metres that spans an angle a
is about S / (2·tan(a/2)) metres away. The sizes below are typical, not exact: the footprint
says roughly where the object was, which is what a privacy officer or an analyst needs.

In a 360° panorama the bearing is the panorama's heading (the compass direction of its centre
column: GPano ``PoseHeadingDegrees``, else the job's heading) plus the object's longitude, and
the footprint is a small ring around the estimated ground position (``located="estimate"``).
A person or vehicle standing on the ground is placed by the angle of its lowest point below the
horizon and the camera height (:data:`CAMERA_HEIGHT_M`, a mobile-mapping car's roof): that angle
is sharper than the object's size once it is :data:`MIN_GROUND_ANGLE` or more below the horizon.
Faces and plates, whose height above the ground is unknown, are placed by their size.
"""
import math
from typing import List, Optional, Tuple

from .types import Detection, ImageResult

#: typical real sizes in metres, and whether the size is the object's height or width
CLASS_SIZE_M = {
    "face": ("height", 0.22),  # chin to crown, as a face box is drawn
    "person": ("height", 1.70),
    "license_plate": ("width", 0.52),  # EU plate; US plates are 0.30
    "vehicle": ("height", 1.50),
}
MIN_DISTANCE_M, MAX_DISTANCE_M = 0.5, 200.0
CAMERA_HEIGHT_M = 2.5
GROUND_CLASSES = ("person", "vehicle")
MIN_GROUND_ANGLE = 2.0  # degrees below the horizon
RING_DEPTH = 0.15  # the estimate ring spans this share of the distance nearer and farther
#: a footprint without a direction is drawn as a circle of this radius round the camera, so the
#: detections layer has one geometry type (Polygon); its ``located`` says "camera"
CAMERA_RADIUS_M = 1.0
CAMERA_SEGMENTS = 16


def horizontal_fov_from_35mm(focal_35mm: float) -> float:
    """Horizontal field of view in degrees from a 35 mm-equivalent focal length (36 mm frame)."""
    return math.degrees(2 * math.atan(36.0 / (2 * focal_35mm)))


def distance_from_angle(cls: str, angle_deg: float) -> float:
    """Distance in metres at which an object of ``cls`` spans ``angle_deg`` degrees."""
    _, size = CLASS_SIZE_M[cls]
    angle = max(math.radians(angle_deg), 1e-4)
    return min(MAX_DISTANCE_M, max(MIN_DISTANCE_M, size / (2 * math.tan(angle / 2))))


def planar_angles(box, width: int, height: int, hfov_deg: float) -> Tuple[float, float, float]:
    """(left, right, angular size) in degrees of a box in a pinhole photo, relative to its axis.

    Angles are positive to the right of the optical axis; the angular size is the one that
    :data:`CLASS_SIZE_M` describes for the class (taken by the caller from height or width).
    """
    focal = (width / 2) / math.tan(math.radians(hfov_deg) / 2)
    left = math.degrees(math.atan((box[0] - width / 2) / focal))
    right = math.degrees(math.atan((box[2] - width / 2) / focal))
    top = math.degrees(math.atan((box[1] - height / 2) / focal))
    bottom = math.degrees(math.atan((box[3] - height / 2) / focal))
    return left, right, (right - left, bottom - top)


def size_angle(cls: str, angular_wh: Tuple[float, float]) -> float:
    """The angular size that matches the class's typical real size (height or width)."""
    dimension, _ = CLASS_SIZE_M[cls]
    return angular_wh[1] if dimension == "height" else angular_wh[0]


def offset(bearing_deg: float, distance_m: float) -> Tuple[float, float]:
    """East and north metres of a point ``distance_m`` away at a bearing clockwise from north."""
    b = math.radians(bearing_deg)
    return distance_m * math.sin(b), distance_m * math.cos(b)


def wedge(bearing_left: float, bearing_right: float, distance_m: float, steps: int = 6) -> List[Tuple[float, float]]:
    """A closed ring: camera, then an arc from the left to the right bearing at ``distance_m``."""
    span = (bearing_right - bearing_left) % 360
    ring = [(0.0, 0.0)]
    for i in range(steps + 1):
        ring.append(offset(bearing_left + span * i / steps, distance_m))
    ring.append((0.0, 0.0))
    return ring


def planar_footprint(cls: str, box, width: int, height: int, heading: Optional[float],
                     hfov_deg: Optional[float]) -> dict:
    """Bearing, distance and wedge ring (local metres) of a detection in an ordinary photo.

    Without a heading or a field of view there is no direction: the footprint is the camera
    point, said so in ``located``.
    """
    if heading is None or hfov_deg is None:
        return {"bearing": None, "distance_m": None, "ring": None, "located": "camera"}
    left, right, angular_wh = planar_angles(box, width, height, hfov_deg)
    distance = distance_from_angle(cls, size_angle(cls, angular_wh))
    centre = (left + right) / 2
    return {
        "bearing": (heading + centre) % 360,
        "distance_m": distance,
        "ring": wedge((heading + left) % 360, (heading + right) % 360, distance),
        "located": "wedge",
    }


def camera_ring(radius: float = CAMERA_RADIUS_M, segments: int = CAMERA_SEGMENTS) -> List[Tuple[float, float]]:
    """A closed ring approximating a circle of ``radius`` metres round the camera."""
    ring = [(radius * math.sin(2 * math.pi * i / segments), radius * math.cos(2 * math.pi * i / segments))
            for i in range(segments)]
    return ring + ring[:1]


def sector(bearing_left: float, bearing_right: float, near: float, far: float, steps: int = 4) -> List[Tuple[float, float]]:
    """A closed ring: the far arc from the left to the right bearing, then the near arc back."""
    span = (bearing_right - bearing_left) % 360
    bearings = [bearing_left + span * i / steps for i in range(steps + 1)]
    ring = [offset(b, far) for b in bearings] + [offset(b, near) for b in reversed(bearings)]
    return ring + ring[:1]


def _clamped(distance: float) -> float:
    return min(MAX_DISTANCE_M, max(MIN_DISTANCE_M, distance))


def sphere_place(detection: Detection, width: int, height: int) -> dict:
    """Where a panorama detection is on the sphere (degrees): ``lon``, ``lat`` of its centre,
    ``angular_width``, ``angular_height``, ``bottom_lat``. The panorama code records them in
    ``extra``; a detection without them (read back from a layer) is measured on its box, which
    is exact near the horizon."""
    if "lon" in detection.extra:
        return detection.extra
    x0, y0, x1, y1 = detection.box
    return {
        "lon": ((x0 + x1) / 2 / width - 0.5) * 360.0,
        "lat": (0.5 - (y0 + y1) / 2 / height) * 180.0,
        "angular_width": (x1 - x0) / width * 360.0 * math.cos(math.radians((0.5 - (y0 + y1) / 2 / height) * 180.0)),
        "angular_height": (y1 - y0) / height * 180.0,
        "bottom_lat": (0.5 - y1 / height) * 180.0,
    }


def panorama_footprint(cls: str, place: dict, heading: Optional[float]) -> dict:
    """Bearing, ground distance and estimate ring (local metres) of a detection in a 360°
    panorama, from its place on the sphere (see :func:`sphere_place`).

    ``distance_m`` is the horizontal distance from the camera to the object (the slant distance
    its size gives, times the cosine of its latitude). Without a heading there is no direction:
    the footprint is the camera point (the distance is still given).
    """
    if cls in GROUND_CLASSES and place["bottom_lat"] <= -MIN_GROUND_ANGLE:
        distance = _clamped(CAMERA_HEIGHT_M / math.tan(math.radians(-place["bottom_lat"])))
    else:
        slant = distance_from_angle(cls, size_angle(cls, (place["angular_width"], place["angular_height"])))
        distance = _clamped(slant * math.cos(math.radians(place["lat"])))
    if heading is None:
        return {"bearing": None, "distance_m": distance, "ring": None, "located": "camera"}
    bearing = (heading + place["lon"]) % 360
    half = max(place["angular_width"] / 2, 0.5)
    ring = sector((bearing - half) % 360, (bearing + half) % 360, distance * (1 - RING_DEPTH), distance * (1 + RING_DEPTH))
    return {"bearing": bearing, "distance_m": distance, "ring": ring, "located": "estimate"}


def footprint(result: ImageResult, detection: Detection) -> dict:
    """The footprint of one detection of an image: bearing (degrees clockwise from north, or
    None), distance_m (or None), ring (closed list of east/north metres, or None: the camera
    point) and located ("wedge", "estimate" or "camera": what the geometry stands for)."""
    if result.projection == "equirectangular":
        place = sphere_place(detection, result.width, result.height)
        return panorama_footprint(detection.cls, place, result.heading)
    return planar_footprint(detection.cls, detection.box, result.width, result.height,
                            result.heading, result.horizontal_fov)
