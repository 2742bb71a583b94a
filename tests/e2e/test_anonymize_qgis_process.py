"""geoblur:anonymizeimages end to end through ``qgis_process``: on a generated layer of photos and
one of a 360° panorama with GPano metadata, inside the saved graphical model that starts from
``native:importphotos``, from the packaged zip, and without its Python dependencies. Every run uses ``--json`` and parses it, so a stray print from
the plugin fails these tests."""
import math
import os
import shutil
import subprocess
import zipfile

import cv2
import numpy as np
import piexif
import pytest
from qgis.core import NULL, QgsDistanceArea, QgsPointXY, QgsVectorLayer

from geoblur.tests.geotagged import FACE_IN_CROP, face_photo, gps_exif, write_geotagged_jpeg
from geoblur.tests.layers import memory_layer, save_gpkg, tree
from geoblur.tests.panoramas import gpano_xmp, project
from geoblur.tests.unit.image_samples import XMP_ID, jpeg_with, segment

from geoblur.tests.e2e.runner import ROOT, qgis_process, qgis_process_env

pytestmark = pytest.mark.slow
MODEL = os.path.join(ROOT, "tests", "data", "importphotos_anonymize.model3")
PINNED = "onnxruntime==1.32.0 opencv-python-headless==4.10.0.84 piexif==1.1.3"


def features(path):
    layer = QgsVectorLayer(str(path), "read back")
    assert layer.isValid(), path
    return list(layer.getFeatures())


def best(detections, name):
    return max((f for f in detections if os.path.basename(f["source_path"]) == name), key=lambda f: f["score"])


