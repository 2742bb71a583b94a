"""Reading photos for detection and writing their anonymized copies, metadata kept.

Reading takes the file's bytes once: :mod:`.metadata` checks the file is whole and reads its
size, XMP, EXIF and orientation; OpenCV decodes the pixels unchanged (16-bit, grey and alpha
kept); the EXIF orientation is then applied so detectors and obscuring work on the upright image.
Anything wrong — missing, empty, not an image, truncated, too large, an unsupported variant —
raises :class:`ImageError` naming the file, and the image fails closed.

Writing encodes the upright pixels in the original's format, splices the original's metadata
(without thumbnails or previews, orientation 1) into the result, and writes it under a temporary
name in the destination folder that is then renamed, so a half-written copy never exists under
the final name. It says what it left out for safety, so that the run's log can tell the user.
Every copy carries GeoBlur's mark (a JPEG comment, a PNG text chunk, the TIFF Software tag):
GeoBlur only ever replaces or deletes a file that :func:`written_by_geoblur` recognises.
"""
import contextlib
import os
import stat
import uuid
from dataclasses import dataclass, field
from typing import List

import cv2
import numpy as np

from .errors import ImageError
from .metadata import jpeg, png, tiff_file
from .obscure import Originals

#: larger images are refused before decoding (16384 x 16384; an 8-bit colour copy is 800 MB)
MAX_PIXELS = 1 << 28
#: format -> (metadata module, extension OpenCV encodes it by, name for messages)
FORMATS = {"jpeg": (jpeg, ".jpg", "JPEG"), "png": (png, ".png", "PNG"), "tiff": (tiff_file, ".tif", "TIFF")}
#: first bytes of formats GeoBlur does not read, to name them in the message
OTHER_FORMATS = {b"GIF8": "a GIF", b"BM": "a BMP", b"RIFF": "a RIFF (WebP?)", b"%PDF": "a PDF",
                 b"\x00\x00\x00\x0cjP  ": "a JPEG 2000", b"\xff\x4f\xff\x51": "a JPEG 2000"}


@dataclass
class LoadedImage:
    """A decoded image, upright, with what the writer needs to keep its metadata."""

    pixels: np.ndarray  # (H,W) or (H,W,3|4), BGR(A) as OpenCV gives, uint8 or uint16
    format: str  # "jpeg" | "png" | "tiff"
    source_bytes: bytes = field(repr=False)
    orientation: int = 1  # EXIF/TIFF orientation the file had (already applied to pixels)
    xmp: str = field(default="", repr=False)
    exif: dict = field(default_factory=dict, repr=False)

    def rgb8(self) -> np.ndarray:
        """(H,W,3) uint8 RGB, as detectors take it: grey replicated, alpha dropped, 16-bit
        scaled to 8-bit by the bit depth the data really uses (see :func:`significant_bits`)."""
        pixels = self.pixels
        if pixels.dtype == np.uint16:
            colour = pixels[..., :3] if pixels.ndim == 3 else pixels
            top = (1 << significant_bits(colour)) - 1
            pixels = cv2.convertScaleAbs(pixels, alpha=255.0 / top)
        if pixels.ndim == 2:
            return cv2.cvtColor(pixels, cv2.COLOR_GRAY2RGB)
        return cv2.cvtColor(pixels, cv2.COLOR_BGRA2RGB if pixels.shape[2] == 4 else cv2.COLOR_BGR2RGB)


def significant_bits(pixels: np.ndarray) -> int:
    """The bit depth 16-bit samples really use: cameras and scanners store 10-, 12- or 14-bit
    data in 16-bit files, which scaled by 65535 would reach the detectors 16 to 64 times too
    dark to find a face in. The depth, not the brightest pixel, keeps exposure as it was."""
    return max(8, int(pixels.max()).bit_length())


def read_image(path: str) -> LoadedImage:
    """Decode ``path`` upright. Raises ImageError, naming the file and the reason."""
    data = _read_bytes(path)
    kind = image_format(data, path)
    module, _, name = FORMATS[kind]
    try:
        info = module.read_info(data)
    except ValueError as error:
        raise ImageError(f"{path}: {error}.") from None
    if info.width <= 0 or info.height <= 0:
        raise ImageError(f"{path}: the {name} header gives no image size; the file is damaged.")
    if info.width * info.height > MAX_PIXELS:
        raise ImageError(f"{path}: the image is {info.width}×{info.height} pixels, more than GeoBlur decodes "
                         f"({MAX_PIXELS // 1_000_000} megapixels); split or downscale it first.")
    pixels = _decode(data, path, name)
    if kind != "tiff":  # OpenCV's TIFF reader applies the orientation tag itself
        pixels = oriented(pixels, info.orientation)
    return LoadedImage(pixels, kind, data, info.orientation, info.xmp, info.exif)


