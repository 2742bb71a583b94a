"""TIFF files: checking they are whole, reading their metadata, adding it to a new TIFF.

OpenCV writes the anonymized TIFF (LZW compressed); its first IFD is then rewritten with the
original's descriptive tags added: description, make, model, software, date, artist, copyright,
resolution, IPTC, Photoshop resources without thumbnails, XMP without pictures, the ICC profile
when it fits the written pixels, and the EXIF and GPS IFDs (:mod:`.exif`). Orientation is 1
(OpenCV applies a TIFF's orientation when it decodes). Only the first page is read and written,
so further pages and reduced-resolution copies (thumbnails) are gone; so are SubIFDs, maker
notes and private tags.

OpenCV's 8-bit TIFF reader returns colours multiplied by alpha (libtiff's RGBA interface), so an
8-bit RGBA copy is marked as having associated alpha, which is what its pixels then are; a 16-bit
one is read as stored and keeps the original's alpha kind.
"""
from . import Info, exif, icc, photoshop, tiff, xmp

WIDTH, HEIGHT, BITS_PER_SAMPLE, ORIENTATION, EXTRA_SAMPLES = 256, 257, 258, 274, 338
STRIPS, STRIP_BYTES, TILES, TILE_BYTES = 273, 279, 324, 325
XMP, IPTC, PHOTOSHOP, ICC = 700, 33723, 34377, 34675
EXIF_IFD, GPS_IFD = 34665, 34853
#: DocumentName, ImageDescription, Make, Model, X/YResolution, ResolutionUnit, Software,
#: DateTime, Artist, HostComputer, Copyright, IPTC
DESCRIPTIVE = {269, 270, 271, 272, 282, 283, 296, 305, 306, 315, 316, 33432, IPTC}
ASSOCIATED_ALPHA = 1


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


def with_metadata(encoded: bytes, source: bytes, width: int, height: int, channels: int) -> bytes:
    """``encoded`` (a TIFF from OpenCV) with the original's metadata in its first IFD."""
    header = tiff.read_header(source)
    original, _ = tiff.read_ifd(source, header.first_ifd, header)
    new_header = tiff.read_header(encoded)
    ifd, _ = tiff.read_ifd(encoded, new_header.first_ifd, new_header)
    ifd.update({tag: entry for tag, entry in original.items() if tag in DESCRIPTIVE and isinstance(entry, tiff.Entry)})
    ifd[ORIENTATION] = tiff.short(1, new_header.order)
    if channels == 4 and tiff.number(ifd, BITS_PER_SAMPLE) == 8:
        ifd[EXTRA_SAMPLES] = tiff.short(ASSOCIATED_ALPHA, new_header.order)
    elif channels == 4 and EXTRA_SAMPLES in original:
        ifd[EXTRA_SAMPLES] = original[EXTRA_SAMPLES]
    ifd.update(_cleaned(original, channels))
    ifd.update(_exif_ifds(source, width, height))
    return tiff.with_first_ifd(encoded, ifd)


def _cleaned(original: tiff.Ifd, channels: int) -> tiff.Ifd:
    """XMP, Photoshop resources and ICC profile, each only if safe to copy."""
    kept: tiff.Ifd = {}
    entry = original.get(XMP)
    if isinstance(entry, tiff.Entry):
        try:
            packet = xmp.without_pictures(xmp.text(entry.data)).encode("utf-8")
            kept[XMP] = tiff.Entry(entry.type, len(packet), packet, entry.order)
        except ValueError:
            pass
    entry = original.get(PHOTOSHOP)
    if isinstance(entry, tiff.Entry):
        try:
            resources = photoshop.without_previews(entry.data)
            kept[PHOTOSHOP] = tiff.Entry(entry.type, len(resources), resources, entry.order)
        except ValueError:
            pass
    entry = original.get(ICC)
    if isinstance(entry, tiff.Entry) and icc.fits(entry.data, channels):
        kept[ICC] = entry
    return kept


def _exif_ifds(source: bytes, width: int, height: int) -> tiff.Ifd:
    """The EXIF and GPS sub-IFDs as :mod:`.exif` rewrites them (no maker note)."""
    loaded = exif.load(source)
    block = exif.dump(exif.for_output(loaded, width, height, keep_ifd0=False)) if loaded else None
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
