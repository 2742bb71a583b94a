"""geoblur:evaluate in-process, through processing.run, on generated labelled images."""
import json
import os
import re

import cv2
import numpy as np
import pytest
from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant

from geoblur.tests.unit.image_samples import texture

WIDTH, HEIGHT = 320, 240
FACES = [(40, 40, 80, 90), (200, 60, 230, 96)]  # x0, y0, x1, y1
PERSON = (120, 100, 180, 220)


@pytest.fixture()
def algorithm(plugin):
    """The algorithm as the plugin registers it."""
    assert QgsApplication.processingRegistry().algorithmById("geoblur:evaluate") is not None
    return "geoblur:evaluate"


@pytest.fixture()
def labelled(tmp_path):
    """Two originals with two faces and a person each, their COCO labels (with one bad
    annotation), and copies where everything but the second face is filled black."""
    (tmp_path / "images").mkdir()
    (tmp_path / "copies").mkdir()
    images, annotations = [], []
    for index in range(2):
        name = f"images/p{index}.jpg"
        original = texture(index, HEIGHT, WIDTH)
        cv2.imwrite(str(tmp_path / name), original, [cv2.IMWRITE_JPEG_QUALITY, 95])
        copy = original.copy()
        for x0, y0, x1, y1 in (FACES[0], PERSON):
            copy[y0 - 8 : y1 + 8, x0 - 8 : x1 + 8] = 0
        cv2.imwrite(str(tmp_path / "copies" / f"p{index}.jpg"), copy, [cv2.IMWRITE_JPEG_QUALITY, 90])
        images.append({"id": index + 1, "file_name": name, "width": WIDTH, "height": HEIGHT})
        for category, (x0, y0, x1, y1) in ((1, FACES[0]), (1, FACES[1]), (2, PERSON)):
            annotations.append(
                {"id": len(annotations) + 1, "image_id": index + 1, "category_id": category,
                 "bbox": [x0, y0, x1 - x0, y1 - y0], "iscrowd": 0}
            )
    annotations.append({"id": 99, "image_id": 1, "category_id": 1, "bbox": [500, 10, 20, 20], "iscrowd": 0})
    categories = [{"id": 1, "name": "face"}, {"id": 2, "name": "person"}]
    (tmp_path / "annotations.json").write_text(json.dumps({"images": images, "annotations": annotations, "categories": categories}))
    return tmp_path


class _Feedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.warnings = []

    def pushWarning(self, warning):  # noqa: N802 - Qt's name
        self.warnings.append(warning)
        super().pushWarning(warning)


def _run(algorithm, parameters, feedback=None):
    import processing

    return processing.run(algorithm, parameters, feedback=feedback or _Feedback())


def _table(path):
    layer = QgsVectorLayer(str(path), "table", "ogr")
    assert layer.isValid()
    return {(f["class"], f["size"]): f for f in layer.getFeatures()}


def test_anonymized_copies_are_scored_into_table_numbers_and_report(algorithm, labelled, tmp_path):
    feedback = _Feedback()
    result = _run(
        algorithm,
        {
            "GROUND_TRUTH": str(labelled / "annotations.json"),
            "ANONYMIZED": str(labelled / "copies"),
            "OUTPUT": str(tmp_path / "coverage.gpkg"),
            "REPORT": str(tmp_path / "report.html"),
        },
        feedback,
    )
    assert result["OBJECTS"] == 6 and result["IMAGES_EVALUATED"] == 2 and result["IMAGES_SKIPPED"] == 0
    assert result["R90"] == pytest.approx(4 / 6)
    assert result["FACES_R90"] == pytest.approx(0.5) and result["PERSONS_R90"] == 1.0
    assert "PLATES_R90" not in result  # no plate is labelled: no figure rather than a zero

    rows = _table(result["OUTPUT"])
    assert rows[("face", "all")]["objects"] == 4 and rows[("face", "all")]["r90"] == pytest.approx(0.5)
    assert rows[("person", "M 32-96")]["objects"] == 2 and rows[("person", "M 32-96")]["r90"] == 1.0
    assert rows[("all", "all")]["objects"] == 6
    assert rows[("face", "S <32")]["objects"] == 0  # present with no figures
    layer = QgsVectorLayer(result["OUTPUT"], "table", "ogr")
    assert not layer.isSpatial()

    assert any("annotation 99" in w and "lies outside the 320×240 image" in w for w in feedback.warnings)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert len(re.findall(r"src='data:image/jpeg;base64,", html)) == 2  # the two visible faces
    assert "annotation 99" in html


