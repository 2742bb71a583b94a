"""The QGIS desktop side of GeoBlur: the plugin class (menu entry, translator, provider registration).

The translation function and the dependency check live in ``qgis_support``, below both this
package and ``processing_provider``; the only import between the two is plugin → processing_provider.
"""
