"""Point layers of image paths for the QGIS tests (in-process and qgis_process)."""
import os

from qgis.core import (
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsVectorFileWriter,
    QgsVectorLayer,
)


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


def save_gpkg(layer, path) -> QgsVectorLayer:
    """``layer`` written to a GeoPackage at ``path``, read back."""
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    error = QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(path), QgsCoordinateTransformContext(), options)
    assert error[0] == QgsVectorFileWriter.NoError, error
    return QgsVectorLayer(str(path), "photos")


def tree(folder):
    """Every file below ``folder``, as sorted paths relative to it, but for the run's ledger
    (``.geoblur/``, which GeoBlur keeps in every output folder)."""
    found = []
    for root, folders, files in os.walk(folder):
        if os.path.abspath(root) == os.path.abspath(folder) and ".geoblur" in folders:
            folders.remove(".geoblur")
        found += [os.path.relpath(os.path.join(root, name), folder) for name in files]
    return sorted(found)
