"""Pascal VOC: one ``.xml`` per image (``filename``, ``size``, ``object``/``name``/``bndbox``),
usually in ``Annotations/`` beside ``JPEGImages/``, as LabelImg and CVAT write it.

VOC's ``bndbox`` holds 1-based, inclusive pixel numbers: ``xmin=1, xmax=10`` is the first ten
pixels, i.e. x from 0 to 10 here. ``difficult`` objects are still objects: a face that is hard to
see is still a face to hide.
"""
import os
import xml.etree.ElementTree as ElementTree
from typing import List

from ..errors import GeoBlurError
from .groundtruth import GroundTruth, GtImage, GtObject, Problem, checked_box, geoblur_class


def read_voc(path: str) -> GroundTruth:
    if not os.path.isdir(path):
        raise GeoBlurError(f"Pascal VOC ground truth must be a folder of .xml files; {path} is not a folder.")
    root = os.path.abspath(path)
    problems: List[Problem] = []
    images = []
    for folder, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            if name.lower().endswith(".xml"):
                image = _read_xml(os.path.join(folder, name), root, problems)
                if image is not None:
                    images.append(image)
    if not images:
        raise GeoBlurError(f"Pascal VOC ground truth folder {path} holds no readable .xml annotation.")
    parent = os.path.dirname(root) if os.path.basename(root) == "Annotations" else root
    folders = [os.path.join(parent, "JPEGImages"), parent, root]
    return GroundTruth(images, "voc", path, folders, problems)


def _read_xml(path: str, root: str, problems: List[Problem]):
    where = os.path.relpath(path, root)
    try:
        tree = ElementTree.parse(path).getroot()
    except (ElementTree.ParseError, OSError) as error:
        problems.append(Problem(where, f"cannot be read ({error}); ignored"))
        return None
    file_name = (tree.findtext("filename") or "").strip() or os.path.splitext(os.path.basename(path))[0]
    try:
        width = int(float(tree.findtext("size/width")))
        height = int(float(tree.findtext("size/height")))
        if width <= 0 or height <= 0:
            raise ValueError
    except (TypeError, ValueError):
        width = height = None  # read from the image itself
    image = GtImage(where, file_name, width, height)
    for number, obj in enumerate(tree.findall("object"), 1):
        label = f"{where} object {number}"
        name = (obj.findtext("name") or "").strip()
        cls = geoblur_class(name)
        if cls is None:
            problems.append(Problem(label, f"class {name!r} is no GeoBlur class; ignored"))
            continue
        try:
            x0, y0, x1, y1 = (float(obj.findtext(f"bndbox/{k}")) for k in ("xmin", "ymin", "xmax", "ymax"))
        except (TypeError, ValueError):
            problems.append(Problem(label, "has no numeric bndbox; ignored"))
            continue
        box = checked_box((x0 - 1, y0 - 1, x1, y1), width, height, label, problems)
        if box is None:
            continue
        if cls == "ignore":
            image.ignore.append(box)
        else:
            image.objects.append(GtObject(cls, [box], label))
    return image
