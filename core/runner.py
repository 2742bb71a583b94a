"""The one runner of a GeoBlur run, whoever starts it: the QGIS algorithm, the command line or a
script; it hands image jobs to an engine and gives back one result per job, in the jobs' order.

Engines (:class:`Engine`):

- ``workers == 1``: this process, one image after the other (no process start-up; what a small
  run or a debugger wants).
- ``workers >= 2`` (0: one per core): a pool of worker processes on this machine
  (:mod:`concurrent.futures`; QGIS's own process is never forked), kept warm for the session's
  next run (:mod:`.warm_pool`). Each loads the models once; onnxruntime gets ``cores // workers``
  threads, so while one worker decodes or encodes, another infers and every core stays busy.
- ``cluster = "tcp://host:8786"``: an existing Dask cluster (:mod:`.cluster`). Workers must see
  the image paths and the output folder (a shared filesystem).

Whatever the engine, only a few images per worker are in flight (memory stays bounded on a
million images), a cancel submits nothing more and lets each worker finish at most the image it
is on, and results are written to the ledger (:mod:`.ledger`) by this process alone, so a rerun
over the same output folder skips every copy that is up to date (``overwrite`` redoes them).
A worker that dies breaks no run: on this machine its image and those not yet processed are
failed (a rerun redoes them), on Dask they are redone elsewhere; copies are only ever renamed
into place whole.
"""
import os
from concurrent.futures import FIRST_COMPLETED, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import Dict, Iterator, List, Optional, Sequence

from . import warm_pool
from .callbacks import Callbacks
from .errors import Canceled
from .ledger import Ledger, settings_key
from .models import release_sessions
from .pipeline import Anonymizer, Settings
from .types import ImageJob, ImageResult

#: images in flight per worker: one being processed, one waiting so the worker never idles
IN_FLIGHT_PER_WORKER = 2
UP_TO_DATE = "up to date"
CANCELED = "Canceled before this image was processed."
WORKER_DIED = "a worker process died (out of memory?) and took the pool with it; run again to redo it"


@dataclass
class Engine:
    """Where the images are processed (see the module's docstring)."""

    workers: int = 0  # 0: one per core; 1: in this process
    cluster: str = ""  # a Dask scheduler's address; empty: this machine
    overwrite: bool = False  # redo images whose copy is up to date
    #: keep the local pool's workers for the next run (core.warm_pool): not where the process
    #: ends with the run (qgis_process), whose host may not shut the pool down
    keep_warm: bool = True

    def worker_count(self) -> int:
        return self.workers if self.workers > 0 else (os.cpu_count() or 1)

    def describe(self) -> str:
        if self.cluster:
            return f"the Dask cluster at {self.cluster}"
        count = self.worker_count()
        return "this process" if count == 1 else f"{count} worker processes"


# --- what runs in a worker process (local pool or Dask worker) -----------------------------------

_worker_anonymizers: Dict[str, Anonymizer] = {}


def worker_anonymizer(settings: Settings) -> Anonymizer:
    """This process's Anonymizer for ``settings``, its models loaded on first use and kept for
    the rest of the run (one session per model per worker process)."""
    key = repr(settings)
    if key not in _worker_anonymizers:
        _worker_anonymizers.clear()  # a new run's settings: the old sessions go
        _worker_anonymizers[key] = Anonymizer(settings)
    return _worker_anonymizers[key]


def process_in_worker(job: ImageJob, settings: Settings) -> ImageResult:
    """One image, in whichever worker process runs it."""
    return worker_anonymizer(settings).process(job)


# --- the runner ----------------------------------------------------------------------------------

