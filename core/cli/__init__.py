"""GeoBlur's command line: the QGIS algorithm ``geoblur:anonymizeimages`` without QGIS, for
servers and cluster nodes.

``python3 -m core.cli`` from the plugin folder (or ``python3 -m geoblur.core.cli`` with the
folder above it on ``PYTHONPATH``) runs the same engine (:mod:`core.runner`) on the same image
jobs, and writes the same anonymized copies and the same two GeoPackages (:mod:`core.outputs`),
here with GDAL/OGR's Python bindings. Only this package imports ``osgeo``: the engine itself
stays free of GDAL, as it stays free of QGIS.
"""
