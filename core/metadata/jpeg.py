"""JPEG files: checking they are whole, reading their metadata, splicing it into a new JPEG.

OpenCV decodes a JPEG cut short without complaint, filling the missing part with grey; the
walk over the file's markers here finds the end-of-image marker or fails, so a truncated photo is
never anonymized (and published) half grey.

The anonymized copy gets, after SOI: the original's JFIF header (density kept, its thumbnail
dropped) or else the encoder's, EXIF (:mod:`.exif`), XMP and extended XMP without pictures,
the ICC profile, Photoshop/IPTC resources that cannot hold a picture, the comments, and last
GeoBlur's own comment (:data:`MARK`), by which GeoBlur later knows a file it wrote. Other APPn
segments are not copied: MPF and FlashPix (APP2) point at or hold preview images, Adobe's APP14
describes the original encoder's colour transform and would miscolour the new one, and vendors'
segments cannot be checked for previews. Everything left out is named in the ``dropped`` notes.
"""
import re
import struct
from collections import defaultdict
from dataclasses import dataclass
from typing import BinaryIO, List, Optional, Tuple

from ..version import VERSION
from . import Info, exif, icc, photoshop, xmp

EOI, SOS, COM, APP0, APP1, APP2, APP13, APP14, APP15 = 0xD9, 0xDA, 0xFE, 0xE0, 0xE1, 0xE2, 0xED, 0xEE, 0xEF
FRAME_MARKERS = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
STANDALONE = {0x01} | set(range(0xD0, 0xD8))
MAX_PAYLOAD = 0xFFFF - 2

JFIF = b"JFIF\0"
#: JFIF 1.1, no density unit, 1:1 aspect, no thumbnail
DEFAULT_JFIF = JFIF + b"\x01\x01\x00\x00\x01\x00\x01\x00\x00"
EXIF = b"Exif\0\0"
XMP_MAIN = b"http://ns.adobe.com/xap/1.0/\0"
XMP_EXTENDED = b"http://ns.adobe.com/xmp/extension/\0"
ICC = b"ICC_PROFILE\0"
PHOTOSHOP = b"Photoshop 3.0\0"
#: how GeoBlur's comment in each anonymized copy starts
MARK = b"GeoBlur anonymized copy"

#: APPn segments that may appear once and are copied (after cleaning) by the functions below
SINGLE = {(APP0, JFIF): "JFIF (APP0)", (APP1, EXIF): "EXIF (APP1)", (APP1, XMP_MAIN): "XMP (APP1)"}
#: APPn segments copied, one or many: marker -> how their payload starts
COPIED = {APP0: (JFIF,), APP1: (EXIF, XMP_MAIN, XMP_EXTENDED), APP2: (ICC,), APP13: (PHOTOSHOP,)}
#: APPn segments known and never copied: (marker, how the payload starts, note)
NOT_COPIED = ((APP0, b"JFXX\0", "JFXX thumbnail (APP0) removed"),
              (APP2, b"MPF\0", "MPF previews (APP2) removed"),
              (APP2, b"FPXR\0", "FlashPix (APP2) removed"),
              (APP14, b"Adobe", "APP14 Adobe segment not copied"))

#: in entropy-coded data, 0xFF is followed by 0x00 (stuffing) or a restart marker; anything else
#: is the next marker
_NEXT_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7]")


@dataclass
class Jpeg:
    segments: List[Tuple[int, bytes]]  # (marker, payload) of every marker segment, in order
    width: int
    height: int
    components: int


def parse(data: bytes) -> Jpeg:
    """Walk a JPEG's markers up to EOI. Raises ValueError, saying what is wrong, when the file
    has no frame header or ends before its end-of-image marker."""
    if data[:2] != b"\xff\xd8":
        raise ValueError("it does not start with a JPEG start-of-image marker")
    segments: List[Tuple[int, bytes]] = []
    frame = None
    position = 2
    truncated = ValueError("the file is truncated (it ends before the JPEG end-of-image marker); "
                           "copy it again from the camera or its backup")
    while True:
        if position >= len(data):
            raise truncated
        if data[position] != 0xFF:
            raise ValueError(f"the JPEG data is corrupt (no marker at byte {position})")
        while position < len(data) and data[position] == 0xFF:
            position += 1  # fill bytes
        if position >= len(data):
            raise truncated
        marker = data[position]
        position += 1
        if marker == EOI:
            break
        if marker in STANDALONE:
            continue
        if position + 2 > len(data):
            raise truncated
        (length,) = struct.unpack(">H", data[position:position + 2])
        if length < 2:
            raise ValueError(f"the JPEG data is corrupt (bad segment length at byte {position})")
        if position + length > len(data):
            raise truncated
        payload = data[position + 2:position + length]
        segments.append((marker, payload))
        position += length
        if marker in FRAME_MARKERS and frame is None:
            if len(payload) < 6:
                raise ValueError("the JPEG frame header is corrupt")
            frame = struct.unpack(">HHB", payload[1:6])
        if marker == SOS:
            found = _NEXT_MARKER.search(data, position)
            if found is None:
                raise truncated
            position = found.start()
    if frame is None:
        raise ValueError("the JPEG has no frame header")
    height, width, components = frame
    return Jpeg(segments, width, height, components)


