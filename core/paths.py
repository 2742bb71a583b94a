"""Where each image's anonymized copy goes, so that nothing collides and nothing escapes.

The attribute table is user data: a path like ``../../etc/x.jpg`` must not make GeoBlur read
outside the base folder it was told, nor write outside the output folder. Copies mirror the
sources' folders below their common root, so two ``IMG_0001.JPG`` from two cameras stay apart.
"""
import os
from typing import Dict, List, Optional

from .errors import ImageError


def resolve_source(value, base_folder: str) -> str:
    """The absolute path of an attribute value: absolute as given, relative below ``base_folder``.

    Raises ImageError for empty values and for relative paths that climb out of the base folder.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ImageError("The image path is empty (NULL).")
    if not isinstance(value, str):
        raise ImageError(f"The image path {value!r} is not text.")
    path = os.path.expanduser(value.strip())
    if os.path.isabs(path):
        return os.path.normpath(path)
    base = os.path.realpath(base_folder)
    resolved = os.path.realpath(os.path.join(base, path))
    if os.path.commonpath([base, resolved]) != base:
        raise ImageError(f"The image path {value!r} points outside the base folder {base_folder}.")
    return resolved


def destinations(sources: List[str], output_folder: str) -> Dict[str, str]:
    """The output path of every source: its path below the sources' common folder, re-rooted in
    ``output_folder``. Identical sources share one destination."""
    output = os.path.realpath(output_folder)
    unique = sorted(set(sources))
    if not unique:
        return {}
    folders = [os.path.dirname(s) for s in unique]
    root = os.path.commonpath(folders) if len(set(os.path.splitdrive(f)[0] for f in folders)) == 1 else ""
    result = {}
    for source in unique:
        relative = os.path.relpath(source, root) if root else os.path.basename(source)
        target = os.path.normpath(os.path.join(output, relative))
        if os.path.commonpath([output, target]) != output:  # cannot happen after relpath; kept as a guard
            raise ImageError(f"Output path for {source} would leave the output folder.")
        result[source] = target
    return result


def same_file(a: str, b: str) -> bool:
    """True when two paths name one file (so an output would overwrite its original)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def check_destination(source: str, destination: str) -> Optional[str]:
    """A reason not to write ``destination``, or None when it is safe."""
    if same_file(source, destination):
        return "the output would overwrite the original image"
    return None
