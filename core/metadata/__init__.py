"""Metadata of JPEG, PNG and TIFF files: read what the engine needs, copy the rest safely.

Each format module checks that a file is whole (a truncated image must fail, never be processed
half grey), reads its size, XMP, EXIF and orientation (:class:`Info`), and splices the
original's metadata into the file OpenCV encodes for the anonymized copy. What is copied keeps
the photo's meaning (GPS, time, camera, captions, GPano, colour profile) and nothing that could
show the unblurred picture: EXIF thumbnails, maker notes, XMP thumbnails, IPTC previews, depth
and portrait originals, MPF/FlashPix previews, every Photoshop resource but a few harmless ones
and unknown segments are all left out, each named in the ``dropped`` notes the writers fill.
Each copy also carries GeoBlur's mark, so that GeoBlur can tell its own files from others.
"""
from dataclasses import dataclass, field


@dataclass
class Info:
    """What reading a file's structure found, before any pixel is decoded."""

    width: int
    height: int
    xmp: str = ""
    exif: dict = field(default_factory=dict)  # piexif-style, {} when none or unparseable
    orientation: int = 1