def read_info(data: bytes) -> Info:
    """Size, XMP, EXIF and orientation of a whole JPEG (ValueError otherwise)."""
    jpeg = parse(data)
    if jpeg.components == 4:
        raise ValueError("it is a CMYK JPEG, which GeoBlur does not handle; save it as an RGB JPEG first")
    if jpeg.components not in (1, 3):
        raise ValueError(f"it is a JPEG with {jpeg.components} colour components, which GeoBlur does not handle")
    info = Info(jpeg.width, jpeg.height)
    block = _first(jpeg, APP1, EXIF)
    if block is not None:
        info.exif = exif.load(block)
        info.orientation = exif.orientation(block)
    packet = _first(jpeg, APP1, XMP_MAIN)
    if packet is not None:
        info.xmp = xmp.text(packet)
    return info


def with_metadata(encoded: bytes, source: bytes, width: int, height: int, channels: int,
                  dropped: List[str]) -> bytes:
    """``encoded`` (a JPEG from OpenCV) with the original's metadata in place of its own and
    GeoBlur's mark; what was left out is noted in ``dropped``."""
    original = parse(source)
    new = parse(encoded)
    dropped.extend(_uncopied(original))
    # the copy is YCbCr or grey, which JFIF describes: the block-by-block writer, copying an
    # Adobe marker it then drops, may leave none
    segments = [_jfif(original) or _jfif(new) or (APP0, DEFAULT_JFIF)]
    segments += _exif(original, width, height, dropped)
    segments += _xmp(original, width, height, dropped)
    segments += [(APP2, payload) for payload in _icc(original, channels, dropped)]
    segments += [(APP13, payload) for payload in _photoshop(original, dropped)]
    segments += [(COM, payload) for marker, payload in original.segments
                 if marker == COM and not payload.startswith(MARK)]
    segments.append((COM, MARK + f" {VERSION}".encode("utf-8")))
    return b"\xff\xd8" + _head(segments, dropped) + encoded[_first_non_application(encoded):]


def carries_mark(stream: BinaryIO) -> bool:
    """True when the JPEG in ``stream`` has GeoBlur's comment among its segments before the
    first scan; reads nothing after them. ValueError when they are not JPEG segments."""
    if stream.read(2) != b"\xff\xd8":
        raise ValueError("not a JPEG")
    while True:
        if _read_exactly(stream, 1) != b"\xff":
            raise ValueError("JPEG marker expected")
        marker = 0xFF
        while marker == 0xFF:  # fill bytes
            marker = _read_exactly(stream, 1)[0]
        if marker in (SOS, EOI):
            return False
        if marker not in STANDALONE:
            (length,) = struct.unpack(">H", _read_exactly(stream, 2))
            payload = _read_exactly(stream, length - 2)
            if marker == COM and payload.startswith(MARK):
                return True


def _read_exactly(stream: BinaryIO, size: int) -> bytes:
    """``size`` bytes from ``stream``; ValueError when the file ends first (or size < 0)."""
    data = stream.read(size) if size >= 0 else b""
    if len(data) != size:
        raise ValueError("the JPEG is cut short")
    return data


def _head(segments: List[Tuple[int, bytes]], dropped: List[str]) -> bytes:
    """The bytes of ``segments``; one too large for a JPEG segment is left out and noted."""
    head = b""
    for marker, payload in segments:
        if len(payload) > MAX_PAYLOAD:
            dropped.append(f"an oversized {_name(marker)} segment removed")
            continue
        head += b"\xff" + bytes([marker]) + struct.pack(">H", len(payload) + 2) + payload
    return head


def _uncopied(jpeg: Jpeg) -> List[str]:
    """Notes naming the original's APPn segments, or parts of them, that are never copied."""
    notes: List[str] = []
    seen = set()
    for marker, payload in jpeg.segments:
        if APP0 <= marker <= APP15:
            notes += _segment_notes(marker, payload, seen)
    return list(dict.fromkeys(notes))


