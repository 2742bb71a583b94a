"""Photoshop image resource blocks (JPEG APP13 "Photoshop 3.0", TIFF tag 34377).

They carry IPTC captions and keywords worth keeping, but also a JPEG thumbnail of the image
(resources 1033 and 1036) — an unblurred copy — and a second XMP packet (1060) that could hold
thumbnails of its own. Those are removed; everything else is copied as it is.
"""
import struct

THUMBNAILS_AND_XMP = {1033, 1036, 1060}
SIGNATURES = {b"8BIM", b"MeSa", b"PHUT", b"AgHg", b"DCSR"}


def without_previews(data: bytes) -> bytes:
    """The resource blocks of ``data`` minus thumbnails and XMP. Raises ValueError when the
    blocks cannot be parsed (the caller then drops them: nothing unparsed is copied)."""
    kept = bytearray()
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
        if resource not in THUMBNAILS_AND_XMP:
            kept += data[at:data_end] + b"\0" * (size & 1)  # data padded to even
        at = data_end + (size & 1)
    return bytes(kept)
