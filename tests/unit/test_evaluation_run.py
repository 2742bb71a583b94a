"""Whole evaluations on generated images: anonymized copies compared with their originals,
detections drawn as GeoBlur's masks, the report, and images that cannot be evaluated."""
import base64
import json
import re

import cv2
import numpy as np
import pytest

from geoblur.core import obscure
from geoblur.core.evaluation import (
    TEXTS,
    AnonymizedFolder,
    DetectionMasks,
    Problem,
    evaluate,
    load_ground_truth,
    write_report,
)
from geoblur.core.evaluation.masks import changed_mask
from geoblur.core.types import Detection

from .image_samples import texture

WIDTH, HEIGHT = 320, 240
FACES = [(40, 40, 80, 90), (200, 60, 230, 96), (120, 150, 136, 170)]  # x0, y0, x1, y1


def _jpeg(pixels, quality):
    return cv2.imdecode(cv2.imencode(".jpg", pixels, [cv2.IMWRITE_JPEG_QUALITY, quality])[1], cv2.IMREAD_COLOR)


def _data_set(tmp_path, count=2):
    """``count`` originals (camera-like JPEGs) with the three faces, and their COCO ground truth."""
    (tmp_path / "images").mkdir()
    images, annotations = [], []
    for index in range(count):
        name = f"images/p{index}.jpg"
        cv2.imwrite(str(tmp_path / name), texture(index, HEIGHT, WIDTH), [cv2.IMWRITE_JPEG_QUALITY, 95])
        images.append({"id": index + 1, "file_name": name, "width": WIDTH, "height": HEIGHT})
        for x0, y0, x1, y1 in FACES:
            annotations.append(
                {"id": len(annotations) + 1, "image_id": index + 1, "category_id": 1,
                 "bbox": [x0, y0, x1 - x0, y1 - y0], "iscrowd": 0}
            )
    coco = {"images": images, "annotations": annotations, "categories": [{"id": 1, "name": "face"}]}
    (tmp_path / "annotations.json").write_text(json.dumps(coco))
    return load_ground_truth(str(tmp_path / "annotations.json"))


def _deface_like(pixels, boxes):
    """What deface's solid mode does: a black box 1.3× the face, saved as JPEG quality 75."""
    out = pixels.copy()
    for x0, y0, x1, y1 in boxes:
        w, h = x1 - x0, y1 - y0
        cv2.rectangle(out, (int(x0 - 0.3 * w), int(y0 - 0.3 * h)), (int(x1 + 0.3 * w), int(y1 + 0.3 * h)), 0, -1)
    return _jpeg(out, 75)


def test_anonymized_copies_compared_with_originals(tmp_path):
    gt = _data_set(tmp_path)
    (tmp_path / "out").mkdir()
    # image 0: every face hidden the way deface does it; image 1: only the first face
    cv2.imwrite(str(tmp_path / "out" / "p0_anonymized.jpg"), _deface_like(texture(0, HEIGHT, WIDTH), FACES))
    cv2.imwrite(str(tmp_path / "out" / "p1.jpg"), _deface_like(texture(1, HEIGHT, WIDTH), FACES[:1]))
    result = evaluate(gt, AnonymizedFolder(str(tmp_path / "out")))
    assert (result.images_evaluated, result.images_skipped) == (2, 0)
    coverage = {(s.image, s.label): s.coverage for s in result.objects}
    assert all(coverage[("images/p0.jpg", str(i))] > 0.99 for i in (1, 2, 3))
    assert coverage[("images/p1.jpg", "4")] > 0.99
    assert coverage[("images/p1.jpg", "5")] < 0.05 and coverage[("images/p1.jpg", "6")] < 0.05
    assert result.headline["r90"] == pytest.approx(4 / 6)
    assert result.headline["over"] < 0.01  # re-encoding noise is not taken for obscuring
    # the two faces left visible head the gallery of misses
    assert {m.score.label for m in result.misses} == {"5", "6"}


def test_a_flat_region_the_tool_left_unchanged_still_counts_as_obscured():
    """A black face under a black fill does not change, but its changed surroundings enclose it."""
    original = texture(3, HEIGHT, WIDTH)
    cv2.ellipse(original, (160, 120), (30, 40), 0, 0, 360, (0, 0, 0), -1)
    face = Detection("face", 0.9, (130, 80, 190, 160), "test")
    filled = _jpeg(obscure.apply(original, [face], obscure.Style("fill", 1.3, (0, 0, 0))), 95)
    inner = np.zeros((HEIGHT, WIDTH), np.uint8)
    cv2.ellipse(inner, (160, 120), (28, 38), 0, 0, 360, 1, -1)
    difference = np.abs(filled.astype(int) - original.astype(int)).max(axis=2)
    assert difference[inner > 0].mean() < 3, "the face itself did not change"
    assert changed_mask(original, filled)[inner > 0].all()


