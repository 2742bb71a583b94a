"""JPEG in, JPEG out, touching only what must be hidden.

Mapping imagery is measured from (photogrammetry, feature matching, asset inventories), and
re-encoding a whole 8K panorama to hide three faces adds generation loss everywhere. Here the
source's DCT coefficients are read as they are (``jpeglib``, which bundles libjpeg); only the
MCUs (the 8×8 or 16×16 pixel units a JPEG codes together) that hold a changed pixel get new
coefficients, computed from the anonymized pixels and quantised with the source's own tables;
every other block keeps its coefficients bit for bit. A mask's feather changes pixels, so it
lies inside the touched MCUs by construction.

Baseline and extended sequential 8-bit JPEGs, grey or YCbCr, any chroma subsampling, are done
this way; progressive, arithmetic-coded, 12-bit, CMYK/YCCK and lossless JPEGs raise
:class:`Unsupported`, and the caller re-encodes the whole image instead (and says so).
"""
import ctypes
import importlib.util
import os
import sys
import tempfile
from typing import List

import cv2
import numpy as np

from .metadata import jpeg as jpeg_markers

INSTALL = "python3 -m pip install jpeglib==1.0.2"
#: frame types coded with Huffman tables, sequentially: baseline, extended sequential
SEQUENTIAL = {0xC0, 0xC1}
FRAME_NAMES = {0xC2: "progressive", 0xC3: "lossless", 0xC5: "differential", 0xC6: "differential progressive",
               0xC7: "differential lossless", 0xC9: "arithmetic-coded", 0xCA: "arithmetic-coded progressive",
               0xCB: "arithmetic-coded lossless", 0xCD: "arithmetic-coded differential",
               0xCE: "arithmetic-coded differential", 0xCF: "arithmetic-coded differential"}


class Unsupported(Exception):
    """This JPEG cannot be rewritten block by block; the message says why."""


def _dct_matrix() -> np.ndarray:
    """The orthonormal 8-point DCT-II, as JPEG (and OpenCV's dct) defines it."""
    k = np.arange(8)[:, None]
    n = np.arange(8)[None, :]
    matrix = np.cos((2 * n + 1) * k * np.pi / 16) * np.sqrt(2 / 8)
    matrix[0] /= np.sqrt(2)
    return matrix


DCT = _dct_matrix().astype(np.float32)


def check_frame(source: bytes) -> None:
    """Raise Unsupported unless the JPEG is sequential, Huffman-coded and 8-bit."""
    parsed = jpeg_markers.parse(source)
    frame = next((marker, payload) for marker, payload in parsed.segments if marker in jpeg_markers.FRAME_MARKERS)
    marker, payload = frame
    if marker not in SEQUENTIAL:
        raise Unsupported(f"it is a {FRAME_NAMES.get(marker, 'non-sequential')} JPEG")
    if payload[0] != 8:
        raise Unsupported(f"it has {payload[0]}-bit samples")
    if parsed.components not in (1, 3):
        raise Unsupported(f"it has {parsed.components} colour components")


#: cv2.transform's matrix summing a pixel's three channels
ANY_CHANNEL = np.ones((1, 3), np.float32)


