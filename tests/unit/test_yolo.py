"""YOLO exports are decoded whatever their layout: tiny generated models with known outputs.

Each model is a graph that ignores its image and returns constant tensors encoding boxes at
known places, so the decoding (layout, letterbox, classes, masks) is checked exactly.
"""
import numpy as np
import onnx
import onnxruntime
import pytest
from onnx import TensorProto, helper, numpy_helper

from geoblur.core.detectors.yolo import Yolo
from geoblur.core.errors import ModelError
from geoblur.core.models import ModelSpec

SIZE = 64  # the generated models' input side
NAMES = "{0: 'person', 1: 'plate'}"


def save_model(path, outputs, names=NAMES, input_shape=(1, 3, SIZE, SIZE)):
    """An ONNX model with one image input that returns the given constant ``outputs``
    (name → array), with Ultralytics-style ``names`` metadata when ``names`` is not None."""
    image = helper.make_tensor_value_info("images", TensorProto.FLOAT, list(input_shape))
    nodes, values = [], []
    for name, array in outputs.items():
        array = np.asarray(array, dtype=np.float32)
        nodes.append(helper.make_node("Constant", [], [name], value=numpy_helper.from_array(array)))
        values.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, list(array.shape)))
    model = helper.make_model(helper.make_graph(nodes, "yolo", [image], values),
                              opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    if names is not None:
        helper.set_model_props(model, {"names": names})
    onnx.save(model, str(path))
    return str(path)


def v8_predictions(rows, classes=2, anchors=8, coefficients=0):
    """(1, 4 + classes + coefficients, anchors): each row is (cx, cy, w, h, class, score, coeffs)."""
    out = np.zeros((1, 4 + classes + coefficients, anchors), np.float32)
    for anchor, (cx, cy, w, h, cls, score, *coeffs) in enumerate(rows):
        out[0, :4, anchor] = (cx, cy, w, h)
        out[0, 4 + cls, anchor] = score
        out[0, 4 + classes:4 + classes + len(coeffs), anchor] = coeffs
    return out


def adapter(path, classes):
    spec = ModelSpec(id="test.onnx", file=path, family="yolo", classes=classes)
    session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
    yolo = Yolo(spec, session)
    yolo.check()
    return yolo


def test_v8_box_is_mapped_back_through_the_letterbox(tmp_path):
    # plate centred at (32, 32), 20 x 10 in the 64 px input; the 128 x 64 image is letterboxed
    # at half size with 16 px of padding above and below
    path = save_model(tmp_path / "v8.onnx", {"output0": v8_predictions([(32, 32, 20, 10, 1, 0.9)])})
    yolo = adapter(path, {"plate": "license_plate"})
    (found,) = yolo.infer(np.zeros((64, 128, 3), np.uint8), 0.25)
    assert found.cls == "license_plate" and found.model == "test.onnx"
    assert found.score == pytest.approx(0.9)
    assert np.allclose(found.box, (44, 22, 84, 42))
    assert found.extra["label"] == "plate"
    assert yolo.tile_size == SIZE


def test_unmapped_classes_and_low_scores_are_dropped(tmp_path):
    rows = [(20, 20, 10, 10, 0, 0.8), (40, 40, 10, 10, 1, 0.8), (50, 50, 8, 8, 1, 0.1)]
    path = save_model(tmp_path / "v8.onnx", {"output0": v8_predictions(rows)})
    found = adapter(path, {"0": "person"}).infer(np.zeros((SIZE, SIZE, 3), np.uint8), 0.25)
    assert [(d.cls, d.box) for d in found] == [("person", (15.0, 15.0, 25.0, 25.0))]


def test_v5_scores_are_objectness_times_class(tmp_path):
    out = np.zeros((1, 12, 5 + 2), np.float32)
    out[0, 0] = (32, 32, 16, 16, 0.5, 0.9, 0.0)  # object 0.5 x person 0.9 = 0.45
    out[0, 1] = (10, 10, 8, 8, 0.2, 0.0, 0.9)  # plate at 0.18
    path = save_model(tmp_path / "v5.onnx", {"output0": out})
    yolo = adapter(path, {"person": "person", "plate": "license_plate"})
    assert yolo.layout.objectness
    found = yolo.infer(np.zeros((SIZE, SIZE, 3), np.uint8), 0.3)
    assert [(d.cls, round(d.score, 3), d.box) for d in found] == [("person", 0.45, (24.0, 24.0, 40.0, 40.0))]


def test_segmentation_mask_becomes_the_outline(tmp_path):
    protos = np.full((1, 32, SIZE // 4, SIZE // 4), -1.0, np.float32)
    protos[0, 0, 4:12, 6:10] = 1.0  # mask: rows 16..48, columns 24..40 of the input
    coefficients = [10.0] + [0.0] * 31
    predictions = v8_predictions([(32, 32, 40, 40, 0, 0.9, *coefficients)], coefficients=32)
    path = save_model(tmp_path / "seg.onnx", {"output0": predictions, "output1": protos})
    yolo = adapter(path, {"person": "person"})
    assert yolo.layout.name == "YOLOv8/11-seg"
    (found,) = yolo.infer(np.zeros((SIZE, SIZE, 3), np.uint8), 0.25)
    assert found.box == (12.0, 12.0, 52.0, 52.0)
    xs, ys = found.polygon[:, 0], found.polygon[:, 1]
    # the outline runs through the mask's edge pixels (4 px cells), inside the box
    assert 24 <= xs.min() <= 28 and 36 <= xs.max() <= 40
    assert 16 <= ys.min() <= 20 and 44 <= ys.max() <= 48


def test_dynamic_export_runs_at_640_and_unnamed_classes_are_indices(tmp_path):
    path = save_model(tmp_path / "dyn.onnx", {"output0": v8_predictions([(320, 320, 64, 64, 2, 0.9)], classes=3)},
                      names=None, input_shape=(1, 3, "height", "width"))
    yolo = adapter(path, {"2": "vehicle"})
    assert yolo.names == ["0", "1", "2"] and yolo.tile_size == 640
    (found,) = yolo.infer(np.zeros((640, 640, 3), np.uint8), 0.25)
    assert found.cls == "vehicle" and found.box == (288.0, 288.0, 352.0, 352.0)


def test_outputs_of_no_known_layout_are_refused(tmp_path):
    path = save_model(tmp_path / "odd.onnx", {"output0": np.zeros((1, 7, 8), np.float32)})
    with pytest.raises(ModelError, match="matches no YOLOv5"):
        adapter(path, {"plate": "license_plate"})


def test_class_the_model_lacks_is_refused_with_its_classes(tmp_path):
    path = save_model(tmp_path / "v8.onnx", {"output0": v8_predictions([])})
    with pytest.raises(ModelError, match=r"no class 'car'.*0=person, 1=plate"):
        adapter(path, {"car": "vehicle"})
