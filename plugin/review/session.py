"""One image under review: its original as a raster in pixel space, its detections as an
editable layer in the same space, and saving the decisions back.

Pixel space: the raster's x is the image column and its y minus the row (GDAL's north-up
convention), so a detection box (x_min, y_min, x_max, y_max) is the rectangle from
(x_min, -y_min) to (x_max, -y_max). The shapes layer is an ordinary editable memory layer: the
review dock's tools, QGIS's attribute table and the layer's editing API all edit it the same way.

The original is decoded upright (EXIF orientation applied, as the detections were measured) and
kept in GDAL's memory file system only: the review shows the original, nothing writes it to
disk. Saving writes into the detections layer (a reviewer's rows, ``kept`` and ``rejected``
decisions, boxes and footprints recomputed), then renders the copy again at once with
:mod:`core.render` (same method, same fail-closed rules).
"""
import uuid
from typing import Dict, List, Optional

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsDefaultValue,
    QgsEditorWidgetSetup,
    QgsExpression,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsRasterLayer,
    QgsRectangle,
    QgsRendererCategory,
    QgsSymbol,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor

from ...processing_provider.footprint_geometry import FootprintProjector, camera_point
from ...processing_provider.render import layer_rows, plain
from ...qgis_support.i18n import tr
from ...qgis_support.styles import CLASS_COLOURS, class_labels, latest_field

#: the model name of a row a reviewer drew
REVIEW_MODEL = "review"
SHAPE_FIELDS = "field=detection_id:long&field=class:string(20)&field=score:double&field=origin:string(10)"


class ReviewError(Exception):
    """The image cannot be reviewed or saved; the message says why, naming the feature and file."""


def box_geometry(box) -> QgsGeometry:
    x0, y0, x1, y1 = (float(v) for v in box)
    return QgsGeometry.fromRect(QgsRectangle(x0, -y1, x1, -y0))


def geometry_box(geometry: QgsGeometry):
    """The box (x_min, y_min, x_max, y_max, in pixels) a shape covers: its bounding box, so a
    reviewer's polygon of any shape is obscured whole."""
    rect = geometry.boundingBox()
    return rect.xMinimum(), -rect.yMaximum(), rect.xMaximum(), -rect.yMinimum()


