"""The plugin object QGIS creates through ``classFactory``.

``qgis_process`` calls only :meth:`GeoBlurPlugin.initProcessing` (with ``iface`` None); the
desktop calls :meth:`initGui`, which registers the same provider and adds a menu entry that opens
the algorithm's dialog. Nothing heavy is imported here: the algorithms import the engine when
they run, so the plugin loads even without onnxruntime or OpenCV.
"""
import os

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from ..qgis_support import ICON, ROOT
from ..qgis_support.i18n import tr

ALGORITHM_ID = "geoblur:anonymizeimages"


def user_locale() -> str:
    """The two-letter language QGIS is set to (its own setting first, then the system's)."""
    locale = QgsSettings().value("locale/userLocale", "") or QLocale().name()
    return str(locale)[:2]


class GeoBlurPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.action = None
        self.translator = None

    def initProcessing(self):  # noqa: N802 - QGIS's name
        """Register the Processing provider (once) and keep a reference so it stays alive."""
        if self.provider is not None:
            return
        self._install_translator()
        from ..processing_provider.provider import GeoBlurProvider

        self.provider = GeoBlurProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802 - QGIS's name
        self.initProcessing()
        self.action = QAction(QIcon(ICON), tr("Anonymize images attached to points…"), self.iface.mainWindow())
        self.action.setObjectName("geoblurAnonymizeImages")
        self.action.triggered.connect(self.open_dialog)
        self.iface.addPluginToRasterMenu(tr("GeoBlur"), self.action)

    def open_dialog(self):
        """Open the algorithm's dialog, as the Processing toolbox would."""
        import processing

        processing.execAlgorithmDialog(ALGORITHM_ID)

    def unload(self):
        if self.action is not None:
            self.iface.removePluginRasterMenu(tr("GeoBlur"), self.action)
            self.action.deleteLater()
            self.action = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None

    def _install_translator(self):
        """Load i18n/geoblur_<locale>.qm when GeoBlur has a translation for QGIS's language."""
        path = os.path.join(ROOT, "i18n", f"geoblur_{user_locale()}.qm")
        if self.translator is None and os.path.exists(path):
            translator = QTranslator()
            if translator.load(path):
                QCoreApplication.installTranslator(translator)
                self.translator = translator
