"""The QGIS side of GeoBlur: plugin class, dependency check, settings and translation."""
