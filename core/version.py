"""GeoBlur's version, read from the plugin's ``metadata.txt`` so there is one place to change it.

The engine records it with every run (the audit fields of the images layer) and in the mark it
leaves in each anonymized copy.
"""
import configparser
import os

_METADATA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "metadata.txt")


def _read() -> str:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(_METADATA, encoding="utf-8")
        return parser.get("general", "version")
    except (OSError, configparser.Error):
        return "unknown"


VERSION = _read()
