"""The shared columns and rows of a run's two layers (core.outputs), which the QGIS sinks and
the command line both write."""
from geoblur.core import outputs
from geoblur.core.types import Detection, ImageResult

RECORD = {"geoblur_version": "9.9", "models": [{"id": "centerface", "sha256": "ab", "thresholds": {"face": 0.4}}],
          "method": "fill", "mask_scale": 1.5, "device": "cpu"}


def test_image_fields_that_the_input_already_has_get_a_suffix_as_qgis_gives_them():
    # QgsProcessingUtils.combineFields(['photo', 'Status', 'status_2', 'output_path'], ours)
    names = outputs.image_field_names(["photo", "Status", "status_2", "output_path"])
    assert names[:3] == ["output_path_2", "status_3", "detections"]
    assert names[3:] == [name for name, _ in outputs.IMAGE_FIELDS][3:]


def test_rows_follow_the_fields_and_carry_the_run_record():
    result = ImageResult(7, "/p/a.jpg", "anonymized", output_path="/o/a.jpg", width=40, height=30, device="cpu",
                         notes=["EXIF thumbnail removed", "XMP preview removed"],
                         detections=[Detection("face", 0.9, (1, 2, 3, 4), "centerface")])
    place = {"bearing": 12.0, "distance_m": 3.0, "located": "wedge", "ring": None}
    result.heading, result.horizontal_fov = 90.0, 65.0
    row = outputs.detection_row(7, result, result.detections[0], place, RECORD)
    assert len(row) == len(outputs.DETECTION_FIELDS)
    assert dict(zip((n for n, _ in outputs.DETECTION_FIELDS), row)) == {
        "image_fid": 7, "source_path": "/p/a.jpg", "output_path": "/o/a.jpg", "class": "face", "score": 0.9,
        "x_min": 1.0, "y_min": 2.0, "x_max": 3.0, "y_max": 4.0, "image_width": 40, "image_height": 30,
        "model": "centerface", "bearing": 12.0, "distance_m": 3.0, "located": "wedge", "projection": "planar",
        "heading": 90.0, "horizontal_fov": 65.0, "method": "fill", "mask_scale": 1.5, "origin": "model", "decision": ""}
    image = outputs.image_row(["a.jpg"], outputs.processed_outcome(result, ""), RECORD)
    assert len(image) == 1 + len(outputs.IMAGE_FIELDS)
    assert image == ["a.jpg", "/o/a.jpg", "anonymized", 1, "", "cpu", "EXIF thumbnail removed; XMP preview removed",
                     "9.9", '[{"id": "centerface", "sha256": "ab", "thresholds": {"face": 0.4}}]', "fill", 1.5,
                     "/p/a.jpg", "planar", 90.0, 65.0]


def test_counts_add_up_statuses_and_detections():
    counts = outputs.Counts()
    counts.add(outputs.unprocessed_outcome("failed", "Feature 3: no path"))
    counts.add([None, "anonymized", 4, "", "cpu", ""])
    assert counts == {"anonymized": 1, "failed": 1, "skipped": 0, "detections": 4}
