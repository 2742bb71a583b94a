"""geoblur:anonymizeimages in-process, through processing.run, on layers of generated geotagged
photos with a real face (a crop of messi5.jpg); outputs read back through QGIS/OGR."""
import hashlib
import json
import math
import os

import cv2
import numpy as np
import piexif
import pytest
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    NULL,
    QgsPointXY,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from geoblur.core.models import default_model_for, load_manifest
from geoblur.core.version import VERSION
from geoblur.tests.geotagged import FACE_IN_CROP, face_photo, write_geotagged_jpeg

from geoblur.tests.layers import memory_layer, save_gpkg, tree

ALG = "geoblur:anonymizeimages"
LAT, LON = 52.0, 5.0
HEADING = 90.0
FOCAL_35MM = 31  # 60.3° horizontal field of view: the face, 38 px right of centre, is ~16° right
DETECTION_FIELDS = ["image_fid", "source_path", "output_path", "class", "score", "x_min", "y_min", "x_max",
                    "y_max", "image_width", "image_height", "model", "bearing", "distance_m", "located",
                    "projection", "heading", "horizontal_fov", "method", "mask_scale", "origin", "decision"]


def run(parameters, feedback=None, context=None):
    import processing  # importable once the qgis_processing fixture has set Processing up

    parameters = dict({"OUTPUT": "TEMPORARY_OUTPUT", "OUTPUT_IMAGES": "TEMPORARY_OUTPUT", "WORKERS": 1}, **parameters)
    return processing.run(ALG, parameters, feedback=feedback or QgsProcessingFeedback(), context=context)


def rows(layer):
    """The features of ``layer`` as dicts, NULL as None."""
    def value(v):
        return None if isinstance(v, QVariant) and v.isNull() else v

    return [dict(zip(layer.fields().names(), map(value, f.attributes()))) for f in layer.getFeatures()]


def sha(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def face_changed(source, output):
    """Mean absolute change of the pixels over the face."""
    before, after = cv2.imread(source).astype(np.int16), cv2.imread(output).astype(np.int16)
    x0, y0, x1, y1 = FACE_IN_CROP
    return np.abs(after[y0:y1, x0:x1] - before[y0:y1, x0:x1]).mean()


def utm_layer(path, folder, photos):
    """A GeoPackage point layer in UTM 31N with *relative* image paths (the layer's folder is
    the base folder) and the camera heading in ``direction``."""
    to_utm = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"),
                                    QgsCoordinateReferenceSystem("EPSG:32631"), QgsCoordinateTransformContext())
    layer = memory_layer(
        [(*_xy(to_utm.transform(QgsPointXY(lon, lat))), os.path.relpath(photo, folder), heading)
         for photo, lat, lon, heading in photos], crs="EPSG:32631")
    return save_gpkg(layer, path)


def _xy(point):
    return point.x(), point.y()


