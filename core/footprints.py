"""Where a detection is on the ground, in metres east/north of the camera.

The QGIS side turns these local offsets into geometries in the layer's CRS (through a local
azimuthal equidistant projection centred on the camera); keeping the geometry here in plain
metres keeps the engine free of any CRS library.

Distance follows from a pinhole camera: an object of real size S metres that spans an angle a
is about S / (2·tan(a/2)) metres away. The sizes below are typical, not exact: the footprint
says roughly where the object was, which is what a privacy officer or an analyst needs.
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


def footprint(result: ImageResult, detection: Detection) -> dict:
    """The footprint of one detection of an image: bearing (degrees clockwise from north, or
    None), distance_m (or None), ring (closed list of east/north metres, or None: the camera
    point) and located ("wedge", "estimate" or "camera": what the geometry stands for)."""
    return planar_footprint(detection.cls, detection.box, result.width, result.height,
                            result.heading, result.horizontal_fov)