def _segment_notes(marker: int, payload: bytes, seen: set) -> List[str]:
    """What of one APPn segment is not copied: all of it, its thumbnail, or nothing. ``seen``
    holds the kinds met so far of which only the first is copied."""
    single = next((key for key in SINGLE if key[0] == marker and payload.startswith(key[1])), None)
    if single in seen:
        return [f"extra {SINGLE[single]} segment removed"]
    if single:
        seen.add(single)
    if single == (APP0, JFIF) and len(payload) >= 14 and payload[12] and payload[13]:
        return ["JFIF thumbnail removed"]  # its width and height in pixels are both non-zero
    if payload.startswith(COPIED.get(marker, ())):
        return []
    for known, start, note in NOT_COPIED:
        if known == marker and payload.startswith(start):
            return [note]
    return [f"unknown {_name(marker)} segment removed"]


def _name(marker: int) -> str:
    return "COM" if marker == COM else f"APP{marker - APP0}"


def _first(jpeg: Jpeg, marker: int, prefix: bytes) -> Optional[bytes]:
    """The payload after ``prefix`` of the first ``marker`` segment that starts with it."""
    for found, payload in jpeg.segments:
        if found == marker and payload.startswith(prefix):
            return payload[len(prefix):]
    return None


def _jfif(jpeg: Jpeg) -> Optional[Tuple[int, bytes]]:
    """The JFIF header (version, density) with no thumbnail."""
    header = _first(jpeg, APP0, JFIF)
    if header is None or len(header) < 7:
        return None
    return APP0, JFIF + header[:7] + b"\0\0"


def _exif(jpeg: Jpeg, width: int, height: int, dropped: List[str]) -> List[Tuple[int, bytes]]:
    block = _first(jpeg, APP1, EXIF)
    cleaned = exif.for_copy(block, width, height, dropped) if block is not None else None
    return [(APP1, EXIF + cleaned)] if cleaned else []


def _xmp(jpeg: Jpeg, width: int, height: int, dropped: List[str]) -> List[Tuple[int, bytes]]:
    """The main XMP packet without pictures, and the extended XMP unless it holds one (Google's
    depth and portrait photos keep the unblurred original there)."""
    main = _first(jpeg, APP1, XMP_MAIN)
    packet = xmp.for_copy(xmp.text(main), width, height, dropped) if main is not None else None
    extended = [payload for marker, payload in jpeg.segments
                if marker == APP1 and payload.startswith(XMP_EXTENDED)]
    if extended and packet is None:
        dropped.append("extended XMP removed (its main XMP is not copied)")
        extended = []
    elif extended and xmp.has_pictures(_extended_text(extended)):
        dropped.append("extended XMP removed (it holds a picture)")
        packet, extended = xmp.without_extended_note(packet), []
    if packet is None:
        return []
    return [(APP1, XMP_MAIN + packet.encode("utf-8"))] + [(APP1, payload) for payload in extended]


def _extended_text(segments: List[bytes]) -> str:
    """The extended XMP parts reassembled (each: GUID, full length, offset, data)."""
    parts = defaultdict(dict)
    for payload in segments:
        body = payload[len(XMP_EXTENDED):]
        if len(body) >= 40:
            (offset,) = struct.unpack(">I", body[36:40])
            parts[body[:32]][offset] = body[40:]
    return "".join(xmp.text(b"".join(chunks[k] for k in sorted(chunks))) for chunks in parts.values())


def _icc(jpeg: Jpeg, channels: int, dropped: List[str]) -> List[bytes]:
    """The ICC profile's APP2 chunks in sequence order, if the profile fits the new pixels."""
    chunks = sorted((payload for marker, payload in jpeg.segments
                     if marker == APP2 and payload.startswith(ICC) and len(payload) > len(ICC) + 2),
                    key=lambda payload: payload[len(ICC)])
    if chunks and not icc.fits(chunks[0][len(ICC) + 2:], channels):
        dropped.append(icc.NOT_FITTING)
        return []
    return chunks


def _photoshop(jpeg: Jpeg, dropped: List[str]) -> List[bytes]:
    """The Photoshop resources that cannot hold a picture (IPTC...), re-split into APP13
    segments."""
    data = b"".join(payload[len(PHOTOSHOP):] for marker, payload in jpeg.segments
                    if marker == APP13 and payload.startswith(PHOTOSHOP))
    kept = photoshop.for_copy(data, dropped) if data else b""
    size = MAX_PAYLOAD - len(PHOTOSHOP)
    return [PHOTOSHOP + kept[at:at + size] for at in range(0, len(kept), size)]


def _first_non_application(encoded: bytes) -> int:
    """Where the encoder's own APPn/COM segments after SOI end (its tables and frame start)."""
    position = 2
    while encoded[position] == 0xFF and (APP0 <= encoded[position + 1] <= 0xEF or encoded[position + 1] == COM):
        (length,) = struct.unpack(">H", encoded[position + 2:position + 4])
        position += 2 + length
    return position
