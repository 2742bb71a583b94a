"""Are GeoBlur's Python dependencies installed in the Python that runs QGIS, and how to install them.

QGIS ships its own Python (OSGeo4W on Windows, the app bundle on macOS, the system Python on
Linux) without onnxruntime or OpenCV. The plugin must still load there, so this module only asks
whether the modules *could* be imported (``find_spec``), never imports them, and builds the exact
``pip`` command for that Python, with the versions pinned in ``requirements.txt`` (which ships in
the plugin zip beside ``metadata.txt``).
"""
import os
import re
import shlex
import shutil
import sys
import sysconfig
from importlib.util import find_spec
from typing import Dict, List, Optional

from . import ROOT
from .i18n import tr

REQUIREMENTS = os.path.join(ROOT, "requirements.txt")

#: import name → the PyPI distribution that provides it
DISTRIBUTIONS = {
    "onnxruntime": "onnxruntime",
    "cv2": "opencv-python-headless",
    "piexif": "piexif",
}


def missing_modules() -> List[str]:
    """Import names of the dependencies this Python cannot import."""
    missing = []
    for module in DISTRIBUTIONS:
        try:
            found = find_spec(module) is not None
        except (ImportError, ValueError):  # a broken or half-removed install
            found = False
        if not found:
            missing.append(module)
    return missing


def pinned_requirements(path: str = REQUIREMENTS) -> Dict[str, str]:
    """Distribution name → requirement line (``name==version``) as pinned in requirements.txt."""
    pins = {}
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                requirement = line.split("#", 1)[0].strip()
                match = re.match(r"([A-Za-z0-9_.\-]+)", requirement)
                if match:
                    pins[match.group(1).lower()] = requirement
    except OSError:
        pass  # without the file, unpinned names still give a working command
    return pins


def python_executable() -> str:
    """The Python interpreter behind QGIS's embedded Python.

    Inside QGIS ``sys.executable`` is not to be trusted: it is the QGIS binary itself on Windows
    (``qgis-bin.exe``), and on Linux an embedded interpreter takes the first ``python3`` on PATH
    (a pyenv or conda one, which would install the packages where QGIS never looks). The
    interpreter that belongs to this Python lives under ``sys.exec_prefix`` (Linux, macOS and
    venvs: ``bin/python3.X``; Windows/OSGeo4W: ``python.exe``).
    """
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    candidates = [
        os.path.join(sys.exec_prefix, "bin", version),
        os.path.join(sys.exec_prefix, "python.exe"),
        os.path.join(sys.exec_prefix, "bin", "python3"),
    ]
    for candidate in candidates:
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    if os.path.basename(sys.executable).lower().startswith("python"):
        return sys.executable
    return shutil.which(version) or shutil.which("python3") or "python3"


def pip_options() -> List[str]:
    """Options pip needs to install into this Python at all.

    A distribution's own Python (Debian 12, Ubuntu 23.04 and later: QGIS's Python there) is
    marked EXTERNALLY-MANAGED (PEP 668) and refuses plain ``pip install``; QGIS has no venv of its
    own, so the packages go to the user's site-packages, which QGIS reads, leaving the system's
    untouched."""
    if sys.prefix != sys.base_prefix:  # a venv: pip installs into it as usual
        return []
    marker = os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")
    return ["--user", "--break-system-packages"] if os.path.exists(marker) else []


def install_command(modules: Optional[List[str]] = None) -> str:
    """The shell command that installs ``modules`` (default: all dependencies) into QGIS's Python."""
    pins = pinned_requirements()
    names = [DISTRIBUTIONS[m] for m in (modules if modules is not None else list(DISTRIBUTIONS))]
    requirements = [pins.get(name, name) for name in names]
    quote = shlex.quote if os.name != "nt" else (lambda text: f'"{text}"' if " " in text else text)
    return " ".join([quote(python_executable()), "-m", "pip", "install"] + pip_options()
                    + [quote(r) for r in requirements])


def missing_message() -> Optional[str]:
    """The message that tells the user what is missing and the exact command that installs it,
    or None when everything is there."""
    missing = missing_modules()
    if not missing:
        return None
    return tr(
        "GeoBlur needs the Python packages {packages}, which the Python running QGIS cannot import. "
        "Install them with this command, then restart QGIS:\n{command}"
    ).format(packages=", ".join(DISTRIBUTIONS[m] for m in missing), command=install_command())
