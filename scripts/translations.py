"""Regenerate GeoBlur's translations: i18n/geoblur_<lang>.ts from the code, then the .qm files.

Every user-facing string goes through ``qgis_support.i18n.tr``, which translates in one Qt context,
``GeoBlur``. ``pylupdate5`` would file module-level ``tr()`` calls under other contexts (the
enclosing class, or none), so this script finds the strings itself: each ``tr("literal")`` call
in the plugin's Python files. Existing translations are kept, new strings are added as
unfinished (Qt then shows the English text), strings no longer in the code are dropped.
``lrelease`` (Debian: qttools5-dev-tools) compiles each .ts into the .qm the plugin loads.

Usage: python scripts/translations.py [--check]
  --check  only report whether the .ts files hold exactly the code's strings (exit 1 if not)
"""
import ast
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from typing import Dict, List, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
I18N = os.path.join(ROOT, "i18n")
SOURCES = ("__init__.py", "qgis_support", "plugin", "processing_provider")
CONTEXT = "GeoBlur"
LANGUAGES = {"de": "de_DE", "nl": "nl_NL"}


def python_files() -> List[str]:
    found = []
    for entry in SOURCES:
        path = os.path.join(ROOT, entry)
        if os.path.isfile(path):
            found.append(path)
        for folder, _, names in os.walk(path):
            found += [os.path.join(folder, n) for n in sorted(names) if n.endswith(".py")]
    return found


def extract() -> List[Tuple[str, str, int]]:
    """(source text, file relative to i18n/, line) of every ``tr("...")`` call, first use first."""
    seen: Dict[str, Tuple[str, str, int]] = {}
    for path in python_files():
        with open(path, encoding="utf-8") as handle:
            tree = ast.parse(handle.read(), path)
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                 and n.func.id == "tr" and n.args and isinstance(n.args[0], ast.Constant)
                 and isinstance(n.args[0].value, str)]
        for call in sorted(calls, key=lambda c: c.lineno):
            text = call.args[0].value
            seen.setdefault(text, (text, os.path.relpath(path, I18N), call.lineno))
    return list(seen.values())


def read_translations(path: str) -> Dict[str, Tuple[str, bool]]:
    """source → (translation, finished) of an existing .ts file."""
    if not os.path.exists(path):
        return {}
    result = {}
    for message in ElementTree.parse(path).iter("message"):
        translation = message.find("translation")
        finished = translation is not None and translation.get("type") not in ("unfinished", "vanished", "obsolete")
        result[message.findtext("source")] = ((translation.text or "") if translation is not None else "", finished)
    return result


def ts_document(language: str, strings, known) -> bytes:
    root = ElementTree.Element("TS", version="2.1", language=language, sourcelanguage="en")
    context = ElementTree.SubElement(root, "context")
    ElementTree.SubElement(context, "name").text = CONTEXT
    for text, filename, line in strings:
        message = ElementTree.SubElement(context, "message")
        ElementTree.SubElement(message, "location", filename=filename.replace(os.sep, "/"), line=str(line))
        ElementTree.SubElement(message, "source").text = text
        translation, finished = known.get(text, ("", False))
        element = ElementTree.SubElement(message, "translation")
        element.text = translation
        if not finished:
            element.set("type", "unfinished")
    ElementTree.indent(root, "    ")
    body = ElementTree.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n").encode("utf-8")


def lrelease() -> str:
    for name in ("lrelease", "lrelease-qt5"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("lrelease not found: install Debian's qttools5-dev-tools (apt-get install qttools5-dev-tools).")


def main(argv) -> int:
    check = "--check" in argv
    strings = extract()
    stale = []
    for code, language in LANGUAGES.items():
        ts = os.path.join(I18N, f"geoblur_{code}.ts")
        known = read_translations(ts)
        if check:
            if {s for s, _, _ in strings} != set(known):
                stale.append(ts)
            continue
        document = ts_document(language, strings, known)
        with open(ts, "wb") as handle:
            handle.write(document)
        missing = [s for s, _, _ in strings if not known.get(s, ("", False))[1]]
        subprocess.run([lrelease(), "-silent", ts, "-qm", ts[:-3] + ".qm"], check=True)
        print(f"{os.path.relpath(ts, ROOT)}: {len(strings)} strings, {len(missing)} untranslated")
    if stale:
        print("Out of step with the code (run `make translations`): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
