"""Photoshop image resource blocks (JPEG APP13 "Photoshop 3.0", TIFF tag 34377).

They carry IPTC captions and keywords worth keeping, but most of the hundred-odd resource kinds
can hold or point at pixels: thumbnails (1033, 1036), an EXIF block with its own thumbnail
(1058), a second XMP packet (1060), layer and path data, and plug-in or vendor blobs no one can
check. So only resources that cannot hold a picture are copied (:data:`KEPT`); every other one
is dropped and named.
"""
import struct
from typing import List, Tuple

from . import iptc

IPTC, DIGEST = 1028, 1061
#: the resources copied, each a fixed-format value or text with no room for pixels:
#: ResolutionInfo (1005: dpi and units), IPTC-NAA record (1028, itself filtered by
#: :mod:`.iptc`), copyright flag (1034: one byte), URL (1035: text) and IPTC digest
#: (1061: the MD5 of the IPTC record, dropped when that record is changed)
KEPT = {1005, IPTC, 1034, 1035, DIGEST}
SIGNATURES = {b"8BIM", b"MeSa", b"PHUT", b"AgHg", b"DCSR"}

#: one resource: its id, its header (signature, id, padded name) and its data
Block = Tuple[int, bytes, bytes]


def for_copy(data: bytes, dropped: List[str]) -> bytes:
    """The resource blocks of ``data`` that are safe to copy, noting in ``dropped`` the ids of
    those left out; b"" (and a note) when they cannot be parsed: nothing unparsed is copied."""
    try:
        blocks = _blocks(data)
    except ValueError:
        dropped.append("unparseable Photoshop resources removed")
        return b""
    kept, iptc_changed = [], False
    for resource, header, value in blocks:
        if resource == IPTC:
            filtered = iptc.for_copy(value, dropped)
            iptc_changed |= filtered != value
            value = filtered
        if resource in KEPT and (value or resource != IPTC):
            kept.append((resource, header, value))
    if iptc_changed:  # the digest of the original record would now be wrong
        kept = [block for block in kept if block[0] != DIGEST]
    removed = sorted({resource for resource, _, _ in blocks} - {resource for resource, _, _ in kept})
    if removed:
        dropped.append("Photoshop resources " + ", ".join(map(str, removed)) + " removed")
    return b"".join(header + struct.pack(">I", len(value)) + value + b"\0" * (len(value) & 1)
                    for _, header, value in kept)


def _blocks(data: bytes) -> List[Block]:
    """Every resource block of ``data``; ValueError when they cannot be parsed."""
    blocks = []
    at = 0
    while at < len(data):
        if data[at:at + 4] not in SIGNATURES or at + 7 > len(data):
            raise ValueError("not a Photoshop resource block")
        (resource,) = struct.unpack(">H", data[at + 4:at + 6])
        name_length = data[at + 6]
        name_end = at + 6 + ((name_length + 2) & ~1)  # length byte + name, padded to even
        if name_end + 4 > len(data):
            raise ValueError("Photoshop resource block cut short")
        (size,) = struct.unpack(">I", data[name_end:name_end + 4])
        data_end = name_end + 4 + size
        if data_end > len(data):
            raise ValueError("Photoshop resource block cut short")
        blocks.append((resource, data[at:name_end], data[name_end + 4:data_end]))
        at = data_end + (size & 1)  # data padded to even
    return blocks
