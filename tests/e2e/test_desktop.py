"""The real QGIS desktop (on a virtual screen) loads GeoBlur from a fresh profile: the Raster menu
has GeoBlur ▸ "Anonymize images attached to points…", and that entry opens the algorithm's
dialog."""
import json
import os
import shutil

import pytest

from geoblur.tests.e2e.runner import ROOT, qgis_desktop, qgis_process_env

pytestmark = pytest.mark.slow

# Runs inside QGIS (qgis --code): records what the user would see, opens the dialog through the
# menu entry, closes it, and quits QGIS.
CHECK = '''
import json, os
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication
from qgis.utils import iface, plugins

OUT = os.environ["GEOBLUR_DESKTOP_RESULT"]
TITLE = "Anonymize images attached to points"
menus = [a for a in iface.rasterMenu().actions() if a.menu() and a.text() == "GeoBlur"]
result = {"loaded": "geoblur" in plugins,
          "entries": [b.text() for a in menus for b in a.menu().actions()],
          "algorithm": QgsApplication.processingRegistry().algorithmById("geoblur:anonymizeimages") is not None,
          "dialog": None}

def close_dialog(tries=[0]):
    dialog = next((w for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowTitle() == TITLE), None)
    tries[0] += 1
    if dialog is not None:
        result["dialog"] = dialog.windowTitle()
        dialog.reject()
    elif tries[0] < 40:
        QTimer.singleShot(250, close_dialog)

if menus:
    QTimer.singleShot(250, close_dialog)
    menus[0].menu().actions()[0].trigger()
with open(OUT, "w") as handle:
    json.dump(result, handle)
QTimer.singleShot(0, iface.actionExit().trigger)
'''


@pytest.mark.skipif(not shutil.which("xvfb-run"), reason="needs Debian's xvfb (make system installs it)")
def test_the_desktop_loads_the_plugin_and_its_menu_entry_opens_the_dialog(tmp_path):
    env = qgis_process_env(tmp_path, ROOT)  # the same profile layout and plugin enabling as qgis_process
    env.pop("QT_QPA_PLATFORM")  # the desktop needs a (virtual) screen
    env["GEOBLUR_DESKTOP_RESULT"] = str(tmp_path / "result.json")
    (tmp_path / "check.py").write_text(CHECK)
    done = qgis_desktop(env, tmp_path / "check.py")
    assert os.path.exists(tmp_path / "result.json"), done.stdout[-2000:] + done.stderr[-2000:]
    result = json.loads((tmp_path / "result.json").read_text())
    assert result == {"loaded": True, "entries": ["Anonymize images attached to points…", "Review image…"],
                      "algorithm": True,
                      "dialog": "Anonymize images attached to points"}
    assert done.returncode == 0
