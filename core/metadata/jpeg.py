"""JPEG files: checking they are whole, reading their metadata, splicing it into a new JPEG.

OpenCV decodes a JPEG cut short without complaint, filling the missing part with grey; the
walk over the file's markers here finds the end-of-image marker or fails, so a truncated photo is
never anonymized (and published) half grey.

The anonymized copy gets, after SOI: the original's JFIF header (density kept, its thumbnail
dropped) or else the encoder's, EXIF (:mod:`.exif`), XMP and extended XMP without pictures,
the ICC profile, Photoshop/IPTC resources without thumbnails, and comments. Other APPn segments
are not copied: MPF and FlashPix (APP2) point at or hold preview images, Adobe's APP14 describes
the original encoder's colour transform and would miscolour the new one, and vendors' segments
cannot be checked for previews.
"""
import re
import struct
from collections import defaultdict
from dataclasses import dataclass
from typing import List, Optional, Tuple

from . import Info, exif, icc, photoshop, xmp

EOI, SOS, COM, APP0, APP1, APP2, APP13 = 0xD9, 0xDA, 0xFE, 0xE0, 0xE1, 0xE2, 0xED
FRAME_MARKERS = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
STANDALONE = {0x01} | set(range(0xD0, 0xD8))
MAX_PAYLOAD = 0xFFFF - 2

JFIF = b"JFIF\0"
EXIF = b"Exif\0\0"
XMP_MAIN = b"http://ns.adobe.com/xap/1.0/\0"
XMP_EXTENDED = b"http://ns.adobe.com/xmp/extension/\0"
ICC = b"ICC_PROFILE\0"
PHOTOSHOP = b"Photoshop 3.0\0"

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


def with_metadata(encoded: bytes, source: bytes, width: int, height: int, channels: int) -> bytes:
    """``encoded`` (a JPEG from OpenCV) with the original's metadata in place of its own."""
    original = parse(source)
    new = parse(encoded)
    jfif = _jfif(original) or _jfif(new)
    segments = [jfif] if jfif else []
    segments += _exif(original, width, height)
    segments += _xmp(original)
    segments += [(APP2, payload) for payload in _icc(original, channels)]
    segments += [(APP13, payload) for payload in _photoshop(original)]
    segments += [(COM, payload) for marker, payload in original.segments if marker == COM]
    head = b"".join(b"\xff" + bytes([marker]) + struct.pack(">H", len(payload) + 2) + payload
                    for marker, payload in segments if len(payload) <= MAX_PAYLOAD)
    return b"\xff\xd8" + head + encoded[_first_non_application(encoded):]


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


def _exif(jpeg: Jpeg, width: int, height: int) -> List[Tuple[int, bytes]]:
    block = _first(jpeg, APP1, EXIF)
    loaded = exif.load(block) if block is not None else {}
    cleaned = exif.dump(exif.for_output(loaded, width, height)) if loaded else None
    return [(APP1, EXIF + cleaned)] if cleaned else []


def _xmp(jpeg: Jpeg) -> List[Tuple[int, bytes]]:
    """The main XMP packet without pictures, and the extended XMP unless it holds one (Google's
    depth and portrait photos keep the unblurred original there)."""
    main = _first(jpeg, APP1, XMP_MAIN)
    if main is None:
        return []
    try:
        packet = xmp.without_pictures(xmp.text(main))
    except ValueError:
        return []
    extended = [payload for marker, payload in jpeg.segments
                if marker == APP1 and payload.startswith(XMP_EXTENDED)]
    if extended and xmp.has_pictures(_extended_text(extended)):
        packet, extended = xmp.without_extended_note(packet), []
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


def _icc(jpeg: Jpeg, channels: int) -> List[bytes]:
    """The ICC profile's APP2 chunks in sequence order, if the profile fits the new pixels."""
    chunks = sorted((payload for marker, payload in jpeg.segments
                     if marker == APP2 and payload.startswith(ICC) and len(payload) > len(ICC) + 2),
                    key=lambda payload: payload[len(ICC)])
    if not chunks or not icc.fits(chunks[0][len(ICC) + 2:], channels):
        return []
    return chunks


def _photoshop(jpeg: Jpeg) -> List[bytes]:
    """Photoshop resources (IPTC...) without thumbnails, re-split into APP13 segments; nothing
    when they cannot be parsed."""
    data = b"".join(payload[len(PHOTOSHOP):] for marker, payload in jpeg.segments
                    if marker == APP13 and payload.startswith(PHOTOSHOP))
    if not data:
        return []
    try:
        kept = photoshop.without_previews(data)
    except ValueError:
        return []
    size = MAX_PAYLOAD - len(PHOTOSHOP)
    return [PHOTOSHOP + kept[at:at + size] for at in range(0, len(kept), size)]


def _first_non_application(encoded: bytes) -> int:
    """Where the encoder's own APPn/COM segments after SOI end (its tables and frame start)."""
    position = 2
    while encoded[position] == 0xFF and (APP0 <= encoded[position + 1] <= 0xEF or encoded[position + 1] == COM):
        (length,) = struct.unpack(">H", encoded[position + 2:position + 4])
        position += 2 + length
    return position
