"""GeoBlur's QGIS Processing provider and its algorithms: thin adapters over ``core``."""
