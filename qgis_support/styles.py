"""How a run's two layers look in QGIS: symbols by class and by status, a map tip with the
anonymized copy, and actions to open the copy or review the image.

The style is applied to the layers a run loads (Processing's layer post-processing, see
:class:`StylePostProcessor`) and stored in each GeoPackage as its default style
(:func:`store_default`), so a layer opened later, elsewhere, or after a headless ``qgis_process``
run looks the same. The map tip shows the *anonymized* copy (``output_path``), never the
original: a map tip is seen by whoever hovers over the map.
"""
from typing import Optional

from qgis.core import (
    QgsAction,
    QgsCategorizedSymbolRenderer,
    QgsProcessingLayerPostProcessorInterface,
    QgsRendererCategory,
    QgsSymbol,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import Qt, QUuid
from qgis.PyQt.QtXml import QDomDocument
from qgis.PyQt.QtGui import QColor

from .i18n import tr

#: colour of each detection class, and of a row a reviewer rejected
CLASS_COLOURS = {"face": "#ff7f00", "person": "#e31a1c", "license_plate": "#1f78b4", "vehicle": "#6a3d9a"}
REJECTED_COLOUR = "#9e9e9e"
#: colour of each image status
STATUS_COLOURS = {"anonymized": "#33a02c", "failed": "#e31a1c", "skipped": "#9e9e9e"}
STYLE_NAME = "GeoBlur"
#: the name :func:`review_action` gives the action, so the plugin and tests can find it
REVIEW_ACTION = "geoblur-review"
OPEN_ACTION = "geoblur-open-copy"
#: fixed ids, so a style exported twice is the same text (core/cli/styles/*.qml are compared)
ACTION_IDS = {OPEN_ACTION: "{4d7f0b1e-7c61-4b8e-9a55-0c2f6b0e9a11}", REVIEW_ACTION: "{9b3e5c2a-1f47-4d2b-8e6a-5a7d0c3f2b22}"}


def class_labels() -> dict:
    return {"face": tr("Face"), "person": tr("Person"), "license_plate": tr("Licence plate"),
            "vehicle": tr("Vehicle"), "rejected": tr("Rejected in review")}


def status_labels() -> dict:
    return {"anonymized": tr("Anonymized"), "failed": tr("Failed (no copy)"), "skipped": tr("Skipped")}


def latest_field(layer: QgsVectorLayer, name: str) -> str:
    """The field GeoBlur wrote as ``name``: ``name`` itself, or ``name_2``, ``name_3``… when the
    input already had that name (an earlier run's images layer as input), the last one."""
    names = {field.lower(): field for field in layer.fields().names()}
    found, suffix = names.get(name.lower(), ""), 2
    while f"{name}_{suffix}".lower() in names:
        found, suffix = names[f"{name}_{suffix}".lower()], suffix + 1
    return found


def is_detections_layer(layer) -> bool:
    names = set(layer.fields().names()) if isinstance(layer, QgsVectorLayer) else set()
    return {"output_path", "source_path", "class", "x_min", "y_min", "x_max", "y_max", "decision"} <= names


def is_images_layer(layer) -> bool:
    return (isinstance(layer, QgsVectorLayer) and layer.geometryType() == QgsWkbTypes.PointGeometry
            and all(latest_field(layer, n) for n in ("output_path", "status", "source_path")))


def _symbol(layer: QgsVectorLayer, colour: str, dashed: bool = False) -> QgsSymbol:
    symbol = QgsSymbol.defaultSymbol(layer.geometryType())
    symbol.setColor(QColor(colour))
    if layer.geometryType() == QgsWkbTypes.PolygonGeometry:
        fill = QColor(colour)
        fill.setAlpha(90)
        symbol.symbolLayer(0).setFillColor(fill)
        symbol.symbolLayer(0).setStrokeColor(QColor(colour))
        symbol.symbolLayer(0).setStrokeWidth(0.6)
        if dashed:
            symbol.symbolLayer(0).setStrokeStyle(Qt.DashLine)
            symbol.symbolLayer(0).setFillColor(QColor(0, 0, 0, 0))
    else:
        symbol.setSize(3.0)
    return symbol


def _copy_tip(path_field: str) -> str:
    """Map tip HTML: the anonymized copy, at most 320×240 on screen, or a word that there is none."""
    return ('[% CASE WHEN "{f}" IS NULL THEN \'{none}\' ELSE '
            '\'<img src="file:///\' || regexp_replace(replace("{f}", \'\\\\\', \'/\'), \'^/+\', \'\') || '
            '\'" style="max-width:320px; max-height:240px"/>\' END %]').format(
        f=path_field, none=tr("No anonymized copy.").replace("'", "''"))


def _open_copy_action(path_field: str) -> QgsAction:
    return QgsAction(QUuid(ACTION_IDS[OPEN_ACTION]), QgsAction.OpenUrl, tr("Open the anonymized copy"),
                     '[% "{}" %]'.format(path_field), "", False, OPEN_ACTION, {"Feature", "Canvas"})


def review_action() -> QgsAction:
    """Opens GeoBlur ▸ Review image on the feature (attribute table, identify results, map)."""
    code = ("from qgis.utils import plugins\n"
            "[p for p in plugins.values() if type(p).__name__ == 'GeoBlurPlugin'][0]"
            ".review_feature('[% @layer_id %]', [% $id %])")
    return QgsAction(QUuid(ACTION_IDS[REVIEW_ACTION]), QgsAction.GenericPython, tr("Review image"), code, "", False,
                     REVIEW_ACTION, {"Feature", "Canvas"})


def _set_actions(layer: QgsVectorLayer, actions) -> None:
    manager = layer.actions()
    for existing in manager.actions():
        if existing.shortTitle() in (OPEN_ACTION, REVIEW_ACTION):
            manager.removeAction(existing.id())
    for action in actions:
        manager.addAction(action)


def style_detections(layer: QgsVectorLayer) -> None:
    """Colour by class (a rejected row grey and dashed), a tip with the copy, an action to open it."""
    labels = class_labels()
    categories = [QgsRendererCategory(cls, _symbol(layer, colour), labels[cls]) for cls, colour in CLASS_COLOURS.items()]
    categories.append(QgsRendererCategory("rejected", _symbol(layer, REJECTED_COLOUR, dashed=True), labels["rejected"]))
    layer.setRenderer(QgsCategorizedSymbolRenderer(
        "CASE WHEN \"decision\" = 'rejected' THEN 'rejected' ELSE \"class\" END", categories))
    layer.setMapTipTemplate('<p><b>[% "class" %]</b> [% format_number("score", 2) %] · [% "model" %]</p>'
                            + _copy_tip("output_path"))
    layer.setDisplayExpression('"class"')
    _set_actions(layer, [_open_copy_action("output_path")])
    layer.triggerRepaint()


def style_images(layer: QgsVectorLayer) -> None:
    """Colour by status, a tip with the copy, actions to open it and to review the image."""
    status, path = latest_field(layer, "status") or "status", latest_field(layer, "output_path") or "output_path"
    labels = status_labels()
    categories = [QgsRendererCategory(name, _symbol(layer, colour), labels[name]) for name, colour in STATUS_COLOURS.items()]
    layer.setRenderer(QgsCategorizedSymbolRenderer(status, categories))
    layer.setMapTipTemplate('<p><b>[% "{s}" %]</b> [% "{p}" %]</p>'.format(s=status, p=path) + _copy_tip(path))
    layer.setDisplayExpression('"{}"'.format(path))
    _set_actions(layer, [review_action(), _open_copy_action(path)])
    layer.triggerRepaint()


def apply(layer: QgsVectorLayer, kind: str) -> None:
    (style_detections if kind == "detections" else style_images)(layer)


def qml(kind: str) -> str:
    """GeoBlur's style of ``kind`` ("detections" or "images") as QML text, for a layer with the
    fields :mod:`core.outputs` defines: what the command line stores in its GeoPackages
    (``core/cli/styles/``, written by ``make styles``), so they look as the algorithm's do."""
    from ..core import outputs

    spec = outputs.DETECTION_FIELDS if kind == "detections" else outputs.IMAGE_FIELDS
    kinds = {"int": "integer", "int64": "long", "real": "double", "text": "string"}
    geometry = "Polygon" if kind == "detections" else "Point"
    layer = QgsVectorLayer(geometry + "?" + "&".join(f"field={n}:{kinds[k]}" for n, k in spec), kind, "memory")
    apply(layer, kind)
    document = QDomDocument()
    layer.exportNamedStyle(document)
    return document.toString(1)


def store_default(destination: str, kind: str) -> str:
    """Style the GeoPackage layer at ``destination`` and store the style in it as the layer's
    default. Returns an error message, "" when stored, and does nothing for a destination that is
    not a GeoPackage (a temporary layer gets its style from :class:`StylePostProcessor`)."""
    if ".gpkg" not in destination.lower():
        return ""
    layer = QgsVectorLayer(destination, kind, "ogr")
    if not layer.isValid():
        return tr("The layer {} could not be opened to store its style.").format(destination)
    apply(layer, kind)
    return layer.saveStyleToDatabase(STYLE_NAME, tr("GeoBlur's style: symbols, map tip and actions"), True, "")


class StylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Styles a layer the run loads into the project. Processing keeps only a pointer to a
    post-processor, so each kind's instance is kept here for as long as QGIS runs."""

    instances = {}

    def __init__(self, kind: str):
        super().__init__()
        self.kind = kind

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 - QGIS's name
        if isinstance(layer, QgsVectorLayer):
            apply(layer, self.kind)

    @classmethod
    def for_kind(cls, kind: str) -> Optional["StylePostProcessor"]:
        if kind not in cls.instances:
            cls.instances[kind] = StylePostProcessor(kind)
        return cls.instances[kind]
