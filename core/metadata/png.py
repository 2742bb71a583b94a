"""PNG files: checking they are whole, reading their metadata, splicing it into a new PNG.

A PNG is whole when every chunk's CRC is right and IEND is there. The anonymized copy gets the
original's colour chunks (iCCP if its profile fits the written pixels, sRGB, gAMA, cHRM),
pHYs, tIME, text chunks (tEXt, zTXt, iTXt; XMP without pictures) and eXIf (:mod:`.exif`), all
inserted right after IHDR, where every one of them is allowed, with GeoBlur's own tEXt chunk
(keyword :data:`MARK_KEYWORD`), by which GeoBlur later knows a file it wrote. ImageMagick's "Raw
profile type" text chunks are hex dumps of EXIF/8BIM/XMP blocks that may hold thumbnails; they
are not copied, and neither is any text chunk that holds a base64 picture, nor any other chunk
(animation frames, private data). Everything left out is named in the ``dropped`` notes.
"""
import struct
import zlib
from dataclasses import dataclass
from typing import BinaryIO, List, Optional, Tuple

from ..version import VERSION
from . import Info, exif, icc, xmp

SIGNATURE = b"\x89PNG\r\n\x1a\n"
XMP_KEYWORD = b"XML:com.adobe.xmp"
COPIED = (b"iCCP", b"sRGB", b"gAMA", b"cHRM", b"pHYs", b"tIME", b"eXIf", b"tEXt", b"zTXt", b"iTXt")
SINGLE = {b"iCCP", b"sRGB", b"gAMA", b"cHRM", b"pHYs", b"tIME", b"eXIf"}
TEXT = {b"tEXt", b"zTXt", b"iTXt"}
#: chunks that describe the pixels themselves, which OpenCV decoded and encodes anew
PIXELS = {b"IHDR", b"PLTE", b"IDAT", b"tRNS"}
#: GeoBlur's tEXt chunk in each anonymized copy: keyword, and how its text starts
MARK_KEYWORD, MARK = b"GeoBlur", b"GeoBlur anonymized copy"
#: compressed text is inflated up to this size; a larger one is not copied (nor read as XMP)
MAX_TEXT = 1 << 24


@dataclass
class Png:
    chunks: List[Tuple[bytes, bytes]]  # (type, data), IHDR first, IEND excluded
    width: int
    height: int


def parse(data: bytes) -> Png:
    """Every chunk up to IEND, CRCs checked. Raises ValueError saying what is wrong."""
    if not data.startswith(SIGNATURE):
        raise ValueError("it does not start with the PNG signature")
    chunks = []
    position = len(SIGNATURE)
    while True:
        if position + 8 > len(data):
            raise ValueError("the file is truncated (it ends before the PNG end chunk); "
                             "copy it again from its source")
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        end = position + 8 + length
        if end + 4 > len(data):
            raise ValueError("the file is truncated (a PNG chunk is cut short); copy it again from its source")
        body = data[position + 8:end]
        (crc,) = struct.unpack(">I", data[end:end + 4])
        if zlib.crc32(kind + body) != crc:
            raise ValueError(f"the PNG is corrupt (bad checksum in its {kind.decode('latin-1')} chunk)")
        if kind == b"IEND":
            break
        chunks.append((kind, body))
        position = end + 4
    if not chunks or chunks[0][0] != b"IHDR" or len(chunks[0][1]) != 13:
        raise ValueError("the PNG has no valid header chunk")
    width, height = struct.unpack(">II", chunks[0][1][:8])
    return Png(chunks, width, height)


def read_info(data: bytes) -> Info:
    """Size, XMP, EXIF and orientation of a whole PNG (ValueError otherwise)."""
    png = parse(data)
    info = Info(png.width, png.height)
    block = _first(png, b"eXIf")
    if block is not None:
        info.exif = exif.load(block)
        info.orientation = exif.orientation(block)
    for kind, body in png.chunks:
        if kind == b"iTXt" and body.startswith(XMP_KEYWORD + b"\0"):
            text = _itxt_text(body)
            if text is not None:
                info.xmp = text
                break
    return info


