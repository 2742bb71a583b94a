"""Builders of test images carrying metadata, made without GeoBlur's own code.

JPEG segments, PNG chunks and TIFF files are assembled here byte by byte (with piexif for EXIF),
so the tests check GeoBlur's reading and splicing against an independent construction.
"""
import os
import struct
import zlib

import cv2
import numpy as np
import piexif

DATA = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data")
PHOTO = os.path.join(DATA, "messi5.jpg")
XMP_ID = b"http://ns.adobe.com/xap/1.0/\0"  # what starts a JPEG APP1 segment of XMP

GPANO_XMP = (
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description rdf:about="" xmlns:GPano="http://ns.google.com/photos/1.0/panorama/"'
    ' GPano:ProjectionType="equirectangular" GPano:PoseHeadingDegrees="42.5"'
    ' GPano:FullPanoWidthPixels="548" GPano:FullPanoHeightPixels="274"/>'
    '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>')

GPS = {piexif.GPSIFD.GPSVersionID: (2, 3, 0, 0),
       piexif.GPSIFD.GPSLatitudeRef: b"N", piexif.GPSIFD.GPSLatitude: ((48, 1), (51, 1), (2412, 100)),
       piexif.GPSIFD.GPSLongitudeRef: b"E", piexif.GPSIFD.GPSLongitude: ((2, 1), (17, 1), (4000, 100)),
       piexif.GPSIFD.GPSAltitude: (3512, 100)}
CAMERA = {piexif.ImageIFD.Make: b"GeoCam", piexif.ImageIFD.Model: b"Survey 360"}
TAKEN = {piexif.ExifIFD.DateTimeOriginal: b"2024:05:06 07:08:09", piexif.ExifIFD.FocalLengthIn35mmFilm: 28,
         piexif.ExifIFD.MakerNote: b"vendor preview \xff\xd8\xff\xe0 bytes"}


def photo() -> np.ndarray:
    """The shipped DFSG-free photo, BGR."""
    return cv2.imread(PHOTO, cv2.IMREAD_COLOR)


def texture(seed: int, height: int, width: int) -> np.ndarray:
    """A photo-like image: smooth random structure at several scales, 8-bit BGR."""
    rng = np.random.default_rng(seed)
    image = np.zeros((height, width, 3), np.float32)
    for sigma, weight in ((1.5, 12), (6, 50), (20, 80)):
        noise = cv2.GaussianBlur(rng.normal(0, 1, (height, width, 3)).astype(np.float32), (0, 0), sigma)
        image += weight * noise / noise.std()
    return np.clip(image + 128, 0, 255).astype(np.uint8)


