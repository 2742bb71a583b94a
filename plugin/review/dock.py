"""The *Review image* dock: a second map canvas showing one original with its detections drawn
over it, QGIS's map tools to pan, draw, pick and delete shapes, and *Save and re-render*.

The canvas works in the image's pixel space (see :mod:`.session`), so its layers are never
added to the project: the original is seen here and nowhere else.
"""
from qgis.gui import QgsMapCanvas, QgsMapToolExtent, QgsMapToolIdentifyFeature, QgsMapToolPan
from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QAction, QComboBox, QDockWidget, QLabel, QToolBar, QVBoxLayout, QWidget

from ...qgis_support.i18n import tr
from ...qgis_support.styles import CLASS_COLOURS, class_labels
from .session import ReviewError, ReviewSession, box_geometry


class ReviewDock(QDockWidget):
    """Shows one :class:`ReviewSession` at a time; ``saved`` carries each render's result."""

    saved = pyqtSignal(object)

    def __init__(self, parent=None):
        super().__init__(tr("GeoBlur review"), parent)
        self.setObjectName("GeoBlurReviewDock")
        self.session = None
        self.redraw = False  # the next drawn box replaces the selected shape
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.toolbar = QToolBar(body)
        self.canvas = QgsMapCanvas(body)
        self.canvas.setCanvasColor(QColor(40, 40, 40))
        self.status = QLabel(body)
        self.status.setWordWrap(True)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.status)
        self.setWidget(body)
        self._tools()

    def _tools(self):
        self.pan_tool = QgsMapToolPan(self.canvas)
        self.draw_tool = QgsMapToolExtent(self.canvas)
        self.draw_tool.extentChanged.connect(self._drawn)
        self.pick_tool = QgsMapToolIdentifyFeature(self.canvas)
        self.pick_tool.featureIdentified.connect(self._picked)
        self.classes = QComboBox(self.toolbar)
        for cls, label in class_labels().items():
            if cls in CLASS_COLOURS:
                self.classes.addItem(label, cls)
        self.classes.currentIndexChanged.connect(self._class_chosen)
        self.pan_action = self._action(tr("Pan"), lambda: self._use(self.pan_tool))
        self.draw_action = self._action(tr("Draw a box"), lambda: self._draw(False))
        self.toolbar.addWidget(self.classes)
        self.pick_action = self._action(tr("Select a shape"), lambda: self._use(self.pick_tool))
        self.redraw_action = self._action(tr("Redraw the selected shape"), lambda: self._draw(True))
        self.delete_action = self._action(tr("Delete the selected shape"), self.delete_selected, checkable=False)
        self.toolbar.addSeparator()
        self.save_action = self._action(tr("Save and re-render"), self.save, checkable=False)
        self.discard_action = self._action(tr("Discard changes"), self.discard, checkable=False)

    def _action(self, text, slot, checkable=True) -> QAction:
        action = QAction(text, self.toolbar)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.toolbar.addAction(action)
        return action

    # -- showing an image ------------------------------------------------------------------

    def show_session(self, session: ReviewSession) -> None:
        self.close_session()
        self.session = session
        self.pick_tool.setLayer(session.shapes)
        self.canvas.setLayers([session.shapes, session.raster])
        self.canvas.setExtent(session.raster.extent())
        self.canvas.refresh()
        self._use(self.pan_tool)
        self._describe()
        self.show()
        self.raise_()

    def close_session(self) -> None:
        if self.session is not None:
            self.canvas.setLayers([])
            self.session.close()
            self.session = None

    def closeEvent(self, event):  # noqa: N802 - Qt's name
        self.close_session()
        super().closeEvent(event)

    def _describe(self, extra: str = "") -> None:
        session = self.session
        count = session.shapes.featureCount() if session else 0
        text = tr("{count} shape(s) on {path}. Draw the objects the models missed, delete the false alarms, "
                  "then save: the copy is rendered again from the original.").format(
            count=count, path=session.source if session else "")
        self.status.setText(text + (" " + extra if extra else ""))

    # -- tools ---------------------------------------------------------------------------

    def _use(self, tool) -> None:
        self.canvas.setMapTool(tool)
        for action, owner in ((self.pan_action, self.pan_tool), (self.pick_action, self.pick_tool)):
            action.setChecked(tool is owner)
        self.draw_action.setChecked(tool is self.draw_tool and not self.redraw)
        self.redraw_action.setChecked(tool is self.draw_tool and self.redraw)

    def _draw(self, redraw: bool) -> None:
        self.redraw = redraw
        self._use(self.draw_tool)

    def _drawn(self, extent) -> None:
        if self.session is None or extent.isEmpty():
            return
        box = (extent.xMinimum(), -extent.yMaximum(), extent.xMaximum(), -extent.yMinimum())
        shapes = self.session.shapes
        selected = shapes.selectedFeatureIds()
        if self.redraw and len(selected) == 1:
            shapes.changeGeometry(selected[0], box_geometry(box))
        else:
            self.session.add_shape(box, self.classes.currentData())
        self.draw_tool.clearRubberBand()
        shapes.triggerRepaint()
        self._describe()

    def _picked(self, feature) -> None:
        self.session.shapes.selectByIds([feature.id()])
        index = self.classes.findData(feature["class"])
        if index >= 0:
            self.classes.blockSignals(True)
            self.classes.setCurrentIndex(index)
            self.classes.blockSignals(False)

    def _class_chosen(self) -> None:
        """Choosing a class sets it on the selected shape too (and on the next one drawn)."""
        if self.session is None:
            return
        shapes = self.session.shapes
        index = shapes.fields().indexOf("class")
        for fid in shapes.selectedFeatureIds():
            shapes.changeAttributeValue(fid, index, self.classes.currentData())
        shapes.triggerRepaint()

    def delete_selected(self) -> None:
        if self.session is not None:
            self.session.shapes.deleteSelectedFeatures()
            self.session.shapes.triggerRepaint()
            self._describe()

    def discard(self) -> None:
        if self.session is not None:
            self.session.load_shapes()
            self.canvas.refresh()
            self._describe()

    def save(self):
        """Save the decisions and re-render; the outcome goes to the status line and ``saved``."""
        if self.session is None:
            return None
        try:
            result = self.session.save()
        except ReviewError as error:
            self._describe(str(error))
            return None
        if result.status == "failed":
            self._describe(tr("Rendering failed, the copy was removed: {}").format(result.error))
        else:
            self._describe(tr("Saved; the copy {} shows the review.").format(self.session.copy))
        self.canvas.refresh()
        self.session.detections.triggerRepaint()
        self.saved.emit(result)
        return result

