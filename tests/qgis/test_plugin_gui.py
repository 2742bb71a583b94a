"""The desktop side under pytest-qgis's QGIS interface: initGui adds the menu entry that opens the
algorithm, unload removes it and the provider; the German translation is installed."""
import os

import pytest
from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtWidgets import QMenu


@pytest.fixture()
def raster_menu(qgis_iface, monkeypatch):
    """pytest-qgis's interface has no Raster menu: give it one that behaves like QGIS's
    (a sub-menu per plugin, removed when its last action goes)."""
    menu = QMenu("Raster")

    def add(name, action):
        sub = next((m for m in menu.findChildren(QMenu) if m.title() == name), None) or menu.addMenu(name)
        sub.addAction(action)

    def remove(name, action):
        for sub in menu.findChildren(QMenu):
            if sub.title() == name:
                sub.removeAction(action)
                if not sub.actions():
                    menu.removeAction(sub.menuAction())
                    sub.deleteLater()

    monkeypatch.setattr(qgis_iface, "addPluginToRasterMenu", add, raising=False)
    monkeypatch.setattr(qgis_iface, "removePluginRasterMenu", remove, raising=False)
    return menu


def _entries(menu):
    return {(sub.title(), action.text()) for sub in menu.findChildren(QMenu) for action in sub.actions()}


def test_init_gui_adds_the_menu_entry_and_unload_removes_it_and_the_provider(qgis_iface, qgis_processing,
                                                                            raster_menu, monkeypatch):
    import geoblur
    import processing

    opened = []
    monkeypatch.setattr(processing, "execAlgorithmDialog", lambda alg_id, *args: opened.append(alg_id))
    plugin = geoblur.classFactory(qgis_iface)
    registry = QgsApplication.processingRegistry()
    plugin.initGui()
    try:
        assert _entries(raster_menu) == {("GeoBlur", "Anonymize images attached to points…"),
                                         ("GeoBlur", "Review image…")}
        assert registry.providerById("geoblur") is not None
        assert registry.algorithmById("geoblur:anonymizeimages") is not None
        plugin.action.trigger()
        assert opened == ["geoblur:anonymizeimages"]
    finally:
        plugin.unload()
    assert _entries(raster_menu) == set() and raster_menu.actions() == []
    assert registry.providerById("geoblur") is None
    assert registry.algorithmById("geoblur:anonymizeimages") is None


@pytest.mark.parametrize("locale, name", [("de_DE", "Bilder an Punkten anonymisieren"),
                                          ("nl_NL", "Aan punten gekoppelde afbeeldingen anonimiseren")])
def test_the_translation_is_installed_for_a_german_or_dutch_qgis(qgis_processing, locale, name):
    import geoblur
    from geoblur.qgis_support.i18n import tr

    settings = QgsSettings()
    before = settings.value("locale/userLocale", None)
    settings.setValue("locale/userLocale", locale)
    plugin = geoblur.classFactory(None)
    try:
        plugin.initProcessing()
        assert plugin.translator is not None
        algorithm = QgsApplication.processingRegistry().algorithmById("geoblur:anonymizeimages")
        assert algorithm.displayName() == tr("Anonymize images attached to points") == name
        render = QgsApplication.processingRegistry().algorithmById("geoblur:render")
        assert render.displayName() == tr("Re-render anonymized copies from reviewed detections") != (
            "Re-render anonymized copies from reviewed detections")
    finally:
        plugin.unload()
        if before is None:
            settings.remove("locale/userLocale")
        else:
            settings.setValue("locale/userLocale", before)
    assert tr("Anonymize images attached to points") == "Anonymize images attached to points"


@pytest.mark.parametrize("language", ["de", "nl"])
def test_the_translation_source_holds_exactly_the_strings_of_the_code_all_translated(language):
    """A string added or changed without ``make translations`` and a translation fails here (Qt
    would then show it untranslated)."""
    import importlib.util

    from geoblur.plugin.main import ROOT

    spec = importlib.util.spec_from_file_location("translations", os.path.join(ROOT, "scripts", "translations.py"))
    translations = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(translations)
    code = {text for text, _, _ in translations.extract()}
    ts = translations.read_translations(os.path.join(ROOT, "i18n", f"geoblur_{language}.ts"))
    assert code - set(ts) == set(), "run `make translations`"
    assert set(ts) - code == set(), "run `make translations`"
    assert [text for text, (_, finished) in ts.items() if not finished] == [], f"translate them in geoblur_{language}.ts"
    assert os.path.getsize(os.path.join(ROOT, "i18n", f"geoblur_{language}.qm")) > 1000


def test_the_dialog_builds_and_its_defaults_run(qgis_iface, qgis_processing, monkeypatch, tmp_path):
    """What the menu entry opens: every parameter gets a widget, and the values the dialog sends
    unchanged (temporary outputs, NULL base folder, empty optional numbers) run."""
    import geoblur
    import processing
    from qgis.core import QgsProject

    from geoblur.tests.geotagged import face_photo, write_geotagged_jpeg
    from geoblur.tests.layers import memory_layer

    monkeypatch.setattr(qgis_iface, "browserModel", lambda: None, raising=False)  # not in pytest-qgis's
    photo = write_geotagged_jpeg(str(tmp_path / "a.jpg"), face_photo(), 52.0, 5.0)
    layer = memory_layer([(5.0, 52.0, photo, 30.0)])
    QgsProject.instance().addMapLayer(layer)
    plugin = geoblur.classFactory(qgis_iface)
    plugin.initProcessing()
    try:
        dialog = processing.createAlgorithmDialog("geoblur:anonymizeimages", {})
        parameters = dialog.createProcessingParameters()
        assert (parameters["INPUT"], parameters["IMAGE_FIELD"], parameters["HEADING_FIELD"]) == (
            layer.id(), "photo", "direction")
        result = processing.run("geoblur:anonymizeimages", parameters)
        assert result["IMAGES_ANONYMIZED"] == 1
        # no base folder (a memory layer): the copy keeps the photo's whole path below _root
        assert os.path.isfile(os.path.join(result["OUTPUT_FOLDER"], "_root", photo.lstrip(os.sep)))
    finally:
        plugin.unload()
        QgsProject.instance().removeMapLayer(layer.id())