def _detections_layer(labelled, mask_scale_hides_all=True):
    """A layer shaped like geoblur:anonymizeimages' OUTPUT, with the first face and the person
    of each image detected."""
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "detections", "memory")
    fields = [
        QgsField("image_fid", QVariant.Int), QgsField("source_path", QVariant.String),
        QgsField("class", QVariant.String), QgsField("score", QVariant.Double),
        *[QgsField(n, QVariant.Double) for n in ("x_min", "y_min", "x_max", "y_max")],
        QgsField("image_width", QVariant.Int), QgsField("image_height", QVariant.Int),
    ]
    layer.dataProvider().addAttributes(fields)
    layer.updateFields()
    features = []
    for index in range(2):
        for cls, box in (("face", FACES[0]), ("person", PERSON)):
            feature = QgsFeature(layer.fields())
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(10, 50)))
            feature.setAttributes([index, str(labelled / "images" / f"p{index}.jpg"), cls, 0.9, *box, WIDTH, HEIGHT])
            features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def test_a_detections_layer_is_scored_with_the_runs_mask_scale(algorithm, labelled, tmp_path):
    result = _run(
        algorithm,
        {
            "GROUND_TRUTH": str(labelled / "annotations.json"),
            "DETECTIONS": _detections_layer(labelled),
            "MASK_SCALE": 1.3,
            "SIZE_BUCKETS": "40,100",
            "OUTPUT": str(tmp_path / "coverage.csv"),
            "REPORT": str(tmp_path / "report.html"),
        },
    )
    assert result["FACES_R90"] == pytest.approx(0.5) and result["PERSONS_R90"] == 1.0
    assert result["PIXELS_OBSCURED"] > 0.5 and result["OVER"] == 0.0
    assert set(size for _, size in _table(result["OUTPUT"])) == {"S <40", "M 40-100", "L >=100", "all"}


def test_rows_rejected_in_review_are_not_counted_as_obscuring(algorithm, labelled, tmp_path):
    layer = _detections_layer(labelled)
    layer.dataProvider().addAttributes([QgsField("decision", QVariant.String)])
    layer.updateFields()
    index = layer.fields().indexOf("decision")
    layer.dataProvider().changeAttributeValues(
        {f.id(): {index: "rejected" if f["class"] == "person" else "kept"} for f in layer.getFeatures()})
    result = _run(algorithm, {"GROUND_TRUTH": str(labelled / "annotations.json"), "DETECTIONS": layer,
                              "MASK_SCALE": 1.3, "OUTPUT": str(tmp_path / "coverage.csv"),
                              "REPORT": str(tmp_path / "report.html")})
    assert result["FACES_R90"] == pytest.approx(0.5) and result["PERSONS_R90"] == 0.0


def test_exactly_one_of_copies_or_detections_is_required(algorithm, labelled, tmp_path):
    common = {"GROUND_TRUTH": str(labelled / "annotations.json"), "OUTPUT": "memory:", "REPORT": str(tmp_path / "r.html")}
    with pytest.raises(QgsProcessingException, match="exactly one of the two"):
        _run(algorithm, common)
    with pytest.raises(QgsProcessingException, match="exactly one of the two"):
        _run(algorithm, dict(common, ANONYMIZED=str(labelled / "copies"), DETECTIONS=_detections_layer(labelled)))


