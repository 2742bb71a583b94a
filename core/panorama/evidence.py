"""Is a 2:1 image without GPano a 360° panorama? Only with evidence.

Many ordinary photos are 2:1 (18:9 phone photos, dashcam crops). Taken for panoramas, their
small faces near the top and bottom get only the coarse pass, and masks wrap across the edges,
so an image without GPano is a panorama only when

- its left and right edge columns continue into each other (an equirectangular image's two edges
  are one meridian), measured against how much unrelated columns of the same image differ, so a
  featureless edge (plain sky on both sides) proves nothing; or
- its EXIF names a known 360° camera.
"""
from typing import Optional, Tuple

import cv2
import numpy as np

from . import gpano

#: lower-case fragments of EXIF Make/Model of cameras that write equirectangular images
CAMERAS_360 = (
    "theta", "insta360", "gopro max", "fusion", "gear 360", "sm-c200", "sm-r210", "qoocam",
    "kandao", "labpano", "pilot era", "trisio", "xphase", "mi sphere", "madventure", "vuze",
    "lg-r105", "keymission 360", "sp360", "ladybug", "nctech", "istar", "mosaic 51", "matterport",
)
#: mean grey difference, edge column to unrelated columns, below which edges tell nothing
MIN_CONTRAST = 6.0
#: the seam's difference must be this much smaller than that of unrelated columns...
SEAM_TO_UNRELATED = 0.35
#: ...and at most this many times the difference between neighbouring columns (plus a grey level)
SEAM_TO_NEIGHBOURS = 3.0


def camera_360(exif: dict) -> Optional[str]:
    """The make and model when EXIF names a known 360° camera, else None."""
    ifd0 = (exif or {}).get("0th", {})
    name = " ".join(_text(ifd0.get(tag)) for tag in (271, 272)).strip()  # Make, Model
    return name if any(fragment in name.lower() for fragment in CAMERAS_360) else None


def _text(value) -> str:
    if isinstance(value, bytes):
        return value.decode("latin-1", errors="replace").strip("\0 ")
    return str(value or "")


def seam_continues(rgb: np.ndarray) -> Tuple[bool, str]:
    """Whether the image's left and right edges meet, and the measure behind the answer."""
    height, width = rgb.shape[:2]
    columns = [0, 1, width - 2, width - 1, width // 4, width // 2, 3 * width // 4]
    grey = cv2.cvtColor(np.ascontiguousarray(rgb[:, columns]), cv2.COLOR_RGB2GRAY).astype(np.float32)
    grey = cv2.GaussianBlur(grey, (1, 5), 0)  # JPEG noise along a column is not evidence
    first, second, before_last, last = (grey[:, i] for i in range(4))
    neighbours = (np.abs(first - second).mean() + np.abs(last - before_last).mean()) / 2
    seam = np.abs(first - last).mean()
    unrelated = float(np.median([np.abs(first - grey[:, i]).mean() for i in range(4, 7)]))
    measure = f"edge difference {seam:.1f}, neighbouring columns {neighbours:.1f}, unrelated columns {unrelated:.1f}"
    meets = (unrelated >= MIN_CONTRAST and seam <= SEAM_TO_UNRELATED * unrelated
             and seam <= SEAM_TO_NEIGHBOURS * neighbours + 1.0)
    return bool(meets), measure


def classify(image_type: str, xmp: Optional[str], exif: dict, rgb: np.ndarray) -> Tuple[bool, str]:
    """Whether to treat an image as a 360° equirectangular panorama, and why (for the log).

    ``image_type`` "equirectangular" or "planar" decides; "auto" follows GPano's ProjectionType,
    else takes a 2:1 image for a panorama only on evidence (see the module's docstring).
    """
    if image_type != "auto":
        return image_type == "equirectangular", f"image type {image_type}"
    declared = gpano.declared(xmp)
    if declared is not None:
        return declared, "GPano ProjectionType"
    height, width = rgb.shape[:2]
    if not gpano.two_to_one(width, height):
        return False, ""
    camera = camera_360(exif)
    if camera:
        return True, f"2:1 from the 360° camera {camera}"
    meets, measure = seam_continues(rgb)
    if meets:
        return True, f"2:1 and its left and right edges meet ({measure})"
    return False, (f"2:1 but without GPano, a known 360° camera, or left and right edges that meet "
                   f"({measure}): treated as a photo; set the image type to equirectangular if it "
                   "is a panorama")
