"""The manifest describes the shipped files truthfully, and sessions are created once."""
import json
import os

import pytest

from geoblur.core import models
from geoblur.core.errors import ModelError


def test_every_shipped_model_matches_its_manifest_sha256():
    manifest = models.load_manifest()
    assert manifest, "the manifest lists the bundled models"
    for spec in manifest.values():
        assert models.sha256_of(spec.file) == spec.sha256, spec.id
        assert spec.licence and spec.source.get("package"), spec.id


def test_rebuild_script_check_mode_verifies_the_shipped_files():
    import subprocess
    import sys

    script = os.path.join(models.MODELS_DIR, "rebuild.py")
    done = subprocess.run([sys.executable, script, "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "centerface: ok" in done.stderr


def test_each_class_with_a_bundled_model_has_one_default():
    manifest = models.load_manifest()
    assert models.default_model_for("face", manifest).id == "centerface"


def test_session_is_created_once_per_model_and_device():
    spec = models.load_manifest()["centerface"]
    assert models.session_for(spec, "cpu") is models.session_for(spec, "cpu")
    assert models.device_of(models.session_for(spec, "cpu")) == "cpu"


def test_cuda_request_without_cuda_build_says_what_to_install():
    import onnxruntime

    if "CUDAExecutionProvider" in onnxruntime.get_available_providers():
        pytest.skip("this onnxruntime has CUDA")
    with pytest.raises(ModelError, match="onnxruntime-gpu"):
        models.providers_for("cuda")


def test_manifest_entry_mapping_to_an_unknown_class_is_refused(tmp_path):
    entry = {"id": "x", "file": "x.onnx", "family": "yolo", "classes": {"0": "pedestrian"}}
    (tmp_path / "m.json").write_text(json.dumps({"models": [entry]}))
    with pytest.raises(ModelError, match="unknown classes"):
        models.load_manifest(str(tmp_path / "m.json"))


def test_missing_model_file_is_a_model_error(tmp_path):
    spec = models.ModelSpec("ghost", str(tmp_path / "none.onnx"), "centerface", {"face": "face"})
    with pytest.raises(ModelError, match="not found"):
        models.session_for(spec, "cpu")