def test_a_copy_obscured_almost_everywhere_still_reads_as_obscured():
    """A crowd photo where the tool hid most of the image: the noise estimate must not grow with it."""
    original = texture(6, HEIGHT, WIDTH)
    hidden = original.copy()
    hidden[:, : WIDTH * 9 // 10] = (hidden[:, : WIDTH * 9 // 10] * 0.6).astype(np.uint8)  # dimmed, as a fill would
    changed = changed_mask(original, _jpeg(hidden, 75))
    assert changed[:, : WIDTH * 9 // 10 - 2].mean() > 0.97
    assert changed[:, WIDTH * 9 // 10 + 3 :].mean() < 0.01


def test_re_encoding_alone_is_not_obscuring():
    original = texture(4, HEIGHT, WIDTH)
    for quality in (75, 95):
        changed = changed_mask(original, _jpeg(original, quality))
        assert changed.mean() < 0.005


def test_a_colour_shift_over_the_whole_copy_is_not_obscuring():
    original = texture(5, HEIGHT, WIDTH)
    shifted = np.clip(original.astype(int) + 9, 0, 255).astype(np.uint8)
    assert changed_mask(original, shifted).mean() < 0.01


def test_detections_are_drawn_as_geoblur_masks(tmp_path):
    gt = _data_set(tmp_path, count=1)
    masks = DetectionMasks(mask_scale=1.3)
    source = str(tmp_path / "images" / "p0.jpg")
    masks.add(source, Detection("face", 0.9, FACES[0], "m"))
    x0, y0, x1, y1 = FACES[1]
    masks.add(source, Detection("face", 0.9, (x0, y0, (x0 + x1) / 2, y1), "m"))  # half the face
    # found on a copy half the size: scaled to the original
    x0, y0, x1, y1 = FACES[2]
    masks.add(source, Detection("face", 0.9, (x0 / 2, y0 / 2, x1 / 2, y1 / 2), "m"), (WIDTH // 2, HEIGHT // 2))
    result = evaluate(gt, masks)
    first, half, scaled = sorted(result.objects, key=lambda s: int(s.label))
    assert first.coverage == 1.0 and scaled.coverage == 1.0
    assert 0.5 < half.coverage < 0.9


def test_images_without_detections_are_named(tmp_path):
    gt = _data_set(tmp_path, count=2)
    masks = DetectionMasks(mask_scale=1.3)
    masks.add(str(tmp_path / "elsewhere" / "p0.jpg"), Detection("face", 0.9, FACES[0], "m"))  # matched by name
    result = evaluate(gt, masks)
    assert result.headline["objects"] == 6
    assert any("1 image(s) have no detection" in str(p) and "p1.jpg" in str(p) for p in result.problems)


def test_images_that_cannot_be_evaluated_are_reported_and_skipped(tmp_path):
    gt = _data_set(tmp_path, count=3)
    (tmp_path / "out").mkdir()
    cv2.imwrite(str(tmp_path / "out" / "p0.jpg"), texture(0, HEIGHT, WIDTH))
    cv2.imwrite(str(tmp_path / "out" / "p1.jpg"), texture(1, HEIGHT, WIDTH)[:100])  # another size
    (tmp_path / "images" / "p2.jpg").unlink()
    result = evaluate(gt, AnonymizedFolder(str(tmp_path / "out")))
    assert (result.images_evaluated, result.images_skipped) == (1, 2)
    text = " | ".join(str(p) for p in result.problems)
    assert "the anonymized image is 320×100, the original 320×240" in text
    assert "images/p2.jpg: not found in" in text
    assert result.headline["objects"] == 3 and result.headline["r50"] == 0.0


def test_labels_made_for_another_image_size_are_reported(tmp_path):
    gt = _data_set(tmp_path, count=1)
    gt.images[0].width = 640
    result = evaluate(gt, DetectionMasks(1.3))
    assert result.images_skipped == 1
    assert "labelled as 640×240 but the image is 320×240" in str(result.problems[0])


def test_the_report_is_self_contained_with_table_gallery_and_problems(tmp_path):
    gt = _data_set(tmp_path, count=1)
    gt.problems.append(Problem("annotations.json annotation 9", "box (400, 0, 410, 10) lies outside; ignored"))
    masks = DetectionMasks(1.3)
    masks.add(str(tmp_path / "images" / "p0.jpg"), Detection("face", 0.9, FACES[0], "m"))
    result = evaluate(gt, masks, gallery_size=1)
    path = tmp_path / "report.html"
    write_report(str(path), result.rows, result.misses, result.problems, [("images", 1)], TEXTS)
    text = path.read_text(encoding="utf-8")
    assert "<td class='t'>face</td><td class='t'>all</td><td>3</td>" in text
    images = re.findall(r"src='data:image/jpeg;base64,([^']+)'", text)
    assert len(images) == 1  # the gallery holds the worst miss only
    crop = cv2.imdecode(np.frombuffer(base64.b64decode(images[0]), np.uint8), cv2.IMREAD_COLOR)
    assert crop is not None and max(crop.shape[:2]) == 192
    assert "p0.jpg — face 2, 33 px, 0.00 obscured" in text  # the larger missed face is worse
    assert "<li>annotations.json annotation 9: box (400, 0, 410, 10) lies outside; ignored</li>" in text
    assert not re.search(r"(src|href)=['\"](?!data:)", text), "nothing is loaded from outside the file"


def test_a_detection_across_a_panoramas_seam_covers_both_edges(tmp_path):
    (tmp_path / "images").mkdir()
    cv2.imwrite(str(tmp_path / "images" / "pano.jpg"), np.zeros((100, 200, 3), np.uint8))
    coco = {
        "images": [{"id": 1, "file_name": "images/pano.jpg", "width": 200, "height": 100}],
        "annotations": [
            {"id": 1, "image_id": 1, "category_id": 2, "bbox": [190, 40, 10, 20], "iscrowd": 0, "group": 1},
            {"id": 2, "image_id": 1, "category_id": 2, "bbox": [0, 40, 10, 20], "iscrowd": 0, "group": 1},
        ],
        "categories": [{"id": 2, "name": "person"}],
    }
    (tmp_path / "annotations.json").write_text(json.dumps(coco))
    masks = DetectionMasks(mask_scale=1.0)
    masks.add(str(tmp_path / "images" / "pano.jpg"), Detection("person", 0.9, (190, 40, 210, 60), "m"))
    result = evaluate(load_ground_truth(str(tmp_path / "annotations.json")), masks)
    (score,) = result.objects
    assert score.coverage == 1.0
