"""The run ledger: what each anonymized copy was made from, so a rerun skips what is up to date.

A campaign of 10^5–10^6 panoramas is stopped and resumed; a run killed after 40,000 images must
not start again from zero. For every copy written, the ledger records the source's size and
modification time, a key of everything that shapes the copy (GeoBlur's version, each model's
sha256 and threshold, classes, method, mask, JPEG quality, image type) and the image's result
with its detections, so the detections layer of a resumed run still lists every object.

It is one SQLite file, ``.geoblur/ledger.sqlite`` in the output folder, written only by the
process that collects results (the QGIS algorithm, the command line or the Dask client), never
by workers, each result committed as it arrives: a run killed at any moment leaves a ledger that
names only copies really written. It holds source paths and detection boxes, not pixels: leave
the ``.geoblur`` folder out when the anonymized set is published.
"""
import hashlib
import json
import os
import sqlite3
from dataclasses import asdict
from typing import Optional, Tuple

import numpy as np

from .errors import GeoBlurError
from .imageio import written_by_geoblur
from .types import Detection, ImageJob, ImageResult

FOLDER = ".geoblur"
NAME = "ledger.sqlite"


def _reason(error: Exception) -> str:
    return getattr(error, "strerror", None) or str(error)


def settings_key(record: dict, settings) -> str:
    """A digest of everything that shapes a copy: the run record (version, models, thresholds,
    method, mask scale) without the device, and the settings the record does not hold."""
    shaping = {key: value for key, value in record.items() if key != "device"}
    shaping.update(classes=sorted(settings.classes), fill_color=list(settings.style.fill_color),
                   jpeg_quality=settings.jpeg_quality, lossless_jpeg=settings.lossless_jpeg,
                   image_type=settings.image_type,
                   horizontal_fov=settings.horizontal_fov)
    return hashlib.sha256(json.dumps(shaping, sort_keys=True).encode("utf-8")).hexdigest()


