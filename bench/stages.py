"""Where the time of one image goes, stage by stage, with all four classes asked for.

``python -m bench.stages`` (and ``make bench``) prints one table for an 8192×4096 panorama (the
first of ``pano_kitti_dev``, real persons and cars; without that set, the street panorama of
``pano360`` resized, or photo-like noise), one for a 1080p dashcam frame and one for a
4000×3000 phone photo (views of that street):

- decode: reading the file, orienting it, its 8-bit RGB;
- panorama: rendering views (views, their pixels);
- each model's forward passes (calls, images fed, pixels fed, seconds), and the rest of its
  calls (resizing, normalising, decoding its tensors);
- the rest of detection (planning, merging tiles and models, the plate rules);
- panorama: mapping back, merging;
- obscure (masks and the obscuring itself), encode (writing the copy);

then the sum, and ``Anonymizer.process`` on the same image for comparison. The engine records
into :class:`core.tiling.Stages` only when the benchmark hands it one
(``Anonymizer.record_stages``); the decode, obscure and encode stages are timed here, around
the same calls ``process`` makes. Each image is processed once before it is measured, so
caches that every image of a run shares (the views' sampling maps) are warm, as in a run.
"""
import argparse
import json
import os
import sys
import time

from core import obscure
from core.imageio import read_image, write_image
from core.obscure import Style
from core.panorama import gpano
from core.tiling import Stages, timed
from core.types import CLASSES, ImageJob

from .measure import peak_rss_mb, progress
from .sets import OUTPUT, set_folder
from .synthetic import make_image
from .tables import table

#: name → (width, height, image type)
IMAGES = {
    "8192x4096 panorama": (8192, 4096, "equirectangular"),
    "1080p photo": (1920, 1080, "planar"),
    "4000x3000 phone photo": (4000, 3000, "planar"),
}


def prepare(name: str, output: str) -> str:
    """The image to measure for ``name``, written under ``output`` (made in the caller's
    process, so that making it does not count in the measuring worker's memory)."""
    import cv2

    width, height, image_type = IMAGES[name]
    folder = os.path.join(output, "stages")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name.replace(" ", "_") + ".jpg")
    if image_type == "equirectangular":
        images = os.path.join(set_folder("pano_kitti_dev"), "images")
        first = sorted(os.listdir(images))[0] if os.path.isdir(images) else None
        if first:
            return os.path.join(images, first)
    cv2.imwrite(path, make_image(width, height, 0), [cv2.IMWRITE_JPEG_QUALITY, 95])
    return path


def profile(anonymizer, path: str, destination: str, image_type: str) -> dict:
    """The stages of one image, as :meth:`Anonymizer.process` runs them."""
    stages = Stages()
    anonymizer.record_stages(stages)
    settings = anonymizer.settings
    started = time.perf_counter()
    try:
        with timed(stages, "decode"):
            loaded = read_image(path)
            rgb = loaded.rgb8()
        height, width = rgb.shape[:2]
        with timed(stages, "detection"):
            if image_type == "equirectangular":
                sphere = gpano.geometry(loaded.xmp, width, height)
                detections = anonymizer.detect_panorama(rgb, sphere)
            else:
                sphere = None
                detections = anonymizer.detect(rgb)
        wrap = sphere is not None and sphere.wraps
        with timed(stages, "obscure"):
            originals = obscure.apply_in_place(loaded.pixels, detections, settings.style, wrap=wrap)
        with timed(stages, "encode"):
            write_image(destination, loaded.pixels, loaded, settings.jpeg_quality, settings.lossless_jpeg, originals)
    finally:
        anonymizer.record_stages(None)
    return {"rows": stages.rows, "total": time.perf_counter() - started, "detections": _count(detections),
            "width": width, "height": height}


def _count(detections) -> dict:
    counts = {}
    for d in detections:
        counts[d.cls] = counts.get(d.cls, 0) + 1
    return counts