class Runner:
    """A run over one output folder: models checked here first, then :meth:`run`."""

    def __init__(self, settings: Settings, engine: Engine, output_folder: str,
                 callbacks: Optional[Callbacks] = None):
        self.engine = engine
        self.callbacks = callbacks or Callbacks()
        workers = 1 if engine.cluster else engine.worker_count()
        if workers > 1 and not settings.threads:
            settings = replace(settings, threads=max(1, (os.cpu_count() or 1) // workers))
        self.settings = settings
        # the models load (and their files are verified) here, before any image, whatever the engine
        anonymizer = Anonymizer(settings, self.callbacks)
        self.record, self.device = anonymizer.record, anonymizer.device
        in_process = workers == 1 and not engine.cluster
        self.anonymizer = anonymizer if in_process else None
        if not in_process:  # the workers load their own; here they would only hold memory
            release_sessions()
        self.key = settings_key(self.record, settings)
        self.output_folder = output_folder
        self.ledger = Ledger(output_folder)
        self.canceled = False

    def run(self, jobs: Sequence[ImageJob]) -> Iterator[ImageResult]:
        """Exactly one result per job, in the jobs' order. After a cancel, the images no worker
        had started are "skipped" (:attr:`canceled` says it happened)."""
        jobs = list(jobs)
        results: Dict[int, ImageResult] = {}
        to_do: List[int] = []
        for index, job in enumerate(jobs):
            recorded = None if self.engine.overwrite else self.ledger.up_to_date(job, self.key)
            if recorded is not None:
                recorded.status, recorded.error = "skipped", UP_TO_DATE
                results[index] = recorded
            else:
                to_do.append(index)
        done = 0
        try:
            for index, result in self._engine_results(jobs, to_do):
                results[index] = result
                while done in results:
                    yield results.pop(done)
                    done += 1
                    self.callbacks.progress(100.0 * done / len(jobs))
        except Canceled:
            self.canceled = True
        finally:
            self._clean_up(jobs)
        for index in range(done, len(jobs)):
            yield results.pop(index, None) or skipped(jobs[index], CANCELED)

    def _engine_results(self, jobs: List[ImageJob], to_do: List[int]):
        """(index, result) pairs, in any order, recorded in the ledger as they come."""
        if not to_do:
            return
        if self.engine.cluster:
            from . import cluster

            source = cluster.results(self.engine.cluster, jobs, to_do, self.settings, self.callbacks.is_canceled)
        elif self.engine.worker_count() == 1:
            source = self._in_process(jobs, to_do)
        else:
            source = self._local_pool(jobs, to_do)
        for index, stat, result in source:
            problem = self.ledger.record(jobs[index], result, self.key, stat)
            if problem:
                self.callbacks.log(problem)
            yield index, result

    def _in_process(self, jobs, to_do):
        """One image after the other. (Reading the next image ahead in a thread was measured
        slower on 2 cores: it competes with onnxruntime's own threads.)"""
        for index in to_do:
            if self.callbacks.is_canceled():
                raise Canceled("Canceled.")
            stat = _stat(jobs[index].source)  # before reading: the ledger must not outdate a change
            yield index, stat, self.anonymizer.process(jobs[index])

    def _local_pool(self, jobs, to_do):
        workers = self.engine.worker_count()
        queue = iter(to_do)
        running = {}
        limit = workers * IN_FLIGHT_PER_WORKER
        pool = warm_pool.acquire(workers)
        canceled = broken = False
        try:
            lost = self._fill(pool, jobs, queue, running, limit)
            while running or lost:
                for index, stat in lost:
                    broken = True
                    yield index, stat, failed(jobs[index], WORKER_DIED)
                lost = []
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    index, stat = running.pop(future)
                    if future.cancelled():
                        continue
                    try:
                        result = future.result()
                    except BrokenProcessPool:  # its worker died, and the pool with it
                        broken, result = True, failed(jobs[index], WORKER_DIED)
                    yield index, stat, result
                if not canceled and self.callbacks.is_canceled():
                    canceled = True
                    for future in running:
                        future.cancel()  # those not started; the others finish their one image
                if not canceled:
                    lost = self._fill(pool, jobs, queue, running, limit)
        finally:
            for future in running:
                future.cancel()
            wait(running)  # the images workers had started end, their copies whole or not at all
            warm_pool.release(pool, workers, broken, self.engine.keep_warm)
        if canceled:
            raise Canceled("Canceled.")

    def _fill(self, pool, jobs, queue, running, limit) -> list:
        """Submit jobs until ``limit`` are running. Returns the (index, stat) of those that can
        no longer be submitted because a worker died and took the pool with it: all the rest."""
        while len(running) < limit:
            index = next(queue, None)
            if index is None:
                return []
            stat = _stat(jobs[index].source)
            try:
                running[pool.submit(process_in_worker, jobs[index], self.settings)] = (index, stat)
            except BrokenProcessPool:
                return [(index, stat)] + [(rest, _stat(jobs[rest].source)) for rest in queue]
        return []

    def _clean_up(self, jobs: List[ImageJob]) -> None:
        """Remove the temporary files a killed worker may have left, close the ledger and give
        the models' memory back."""
        for folder, names in _by_folder(jobs).items():
            for stray in _temporaries(folder, set(names)):
                try:
                    os.remove(stray)
                except OSError:
                    pass
        self.ledger.close()
        release_sessions()


def skipped(job: ImageJob, reason: str) -> ImageResult:
    return ImageResult(job.job_id, job.source, "skipped", error=reason, heading=job.heading)


def failed(job: ImageJob, reason: str) -> ImageResult:
    return ImageResult(job.job_id, job.source, "failed", error=f"{job.source}: {reason}.", heading=job.heading)


def _stat(path: str) -> Optional[os.stat_result]:
    try:
        return os.stat(path)
    except OSError:
        return None


def _temporaries(folder: str, names: set) -> List[str]:
    """The temporary files :func:`.imageio.write_atomically` names ``.<name>.<12 hex>.tmp``
    beside the copies ``names`` in ``folder``: one listing of the folder, not one per image."""
    try:
        entries = os.listdir(folder)
    except OSError:
        return []
    found = []
    for entry in entries:
        if entry.startswith(".") and entry.endswith(".tmp"):
            name, _, token = entry[1:-4].rpartition(".")
            if name in names and len(token) == 12:
                found.append(os.path.join(folder, entry))
    return found


def _by_folder(jobs: List[ImageJob]) -> Dict[str, List[str]]:
    folders: Dict[str, List[str]] = {}
    for job in jobs:
        if job.destination:
            folders.setdefault(os.path.dirname(job.destination), []).append(os.path.basename(job.destination))
    return folders
