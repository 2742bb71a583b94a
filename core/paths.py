"""Where each image's anonymized copy goes, so that nothing collides, escapes or moves.

The attribute table is user data: a path like ``../../etc/x.jpg`` must not make GeoBlur read
outside the base folder it was told, nor write outside the output folder.

A copy's path depends on its source alone, never on which other images are in the run: a source
below the base folder keeps its path below it (``photos/cam1/IMG_1.JPG``); any other keeps its
whole absolute path below a folder named after its root or drive (``_root/mnt/cam/IMG_1.JPG``,
``_drive_C/DCIM/IMG_1.JPG``). Re-running a subset (a fixed miss, *selected features only*)
therefore replaces the very copies the first run wrote, and two cameras' ``IMG_0001.JPG`` stay
apart. Two sources that would still meet at one path are both refused, never overwritten.

The output folder may neither lie inside a folder that holds source images nor hold one: the
copies would mix with the originals (and an original could be taken for a stale copy).
"""
import os
import re
from typing import Dict, Iterable, List, Optional, Tuple

from .errors import GeoBlurError, ImageError

#: the folder, below the output folder, for sources outside the base folder (POSIX root)
ROOT_FOLDER = "_root"
#: prefix of the folder for sources outside the base folder on a Windows drive or share
DRIVE_FOLDER = "_drive_"


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


def _below(path: str, folder: str) -> Optional[str]:
    """``path`` relative to ``folder`` when it lies below it, else None."""
    try:
        if os.path.commonpath([path, folder]) == folder and path != folder:
            return os.path.relpath(path, folder)
    except ValueError:  # different drives
        pass
    return None


def relative_destination(source: str, base_folder: str) -> str:
    """The path of ``source``'s copy below the output folder (see the module's docstring)."""
    source = os.path.abspath(source)
    if base_folder:
        for base in {os.path.abspath(base_folder), os.path.realpath(base_folder)}:
            relative = _below(source, base)
            if relative is not None:
                return relative
    drive, rest = os.path.splitdrive(source)
    label = DRIVE_FOLDER + re.sub(r"[^\w.-]+", "_", drive).strip("_") if drive else ROOT_FOLDER
    return os.path.join(label, rest.lstrip("\\/"))


def destinations(sources: Iterable[str], base_folder: str,
                 output_folder: str) -> Tuple[Dict[str, str], Dict[str, str]]:
    """``(targets, refused)``: the copy's path of every source, and for each source whose path
    another source would also take, the reason it is refused. One source named by several
    features has one destination."""
    output = os.path.realpath(output_folder)
    by_target: Dict[str, List[str]] = {}
    targets: Dict[str, str] = {}
    for source in sorted(set(sources)):
        target = os.path.normpath(os.path.join(output, relative_destination(source, base_folder)))
        if _below(target, output) is None:  # cannot happen after the mapping; kept as a guard
            raise ImageError(f"Output path for {source} would leave the output folder.")
        targets[source] = target
        by_target.setdefault(os.path.normcase(target), []).append(source)
    refused = {}
    for clashing in (group for group in by_target.values() if len(group) > 1):
        for source in clashing:
            others = ", ".join(other for other in clashing if other != source)
            refused[source] = (f"{source}: its copy would have the same path as the copy of {others} "
                               f"({targets[source]}); neither is written. Rename one of them.")
    return {s: t for s, t in targets.items() if s not in refused}, refused


def place(jobs, base_folder: str, output_folder: str) -> Dict[str, str]:
    """Set the destination of every job (:class:`.types.ImageJob`); returns, by source, the
    reason a source is refused (its copy would collide). Raises GeoBlurError when the output
    folder lies among the originals."""
    sources = [job.source for job in jobs]
    check_output_folder(sources, output_folder)
    targets, refused = destinations(sources, base_folder, output_folder)
    for job in jobs:
        job.destination = targets.get(job.source, "")
    return refused


def check_output_folder(sources: Iterable[str], output_folder: str) -> None:
    """Raise GeoBlurError, naming both paths, when the output folder is (inside) a folder that
    holds a source image, or holds one itself."""
    output = os.path.realpath(output_folder)
    for folder in sorted({os.path.dirname(os.path.realpath(s)) for s in sources}):
        if folder == output or _below(folder, output) is not None:
            raise GeoBlurError(
                f"The output folder {output_folder} holds images to anonymize (in {folder}): "
                "GeoBlur never writes where originals are. Choose an output folder outside the "
                "photo folders.")
        if _below(output, folder) is not None:
            raise GeoBlurError(
                f"The output folder {output_folder} is inside {folder}, which holds the images to "
                "anonymize: the copies would mix with the originals. Choose an output folder "
                "outside the photo folders.")


def same_file(a: str, b: str) -> bool:
    """True when two paths name one file (so an output would overwrite its original)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def check_destination(source: str, destination: str, replaceable) -> Optional[str]:
    """A reason not to write ``destination``, or None when it is safe: it must not be the
    original, and anything already there must be a copy GeoBlur wrote (``replaceable(path)``),
    never a folder, a link or somebody else's file."""
    if same_file(source, destination):
        return "the output would overwrite the original image"
    if not os.path.lexists(destination) or replaceable(destination):
        return None
    if os.path.islink(destination):
        what = "a symbolic link"
    elif os.path.isdir(destination):
        what = "a folder"
    else:
        what = "a file that GeoBlur did not write"
    return (f"{what} is already at the output path {destination}; GeoBlur does not replace it. "
            "Move it away or choose another output folder")
