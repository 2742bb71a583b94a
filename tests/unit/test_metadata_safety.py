"""What the anonymized copy must not carry over (pictures, a stale orientation), what it says it
left out, and the mark by which GeoBlur knows its own copies."""
import re
import struct

import piexif
import pytest

from geoblur.core.imageio import read_image
from geoblur.core.version import VERSION

from .image_samples import (GPANO_XMP, XMP_ID, asymmetric, exif_block, itxt, jpeg_segments, jpeg_with, png_chunks,
                            png_with, segment, thumbnail_jpeg, tiff_with)
from .test_metadata import copy, copy_noting, photoshop_resource

PHOTOSHOP_ID = b"Photoshop 3.0\0"
CAPTION = b"\x1c\x02\x78\x00\x0aMarket day"  # IPTC 2:120, caption
RESOLUTION = struct.pack(">IHHIHH", 300 << 16, 1, 1, 300 << 16, 1, 1)  # ResolutionInfo: 300 dpi


def photoshop_resources(written: bytes, name: str) -> bytes:
    """The Photoshop resource blocks of a written JPEG (APP13) or TIFF (tag 34377)."""
    if name.endswith(".jpg"):
        return b"".join(p[len(PHOTOSHOP_ID):] for m, p in jpeg_segments(written) if m == 0xED)
    return bytes(piexif.load(written)["0th"].get(piexif.ImageIFD.ImageResources, ()))  # BYTEs, as numbers


def with_resources(pixels, resources: bytes, name: str) -> bytes:
    if name.endswith(".jpg"):
        return jpeg_with(pixels, segment(0xED, PHOTOSHOP_ID + resources))
    return tiff_with(pixels, {piexif.ImageIFD.ImageResources: resources})


@pytest.mark.parametrize("name", ["resources.jpg", "resources.tif"])
def test_only_photoshop_resources_that_cannot_hold_a_picture_are_copied(tmp_path, name):
    pixels = asymmetric()
    safe = photoshop_resource(1028, CAPTION) + photoshop_resource(1005, RESOLUTION)
    exif_with_thumbnail = photoshop_resource(1058, exif_block(pixels)[len(b"Exif\0\0"):])
    plug_in = photoshop_resource(4242, b"plug-in data " + thumbnail_jpeg(pixels))

    written, notes = copy_noting(tmp_path, name, with_resources(pixels, safe + exif_with_thumbnail + plug_in, name))

    assert photoshop_resources(written, name) == safe
    assert "Photoshop resources 1058, 4242 removed" in notes
    assert thumbnail_jpeg(pixels) not in written


def test_iptc_preview_is_removed_with_the_digest_it_makes_stale(tmp_path):
    thumb = thumbnail_jpeg(asymmetric())
    preview = b"\x1c\x02\xca" + struct.pack(">H", len(thumb)) + thumb  # IPTC 2:202, object preview data
    resources = photoshop_resource(1028, CAPTION + preview) + photoshop_resource(1061, b"\x5a" * 16)

    written, notes = copy_noting(tmp_path, "iptc.jpg", with_resources(asymmetric(), resources, ".jpg"))

    assert photoshop_resources(written, ".jpg") == photoshop_resource(1028, CAPTION)
    assert "IPTC datasets 2:202 removed" in notes and "Photoshop resources 1061 removed" in notes


def test_tiff_iptc_written_as_longs_keeps_its_bytes_across_byte_orders(tmp_path, monkeypatch):
    """Photoshop stores TIFF tag 33723 as LONGs; swapping them for the little-endian copy would
    scramble the captions."""
    monkeypatch.setitem(piexif.TAGS["Image"], 33723, {"name": "IPTCNAA", "type": piexif.TYPES.Long})
    padded = CAPTION + b"\0"
    source = tiff_with(asymmetric(), {33723: struct.unpack(">4I", padded)})
    assert source[:2] == b"MM"

    written = copy(tmp_path, "iptc.tif", source)

    longs = piexif.load(written)["0th"][33723]
    assert written[:2] == b"II" and struct.pack(f"<{len(longs)}I", *longs) == padded


LAYOUT = {"Orientation": 6, "ImageWidth": 80, "ImageLength": 48, "PixelXDimension": 80, "PixelYDimension": 48}
NAMESPACES = 'xmlns:tiff="http://ns.adobe.com/tiff/1.0/" xmlns:exif="http://ns.adobe.com/exif/1.0/"'


