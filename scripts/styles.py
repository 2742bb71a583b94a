"""Export GeoBlur's QGIS layer styles (qgis_support/styles.py) as the QML files the command line
stores in its GeoPackages (core/cli/styles/<kind>.qml). Needs QGIS; ``make styles`` runs it, and
``tests/qgis/test_styles.py`` fails when the files differ from what the code makes.

Usage: python scripts/styles.py
"""
import os
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.path.join(ROOT, "core", "cli", "styles")


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    packages = tempfile.mkdtemp(prefix="geoblur-styles-")
    os.symlink(ROOT, os.path.join(packages, "geoblur"))
    sys.path.insert(0, packages)
    from geoblur.qgis_support.styles import qml

    for kind in ("detections", "images"):
        with open(os.path.join(TARGET, f"{kind}.qml"), "w", encoding="utf-8") as handle:
            handle.write(qml(kind))
        print(os.path.join("core", "cli", "styles", f"{kind}.qml"))


if __name__ == "__main__":
    main()