def test_faces_are_obscured_and_mapped_as_wedges_from_the_camera(plugin, tmp_path):
    photos = tmp_path / "survey"
    ahead = write_geotagged_jpeg(str(photos / "ahead.jpg"), face_photo(), LAT, LON, HEADING, FOCAL_35MM)
    unknown = write_geotagged_jpeg(str(photos / "unknown.jpg"), face_photo(), LAT + 0.001, LON, None, FOCAL_35MM)
    originals = {ahead: sha(ahead), unknown: sha(unknown)}
    layer = utm_layer(str(tmp_path / "survey.gpkg"), str(tmp_path),
                      [(ahead, LAT, LON, HEADING), (unknown, LAT + 0.001, LON, None)])
    detections_path = str(tmp_path / "detections.gpkg")

    result = run({"INPUT": layer, "OUTPUT_FOLDER": str(tmp_path / "out"), "OUTPUT": detections_path})

    assert result["IMAGES_ANONYMIZED"] == 2 and result["IMAGES_FAILED"] == 0
    assert tree(tmp_path / "out") == ["survey/ahead.jpg", "survey/unknown.jpg"]  # below the layer's folder
    assert {path: sha(path) for path in originals} == originals  # originals untouched
    detections = QgsVectorLayer(detections_path, "detections")
    assert detections.isValid() and detections.crs().authid() == "EPSG:32631"
    assert detections.wkbType() in (QgsWkbTypes.Polygon, QgsWkbTypes.MultiPolygon)
    assert [n for n in detections.fields().names() if n != "fid"] == DETECTION_FIELDS
    assert detections.featureCount() == result["DETECTIONS"]
    by_image = {}
    for feature in detections.getFeatures():
        by_image.setdefault(os.path.basename(feature["source_path"]), []).append(feature)
    for name in ("ahead.jpg", "unknown.jpg"):
        best = max(by_image[name], key=lambda f: f["score"])
        assert best["class"] == "face" and best["model"] == "centerface" and best["score"] > 0.5
        assert (best["image_width"], best["image_height"]) == (160, 160)
        box = (best["x_min"], best["y_min"], best["x_max"], best["y_max"])
        assert all(abs(a - b) < 8 for a, b in zip(box, FACE_IN_CROP)), box
        assert best["output_path"] == str(tmp_path / "out" / "survey" / name)
        assert face_changed(best["source_path"], best["output_path"]) > 15
    # with a heading: a wedge from the camera towards the face, ~16° right of the heading
    wedge = max(by_image["ahead.jpg"], key=lambda f: f["score"])
    assert wedge["located"] == "wedge" and abs(wedge["bearing"] - (HEADING + 16)) < 3
    camera = next(layer.getFeatures()).geometry().asPoint()
    ring = wedge.geometry().asPolygon()[0]
    assert min(p.distance(camera) for p in ring) < 0.01  # the wedge starts at the camera
    tip = max(ring, key=lambda p: p.distance(camera))
    azimuth = math.degrees(math.atan2(tip.x() - camera.x(), tip.y() - camera.y())) % 360
    assert abs(azimuth - wedge["bearing"]) < 10  # UTM grid north is within 2° of true north here
    # without a heading: a 1 m circle round the camera, and no bearing
    circle = max(by_image["unknown.jpg"], key=lambda f: f["score"])
    assert circle["located"] == "camera" and circle["bearing"] == NULL
    other_camera = list(layer.getFeatures())[1].geometry().asPoint()
    assert circle.geometry().centroid().asPoint().distance(other_camera) < 0.05
    assert abs(circle.geometry().area() - math.pi) < 0.2
    # metadata kept, thumbnail gone
    exif = piexif.load(str(tmp_path / "out" / "survey" / "ahead.jpg"))
    assert exif["GPS"][piexif.GPSIFD.GPSLatitude] == piexif.load(ahead)["GPS"][piexif.GPSIFD.GPSLatitude]
    assert not exif.get("thumbnail")
    images = rows(result["OUTPUT_IMAGES"])
    assert [r["status"] for r in images] == ["anonymized", "anonymized"]
    assert [r["detections"] for r in images] == [len(by_image["ahead.jpg"]), len(by_image["unknown.jpg"])]
    assert images[0]["photo"] == "survey/ahead.jpg" and images[0]["device"] == "cpu" and not images[0]["error"]
    # the run record: which GeoBlur, which model file (its verified sha256), which settings
    face_model = default_model_for("face", load_manifest())
    for image in images:
        assert image["geoblur_version"] == VERSION
        assert json.loads(image["models"]) == [
            {"id": "centerface", "sha256": face_model.sha256, "thresholds": {"face": face_model.threshold_for("face")}}]
        assert image["method"] == "blur" and image["mask_scale"] == 1.3