def write_image(path: str, pixels: np.ndarray, loaded: LoadedImage, jpeg_quality: int = 95,
                lossless: bool = True, originals=None) -> List[str]:
    """Write ``pixels`` (upright) to ``path`` in ``loaded``'s format with its metadata, atomically.

    A JPEG source is rewritten block by block when ``lossless`` (see :mod:`.lossless_jpeg`):
    only the blocks where ``pixels`` differ from the original change; the original is
    ``originals`` (:class:`.obscure.Originals`, wherever the two may differ: ``pixels`` may be
    ``loaded.pixels`` obscured in place), else all of ``loaded.pixels``. Otherwise, or when that
    is not possible, the image is encoded whole at ``jpeg_quality``.

    Returns short notes for the image's log line: each piece of the original's metadata left
    out for safety, and a JPEG re-encoded whole though block-by-block was asked for (empty when
    there is nothing to say). Raises ImageError; nothing is left at ``path`` or beside it when
    writing fails."""
    module, extension, name = FORMATS[loaded.format]
    channels = 1 if pixels.ndim == 2 else pixels.shape[2]
    allowed = (np.uint8,) if loaded.format == "jpeg" else (np.uint8, np.uint16)
    if pixels.dtype not in allowed or channels not in ((1, 3) if loaded.format == "jpeg" else (1, 3, 4)):
        raise ImageError(f"{path}: cannot write {pixels.dtype} pixels with {channels} channel(s) as {name}.")
    notes: List[str] = []
    encoded = None
    if lossless and loaded.format == "jpeg":
        encoded = _block_by_block(loaded, pixels, originals, notes)
    if encoded is None:
        encoded = _encode(path, pixels, extension, name, jpeg_quality if loaded.format == "jpeg" else None)
    height, width = pixels.shape[:2]
    try:
        data = module.with_metadata(encoded, loaded.source_bytes, width, height, channels, notes)
    except ValueError as error:
        raise ImageError(f"{path}: the original's metadata could not be copied ({error}).") from None
    write_atomically(path, data)
    return list(dict.fromkeys(notes))


def _block_by_block(loaded: LoadedImage, pixels: np.ndarray, originals, notes: List[str]):
    """The JPEG with new coefficients only where ``pixels`` changed, or None (and a note) when
    this JPEG cannot be rewritten so."""
    from . import lossless_jpeg

    if loaded.orientation != 1:
        notes.append("JPEG re-encoded whole: its EXIF orientation turns the pixels, which moves every block")
        return None
    if originals is None:
        originals = Originals.of(loaded.pixels)
    try:
        return lossless_jpeg.encode(loaded.source_bytes, pixels, originals)
    except ImportError:
        notes.append(f"JPEG re-encoded whole: jpeglib is not installed ({lossless_jpeg.INSTALL})")
        return None
    except lossless_jpeg.Unsupported as reason:
        notes.append(f"JPEG re-encoded whole: {reason}")
        return None


def _encode(path: str, pixels: np.ndarray, extension: str, name: str, jpeg_quality) -> bytes:
    """``pixels`` encoded whole by OpenCV."""
    params = [cv2.IMWRITE_JPEG_QUALITY, int(jpeg_quality)] if jpeg_quality else []
    try:
        ok, encoded = cv2.imencode(extension, pixels, params)
    except cv2.error as error:
        raise ImageError(f"{path}: OpenCV could not encode the {name} ({last_line(error)}).") from None
    if not ok:
        raise ImageError(f"{path}: OpenCV could not encode the {name}.")
    return encoded.tobytes()


