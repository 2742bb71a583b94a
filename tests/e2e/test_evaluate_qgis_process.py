"""geoblur:evaluate end to end: qgis_process with the plugin enabled in a fresh profile writes
the table and the HTML report for a labelled set and its anonymized copies."""
import csv
import json
import os
import re
import site
import subprocess

import cv2
import numpy as np
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
QGIS_PROCESS = "/usr/bin/qgis_process.bin"  # Debian's qgis_process wrapper passes an option 3.22 rejects

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def qgis_env(tmp_path_factory):
    """A fresh profile with GeoBlur (this checkout, linked as ``geoblur``) enabled, and this
    venv's packages (OpenCV, onnxruntime) visible to QGIS's Python."""
    base = tmp_path_factory.mktemp("qgis-process")
    plugins = base / "plugins"
    plugins.mkdir()
    os.symlink(ROOT, plugins / "geoblur")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        QGIS_PLUGINPATH=str(plugins),
        QGIS_CUSTOM_CONFIG_PATH=str(base / "profile"),
        PYTHONPATH=os.pathsep.join(site.getsitepackages() + [os.environ.get("PYTHONPATH", "")]),
        PYTHONDONTWRITEBYTECODE="1",
    )
    enabled = subprocess.run([QGIS_PROCESS, "plugins", "enable", "geoblur"], env=env, capture_output=True, text=True)
    assert enabled.returncode == 0, enabled.stdout + enabled.stderr
    return env


def test_qgis_process_writes_the_table_and_the_report(qgis_env, tmp_path):
    rng = np.random.default_rng(0)
    (tmp_path / "images").mkdir()
    (tmp_path / "copies").mkdir()
    original = cv2.GaussianBlur(rng.integers(0, 255, (240, 320, 3)).astype(np.uint8), (0, 0), 3)
    original = cv2.normalize(original, None, 0, 255, cv2.NORM_MINMAX)
    cv2.imwrite(str(tmp_path / "images" / "street.jpg"), original)
    copy = original.copy()
    copy[30:110, 30:90] = 0  # the first face hidden, the second left
    cv2.imwrite(str(tmp_path / "copies" / "street.jpg"), copy)
    coco = {
        "images": [{"id": 1, "file_name": "images/street.jpg", "width": 320, "height": 240}],
        "annotations": [
            {"id": 1, "image_id": 1, "category_id": 1, "bbox": [40, 40, 40, 60], "iscrowd": 0},
            {"id": 2, "image_id": 1, "category_id": 1, "bbox": [200, 60, 30, 36], "iscrowd": 0},
            {"id": 3, "image_id": 7, "category_id": 1, "bbox": [0, 0, 10, 10], "iscrowd": 0},
        ],
        "categories": [{"id": 1, "name": "face"}],
    }
    (tmp_path / "annotations.json").write_text(json.dumps(coco))
    table, report = tmp_path / "coverage.csv", tmp_path / "report.html"
    done = subprocess.run(
        [
            QGIS_PROCESS, "--json", "run", "geoblur:evaluate", "--",
            f"GROUND_TRUTH={tmp_path / 'annotations.json'}",
            f"ANONYMIZED={tmp_path / 'copies'}",
            f"OUTPUT={table}",
            f"REPORT={report}",
        ],
        env=qgis_env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    results = json.loads(done.stdout)["results"]
    assert results["OBJECTS"] == 2 and results["FACES_R90"] == 0.5 and results["PROBLEMS"] == 1
    with open(table, newline="", encoding="utf-8") as handle:
        rows = {(r["class"], r["size"]): r for r in csv.DictReader(handle)}
    assert rows[("face", "all")]["objects"] == "2" and float(rows[("face", "all")]["r90"]) == 0.5
    html = report.read_text(encoding="utf-8")
    assert len(re.findall(r"src='data:image/jpeg;base64,", html)) == 1  # the face left visible
    assert "refer to image id 7, which is not listed" in html