def test_selected_features_only_rewrite_the_copies_of_the_full_run(plugin, tmp_path):
    photos = tmp_path / "photos"
    paths = [write_geotagged_jpeg(str(photos / f"cam{i}" / f"p{i}.jpg"), face_photo(), LAT, LON) for i in range(3)]
    layer = memory_layer([(LON, LAT, path, None) for path in paths])
    QgsProject.instance().addMapLayer(layer)
    common = {"BASE_FOLDER": str(photos), "OUTPUT_FOLDER": str(tmp_path / "out")}
    try:
        full = run(dict(common, INPUT=layer))
        assert tree(tmp_path / "out") == ["cam0/p0.jpg", "cam1/p1.jpg", "cam2/p2.jpg"]
        os.remove(tmp_path / "out" / "cam1" / "p1.jpg")
        layer.selectByIds([2])
        result = run(dict(common, INPUT=QgsProcessingFeatureSourceDefinition(layer.id(), True)))
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
    assert result["IMAGES_ANONYMIZED"] == 1
    # the one re-run image lands where the full run put it, not below a new common folder
    assert tree(tmp_path / "out") == ["cam0/p0.jpg", "cam1/p1.jpg", "cam2/p2.jpg"]
    assert [r["output_path"] for r in rows(result["OUTPUT_IMAGES"])] == [
        r["output_path"] for r in rows(full["OUTPUT_IMAGES"]) if r["photo"] == paths[1]]


@pytest.mark.parametrize("inside", ["photos", "photos/anonymized"])
def test_an_output_folder_among_the_originals_is_refused_before_any_image(plugin, tmp_path, inside):
    path = write_geotagged_jpeg(str(tmp_path / "photos" / "p.jpg"), face_photo(), LAT, LON)
    before = tree(tmp_path)
    with pytest.raises(QgsProcessingException) as raised:
        run({"INPUT": memory_layer([(LON, LAT, path, None)]), "OUTPUT_FOLDER": str(tmp_path / inside)})
    assert str(tmp_path / inside) in str(raised.value) and str(tmp_path / "photos") in str(raised.value)
    assert tree(tmp_path) == before


def test_every_unusable_image_fails_closed_and_the_run_goes_on(plugin, tmp_path):
    base = tmp_path / "base"
    base.mkdir()
    good = write_geotagged_jpeg(str(base / "good.jpg"), face_photo(), LAT, LON)
    (base / "empty.jpg").write_bytes(b"")
    (base / "text.jpg").write_text("this is a text file, not a photo\n")
    with open(good, "rb") as handle:
        (base / "truncated.jpg").write_bytes(handle.read()[:4000])
    write_geotagged_jpeg(str(tmp_path / "outside.jpg"), face_photo(), LAT, LON)  # exists, but above base
    cases = {  # photo value → what the error must say
        "good.jpg": None,
        "missing.jpg": "does not exist",
        "empty.jpg": "empty",
        "truncated.jpg": "truncated",
        "text.jpg": "text file",
        "../outside.jpg": "outside the base folder",
        None: "empty (NULL)",
    }
    layer = memory_layer([(LON, LAT, value, None) for value in cases])
    out = tmp_path / "out"

    result = run({"INPUT": layer, "BASE_FOLDER": str(base), "OUTPUT_FOLDER": str(out)})

    assert (result["IMAGES_ANONYMIZED"], result["IMAGES_FAILED"]) == (1, len(cases) - 1)
    assert tree(out) == ["good.jpg"]  # no copy, not even an unblurred one, of any failed image
    assert sorted(os.listdir(tmp_path)) == ["base", "out", "outside.jpg"]
    images = rows(result["OUTPUT_IMAGES"])
    for fid, (row, (value, expected)) in enumerate(zip(images, cases.items()), start=1):
        if expected is None:
            assert row["status"] == "anonymized" and row["output_path"] == str(out / "good.jpg")
            continue
        assert row["status"] == "failed" and row["detections"] == 0, row
        assert row["output_path"] is None
        assert row["error"].startswith(f"Feature {fid}: ") and expected in row["error"], row["error"]
        if value is not None:
            assert os.path.basename(value) in row["error"]  # the message names the file


