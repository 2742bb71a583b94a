"""Metadata kept with anonymized copies (GPS, time, camera, XMP, ICC) and pictures left out."""
import struct
import zlib

import cv2
import numpy as np
import piexif
import pytest

from geoblur.core.imageio import read_image, write_image

from .image_samples import (CAMERA, GPANO_XMP, GPS, TAKEN, asymmetric, exif_block, file_bytes, icc_profile,
                            icc_segments, itxt, jpeg_segments, jpeg_with, photo, png_chunk, png_chunks, png_with,
                            segment, thumbnail_jpeg, tiff_with, write, XMP_ID)

EXTENDED_ID = b"http://ns.adobe.com/xmp/extension/\0"


def copy(tmp_path, name: str, data: bytes) -> bytes:
    """Read ``data`` as a file and write its anonymized copy unchanged; the copy's bytes."""
    return copy_noting(tmp_path, name, data)[0]


def copy_noting(tmp_path, name: str, data: bytes):
    """As :func:`copy`; the copy's bytes and the notes on what was left out."""
    loaded = read_image(write(tmp_path / name, data))
    out = tmp_path / "out" / name
    notes = write_image(str(out), loaded.pixels, loaded)
    return file_bytes(out), notes


def assert_exif_kept_without_thumbnail(written: bytes):
    exif = piexif.load(written)
    assert exif["GPS"] == GPS
    assert {tag: exif["0th"][tag] for tag in CAMERA} == CAMERA
    assert exif["Exif"][piexif.ExifIFD.DateTimeOriginal] == TAKEN[piexif.ExifIFD.DateTimeOriginal]
    assert exif["Exif"][piexif.ExifIFD.FocalLengthIn35mmFilm] == 28
    assert piexif.ExifIFD.MakerNote not in exif["Exif"]  # may embed previews
    assert not exif["thumbnail"] and not exif["1st"]
    assert exif["0th"][piexif.ImageIFD.Orientation] == 1


def test_jpeg_keeps_exif_xmp_icc_and_comment_but_not_the_thumbnail(tmp_path):
    pixels = photo()
    profile = icc_profile(size=100_000)  # two APP2 segments
    source = jpeg_with(pixels, segment(0xE0, b"JFIF\0\x01\x02\x01\x01\x2c\x01\x2c\x02\x01" + b"\x80" * 6),
                       segment(0xE1, exif_block(pixels)), segment(0xE1, XMP_ID + GPANO_XMP.encode()),
                       icc_segments(profile), segment(0xFE, b"survey 2024, camera 3"))

    written, notes = copy_noting(tmp_path, "photo.jpg", source)

    assert notes == ["JFIF thumbnail removed", "EXIF thumbnail removed", "EXIF MakerNote removed"]
    assert_exif_kept_without_thumbnail(written)
    segments = jpeg_segments(written)
    exif_payload = next(p for m, p in segments if m == 0xE1 and p.startswith(b"Exif\0\0"))
    assert b"\xff\xd8" not in exif_payload  # no embedded JPEG left in APP1
    assert read_image(str(tmp_path / "out" / "photo.jpg")).xmp == GPANO_XMP
    assert b"".join(p[14:] for m, p in segments if m == 0xE2 and p.startswith(b"ICC_PROFILE\0")) == profile
    assert (0xFE, b"survey 2024, camera 3") in segments
    jfif = next(p for m, p in segments if m == 0xE0)
    assert jfif == b"JFIF\0\x01\x02\x01\x01\x2c\x01\x2c\0\0"  # 300 dpi kept, 2x1 thumbnail gone
    assert segments[0] == (0xE0, jfif)


def photoshop_resource(resource: int, data: bytes) -> bytes:
    """An 8BIM block: signature, id, empty name (padded), size, data (padded to even)."""
    padding = b"\0" * (len(data) & 1)
    return b"8BIM" + struct.pack(">H", resource) + b"\0\0" + struct.pack(">I", len(data)) + data + padding


