"""Panorama sets the benchmark builds itself from the shared photo sets, as pano_faces_dev and
pano_kitti_dev were built: labelled photos projected into pano360's real street panorama
(8192×4096) as a pinhole camera would see them, at a random heading and a pitch of -25° to +15°,
at 0.8–2 times their pixel size; each box carried over by projecting points along its outline,
and a box that crosses the 360° seam split into two annotations sharing a ``group`` key.

``pano_plates``: 12 panoramas with two plates_br photos each, half a turn apart (so that no
photo hides the other's plate). Only one plate per plates_br photo is labelled, so other
plates in its photo count as over-blur, as on plates_br itself.

Built once into ``bench_output/sets/NAME`` (never into the repository: the photos' licences
keep them out of it) and reused while its sources are unchanged.
"""
import json
import math
import os

import cv2
import numpy as np

from core.panorama.sphere import Geometry, lonlat_to_vector, rotation, vector_to_lonlat

WIDTH, HEIGHT = 8192, 4096
STREET = os.path.join("pano360", "taipei_street_fuenwang_Equirec2Perspec.jpg")
#: name → (source set, panoramas, photos per panorama, seed)
GENERATED = {"pano_plates": ("plates_br", 12, 2, 9)}
PITCHES = (-25.0, 15.0)
SCALES = (0.8, 2.0)
OUTLINE_POINTS = 16  # per side of a box


def folder(name: str, output: str) -> str:
    return os.path.join(output, "sets", name)


def sources_present(name: str, root: str) -> bool:
    source = GENERATED[name][0]
    return os.path.isfile(os.path.join(root, source, "annotations.json")) and os.path.isfile(os.path.join(root, STREET))


def build(name: str, root: str, output: str) -> str:
    """The set's folder, built from ``root`` (the shared sets) unless it is there already."""
    target = folder(name, output)
    if os.path.isfile(os.path.join(target, "annotations.json")):
        return target
    source, count, per_pano, seed = GENERATED[name]
    with open(os.path.join(root, source, "annotations.json"), encoding="utf-8") as handle:
        coco = json.load(handle)
    by_image = {}
    for a in coco["annotations"]:
        by_image.setdefault(a["image_id"], []).append(a)
    rng = np.random.default_rng(seed)
    chosen = rng.choice([i for i in coco["images"] if by_image.get(i["id"])], count * per_pano, replace=False)
    street = cv2.resize(cv2.imread(os.path.join(root, STREET)), (WIDTH, HEIGHT), interpolation=cv2.INTER_CUBIC)
    os.makedirs(os.path.join(target, "images"), exist_ok=True)
    images, annotations = [], []
    for p in range(count):
        pano = street.copy()
        first = rng.uniform(-180.0, 180.0)
        for k in range(per_pano):
            info = chosen[p * per_pano + k]
            photo = cv2.imread(os.path.join(root, source, info["file_name"]))
            lon = (first + 360.0 * k / per_pano + 180.0) % 360.0 - 180.0
            lat, scale = rng.uniform(*PITCHES), rng.uniform(*SCALES)
            focal = WIDTH / (2 * math.pi) / scale
            camera = rotation(math.radians(lon), math.radians(lat))
            _paste(pano, photo, camera, focal)
            for a in by_image[info["id"]]:
                for piece in _project_box(a["bbox"], photo.shape, camera, focal):
                    annotations.append(dict(piece, id=len(annotations) + 1, image_id=p + 1,
                                            category_id=a["category_id"], iscrowd=a.get("iscrowd", 0),
                                            group=f"{p + 1}-{a['id']}"))
        file_name = f"images/pano_{p:03d}.jpg"
        cv2.imwrite(os.path.join(target, file_name), pano, [cv2.IMWRITE_JPEG_QUALITY, 95])
        images.append({"id": p + 1, "file_name": file_name, "width": WIDTH, "height": HEIGHT})
    with open(os.path.join(target, "annotations.json"), "w", encoding="utf-8") as handle:
        json.dump({"images": images, "annotations": annotations, "categories": coco["categories"]}, handle)
    return target


def _paste(pano: np.ndarray, photo: np.ndarray, camera: np.ndarray, focal: float) -> None:
    """Paint the photo into the panorama as a pinhole camera turned by ``camera`` sees it."""
    h, w = photo.shape[:2]
    geometry = Geometry.full(WIDTH, HEIGHT)
    for y0 in range(0, HEIGHT, 256):
        y, x = np.mgrid[y0:y0 + 256, 0:WIDTH] + 0.5
        cam = lonlat_to_vector(*geometry.to_lonlat(x, y)) @ camera  # rows: camera-frame directions
        ahead = cam[..., 2] > 1e-6
        if not ahead.any():
            continue
        z = np.where(ahead, cam[..., 2], 1.0)
        u = np.where(ahead, cam[..., 0] / z * focal + w / 2, -1e4).astype(np.float32) - 0.5
        v = np.where(ahead, cam[..., 1] / z * focal + h / 2, -1e4).astype(np.float32) - 0.5
        inside = (u > -0.5) & (u < w - 0.5) & (v > -0.5) & (v < h - 0.5)
        if inside.any():
            band = cv2.remap(photo, u, v, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
            pano[y0:y0 + 256][inside] = band[inside]


def _project_box(bbox, shape, camera: np.ndarray, focal: float):
    """The box's outline carried into the panorama: one COCO box, or two at the seam."""
    h, w = shape[:2]
    x, y, bw, bh = bbox
    t = np.linspace(0.0, 1.0, OUTLINE_POINTS)
    u = np.concatenate([x + t * bw, np.full_like(t, x + bw), x + bw - t * bw, np.full_like(t, x)])
    v = np.concatenate([np.full_like(t, y), y + t * bh, np.full_like(t, y + bh), y + bh - t * bh])
    rays = np.stack([(u - w / 2) / focal, (v - h / 2) / focal, np.ones_like(u)], axis=1) @ camera.T
    lon, lat = vector_to_lonlat(rays)
    px, py = Geometry.full(WIDTH, HEIGHT).to_pixel(np.unwrap(lon), lat)
    x0, x1, y0, y1 = float(px.min()), float(px.max()), float(py.min()), float(py.max())
    shift = -math.floor(x0 / WIDTH) * WIDTH
    x0, x1 = x0 + shift, x1 + shift
    if x1 <= WIDTH:
        return [{"bbox": [x0, y0, x1 - x0, y1 - y0], "area": (x1 - x0) * (y1 - y0)}]
    return [{"bbox": [x0, y0, WIDTH - x0, y1 - y0], "area": (WIDTH - x0) * (y1 - y0)},
            {"bbox": [0.0, y0, x1 - WIDTH, y1 - y0], "area": (x1 - WIDTH) * (y1 - y0)}]
