"""The local engine's worker processes, kept warm between the runs of one session.

Starting a worker costs what a short run is made of: a new Python importing numpy, OpenCV,
onnxruntime and the pipeline, then loading the models and a first slow inference (~0.5 s of
each core on 2 cores, a sixth of a 40-photo run; bench/README.md, "`core/warm_pool.py`"). So the
pool outlives its run (:func:`acquire`, :func:`release`): the next run in the same QGIS session
or script with as many workers finds them started, their models loaded
(:func:`.runner.worker_anonymizer` keeps them per settings). A pool left idle for
:data:`IDLE_S` is shut down so its models' memory goes back; so is one whose worker died, and
the warm pool when the plugin unloads or the interpreter exits (:func:`shut_down`). A worker
whose client is gone exits by itself (:func:`_serve_client`).

A pool is lent to one run at a time: a run that finds it lent (two QGIS runs at once) gets a
pool of its own, shut down after that run.
"""
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import Optional

from .errors import GeoBlurError

#: seconds an idle pool waits for the next run before its workers exit
IDLE_S = 300.0
#: seconds between a worker's checks that its client is still there
WATCH_S = 1.0

_lock = threading.Lock()
_idle: Optional[ProcessPoolExecutor] = None  # the warm pool, not lent to any run
_idle_size = 0
_timer: Optional[threading.Timer] = None


def acquire(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes for one run: the warm one when it has that many and no
    run holds it, else a new one."""
    global _idle, _idle_size
    with _lock:
        _cancel_timer()
        pool, size, _idle, _idle_size = _idle, _idle_size, None, 0
    if pool is not None and size == workers:
        return pool
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)
    return ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_serve_client)


def release(pool: ProcessPoolExecutor, workers: int, broken: bool, keep_warm: bool = True) -> None:
    """Hand a run's pool back once none of its images is in flight: kept warm for
    :data:`IDLE_S`, unless the caller says no run will follow (``keep_warm``), a worker died
    in it (``broken``) or another pool is already warm."""
    global _idle, _idle_size, _timer
    with _lock:
        keep = keep_warm and not broken and _idle is None
        if keep:
            _idle, _idle_size = pool, workers
            _timer = threading.Timer(IDLE_S, shut_down)
            _timer.daemon = True
            _timer.start()
    if not keep:
        pool.shutdown(wait=True, cancel_futures=True)


def shut_down() -> None:
    """Shut the warm pool down now (its workers exit, their models' memory goes back)."""
    global _idle, _idle_size
    with _lock:
        _cancel_timer()
        pool, _idle, _idle_size = _idle, None, 0
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def warm_workers() -> int:
    """How many worker processes the warm pool holds (0: none is warm)."""
    with _lock:
        return _idle_size if _idle is not None else 0


def _cancel_timer() -> None:
    global _timer
    if _timer is not None:
        _timer.cancel()
        _timer = None


def _context():
    """Workers are spawned: never forked from the calling process, which may be QGIS's, with
    its threads. (A fork server that had imported the engine started a cold pool hardly
    sooner, and outlived a killed client: bench/README.md, "`core/warm_pool.py`".)"""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    context.set_executable(worker_python())
    return context


def _serve_client() -> None:
    """A worker's start. Ctrl-C in a terminal reaches the whole process group and is the
    client's to handle (it cancels; a worker stops when the client shuts the pool down). And a
    worker whose client is gone exits within :data:`WATCH_S`: a client killed with SIGKILL (the
    out-of-memory killer, a crash) or a host that exits without shutting Python down shuts no
    pool down, and its workers would otherwise wait for work, their models in memory, for ever."""
    import signal
    import time

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    client = os.getppid()

    def watch() -> None:
        while os.getppid() == client:
            time.sleep(WATCH_S)
        os._exit(0)

    threading.Thread(target=watch, name="geoblur-client-watch", daemon=True).start()


def worker_python() -> str:
    """The Python interpreter worker processes start with: the one this Python was installed as
    (its standard library is the one ``sys.path`` names), since inside QGIS ``sys.executable``
    may be QGIS itself, or another ``python3`` found first on the PATH."""
    import sys

    version = f"python{sys.version_info[0]}.{sys.version_info[1]}"
    for candidate in (os.path.join(sys.base_exec_prefix, "bin", version),
                      os.path.join(sys.base_exec_prefix, "python.exe"), sys.executable):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    raise GeoBlurError("No Python interpreter was found for worker processes; set WORKERS to 1.")
