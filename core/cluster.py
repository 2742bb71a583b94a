"""Dask distributed as GeoBlur's cluster engine (see :mod:`.runner`).

Each image is one Dask task, :func:`.runner.process_in_worker`, which keeps one Anonymizer (its
model sessions) per worker process for the run. Only a window of tasks is submitted at a time,
so the scheduler's memory stays bounded on a million images. Detections travel back to the
client, which alone writes the ledger and the GeoPackages. A worker that dies mid-image has its
task redone on another worker by Dask; since a copy is only ever renamed into place whole, a
redone image ends as one complete copy, and the client removes the temporary file a killed
worker may leave. A cancel cancels the tasks not yet started.

Workers must import this engine under the same package name as the client (``PYTHONPATH``
holding the plugin folder) and see the same image and output paths.
"""
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
CONNECT_TIMEOUT_S = 30
INSTALL = "python3 -m pip install 'dask[distributed]==2026.8.0'"


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


def results(address: str, jobs: List[ImageJob], to_do: List[int], settings: Settings,
            is_canceled: Callable[[], bool]) -> Iterator[Tuple[int, Optional[object], ImageResult]]:
    """(index, source stat, result) of each job in ``to_do``, as they complete."""
    from distributed import as_completed

    from .runner import _stat, failed, process_in_worker

    client = client_for(address)
    try:
        threads = sum(client.nthreads().values()) or 1
        window = threads * IN_FLIGHT_PER_THREAD
        if not settings.threads:
            settings = replace(settings, threads=onnx_threads(client))
        settings_future = client.scatter(settings, broadcast=True)
        queue = iter(to_do)
        tracking = {}
        run = uuid.uuid4().hex[:12]

        def submit(completed) -> None:
            index = next(queue, None)
            if index is None:
                return
            job = jobs[index]
            future = client.submit(process_in_worker, job, settings_future, pure=False,
                                   key=f"geoblur-{run}-{index}")
            tracking[future.key] = (index, _stat(job.source))
            completed.add(future)

        completed = as_completed()
        for _ in range(window):
            submit(completed)
        for future in completed:
            index, stat = tracking.pop(future.key)
            if future.status == "error":
                result = failed(jobs[index], f"the Dask task failed ({future.exception()})")
            else:
                result = future.result()
            yield index, stat, result
            if is_canceled():
                for other in list(completed.futures):
                    other.cancel()
                raise Canceled("Canceled.")
            submit(completed)
    finally:
        client.close()
