"""EXIF: what the engine reads from it, and the copy written with an anonymized image.

The written copy differs from the original only where the new pixels require it:

- no thumbnail (IFD1 and its JPEG): it is an unblurred copy of the photo;
- no MakerNote: cameras' private notes often embed preview images too (and their internal
  offsets would not survive a rewrite anyway);
- Orientation 1 and the written image's size (PixelX/YDimension, ImageWidth/Length), because
  pixels are written upright.

GPS, time, camera, lens and every other tag piexif knows are kept. piexif rewrites the whole
block; a block it cannot parse is dropped, and so is a tag it cannot write back — a block is
never copied unparsed, since that could keep a thumbnail.
"""
import struct
from typing import List, Optional

import piexif

from . import tiff

IMAGE_WIDTH, IMAGE_LENGTH, ORIENTATION = 256, 257, 274
MAKER_NOTE = 37500
PIXEL_X_DIMENSION, PIXEL_Y_DIMENSION = 40962, 40963
#: IFD0 tags that locate image data: in an EXIF block they can only point at a thumbnail or
#: at nothing (a TIFF file's own are rewritten by its encoder)
IMAGE_DATA_TAGS = (273, 279, 324, 325, 330, 513, 514)
IFDS = ("0th", "Exif", "GPS", "Interop")


def load(block: bytes) -> dict:
    """piexif's dict of a TIFF-structured block (EXIF block or TIFF file); {} if unparseable."""
    if block[:4] not in (b"II*\0", b"MM\0*"):
        return {}  # piexif.load would take other bytes for a file name
    try:
        return piexif.load(block)
    except Exception:  # piexif raises many kinds of error on malformed data; none is fatal here
        return {}


def orientation(block: bytes) -> int:
    """EXIF Orientation (1-8) of a TIFF-structured block; 1 when absent or invalid.

    Read with the small TIFF reader rather than piexif, so that an orientation is still found
    (and applied) in a block piexif rejects.
    """
    try:
        header = tiff.read_header(block)
        ifd, _ = tiff.read_ifd(block, header.first_ifd, header)
        value = tiff.number(ifd, ORIENTATION, 1)
    except (ValueError, struct.error):
        return 1
    return value if value in range(1, 9) else 1


def for_copy(block: bytes, width: int, height: int, dropped: List[str], tiff_file: bool = False) -> Optional[bytes]:
    """The block written with upright, anonymized pixels of ``width`` x ``height`` (None when
    nothing is left), noting in ``dropped`` what was left out for safety.

    ``tiff_file``: ``block`` is a whole TIFF file, whose first IFD is written from the file's own
    tags and whose second IFD is its next page (reported as such), not a thumbnail.
    """
    loaded = load(block)
    if not loaded:
        dropped.append("unparseable EXIF removed")
        return None
    if not tiff_file and (loaded.get("1st") or loaded.get("thumbnail")):
        dropped.append("EXIF thumbnail removed")
    if not tiff_file and any(tag in IMAGE_DATA_TAGS for tag in loaded.get("0th", {})):
        dropped.append("EXIF image data pointers removed")
    if MAKER_NOTE in loaded.get("Exif", {}):
        dropped.append("EXIF MakerNote removed")
    return dump(for_output(loaded, width, height, keep_ifd0=not tiff_file), dropped)


def for_output(exif: dict, width: int, height: int, keep_ifd0: bool = True) -> dict:
    """A copy of ``exif`` fit to go with upright, anonymized pixels of ``width`` x ``height``:
    no thumbnail, no MakerNote, Orientation 1. ``keep_ifd0=False`` drops the first IFD's tags
    (TIFF files, whose first IFD is written from the file's own tags)."""
    ifd0 = {}
    if keep_ifd0:
        ifd0 = {tag: value for tag, value in exif.get("0th", {}).items() if tag not in IMAGE_DATA_TAGS}
        ifd0[ORIENTATION] = 1
        for tag, value in ((IMAGE_WIDTH, width), (IMAGE_LENGTH, height)):
            if tag in ifd0:
                ifd0[tag] = value
    exif_ifd = {tag: value for tag, value in exif.get("Exif", {}).items() if tag != MAKER_NOTE}
    if PIXEL_X_DIMENSION in exif_ifd or PIXEL_Y_DIMENSION in exif_ifd:
        exif_ifd[PIXEL_X_DIMENSION], exif_ifd[PIXEL_Y_DIMENSION] = width, height
    return {"0th": ifd0, "Exif": exif_ifd, "GPS": dict(exif.get("GPS", {})),
            "Interop": dict(exif.get("Interop", {})), "1st": {}, "thumbnail": None}


def dump(exif: dict, dropped: List[str]) -> Optional[bytes]:
    """The TIFF-structured block of ``exif`` (no "Exif" prefix), dropping (and noting in
    ``dropped``) tags piexif cannot write; None when nothing is left worth writing."""
    if not any(exif.get(name) for name in IFDS):
        return None
    block = _dump(exif)
    if block is None:
        block = _dump(_writable_only(exif, dropped))
        if block is None:
            dropped.append("EXIF removed (it could not be rewritten)")
    return block


def _writable_only(exif: dict, dropped: List[str]) -> dict:
    """``exif`` without the tags piexif cannot write, which are noted in ``dropped``."""
    unwritable = {(name, tag) for name in IFDS for tag, value in exif.get(name, {}).items()
                  if not _writable(name, tag, value)}
    if unwritable:
        tags = ", ".join(str(tag) for tag in sorted({tag for _, tag in unwritable}))
        dropped.append(f"EXIF tags {tags} removed (they could not be rewritten)")
    return {name: {tag: value for tag, value in exif.get(name, {}).items() if (name, tag) not in unwritable}
            for name in IFDS}


def _dump(exif: dict) -> Optional[bytes]:
    try:
        return piexif.dump(exif)[len(b"Exif\0\0"):]
    except Exception:  # piexif raises ValueError, TypeError, struct.error... for a bad value
        return None


def _writable(ifd: str, tag: int, value) -> bool:
    single = {name: {} for name in IFDS}
    single[ifd] = {tag: value}
    return _dump(single) is not None
