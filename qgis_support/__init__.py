"""What both QGIS-side packages need, below them both: the translation function (:mod:`.i18n`),
the dependency check (:mod:`.dependencies`) and the look of a run's layers (:mod:`.styles`).

``plugin`` imports ``processing_provider`` (to register it), and both import this package; it
imports neither, so there is no import cycle between the two.
"""
import os

#: the plugin folder (the repository root, or where QGIS installed the plugin)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
#: the icon of the menu entry and of the Processing provider
ICON = os.path.join(ROOT, "icon.png")
