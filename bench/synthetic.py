"""Speed and peak memory on generated images of fixed sizes: 1080p photos and 8192×4096 images.

The images are photo-like noise (structure at several scales, JPEG quality 95) with no faces:
the detector's work depends on the pixel count, not on what it finds, so this measures the
cost a user pays per image of that size. Each size runs in its own process (see ``worker``).
"""
import os
import time

import cv2
import numpy as np

from core.obscure import Style
from core.types import ImageJob

from .measure import peak_rss_mb, progress

#: name → (width, height, image type, count)
SIZES = {
    "1080p": (1920, 1080, "planar", 6),
    "8192x4096 planar": (8192, 4096, "planar", 2),
    "8192x4096 equirectangular": (8192, 4096, "equirectangular", 2),
}


def photo_like(width: int, height: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    image = np.zeros((height, width, 3), np.float32)
    for scale, weight in ((1, 20), (4, 40), (16, 70)):
        size = (max(2, width // scale), max(2, height // scale))
        noise = rng.normal(0, 1, (size[1], size[0], 3)).astype(np.float32)
        image += weight * cv2.resize(noise, (width, height), interpolation=cv2.INTER_CUBIC)
    return np.clip(image + 128, 0, 255).astype(np.uint8)


def prepare(size: str, output: str) -> list:
    """Write the images of ``size`` once (in the calling process, so that making them does not
    count in the timed worker's peak memory); their paths."""
    width, height, _, count = SIZES[size]
    folder = os.path.join(output, "synthetic", size.replace(" ", "_"))
    os.makedirs(os.path.join(folder, "out"), exist_ok=True)
    paths = []
    for index in range(count):
        path = os.path.join(folder, f"{index}.jpg")
        if not os.path.isfile(path):
            cv2.imwrite(path, photo_like(width, height, index), [cv2.IMWRITE_JPEG_QUALITY, 95])
        paths.append(path)
    return paths


def run(size: str, output: str) -> dict:
    from core.pipeline import Anonymizer, Settings

    width, height, image_type, count = SIZES[size]
    paths = prepare(size, output)
    folder = os.path.dirname(paths[0])
    anonymizer = Anonymizer(Settings(classes=("face",), style=Style("fill", 1.3), image_type=image_type))
    seconds = 0.0
    failed = []
    for index, path in enumerate(paths):
        started = time.perf_counter()
        outcome = anonymizer.process(ImageJob(index, path, os.path.join(folder, "out", os.path.basename(path)), image_type=image_type))
        spent = time.perf_counter() - started
        seconds += spent
        if outcome.status != "anonymized":
            failed.append(outcome.error)
        progress(f"synthetic {size} {index + 1}/{count}: {spent:.2f} s")
    return {
        "tool": "GeoBlur",
        "set": f"synthetic {size}",
        "images": count,
        "anonymized": count - len(failed),
        "failed": failed,
        "seconds": seconds,
        "megapixels": count * width * height / 1e6,
        "device": anonymizer.device,
        "peak_mb": peak_rss_mb(),
    }