def _plain(value):
    """``value`` with numpy arrays and numbers made JSON-able."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def result_to_json(result: ImageResult) -> str:
    data = asdict(result)
    data["detections"] = [dict(cls=d.cls, score=d.score, box=d.box, model=d.model, polygon=d.polygon, extra=d.extra)
                          for d in result.detections]
    return json.dumps(_plain(data))


def result_from_json(text: str) -> ImageResult:
    data = json.loads(text)
    detections = []
    for d in data.pop("detections"):
        polygon = None if d["polygon"] is None else np.asarray(d["polygon"], dtype=np.float64)
        extra = dict(d["extra"])
        if "mask_centre" in extra:
            extra["mask_centre"] = tuple(extra["mask_centre"])
        detections.append(Detection(d["cls"], d["score"], tuple(d["box"]), d["model"], polygon, extra))
    return ImageResult(detections=detections, **data)


class Ledger:
    """The ledger of one output folder (see the module's docstring)."""

    def __init__(self, output_folder: str):
        folder = os.path.join(output_folder, FOLDER)
        self.path = os.path.join(folder, NAME)
        self.problem = ""  # why results could not be recorded, once that happened
        try:
            os.makedirs(folder, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30)
            self._db.execute("CREATE TABLE IF NOT EXISTS copies (destination TEXT PRIMARY KEY, source TEXT, "
                             "size INTEGER, mtime_ns INTEGER, shaping TEXT, result TEXT)")
            # the last re-render of a copy from reviewed detections (core.render), and the copy it wrote
            self._db.execute("CREATE TABLE IF NOT EXISTS renders (destination TEXT PRIMARY KEY, signature TEXT, "
                             "copy_size INTEGER, copy_mtime_ns INTEGER)")
            self._db.commit()
        except (OSError, sqlite3.Error) as error:
            raise GeoBlurError(f"The output folder {output_folder} cannot be written ({_reason(error)}): check "
                               "that it is writable and its disk has free space.") from None

    def close(self) -> None:
        self._db.close()

    @staticmethod
    def _shaping(job: ImageJob, key: str) -> str:
        return f"{key}:{job.image_type}"

    def up_to_date(self, job: ImageJob, key: str) -> Optional[ImageResult]:
        """The recorded result of ``job`` when its copy is still what this run would write: the
        same source (size and modification time), the same shaping settings, and the copy
        still there as GeoBlur wrote it. None otherwise."""
        row = self._db.execute("SELECT source, size, mtime_ns, shaping, result FROM copies WHERE destination = ?",
                               (job.destination,)).fetchone()
        if row is None:
            return None
        try:
            stat = os.stat(job.source)
        except OSError:
            return None
        source, size, mtime_ns, shaping, result = row
        if (source, size, mtime_ns, shaping) != (job.source, stat.st_size, stat.st_mtime_ns, self._shaping(job, key)):
            return None
        if not written_by_geoblur(job.destination):
            return None
        recorded = result_from_json(result)
        recorded.job_id = job.job_id
        return recorded

    def record(self, job: ImageJob, result: ImageResult, key: str, stat: Optional[os.stat_result]) -> str:
        """Note a copy just written (``stat``: the source's, taken before it was read), or
        forget the destination when the image did not come out anonymized. A ledger that cannot
        be written (a full disk) does not stop the run: the copies are what matters, and a
        rerun then redoes the images it could not note. Returns what went wrong the first time
        it does ("" otherwise)."""
        try:
            # a run's copy shows the models' detections again, whatever a review rendered before
            self._db.execute("DELETE FROM renders WHERE destination = ?", (job.destination,))
            if result.status != "anonymized" or stat is None:
                self._db.execute("DELETE FROM copies WHERE destination = ?", (job.destination,))
            else:
                self._db.execute("INSERT OR REPLACE INTO copies VALUES (?, ?, ?, ?, ?, ?)",
                                 (job.destination, job.source, stat.st_size, stat.st_mtime_ns,
                                  self._shaping(job, key), result_to_json(result)))
            self._db.commit()
        except sqlite3.Error as error:
            if self.problem:
                return ""
            self.problem = (f"The run ledger {self.path} could not be written ({_reason(error)}): the copies are "
                            "written, but a rerun will redo the images done from now on.")
            return self.problem
        return ""

    def recorded(self, destination: str) -> Optional[ImageResult]:
        """The result a run recorded for the copy at ``destination`` (its detections with their
        outlines), or None."""
        row = self._db.execute("SELECT result FROM copies WHERE destination = ?", (destination,)).fetchone()
        return result_from_json(row[0]) if row else None

    def recorded_source(self, destination: str) -> Optional[Tuple[int, int]]:
        """(size, mtime_ns) of the original when the run wrote the copy at ``destination``."""
        row = self._db.execute("SELECT size, mtime_ns FROM copies WHERE destination = ?", (destination,)).fetchone()
        return tuple(row) if row else None

    def rendered(self, destination: str) -> Optional[str]:
        """The signature (:func:`core.render.signature`) of the last re-render of ``destination``,
        when the copy there is still the file that render wrote; None otherwise."""
        row = self._db.execute("SELECT signature, copy_size, copy_mtime_ns FROM renders WHERE destination = ?",
                               (destination,)).fetchone()
        if row is None:
            return None
        try:
            stat = os.stat(destination)
        except OSError:
            return None
        return row[0] if (stat.st_size, stat.st_mtime_ns) == (row[1], row[2]) else None

    def record_render(self, destination: str, signature: str) -> None:
        """Note that the copy at ``destination`` was just rendered as ``signature`` describes."""
        stat = os.stat(destination)
        self._db.execute("INSERT OR REPLACE INTO renders VALUES (?, ?, ?, ?)",
                         (destination, signature, stat.st_size, stat.st_mtime_ns))
        self._db.commit()

    def forget_render(self, destination: str) -> None:
        """Forget the render of a copy that failed (and was removed)."""
        try:
            self._db.execute("DELETE FROM renders WHERE destination = ?", (destination,))
            self._db.commit()
        except sqlite3.Error:
            pass  # the copy is gone: a stale row can only make the next render redo it


def find_ledger(destination: str) -> Optional[Ledger]:
    """The ledger of the run that wrote the copy at ``destination``: the nearest
    ``.geoblur/ledger.sqlite`` in the folders above it (the run's output folder), or None."""
    folder = os.path.dirname(os.path.abspath(destination))
    while True:
        if os.path.isfile(os.path.join(folder, FOLDER, NAME)):
            try:
                return Ledger(folder)
            except GeoBlurError:
                return None
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
