"""Hostile and odd input through ``qgis_process`` never breaks the promise (issue: touch only what
must be hidden, and no input that breaks the promise).

One layer lists a corpus made here: empty, truncated and non-image files with image names,
decompression bombs, CMYK, grey, 16-bit, palette and alpha images, all eight EXIF orientations,
files whose EXIF, XMP, Photoshop and MPF blocks hold the unblurred picture, odd paths (spaces,
non-ASCII, ``..``, NULL, empty, a folder, a link out of the base folder, one name in two
folders). For every feature: one status row, a failure that names the feature and the file, no
copy for a failed image, the original byte for byte as it was, no stray or temporary file, and
no face the face model can still find in any copy.
"""
import base64
import hashlib
import io
import os
import struct
import zlib

import cv2
import numpy as np
import piexif
import pytest
from PIL import Image
from qgis.core import NULL

from geoblur.core import obscure
from geoblur.core.imageio import read_image
from geoblur.core.pipeline import Anonymizer, Settings
from geoblur.tests.geotagged import face_photo
from geoblur.tests.layers import memory_layer, save_gpkg
from geoblur.tests.unit.image_samples import XMP_ID, exif_block, jpeg_with, segment, thumbnail_jpeg

from geoblur.tests.e2e.runner import qgis_process

pytestmark = pytest.mark.slow
FOUND = 0.3  # a face the model is this sure of counts as found
INVERSE = {  # stored pixels for each EXIF orientation, so that the viewer shows the upright face
    1: lambda p: p, 2: lambda p: p[:, ::-1], 3: lambda p: p[::-1, ::-1], 4: lambda p: p[::-1],
    5: lambda p: p.swapaxes(0, 1), 6: lambda p: np.rot90(p, 1), 7: lambda p: np.rot90(p, 2).swapaxes(0, 1),
    8: lambda p: np.rot90(p, -1),
}


def _encoded(bgr, extension=".jpg"):
    return cv2.imencode(extension, np.ascontiguousarray(bgr))[1].tobytes()


def _pil(image, kind, **options):
    stream = io.BytesIO()
    image.save(stream, kind, **options)
    return stream.getvalue()


