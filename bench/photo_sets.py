"""Photo sets the benchmark builds from the shared ones at a phone camera's size (issue 9).

A 4000×3000 phone photo is searched for persons, vehicles and plates with no vehicle at a
1080p frame's density (``core.tiling.reference_scale``); none of the shared photo sets is
larger than 1920 px, so none of them measures that plan. These sets are the shared photos
enlarged so that their long side is :data:`LONG_SIDE`, their labels with them: an object is
then as many pixels in the photo as in a phone photo that shows it ~3× as large, and the plan
must find what the search of the photo at its own size finds. They are built once under the
benchmark's output folder, never in the repository.
"""
import json
import os

import cv2

LONG_SIDE = 4000

#: set name -> the shared set it enlarges
GENERATED = {
    "kitti_large": "kitti_101",
    "plates_large": "plates_br",
}


def folder(name: str, output: str) -> str:
    return os.path.join(output, "sets", name)


def sources_present(name: str, root: str) -> bool:
    return os.path.isfile(os.path.join(root, GENERATED[name], "annotations.json"))


def build(name: str, root: str, output: str) -> str:
    """The set's folder, built from ``root`` (the shared sets) unless it is there already."""
    target = folder(name, output)
    if os.path.isfile(os.path.join(target, "annotations.json")):
        return target
    source = os.path.join(root, GENERATED[name])
    with open(os.path.join(source, "annotations.json"), encoding="utf-8") as handle:
        coco = json.load(handle)
    scales = {}
    for image in coco["images"]:
        pixels = cv2.imread(os.path.join(source, image["file_name"]))
        height, width = pixels.shape[:2]
        scale = LONG_SIDE / max(height, width)
        size = (round(width * scale), round(height * scale))
        path = os.path.join(target, image["file_name"])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        cv2.imwrite(path, cv2.resize(pixels, size, interpolation=cv2.INTER_CUBIC), [cv2.IMWRITE_JPEG_QUALITY, 95])
        # the labels' own width and height may differ from the file's (kitti_101): scale from those
        scales[image["id"]] = (size[0] / image["width"], size[1] / image["height"])
        image["width"], image["height"] = size
    for annotation in coco["annotations"]:
        sx, sy = scales[annotation["image_id"]]
        x, y, w, h = annotation["bbox"]
        annotation["bbox"] = [x * sx, y * sy, w * sx, h * sy]
        annotation["area"] = annotation["bbox"][2] * annotation["bbox"][3]
        annotation.pop("segmentation", None)
    with open(os.path.join(target, "annotations.json"), "w", encoding="utf-8") as handle:
        json.dump(coco, handle)
    return target
