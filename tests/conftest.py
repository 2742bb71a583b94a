"""Makes the checkout importable as the package ``geoblur``, whatever its folder is called.

The repository root is the plugin folder and uses relative imports, so tests link it under the
plugin id in a temporary folder and import ``geoblur`` from there.
"""
import os
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLUGIN_ID = "geoblur"
PLUGINS_DIR = tempfile.mkdtemp(prefix="geoblur-plugins-")
os.symlink(ROOT, os.path.join(PLUGINS_DIR, PLUGIN_ID))
sys.path.insert(0, PLUGINS_DIR)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
