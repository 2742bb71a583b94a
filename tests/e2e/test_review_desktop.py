"""The review loop in the real QGIS desktop (on a virtual screen): a run loaded through
Processing comes out styled, its map tips show the anonymized copy, *Review image* opens with one
shape per detection, and a shape added through the layer's editing API (as the digitizing tools
add it) and one deleted, once saved, leave the copy obscured and as the original there.

The screenshots in the README come from this test: set ``GEOBLUR_SCREENSHOTS`` to a folder
(``make screenshots`` does) and it saves the styled map and the review window there."""
import json
import os
import shutil

import cv2
import numpy as np
import pytest

from geoblur.tests.geotagged import MESSI, write_geotagged_jpeg
from geoblur.tests.layers import memory_layer, save_gpkg

from geoblur.tests.e2e.runner import ROOT, qgis_desktop, qgis_process_env

pytestmark = pytest.mark.slow
ADDED = (20, 250, 110, 330)  # a box of background, bottom left: a "missed" object the reviewer draws
CAMERAS = [(5.0000, 52.0000, 60.0), (5.0004, 52.0002, 150.0), (5.0008, 52.0001, 240.0)]

# Runs inside QGIS (qgis --code) and writes what it saw to GEOBLUR_DESKTOP_RESULT.
SCRIPT = '''
import json, os, traceback
from qgis.core import (QgsExpression, QgsExpressionContext, QgsExpressionContextUtils, QgsFeature,
                       QgsFeatureRequest, QgsProject)
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication
from qgis.utils import iface, plugins
import processing

WORK, OUT = os.environ["GEOBLUR_DESKTOP_WORK"], os.environ["GEOBLUR_DESKTOP_RESULT"]
SHOTS = os.environ.get("GEOBLUR_DESKTOP_SHOTS")
ADDED = json.loads(os.environ["GEOBLUR_ADDED"])
result = {}


def settle(canvas):
    canvas.refreshAllLayers()
    for _ in range(20):
        QApplication.processEvents()
    canvas.waitWhileRendering()
    QApplication.processEvents()


try:
    from geoblur.qgis_support.styles import is_detections_layer, is_images_layer
    from geoblur.plugin.review.session import box_geometry

    processing.runAndLoadResults("geoblur:anonymizeimages", {
        "INPUT": os.path.join(WORK, "points.gpkg"), "CLASSES": [0], "METHOD": 2, "WORKERS": 1,
        "OUTPUT_FOLDER": os.path.join(WORK, "out"), "OUTPUT": os.path.join(WORK, "detections.gpkg"),
        "OUTPUT_IMAGES": os.path.join(WORK, "images.gpkg")})
    layers = QgsProject.instance().mapLayers().values()
    detections = next(l for l in layers if is_detections_layer(l))
    images = next(l for l in layers if is_images_layer(l))
    result["styles"] = {kind: [layer.renderer().type(), sorted(c.value() for c in layer.renderer().categories())]
                        for kind, layer in (("detections", detections), ("images", images))}
    feature = next(images.getFeatures(QgsFeatureRequest().setFilterExpression("\\"status\\" = 'anonymized'")))
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(images))
    context.setFeature(feature)
    result["tip"] = QgsExpression.replaceExpressionText(images.mapTipTemplate(), context)
    result["copy"], result["source"] = feature["output_path"], feature["source_path"]
    result["actions"] = sorted(a.name() for a in images.actions().actions())

    canvas = iface.mapCanvas()
    extent = detections.extent()
    extent.combineExtentWith(images.extent())
    canvas.setExtent(extent.buffered(extent.width() * 0.1))
    settle(canvas)
    if SHOTS:
        canvas.saveAsImage(os.path.join(SHOTS, "styled_layers.png"))

    expression = "\\"output_path\\" = {} AND \\"class\\" = 'face'".format(QgsExpression.quotedValue(result["copy"]))
    rows = list(detections.getFeatures(QgsFeatureRequest().setFilterExpression(expression)))
    result["rows"] = len(rows)
    dock = plugins["geoblur"].review_feature(images.id(), feature.id())
    shapes = dock.session.shapes
    result["shapes"] = shapes.featureCount()
    settle(dock.canvas)
    if SHOTS:
        dock.setFloating(True)
        dock.resize(1150, 720)
        settle(dock.canvas)
        dock.grab().save(os.path.join(SHOTS, "review_window.png"))

    best = max(rows, key=lambda f: f["score"])
    result["rejected_box"] = [best["x_min"], best["y_min"], best["x_max"], best["y_max"]]
    target = next(s for s in shapes.getFeatures() if s["detection_id"] == best.id())
    shapes.deleteFeature(target.id())  # what the dock's delete tool does
    added = QgsFeature(shapes.fields())  # what a digitizing tool adds
    added.setAttributes([None, "face", 1.0, "reviewer"])
    added.setGeometry(box_geometry(ADDED))
    result["added"] = shapes.addFeature(added)
    saved = dock.save()
    result["render"] = [saved.status, saved.error]
    decided = {f.id(): (f["origin"], f["decision"], f.geometry().isEmpty())
               for f in detections.getFeatures(QgsFeatureRequest().setFilterExpression(
                   "\\"output_path\\" = {}".format(QgsExpression.quotedValue(result["copy"]))))}
    result["decided"] = sorted(decided.values())
    result["rejected"] = decided[best.id()][1]
    result["shapes_after"] = dock.session.shapes.featureCount()
except Exception:
    result["error"] = traceback.format_exc()
with open(OUT, "w") as handle:
    json.dump(result, handle)
# the layers lie in the temporary folder, which QGIS would ask about on the way out
QgsProject.instance().clear()
QTimer.singleShot(0, iface.actionExit().trigger)
'''


