"""GeoBlur QGIS plugin entry point.

QGIS (desktop and ``qgis_process``) calls :func:`classFactory`. Nothing heavy is imported here so
the plugin loads even when onnxruntime or OpenCV are missing; the algorithms then refuse with
the command that installs them.
"""


def classFactory(iface):  # noqa: N802 - the name QGIS looks for
    from .plugin.main import GeoBlurPlugin

    return GeoBlurPlugin(iface)