def test_jpeg_previews_hidden_elsewhere_are_left_out(tmp_path):
    pixels = asymmetric()
    thumb = thumbnail_jpeg(pixels)
    iptc = b"\x1c\x02\x78\x00\x0aMarket day"  # caption
    photoshop = b"Photoshop 3.0\0" + photoshop_resource(1028, iptc) + photoshop_resource(1036, b"\0" * 28 + thumb)
    xmp_with_thumbnail = GPANO_XMP.replace(
        "</rdf:RDF>",
        '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
        'xmlns:xmpGImg="http://ns.adobe.com/xap/1.0/g/img/" xmlns:xmpNote="http://ns.adobe.com/xmp/note/" '
        'xmpNote:HasExtendedXMP="0123456789ABCDEF0123456789ABCDEF" xmp:Rating="4">'
        '<xmp:Thumbnails><rdf:Alt><rdf:li xmpGImg:format="JPEG" xmpGImg:image="/9j/4AAQSkZJRgABAQ'
        + "A" * 300 + '"/></rdf:Alt></xmp:Thumbnails></rdf:Description></rdf:RDF>')
    depth = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
             '<rdf:Description xmlns:GImage="http://ns.google.com/photos/1.0/image/" GImage:Mime="image/jpeg" '
             'GImage:Data="/9j/' + "B" * 400 + '"/></rdf:RDF></x:xmpmeta>').encode()
    extended = EXTENDED_ID + b"0123456789ABCDEF0123456789ABCDEF" + struct.pack(">II", len(depth), 0) + depth
    mpf = b"MPF\0II*\0" + b"\0" * 40
    source = jpeg_with(pixels, segment(0xE1, exif_block(pixels)), segment(0xE1, XMP_ID + xmp_with_thumbnail.encode()),
                       segment(0xE1, extended), segment(0xE2, mpf), segment(0xED, photoshop),
                       segment(0xEE, b"Adobe\0\x64\0\0\0\0\0"), segment(0xE5, b"VENDOR" + thumb))

    written, notes = copy_noting(tmp_path, "previews.jpg", source)

    assert set(notes) == {"MPF previews (APP2) removed", "APP14 Adobe segment not copied",
                          "unknown APP5 segment removed", "EXIF thumbnail removed", "EXIF MakerNote removed",
                          "XMP thumbnail removed", "extended XMP removed (it holds a picture)",
                          "Photoshop resources 1036 removed"}
    segments = jpeg_segments(written)
    assert {m for m, _ in segments if 0xE0 <= m <= 0xEF} == {0xE0, 0xE1, 0xED}
    assert not any(p.startswith(EXTENDED_ID) for _, p in segments)
    xmp = read_image(str(tmp_path / "out" / "previews.jpg")).xmp
    assert 'xmp:Rating="4"' in xmp and 'GPano:PoseHeadingDegrees="42.5"' in xmp
    assert "Thumbnails" not in xmp and "/9j/" not in xmp and "HasExtendedXMP" not in xmp
    resources = next(p for m, p in segments if m == 0xED)
    assert iptc in resources and thumb not in resources
    assert thumb not in written and b"\xff\xd8\xff" not in written[2:]


def test_unparseable_exif_is_dropped_not_copied(tmp_path):
    pixels = asymmetric()
    broken = b"Exif\0\0II*\0\x08\0\0\0\x05\0" + b"\xff" * 20 + thumbnail_jpeg(pixels)
    written, notes = copy_noting(tmp_path, "broken.jpg", jpeg_with(pixels, segment(0xE1, broken)))
    assert notes == ["unparseable EXIF removed"]
    assert not any(p.startswith(b"Exif") for _, p in jpeg_segments(written))
    assert b"\xff\xd8\xff" not in written[2:]


def test_png_keeps_text_xmp_icc_and_exif_without_thumbnail(tmp_path):
    grey = asymmetric(channels=1)
    profile = icc_profile(b"GRAY")
    eXIf = exif_block(grey, orientation=8)[len(b"Exif\0\0"):]
    density = b"\0\0\x0b\x13\0\0\x0b\x13\x01"  # 2835 px/m, 72 dpi
    source = png_with(grey, (b"iCCP", b"scanner\0\0" + zlib.compress(profile)), (b"pHYs", density),
                      (b"tEXt", b"Title\0Market square"), itxt("XML:com.adobe.xmp", GPANO_XMP), (b"eXIf", eXIf),
                      (b"zTXt", b"Raw profile type exif\0\0" + zlib.compress(eXIf.hex().encode())))

    written, notes = copy_noting(tmp_path, "grey.png", source)

    chunks = png_chunks(written)
    kinds = [kind for kind, _ in chunks]
    assert kinds.index(b"IHDR") == 0 and kinds[-1] == b"IEND"
    assert max(kinds.index(k) for k in (b"iCCP", b"pHYs", b"tEXt", b"iTXt", b"eXIf")) < kinds.index(b"IDAT")
    assert zlib.decompress(dict(chunks)[b"iCCP"][len(b"scanner\0\0"):]) == profile
    assert (b"tEXt", b"Title\0Market square") in chunks and (b"pHYs", density) in chunks
    assert b"zTXt" not in kinds  # ImageMagick's hex dump of EXIF could hold the thumbnail
    assert notes == ["EXIF thumbnail removed", "EXIF MakerNote removed", "PNG raw profile text chunk removed"]
    assert_exif_kept_without_thumbnail(b"Exif\0\0" + dict(chunks)[b"eXIf"])
    again = read_image(str(tmp_path / "out" / "grey.png"))
    assert again.xmp == GPANO_XMP and again.orientation == 1
    assert again.pixels.shape == grey.shape[::-1]  # turned upright (orientation 8) and stored so