def written_by_geoblur(path: str) -> bool:
    """True only for a regular file (not a link, not a folder) in a format GeoBlur writes that
    carries GeoBlur's mark; False for anything else, including a file that cannot be read.

    For a JPEG only the segments before the image data are read."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
        # should it have been replaced since: no link is followed, no pipe waited on
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        with os.fdopen(os.open(path, flags), "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                return False
            module = FORMATS[image_format(stream.read(8), path)][0]
            stream.seek(0)
            return module.carries_mark(stream)
    except (OSError, ValueError, ImageError):  # ImageError: not a format GeoBlur writes
        return False


def image_format(data: bytes, path: str) -> str:
    """"jpeg", "png" or "tiff" from the file's first bytes (never its extension)."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(png.SIGNATURE):
        return "png"
    if data[:4] in (b"II*\0", b"MM\0*", b"II+\0", b"MM\0+"):
        return "tiff"
    what = next((name for magic, name in OTHER_FORMATS.items() if data.startswith(magic)), None)
    if what is None and data[4:8] == b"ftyp":
        what = "a HEIC/AVIF (or video)"
    if what is None and _looks_like_text(data):
        what = "a text"
    if what:
        raise ImageError(f"{path}: it is {what} file, not a JPEG, PNG or TIFF image; convert it to one of those.")
    raise ImageError(f"{path}: it is not a JPEG, PNG or TIFF image (unknown content); check the file.")


def oriented(pixels: np.ndarray, orientation: int) -> np.ndarray:
    """``pixels`` as they are displayed under EXIF ``orientation`` (1-8)."""
    transforms = {
        2: lambda p: p[:, ::-1],  # mirrored left-right
        3: lambda p: p[::-1, ::-1],  # upside down
        4: lambda p: p[::-1],  # mirrored top-bottom
        5: lambda p: p.swapaxes(0, 1),  # transposed
        6: lambda p: np.rot90(p, -1),  # stored turned left: turn right
        7: lambda p: np.rot90(p, 2).swapaxes(0, 1),  # transversed
        8: lambda p: np.rot90(p, 1),  # stored turned right: turn left
    }
    if orientation not in transforms:
        return pixels
    return np.ascontiguousarray(transforms[orientation](pixels))


def write_atomically(path: str, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it to ``path``."""
    folder = os.path.dirname(os.path.abspath(path))
    temporary = os.path.join(folder, f".{os.path.basename(path)}.{uuid.uuid4().hex[:12]}.tmp")
    try:
        os.makedirs(folder, exist_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.remove(temporary)
        if isinstance(error, OSError):
            raise ImageError(f"{path}: the anonymized copy could not be written ({error.strerror or error}); "
                             "check the output folder's permissions and free space.") from None
        raise


def _read_bytes(path: str) -> bytes:
    if not os.path.exists(path):
        raise ImageError(f"{path}: the file does not exist; check the path in the layer and the base folder.")
    if os.path.isdir(path):
        raise ImageError(f"{path}: this is a folder, not an image file.")
    try:
        with open(path, "rb") as stream:
            data = stream.read()
    except OSError as error:
        raise ImageError(f"{path}: the file could not be read ({error.strerror or error}).") from None
    if not data:
        raise ImageError(f"{path}: the file is empty (0 bytes); copy it again from its source.")
    return data


def _decode(data: bytes, path: str, name: str) -> np.ndarray:
    """OpenCV's decoding, unchanged (no orientation, bit depth and alpha kept), checked to be a
    layout the engine handles."""
    try:
        pixels = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
    except cv2.error as error:
        raise ImageError(f"{path}: OpenCV could not decode the {name} ({last_line(error)}).") from None
    except MemoryError:
        raise ImageError(f"{path}: there is not enough memory to decode this image.") from None
    if pixels is None:
        raise ImageError(f"{path}: OpenCV could not decode the {name}; the file is damaged or uses a "
                         f"variant of {name} it does not read. Re-save it as an ordinary {name}.")
    if pixels.ndim == 3 and pixels.shape[2] == 1:
        pixels = pixels[:, :, 0]
    if pixels.dtype not in (np.uint8, np.uint16) or (pixels.ndim == 3 and pixels.shape[2] not in (3, 4)):
        channels = 1 if pixels.ndim == 2 else pixels.shape[2]
        raise ImageError(f"{path}: {name} images with {pixels.dtype} samples and {channels} channel(s) are not "
                         "supported; save it as 8- or 16-bit grey, RGB or RGBA.")
    return pixels


def _looks_like_text(data: bytes) -> bool:
    """True for UTF-8 text (the last character may be cut by the 512-byte sample)."""
    decoded = data[:512].decode("utf-8", errors="replace")
    return all(ch.isprintable() or ch in "\r\n\t" for ch in decoded[:-1])


def last_line(error: Exception) -> str:
    """An error's message without a preamble: OpenCV and onnxruntime put the source file and
    line before what went wrong."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[-1] if lines else "unknown error"
