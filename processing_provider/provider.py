"""The ``geoblur`` Processing provider: the algorithms as the toolbox, models and
``qgis_process`` see them."""
from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..qgis_support import ICON
from ..qgis_support.i18n import tr
from .anonymize_images import AnonymizeImagesAlgorithm
from .evaluate import EvaluateAlgorithm
from .render import RenderAlgorithm


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
        self.addAlgorithm(EvaluateAlgorithm())
        self.addAlgorithm(RenderAlgorithm())
