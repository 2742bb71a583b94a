"""Whatever breaks on one image fails that image, with its cause, and the run goes on; the run
record names the exact model files (issue: privacy holes 3, 5 and 7)."""
import dataclasses
import os

import cv2
import numpy as np
import pytest

from geoblur.core import obscure
from geoblur.core.errors import ModelError
from geoblur.core.imageio import read_image, written_by_geoblur
from geoblur.core.models import default_model_for, load_manifest, verified_sha256
from geoblur.core.pipeline import Anonymizer, Settings
from geoblur.core.types import ImageJob

from .image_samples import jpeg_with, photo, write


@pytest.fixture(scope="module")
def anonymizer():
    return Anonymizer(Settings(classes=("face",), style=obscure.Style(method="fill"), device="cpu"))


def _jobs(tmp_path, count):
    jobs = []
    (tmp_path / "photos").mkdir(exist_ok=True)
    for index in range(count):
        source = tmp_path / "photos" / f"{index}.jpg"
        write(source, jpeg_with(photo()))
        jobs.append(ImageJob(index, str(source), str(tmp_path / "out" / f"{index}.jpg")))
    return jobs


def test_onnxruntime_and_opencv_errors_fail_one_image_each(anonymizer, monkeypatch, tmp_path):
    adapter = anonymizer.adapters[0][0]
    real_infer = type(adapter).infer
    calls = {"n": 0}

    def breaking_infer(self, rgb, min_score):
        calls["n"] += 1
        if calls["n"] == 1:  # a real session fed a tensor it cannot take
            self.session.run(None, {self.session.get_inputs()[0].name: np.zeros((1, 1), np.float32)})
        if calls["n"] == 2:  # a real OpenCV failure
            cv2.resize(np.zeros((0, 0), np.uint8), (0, 0))
        return real_infer(self, rgb, min_score)

    monkeypatch.setattr(type(adapter), "infer", breaking_infer)
    jobs = _jobs(tmp_path, 3)
    results = list(anonymizer.run(jobs))
    assert [r.status for r in results] == ["failed", "failed", "anonymized"]
    assert jobs[0].source in results[0].error and "onnxruntime" in results[0].error
    assert jobs[1].source in results[1].error and "cv2" in results[1].error
    assert not os.path.exists(jobs[0].destination) and not os.path.exists(jobs[1].destination)
    assert written_by_geoblur(jobs[2].destination)


def test_a_folder_at_the_destination_fails_that_image_only(anonymizer, tmp_path):
    jobs = _jobs(tmp_path, 2)
    os.makedirs(jobs[0].destination)
    results = list(anonymizer.run(jobs))
    assert results[0].status == "failed" and "a folder is already at the output path" in results[0].error
    assert os.path.isdir(jobs[0].destination)
    assert results[1].status == "anonymized"


def test_only_geoblur_s_own_stale_copy_is_removed_when_an_image_fails(anonymizer, tmp_path):
    jobs = _jobs(tmp_path, 2)
    assert all(r.status == "anonymized" for r in anonymizer.run(jobs))
    # the sources go bad; the first run's copies stay only where GeoBlur did not write them
    foreign = b"somebody else's file"
    os.remove(jobs[1].destination)
    write(jobs[1].destination, foreign)
    for job in jobs:
        write(job.source, b"not an image any more")
    results = list(anonymizer.run(jobs))
    assert [r.status for r in results] == ["failed", "failed"]
    assert not os.path.exists(jobs[0].destination)  # its stale, less anonymized copy is gone
    with open(jobs[1].destination, "rb") as stream:
        assert stream.read() == foreign  # never GeoBlur's to delete
    assert "did not write" in results[1].error


def test_the_run_record_names_each_model_by_its_verified_sha256(anonymizer):
    record = anonymizer.record
    spec = default_model_for("face", load_manifest())
    assert record["models"] == [{"id": spec.id, "sha256": spec.sha256, "thresholds": {"face": spec.threshold_for("face")}}]
    assert record["method"] == "fill" and record["mask_scale"] == 1.3 and record["device"] == "cpu"
    assert record["geoblur_version"] and record["geoblur_version"] != "unknown"


def test_a_model_file_that_is_not_the_manifest_s_is_refused(tmp_path):
    spec = default_model_for("face", load_manifest())
    swapped = tmp_path / "centerface.onnx"
    with open(spec.file, "rb") as stream:
        swapped.write_bytes(stream.read() + b"\0")
    with pytest.raises(ModelError, match="is not the file its manifest names"):
        verified_sha256(dataclasses.replace(spec, file=str(swapped)))


@pytest.mark.parametrize("bits", [10, 12, 16])
def test_16_bit_data_in_its_low_bits_is_scaled_by_its_real_range(anonymizer, tmp_path, bits):
    """A 12-bit camera's data in a 16-bit PNG: the detectors see a normal picture (the face is
    found and obscured), not one 16 times too dark."""
    deep = (photo().astype(np.uint16) << (bits - 8)) | ((1 << (bits - 8)) - 1)
    source, destination = tmp_path / "photos" / "deep.png", tmp_path / "out" / "deep.png"
    source.parent.mkdir()
    assert cv2.imwrite(str(source), deep)
    rgb = read_image(str(source)).rgb8()
    assert abs(int(rgb.max()) - int(photo().max())) <= 1
    result = anonymizer.process(ImageJob(1, str(source), str(destination)))
    assert result.status == "anonymized" and result.detections
    assert cv2.imread(str(destination), cv2.IMREAD_UNCHANGED).dtype == np.uint16
