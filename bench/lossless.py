"""JPEG in, JPEG out: the block-by-block writer against a whole re-encode, on 8192×4096
panoramas (pano_faces_dev, faces, solid fill): time to write the copy, and PSNR outside the
masks against the source as decoded — outside the touched MCUs and their neighbours (∞
expected: not one coefficient changed there; a decoder's chroma upsampling reaches one chroma
sample into the next MCU) and outside the obscured pixels (the rest of the touched MCUs too) —
and the file size.

    python -m bench.lossless [--panoramas 8]
"""
import argparse
import math
import os
import sys
import time

import cv2
import numpy as np

from core.imageio import read_image, write_image
from core.lossless_jpeg import touched_mcus
from core.obscure import Originals, Style, apply, regions as obscure_regions
from core.pipeline import Anonymizer, Settings
from core.types import ImageJob

from .measure import progress
from .scaling import images


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    error = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2) if a.size else 0.0
    return math.inf if error == 0 else 10 * math.log10(255 ** 2 / error)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.lossless", description=__doc__.split("\n\n")[0])
    parser.add_argument("--panoramas", type=int, default=8)
    parser.add_argument("--output", default=os.path.join("bench_output", "lossless"))
    args = parser.parse_args(argv)
    os.makedirs(args.output, exist_ok=True)
    style = Style("fill", 1.3)
    anonymizer = Anonymizer(Settings(classes=("face",), style=style))
    rows = {"block by block": [], "whole re-encode (quality 95)": []}
    for index, source in enumerate(images("pano_faces_dev", args.panoramas)):
        progress(f"lossless: {os.path.basename(source)}")
        result = anonymizer.process(ImageJob(index, source, os.path.join(args.output, "detect.jpg")))
        loaded = read_image(source)
        anonymized = apply(loaded.pixels, result.detections, style, wrap=result.projection == "equirectangular")
        changed = np.any(anonymized != loaded.pixels, axis=2)
        # the touched MCUs and one MCU round them: a decoder's chroma upsampling reads one chroma
        # sample across an MCU border, so pixels next to a touched MCU may shift by a level
        touched = cv2.dilate(touched_mcus(Originals.of(loaded.pixels), anonymized, 16, 16).astype(np.uint8), np.ones((3, 3), np.uint8))
        blocks = np.kron(touched, np.ones((16, 16), np.uint8))[:changed.shape[0], :changed.shape[1]] > 0
        box = obscure_regions(loaded.pixels.shape, result.detections, style, wrap=result.projection == "equirectangular")
        originals = Originals.of(loaded.pixels, box)
        for name, lossless in (("block by block", True), ("whole re-encode (quality 95)", False)):
            path = os.path.join(args.output, f"{index}-{lossless}.jpg")
            started = time.perf_counter()
            notes = write_image(path, anonymized, loaded, 95, lossless, originals)
            spent = time.perf_counter() - started
            written = read_image(path).pixels
            rows[name].append((spent, psnr(written[~blocks], loaded.pixels[~blocks]),
                               psnr(written[~changed], loaded.pixels[~changed]), blocks.mean(), notes))
    print(f"\n=== writing the copy of {args.panoramas} pano_faces_dev panoramas (8192×4096, faces, solid fill) ===")
    print("| writer | s per panorama | PSNR outside touched blocks | PSNR outside obscured pixels | share of image re-coded |")
    print("|---|---|---|---|---|")
    for name, values in rows.items():
        seconds = np.mean([v[0] for v in values])
        outside_blocks = min(v[1] for v in values)
        outside_pixels = min(v[2] for v in values)
        share = np.mean([v[3] for v in values]) if name == "block by block" else 1.0
        print(f"| {name} | {seconds:.2f} | {outside_blocks:.1f} dB (worst) | {outside_pixels:.1f} dB (worst) | {share:.3%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