def run(name: str, output: str) -> dict:
    from core.pipeline import Anonymizer, Settings

    width, height, image_type = IMAGES[name]
    path = prepare(name, output)
    folder = os.path.join(output, "stages", "out")
    os.makedirs(folder, exist_ok=True)
    destination = os.path.join(folder, name.replace(" ", "_") + ".jpg")
    started = time.perf_counter()
    anonymizer = Anonymizer(Settings(classes=CLASSES, style=Style("fill", 1.3), image_type=image_type))
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    outcome = anonymizer.process(ImageJob(0, path, destination, image_type=image_type))
    process_s = time.perf_counter() - started
    if outcome.status != "anonymized":
        return {"tool": "stages", "set": name, "error": outcome.error}
    measured = profile(anonymizer, path, destination, image_type)
    return dict(measured, tool="stages", set=name, source=path, process_s=process_s, load_s=load_s,
                device=anonymizer.device, peak_mb=peak_rss_mb())


def stage_table(result: dict) -> str:
    """The stage table of one :func:`run` result."""
    rows = dict(result["rows"])
    total = result["total"]
    lines = []

    def line(stage, seconds, calls="", tiles="", pixels=None):
        megapixels = "" if pixels is None else f"{pixels / 1e6:.1f}"
        lines.append((stage, calls, tiles, megapixels, f"{seconds:.2f}", f"{100 * seconds / total:.0f}%"))

    detection = rows.pop("detection", {"seconds": 0.0})["seconds"]
    line("decode", rows.pop("decode", {"seconds": 0.0})["seconds"])
    accounted = 0.0
    render = rows.pop("panorama: rendering views", None)
    if render:
        line("panorama: rendering views", render["seconds"], "", render["tiles"], render["pixels"])
        accounted += render["seconds"]
    for model in sorted({k.split(": ")[0] for k in rows if k.endswith(("forward passes", "included"))}):
        forward = rows.pop(f"{model}: forward passes", {"seconds": 0.0, "calls": 0, "tiles": 0, "pixels": 0})
        whole = rows.pop(f"{model}: calls, pre- and post-processing included", None)
        line(f"{model}: inference", forward["seconds"], forward["calls"], forward["tiles"], forward["pixels"])
        accounted += forward["seconds"]
        if whole:
            line(f"{model}: resize, normalise, decode", whole["seconds"] - forward["seconds"])
            accounted += whole["seconds"] - forward["seconds"]
    mapping = rows.pop("panorama: mapping back", None)
    merging = rows.pop("panorama: merging", None)
    for row in (mapping, merging):
        if row:
            accounted += row["seconds"]
    line("detection: the rest (planning, tiles, plate rules, NMS)", detection - accounted)
    if mapping:
        line("panorama: mapping back", mapping["seconds"])
    if merging:
        line("panorama: merging", merging["seconds"])
    line("obscure", rows.pop("obscure", {"seconds": 0.0})["seconds"])
    line("encode", rows.pop("encode", {"seconds": 0.0})["seconds"])
    for stage, row in rows.items():  # anything recorded that the table does not know yet
        line(stage, row["seconds"], row["calls"], row["tiles"], row["pixels"])
    line("total", total)
    text = table(("stage", "calls", "images fed", "MP fed", "seconds", "share"), lines)
    found = ", ".join(f"{n} {c}" for c, n in sorted(result["detections"].items())) or "none"
    return (f"{text}\nAnonymizer.process on the same image: {result['process_s']:.2f} s (its first run: "
            f"caches cold); detections: {found}; device {result['device']}; peak memory "
            f"{result['peak_mb']:.0f} MB; models loaded in {result['load_s']:.1f} s")


def report(results) -> None:
    for result in results:
        print(f"\n=== where the time goes: {result['set']}, all four classes ({result.get('source', '')}) ===")
        if "error" in result:
            print(f"ERROR: {result['error']}")
        else:
            print(stage_table(result))
    sys.stdout.flush()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.stages", description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", default=OUTPUT, help="folder for the images and results (default: bench_output)")
    parser.add_argument("--only", choices=sorted(IMAGES), help="one of the images only")
    args = parser.parse_args(argv)
    from .__main__ import measure_stages

    report([measure_stages(name, args.output) for name in IMAGES if args.only in (None, name)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
