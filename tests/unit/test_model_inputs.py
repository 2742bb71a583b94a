"""A model's input is data: its manifest entry's ``input`` block, else its ONNX metadata, else
its family's defaults; and every session, GeoBlur's or the user's, comes from one builder.

The models here are tiny graphs whose output is a known function of the tensor they are fed,
so what the adapter feeds them (colour order, scale, mean, std) is read back from the output.
"""
import json

import numpy as np
import onnx
import onnxruntime
import pytest
from onnx import TensorProto, helper, numpy_helper

from geoblur.core import models
from geoblur.core.detectors import make_adapter
from geoblur.core.detectors.dbnet import DBNet
from geoblur.core.errors import ModelError
from geoblur.core.models import InputSpec, ModelSpec
from geoblur.core.pipeline import Anonymizer, Settings
from geoblur.core.user_models import load_user_models

WEIGHTS = (1.0, 10.0, 100.0)  # the text model's "probability": c0 + 10·c1 + 100·c2 of what it is fed


def _save(path, nodes, inputs, outputs, initializers, metadata=None):
    model = helper.make_model(helper.make_graph(nodes, "probe", inputs, outputs, initializers),
                              opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    if metadata:
        helper.set_model_props(model, metadata)
    onnx.save(model, str(path))
    return str(path)


def text_model(path, metadata=None):
    """A DBNet-shaped model (one NCHW input ``x``, one (1, 1, H, W) map) whose map is the
    weighted sum of its input's channels (:data:`WEIGHTS`)."""
    weights = numpy_helper.from_array(np.array(WEIGHTS, np.float32).reshape(1, 3, 1, 1), "w")
    return _save(path, [helper.make_node("Conv", ["x", "w"], ["map"])],
                 [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, "h", "w"])],
                 [helper.make_tensor_value_info("map", TensorProto.FLOAT, [1, 1, "h", "w"])], [weights], metadata)


def plate_model(path, metadata=None):
    """A YOLOv8 export (64 px, classes person and plate) with one plate box at (22, 27)-(42, 37)
    scored 0.4 × the mean of the first channel it is fed."""
    base = np.zeros((1, 6, 8), np.float32)
    base[0, :4, 0] = (32, 32, 20, 10)
    onehot = np.zeros((1, 6, 8), np.float32)
    onehot[0, 5, 0] = 1.0
    initializers = [numpy_helper.from_array(a, n) for n, a in [
        ("pick", np.array([1, 0, 0], np.float32).reshape(1, 3, 1, 1)), ("gain", np.array(0.4, np.float32)),
        ("shape", np.array([1, 1, 1], np.int64)), ("base", base), ("onehot", onehot)]]
    nodes = [
        helper.make_node("Conv", ["images", "pick"], ["first"]),
        helper.make_node("ReduceMean", ["first"], ["mean"], axes=[0, 1, 2, 3], keepdims=0),
        helper.make_node("Mul", ["mean", "gain"], ["score"]),
        helper.make_node("Reshape", ["score", "shape"], ["score3"]),
        helper.make_node("Mul", ["score3", "onehot"], ["scores"]),
        helper.make_node("Add", ["base", "scores"], ["output0"]),
    ]
    metadata = dict({"names": "{0: 'person', 1: 'plate'}"}, **(metadata or {}))
    return _save(path, nodes, [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, 64, 64])],
                 [helper.make_tensor_value_info("output0", TensorProto.FLOAT, [1, 6, 8])], initializers, metadata)