def face_centre(path):
    x0, y0, x1, y1 = FACE_IN_CROP
    return cv2.imread(str(path))[(y0 + y1) // 2 - 4:(y0 + y1) // 2 + 4, (x0 + x1) // 2 - 4:(x0 + x1) // 2 + 4]


def test_qgis_process_anonymizes_a_layer_and_reports_json(checkout_env, tmp_path):
    photos = tmp_path / "photos"
    write_geotagged_jpeg(str(photos / "a.jpg"), face_photo(), 52.0, 5.0, 90, 31)
    write_geotagged_jpeg(str(photos / "b.jpg"), cv2.flip(face_photo(), 1), 52.001, 5.0, None, 31)
    layer = save_gpkg(memory_layer([(5.0, 52.0, "photos/a.jpg", 90.0), (5.0, 52.001, "photos/b.jpg", None),
                                    (5.0, 52.002, "photos/missing.jpg", None)]), tmp_path / "points.gpkg")
    assert layer.isValid()
    out = tmp_path / "out"
    code, report, log = qgis_process(
        checkout_env, "run", "geoblur:anonymizeimages", "--",
        f"INPUT={tmp_path / 'points.gpkg'}", "CLASSES=0", "METHOD=2", f"OUTPUT_FOLDER={out}",
        f"OUTPUT={tmp_path / 'detections.gpkg'}", f"OUTPUT_IMAGES={tmp_path / 'images.gpkg'}")
    assert code == 0, log[-3000:]
    results = report["results"]
    assert (results["IMAGES_ANONYMIZED"], results["IMAGES_FAILED"]) == (2, 1)
    assert results["OUTPUT_FOLDER"] == str(out) and tree(out) == ["photos/a.jpg", "photos/b.jpg"]
    detections = features(tmp_path / "detections.gpkg")
    assert len(detections) == results["DETECTIONS"] >= 2
    ahead, unknown = best(detections, "a.jpg"), best(detections, "b.jpg")
    assert ahead["class"] == unknown["class"] == "face"
    assert ahead["located"] == "wedge" and abs(ahead["bearing"] - 106) < 3
    assert unknown["located"] == "camera" and unknown["bearing"] == NULL
    assert face_centre(out / "photos" / "a.jpg").max() < 30  # solid black fill over the face
    images = {f["photo"]: f for f in features(tmp_path / "images.gpkg")}
    assert images["photos/missing.jpg"]["status"] == "failed"
    assert "Feature 3" in images["photos/missing.jpg"]["error"] and "missing.jpg" in images["photos/missing.jpg"]["error"]
    assert any("2 images anonymized, 1 failed" in line for line in report["log"]["info"])

    # the same run again (a resumed campaign): the two copies are up to date and skipped, the
    # GeoPackages still list every image and every detection; OVERWRITE redoes them
    again = [f"INPUT={tmp_path / 'points.gpkg'}", "CLASSES=0", "METHOD=2", f"OUTPUT_FOLDER={out}",
             f"OUTPUT={tmp_path / 'detections2.gpkg'}", f"OUTPUT_IMAGES={tmp_path / 'images2.gpkg'}"]
    code, report, log = qgis_process(checkout_env, "run", "geoblur:anonymizeimages", "--", *again)
    assert code == 0, log[-3000:]
    resumed = report["results"]
    assert (resumed["IMAGES_ANONYMIZED"], resumed["IMAGES_SKIPPED"], resumed["IMAGES_FAILED"]) == (0, 2, 1)
    assert len(features(tmp_path / "detections2.gpkg")) == results["DETECTIONS"]
    rows = {f["photo"]: f for f in features(tmp_path / "images2.gpkg")}
    assert [(rows[p]["status"], rows[p]["error"]) for p in ("photos/a.jpg", "photos/b.jpg")] == [("skipped", "up to date")] * 2
    code, report, log = qgis_process(checkout_env, "run", "geoblur:anonymizeimages", "--", *again, "OVERWRITE=true",
                                     "WORKERS=2")
    assert code == 0 and report["results"]["IMAGES_ANONYMIZED"] == 2, log[-3000:]


def test_qgis_process_anonymizes_a_gpano_panorama_and_maps_the_face_at_its_bearing(checkout_env, tmp_path):
    width, height = 2048, 1024
    # the face looks out 40° right of the panorama's centre, 5° below the horizon; GPano says
    # the centre faces 100°, the layer's heading field (5°) must give way to it
    pano, face = project(face_photo()[:, :, ::-1], FACE_IN_CROP, 40, -5, width / (2 * math.pi), width, height)
    source = tmp_path / "panos" / "pano.jpg"
    source.parent.mkdir()
    source.write_bytes(jpeg_with(pano, segment(0xE1, gps_exif(52.0, 5.0)),
                                 segment(0xE1, XMP_ID + gpano_xmp(100).encode()), quality=95))
    save_gpkg(memory_layer([(5.0, 52.0, "panos/pano.jpg", 5.0)]), tmp_path / "panos.gpkg")
    out = tmp_path / "out"
    code, report, log = qgis_process(
        checkout_env, "run", "geoblur:anonymizeimages", "--",
        f"INPUT={tmp_path / 'panos.gpkg'}", "CLASSES=0", "METHOD=2", "IMAGE_TYPE=0", "HEADING_FIELD=direction",
        f"OUTPUT_FOLDER={out}", f"OUTPUT={tmp_path / 'detections.gpkg'}", "OUTPUT_IMAGES=TEMPORARY_OUTPUT")
    assert code == 0, log[-3000:]
    assert report["results"]["IMAGES_ANONYMIZED"] == 1
    written = (out / "panos" / "pano.jpg").read_bytes()
    assert b'GPano:ProjectionType="equirectangular"' in written and b'PoseHeadingDegrees="100"' in written
    assert piexif.load(written)["GPS"][piexif.GPSIFD.GPSLatitude] == piexif.load(str(source))["GPS"][piexif.GPSIFD.GPSLatitude]
    anonymized = cv2.imread(str(out / "panos" / "pano.jpg"))
    assert (anonymized[face].max(axis=1) < 40).mean() > 0.97  # black over the face, in place
    detection = best(features(tmp_path / "detections.gpkg"), "pano.jpg")
    assert detection["class"] == "face" and detection["located"] == "estimate"
    assert abs(detection["bearing"] - 140) < 3
    assert 0.5 < detection["distance_m"] < 5  # a ~6° face: an arm's length or two away
    # the footprint lies at that bearing and distance from the camera
    ellipsoid = QgsDistanceArea()
    ellipsoid.setEllipsoid("WGS84")
    where = detection.geometry().centroid().asPoint()
    camera = QgsPointXY(5.0, 52.0)
    assert abs(math.degrees(ellipsoid.bearing(camera, where)) % 360 - 140) < 3
    assert ellipsoid.measureLine(camera, where) == pytest.approx(detection["distance_m"], rel=0.2)


def test_the_graphical_model_imports_photos_and_anonymizes_them(checkout_env, tmp_path):
    photos = tmp_path / "photos"
    write_geotagged_jpeg(str(photos / "north.jpg"), face_photo(), 52.0, 5.0, 90, 31)  # GPSImgDirection 90°
    write_geotagged_jpeg(str(photos / "day2" / "north.jpg"), face_photo(), 52.001, 5.001, None, 31)
    out = tmp_path / "out"
    code, report, log = qgis_process(
        checkout_env, "run", MODEL, "--", f"photos={photos}", f"anonymize:anonymized={out}",
        f"anonymize:detections={tmp_path / 'detections.gpkg'}", f"anonymize:images={tmp_path / 'images.gpkg'}")
    assert code == 0, log[-3000:]
    assert report["results"]["anonymize:anonymized"] == str(out)
    assert tree(out) == ["day2/north.jpg", "north.jpg"]  # same names, no collision
    detections = features(tmp_path / "detections.gpkg")
    with_direction = max((f for f in detections if f["source_path"] == str(photos / "north.jpg")),
                         key=lambda f: f["score"])
    assert with_direction["located"] == "wedge" and abs(with_direction["bearing"] - 106) < 3
    without = max((f for f in detections if "day2" in f["source_path"]), key=lambda f: f["score"])
    assert without["located"] == "camera"
    images = features(tmp_path / "images.gpkg")
    assert sorted(f["status"] for f in images) == ["anonymized", "anonymized"]
    assert {"photo", "direction", "output_path", "status"} <= set(images[0].fields().names())
    original = cv2.imread(str(photos / "north.jpg")).astype(int)
    assert np.abs(cv2.imread(str(out / "north.jpg")).astype(int) - original)[49:93, 103:138].mean() > 15


def test_without_its_python_packages_the_plugin_loads_and_refuses_with_the_install_command(tmp_path):
    env = qgis_process_env(tmp_path, ROOT, with_packages=False)
    probe = subprocess.run(["/usr/bin/python3", "-c", "import cv2"], capture_output=True)  # Debian QGIS's Python
    if probe.returncode == 0:
        pytest.skip("QGIS's own Python has OpenCV installed: nothing is missing to refuse for")
    code, listing, log = qgis_process(env, "list")
    assert code == 0, log[-2000:]
    assert "geoblur:anonymizeimages" in {a for p in listing["providers"].values() for a in p["algorithms"]}
    write_geotagged_jpeg(str(tmp_path / "a.jpg"), face_photo(), 52.0, 5.0)
    save_gpkg(memory_layer([(5.0, 52.0, str(tmp_path / "a.jpg"), None)]), tmp_path / "points.gpkg")
    code, _, log = qgis_process(env, "run", "geoblur:anonymizeimages", "--", f"INPUT={tmp_path / 'points.gpkg'}",
                                f"OUTPUT_FOLDER={tmp_path / 'out'}", f"OUTPUT={tmp_path / 'd.gpkg'}",
                                f"OUTPUT_IMAGES={tmp_path / 'i.gpkg'}")
    assert code != 0
    line = next(line for line in log.splitlines() if " -m pip install " in line and line.endswith(PINNED))
    python, options = line[:-len(PINNED)].split(" -m pip install")
    managed = subprocess.run([python, "-c", "import os, sysconfig; print(os.path.exists(os.path.join("
                              "sysconfig.get_path('stdlib'), 'EXTERNALLY-MANAGED')))"], capture_output=True, text=True)
    if managed.stdout.strip() == "True":  # Debian 12 (PEP 668) refuses a plain pip install
        assert options.split() == ["--user", "--break-system-packages"]
    # the command names the Python QGIS runs on (not PATH's python3): it can import QGIS
    assert subprocess.run([python, "-c", "import qgis.core"], capture_output=True).returncode == 0
    assert not (tmp_path / "out").exists() or tree(tmp_path / "out") == []


def test_the_packaged_zip_installs_into_a_fresh_profile_and_runs(tmp_path):
    built = subprocess.run(["make", "-s", "package", f"PACKAGE_DIR={tmp_path / 'dist'}"], cwd=ROOT,
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    zip_path = tmp_path / "dist" / "geoblur.zip"
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "installed")
    assert "geoblur/models/centerface.onnx" in names and "geoblur/models/manifest.json" in names
    assert {"geoblur/requirements.txt", "geoblur/LICENSE", "geoblur/metadata.txt"} <= set(names)
    assert not [n for n in names if n.startswith(("geoblur/tests/", "geoblur/scripts/", "geoblur/bench/"))]
    env = qgis_process_env(tmp_path / "profile", str(tmp_path / "installed" / "geoblur"))
    write_geotagged_jpeg(str(tmp_path / "photos" / "a.jpg"), face_photo(), 52.0, 5.0, 90, 31)
    save_gpkg(memory_layer([(5.0, 52.0, "photos/a.jpg", 90.0)]), tmp_path / "points.gpkg")
    code, report, log = qgis_process(
        env, "run", "geoblur:anonymizeimages", "--", f"INPUT={tmp_path / 'points.gpkg'}",
        f"OUTPUT_FOLDER={tmp_path / 'out'}", f"OUTPUT={tmp_path / 'd.gpkg'}", f"OUTPUT_IMAGES={tmp_path / 'i.gpkg'}")
    assert code == 0, log[-3000:]
    assert report["results"]["IMAGES_ANONYMIZED"] == 1 and tree(tmp_path / "out") == ["photos/a.jpg"]
    shutil.rmtree(tmp_path / "installed")  # ~25 MB of models