def region(path, box):
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    return cv2.imread(str(path)).astype(np.int16)[y0:y1, x0:x1]


@pytest.mark.skipif(not shutil.which("xvfb-run"), reason="needs Debian's xvfb (make system installs it)")
def test_the_review_loop_in_the_desktop(tmp_path):
    work = tmp_path / "work"
    photo = cv2.imread(MESSI)
    rows = []
    for index, (lon, lat, heading) in enumerate(CAMERAS):
        write_geotagged_jpeg(str(work / "photos" / f"p{index}.jpg"), photo, lat, lon, heading, 31)
        rows.append((lon, lat, f"photos/p{index}.jpg", heading))
    save_gpkg(memory_layer(rows), work / "points.gpkg")
    env = qgis_process_env(tmp_path / "qgis", ROOT)
    env.pop("QT_QPA_PLATFORM")  # the desktop needs a (virtual) screen
    shots = os.environ.get("GEOBLUR_SCREENSHOTS") or str(tmp_path / "shots")
    os.makedirs(shots, exist_ok=True)
    env.update(GEOBLUR_DESKTOP_WORK=str(work), GEOBLUR_DESKTOP_RESULT=str(tmp_path / "result.json"),
               GEOBLUR_DESKTOP_SHOTS=shots, GEOBLUR_ADDED=json.dumps(ADDED))
    (tmp_path / "review.py").write_text(SCRIPT)
    done = qgis_desktop(env, tmp_path / "review.py")
    assert os.path.exists(tmp_path / "result.json"), done.stdout[-2000:] + done.stderr[-2000:]
    result = json.loads((tmp_path / "result.json").read_text())
    assert "error" not in result, result.get("error")

    assert result["styles"] == {
        "detections": ["categorizedSymbol", ["face", "license_plate", "person", "rejected", "vehicle"]],
        "images": ["categorizedSymbol", ["anonymized", "failed", "skipped"]]}
    copy, source = result["copy"], result["source"]
    assert f'src="file://{copy}"' in result["tip"] and source not in result["tip"]  # the copy, never the original
    assert "Review image" in result["actions"] and "Open the anonymized copy" in result["actions"]

    assert result["rows"] >= 1 and result["shapes"] == result["rows"]
    assert result["added"] is True and result["render"] == ["anonymized", ""]
    assert result["rejected"] == "rejected" and result["shapes_after"] == result["shapes"]
    assert ["reviewer", "kept", False] in result["decided"]  # the new row, with a footprint on the map
    assert np.abs(region(copy, ADDED) - region(source, ADDED)).mean() > 20  # the drawn box is obscured
    assert np.array_equal(region(copy, result["rejected_box"]), region(source, result["rejected_box"]))
    for name in ("styled_layers.png", "review_window.png"):
        assert cv2.imread(os.path.join(shots, name)) is not None