def touched_mcus(originals, anonymized: np.ndarray, mcu_height: int, mcu_width: int) -> np.ndarray:
    """(MCU rows, MCU columns) bool: the MCUs holding a pixel that differs between the original
    and ``anonymized``, looked for only where ``originals`` (:class:`.obscure.Originals`) keeps
    the original, since a pass over a whole 8K panorama costs more than the rest of the writing."""
    height, width = anonymized.shape[:2]
    touched = np.zeros((-(-height // mcu_height), -(-width // mcu_width)), bool)
    for x0, y0, before in originals.patches:
        after = anonymized[y0:y0 + before.shape[0], x0:x0 + before.shape[1]]
        differs = cv2.absdiff(before, after)
        if differs.ndim == 3:  # a pixel differs where any channel does: their sum, saturated
            differs = cv2.transform(differs, ANY_CHANNEL)  # 14x faster than max(axis=2)
        differs = differs > 0
        rows, row_starts = _mcu_runs(y0, differs.shape[0], mcu_height)
        columns, column_starts = _mcu_runs(x0, differs.shape[1], mcu_width)
        folded = np.logical_or.reduceat(np.logical_or.reduceat(differs, row_starts, axis=0), column_starts, axis=1)
        touched[rows[:, None], columns[None, :]] |= folded
    return touched


def _mcu_runs(start: int, length: int, size: int):
    """For the pixels start..start+length along one axis: the MCUs they fall in, and the index
    of the first pixel in each (a patch need not begin or end on an MCU's edge)."""
    mcus = (start + np.arange(length)) // size
    firsts = np.flatnonzero(np.diff(mcus, prepend=-1))
    return mcus[firsts], firsts


def _ycbcr(pixels: np.ndarray) -> List[np.ndarray]:
    """JFIF's full-range Y, Cb, Cr (float32) of BGR (..., 3) or grey uint8 pixels."""
    if pixels.ndim == 3:  # (N, h, w) grey tiles
        return [pixels.astype(np.float32)]
    b, g, r = (pixels[..., i].astype(np.float32) for i in range(3))
    return [0.299 * r + 0.587 * g + 0.114 * b,
            -0.168736 * r - 0.331264 * g + 0.5 * b + 128,
            0.5 * r - 0.418688 * g - 0.081312 * b + 128]


def _tiles(pixels: np.ndarray, mcu_rows: np.ndarray, mcu_columns: np.ndarray, height: int, width: int) -> np.ndarray:
    """The MCUs (N, height, width[, 3]) at (mcu_rows, mcu_columns) of ``pixels``, a partial MCU at
    the right or bottom edge extended by repeating its last row and column, as encoders do."""
    rows = np.clip(mcu_rows[:, None] * height + np.arange(height)[None, :], 0, pixels.shape[0] - 1)
    columns = np.clip(mcu_columns[:, None] * width + np.arange(width)[None, :], 0, pixels.shape[1] - 1)
    return pixels[rows[:, :, None], columns[:, None, :]]


def _blocks(plane: np.ndarray, v: int, h: int) -> np.ndarray:
    """(N, v·8, h·8) component tiles as (N, v, h, 8, 8) blocks."""
    return plane.reshape(len(plane), v, 8, h, 8).transpose(0, 1, 3, 2, 4)


def _jpeglib():
    """``jpeglib``, its bundled libjpeg loaded so that it calls its *own* functions.

    QGIS (``qgis_process``, the desktop) has the system's libjpeg loaded already, and a library
    loaded the usual way resolves ``jpeg_*`` to the first definition in the process: jpeglib's
    code then drives the system's libjpeg with its own struct layout ("JPEG parameter struct
    mismatch"), reads garbage quantisation tables and fails to write. So before jpeglib is first
    imported (its import loads the library, version "6b", which GeoBlur uses), the same file is
    loaded here with ``RTLD_DEEPBIND``, which makes it prefer its own symbols; jpeglib's own load
    then gets that very library.
    """
    if "jpeglib" not in sys.modules and hasattr(os, "RTLD_DEEPBIND"):
        spec = importlib.util.find_spec("jpeglib")
        if spec is not None and spec.submodule_search_locations:
            folder = os.path.join(list(spec.submodule_search_locations)[0], "cjpeglib")
            names = [f for f in sorted(os.listdir(folder)) if f.startswith("cjpeglib_6b.") and f.endswith(".so")]
            if names:
                ctypes.CDLL(os.path.join(folder, names[0]), mode=os.RTLD_DEEPBIND | ctypes.RTLD_LOCAL)
    import jpeglib

    return jpeglib


def encode(source: bytes, anonymized: np.ndarray, originals) -> bytes:
    """A JPEG of ``anonymized`` made from ``source``'s coefficients, new ones only in the MCUs
    where ``anonymized`` differs from the source decoded (pixels as stored, i.e. EXIF
    orientation 1), which ``originals`` (:class:`.obscure.Originals`) holds wherever they may
    differ. Raises Unsupported."""
    jpeglib = _jpeglib()
    check_frame(source)
    with tempfile.TemporaryDirectory(prefix="geoblur-jpeg-") as folder:
        source_path, output_path = os.path.join(folder, "in.jpg"), os.path.join(folder, "out.jpg")
        with open(source_path, "wb") as stream:
            stream.write(source)
        image = jpeglib.read_dct(source_path)
        image.load()
        space = getattr(image.jpeg_color_space, "name", str(image.jpeg_color_space))
        if space not in ("JCS_YCbCr", "JCS_GRAYSCALE"):
            raise Unsupported(f"its colour space is {space[4:]} (an Adobe marker says so), not YCbCr")
        components = [image.Y] + ([image.Cb, image.Cr] if image.has_chrominance else [])
        if len(components) != (1 if anonymized.ndim == 2 else 3) or image.has_black:
            raise Unsupported("its colour components do not match the decoded image")
        factors = np.asarray(image.samp_factor).reshape(-1, 2)[:len(components)]  # (vertical, horizontal)
        tables = [image.qt[image.quant_tbl_no[index]] for index in range(len(components))]
        touched = touched_mcus(originals, anonymized, 8 * int(factors[:, 0].max()), 8 * int(factors[:, 1].max()))
        mcu_rows, mcu_columns = np.nonzero(touched)
        for chunk in range(0, len(mcu_rows), MCUS_AT_ONCE):
            at = slice(chunk, chunk + MCUS_AT_ONCE)
            _recode(anonymized, mcu_rows[at], mcu_columns[at], components, factors, tables)
        image.Y, image.Cb, image.Cr = (_Shared.of(component) for component in (image.Y, image.Cb, image.Cr))
        # standard Huffman tables: optimised ones cost a second pass over the data for a few
        # per cent of file size (bench/README.md)
        image.write_dct(output_path, flags=["-OPTIMIZE_CODING"])
        with open(output_path, "rb") as stream:
            return stream.read()


#: MCUs given new coefficients at once: their pixels in float32 are some tens of MB, where all of
#: a 16384×8192 street panorama's touched MCUs at once are near a GB
MCUS_AT_ONCE = 4096


def _recode(anonymized: np.ndarray, mcu_rows: np.ndarray, mcu_columns: np.ndarray, components, factors,
            tables) -> None:
    """Put into ``components`` (coefficients, per component) those of ``anonymized`` in the MCUs
    at (mcu_rows, mcu_columns), quantised with the source's ``tables``."""
    v_max, h_max = int(factors[:, 0].max()), int(factors[:, 1].max())
    planes = _ycbcr(_tiles(anonymized, mcu_rows, mcu_columns, 8 * v_max, 8 * h_max))
    for coefficients, plane, (v, h), table in zip(components, planes, factors, tables):
        v, h = int(v), int(h)
        fy, fx = v_max // v, h_max // h
        sampled = plane.reshape(len(plane), 8 * v, fy, 8 * h, fx).mean(axis=(2, 4))
        transformed = DCT @ (_blocks(sampled, v, h) - 128.0) @ DCT.T
        quantised = np.clip(np.round(transformed / table), -32768, 32767).astype(np.int16)
        rows = mcu_rows[:, None, None] * v + np.arange(v)[None, :, None]
        columns = mcu_columns[:, None, None] * h + np.arange(h)[None, None, :]
        rows, columns = np.broadcast_arrays(rows, columns)
        inside = (rows < coefficients.shape[0]) & (columns < coefficients.shape[1])
        coefficients[rows[inside], columns[inside]] = quantised[inside]


class _Shared(np.ndarray):
    """Coefficients that jpeglib's writer hands to libjpeg as they are: its ``write_dct`` copies
    every component with ``astype(np.int16)`` first, though they are int16 already (400 MB more
    at 16384×8192, on top of libjpeg's own copy)."""

    @classmethod
    def of(cls, component):
        return None if component is None else component.view(cls)

    def astype(self, dtype, *args, **kwargs):
        if np.dtype(dtype) == self.dtype and not args and not kwargs:
            return self
        return super().astype(dtype, *args, **kwargs)
