"""IPTC-IIM records (Photoshop resource 1028, TIFF tag 33723): captions, keywords, credits.

An IIM stream can carry pictures too: datasets 2:200-202 are the "object preview" (a thumbnail)
and records 7-9 hold the object itself. Only the envelope (1) and application (2) records are
copied, without the preview datasets; each dataset is copied byte for byte.
"""
import struct
from typing import List, Tuple

TAG_MARKER = 0x1C
COPIED_RECORDS = {1, 2}
PREVIEW = {(2, 200), (2, 201), (2, 202)}


def for_copy(data: bytes, dropped: List[str]) -> bytes:
    """``data`` without previews and object data, noting in ``dropped`` what went; b"" (and a
    note) when it cannot be parsed, since nothing unparsed is copied."""
    try:
        datasets = _datasets(data)
    except ValueError:
        dropped.append("unparseable IPTC record removed")
        return b""
    removed = [f"{record}:{number}" for record, number, _ in datasets if not _copied(record, number)]
    if not removed:
        return data  # byte for byte, padding included
    dropped.append("IPTC datasets " + ", ".join(removed) + " removed")
    return b"".join(raw for record, number, raw in datasets if _copied(record, number))


def _copied(record: int, number: int) -> bool:
    return record in COPIED_RECORDS and (record, number) not in PREVIEW


def _datasets(data: bytes) -> List[Tuple[int, int, bytes]]:
    """(record, dataset, bytes) of every dataset; trailing NUL padding is allowed."""
    found = []
    at, end = 0, len(data.rstrip(b"\0"))
    while at < end:
        if data[at] != TAG_MARKER or at + 5 > len(data):
            raise ValueError("not an IPTC dataset")
        record, number, (size,) = data[at + 1], data[at + 2], struct.unpack(">H", data[at + 3:at + 5])
        start = at + 5
        if size & 0x8000:  # extended dataset: the low bits say how many bytes hold the size
            width = size & 0x7FFF
            if width > 8 or start + width > len(data):
                raise ValueError("bad IPTC extended dataset")
            size, start = int.from_bytes(data[start:start + width], "big"), start + width
        if start + size > len(data):
            raise ValueError("IPTC dataset cut short")
        found.append((record, number, data[at:start + size]))
        at = start + size
    return found
