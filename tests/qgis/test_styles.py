"""The command line's GeoPackages carry the same QGIS style as the algorithm's: the QML files it
stores (core/cli/styles/) are what qgis_support/styles.py makes, and QGIS applies them when it
opens the files."""
import os
import xml.etree.ElementTree as ElementTree

import pytest
from qgis.core import QgsCategorizedSymbolRenderer, QgsVectorLayer

from geoblur.tests.geotagged import face_photo, write_geotagged_jpeg
from geoblur.tests.unit.test_cli import cli, utm_layer

STYLES = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                      "core", "cli", "styles")


@pytest.mark.parametrize("kind", ["detections", "images"])
def test_the_shipped_styles_are_what_the_code_makes(qgis_app, kind):
    from geoblur.qgis_support.styles import qml

    with open(os.path.join(STYLES, f"{kind}.qml"), encoding="utf-8") as handle:
        shipped = handle.read()
    # Qt writes attributes in a different order in each process: compare canonical XML
    assert canonical(shipped) == canonical(qml(kind)), "run `make styles`"


def canonical(qml_text: str) -> str:
    """The QML as canonical XML (attributes sorted), an action's scopes in one order (QGIS keeps
    them in a set), without the DOCTYPE line."""
    root = ElementTree.fromstring(qml_text.split("\n", 1)[1])
    for action in root.iter("actionsetting"):
        scopes = sorted(action.findall("actionScope"), key=lambda scope: scope.get("id"))
        for scope in scopes:
            action.remove(scope)
        action.extend(scopes)
    return ElementTree.canonicalize(ElementTree.tostring(root, encoding="unicode"), strip_text=True)


def test_the_command_line_s_geopackages_open_styled_in_qgis(qgis_app, tmp_path):
    photo = write_geotagged_jpeg(str(tmp_path / "photos" / "a.jpg"), face_photo(), 52.0, 5.0, 90.0, 31)
    utm_layer(tmp_path / "survey.gpkg", tmp_path, [(photo, 52.0, 5.0, 90.0)])
    done = cli(tmp_path / "survey.gpkg", "--output-folder", tmp_path / "out", "--workers", 1)
    assert done.returncode == 0, done.stderr
    for kind, attribute in (("detections", "class"), ("images", "status")):
        layer = QgsVectorLayer(str(tmp_path / f"out.{kind}.gpkg"), kind)
        assert layer.isValid() and layer.featureCount() >= 1
        assert isinstance(layer.renderer(), QgsCategorizedSymbolRenderer)
        assert attribute in layer.renderer().classAttribute() and "output_path" in layer.mapTipTemplate()
