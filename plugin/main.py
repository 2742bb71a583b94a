"""The plugin object QGIS creates through ``classFactory``.

``qgis_process`` calls only :meth:`GeoBlurPlugin.initProcessing` (with ``iface`` None); the
desktop calls :meth:`initGui`, which registers the same provider and adds a menu entry that opens
the algorithm's dialog. Nothing heavy is imported here: the algorithms import the engine when
they run, so the plugin loads even without onnxruntime or OpenCV.
"""
import os

from qgis.core import QgsApplication, QgsProject, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, Qt, QTranslator
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
        self.review_action = None
        self.review_dock = None
        self.pick_tool = None
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
        self.review_action = QAction(QIcon(ICON), tr("Review image…"), self.iface.mainWindow())
        self.review_action.setObjectName("geoblurReviewImage")
        self.review_action.triggered.connect(self.review_selected)
        self.iface.addPluginToRasterMenu(tr("GeoBlur"), self.review_action)

    def open_dialog(self):
        """Open the algorithm's dialog, as the Processing toolbox would."""
        import processing

        processing.execAlgorithmDialog(ALGORITHM_ID)

    # -- review ---------------------------------------------------------------------------

    def review_selected(self):
        """Review the selected feature of the active images layer, or, without one, the feature
        the user clicks next on the map."""
        from ..qgis_support.styles import is_images_layer

        layer = self.iface.activeLayer()
        if not is_images_layer(layer):
            self._warn(tr("Select the images layer of a GeoBlur run (OUTPUT_IMAGES) in the Layers panel."))
            return
        selected = layer.selectedFeatureIds()
        if len(selected) == 1:
            self.review_feature(layer.id(), selected[0])
            return
        from qgis.gui import QgsMapToolIdentifyFeature

        self.pick_tool = QgsMapToolIdentifyFeature(self.iface.mapCanvas(), layer)
        self.pick_tool.featureIdentified.connect(lambda feature: self._picked(layer, feature))
        self.iface.mapCanvas().setMapTool(self.pick_tool)
        self.iface.messageBar().pushInfo(tr("GeoBlur"), tr("Click the image to review on the map."))

    def _picked(self, layer, feature):
        self.iface.mapCanvas().unsetMapTool(self.pick_tool)
        self.review_feature(layer.id(), feature.id())

    def review_feature(self, layer_id, fid):
        """Open *Review image* on feature ``fid`` of the images layer ``layer_id`` (the layer's
        *Review image* action calls this)."""
        from .review.dock import ReviewDock
        from .review.session import ReviewError, ReviewSession, find_detections_layer
        from ..qgis_support.styles import latest_field

        project = QgsProject.instance()
        images = project.mapLayer(layer_id)
        if images is None:
            self._warn(tr("The images layer is no longer in the project."))
            return None
        copy = images.getFeature(fid)[latest_field(images, "output_path")] if latest_field(images, "output_path") else None
        detections = find_detections_layer(project, images, copy if isinstance(copy, str) else None)
        if detections is None:
            self._warn(tr("Add the run's detections layer (OUTPUT) to the project: the review edits it."))
            return None
        try:
            session = ReviewSession(images, fid, detections, project.transformContext())
        except ReviewError as error:
            self._warn(str(error))
            return None
        if self.review_dock is None:
            self.review_dock = ReviewDock(self.iface.mainWindow())
            self.iface.addDockWidget(Qt.RightDockWidgetArea, self.review_dock)
        self.review_dock.show_session(session)
        return self.review_dock

    def _warn(self, message):
        self.iface.messageBar().pushWarning(tr("GeoBlur"), message)

    def unload(self):
        if self.review_dock is not None:
            self.review_dock.close_session()
            self.iface.removeDockWidget(self.review_dock)
            self.review_dock.deleteLater()
            self.review_dock = None
        for action in (self.action, self.review_action):
            if action is not None:
                self.iface.removePluginRasterMenu(tr("GeoBlur"), action)
                action.deleteLater()
        self.action = self.review_action = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
        from ..core import warm_pool

        warm_pool.shut_down()  # the local engine's idle workers exit with the plugin

    def _install_translator(self):
        """Load i18n/geoblur_<locale>.qm when GeoBlur has a translation for QGIS's language."""
        path = os.path.join(ROOT, "i18n", f"geoblur_{user_locale()}.qm")
        if self.translator is None and os.path.exists(path):
            translator = QTranslator()
            if translator.load(path):
                QCoreApplication.installTranslator(translator)
                self.translator = translator
