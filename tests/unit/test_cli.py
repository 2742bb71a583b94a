"""The command line without QGIS (``python -m geoblur.core.cli``), run as a user runs it: a
subprocess on generated geotagged photos, its GeoPackages read back with OGR (issue: every
core, then a cluster, and resumable runs)."""
import math
import os
import signal
import subprocess
import sys

import cv2
import numpy as np
import pytest

import geoblur
from geoblur.tests.geotagged import FACE_IN_CROP, MESSI, face_photo, write_geotagged_jpeg

ogr = pytest.importorskip("osgeo.ogr")
osr = pytest.importorskip("osgeo.osr")
ogr.UseExceptions()
osr.UseExceptions()

#: the folder holding the ``geoblur`` package, for the command's process
PLUGINS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(geoblur.__file__)))
LAT, LON = 52.0, 5.0
HEADING = 90.0
FOCAL_35MM = 31  # 60.3° horizontal field of view: the face, 38 px right of centre, is ~16° right


def cli(*arguments, **popen):
    """``python -m geoblur.core.cli ARGUMENTS`` as a process."""
    command = [sys.executable, "-m", "geoblur.core.cli", *map(str, arguments)]
    env = dict(os.environ, PYTHONPATH=PLUGINS_DIR, PYTHONDONTWRITEBYTECODE="1")
    if popen:
        return subprocess.Popen(command, env=env, text=True, **popen)
    return subprocess.run(command, env=env, text=True, capture_output=True, timeout=120)


def rows(path):
    """(fid, attributes, geometry or None) of every feature of a GeoPackage's only layer, and
    the layer's CRS code."""
    dataset = ogr.Open(str(path))
    layer = dataset.GetLayer(0)
    found = []
    for feature in layer:
        geometry = feature.GetGeometryRef()
        found.append((feature.GetFID(), feature.items(), geometry.Clone() if geometry else None))
    srs = layer.GetSpatialRef()
    return found, srs.GetAuthorityCode(None) if srs else None


def utm_layer(path, folder, photos):
    """A GeoPackage point layer in UTM 31N with *relative* image paths and ``direction``, beside
    a table without geometries (as QGIS saves its ``layer_styles``)."""
    utm, wgs84 = osr.SpatialReference(), osr.SpatialReference()
    utm.ImportFromEPSG(32631)
    wgs84.ImportFromEPSG(4326)
    for srs in (utm, wgs84):
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_utm = osr.CoordinateTransformation(wgs84, utm)
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    dataset.CreateLayer("layer_styles", None, ogr.wkbNone)
    layer = dataset.CreateLayer("points", utm, ogr.wkbPoint)
    layer.CreateField(ogr.FieldDefn("photo", ogr.OFTString))
    layer.CreateField(ogr.FieldDefn("direction", ogr.OFTReal))
    cameras = []
    for photo, lat, lon, heading in photos:
        feature = ogr.Feature(layer.GetLayerDefn())
        feature["photo"] = os.path.relpath(photo, folder)
        if heading is not None:
            feature["direction"] = heading
        x, y, _ = to_utm.TransformPoint(lon, lat)
        point = ogr.Geometry(ogr.wkbPoint)
        point.AddPoint_2D(x, y)
        feature.SetGeometry(point)
        layer.CreateFeature(feature)
        cameras.append((x, y))
    dataset = None
    return cameras


def face_changed(source, output):
    before, after = cv2.imread(str(source)).astype(np.int16), cv2.imread(str(output)).astype(np.int16)
    x0, y0, x1, y1 = FACE_IN_CROP
    return np.abs(after[y0:y1, x0:x1] - before[y0:y1, x0:x1]).mean()


def best_by_image(detections):
    """The best-scoring detection of each source image (by file name)."""
    best = {}
    for fid, values, geometry in detections:
        name = os.path.basename(values["source_path"])
        if name not in best or values["score"] > best[name][1]["score"]:
            best[name] = (fid, values, geometry)
    return best


