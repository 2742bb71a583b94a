"""GeoBlur's engine: detection and anonymization of images, with no QGIS or Qt import.

Everything here runs the same under QGIS Processing, a test, a command line or a cluster worker;
it reports through the callbacks in :mod:`.callbacks` and never prints.
"""
