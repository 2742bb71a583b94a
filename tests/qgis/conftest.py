"""Fixtures of the in-process QGIS tests: the plugin loaded as QGIS loads it, and point layers of
geotagged photos."""
import os

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer


@pytest.fixture()
def plugin(qgis_processing):
    """GeoBlur loaded through ``classFactory(None)`` + ``initProcessing()``, as ``qgis_process``
    loads it; unloaded after the test so each test sees a fresh provider."""
    import geoblur

    loaded = geoblur.classFactory(None)
    loaded.initProcessing()
    yield loaded
    loaded.unload()


def memory_layer(rows, crs="EPSG:4326", fields="field=photo:string&field=direction:double"):
    """A point layer of ``rows``: (x, y, photo, direction) tuples (extra values as the fields say)."""
    layer = QgsVectorLayer(f"Point?crs={crs}&{fields}", "photos", "memory")
    features = []
    for x, y, *attributes in rows:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        feature.setAttributes(list(attributes))
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)[0]
    return layer


def tree(folder):
    """Every file below ``folder``, as sorted paths relative to it."""
    found = []
    for root, _, files in os.walk(folder):
        found += [os.path.relpath(os.path.join(root, name), folder) for name in files]
    return sorted(found)
