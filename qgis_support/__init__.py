"""What both QGIS-side packages need, below them both: the translation function (:mod:`.i18n`)
and the dependency check (:mod:`.dependencies`).

``plugin`` imports ``processing_provider`` (to register it), and both import this package; it
imports neither, so there is no import cycle between the two.
"""
