"""Dask as the cluster engine, on a real ``dask scheduler`` and two ``dask worker`` processes on
localhost: the results are a serial run's, and a worker killed with SIGKILL mid-run still
leaves every image anonymized exactly once, with no partial file; small images share a task."""
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from geoblur.core import cluster as engine
from geoblur.core.runner import Engine, Runner
from geoblur.core.types import ImageJob

from .test_runner import FACE_FILL, PLUGINS_DIR, make_jobs, outline, stray_files

DASK = os.path.join(os.path.dirname(sys.executable), "dask")


def test_small_images_share_a_task_and_a_large_one_is_a_task_alone(tmp_path):
    sizes = [10, 10, 10, 10, 10, engine.TASK_BYTES, 10, None, 10]  # None: a file that is not there
    jobs = []
    for index, size in enumerate(sizes):
        source = tmp_path / f"{index}.jpg"
        if size is not None:
            source.write_bytes(b"x" * size)
        jobs.append(ImageJob(index, str(source), str(tmp_path / "out" / f"{index}.jpg")))
    assert engine.TASK_IMAGES == 4
    assert list(engine.batches(jobs, list(range(len(jobs))))) == [[0, 1, 2, 3], [4, 5], [6, 7], [8]]
    assert list(engine.batches(jobs, [5, 8])) == [[5], [8]]  # only the jobs to do, in their order


def test_tasks_shrink_as_the_run_ends_so_that_the_workers_end_together(tmp_path):
    jobs = []
    for index in range(40):
        source = tmp_path / f"{index}.jpg"
        source.write_bytes(b"x" * 10)
        jobs.append(ImageJob(index, str(source), str(tmp_path / "out" / f"{index}.jpg")))
    tasks = list(engine.batches(jobs, list(range(40)), threads=2))
    assert [len(task) for task in tasks] == [4, 4, 4, 4, 4, 4, 4, 3, 3, 2, 1, 1, 1, 1]
    assert [index for task in tasks for index in task] == list(range(40))


def _start(arguments, env, log):
    return subprocess.Popen([DASK, *arguments], env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


@pytest.fixture
def cluster(tmp_path):
    """(scheduler address, {worker pid: process}) of a scheduler and two single-thread workers,
    started as the README says (the engine preloaded)."""
    env = dict(os.environ, PYTHONPATH=PLUGINS_DIR, PYTHONDONTWRITEBYTECODE="1")
    scheduler_file = tmp_path / "scheduler.json"
    log = open(tmp_path / "dask.log", "w")
    processes = [_start(["scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                         "--scheduler-file", str(scheduler_file)], env, log)]
    try:
        deadline = time.time() + 60
        while not scheduler_file.exists() and time.time() < deadline:
            time.sleep(0.2)
        address = json.loads(scheduler_file.read_text())["address"]
        workers = [_start(["worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard",
                           "--host", "127.0.0.1", "--name", f"w{i}",
                           "--preload", "geoblur.core.cluster"], env, log) for i in range(2)]
        processes += workers
        from distributed import Client

        with Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=60)
        yield address, workers
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


#: evaluated in each worker (a function of this module would be pickled by reference, and
#: unpickling it would import the engine itself)
ENGINE_LOADED = "sorted({'geoblur.core.pipeline', 'onnxruntime'} & set(__import__('sys').modules))"


#: evaluated in each worker: whether the preload set the allocator up for images
ALLOCATOR_SET = "__import__('geoblur.core.cluster').core.cluster.allocate_images_from_the_heap.cache_info().currsize"


def test_preloaded_workers_import_the_engine_before_any_task(cluster):
    from distributed import Client

    address, _ = cluster
    with Client(address, timeout=30) as client:
        loaded = client.run(eval, ENGINE_LOADED)
        allocator = client.run(eval, ALLOCATOR_SET)
    assert list(loaded.values()) == [["geoblur.core.pipeline", "onnxruntime"]] * 2
    assert list(allocator.values()) == [1, 1]


#: run with Dask's nanny's MALLOC_TRIM_THRESHOLD_: how many chunks glibc maps afresh for a 3 MiB
#: image, before and after the engine's allocator setting
MAPPED_CHUNKS = """
import ctypes, numpy
class Mallinfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]
libc = ctypes.CDLL("libc.so.6")
libc.mallinfo2.restype = Mallinfo2
def mapped_for_an_image():
    before = libc.mallinfo2().hblks
    image = numpy.ones((1024, 1024, 3), numpy.uint8)
    return libc.mallinfo2().hblks - before
from geoblur.core.cluster import allocate_images_from_the_heap
print(mapped_for_an_image(), allocate_images_from_the_heap(), mapped_for_an_image())
"""


def test_workers_started_by_a_nanny_take_images_from_the_heap():
    env = dict(os.environ, PYTHONPATH=PLUGINS_DIR, MALLOC_TRIM_THRESHOLD_="65536")
    out = subprocess.run([sys.executable, "-c", MAPPED_CHUNKS], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "True", "0"]


def test_a_dask_cluster_gives_what_one_process_gives(tmp_path, cluster):
    address, _ = cluster
    jobs = make_jobs(tmp_path, 6, broken={4})
    serial = list(Runner(FACE_FILL, Engine(workers=1), str(tmp_path / "serial")).run(
        [job.__class__(job.job_id, job.source, job.destination.replace("/out/", "/serial/")) for job in jobs]))
    clustered = list(Runner(FACE_FILL, Engine(cluster=address), str(tmp_path / "out")).run(jobs))
    assert outline(clustered) == outline(serial)
    assert {r.device for r in clustered if r.status == "anonymized"} == {"cpu"}


def test_a_worker_killed_mid_run_loses_no_image_and_writes_none_twice(tmp_path, cluster):
    address, workers = cluster
    jobs = make_jobs(tmp_path, 16)
    results = []
    for result in Runner(FACE_FILL, Engine(cluster=address), str(tmp_path / "out")).run(jobs):
        results.append(result)
        if len(results) == 2:  # the other images are running or queued on both workers
            os.killpg(workers[0].pid, signal.SIGKILL)
    assert [r.job_id for r in results] == [job.job_id for job in jobs]
    assert [r.status for r in results] == ["anonymized"] * len(jobs), [r.error for r in results]
    assert sorted(os.listdir(tmp_path / "out")) == sorted([".geoblur"] + [os.path.basename(j.destination) for j in jobs])
    assert not stray_files(tmp_path / "out")
