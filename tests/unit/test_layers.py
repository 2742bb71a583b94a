"""The packages import one another in one direction only, so none needs another loaded first:
plugin → processing_provider → qgis_support → core (a package may skip a level: the review in
plugin/ renders with the engine itself); the engine imports neither QGIS nor Qt."""
import ast
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
#: package → the packages of the plugin it may import (itself included)
ALLOWED = {
    "core": {"core"},
    "qgis_support": {"qgis_support", "core"},
    "processing_provider": {"processing_provider", "qgis_support", "core"},
    "plugin": {"plugin", "processing_provider", "qgis_support", "core"},
}


def _imports(package):
    """(file, package of the plugin or outside module it imports) for every import in ``package``."""
    for folder, _, names in os.walk(os.path.join(ROOT, package)):
        for name in sorted(n for n in names if n.endswith(".py")):
            path = os.path.join(folder, name)
            depth = os.path.relpath(path, ROOT).count(os.sep)  # core/a.py: 1, core/cli/a.py: 2
            with open(path, encoding="utf-8") as handle:
                tree = ast.parse(handle.read(), path)
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.level:
                    parts = os.path.relpath(path, ROOT).split(os.sep)[:-1]
                    if node.level > depth:
                        yield path, (node.module or "").split(".")[0]  # above the package: from the root
                    else:
                        yield path, parts[0]
                elif isinstance(node, ast.ImportFrom):
                    yield path, "module:" + (node.module or "").split(".")[0]
                elif isinstance(node, ast.Import):
                    for alias in node.names:
                        yield path, "module:" + alias.name.split(".")[0]


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_package_imports_only_the_packages_below_it(package):
    wrong = sorted({(os.path.relpath(path, ROOT), target) for path, target in _imports(package)
                    if not target.startswith("module:") and target not in ALLOWED[package]})
    assert wrong == []


def test_the_engine_never_imports_qgis_or_qt():
    wrong = sorted({(os.path.relpath(path, ROOT), target) for path, target in _imports("core")
                    if target in ("module:qgis", "module:PyQt5", "module:PyQt6", "module:processing")})
    assert wrong == []