def test_empty_layer_gives_empty_outputs(plugin, tmp_path):
    layer = memory_layer([])
    detections = str(tmp_path / "detections.gpkg")
    result = run({"INPUT": layer, "OUTPUT_FOLDER": str(tmp_path / "out"), "OUTPUT": detections})
    assert (result["IMAGES_ANONYMIZED"], result["IMAGES_FAILED"], result["DETECTIONS"]) == (0, 0, 0)
    read_back = QgsVectorLayer(detections, "detections")
    assert read_back.isValid() and read_back.featureCount() == 0
    assert result["OUTPUT_IMAGES"].featureCount() == 0
    assert tree(tmp_path / "out") == []


def test_a_path_field_that_is_not_text_is_refused_before_anything_is_written(plugin, tmp_path):
    layer = memory_layer([(LON, LAT, 7, None)], fields="field=photo:integer&field=direction:double")
    with pytest.raises(QgsProcessingException, match="'photo' holds .* values, not text"):
        run({"INPUT": layer, "OUTPUT_FOLDER": str(tmp_path / "out")})
    assert not (tmp_path / "out").exists()


def test_a_missing_path_field_is_refused_with_the_fields_there_are(plugin, tmp_path):
    layer = memory_layer([(LON, LAT, "a.jpg", None)], fields="field=image:string&field=direction:double")
    with pytest.raises(QgsProcessingException, match="no field 'photo'.*image, direction"):
        run({"INPUT": layer, "OUTPUT_FOLDER": str(tmp_path / "out")})


def test_same_names_in_two_folders_do_not_collide_and_nothing_escapes(plugin, tmp_path):
    left = write_geotagged_jpeg(str(tmp_path / "cam1" / "IMG_0001.jpg"), face_photo(), LAT, LON)
    right = write_geotagged_jpeg(str(tmp_path / "cam2" / "IMG_0001.jpg"), cv2.flip(face_photo(), 1), LAT, LON)
    (tmp_path / "base" / "deep").mkdir(parents=True)
    layer = memory_layer([(LON, LAT, left, None), (LON, LAT, right, None), (LON, LAT, "../../cam1/IMG_0001.jpg", None)])
    out = tmp_path / "out"
    result = run({"INPUT": layer, "BASE_FOLDER": str(tmp_path / "base" / "deep"), "OUTPUT_FOLDER": str(out)})
    # outside the base folder, each copy keeps its source's whole path below _root
    below = os.path.join("_root", str(tmp_path).lstrip(os.sep))
    assert tree(out) == [os.path.join(below, "cam1", "IMG_0001.jpg"), os.path.join(below, "cam2", "IMG_0001.jpg")]
    for source, copy in ((left, out / below / "cam1" / "IMG_0001.jpg"), (right, out / below / "cam2" / "IMG_0001.jpg")):
        # each copy comes from its own source: far from the face, the pixels still match it
        assert np.abs(cv2.imread(str(copy))[140:, :40].astype(int) - cv2.imread(source)[140:, :40]).mean() < 4
    statuses = [r["status"] for r in rows(result["OUTPUT_IMAGES"])]
    assert statuses == ["anonymized", "anonymized", "failed"]


def test_cancel_stops_the_run_and_marks_the_rest_skipped(plugin, tmp_path):
    paths = [write_geotagged_jpeg(str(tmp_path / "photos" / f"p{i}.jpg"), face_photo(), LAT, LON) for i in range(3)]
    layer = memory_layer([(LON, LAT, path, None) for path in paths])
    feedback = QgsProcessingFeedback()
    feedback.progressChanged.connect(lambda progress: feedback.cancel())  # cancel after the first image
    result = run({"INPUT": layer, "BASE_FOLDER": str(tmp_path / "photos"), "OUTPUT_FOLDER": str(tmp_path / "out")},
                 feedback=feedback)
    assert result["IMAGES_ANONYMIZED"] == 1
    assert tree(tmp_path / "out") == ["p0.jpg"]
    images = rows(result["OUTPUT_IMAGES"])
    assert [r["status"] for r in images] == ["anonymized", "skipped", "skipped"]
    assert "Canceled" in images[1]["error"]


