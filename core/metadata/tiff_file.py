"""TIFF files: checking they are whole, reading their metadata, adding it to a new TIFF.

OpenCV writes the anonymized TIFF (LZW compressed); its first IFD is then rewritten with the
original's descriptive tags added: description, make, model, date, artist, copyright,
resolution, IPTC without previews, Photoshop resources that cannot hold a picture, XMP without
pictures, the ICC profile when it fits the written pixels, and the EXIF and GPS IFDs
(:mod:`.exif`). Orientation is 1 (OpenCV applies a TIFF's orientation when it decodes).
Software is GeoBlur's mark (:data:`SOFTWARE`), by which GeoBlur later knows a file it wrote.
Only the first page is read and written, so further pages and reduced-resolution copies
(thumbnails) are gone; so are SubIFDs, maker notes and private tags. Everything left out is
named in the ``dropped`` notes.

OpenCV's 8-bit TIFF reader returns colours multiplied by alpha (libtiff's RGBA interface), so an
8-bit RGBA copy is marked as having associated alpha, which is what its pixels then are; a 16-bit
one is read as stored and keeps the original's alpha kind.
"""
from typing import BinaryIO, List

from ..version import VERSION
from . import Info, exif, icc, iptc, photoshop, tiff, xmp

WIDTH, HEIGHT, BITS_PER_SAMPLE, ORIENTATION, SOFTWARE_TAG, EXTRA_SAMPLES = 256, 257, 258, 274, 305, 338
STRIPS, STRIP_BYTES, TILES, TILE_BYTES = 273, 279, 324, 325
XMP, IPTC, PHOTOSHOP, ICC = 700, 33723, 34377, 34675
EXIF_IFD, GPS_IFD = 34665, 34853
#: tags copied apart from the descriptive ones, each as far as it is safe (Software is replaced
#: by GeoBlur's mark)
COPIED_APART = (XMP, IPTC, PHOTOSHOP, ICC, EXIF_IFD, GPS_IFD, SOFTWARE_TAG)
#: DocumentName, ImageDescription, Make, Model, X/YResolution, ResolutionUnit, DateTime,
#: Artist, HostComputer, Copyright
DESCRIPTIVE = {269, 270, 271, 272, 282, 283, 296, 306, 315, 316, 33432}
#: tags that describe how the pixels are stored, which the encoder writes anew: subfile type,
#: size, samples, compression, photometric, fill order, strips, orientation, planar config,
#: predictor, colour map, tiles, extra samples, sample format and range, JPEG and YCbCr
STRUCTURE = {254, 255, WIDTH, HEIGHT, BITS_PER_SAMPLE, 259, 262, 266, STRIPS, ORIENTATION, 277, 278,
             STRIP_BYTES, 280, 281, 284, 317, 320, 322, 323, TILES, TILE_BYTES, EXTRA_SAMPLES, 339, 340, 341,
             347, *range(512, 522), 529, 530, 531, 532}
ASSOCIATED_ALPHA = 1
BYTE, ASCII, UNDEFINED = 1, 2, 7
#: GeoBlur's Software tag in each anonymized copy, and how to recognise one of any version
SOFTWARE = f"GeoBlur {VERSION} anonymized copy"
MARK_START, MARK_END = b"GeoBlur ", b" anonymized copy"


def read_info(data: bytes) -> Info:
    """Size, XMP, EXIF and orientation of a TIFF whose first image's data is all there."""
    try:
        header = tiff.read_header(data)
        ifd, _ = tiff.read_ifd(data, header.first_ifd, header)
        width, height = tiff.number(ifd, WIDTH, 0), tiff.number(ifd, HEIGHT, 0)
    except ValueError as error:
        raise ValueError(f"the TIFF structure is corrupt ({error})") from None
    _check_complete(ifd, len(data))
    info = Info(width, height, exif=exif.load(data), orientation=tiff.number(ifd, ORIENTATION, 1))
    packet = ifd.get(XMP)
    if isinstance(packet, tiff.Entry):
        info.xmp = xmp.text(packet.data)
    return info


