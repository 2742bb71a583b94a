"""The TIFF structure: reading image file directories (IFDs) and writing new ones.

Both TIFF files and EXIF blocks (in JPEG APP1 and PNG eXIf) are TIFF structures, so one small
reader serves for the orientation tag, for checking that a TIFF file is complete, and for copying
metadata tags; the writer appends a new first IFD to the TIFF that OpenCV encodes, so the pixels
OpenCV wrote stay where they are and only the directory that describes them grows.

Values are kept as raw bytes plus their TIFF type, converted between byte orders on the way, so
tags this module knows nothing about are copied exactly. Structure errors raise ValueError.
"""
import struct
from dataclasses import dataclass
from typing import Dict, Tuple, Union

#: struct format of one element of each TIFF type (RATIONAL is two LONGs); 13 is IFD (a LONG)
#: and 16-18 are BigTIFF's 8-byte integers
ELEMENTS = {1: "B", 2: "B", 3: "H", 4: "I", 5: "II", 6: "b", 7: "B", 8: "h", 9: "i", 10: "ii",
            11: "f", 12: "d", 13: "I", 16: "Q", 17: "q", 18: "Q"}
SHORT, LONG = 3, 4

#: tags whose value is the offset of a sub-IFD: EXIF, GPS and (inside EXIF) interoperability
POINTERS = {34665: "Exif", 34853: "GPS", 40965: "Interop"}


@dataclass
class Entry:
    """One tag of an IFD: its TIFF type, element count and value bytes in ``order`` ('<' or '>')."""

    type: int
    count: int
    data: bytes
    order: str

    def values(self) -> Tuple:
        """The value as numbers (ASCII and UNDEFINED as their bytes)."""
        fmt = ELEMENTS[self.type]
        return struct.unpack(f"{self.order}{self.count * len(fmt)}{fmt[0]}", self.data)

    def in_order(self, order: str) -> "Entry":
        """The same value with its bytes in another byte order."""
        if order == self.order or struct.calcsize(ELEMENTS[self.type][0]) == 1:
            return Entry(self.type, self.count, self.data, order)
        fmt = ELEMENTS[self.type]
        count = f"{self.count * len(fmt)}{fmt[0]}"
        return Entry(self.type, self.count, struct.pack(order + count, *self.values()), order)


#: an IFD: tag -> Entry, or tag -> nested IFD for the pointer tags
Ifd = Dict[int, Union[Entry, "Ifd"]]


@dataclass
class Header:
    order: str  # '<' little endian (II), '>' big endian (MM)
    big: bool  # BigTIFF: 8-byte offsets
    first_ifd: int


def read_header(data: bytes) -> Header:
    if data[:4] in (b"II*\0", b"MM\0*"):
        order = "<" if data[:2] == b"II" else ">"
        return Header(order, False, _unpack(order + "I", data, 4)[0])
    if data[:4] in (b"II+\0", b"MM\0+"):
        order = "<" if data[:2] == b"II" else ">"
        return Header(order, True, _unpack(order + "Q", data, 8)[0])
    raise ValueError("not a TIFF structure")


def read_ifd(data: bytes, offset: int, header: Header, follow_pointers: bool = False) -> Tuple[Ifd, int]:
    """The IFD at ``offset`` and the offset of the next one (0 at the end of the chain).

    With ``follow_pointers``, EXIF/GPS/interoperability pointers are replaced by the sub-IFD they
    point to, read the same way.
    """
    order, big = header.order, header.big
    count_fmt, offset_fmt, entry_size = ("Q", "Q", 20) if big else ("H", "I", 12)
    (count,) = _unpack(order + count_fmt, data, offset)
    first = offset + struct.calcsize(count_fmt)
    ifd: Ifd = {}
    for index in range(count):
        at = first + index * entry_size
        tag, kind = _unpack(order + "HH", data, at)
        (n,) = _unpack(order + offset_fmt, data, at + 4)
        if kind not in ELEMENTS:
            continue  # a type from a later TIFF revision: skip the tag, keep the rest
        size = n * struct.calcsize(order + ELEMENTS[kind])
        field = at + 4 + struct.calcsize(offset_fmt)
        inline = 8 if big else 4
        start = field if size <= inline else _unpack(order + offset_fmt, data, field)[0]
        if start + size > len(data):
            raise ValueError(f"tag {tag} points past the end of the data")
        entry = Entry(kind, n, bytes(data[start:start + size]), order)
        if follow_pointers and tag in POINTERS and n == 1 and kind in (LONG, 13, 16):
            ifd[tag], _ = read_ifd(data, entry.values()[0], header, follow_pointers)
        else:
            ifd[tag] = entry
    (next_offset,) = _unpack(order + offset_fmt, data, first + count * entry_size)
    return ifd, next_offset


def number(ifd: Ifd, tag: int, default=None):
    """The first value of a numeric tag, or ``default``."""
    entry = ifd.get(tag)
    if not isinstance(entry, Entry) or not entry.count or entry.type in (2, 7):
        return default
    return entry.values()[0]


def short(value: int, order: str) -> Entry:
    return Entry(SHORT, 1, struct.pack(order + "H", value), order)


def with_first_ifd(tiff: bytes, ifd: Ifd) -> bytes:
    """``tiff`` (a classic TIFF) whose first IFD is replaced by ``ifd``, appended at the end.

    The old directory stays in the file, unreferenced; image data offsets keep pointing at the
    unchanged bytes before it. The new IFD ends the chain, so later IFDs (pages, thumbnails) go.
    """
    header = read_header(tiff)
    if header.big:
        raise ValueError("cannot rewrite a BigTIFF")
    start = len(tiff) + len(tiff) % 2
    block = _serialize(ifd, start, header.order)
    return tiff[:4] + struct.pack(header.order + "I", start) + tiff[8:] + b"\0" * (len(tiff) % 2) + block


def _serialize(ifd: Ifd, start: int, order: str) -> bytes:
    """The bytes of ``ifd`` placed at file offset ``start``: the directory, then the values that do
    not fit in it, then its sub-IFDs. Entries are converted to ``order`` and sorted by tag."""
    tags = sorted(ifd)
    position = start + 2 + 12 * len(tags) + 4
    tail = bytearray()
    fields = {}

    def place(blob: bytes) -> int:
        nonlocal position
        at = position
        tail.extend(blob)
        position += len(blob)
        if position % 2:
            tail.append(0)
            position += 1
        return at

    for tag in tags:
        value = ifd[tag]
        if isinstance(value, Entry):
            entry = value.in_order(order)
            field = entry.data if len(entry.data) <= 4 else struct.pack(order + "I", place(entry.data))
            fields[tag] = (entry.type, entry.count, field.ljust(4, b"\0"))
    for tag in tags:
        value = ifd[tag]
        if not isinstance(value, Entry):
            fields[tag] = (LONG, 1, struct.pack(order + "I", place(_serialize(value, position, order))))
    directory = struct.pack(order + "H", len(tags))
    for tag in tags:
        kind, count, field = fields[tag]
        directory += struct.pack(order + "HHI", tag, kind, count) + field
    return directory + b"\0\0\0\0" + bytes(tail)


def _unpack(fmt: str, data: bytes, offset: int) -> Tuple:
    end = offset + struct.calcsize(fmt)
    if offset < 0 or end > len(data):
        raise ValueError("offset past the end of the data")
    return struct.unpack(fmt, data[offset:end])