def test_a_run_canceled_before_it_starts_writes_nothing(plugin, tmp_path):
    path = write_geotagged_jpeg(str(tmp_path / "photos" / "p.jpg"), face_photo(), LAT, LON)
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    result = run({"INPUT": memory_layer([(LON, LAT, path, None)]), "OUTPUT_FOLDER": str(tmp_path / "out")},
                 feedback=feedback)
    assert result["IMAGES_ANONYMIZED"] == 0 and tree(tmp_path / "out") == []


def test_solid_fill_uses_the_fill_colour(plugin, tmp_path):
    path = write_geotagged_jpeg(str(tmp_path / "photos" / "p.jpg"), face_photo(), LAT, LON)
    run({"INPUT": memory_layer([(LON, LAT, path, None)]), "BASE_FOLDER": str(tmp_path / "photos"),
         "OUTPUT_FOLDER": str(tmp_path / "out"), "METHOD": 2, "FILL_COLOR": "255,0,0"})
    x0, y0, x1, y1 = FACE_IN_CROP
    centre = cv2.imread(str(tmp_path / "out" / "p.jpg"))[(y0 + y1) // 2 - 5:(y0 + y1) // 2 + 5,
                                                          (x0 + x1) // 2 - 5:(x0 + x1) // 2 + 5]
    b, g, r = centre.reshape(-1, 3).mean(axis=0)
    assert r > 230 and g < 25 and b < 25


def test_input_fields_clashing_with_the_status_fields_are_kept(plugin, tmp_path):
    path = write_geotagged_jpeg(str(tmp_path / "photos" / "p.jpg"), face_photo(), LAT, LON)
    layer = memory_layer([(LON, LAT, path, "old")], fields="field=photo:string&field=status:string")
    result = run({"INPUT": layer, "OUTPUT_FOLDER": str(tmp_path / "out")})
    (row,) = rows(result["OUTPUT_IMAGES"])
    assert row["status"] == "old" and row["status_2"] == "anonymized"


def test_model_classes_without_models_is_refused(plugin, tmp_path):
    path = write_geotagged_jpeg(str(tmp_path / "p.jpg"), face_photo(), LAT, LON)
    with pytest.raises(QgsProcessingException, match="MODEL_CLASSES is set but MODELS is empty"):
        run({"INPUT": memory_layer([(LON, LAT, path, None)]), "OUTPUT_FOLDER": str(tmp_path / "out"),
             "MODEL_CLASSES": "plate=license_plate"})
    assert tree(tmp_path / "out") == []


def test_parameters_become_engine_settings(plugin):
    from geoblur.processing_provider import parameters as p

    algorithm = QgsApplication.processingRegistry().createAlgorithmById(ALG)
    context = QgsProcessingContext()
    settings = p.read_settings(algorithm, {
        "CLASSES": [0, 3], "METHOD": 1, "THRESHOLD": 0.4, "THRESHOLD_VEHICLE": 0.6, "MASK_SCALE": 1.5,
        "DEVICE": 1, "JPEG_QUALITY": 80, "IMAGE_TYPE": 2, "FIELD_OF_VIEW": 70, "FILL_COLOR": "10,20,30",
    }, context)
    assert list(settings.classes) == ["face", "vehicle"]
    assert settings.thresholds == {"face": 0.4, "vehicle": 0.6}
    assert (settings.style.method, settings.style.mask_scale, settings.style.fill_color) == ("pixelate", 1.5, (10, 20, 30))
    assert (settings.device, settings.jpeg_quality, settings.image_type, settings.horizontal_fov) == ("cpu", 80, "equirectangular", 70)
    defaults = p.read_settings(algorithm, {}, context)
    assert list(defaults.classes) == ["face"] and defaults.thresholds == {} and defaults.horizontal_fov is None
    assert (defaults.style.method, defaults.style.mask_scale, defaults.device, defaults.image_type) == ("blur", 1.3, "auto", "auto")


def test_values_that_are_not_paths_fail_per_feature_naming_it(qgis_app, tmp_path):
    """Second line of defence behind the text-field check: a value that is not text (possible in
    formats without field types) fails that feature only; a heading that is not a number is
    treated as unknown, and said."""
    from qgis.core import QgsFeature, QgsField, QgsFields

    from geoblur.processing_provider.jobs import plan_jobs

    fields = QgsFields()
    fields.append(QgsField("photo", QVariant.String))
    fields.append(QgsField("direction", QVariant.String))
    values = [(12345, "90"), (str(tmp_path / "photos" / "a.jpg"), "north"), (str(tmp_path / "photos" / "a.jpg"), "45.5")]
    features = []
    for fid, (photo, direction) in enumerate(values, start=1):
        feature = QgsFeature(fields, fid)
        feature.setAttributes([photo, direction])
        features.append(feature)
    said = []
    entries = plan_jobs(features, "photo", "direction", str(tmp_path / "photos"), str(tmp_path / "out"), said.append)
    assert entries[0].job is None and entries[0].error == "Feature 1: The image path 12345 is not text."
    assert entries[1].job.heading is None and said == [
        "Feature 2: heading 'north' in field direction is not a number; its detections are placed at the camera."]
    assert entries[2].job.heading == 45.5 and entries[2].job.destination == str(tmp_path / "out" / "a.jpg")


def test_a_bad_model_of_the_user_is_refused_before_any_image(plugin, tmp_path):
    pytest.importorskip("geoblur.core.user_models")
    path = write_geotagged_jpeg(str(tmp_path / "p.jpg"), face_photo(), LAT, LON)
    bad = tmp_path / "plates.onnx"
    bad.write_text("not a model")
    with pytest.raises(QgsProcessingException, match="plates.onnx"):  # the message names the file
        run({"INPUT": memory_layer([(LON, LAT, path, None)]), "OUTPUT_FOLDER": str(tmp_path / "out"),
             "CLASSES": [0, 2], "MODELS": [str(bad)], "MODEL_CLASSES": "plate=license_plate"})
    assert not (tmp_path / "out").exists()


def test_models_and_their_class_map_reach_the_engine(plugin, monkeypatch, tmp_path):
    """MODELS (files) and MODEL_CLASSES (text) go to core.user_models.load_user_models as the
    contract says, and a ModelError from it stops the run before any output."""
    import sys
    import types

    from geoblur.core.errors import ModelError
    from geoblur.processing_provider import parameters as p

    calls = []

    def load_user_models(paths, class_map):
        calls.append((paths, class_map))
        raise ModelError(f"{paths[0]}: its outputs do not match a YOLO detection model.")

    monkeypatch.setitem(sys.modules, "geoblur.core.user_models", types.SimpleNamespace(load_user_models=load_user_models))
    models = [str(tmp_path / "plates.onnx"), str(tmp_path / "persons.json")]
    for model in models:
        open(model, "w").close()
    algorithm = QgsApplication.processingRegistry().createAlgorithmById(ALG)
    with pytest.raises(ModelError):
        p.read_settings(algorithm, {"MODELS": models, "MODEL_CLASSES": "plate=license_plate"}, QgsProcessingContext())
    assert calls == [(models, "plate=license_plate")]
    path = write_geotagged_jpeg(str(tmp_path / "p.jpg"), face_photo(), LAT, LON)
    with pytest.raises(QgsProcessingException, match="plates.onnx: its outputs do not match"):
        run({"INPUT": memory_layer([(LON, LAT, path, None)]), "OUTPUT_FOLDER": str(tmp_path / "out"),
             "MODELS": models[:1], "MODEL_CLASSES": "plate=license_plate"})
    assert not (tmp_path / "out").exists()