def text_adapter(path, manifest_input=None):
    spec = ModelSpec("probe", path, "dbnet", {"text": "license_plate"}, input=manifest_input or {})
    adapter = DBNet(spec, onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"]))
    adapter.check()
    return adapter


def fed(rgb, color, scale, mean, std):
    """What the text model computes from an image fed as described."""
    pixels = (rgb[..., ::-1] if color == "BGR" else rgb).astype(np.float64) * scale
    return (((pixels - mean) / std) * WEIGHTS).sum(axis=2)


@pytest.fixture
def rgb():
    return np.random.default_rng(7).integers(0, 256, (40, 70, 3), dtype=np.uint8)


def test_the_family_defaults_feed_a_model_that_says_nothing(tmp_path, rgb):
    adapter = text_adapter(text_model(tmp_path / "text.onnx"))
    expected = fed(rgb, "RGB", 1 / 255, np.array([0.485, 0.456, 0.406]), np.array([0.229, 0.224, 0.225]))
    assert np.allclose(adapter.probability(rgb), expected, atol=1e-3)


def test_the_manifest_input_block_is_honoured(tmp_path, rgb):
    block = {"color": "BGR", "scale": "0..255", "mean": [10, 20, 30], "std": [2, 4, 8], "size_multiple": 16}
    adapter = text_adapter(text_model(tmp_path / "text.onnx"), block)
    expected = fed(rgb, "BGR", 1.0, np.array([10, 20, 30]), np.array([2, 4, 8]))
    assert np.allclose(adapter.probability(rgb), expected, rtol=1e-5, atol=1e-3)
    assert adapter.padded(rgb).shape == (1, 3, 48, 80)  # padded to multiples of 16, not 32


def test_deepness_style_metadata_is_honoured(tmp_path, rgb):
    metadata = {"channel_order": "bgr", "scale": "1/255", "standardization_mean": "[0.5, 0.25, 0.125]",
                "standardization_std": "0.5, 0.5, 0.25"}
    adapter = text_adapter(text_model(tmp_path / "text.onnx", metadata))
    assert adapter.input == InputSpec("BGR", 1 / 255, (0.5, 0.25, 0.125), (0.5, 0.5, 0.25), None, 32)
    expected = fed(rgb, "BGR", 1 / 255, np.array([0.5, 0.25, 0.125]), np.array([0.5, 0.5, 0.25]))
    assert np.allclose(adapter.probability(rgb), expected, atol=1e-3)


def test_the_manifest_input_block_wins_over_the_metadata(tmp_path, rgb):
    path = text_model(tmp_path / "text.onnx", {"color_order": "BGR", "mean": "[1, 1, 1]"})
    adapter = text_adapter(path, {"color": "RGB", "scale": 1})
    assert (adapter.input.color, adapter.input.scale, adapter.input.mean) == ("RGB", 1.0, (1.0, 1.0, 1.0))


def test_a_users_yolo_export_is_fed_as_its_metadata_says(tmp_path):
    """The user's .onnx, through the same loading and session path as a run: a blue image is
    0 in the red channel the export is fed by default, 1.0 in the first channel when the export
    says it takes BGR, then (1.0 - 0.25) / 0.5 with its mean and std."""
    blue = np.zeros((64, 64, 3), np.uint8)
    blue[..., 2] = 255
    plain = load_user_models([plate_model(tmp_path / "plain.onnx")], "plate=license_plate")[0]
    assert make_adapter(plain, "cpu").infer(blue, 0.01) == []
    said = plate_model(tmp_path / "said.onnx", {"color_order": "BGR", "mean": "0.25", "std": "[0.5, 0.5, 0.5]"})
    (spec,) = load_user_models([said], "plate=license_plate")
    (found,) = make_adapter(spec, "cpu").infer(blue, 0.01)
    assert found.cls == "license_plate" and found.score == pytest.approx(0.6)


def test_ultralytics_imgsz_sizes_a_dynamic_export(tmp_path):
    from .test_yolo import save_model, v8_predictions

    path = save_model(tmp_path / "dyn.onnx", {"output0": v8_predictions([])}, input_shape=(1, 3, "h", "w"))
    model = onnx.load(path)
    helper.set_model_props(model, {"names": "{0: 'person', 1: 'plate'}", "imgsz": "[320, 480]"})
    onnx.save(model, path)
    (spec,) = load_user_models([path], "plate=license_plate")
    assert make_adapter(spec, "cpu")._size == (480, 320)  # (width, height)


@pytest.mark.parametrize("block, message", [
    ({"color": "YUV"}, r"its input 'color' is 'YUV', which is not RGB or BGR"),
    ({"std": [1, 0, 1]}, r"which is not three positive numbers"),
    ({"scale": "0..2"}, r"which is not a positive number, 1/255, 0..1 or 0..255"),
    ({"layout": "NHWC"}, r"input layout 'NHWC' is not one GeoBlur feeds"),
    ({"name": "images"}, r"describes an input 'images', but the model's input is 'x'"),
])
def test_an_input_block_that_does_not_fit_is_refused(tmp_path, block, message):
    with pytest.raises(ModelError, match=message):
        text_adapter(text_model(tmp_path / "text.onnx"), block)


def test_metadata_that_does_not_parse_is_refused_with_its_key(tmp_path):
    with pytest.raises(ModelError, match=r"its ONNX metadata 'standardization_mean' is 'grey'"):
        text_adapter(text_model(tmp_path / "text.onnx", {"standardization_mean": "grey"}))


def test_an_input_size_that_is_not_the_models_is_refused(tmp_path):
    path = plate_model(tmp_path / "fixed.onnx", {"imgsz": "[640, 640]"})
    with pytest.raises(ModelError, match=r"takes 64 x 64 images .* but its input spec says 640 x 640"):
        load_user_models([path], "plate=license_plate")


def test_bundled_models_are_fed_exactly_as_before_the_manifest_said_it():
    """The manifest's input blocks reproduce, bit for bit, the normalisation each adapter had
    written in its code."""
    rgb = np.random.default_rng(3).integers(0, 256, (50, 60, 3), dtype=np.uint8)
    rgb.reshape(-1, 3)[:256] = np.arange(256)[:, None]  # every value in every channel
    manifest = models.load_manifest()
    adapters = {spec_id: make_adapter(spec, "cpu") for spec_id, spec in manifest.items()}
    before = {
        "centerface": rgb.astype(np.float32),
        "nanodet-m": (rgb[..., ::-1].astype(np.float32) - np.array([103.53, 116.28, 123.675], np.float32))
        / np.array([57.375, 57.12, 58.395], np.float32),
        "ppocrv4-det": (rgb.astype(np.float32) / 255.0 - np.array([0.485, 0.456, 0.406], np.float32))
        / np.array([0.229, 0.224, 0.225], np.float32),
    }
    assert set(adapters) == set(before)
    for spec_id, values in before.items():
        assert np.array_equal(adapters[spec_id].normalise(rgb), values.transpose(2, 0, 1)), spec_id
    assert adapters["nanodet-m"]._size == 416 and adapters["ppocrv4-det"].input.size_multiple == 32


# --- one session builder -------------------------------------------------------------------------

def test_sessions_are_built_with_the_chosen_options():
    options = models.session_options(3)
    assert options.graph_optimization_level == onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    assert options.enable_cpu_mem_arena and not options.enable_mem_pattern
    assert (options.intra_op_num_threads, options.inter_op_num_threads) == (3, 1)
    assert models.session_options().intra_op_num_threads == 0  # onnxruntime's default: every core


def test_a_user_manifest_entry_is_verified_when_it_is_chosen(tmp_path):
    plate = plate_model(tmp_path / "city.onnx")
    manifest = tmp_path / "models.json"
    manifest.write_text(json.dumps({"id": "city", "file": "city.onnx", "family": "yolo",
                                    "classes": {"plate": "license_plate"}, "sha256": "0" * 64}))
    with pytest.raises(ModelError, match=r"is not the file its manifest names"):
        load_user_models([str(manifest)], "")
    manifest.write_text(json.dumps({"id": "city", "file": "city.onnx", "family": "yolo",
                                    "classes": {"plate": "license_plate"}, "sha256": models.sha256_of(plate)}))
    assert load_user_models([str(manifest)], "")[0].id == "city"


def test_a_plain_onnx_has_no_sha256_to_check_but_the_record_names_its_digest(tmp_path):
    path = plate_model(tmp_path / "city.onnx")
    (spec,) = load_user_models([path], "plate=license_plate")
    assert spec.sha256 == ""
    record = Anonymizer(Settings(classes=("license_plate",), extra_models=[spec], device="cpu")).record
    assert {"id": "city.onnx", "sha256": models.sha256_of(path), "thresholds": {"license_plate": 0.25}} \
        in record["models"]


def test_a_changed_file_gets_a_new_session(tmp_path):
    path = plate_model(tmp_path / "city.onnx")
    spec = ModelSpec("city.onnx", path, "yolo", {"plate": "license_plate"})
    first = models.session_for(spec, "cpu")
    assert models.session_for(spec, "cpu") is first
    plate_model(tmp_path / "city.onnx", {"color_order": "BGR"})
    assert models.session_for(spec, "cpu") is not first
    models.release_sessions()


def test_cuda_that_falls_back_to_the_cpu_is_refused(monkeypatch):
    """onnxruntime-gpu without its CUDA libraries starts the session on the CPU with a warning;
    asked for ``cuda``, GeoBlur says so instead of running slowly."""
    monkeypatch.setattr(models, "providers_for", lambda device: ["CPUExecutionProvider"])
    spec = models.load_manifest()["centerface"]
    with pytest.raises(ModelError, match=r"CUDA was requested but onnxruntime could not start it"):
        models.open_session(spec, "cuda")
    assert models.device_of(models.open_session(spec, "auto")) == "cpu"