def with_metadata(encoded: bytes, source: bytes, width: int, height: int, channels: int,
                  dropped: List[str]) -> bytes:
    """``encoded`` (a TIFF from OpenCV) with the original's metadata and GeoBlur's mark in its
    first IFD; what was left out is noted in ``dropped``."""
    header = tiff.read_header(source)
    original, next_page = tiff.read_ifd(source, header.first_ifd, header)
    new_header = tiff.read_header(encoded)
    ifd, _ = tiff.read_ifd(encoded, new_header.first_ifd, new_header)
    if next_page:
        dropped.append("TIFF pages after the first removed")
    others = sorted(tag for tag in original if tag not in DESCRIPTIVE | STRUCTURE | set(COPIED_APART))
    if others:
        dropped.append("TIFF tags " + ", ".join(map(str, others)) + " not copied")
    ifd.update({tag: entry for tag, entry in original.items() if tag in DESCRIPTIVE and isinstance(entry, tiff.Entry)})
    ifd[ORIENTATION] = tiff.short(1, new_header.order)
    text = SOFTWARE.encode("ascii", errors="replace") + b"\0"
    ifd[SOFTWARE_TAG] = tiff.Entry(ASCII, len(text), text, new_header.order)
    if channels == 4 and tiff.number(ifd, BITS_PER_SAMPLE) == 8:
        ifd[EXTRA_SAMPLES] = tiff.short(ASSOCIATED_ALPHA, new_header.order)
    elif channels == 4 and EXTRA_SAMPLES in original:
        ifd[EXTRA_SAMPLES] = original[EXTRA_SAMPLES]
    ifd.update(_cleaned(original, width, height, channels, new_header.order, dropped))
    if EXIF_IFD in original or GPS_IFD in original:
        ifd.update(_exif_ifds(source, width, height, dropped))
    return tiff.with_first_ifd(encoded, ifd)


def carries_mark(stream: BinaryIO) -> bool:
    """True when the TIFF in ``stream`` has GeoBlur's Software tag in its first IFD (ValueError
    when its structure cannot be read)."""
    data = stream.read()
    header = tiff.read_header(data)
    ifd, _ = tiff.read_ifd(data, header.first_ifd, header)
    entry = ifd.get(SOFTWARE_TAG)
    return (isinstance(entry, tiff.Entry) and entry.data.startswith(MARK_START)
            and entry.data.rstrip(b"\0").endswith(MARK_END))


def _cleaned(original: tiff.Ifd, width: int, height: int, channels: int, order: str,
             dropped: List[str]) -> tiff.Ifd:
    """XMP, IPTC, Photoshop resources and ICC profile, each only as far as safe to copy."""
    kept: tiff.Ifd = {}
    entry = original.get(XMP)
    if isinstance(entry, tiff.Entry):
        packet = xmp.for_copy(xmp.text(entry.data), width, height, dropped)
        if packet is not None:
            kept[XMP] = _bytes_entry(entry.type, packet.encode("utf-8"), order)
    for tag, for_copy in ((IPTC, iptc.for_copy), (PHOTOSHOP, photoshop.for_copy)):
        entry = original.get(tag)
        if isinstance(entry, tiff.Entry):
            data = for_copy(entry.data, dropped)
            if data:
                kept[tag] = _bytes_entry(entry.type, data, order)
    entry = original.get(ICC)
    if isinstance(entry, tiff.Entry):
        if icc.fits(entry.data, channels):
            kept[ICC] = entry
        else:
            dropped.append(icc.NOT_FITTING)
    return kept


def _bytes_entry(kind: int, data: bytes, order: str) -> tiff.Entry:
    """A tag whose value is a byte string, kept as such in any byte order: Photoshop writes IPTC
    as LONGs, whose bytes must not be swapped (they are padded to whole LONGs instead)."""
    if kind == tiff.LONG:
        data += b"\0" * (-len(data) % 4)
        return tiff.Entry(kind, len(data) // 4, data, order)
    return tiff.Entry(kind if kind in (BYTE, UNDEFINED) else UNDEFINED, len(data), data, order)


def _exif_ifds(source: bytes, width: int, height: int, dropped: List[str]) -> tiff.Ifd:
    """The EXIF and GPS sub-IFDs as :mod:`.exif` rewrites them (no maker note)."""
    block = exif.for_copy(source, width, height, dropped, tiff_file=True)
    if block is None:
        return {}
    header = tiff.read_header(block)
    ifd, _ = tiff.read_ifd(block, header.first_ifd, header, follow_pointers=True)
    return {tag: value for tag, value in ifd.items() if tag in (EXIF_IFD, GPS_IFD)}


def _check_complete(ifd: tiff.Ifd, size: int) -> None:
    """ValueError unless every strip or tile of the first image lies inside the file."""
    offsets, counts = ifd.get(STRIPS), ifd.get(STRIP_BYTES)
    if offsets is None:
        offsets, counts = ifd.get(TILES), ifd.get(TILE_BYTES)
    if not isinstance(offsets, tiff.Entry) or not isinstance(counts, tiff.Entry):
        raise ValueError("the TIFF has no image data")
    if any(offset + count > size for offset, count in zip(offsets.values(), counts.values())):
        raise ValueError("the file is truncated (image data is missing from the end of the TIFF); "
                         "copy it again from its source")
