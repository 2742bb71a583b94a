"""Without onnxruntime or OpenCV the plugin still loads, and the algorithm refuses with the exact
command that installs them into the Python running QGIS."""
import os
import sys

import pytest
from qgis.core import QgsApplication, QgsProcessingException, QgsProcessingFeedback

from geoblur.tests.layers import memory_layer


def _forget(monkeypatch, prefixes):
    """Drop already imported modules so the next import really runs (restored after the test)."""
    for name in [n for n in sys.modules if n.split(".")[0] in prefixes or n.startswith(prefixes)]:
        monkeypatch.delitem(sys.modules, name)


def test_without_onnxruntime_and_opencv_the_plugin_loads_and_the_algorithm_refuses(qgis_processing, monkeypatch, tmp_path):
    import processing

    # make the dependencies unimportable: None in sys.modules makes import fail and find_spec None
    for module in ("onnxruntime", "cv2"):
        _forget(monkeypatch, (module,))
        monkeypatch.setitem(sys.modules, module, None)
    _forget(monkeypatch, ("geoblur.core", "geoblur.processing_provider", "geoblur.plugin", "geoblur.qgis_support"))
    import geoblur

    plugin = geoblur.classFactory(None)
    plugin.initProcessing()
    try:
        algorithm = QgsApplication.processingRegistry().algorithmById("geoblur:anonymizeimages")
        assert algorithm is not None  # listed in the toolbox even so
        from geoblur.qgis_support.dependencies import install_command

        command = install_command()
        can, message = algorithm.canExecute()
        assert not can and command in message and "onnxruntime, opencv-python-headless" in message
        evaluate = QgsApplication.processingRegistry().algorithmById("geoblur:evaluate")
        assert evaluate.canExecute() == (False, message)  # every algorithm refuses alike
        feedback = QgsProcessingFeedback()
        with pytest.raises(QgsProcessingException):
            processing.run("geoblur:anonymizeimages", {
                "INPUT": memory_layer([(5, 52, str(tmp_path / "a.jpg"), None)]),
                "OUTPUT_FOLDER": str(tmp_path / "out"), "OUTPUT": "TEMPORARY_OUTPUT",
                "OUTPUT_IMAGES": "TEMPORARY_OUTPUT"}, feedback=feedback)
        assert command in feedback.textLog()  # what the user sees in the dialog's log
        assert not (tmp_path / "out").exists()
    finally:
        plugin.unload()


def test_the_install_command_uses_the_pins_and_a_python_that_can_run_pip(monkeypatch):
    from geoblur.qgis_support import dependencies

    pins = {}
    with open(os.path.join(dependencies.ROOT, "requirements.txt"), encoding="utf-8") as handle:
        for line in handle:
            if "==" in line and not line.startswith("#"):
                name, version = line.split("#")[0].strip().split("==")
                pins[name] = version
    command = dependencies.install_command()
    for distribution in dependencies.DISTRIBUTIONS.values():
        assert f"{distribution}=={pins[distribution]}" in command
    # inside the QGIS desktop sys.executable is the qgis binary: pip must run in the real interpreter
    monkeypatch.setattr(sys, "executable", "/usr/bin/qgis")
    python = dependencies.python_executable()
    assert os.path.basename(python).startswith("python") and os.access(python, os.X_OK)
    assert dependencies.install_command().startswith(f"{python} -m pip install ")


def test_a_distribution_python_gets_a_user_install_it_accepts(monkeypatch, tmp_path):
    """PEP 668: Debian 12's Python (QGIS's there) refuses a plain pip install."""
    from geoblur.qgis_support import dependencies

    (tmp_path / "EXTERNALLY-MANAGED").write_text("[externally-managed]\n")
    monkeypatch.setattr(dependencies.sysconfig, "get_path", lambda name: str(tmp_path))
    monkeypatch.setattr(sys, "base_prefix", sys.prefix)  # not a venv
    assert " -m pip install --user --break-system-packages onnxruntime==" in dependencies.install_command()
    monkeypatch.setattr(sys, "base_prefix", "/somewhere/else")  # a venv
    assert " -m pip install onnxruntime==" in dependencies.install_command()


def test_nothing_is_missing_here():
    from geoblur.qgis_support import dependencies

    assert dependencies.missing_modules() == [] and dependencies.missing_message() is None
