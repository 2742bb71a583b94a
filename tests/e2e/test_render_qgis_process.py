"""The headless review loop through ``qgis_process``: anonymize, edit ``detections.gpkg`` with OGR
(add a face box a person saw, reject the model's face), ``geoblur:render``, and check both regions
in the copy; a rerun skips the copy; a row that cannot be used fails closed naming the row and
the file. The run's GeoPackages carry GeoBlur's style as their default, also when written
headless."""
import os

import cv2
import numpy as np
import pytest
from osgeo import ogr
from qgis.core import QgsCategorizedSymbolRenderer, QgsVectorLayer

from geoblur.tests.geotagged import FACE_IN_CROP, face_photo, write_geotagged_jpeg
from geoblur.tests.layers import memory_layer, save_gpkg

from geoblur.tests.e2e.runner import qgis_process

pytestmark = pytest.mark.slow
ADDED = (10, 150, 60, 195)  # a "face" the model did not see: background in the generated photo


def region(path, box):
    x0, y0, x1, y1 = box
    return cv2.imread(str(path)).astype(np.int16)[y0:y1, x0:x1]


def edit_with_ogr(path, copy):
    """What a script would do: reject the model's face row(s), add a reviewer's face row."""
    dataset = ogr.Open(str(path), 1)
    layer = dataset.GetLayer(0)
    template = None
    for feature in layer:
        feature.SetField("decision", "rejected")
        layer.SetFeature(feature)
        template = feature
    added = ogr.Feature(layer.GetLayerDefn())
    for name in ("image_fid", "source_path", "output_path", "image_width", "image_height", "projection",
                 "method", "mask_scale"):
        added.SetField(name, template.GetField(name))
    for name, value in zip(("x_min", "y_min", "x_max", "y_max"), ADDED):
        added.SetField(name, float(value))
    added.SetField("class", "face")
    added.SetField("origin", "reviewer")
    added.SetField("decision", "kept")
    assert template.GetField("output_path") == str(copy)
    layer.CreateFeature(added)
    dataset = None


def test_a_review_edited_with_ogr_is_rendered_headless(checkout_env, tmp_path):
    photos = tmp_path / "photos"
    source = write_geotagged_jpeg(str(photos / "a.jpg"), face_photo(), 52.0, 5.0, 90, 31)
    save_gpkg(memory_layer([(5.0, 52.0, "photos/a.jpg", 90.0)]), tmp_path / "points.gpkg")
    detections = tmp_path / "detections.gpkg"
    code, _, log = qgis_process(
        checkout_env, "run", "geoblur:anonymizeimages", "--", f"INPUT={tmp_path / 'points.gpkg'}", "CLASSES=0",
        "METHOD=2", f"OUTPUT_FOLDER={tmp_path / 'out'}", f"OUTPUT={detections}",
        f"OUTPUT_IMAGES={tmp_path / 'images.gpkg'}")
    assert code == 0, log[-3000:]
    copy = tmp_path / "out" / "photos" / "a.jpg"
    for path, field in ((detections, '"class"'), (tmp_path / "images.gpkg", "status")):
        stored = QgsVectorLayer(str(path), "opened later")  # loads the GeoPackage's default style
        assert isinstance(stored.renderer(), QgsCategorizedSymbolRenderer), path
        assert field in stored.renderer().classAttribute() and "output_path" in stored.mapTipTemplate()
    assert np.abs(region(copy, FACE_IN_CROP) - region(source, FACE_IN_CROP)).mean() > 20  # the run hid the face

    edit_with_ogr(detections, copy)
    code, report, log = qgis_process(checkout_env, "run", "geoblur:render", "--", f"DETECTIONS={detections}")
    assert code == 0, log[-3000:]
    assert (report["results"]["IMAGES_RENDERED"], report["results"]["IMAGES_FAILED"]) == (1, 0), log[-3000:]
    assert np.array_equal(region(copy, FACE_IN_CROP), region(source, FACE_IN_CROP))  # rejected: as the original
    assert np.abs(region(copy, ADDED) - region(source, ADDED)).mean() > 20  # added: filled

    code, report, log = qgis_process(checkout_env, "run", "geoblur:render", "--", f"DETECTIONS={detections}")
    assert code == 0 and report["results"]["IMAGES_SKIPPED"] == 1, log[-3000:]

    dataset = ogr.Open(str(detections), 1)
    layer = dataset.GetLayer(0)
    layer.SetAttributeFilter("origin = 'reviewer'")
    bad = layer.GetNextFeature()
    bad.SetField("class", "road sign")
    layer.SetFeature(bad)
    fid = bad.GetFID()
    dataset = None
    code, report, log = qgis_process(checkout_env, "run", "geoblur:render", "--", f"DETECTIONS={detections}")
    assert code == 0 and report["results"]["IMAGES_FAILED"] == 1, log[-3000:]
    assert f"Detection {fid} of {source}" in log and "road sign" in log
    assert not os.path.exists(copy)  # fails closed: no copy that contradicts the review