def test_icc_profile_that_no_longer_fits_is_dropped(tmp_path):
    """A grey+alpha PNG is decoded (and written) as BGRA, for which a grey profile is wrong."""
    grey_alpha = png_with(asymmetric(channels=1), (b"iCCP", b"grey\0\0" + zlib.compress(icc_profile(b"GRAY"))))
    chunks = png_chunks(grey_alpha)
    header = bytearray(dict(chunks)[b"IHDR"])
    header[9] = 4  # colour type grey + alpha: rebuild the image data with an alpha byte per pixel
    rows = cv2.imdecode(np.frombuffer(grey_alpha, np.uint8), cv2.IMREAD_UNCHANGED)
    scanlines = b"".join(b"\0" + bytes(v for value in row for v in (value, 200)) for row in rows)
    source = (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", bytes(header)) + png_chunk(b"iCCP", dict(chunks)[b"iCCP"])
              + png_chunk(b"IDAT", zlib.compress(scanlines)) + png_chunk(b"IEND", b""))
    written, notes = copy_noting(tmp_path, "grey-alpha.png", source)
    assert notes == ["ICC profile removed (it does not describe the written pixels)"]
    assert read_image(str(tmp_path / "out" / "grey-alpha.png")).pixels.shape[2] == 4
    assert b"iCCP" not in [kind for kind, _ in png_chunks(written)]


def test_tiff_keeps_exif_gps_xmp_icc_and_drops_the_thumbnail_page(tmp_path):
    pixels = asymmetric()
    profile = icc_profile()
    source = tiff_with(pixels, {**CAMERA, piexif.ImageIFD.Orientation: 6, piexif.ImageIFD.XMLPacket: GPANO_XMP.encode(),
                                piexif.ImageIFD.InterColorProfile: profile},
                       exif=dict(TAKEN), gps=dict(GPS), thumbnail=thumbnail_jpeg(pixels))
    assert source[:2] == b"MM"  # big-endian in, OpenCV writes little-endian

    written, notes = copy_noting(tmp_path, "scan.tif", source)

    assert notes == ["TIFF pages after the first removed", "EXIF MakerNote removed"]
    assert written[:2] == b"II"
    assert_exif_kept_without_thumbnail(written)
    exif = piexif.load(written)
    assert exif["0th"][piexif.ImageIFD.InterColorProfile] == profile
    again = read_image(str(tmp_path / "out" / "scan.tif"))
    assert again.xmp == GPANO_XMP and again.orientation == 1
    assert again.pixels.shape == (80, 48, 3)


def test_pipeline_reads_focal_length_and_gpano_from_loaded_image(tmp_path):
    pixels = asymmetric()
    loaded = read_image(write(tmp_path / "p.jpg", jpeg_with(pixels, segment(0xE1, exif_block(pixels)),
                                                             segment(0xE1, XMP_ID + GPANO_XMP.encode()))))
    assert loaded.exif["Exif"][piexif.ExifIFD.FocalLengthIn35mmFilm] == 28
    assert 'GPano:ProjectionType="equirectangular"' in loaded.xmp


@pytest.mark.parametrize("name", ["p.jpg", "p.png", "p.tif"])
def test_files_without_metadata_round_trip(tmp_path, name):
    pixels = asymmetric()
    written, notes = copy_noting(tmp_path, name, cv2.imencode(name[-4:], pixels)[1].tobytes())
    assert notes == []  # nothing was there to leave out
    again = read_image(str(tmp_path / "out" / name))
    assert again.exif.get("GPS", {}) == {} and again.xmp == ""
    assert again.pixels.shape == pixels.shape
    assert written[:4] == {"p.jpg": b"\xff\xd8\xff\xe0", "p.png": b"\x89PNG", "p.tif": b"II*\0"}[name]
