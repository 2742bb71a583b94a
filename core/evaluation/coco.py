"""COCO detection JSON: ``images``, ``annotations`` (``bbox`` = [x, y, w, h] pixels) and
``categories``, as the bench sets and most labelling tools write it.

Two extensions are honoured: ``iscrowd: 1`` (and the ``dontcare`` category) mark regions that
count neither as a miss nor as over-blurring, and annotations that share a ``group`` key within
an image are the pieces of one object (a face split by a panorama's 360° seam).
"""
import json
import os
from collections import Counter, OrderedDict
from typing import Dict, List

from ..errors import GeoBlurError
from .groundtruth import GroundTruth, GtImage, GtObject, Problem, checked_box, geoblur_class


def read_coco(path: str) -> GroundTruth:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as error:
        raise GeoBlurError(f"Cannot read the COCO ground truth {path}: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("images"), list):
        raise GeoBlurError(f"{path} is not COCO detection JSON: it has no 'images' list.")
    name = os.path.basename(path)
    problems: List[Problem] = []
    categories = _categories(data.get("categories") or [])
    images: "OrderedDict[object, GtImage]" = OrderedDict()
    for entry in data["images"]:
        if not isinstance(entry, dict) or "id" not in entry or not entry.get("file_name"):
            problems.append(Problem(name, f"image entry {entry!r:.80} lacks an id or file_name; ignored"))
            continue
        if entry["id"] in images:
            problems.append(Problem(name, f"image id {entry['id']} is listed twice; the second is ignored"))
            continue
        width, height = _size(entry)
        images[entry["id"]] = GtImage(str(entry["id"]), str(entry["file_name"]), width, height)

    pieces: "OrderedDict[tuple, GtObject]" = OrderedDict()
    unknown_images: Counter = Counter()
    unknown_classes: Counter = Counter()
    for index, ann in enumerate(data.get("annotations") or []):
        label = str(ann.get("id", f"#{index}")) if isinstance(ann, dict) else f"#{index}"
        where = f"{name} annotation {label}"
        if not isinstance(ann, dict):
            problems.append(Problem(where, "is not an object; ignored"))
            continue
        image = images.get(ann.get("image_id"))
        if image is None:
            unknown_images[ann.get("image_id")] += 1
            continue
        cls = categories.get(ann.get("category_id"), (None, None))[1]
        crowd = bool(ann.get("iscrowd"))
        if cls is None and not crowd:
            unknown_classes[ann.get("category_id")] += 1
            continue
        box = _box(ann.get("bbox"), where, problems)
        if box is None:
            continue
        box = checked_box(box, image.width, image.height, f"{where} ({image.file_name})", problems)
        if box is None:
            continue
        if crowd or cls == "ignore":
            image.ignore.append(box)
            continue
        group = ann.get("group")
        key = (ann["image_id"], "group", group) if group is not None else (ann["image_id"], "annotation", index)
        if key in pieces:
            obj = pieces[key]
            if obj.cls != cls:
                problems.append(Problem(where, f"is a {cls} in a group of {obj.cls}; counted as {obj.cls}"))
            obj.boxes.append(box)
            obj.label += f"+{label}"
        else:
            pieces[key] = obj = GtObject(cls, [box], label)
            image.objects.append(obj)

    for image_id, count in unknown_images.items():
        problems.append(Problem(name, f"{count} annotation(s) refer to image id {image_id!r}, which is not listed; ignored"))
    for category_id, count in unknown_classes.items():
        if category_id in categories:
            what = f"category {categories[category_id][0]!r}, which is no GeoBlur class (face, person, license_plate, vehicle)"
        else:
            what = f"category id {category_id!r}, which is not listed in 'categories'"
        problems.append(Problem(name, f"{count} annotation(s) of {what}; ignored"))
    folder = os.path.dirname(os.path.abspath(path))
    return GroundTruth(list(images.values()), "coco", path, [folder, os.path.join(folder, "images")], problems)


def _categories(entries) -> Dict[object, tuple]:
    """category id → (its name, GeoBlur class or "ignore" or None when it is no GeoBlur class)."""
    return {
        entry["id"]: (entry.get("name"), geoblur_class(entry.get("name", "")))
        for entry in entries
        if isinstance(entry, dict) and "id" in entry
    }


def _size(entry: dict):
    try:
        return int(entry["width"]), int(entry["height"])
    except (KeyError, TypeError, ValueError):
        return None, None


def _box(bbox, where: str, problems: List[Problem]):
    try:
        x, y, w, h = (float(v) for v in bbox)
    except (TypeError, ValueError):
        problems.append(Problem(where, f"bbox {bbox!r:.60} is not [x, y, width, height]; ignored"))
        return None
    return (x, y, x + w, y + h)