def layout_xmp(form: str) -> str:
    """XMP stating the stored (turned) layout of ``asymmetric()``, in attribute or element form."""
    prefixed = {("tiff:" if name.startswith("Image") or name == "Orientation" else "exif:") + name: value
                for name, value in LAYOUT.items()}
    if form == "attribute":
        properties = "".join(f' {name}="{value}"' for name, value in prefixed.items())
        description = f'<rdf:Description rdf:about="" {NAMESPACES}{properties}/>'
    else:
        properties = "".join(f"<{name}>{value}</{name}>" for name, value in prefixed.items())
        description = f'<rdf:Description rdf:about="" {NAMESPACES}>{properties}</rdf:Description>'
    return ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            + description + "</rdf:RDF></x:xmpmeta>")


def turned_with_xmp(name: str, packet: str) -> bytes:
    """``asymmetric()`` stored turned (orientation 6) with ``packet`` as its XMP."""
    stored = asymmetric()
    if name.endswith(".jpg"):
        return jpeg_with(stored, segment(0xE1, exif_block(stored, 6)), segment(0xE1, XMP_ID + packet.encode()))
    if name.endswith(".png"):
        return png_with(stored, (b"eXIf", exif_block(stored, 6, thumbnail=False)[len(b"Exif\0\0"):]),
                        itxt("XML:com.adobe.xmp", packet))
    return tiff_with(stored, {piexif.ImageIFD.Orientation: 6, piexif.ImageIFD.XMLPacket: packet.encode()})


@pytest.mark.parametrize("form", ["attribute", "element"])
@pytest.mark.parametrize("name", ["turned.jpg", "turned.png", "turned.tif"])
def test_xmp_says_the_copy_is_upright_and_its_written_size(tmp_path, name, form):
    copy(tmp_path, name, turned_with_xmp(name, layout_xmp(form)))

    again = read_image(str(tmp_path / "out" / name))
    height, width = again.pixels.shape[:2]
    assert (height, width) == (80, 48)

    def stated(name):
        return int(re.search(rf"{name}(?:=\"|>)(\d+)", again.xmp).group(1))

    assert stated("tiff:Orientation") == 1
    assert (stated("tiff:ImageWidth"), stated("tiff:ImageLength")) == (width, height)
    assert (stated("exif:PixelXDimension"), stated("exif:PixelYDimension")) == (width, height)


def test_png_notes_name_what_was_left_out(tmp_path):
    thumbnail_xmp = GPANO_XMP.replace("</rdf:RDF>", '<rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
                                      "<xmp:Thumbnails>/9j/" + "A" * 300 + "</xmp:Thumbnails></rdf:Description></rdf:RDF>")
    source = png_with(asymmetric(), (b"prVt", b"private data"), itxt("XML:com.adobe.xmp", thumbnail_xmp),
                      (b"tEXt", b"Comment\0/9j/" + b"B" * 300))

    _, notes = copy_noting(tmp_path, "notes.png", source)

    assert notes == ["XMP thumbnail removed", "PNG tEXt chunk 'Comment' removed (it holds a picture)",
                     "PNG chunks prVt not copied"]


@pytest.mark.parametrize("name", ["marked.jpg", "marked.png", "marked.tif"])
def test_a_copy_of_a_copy_carries_one_mark_of_this_version(tmp_path, name):
    pixels = asymmetric()
    source = {".jpg": lambda: jpeg_with(pixels, segment(0xFE, b"survey 2024")),
              ".png": lambda: png_with(pixels, (b"tEXt", b"Title\0Market square")),
              ".tif": lambda: tiff_with(pixels, {piexif.ImageIFD.Software: b"Scanner 2.0"})}[name[-4:]]()

    twice = copy(tmp_path / "out", name, copy(tmp_path, name, source))

    if name.endswith(".jpg"):
        comments = [p for m, p in jpeg_segments(twice) if m == 0xFE]
        assert comments == [b"survey 2024", f"GeoBlur anonymized copy {VERSION}".encode()]
    elif name.endswith(".png"):
        texts = [body for kind, body in png_chunks(twice) if kind == b"tEXt"]
        assert texts == [b"Title\0Market square", f"GeoBlur\0GeoBlur anonymized copy {VERSION}".encode()]
    else:
        assert piexif.load(twice)["0th"][piexif.ImageIFD.Software] == f"GeoBlur {VERSION} anonymized copy".encode()
