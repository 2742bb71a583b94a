"""Fixtures of the end-to-end tests (see :mod:`.runner`)."""
import pytest

from geoblur.tests.e2e.runner import ROOT, qgis_process_env


@pytest.fixture(scope="module")
def checkout_env(tmp_path_factory):
    """qgis_process with this checkout as the installed plugin."""
    return qgis_process_env(tmp_path_factory.mktemp("qgis-process"), ROOT)
