"""The review's model side (plugin/review/session.py) on a real run's GeoPackages: the original in
pixel space, one shape per detection, and saving — a moved shape gets its box and footprint
recomputed, the copy follows at once, the images row is updated, and a shape with a class GeoBlur
does not know is refused with nothing written."""
import cv2
import numpy as np
import pytest
from qgis.core import QgsCoordinateTransformContext, QgsFeatureRequest, QgsProcessingFeedback, QgsVectorLayer

from geoblur.tests.geotagged import FACE_IN_CROP, face_photo, write_geotagged_jpeg
from geoblur.tests.layers import memory_layer, save_gpkg

MOVED = (5, 110, 45, 150)  # bottom left of the 160×160 photo, away from the face


@pytest.fixture
def run(plugin, tmp_path):
    """A run over one geotagged face photo: (images GeoPackage, detections GeoPackage, source, copy).
    Paths, not layers: a layer a fixture holds outlives the test's QGIS objects (a crash at exit)."""
    import processing

    write_geotagged_jpeg(str(tmp_path / "photos" / "a.jpg"), face_photo(), 52.0, 5.0, 90.0, 31)
    points = save_gpkg(memory_layer([(5.0, 52.0, "photos/a.jpg", 90.0)]), tmp_path / "points.gpkg")
    processing.run("geoblur:anonymizeimages", {
        "INPUT": points, "METHOD": 2, "WORKERS": 1, "OUTPUT_FOLDER": str(tmp_path / "out"),
        "OUTPUT": str(tmp_path / "detections.gpkg"), "OUTPUT_IMAGES": str(tmp_path / "images.gpkg")},
        feedback=QgsProcessingFeedback())
    return (str(tmp_path / "images.gpkg"), str(tmp_path / "detections.gpkg"), str(tmp_path / "photos" / "a.jpg"),
            str(tmp_path / "out" / "photos" / "a.jpg"))


def layers(run):
    return QgsVectorLayer(run[0], "images"), QgsVectorLayer(run[1], "detections"), run[2], run[3]


def session_of(images, detections):
    from geoblur.plugin.review.session import ReviewSession

    return ReviewSession(images, next(images.getFeatures()).id(), detections, QgsCoordinateTransformContext())


def region(path, box):
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    return cv2.imread(path).astype(np.int16)[y0:y1, x0:x1]


def test_a_moved_shape_is_saved_with_its_new_box_and_footprint_and_the_copy_follows(run):
    from geoblur.plugin.review.session import box_geometry

    images, detections, source, copy = layers(run)
    session = session_of(images, detections)
    assert session.raster.extent().toRectF().getCoords() == (0.0, -160.0, 160.0, 0.0)
    assert session.shapes.featureCount() == detections.featureCount() >= 1
    best = max(detections.getFeatures(), key=lambda f: f["score"])
    before = (best["bearing"], best.geometry().asWkt())
    shape = next(s for s in session.shapes.getFeatures() if s["detection_id"] == best.id())
    session.shapes.changeGeometry(shape.id(), box_geometry(MOVED))  # what "Redraw" does

    result = session.save()

    assert result.status == "anonymized"
    row = detections.getFeature(best.id())
    assert (row["x_min"], row["y_min"], row["x_max"], row["y_max"]) == pytest.approx(MOVED)
    assert row["decision"] == "kept" and row["origin"] == "model"
    assert row["bearing"] != pytest.approx(before[0]) and row.geometry().asWkt() != before[1]
    assert np.abs(region(copy, MOVED) - region(source, MOVED)).mean() > 20
    assert np.array_equal(region(copy, FACE_IN_CROP), region(source, FACE_IN_CROP))  # the face is no longer hidden
    image = next(images.getFeatures())
    assert image["status"] == "anonymized" and image["detections"] == detections.featureCount()
    session.close()


def test_a_shape_of_an_unknown_class_is_refused_and_nothing_is_written(run):
    from geoblur.plugin.review.session import ReviewError

    images, detections, source, copy = layers(run)
    with open(copy, "rb") as handle:
        written = handle.read()
    session = session_of(images, detections)
    session.add_shape(MOVED, "road sign")
    with pytest.raises(ReviewError, match="road sign"):
        session.save()
    assert {f["decision"] for f in detections.getFeatures()} == {""}
    assert detections.featureCount() == session.shapes.featureCount() - 1
    with open(copy, "rb") as handle:
        assert handle.read() == written
    session.close()


def test_a_failed_image_cannot_be_reviewed_and_says_which_feature(run, tmp_path):
    from geoblur.plugin.review.session import ReviewError

    images, detections, source, copy = layers(run)
    index = images.fields().indexOf("output_path")
    fid = next(images.getFeatures()).id()
    images.dataProvider().changeAttributeValues({fid: {index: None}})
    with pytest.raises(ReviewError, match=f"Feature {fid} of images has no anonymized copy"):
        session_of(images, detections)
    assert next(detections.getFeatures(QgsFeatureRequest().setLimit(1)), None) is not None
