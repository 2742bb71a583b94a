"""Dask distributed as GeoBlur's cluster engine (see :mod:`.runner`).

Each Dask task, :func:`process_batch`, is a few images in a row (:func:`batches`: small photos
share a task, so Dask's cost per task is paid once for them; a large image is a task alone;
tasks shrink as the run ends, so the workers end together),
each through :func:`.runner.process_in_worker`, which keeps one Anonymizer (its model sessions)
per worker process for the run. Only a window of tasks is submitted at a time, so the
scheduler's memory stays bounded on a million images. Detections travel back to the client,
which alone writes the ledger and the GeoPackages. A worker that dies mid-task has its task
redone on another worker by Dask; since a copy is only ever renamed into place whole, a redone
image ends as one complete copy, and the client removes the temporary file a killed worker may
leave. A cancel cancels the tasks not yet started.

Workers must import this engine under the same package name as the client (``PYTHONPATH``
holding the plugin folder) and see the same image and output paths. Started with
``--preload <package>.core.cluster`` (:func:`dask_setup`), a worker imports the engine when it
starts rather than inside a run's first task.
"""
import ctypes
import functools
import math
import os
import uuid
from collections import Counter
from dataclasses import replace
from typing import Callable, Iterator, List, Optional, Tuple

from .errors import Canceled, GeoBlurError
from .pipeline import Settings
from .types import ImageJob, ImageResult

#: tasks in flight per worker thread
IN_FLIGHT_PER_THREAD = 2
#: a task takes images in a row until their files hold TASK_BYTES, or TASK_IMAGES of them: Dask
#: costs ~35 ms per task on 2 cores, a third of a 0.1 MP photo's work, and nothing next to an 8K
#: panorama's (see bench/README.md); few images per task keep the workers evenly loaded
TASK_BYTES = 512 * 1024
TASK_IMAGES = 4
CONNECT_TIMEOUT_S = 30
#: glibc's mallopt parameter, and the largest mmap threshold its own dynamic rule reaches
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 32 * 1024 * 1024
INSTALL = "python3 -m pip install 'dask[distributed]==2026.8.0'"


def dask_setup(worker) -> None:  # noqa: ARG001 (Dask's preload hook passes the worker)
    """Dask's hook for ``dask worker --preload <package>.core.cluster``: numpy, OpenCV,
    onnxruntime and the pipeline are imported as the worker starts, once for every run
    it will serve, instead of in the first task of each new worker (~0.2 s of a core, twice a
    small photo's whole work). The models themselves load on a run's first task: which
    ones, on which device and with how many threads is the run's to say."""
    import onnxruntime  # noqa: F401

    from . import runner  # noqa: F401

    allocate_images_from_the_heap()


@functools.lru_cache(maxsize=None)
def allocate_images_from_the_heap() -> bool:
    """Let this process's arrays of up to 32 MiB come from malloc's heap again, as glibc's
    dynamic rule does by itself in any other process; True when glibc took the setting.

    Dask's nanny starts each worker with ``MALLOC_TRIM_THRESHOLD_`` set, which freezes glibc's
    mmap threshold at 128 KiB: every image, tile and tensor is then mapped afresh and its pages
    faulted in zeroed, again for each of the thousands a photo allocates. Measured on 40 photos,
    2 workers: the local pool 20% slower with that variable set, Dask workers with a nanny 20%
    slower than without one, and both back to speed with this setting (bench/README.md). Memory
    still goes back to the system: Dask's trim threshold stays, and larger arrays (an 8K
    panorama) are still mapped."""
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc: its allocator has no such rule to restore
        return False
    return bool(libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD))


def client_for(address: str):
    """A Dask client connected to the scheduler at ``address``, or GeoBlurError saying why not."""
    try:
        from distributed import Client
    except ImportError:
        raise GeoBlurError(f"CLUSTER needs Dask distributed, which is not installed: {INSTALL}") from None
    try:
        return Client(address, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError) as error:
        raise GeoBlurError(f"Cannot reach the Dask scheduler at {address}: {error}") from None


