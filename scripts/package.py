"""Build the installable plugin zip (``make package``) with pb_tool, then check what is in it.

pb_tool copies what pb_tool.cfg lists into a plugin folder named after the plugin id and zips
that folder, as the QGIS plugin repository expects. The check afterwards refuses a zip that
would install but not run: every model of the manifest with its licence, requirements.txt (the
dependency check reads its pins), LICENSE, metadata.txt, translations, and no tests or
developer scripts.

Usage: python scripts/package.py [--output DIR]    (default DIR: dist/)
"""
import argparse
import configparser
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLUGIN_ID = "geoblur"
REQUIRED = ("__init__.py", "metadata.txt", "icon.png", "LICENSE", "requirements.txt", "models/manifest.json",
            "plugin/main.py", "qgis_support/i18n.py", "qgis_support/dependencies.py",
            "processing_provider/anonymize_images.py", "core/pipeline.py", "i18n/geoblur_de.qm", "i18n/geoblur_nl.qm")
FORBIDDEN_TOP = ("tests", "bench", "scripts", ".ci", ".venv", "dist", "build", "demo_output", "bench_output")


def version() -> str:
    metadata = configparser.ConfigParser()
    metadata.read(os.path.join(ROOT, "metadata.txt"), encoding="utf-8")
    return metadata["general"]["version"]


def pb_tool() -> str:
    beside = os.path.join(os.path.dirname(sys.executable), "pb_tool")
    found = beside if os.path.exists(beside) else shutil.which("pb_tool")
    if not found:
        sys.exit("pb_tool is not installed: run `make venv` (requirements-dev.txt pins it).")
    if not (shutil.which("zip") or shutil.which("7z")):
        sys.exit("pb_tool needs the zip program: apt-get install zip")
    return found


def build(output_dir: str) -> str:
    """Run pb_tool and move its zip to ``output_dir``; returns the zip's path."""
    built = os.path.join(ROOT, f"{PLUGIN_ID}.zip")  # pb_tool writes it to the working directory
    if os.path.exists(built):
        os.remove(built)
    with tempfile.TemporaryDirectory(prefix="geoblur-deploy-") as deploy:
        done = subprocess.run([pb_tool(), "zip", "--quick", "--no-docs", "--plugin_path", deploy],
                              cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0 or not os.path.exists(built):
        sys.exit(f"pb_tool zip failed:\n{done.stdout}\n{done.stderr}")
    os.makedirs(output_dir, exist_ok=True)
    target = os.path.join(output_dir, f"{PLUGIN_ID}.zip")
    shutil.move(built, target)
    return target


def problems(zip_path: str) -> list:
    """What is wrong with a plugin zip (empty when it is right)."""
    with zipfile.ZipFile(zip_path) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read(f"{PLUGIN_ID}/models/manifest.json")) \
            if f"{PLUGIN_ID}/models/manifest.json" in names else {"models": []}
    found = []
    tops = {name.split("/")[0] for name in names}
    if tops != {PLUGIN_ID}:
        found.append(f"everything must be inside {PLUGIN_ID}/, found {sorted(tops)}")
    for required in REQUIRED:
        if f"{PLUGIN_ID}/{required}" not in names:
            found.append(f"missing {required}")
    for model in manifest["models"]:
        for key in ("file", "licence_file"):
            if model.get(key) and f"{PLUGIN_ID}/models/{model[key]}" not in names:
                found.append(f"missing models/{model[key]} (model {model['id']})")
    for name in names:
        parts = name.split("/")
        if len(parts) > 1 and parts[1] in FORBIDDEN_TOP:
            found.append(f"must not ship {name}")
        if "__pycache__" in parts or name.endswith(".pyc"):
            found.append(f"must not ship {name}")
    return sorted(set(found))


def main(argv) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=os.path.join(ROOT, "dist"))
    args = parser.parse_args(argv)
    zip_path = build(os.path.abspath(args.output))
    wrong = problems(zip_path)
    if wrong:
        print(f"{zip_path} is not a working plugin zip:\n  " + "\n  ".join(wrong), file=sys.stderr)
        return 1
    with zipfile.ZipFile(zip_path) as archive:
        count = len(archive.namelist())
    print(f"GeoBlur {version()} plugin zip: {zip_path} ({os.path.getsize(zip_path) / 1e6:.1f} MB, {count} files)")
    print("Install it in QGIS: Plugins > Manage and Install Plugins > Install from ZIP.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