def test_a_layer_with_a_missing_photo_anonymizes_the_others_and_maps_their_faces(tmp_path):
    photos = tmp_path / "survey"
    ahead = write_geotagged_jpeg(str(photos / "ahead.jpg"), face_photo(), LAT, LON, HEADING, FOCAL_35MM)
    unknown = write_geotagged_jpeg(str(photos / "cam2" / "unknown.jpg"), face_photo(), LAT + 0.001, LON, None,
                                   FOCAL_35MM)
    cameras = utm_layer(tmp_path / "survey.gpkg", tmp_path,
                        [(ahead, LAT, LON, HEADING), (unknown, LAT + 0.001, LON, None),
                         (str(photos / "missing.jpg"), LAT + 0.002, LON, 10.0)])
    out = tmp_path / "out"

    done = cli(tmp_path / "survey.gpkg", "--output-folder", out, "--workers", 1)

    assert done.returncode == 1, done.stderr  # one image failed
    assert "1 failed" in done.stdout and str(out) in done.stdout
    assert sorted(os.path.relpath(os.path.join(d, n), out) for d, _, names in os.walk(out) for n in names
                  if ".geoblur" not in d) == ["survey/ahead.jpg", "survey/cam2/unknown.jpg"]
    assert face_changed(ahead, out / "survey" / "ahead.jpg") > 15
    assert face_changed(unknown, out / "survey" / "cam2" / "unknown.jpg") > 15
    # the images layer, beside (not inside) the output folder: every point, in the layer's CRS
    images, crs = rows(str(out) + ".images.gpkg")
    assert crs == "32631"
    assert [fid for fid, _, _ in images] == [1, 2, 3]
    assert [values["status"] for _, values, _ in images] == ["anonymized", "anonymized", "failed"]
    missing = images[2][1]
    assert missing["error"].startswith("Feature 3: ") and str(photos / "missing.jpg") in missing["error"]
    assert missing["output_path"] is None and missing["photo"] == "survey/missing.jpg"
    assert images[0][1]["output_path"] == str(out / "survey" / "ahead.jpg") and images[0][1]["device"] == "cpu"
    assert images[0][1]["method"] == "blur" and images[0][1]["mask_scale"] == pytest.approx(1.3)
    assert '"centerface"' in images[0][1]["models"] and images[0][1]["geoblur_version"]
    # the detections layer: the faces, as wedges from the camera or circles round it
    detections, crs = rows(str(out) + ".detections.gpkg")
    assert crs == "32631"
    assert sum(values["detections"] for _, values, _ in images) == len(detections)
    best = best_by_image(detections)
    assert set(best) == {"ahead.jpg", "unknown.jpg"}
    for _, values, _ in best.values():
        assert values["class"] == "face" and values["score"] > 0.5 and values["model"] == "centerface"
        box = (values["x_min"], values["y_min"], values["x_max"], values["y_max"])
        assert all(abs(a - b) < 8 for a, b in zip(box, FACE_IN_CROP)), box
    fid, wedge, geometry = best["ahead.jpg"]
    assert fid and wedge["image_fid"] == 1 and wedge["located"] == "wedge"
    assert abs(wedge["bearing"] - (HEADING + 16)) < 3
    ring = geometry.GetGeometryRef(0).GetPoints()
    camera = cameras[0]
    assert min(math.dist(p[:2], camera) for p in ring) < 0.01  # the wedge starts at the camera
    tip = max(ring, key=lambda p: math.dist(p[:2], camera))
    azimuth = math.degrees(math.atan2(tip[0] - camera[0], tip[1] - camera[1])) % 360
    assert abs(azimuth - wedge["bearing"]) < 10  # UTM grid north is within 2° of true north here
    _, circle, geometry = best["unknown.jpg"]
    assert circle["image_fid"] == 2 and circle["located"] == "camera" and circle["bearing"] is None
    centre = geometry.Centroid()
    assert math.dist((centre.GetX(), centre.GetY()), cameras[1]) < 0.05
    assert abs(geometry.GetArea() - math.pi) < 0.2  # a 1 m circle


def test_a_folder_of_geotagged_photos_then_a_rerun_that_skips_every_copy(tmp_path):
    photos = tmp_path / "photos"
    write_geotagged_jpeg(str(photos / "a.jpg"), face_photo(), 48.8566, 2.3522, 135.5, FOCAL_35MM)
    write_geotagged_jpeg(str(photos / "day2" / "b.JPG"), face_photo(), -33.8688, -151.2093, None, FOCAL_35MM)
    cv2.imwrite(str(photos / "day2" / "no_gps.jpg"), face_photo())
    (photos / "notes.txt").write_text("not a photo")
    out = tmp_path / "anonymized"

    first = cli(photos, "--output-folder", out, "--workers", 1, "--method", "fill")

    assert first.returncode == 0, first.stderr
    images, crs = rows(str(out) + ".images.gpkg")
    assert crs == "4326"
    by_name = {values["filename"]: (values, geometry) for _, values, geometry in images}
    assert sorted(by_name) == ["a.jpg", "b.JPG", "no_gps.jpg"]
    a, point = by_name["a.jpg"]
    assert (point.GetX(), point.GetY()) == (pytest.approx(2.3522, abs=1e-6), pytest.approx(48.8566, abs=1e-6))
    assert a["direction"] == pytest.approx(135.5) and a["photo"] == str(photos / "a.jpg")
    assert a["timestamp"] == "2024-05-17T10:30:00" and a["altitude"] == pytest.approx(12)
    b, point = by_name["b.JPG"]
    assert (point.GetX(), point.GetY()) == (pytest.approx(-151.2093, abs=1e-6), pytest.approx(-33.8688, abs=1e-6))
    assert b["direction"] is None
    no_gps, point = by_name["no_gps.jpg"]
    assert point is None and no_gps["status"] == "anonymized"  # anonymized all the same, not mapped
    assert {values["status"] for values, _ in by_name.values()} == {"anonymized"}
    assert (out / "day2" / "b.JPG").exists()
    detections, _ = rows(str(out) + ".detections.gpkg")
    assert best_by_image(detections)["a.jpg"][1]["located"] == "wedge"
    assert best_by_image(detections)["no_gps.jpg"][2] is None  # no camera, no geometry

    rerun = cli(photos, "--output-folder", out, "--workers", 1, "--method", "fill", "--quiet")

    assert rerun.returncode == 0, rerun.stderr
    assert "3 skipped" in rerun.stdout and rerun.stderr == ""
    again, _ = rows(str(out) + ".images.gpkg")
    assert [(v["status"], v["error"]) for _, v, _ in again] == [("skipped", "up to date")] * 3
    assert [v["detections"] for _, v, _ in again] == [v["detections"] for _, v, _ in images]
    redetected, _ = rows(str(out) + ".detections.gpkg")
    assert [v for _, v, _ in redetected] == [v for _, v, _ in detections]


