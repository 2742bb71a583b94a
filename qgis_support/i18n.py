"""The translation function every user-facing string goes through.

Qt's translator looks strings up by context; one context, ``GeoBlur``, keeps the .ts files in
i18n/ simple. The translator itself is installed by the plugin class from i18n/geoblur_<locale>.qm.
"""
from qgis.PyQt.QtCore import QCoreApplication

CONTEXT = "GeoBlur"


def tr(message: str) -> str:
    """Translate ``message`` in GeoBlur's context (returns it unchanged without a translation)."""
    return QCoreApplication.translate(CONTEXT, message)