def _png_bomb():
    """A valid PNG whose header claims 100000 × 100000 pixels, in a few hundred bytes."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b"")


def _jpeg_claiming(width, height):
    """A face JPEG whose frame header claims ``width`` × ``height``."""
    data = bytearray(_encoded(face_photo()))
    at = data.index(b"\xff\xc0") + 5
    data[at:at + 4] = struct.pack(">HH", height, width)
    return bytes(data)


def _with_previews():
    """A face JPEG whose metadata holds the unblurred picture four ways."""
    face = face_photo()
    thumb = thumbnail_jpeg(face)
    xmp = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           '<rdf:Description xmlns:GImage="http://ns.google.com/photos/1.0/image/" GImage:Data="'
           + base64.b64encode(thumb).decode() + '"/></rdf:RDF></x:xmpmeta>')
    resource = b"8BIM" + struct.pack(">H", 1036) + b"\0\0" + struct.pack(">I", 28 + len(thumb)) + b"\0" * 28 + thumb
    mpf = b"MPF\0" + thumb
    return jpeg_with(face, segment(0xE1, exif_block(face)), segment(0xE1, XMP_ID + xmp.encode()),
                     segment(0xED, b"Photoshop 3.0\0" + resource + b"\0" * (len(resource) & 1)), segment(0xE2, mpf))


def corpus(photos, outside):
    """(path value for the layer (None: NULL), expected status) for every case; the files are
    written here."""
    face = face_photo()
    files = {
        "zero.jpg": b"",
        "truncated.jpg": _encoded(face)[:1500],
        "notes.jpg": b"meeting notes, not a photo\n" * 20,
        "bomb.png": _png_bomb(),
        "huge panorama.jpg": _jpeg_claiming(40000, 20000),
        "cmyk.jpg": _pil(Image.fromarray(face[:, :, ::-1]).convert("CMYK"), "JPEG"),
        "grey.jpg": _encoded(cv2.cvtColor(face, cv2.COLOR_BGR2GRAY)),
        "deep.png": _encoded((face.astype(np.uint16) << 4) | 15, ".png"),
        "palette.png": _pil(Image.fromarray(face[:, :, ::-1]).convert("P", palette=Image.ADAPTIVE, colors=256), "PNG"),
        "alpha.png": _encoded(cv2.cvtColor(face, cv2.COLOR_BGR2BGRA), ".png"),
        "previews.jpg": _with_previews(),
        "dir ü/with space é.jpg": _encoded(face),
        "a/same.jpg": _encoded(face),
        "b/same.jpg": _encoded(cv2.flip(face, 1)),
    }
    for name, data in files.items():
        path = photos / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for orientation, turn in INVERSE.items():
        path = photos / f"orientation {orientation}.jpg"
        path.write_bytes(_encoded(turn(face)))
        piexif.insert(piexif.dump({"0th": {piexif.ImageIFD.Orientation: orientation}}), str(path))
        files[path.name] = path.read_bytes()
    (photos / "a folder.jpg").mkdir()
    (outside / "face.jpg").write_bytes(_encoded(face))
    os.symlink(outside / "face.jpg", photos / "link.jpg")
    failing = ["zero.jpg", "truncated.jpg", "notes.jpg", "bomb.png", "huge panorama.jpg", "cmyk.jpg",
               "a folder.jpg", "link.jpg", "../outside/face.jpg", None, ""]
    values = [name for name in files] + ["a folder.jpg", "link.jpg", "../outside/face.jpg", None, ""]
    return [(value, "failed" if value in failing else "anonymized") for value in values]


def _digest(folder):
    found = {}
    for root, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                with open(path, "rb") as stream:
                    found[path] = hashlib.sha256(stream.read()).hexdigest()
    return found


def test_a_hostile_corpus_never_breaks_the_promise(checkout_env, tmp_path):
    photos, outside, out = tmp_path / "photos", tmp_path / "outside", tmp_path / "out"
    outside.mkdir()
    cases = corpus(photos, outside)
    originals = _digest(tmp_path)
    layer = memory_layer([(5.0, 52.0, value, None) for value, _ in cases])
    save_gpkg(layer, tmp_path / "points.gpkg")
    code, report, log = qgis_process(
        checkout_env, "run", "geoblur:anonymizeimages", "--", f"INPUT={tmp_path / 'points.gpkg'}",
        f"BASE_FOLDER={photos}", "CLASSES=0", "METHOD=2", f"OUTPUT_FOLDER={out}",
        f"OUTPUT={tmp_path / 'detections.gpkg'}", f"OUTPUT_IMAGES={tmp_path / 'images.gpkg'}")
    assert code == 0, log[-3000:]
    from geoblur.tests.e2e.test_anonymize_qgis_process import features

    rows = features(tmp_path / "images.gpkg")
    assert len(rows) == len(cases)  # one status row per feature, in the layer's order
    written = []
    for row, (value, expected) in zip(rows, cases):
        assert row["status"] == expected, (value, row["error"])
        if expected == "failed":
            assert f"Feature {row.id()}" in row["error"], row["error"]
            if value:
                assert os.path.basename(value) in row["error"] or "folder" in row["error"], row["error"]
            assert row["output_path"] == NULL
        else:
            assert os.path.isfile(row["output_path"]) and row["output_path"].startswith(str(out))
            written.append((value, row["output_path"]))
    # originals byte for byte, nothing but the copies (and the run's ledger) in the output folder
    assert _digest(photos) == {p: d for p, d in originals.items() if p.startswith(str(photos))}
    copies = sorted(os.path.relpath(os.path.join(root, name), out) for root, folders, names in os.walk(out)
                    for name in names if ".geoblur" not in root)
    assert copies == sorted(os.path.relpath(path, out) for _, path in written)
    # no face left in any copy, though there is a clear one in each original (the model's own
    # threshold is low, for recall, and fires weakly on the edges of a fill: a face that can be
    # found is one it is sure of)
    detector = Anonymizer(Settings(classes=("face",), style=obscure.Style(method="fill"), device="cpu"))
    for value, path in written:
        assert max(d.score for d in detector.detect(read_image(str(photos / value)).rgb8())) > 0.5, value
        assert all(d.score < FOUND for d in detector.detect(read_image(path).rgb8())), value
        data = open(path, "rb").read()
        assert b"\xff\xd8\xff" not in data[3:], f"{value}: an embedded JPEG survived"
    # the previews were said to be removed
    notes = next(row["notes"] for row in rows if row["photo"] == "previews.jpg")
    for removed in ("EXIF thumbnail removed", "MPF previews (APP2) removed", "Photoshop resources 1036 removed"):
        assert removed in notes


def test_a_source_that_is_also_the_destination_is_refused_before_any_image(checkout_env, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    inside = out / "face.jpg"  # e.g. a copy of an earlier run listed again as a source
    inside.write_bytes(_encoded(face_photo()))
    before = _digest(tmp_path)
    save_gpkg(memory_layer([(5.0, 52.0, str(inside), None)]), tmp_path / "points.gpkg")
    code, report, log = qgis_process(
        checkout_env, "run", "geoblur:anonymizeimages", "--", f"INPUT={tmp_path / 'points.gpkg'}",
        f"OUTPUT_FOLDER={out}", "OUTPUT=TEMPORARY_OUTPUT", "OUTPUT_IMAGES=TEMPORARY_OUTPUT")
    assert code != 0 and f"The output folder {out} holds images to anonymize" in log
    assert _digest(tmp_path) == {**before, **{p: d for p, d in _digest(tmp_path).items() if p.endswith(".gpkg")}}
    assert sorted(os.listdir(out)) == ["face.jpg"]