def test_bad_inputs_are_refused_with_what_to_do(algorithm, labelled, tmp_path):
    common = {"ANONYMIZED": str(labelled / "copies"), "OUTPUT": "memory:", "REPORT": str(tmp_path / "r.html")}
    with pytest.raises(QgsProcessingException, match="does not exist; choose a COCO .json file"):
        _run(algorithm, dict(common, GROUND_TRUTH=str(tmp_path / "nothing.json")))
    with pytest.raises(QgsProcessingException, match="such as 32,96"):
        _run(algorithm, dict(common, GROUND_TRUTH=str(labelled / "annotations.json"), SIZE_BUCKETS="big"))
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=name:string", "not detections", "memory")
    with pytest.raises(QgsProcessingException, match="lacks the field"):
        _run(algorithm, {"GROUND_TRUTH": str(labelled / "annotations.json"), "DETECTIONS": layer,
                         "OUTPUT": "memory:", "REPORT": str(tmp_path / "r.html")})


def test_a_file_inside_a_yolo_folder_stands_for_the_folder(algorithm, tmp_path):
    labels, copies = tmp_path / "yolo", tmp_path / "copies"
    labels.mkdir()
    copies.mkdir()
    cv2.imwrite(str(labels / "a.jpg"), texture(0, HEIGHT, WIDTH))
    cv2.imwrite(str(copies / "a.jpg"), texture(0, HEIGHT, WIDTH))  # nothing obscured
    (labels / "classes.txt").write_text("face\n")
    (labels / "a.txt").write_text("0 0.5 0.5 0.2 0.2\n")
    result = _run(
        algorithm,
        {"GROUND_TRUTH": str(labels / "classes.txt"), "ANONYMIZED": str(copies),
         "OUTPUT": "memory:", "REPORT": str(tmp_path / "r.html")},
    )
    assert result["IMAGES_EVALUATED"] == 1 and result["OBJECTS"] == 1
    assert result["R50"] == 0.0 and result["OVER"] == 0.0


MESSI_FACE = [222, 86, 38, 48]  # x, y, w, h: brow to chin, labelled by eye in tests/data/messi5.jpg


def test_anonymize_then_evaluate_a_real_photo(algorithm, tmp_path):
    """The whole chain on a real photo: GeoBlur's copies and its detections layer both hide the
    labelled face; the untouched originals hide nothing."""
    import processing

    from .conftest import memory_layer

    (tmp_path / "images").mkdir()
    photo = tmp_path / "images" / "messi5.jpg"
    photo.write_bytes(open(os.path.join(os.path.dirname(__file__), "..", "data", "messi5.jpg"), "rb").read())
    coco = {
        "images": [{"id": 1, "file_name": "images/messi5.jpg", "width": 548, "height": 342}],
        "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": MESSI_FACE, "iscrowd": 0}],
        "categories": [{"id": 1, "name": "face"}],
    }
    (tmp_path / "annotations.json").write_text(json.dumps(coco))
    anonymized = processing.run(
        "geoblur:anonymizeimages",
        {"INPUT": memory_layer([(2.35, 48.85, str(photo), None)]), "CLASSES": [0], "METHOD": 2,
         "BASE_FOLDER": str(tmp_path), "OUTPUT_FOLDER": str(tmp_path / "out"), "OUTPUT": str(tmp_path / "detections.gpkg"),
         "OUTPUT_IMAGES": "TEMPORARY_OUTPUT"},
    )
    assert anonymized["IMAGES_ANONYMIZED"] == 1
    common = {"GROUND_TRUTH": str(tmp_path / "annotations.json"), "OUTPUT": "memory:", "REPORT": str(tmp_path / "r.html")}
    by_layer = _run(algorithm, dict(common, DETECTIONS=anonymized["OUTPUT"], MASK_SCALE=1.3))
    by_copies = _run(algorithm, dict(common, ANONYMIZED=str(tmp_path / "out")))
    (tmp_path / "unchanged").mkdir()
    (tmp_path / "unchanged" / "messi5.jpg").write_bytes(photo.read_bytes())
    untouched = _run(algorithm, dict(common, ANONYMIZED=str(tmp_path / "unchanged")))
    assert by_layer["FACES_R90"] == 1.0 and by_copies["FACES_R90"] == 1.0
    assert untouched["IMAGES_EVALUATED"] == 1 and untouched["R50"] == 0.0 and untouched["OVER"] == 0.0