class ReviewSession:
    """The image of feature ``fid`` of ``images``, with its rows in ``detections``."""

    def __init__(self, images: QgsVectorLayer, fid: int, detections: QgsVectorLayer, transform_context):
        from ...core.imageio import read_image

        self.images, self.fid, self.detections = images, fid, detections
        self.transform_context = transform_context
        feature = images.getFeature(fid)

        def value(name):
            field = latest_field(images, name)
            return plain(feature[field]) if field else None

        self.source, self.copy = value("source_path"), value("output_path")
        if not self.copy or not self.source:
            raise ReviewError(tr("Feature {fid} of {layer} has no anonymized copy to review (status: {status}). "
                                 "Run the anonymization for it first.").format(
                fid=fid, layer=images.name(), status=value("status")))
        self.projection = value("projection") or "planar"
        self.heading, self.horizontal_fov = value("camera_heading"), value("horizontal_fov")
        self.method, self.mask_scale = value("method"), value("mask_scale")
        self.camera = camera_point(feature.geometry())
        try:
            loaded = read_image(self.source)
        except Exception as error:  # noqa: BLE001 - any reason the original cannot be read is told
            raise ReviewError(tr("Feature {fid}: the original {path} cannot be opened ({error}); the review needs "
                                 "the originals.").format(fid=fid, path=self.source, error=error)) from None
        self.height, self.width = loaded.pixels.shape[:2]
        self.raster_path = f"/vsimem/geoblur-review-{uuid.uuid4().hex}.tif"
        self.raster = self._raster(loaded.rgb8())
        self.shapes = self._shapes()
        self.load_shapes()

    # -- the two layers -----------------------------------------------------------------------

    def _raster(self, rgb) -> QgsRasterLayer:
        from osgeo import gdal

        dataset = gdal.GetDriverByName("GTiff").Create(self.raster_path, self.width, self.height, 3, gdal.GDT_Byte)
        dataset.SetGeoTransform((0.0, 1.0, 0.0, 0.0, 0.0, -1.0))
        for band in range(3):
            dataset.GetRasterBand(band + 1).WriteArray(rgb[..., band])
        dataset = None  # flushed into GDAL's memory file system
        layer = QgsRasterLayer(self.raster_path, tr("Original (review only)"), "gdal")
        if not layer.isValid():
            raise ReviewError(tr("The original {} could not be shown.").format(self.source))
        return layer

    def _shapes(self) -> QgsVectorLayer:
        layer = QgsVectorLayer("Polygon?" + SHAPE_FIELDS, tr("Detections under review"), "memory")
        classes = class_labels()
        index = layer.fields().indexOf("class")
        layer.setEditorWidgetSetup(index, QgsEditorWidgetSetup(
            "ValueMap", {"map": [{classes[c]: c} for c in CLASS_COLOURS]}))
        layer.setDefaultValueDefinition(index, QgsDefaultValue("'face'"))
        categories = []
        for cls, colour in CLASS_COLOURS.items():
            symbol = QgsSymbol.defaultSymbol(layer.geometryType())
            symbol.symbolLayer(0).setFillColor(QColor(0, 0, 0, 0))
            symbol.symbolLayer(0).setStrokeColor(QColor(colour))
            symbol.symbolLayer(0).setStrokeWidth(0.8)
            categories.append(QgsRendererCategory(cls, symbol, classes[cls]))
        layer.setRenderer(QgsCategorizedSymbolRenderer("class", categories))
        return layer

    def rows(self, include_rejected: bool = False) -> List[dict]:
        """This copy's rows in the detections layer (as core.render reads them)."""
        request = QgsFeatureRequest().setFilterExpression(
            '"output_path" = {}'.format(QgsExpression.quotedValue(self.copy)))
        found = layer_rows(self.detections, request)
        return found if include_rejected else [r for r in found if r.get("decision") != "rejected"]

    def load_shapes(self) -> None:
        """Fill the shapes layer from the detections layer (rejected rows are not shown) and
        leave it in editing mode for the reviewer."""
        if self.shapes.isEditable():
            self.shapes.rollBack()
        provider = self.shapes.dataProvider()
        provider.truncate()
        features = []
        for row in self.rows():
            feature = QgsFeature(self.shapes.fields())
            feature.setAttributes([row["id"], row.get("class"), row.get("score"), row.get("origin") or "model"])
            feature.setGeometry(box_geometry([row.get(k) or 0.0 for k in ("x_min", "y_min", "x_max", "y_max")]))
            features.append(feature)
        provider.addFeatures(features)
        self.shapes.updateExtents()
        self.shapes.startEditing()

    def add_shape(self, box, cls: str) -> bool:
        """Add a reviewer's shape (what the dock's drawing tool does)."""
        feature = QgsFeature(self.shapes.fields())
        feature.setAttributes([None, cls, 1.0, "reviewer"])
        feature.setGeometry(box_geometry(box))
        return self.shapes.addFeature(feature)

    # -- saving -------------------------------------------------------------------------------

    def save(self):
        """Write the decisions into the detections layer, then render the copy again. Returns
        the render's :class:`core.types.ImageResult`. Raises ReviewError, having written
        nothing, when a shape's class is unknown or the detections layer cannot be edited."""
        from ...core.types import CLASSES

        shapes = list(self.shapes.getFeatures())
        for shape in shapes:
            if shape["class"] not in CLASSES:
                raise ReviewError(tr("A shape has the class {cls!r}; choose one of {classes}.").format(
                    cls=plain(shape["class"]), classes=", ".join(CLASSES)))
            if shape.geometry().isNull() or shape.geometry().boundingBox().isEmpty():
                raise ReviewError(tr("A shape has no area; draw it again or delete it."))
        self._write(shapes)
        result = self.render()
        self.load_shapes()
        return result

    def _write(self, shapes) -> None:
        layer = self.detections
        if layer.isEditable() and layer.isModified():
            raise ReviewError(tr("The layer {} has unsaved edits: save or discard them first.").format(layer.name()))
        if not layer.isEditable() and not layer.startEditing():
            raise ReviewError(tr("The layer {} cannot be edited (read-only?).").format(layer.name()))
        kept = {plain(s["detection_id"]): s for s in shapes if plain(s["detection_id"]) is not None}
        fields = layer.fields()
        for row in self.rows():
            shape = kept.get(row["id"])
            changes = {fields.indexOf("decision"): "rejected" if shape is None else "kept"}
            if shape is not None:
                box = geometry_box(shape.geometry())
                old = tuple(float(row.get(k) or 0.0) for k in ("x_min", "y_min", "x_max", "y_max"))
                if shape["class"] != row.get("class") or any(abs(a - b) > 1e-6 for a, b in zip(box, old)):
                    changes.update(self._placed(fields, shape["class"], box))
                    layer.changeGeometry(row["id"], self._footprint_geometry(shape["class"], box))
            layer.changeAttributeValues(row["id"], changes)
        for shape in shapes:
            if plain(shape["detection_id"]) is None:
                layer.addFeature(self._new_row(shape))
        if not layer.commitChanges():
            errors = "; ".join(layer.commitErrors())
            layer.rollBack()
            raise ReviewError(tr("The review could not be saved into {layer}: {errors}").format(
                layer=layer.name(), errors=errors))

    def _placed(self, fields, cls: str, box) -> Dict[int, object]:
        """Field index → value of a row's class, box and footprint attributes."""
        place = self._place(cls, box)
        values = {"class": cls, "x_min": box[0], "y_min": box[1], "x_max": box[2], "y_max": box[3],
                  "bearing": place["bearing"], "distance_m": place["distance_m"], "located": place["located"]}
        return {fields.indexOf(name): value for name, value in values.items()}

    def _new_row(self, shape) -> QgsFeature:
        fields = self.detections.fields()
        feature = QgsFeature(fields)
        box = geometry_box(shape.geometry())
        image_fid = next((r.get("image_fid") for r in self.rows(include_rejected=True)), self.fid)
        values = {"image_fid": image_fid, "source_path": self.source, "output_path": self.copy, "score": 1.0,
                  "image_width": self.width, "image_height": self.height, "model": REVIEW_MODEL,
                  "projection": self.projection, "heading": self.heading, "horizontal_fov": self.horizontal_fov,
                  "method": self.method, "mask_scale": self.mask_scale, "origin": "reviewer", "decision": "kept"}
        for name, value in values.items():
            if fields.indexOf(name) >= 0:
                feature[name] = value
        for index, value in self._placed(fields, shape["class"], box).items():
            feature[index] = value
        feature.setGeometry(self._footprint_geometry(shape["class"], box))
        return feature

    def _place(self, cls: str, box) -> dict:
        from ...core.footprints import footprint
        from ...core.types import Detection, ImageResult

        image = ImageResult(self.fid, self.source, "anonymized", width=self.width, height=self.height,
                            projection=self.projection, heading=self.heading, horizontal_fov=self.horizontal_fov)
        return footprint(image, Detection(cls, 1.0, tuple(box), REVIEW_MODEL))

    def _footprint_geometry(self, cls: str, box) -> QgsGeometry:
        if self.camera is None:
            return QgsGeometry()
        projector = FootprintProjector(self.detections.crs(), self.transform_context)
        return projector.polygon(projector.local_to_layer(QgsPointXY(self.camera)), self._place(cls, box)["ring"])

    def render(self):
        """Render the copy from the detections layer's rows, then record the outcome on the
        image's row (status, error, detections) where the images layer can be written."""
        from ...core.render import Renderer, plan_renders
        from ...core.types import ImageResult

        rows = self.rows(include_rejected=True)
        if not rows:  # rows are rejected, never deleted: none at all means nothing was ever decided
            return ImageResult(self.fid, self.source, "skipped", output_path=self.copy, error="up to date")
        [job] = plan_renders(rows)
        result = Renderer().render(job)
        self._record(result, len(job.detections))
        return result

    def _record(self, result, count: int) -> None:
        if self.images.isEditable():
            return  # the user is editing it: theirs to save; the log tells the outcome
        fields = self.images.fields()
        changes = {fields.indexOf(latest_field(self.images, "detections")): count,
                   fields.indexOf(latest_field(self.images, "status")):
                       "anonymized" if result.status in ("anonymized", "skipped") else "failed",
                   fields.indexOf(latest_field(self.images, "error")): result.error if result.status == "failed" else ""}
        changes = {index: value for index, value in changes.items() if index >= 0}
        self.images.dataProvider().changeAttributeValues({self.fid: changes})
        self.images.triggerRepaint()

    def close(self) -> None:
        """Drop the layers, then the original's pixels from GDAL's memory file system."""
        from osgeo import gdal

        self.raster = self.shapes = None  # the raster layer closes its GDAL dataset first
        gdal.Unlink(self.raster_path)


def find_detections_layer(project, images: QgsVectorLayer, copy: Optional[str]) -> Optional[QgsVectorLayer]:
    """The run's detections layer in ``project``: one that holds rows of ``copy``, else the only
    detections layer in the images layer's folder, else the only one at all."""
    from ...qgis_support.styles import is_detections_layer

    candidates = [layer for layer in project.mapLayers().values() if is_detections_layer(layer)]
    if copy:
        expression = '"output_path" = {}'.format(QgsExpression.quotedValue(copy))
        holding = [layer for layer in candidates
                   if next(layer.getFeatures(QgsFeatureRequest().setFilterExpression(expression).setLimit(1)), None)]
        if holding:
            return holding[0]
    folder = images.source().split("|")[0].rsplit("/", 1)[0]
    beside = [layer for layer in candidates if layer.source().split("|")[0].rsplit("/", 1)[0] == folder]
    if len(beside) == 1:
        return beside[0]
    return candidates[0] if len(candidates) == 1 else None
