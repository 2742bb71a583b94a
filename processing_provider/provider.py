"""The ``geoblur`` Processing provider: the algorithms as the toolbox, models and
``qgis_process`` see them."""
import os

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..plugin.i18n import tr
from .anonymize_images import AnonymizeImagesAlgorithm

ICON = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "icon.png")


def optional_algorithms():
    """Algorithms that live in modules other contributors may not have delivered yet; each is
    added when its module defines it, so the provider loads either way."""
    try:
        from .evaluate import EvaluateAlgorithm
    except ImportError:
        return []
    return [EvaluateAlgorithm]


class GeoBlurProvider(QgsProcessingProvider):
    def id(self):
        return "geoblur"

    def name(self):
        return tr("GeoBlur")

    def longName(self):
        return tr("GeoBlur: anonymize georeferenced images")

    def icon(self):
        return QIcon(ICON)

    def loadAlgorithms(self):
        self.addAlgorithm(AnonymizeImagesAlgorithm())
        for algorithm in optional_algorithms():
            self.addAlgorithm(algorithm())