def with_metadata(encoded: bytes, source: bytes, width: int, height: int, channels: int,
                  dropped: List[str]) -> bytes:
    """``encoded`` (a PNG from OpenCV) with the original's ancillary chunks and GeoBlur's mark
    after its IHDR; what was left out is noted in ``dropped``."""
    original = parse(source)
    new = parse(encoded)
    copied, seen = [], set()
    for kind, body in original.chunks:
        if kind not in COPIED or (kind in SINGLE and kind in seen) or _is_mark(kind, body):
            continue
        body = _for_output(kind, body, width, height, channels, dropped)
        if body is not None:
            copied.append((kind, body))
            seen.add(kind)
    others = sorted({kind.decode("latin-1") for kind, _ in original.chunks if kind not in COPIED + tuple(PIXELS)})
    if others:
        dropped.append("PNG chunks " + ", ".join(others) + " not copied")
    copied.append((b"tEXt", MARK_KEYWORD + b"\0" + MARK + f" {VERSION}".encode("latin-1")))
    chunks = [new.chunks[0]] + copied + [chunk for chunk in new.chunks[1:] if chunk[0] not in seen]
    return SIGNATURE + b"".join(_chunk(kind, body) for kind, body in chunks + [(b"IEND", b"")])


def carries_mark(stream: BinaryIO) -> bool:
    """True when the whole PNG in ``stream`` has GeoBlur's tEXt chunk (ValueError when it is
    not a whole PNG)."""
    return any(_is_mark(kind, body) for kind, body in parse(stream.read()).chunks)


def _is_mark(kind: bytes, body: bytes) -> bool:
    return kind == b"tEXt" and body.startswith(MARK_KEYWORD + b"\0" + MARK)


def _for_output(kind: bytes, body: bytes, width: int, height: int, channels: int,
                dropped: List[str]) -> Optional[bytes]:
    """The chunk's data as it goes with the anonymized pixels, or None to leave it out."""
    if kind == b"eXIf":
        return exif.for_copy(body, width, height, dropped)
    if kind == b"iCCP":
        keyword_end = body.find(b"\0")
        try:
            profile_header = zlib.decompressobj().decompress(body[keyword_end + 2:], 20)
        except zlib.error:
            profile_header = b""
        if keyword_end > 0 and icc.fits(profile_header, channels):
            return body
        dropped.append(icc.NOT_FITTING)
        return None
    if kind in TEXT:
        return _text_for_output(kind, body, width, height, dropped)
    return body


def _text_for_output(kind: bytes, body: bytes, width: int, height: int, dropped: List[str]) -> Optional[bytes]:
    if body.startswith(b"Raw profile type"):
        dropped.append("PNG raw profile text chunk removed")
        return None
    text = _itxt_text(body) if kind == b"iTXt" else _latin_text(kind, body)
    if text is None:
        dropped.append(f"unreadable PNG {kind.decode()} chunk removed")
        return None
    if kind == b"iTXt" and body.startswith(XMP_KEYWORD + b"\0"):
        cleaned = xmp.for_copy(text, width, height, dropped)
        # uncompressed, no language
        return None if cleaned is None else XMP_KEYWORD + b"\0\0\0\0\0" + cleaned.encode("utf-8")
    if xmp.has_pictures(text):
        dropped.append(f"PNG {kind.decode()} chunk {_keyword(body)!r} removed (it holds a picture)")
        return None
    return body


def _keyword(body: bytes) -> str:
    return body.split(b"\0", 1)[0].decode("latin-1")


def _itxt_text(body: bytes) -> Optional[str]:
    """The text of an iTXt chunk: keyword, compression flag and method, language, translated
    keyword, then UTF-8 text (deflated when the flag is 1); None when malformed."""
    try:
        keyword_end = body.index(b"\0")
        compressed = body[keyword_end + 1]
        language_end = body.index(b"\0", keyword_end + 3)
        translated_end = body.index(b"\0", language_end + 1)
        text = body[translated_end + 1:]
        text = _inflate(text) if compressed else text
        return None if text is None else text.decode("utf-8", errors="replace")
    except (ValueError, IndexError):
        return None


def _latin_text(kind: bytes, body: bytes) -> Optional[str]:
    """The text of a tEXt or zTXt chunk (Latin-1; zTXt deflated after a method byte)."""
    keyword_end = body.find(b"\0")
    if keyword_end < 0:
        return None
    text = body[keyword_end + 1:]
    text = _inflate(text[1:]) if kind == b"zTXt" else text
    return None if text is None else text.decode("latin-1")


def _inflate(data: bytes, limit: int = MAX_TEXT) -> Optional[bytes]:
    """Inflated ``data``, or None when it is corrupt or inflates beyond ``limit`` bytes."""
    inflater = zlib.decompressobj()
    try:
        text = inflater.decompress(data, limit)
    except zlib.error:
        return None
    return None if inflater.unconsumed_tail else text


def _first(png: Png, kind: bytes) -> Optional[bytes]:
    return next((body for found, body in png.chunks if found == kind), None)


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
