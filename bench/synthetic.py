"""Speed and peak memory on images of fixed sizes: 1080p photos and 8192×4096 images.

The images are made from the real street panorama of ``pano360`` (resized whole for the 2:1
sizes; views of its horizon band, 90° wide, for the photos), so the detectors meet street
content rather than noise, which at a low threshold is full of face-like blobs. Without that
set, photo-like noise (structure at several scales) stands in, and the table says so. Each size
runs in its own process (see ``worker``), after ``prepare`` made its images in the caller.
"""
import os
import time

import cv2
import numpy as np

from core.obscure import Style
from core.types import ImageJob

from .measure import peak_rss_mb, progress
from .sets import set_folder

#: name → (width, height, image type, count)
SIZES = {
    "1080p": (1920, 1080, "planar", 6),
    "8192x4096 planar": (8192, 4096, "planar", 2),
    "8192x4096 equirectangular": (8192, 4096, "equirectangular", 2),
}
STREET = os.path.join("pano360", "taipei_street_fuenwang_Equirec2Perspec.jpg")


def content() -> str:
    """What the generated images are made of, as the table should say it."""
    return "views of pano360's street panorama" if os.path.isfile(_street()) else "photo-like noise (pano360 missing)"


def _street() -> str:
    return os.path.join(os.path.dirname(set_folder("pano360")), STREET)


def make_image(width: int, height: int, seed: int) -> np.ndarray:
    street = cv2.imread(_street(), cv2.IMREAD_COLOR) if os.path.isfile(_street()) else None
    if street is None:
        return photo_like(width, height, seed)
    if width == 2 * height:
        return cv2.resize(street, (width, height), interpolation=cv2.INTER_CUBIC)
    full_h, full_w = street.shape[:2]
    view_w = full_w // 4  # 90° of longitude
    view_h = min(full_h, view_w * height // width)
    x0 = (seed * full_w // 6) % (full_w - view_w)
    y0 = (full_h - view_h) // 2
    return cv2.resize(street[y0 : y0 + view_h, x0 : x0 + view_w], (width, height), interpolation=cv2.INTER_AREA)


def photo_like(width: int, height: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    image = np.zeros((height, width, 3), np.float32)
    for scale, weight in ((1, 20), (4, 40), (16, 70)):
        size = (max(2, width // scale), max(2, height // scale))
        noise = rng.normal(0, 1, (size[1], size[0], 3)).astype(np.float32)
        image += weight * cv2.resize(noise, (width, height), interpolation=cv2.INTER_CUBIC)
    return np.clip(image + 128, 0, 255).astype(np.uint8)


def image_paths(size: str, output: str) -> list:
    count = SIZES[size][3]
    folder = os.path.join(output, "synthetic", size.replace(" ", "_"))
    return [os.path.join(folder, f"{index}.jpg") for index in range(count)]


def prepare(size: str, output: str) -> None:
    """Write the images of ``size`` (in the calling process, so that making them does not count
    in the timed worker's peak memory)."""
    width, height = SIZES[size][:2]
    paths = image_paths(size, output)
    os.makedirs(os.path.join(os.path.dirname(paths[0]), "out"), exist_ok=True)
    for index, path in enumerate(paths):
        cv2.imwrite(path, make_image(width, height, index), [cv2.IMWRITE_JPEG_QUALITY, 95])


def run(size: str, output: str) -> dict:
    from core.pipeline import Anonymizer, Settings

    width, height, image_type, count = SIZES[size]
    paths = image_paths(size, output)
    folder = os.path.dirname(paths[0])
    anonymizer = Anonymizer(Settings(classes=("face",), style=Style("fill", 1.3), image_type=image_type))
    seconds = 0.0
    failed = []
    detections = 0
    for index, path in enumerate(paths):
        started = time.perf_counter()
        outcome = anonymizer.process(ImageJob(index, path, os.path.join(folder, "out", os.path.basename(path)), image_type=image_type))
        spent = time.perf_counter() - started
        seconds += spent
        if outcome.status != "anonymized":
            failed.append(outcome.error)
        detections += len(outcome.detections)
        progress(f"synthetic {size} {index + 1}/{count}: {spent:.2f} s")
    return {
        "tool": "GeoBlur",
        "set": f"synthetic {size}",
        "images": count,
        "anonymized": count - len(failed),
        "failed": failed,
        "seconds": seconds,
        "megapixels": count * width * height / 1e6,
        "detections": detections,
        "device": anonymizer.device,
        "peak_mb": peak_rss_mb(),
    }