def asymmetric(height=48, width=80, channels=3) -> np.ndarray:
    """Large flat blocks (JPEG keeps them nearly exact) arranged so every flip/turn differs."""
    pixels = np.zeros((height, width, 3), np.uint8)
    pixels[: height // 2, : width // 2] = (0, 0, 255)
    pixels[: height // 2, width // 2:] = (0, 255, 0)
    pixels[height // 2:, : width // 4] = (255, 0, 0)
    pixels[height // 2:, width // 4:] = (255, 255, 255)
    return pixels if channels == 3 else pixels[:, :, 0]


def thumbnail_jpeg(pixels) -> bytes:
    return cv2.imencode(".jpg", cv2.resize(pixels, (40, 30)))[1].tobytes()


def exif_block(pixels, orientation=1, thumbnail=True) -> bytes:
    """A piexif EXIF block ("Exif\\0\\0" + TIFF) with camera, time, size, GPS, maker note, thumbnail."""
    zeroth = {**CAMERA, piexif.ImageIFD.Orientation: orientation}
    size = {piexif.ExifIFD.PixelXDimension: pixels.shape[1], piexif.ExifIFD.PixelYDimension: pixels.shape[0]}
    return piexif.dump({"0th": zeroth, "Exif": {**TAKEN, **size}, "GPS": dict(GPS),
                        "1st": {piexif.ImageIFD.XResolution: (72, 1)} if thumbnail else {},
                        "thumbnail": thumbnail_jpeg(pixels) if thumbnail else None})


def icc_profile(space=b"RGB ", size=4096) -> bytes:
    """A structurally valid ICC profile for ``space`` (libpng checks header, illuminant, tags)."""
    header = struct.pack(">I", size) + b"none" + b"\x02\x10\x00\x00" + b"mntr" + space + b"XYZ " + b"\0" * 12 + b"acsp"
    header = header.ljust(68, b"\0") + bytes.fromhex("0000f6d6000100000000d32d")
    tags = struct.pack(">I4sII", 1, b"cprt", 144, size - 144)
    return (header.ljust(128, b"\0") + tags + b"text\0\0\0\0").ljust(size, b"x")


def segment(marker: int, payload: bytes) -> bytes:
    return b"\xff" + bytes([marker]) + struct.pack(">H", len(payload) + 2) + payload


def icc_segments(profile: bytes) -> bytes:
    size = 65519
    chunks = [profile[at:at + size] for at in range(0, len(profile), size)]
    return b"".join(segment(0xE2, b"ICC_PROFILE\0" + bytes([i + 1, len(chunks)]) + chunk)
                    for i, chunk in enumerate(chunks))


def jpeg_with(pixels, *segments: bytes, quality=92) -> bytes:
    """``pixels`` encoded by OpenCV, its JFIF replaced by ``segments`` (whole APPn/COM segments)."""
    data = cv2.imencode(".jpg", pixels, [cv2.IMWRITE_JPEG_QUALITY, quality])[1].tobytes()
    position = 2
    while 0xE0 <= data[position + 1] <= 0xEF:
        position += 2 + struct.unpack(">H", data[position + 2:position + 4])[0]
    return data[:2] + b"".join(segments) + data[position:]


def jpeg_segments(data: bytes):
    """(marker, payload) of the segments before the first scan."""
    found, position = [], 2
    while data[position + 1] != 0xDA:
        length = struct.unpack(">H", data[position + 2:position + 4])[0]
        found.append((data[position + 1], data[position + 4:position + 2 + length]))
        position += 2 + length
    return found


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_with(pixels, *chunks) -> bytes:
    """``pixels`` encoded by OpenCV with ``chunks`` ((type, data) pairs) inserted after IHDR."""
    data = cv2.imencode(".png", pixels)[1].tobytes()
    end_of_header = 8 + 25
    return data[:end_of_header] + b"".join(png_chunk(k, b) for k, b in chunks) + data[end_of_header:]


def png_chunks(data: bytes):
    found, position = [], 8
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        found.append((kind, data[position + 8:position + 8 + length]))
        position += 12 + length
    return found


def itxt(keyword: str, text: str) -> tuple:
    return b"iTXt", keyword.encode() + b"\0\0\0\0\0" + text.encode("utf-8")


def tiff_with(pixels, zeroth: dict, exif: dict = None, gps: dict = None, thumbnail: bytes = None) -> bytes:
    """An uncompressed big-endian RGB TIFF of ``pixels`` (BGR in) built with piexif: its IFD0 holds
    the image structure plus ``zeroth``; EXIF/GPS sub-IFDs and an IFD1 thumbnail as given."""
    rgb = np.ascontiguousarray(pixels[:, :, ::-1]).tobytes()
    height, width = pixels.shape[:2]

    def dump(strip_offset):
        ifd0 = {256: width, 257: height, 258: (8, 8, 8), 259: 1, 262: 2, 273: strip_offset, 277: 3,
                278: height, 279: len(rgb), 284: 1}
        ifd0.update(zeroth)
        return piexif.dump({"0th": ifd0, "Exif": exif or {}, "GPS": gps or {},
                            "1st": {piexif.ImageIFD.XResolution: (72, 1)} if thumbnail else {},
                            "thumbnail": thumbnail})[len(b"Exif\0\0"):]

    structure = dump(0)
    return dump(len(structure)) + rgb


def file_bytes(path) -> bytes:
    with open(path, "rb") as stream:
        return stream.read()


def write(path, data: bytes):
    with open(path, "wb") as stream:
        stream.write(data)
    return str(path)

