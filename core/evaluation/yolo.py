"""YOLO txt labels: one ``.txt`` per image, a line ``class cx cy w h`` per object, in fractions
of the image size (a segmentation line ``class x1 y1 x2 y2 …`` counts as its outline's box).

Both usual layouts are read: Ultralytics (``images/…/x.jpg`` beside ``labels/…/x.txt``) and
Darknet (image and txt side by side). Class names come from ``classes.txt``, ``obj.names`` or the
``names:`` of a ``data.yaml``; without any, indices are taken in GeoBlur's own order (0 face,
1 person, 2 license_plate, 3 vehicle) and the user is told so. An image without a label file
has no objects, as YOLO means it.
"""
import os
import re
from typing import Dict, List, Optional

from ..errors import GeoBlurError
from ..types import CLASSES
from .groundtruth import IMAGE_EXTENSIONS, GroundTruth, GtImage, GtObject, Problem, checked_box, geoblur_class

NAME_FILES = ("classes.txt", "obj.names", "classes.names")
YAML_FILES = ("data.yaml", "dataset.yaml", "data.yml", "dataset.yml")


def read_yolo(path: str) -> GroundTruth:
    if not os.path.isdir(path):
        raise GeoBlurError(f"YOLO ground truth must be a folder of .txt labels; {path} is not a folder.")
    root = os.path.abspath(path)
    problems: List[Problem] = []
    names = _class_names(root, problems)
    images_root = _images_root(root)
    labels = {}  # image stem path relative to its tree → label file
    for folder, _, files in os.walk(root):
        for name in sorted(files):
            if name.endswith(".txt") and name.lower() not in NAME_FILES + ("readme.txt",):
                rel = os.path.relpath(os.path.join(folder, name), root)
                labels[_stem_key(rel)] = os.path.join(folder, name)
    pictures = {}
    for folder, _, files in os.walk(images_root):
        for name in sorted(files):
            if os.path.splitext(name)[1].lower() in IMAGE_EXTENSIONS:
                rel = os.path.relpath(os.path.join(folder, name), images_root)
                pictures[_stem_key(rel)] = os.path.relpath(os.path.join(folder, name), root)

    images = []
    for key in sorted(set(labels) | set(pictures)):
        file_name = pictures.get(key) or key  # no extension: the originals folder is searched for it
        image = GtImage(key, file_name, normalized=True)
        if key in labels:
            _read_label_file(labels[key], image, names, problems)
        images.append(image)
    if not labels:
        raise GeoBlurError(f"YOLO ground truth folder {path} holds no .txt label files.")
    folders = [images_root, root]
    return GroundTruth(images, "yolo", path, folders, problems)


def _stem_key(rel: str) -> str:
    """Label and image share this key: the path without extension, below labels/ or images/."""
    parts = rel.replace("\\", "/").split("/")
    if parts[0] in ("labels", "images") and len(parts) > 1:
        parts = parts[1:]
    return os.path.splitext("/".join(parts))[0]


def _images_root(root: str) -> str:
    if os.path.basename(root) == "labels":
        sibling = os.path.join(os.path.dirname(root), "images")
        if os.path.isdir(sibling):
            return sibling
    images = os.path.join(root, "images")
    return images if os.path.isdir(images) else root


def _class_names(root: str, problems: List[Problem]) -> Dict[str, Optional[str]]:
    """class index (text) → GeoBlur class, "ignore" or None when the name is no GeoBlur class."""
    for folder in (root, os.path.dirname(root)):
        for name in NAME_FILES:
            path = os.path.join(folder, name)
            if os.path.isfile(path):
                with open(path, encoding="utf-8") as handle:
                    lines = [line.strip() for line in handle if line.strip()]
                return {str(i): geoblur_class(n) for i, n in enumerate(lines)}
        for name in YAML_FILES:
            path = os.path.join(folder, name)
            if os.path.isfile(path):
                found = _yaml_names(path)
                if found:
                    return {k: geoblur_class(v) for k, v in found.items()}
    problems.append(
        Problem(root, "no classes.txt, obj.names or data.yaml names: class indices read as 0 face, 1 person, 2 license_plate, 3 vehicle")
    )
    return {str(i): c for i, c in enumerate(CLASSES)}


def _yaml_names(path: str) -> Dict[str, str]:
    """The ``names`` of an Ultralytics data.yaml: a flow list, a block list or an index map."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    flow = re.search(r"^names:\s*\[(.*?)\]", text, re.M | re.S)
    if flow:
        items = [i.strip().strip("'\"") for i in flow.group(1).split(",") if i.strip()]
        return {str(i): n for i, n in enumerate(items)}
    block = re.search(r"^names:\s*\n((?:[ \t]+.*\n?)+)", text, re.M)
    if not block:
        return {}
    result = {}
    for index, line in enumerate(block.group(1).splitlines()):
        line = line.strip()
        if line.startswith("- "):
            result[str(index)] = line[2:].strip().strip("'\"")
        elif ":" in line:
            key, value = line.split(":", 1)
            result[key.strip()] = value.strip().strip("'\"")
    return result


def _read_label_file(path: str, image: GtImage, names: Dict[str, Optional[str]], problems: List[Problem]) -> None:
    with open(path, encoding="utf-8", errors="replace") as handle:
        lines = handle.read().splitlines()
    for number, line in enumerate(lines, 1):
        fields = line.split()
        if not fields:
            continue
        where = f"{os.path.basename(path)} line {number}"
        try:
            values = [float(v) for v in fields[1:]]
        except ValueError:
            values = []
        if len(values) < 4 or (len(values) > 4 and len(values) % 2):
            problems.append(Problem(where, f"{line.strip()!r:.60} is not 'class cx cy w h'; ignored"))
            continue
        index = fields[0].split(".")[0]
        cls = names.get(index)
        if cls is None:
            problems.append(Problem(where, f"class {fields[0]} is no GeoBlur class; ignored"))
            continue
        if len(values) == 4:
            cx, cy, w, h = values
            box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
        else:
            xs, ys = values[0::2], values[1::2]
            box = (min(xs), min(ys), max(xs), max(ys))
        box = checked_box(box, 1.0, 1.0, where, problems)
        if box is None:
            continue
        if cls == "ignore":
            image.ignore.append(box)
        else:
            image.objects.append(GtObject(cls, [box], f"{os.path.basename(path)}:{number}"))
