"""The user's own models: class maps, manifests, and every bad input refused before any image."""
import json

import numpy as np
import pytest

from geoblur.core.errors import ModelError
from geoblur.core.pipeline import Anonymizer, Settings
from geoblur.core.user_models import load_user_models, parse_class_map

from .test_yolo import save_model, v8_predictions


@pytest.fixture
def plate_model(tmp_path):
    """A YOLOv8 export with classes person and plate that finds a plate at (22, 27)-(42, 37)."""
    return save_model(tmp_path / "city_plates.onnx", {"output0": v8_predictions([(32, 32, 20, 10, 1, 0.9)])})


def test_class_map_takes_names_indices_and_aliases():
    assert parse_class_map("plate=licence plate; car = vehicle,\n0=persons") == {
        "plate": "license_plate", "car": "vehicle", "0": "person"}
    assert parse_class_map("") == {}


@pytest.mark.parametrize("text, message", [
    ("plate=number", r"'number' .* is not a GeoBlur class; use one of face, person"),
    ("plate", r"'plate' is not 'model class=GeoBlur class'"),
])
def test_bad_class_map_is_refused(text, message):
    with pytest.raises(ModelError, match=message):
        parse_class_map(text)


def test_onnx_model_with_class_map(plate_model):
    (spec,) = load_user_models([plate_model], "plate=license_plate")
    assert spec.id == "city_plates.onnx" and spec.family == "yolo"
    assert spec.classes == {"plate": "license_plate"} and spec.geoblur_classes == ["license_plate"]


def test_class_names_that_are_geoblur_classes_need_no_map(plate_model):
    (spec,) = load_user_models([plate_model], "")
    assert spec.classes == {"person": "person", "plate": "license_plate"}


def test_anonymizer_runs_the_user_model_and_names_it(plate_model):
    (spec,) = load_user_models([plate_model], "1=license_plate")
    anonymizer = Anonymizer(Settings(classes=("license_plate",), extra_models=[spec], device="cpu"))
    found = anonymizer.detect(np.zeros((64, 64, 3), np.uint8))
    # the bundled plate search finds nothing in black; the user's model finds its plate
    assert [(d.model, d.box) for d in found] == [("city_plates.onnx", (22.0, 27.0, 42.0, 37.0))]


def test_manifest_entry_for_a_user_model(tmp_path, plate_model):
    manifest = tmp_path / "models.json"
    manifest.write_text(json.dumps({"models": [{
        "id": "city-plates", "file": "city_plates.onnx", "family": "yolo",
        "classes": {"plate": "license_plate"}, "threshold": 0.4}]}))
    (spec,) = load_user_models([str(manifest)], "")
    assert (spec.id, spec.file, spec.threshold) == ("city-plates", plate_model, 0.4)


def test_two_files_of_the_same_name_get_distinct_ids(tmp_path, plate_model):
    (tmp_path / "other").mkdir()
    copy = save_model(tmp_path / "other" / "city_plates.onnx", {"output0": v8_predictions([])})
    ids = [s.id for s in load_user_models([plate_model, copy], "plate=license_plate")]
    assert ids == ["city_plates.onnx", "city_plates.onnx (2)"]


def test_missing_file(tmp_path):
    with pytest.raises(ModelError, match=r"nothere.onnx not found"):
        load_user_models([str(tmp_path / "nothere.onnx")], "")


def test_file_that_is_not_onnx(tmp_path):
    fake = tmp_path / "fake.onnx"
    fake.write_text("not a model")
    with pytest.raises(ModelError, match=r"fake.onnx is not an ONNX model that onnxruntime can load"):
        load_user_models([str(fake)], "")


def test_pytorch_weights_are_refused_with_the_export_command(tmp_path):
    weights = tmp_path / "best.pt"
    weights.write_bytes(b"\0" * 16)
    with pytest.raises(ModelError, match=r"yolo export model=best.pt format=onnx"):
        load_user_models([str(weights)], "")


def test_outputs_of_another_kind_of_model(tmp_path):
    path = save_model(tmp_path / "classifier.onnx", {"output0": np.zeros((1, 1000), np.float32)})
    with pytest.raises(ModelError, match=r"classifier.onnx is not a YOLO detection or segmentation export"):
        load_user_models([path], "0=person")


def test_class_the_model_does_not_have(plate_model):
    with pytest.raises(ModelError, match=r"'car' is a class of none of the models \(city_plates.onnx\)"):
        load_user_models([plate_model], "plate=license_plate; car=vehicle")


def test_model_with_no_mapped_class(tmp_path):
    path = save_model(tmp_path / "signs.onnx", {"output0": v8_predictions([])}, names="{0: 'stop', 1: 'yield'}")
    with pytest.raises(ModelError, match=r"signs.onnx: none of its classes \(0=stop, 1=yield\) is mapped"):
        load_user_models([path], "")


def test_manifest_with_unknown_family(tmp_path, plate_model):
    manifest = tmp_path / "models.json"
    manifest.write_text(json.dumps({"id": "x", "file": "city_plates.onnx", "family": "detr",
                                    "classes": {"plate": "license_plate"}}))
    with pytest.raises(ModelError, match=r"unknown family 'detr'; known families: centerface, dbnet, nanodet, yolo"):
        load_user_models([str(manifest)], "")


def test_user_model_may_not_take_a_bundled_id(tmp_path, plate_model):
    manifest = tmp_path / "models.json"
    manifest.write_text(json.dumps({"id": "centerface", "file": "city_plates.onnx", "family": "yolo",
                                    "classes": {"plate": "license_plate"}}))
    with pytest.raises(ModelError, match=r"has the id of one of GeoBlur's own models"):
        load_user_models([str(manifest)], "")