def onnx_threads(client) -> int:
    """onnxruntime threads per task, so that a host's tasks together use its cores once: its
    cores divided by the task threads of all its worker processes (the fewest over the hosts,
    for a cluster of unlike hosts)."""
    cores = client.run(os.cpu_count)  # worker address -> that host's cores
    workers = client.scheduler_info()["workers"]
    per_host = Counter()
    for address, info in workers.items():
        per_host[info["host"]] += info["nthreads"]
    return max(1, min((cores[address] or 1) // per_host[workers[address]["host"]] for address in cores))


def batches(jobs: List[ImageJob], to_do: List[int], threads: int = 1) -> Iterator[List[int]]:
    """The indices of ``to_do`` in tasks: in order, each task until its source files hold
    :data:`TASK_BYTES` or it has as many images as it may. A task may have :data:`TASK_IMAGES`
    images, and no more than a share of what is left, that share shrinking as the run ends
    (:func:`task_images`), so that the workers' last tasks end together."""
    batch, size = [], 0
    left = len(to_do)
    for index in to_do:
        if not batch:
            limit = task_images(left, threads)
        batch.append(index)
        left -= 1
        try:
            size += os.path.getsize(jobs[index].source)
        except OSError:
            pass  # the image fails in the worker, saying why
        if size >= TASK_BYTES or len(batch) == limit:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def task_images(left: int, threads: int) -> int:
    """The images the next task may take when ``left`` are still to be handed out over
    ``threads`` worker threads: TASK_IMAGES, or fewer once fewer than two rounds of such
    tasks are left. With whole tasks of 4 photos to the end, one of 2 workers idled through
    most of the other's last task (~0.5 s of a 40-photo run)."""
    return max(1, min(TASK_IMAGES, math.ceil(left / (IN_FLIGHT_PER_THREAD * threads))))


def process_batch(jobs: List[ImageJob], settings: Settings) -> List[ImageResult]:
    """One task: its images one after the other, in whichever Dask worker runs it."""
    from .runner import process_in_worker

    allocate_images_from_the_heap()  # for a worker started without the preload
    return [process_in_worker(job, settings) for job in jobs]


def results(address: str, jobs: List[ImageJob], to_do: List[int], settings: Settings,
            is_canceled: Callable[[], bool]) -> Iterator[Tuple[int, Optional[object], ImageResult]]:
    """(index, source stat, result) of each job in ``to_do``, a task's images together as each
    task completes."""
    from distributed import as_completed

    from .runner import _stat, failed

    client = client_for(address)
    try:
        threads = sum(client.nthreads().values()) or 1
        window = threads * IN_FLIGHT_PER_THREAD
        if not settings.threads:
            settings = replace(settings, threads=onnx_threads(client))
        settings_future = client.scatter(settings, broadcast=True)
        tasks = batches(jobs, to_do, threads)
        tracking = {}
        run = uuid.uuid4().hex[:12]

        def submit(completed) -> None:
            batch = next(tasks, None)
            if batch is None:
                return
            stats = [(index, _stat(jobs[index].source)) for index in batch]  # before the task reads them
            future = client.submit(process_batch, [jobs[index] for index in batch], settings_future, pure=False,
                                   key=f"geoblur-{run}-{batch[0]}")
            tracking[future.key] = stats
            completed.add(future)

        completed = as_completed()
        for _ in range(window):
            submit(completed)
        for future in completed:
            stats = tracking.pop(future.key)
            if future.status == "error":
                problem = f"the Dask task failed ({future.exception()})"
                outcomes = [failed(jobs[index], problem) for index, _ in stats]
            else:
                outcomes = future.result()
            for (index, stat), result in zip(stats, outcomes):
                yield index, stat, result
            if is_canceled():
                for other in list(completed.futures):
                    other.cancel()
                raise Canceled("Canceled.")
            submit(completed)
    finally:
        client.close()
