"""Read what Google's Photo Sphere XMP (GPano) says about a panorama.

GPano properties appear in an image's XMP packet either as attributes
(``GPano:ProjectionType="equirectangular"``) or as elements
(``<GPano:ProjectionType>equirectangular</GPano:ProjectionType>``); every writer in practice
uses the ``GPano`` prefix, so a pattern match reads both forms without an XML parser tripping on
a malformed packet. See https://developers.google.com/streetview/spherical-metadata.
"""
import re
from typing import Dict, Optional

from .sphere import Geometry

#: how close to 2:1 an image without GPano must be to be a candidate full panorama
ASPECT_TOLERANCE = 0.01


def properties(xmp: Optional[str]) -> Dict[str, str]:
    """GPano property name -> text value, from an XMP packet (empty when there is none)."""
    found: Dict[str, str] = {}
    if not xmp:
        return found
    for name, value in re.findall(r"GPano:(\w+)\s*=\s*\"([^\"]*)\"", xmp):
        found.setdefault(name, value.strip())
    for name, value in re.findall(r"GPano:(\w+)\s*=\s*'([^']*)'", xmp):
        found.setdefault(name, value.strip())
    for name, value in re.findall(r"<GPano:(\w+)>([^<]*)</GPano:\1>", xmp):
        found.setdefault(name, value.strip())
    return found


def _number(props: Dict[str, str], name: str) -> Optional[float]:
    try:
        return float(props[name])
    except (KeyError, ValueError):
        return None


def declared(xmp: Optional[str]) -> Optional[bool]:
    """What GPano's ProjectionType says: True for equirectangular, False for another projection,
    None when the image has no GPano projection."""
    projection = properties(xmp).get("ProjectionType")
    return None if projection is None else projection.lower() == "equirectangular"


def two_to_one(width: int, height: int) -> bool:
    """Whether an image has the 2:1 shape of a full equirectangular panorama."""
    return height > 0 and abs(width / height - 2.0) <= 2.0 * ASPECT_TOLERANCE


def heading(xmp: Optional[str]) -> Optional[float]:
    """GPano PoseHeadingDegrees (compass heading of the panorama's centre column), or None."""
    value = _number(properties(xmp), "PoseHeadingDegrees")
    return None if value is None else value % 360.0


def geometry(xmp: Optional[str], width: int, height: int) -> Geometry:
    """Where the image lies on the sphere: the full panorama, unless GPano describes a crop.

    GPano gives the crop in the pixels of the image as first written; an image resized since
    is scaled to match (``CroppedAreaImageWidthPixels`` against its real width).
    """
    props = properties(xmp)
    names = ("FullPanoWidthPixels", "FullPanoHeightPixels", "CroppedAreaLeftPixels",
             "CroppedAreaTopPixels", "CroppedAreaImageWidthPixels")
    values = [_number(props, n) for n in names]
    if any(v is None for v in values) or values[0] <= 0 or values[4] <= 0:
        return Geometry.full(width, height)
    full_w, full_h, left, top, crop_w = values
    scale = width / crop_w
    full = Geometry(width, height, round(full_w * scale), round(full_h * scale), round(left * scale), round(top * scale))
    if full.full_width == width and full.full_height == height:
        return Geometry.full(width, height)
    return full
