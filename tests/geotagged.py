"""Geotagged test photos, made on the fly from the photos shipped in tests/data.

The GPS tags are those phones and cameras write (and ``native:importphotos`` reads): latitude and
longitude as degree/minute/second rationals, ``GPSImgDirection`` for the heading, and the 35 mm
equivalent focal length from which GeoBlur derives the field of view.
"""
import os
from fractions import Fraction
from typing import Optional

import cv2
import numpy as np
import piexif

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
MESSI = os.path.join(DATA, "messi5.jpg")
#: a crop of messi5.jpg (x0, y0, x1, y1) with one clear face, right of centre, and where it is
FACE_CROP = (120, 40, 280, 200)
FACE_IN_CROP = (103, 49, 138, 93)


def _rational(value: float, denominator: int = 10000):
    fraction = Fraction(value).limit_denominator(denominator)
    return fraction.numerator, fraction.denominator


def _dms(value: float):
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = (value - degrees - minutes / 60) * 3600
    return (degrees, 1), (minutes, 1), (int(round(seconds * 10000)), 10000)


def gps_exif(lat: float, lon: float, heading: Optional[float] = None, focal_35mm: Optional[int] = None) -> bytes:
    gps = {
        piexif.GPSIFD.GPSVersionID: (2, 3, 0, 0),
        piexif.GPSIFD.GPSLatitudeRef: b"N" if lat >= 0 else b"S",
        piexif.GPSIFD.GPSLatitude: _dms(lat),
        piexif.GPSIFD.GPSLongitudeRef: b"E" if lon >= 0 else b"W",
        piexif.GPSIFD.GPSLongitude: _dms(lon),
        piexif.GPSIFD.GPSAltitudeRef: 0,
        piexif.GPSIFD.GPSAltitude: (12, 1),
    }
    if heading is not None:
        gps[piexif.GPSIFD.GPSImgDirectionRef] = b"T"
        gps[piexif.GPSIFD.GPSImgDirection] = _rational(heading, 100)
    exif = {piexif.ExifIFD.DateTimeOriginal: b"2024:05:17 10:30:00"}
    if focal_35mm:
        exif[piexif.ExifIFD.FocalLengthIn35mmFilm] = int(focal_35mm)
    zeroth = {piexif.ImageIFD.Make: b"GeoBlur test", piexif.ImageIFD.Model: b"generated"}
    return piexif.dump({"0th": zeroth, "Exif": exif, "GPS": gps})


def write_geotagged_jpeg(path: str, bgr: np.ndarray, lat: float, lon: float, heading: Optional[float] = None,
                         focal_35mm: Optional[int] = None, quality: int = 92) -> str:
    """Write ``bgr`` as a JPEG with GPS position (and heading, focal length) in its EXIF."""
    ok, encoded = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    piexif.insert(gps_exif(lat, lon, heading, focal_35mm), encoded.tobytes(), path)
    return path


def face_photo() -> np.ndarray:
    """The face crop of messi5.jpg (BGR): one face at :data:`FACE_IN_CROP`."""
    x0, y0, x1, y1 = FACE_CROP
    return cv2.imread(MESSI)[y0:y1, x0:x1].copy()