def test_a_csv_of_lon_lat_and_relative_paths(tmp_path):
    write_geotagged_jpeg(str(tmp_path / "photos" / "a.jpg"), face_photo(), 0, 0, None, FOCAL_35MM)  # GPS unused
    (tmp_path / "points.csv").write_text(f"photo,lon,lat,direction\nphotos/a.jpg,{LON},{LAT},{HEADING}\n")
    out = tmp_path / "out"

    done = cli(tmp_path / "points.csv", "--output-folder", out, "--workers", 1, "--detections",
               tmp_path / "found.gpkg", "--images", tmp_path / "images.gpkg")

    assert done.returncode == 0, done.stderr
    assert (out / "photos" / "a.jpg").exists()
    images, crs = rows(tmp_path / "images.gpkg")
    assert crs == "4326" and images[0][1]["status"] == "anonymized" and images[0][1]["photo"] == "photos/a.jpg"
    assert (images[0][2].GetX(), images[0][2].GetY()) == (LON, LAT)
    detections, crs = rows(tmp_path / "found.gpkg")
    assert crs == "4326"
    _, best, geometry = best_by_image(detections)["a.jpg"]
    assert best["located"] == "wedge"  # the heading came from the CSV's direction column
    centre = geometry.Centroid()
    assert abs(centre.GetX() - LON) < 1e-4 and abs(centre.GetY() - LAT) < 1e-4  # metres from the camera


def test_two_worker_processes_find_what_one_finds(tmp_path):
    photos = tmp_path / "photos"
    for index in range(4):
        write_geotagged_jpeg(str(photos / f"{index}.jpg"), np.roll(face_photo(), 9 * index, axis=1),
                             LAT + index * 1e-4, LON, HEADING, FOCAL_35MM)

    def detections(workers):
        out = tmp_path / f"out{workers}"
        done = cli(photos, "--output-folder", out, "--workers", workers)
        assert done.returncode == 0, done.stderr
        found, _ = rows(str(out) + ".detections.gpkg")
        return [(v["image_fid"], v["class"], round(v["score"], 4), round(v["x_min"], 2), round(v["y_max"], 2),
                 round(v["bearing"], 3), g.ExportToWkt()) for _, v, g in found]

    one = detections(1)
    assert len({row[0] for row in one}) == 4
    assert detections(2) == one


def test_bad_usage_and_an_output_folder_among_the_originals_exit_with_2(tmp_path):
    photos = tmp_path / "photos"
    write_geotagged_jpeg(str(photos / "a.jpg"), face_photo(), LAT, LON)

    refused = cli(photos, "--output-folder", photos / "out")
    assert refused.returncode == 2 and "holds the images to anonymize" in refused.stderr
    assert not (photos / "out").exists() and not os.path.exists(str(photos / "out") + ".images.gpkg")
    assert cli(photos, "--output-folder", tmp_path / "out", "--mask-scale", "1.0").returncode == 2
    assert cli(tmp_path / "nothing.gpkg", "--output-folder", tmp_path / "out").returncode == 2


def test_ctrl_c_stops_the_run_and_lists_every_image(tmp_path):
    photos = tmp_path / "photos"
    messi = cv2.imread(MESSI)
    for index in range(4):
        write_geotagged_jpeg(str(photos / f"{index}.jpg"), messi, LAT + index * 1e-4, LON, HEADING)
    out = tmp_path / "out"
    process = cli(photos, "--output-folder", out, "--workers", 1, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    for line in process.stderr:
        if line.startswith("Anonymizing"):  # models loaded: the run starts
            process.send_signal(signal.SIGINT)
            break
    stdout, _ = process.communicate(timeout=120)

    assert process.returncode == 130
    assert stdout.startswith("Canceled: ")
    images, _ = rows(str(out) + ".images.gpkg")
    statuses = [values["status"] for _, values, _ in images]
    assert len(statuses) == 4 and "skipped" in statuses and set(statuses) <= {"anonymized", "skipped"}
