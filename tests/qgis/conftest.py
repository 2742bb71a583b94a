"""Fixtures of the in-process QGIS tests: the plugin loaded as QGIS loads it."""
import pytest

from geoblur.tests.layers import memory_layer  # noqa: F401 - test_evaluate_algorithm imports it from here


@pytest.fixture()
def plugin(qgis_processing):
    """GeoBlur loaded through ``classFactory(None)`` + ``initProcessing()``, as ``qgis_process``
    loads it; unloaded after the test so each test sees a fresh provider."""
    import geoblur

    loaded = geoblur.classFactory(None)
    loaded.initProcessing()
    yield loaded
    loaded.unload()
