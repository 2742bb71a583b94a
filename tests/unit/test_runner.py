"""The one runner: worker processes give what one process gives, in the jobs' order; a rerun
skips what is up to date and redoes what changed; a run killed with SIGKILL resumes to every
image anonymized exactly once with no temporary file left (issue: every core, then a cluster)."""
import os
import signal
import subprocess
import sys
import textwrap
import time

import cv2
import numpy as np
import pytest

import geoblur
from geoblur.core import obscure, warm_pool
from geoblur.core.imageio import written_by_geoblur
from geoblur.core.pipeline import Settings
from geoblur.core.runner import UP_TO_DATE, Engine, Runner
from geoblur.core.types import ImageJob

from .image_samples import jpeg_with, photo, write

#: the folder holding the ``geoblur`` package, for processes started by the tests
PLUGINS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(geoblur.__file__)))
FACE_FILL = Settings(classes=("face",), style=obscure.Style(method="fill"), device="cpu")


def make_jobs(tmp_path, count, broken=()):
    """``count`` photos with faces (each a little different), ``broken`` of them not images."""
    jobs = []
    for index in range(count):
        source = tmp_path / "photos" / f"{index:03d}.jpg"
        source.parent.mkdir(exist_ok=True)
        pixels = np.roll(photo(), 7 * index, axis=1)
        write(source, b"not a jpeg" if index in broken else jpeg_with(pixels))
        jobs.append(ImageJob(index, str(source), str(tmp_path / "out" / f"{index:03d}.jpg")))
    return jobs


@pytest.fixture(autouse=True)
def no_warm_pool_after():
    """Each test starts and ends with no warm pool, whatever it left."""
    warm_pool.shut_down()
    yield
    warm_pool.shut_down()


def pool_workers(client=None):
    """The local pool's worker processes: the spawned children of ``client`` (this process)."""
    import psutil

    workers = []
    for child in (client or psutil.Process()).children():
        try:
            if any("spawn_main" in part for part in child.cmdline()):
                workers.append(child)
        except psutil.NoSuchProcess:  # exited, or a zombie until its pool reaps it: no worker now
            pass
    return workers


def outline(results):
    return [(r.job_id, r.status, sorted(tuple(round(v, 3) for v in d.box) for d in r.detections))
            for r in results]


def stray_files(folder):
    return [name for _, _, names in os.walk(folder) for name in names if name.endswith(".tmp")]


def test_worker_processes_give_what_one_process_gives_in_the_jobs_order(tmp_path):
    jobs = make_jobs(tmp_path, 6, broken={2})
    serial = list(Runner(FACE_FILL, Engine(workers=1), str(tmp_path / "out")).run(jobs))
    pooled = list(Runner(FACE_FILL, Engine(workers=2, overwrite=True), str(tmp_path / "out")).run(jobs))
    assert [r.job_id for r in pooled] == list(range(6))
    assert outline(pooled) == outline(serial)
    assert pooled[2].status == "failed" and jobs[2].source in pooled[2].error
    assert sum(len(r.detections) for r in pooled) >= 5


def test_a_rerun_skips_what_is_up_to_date_and_redoes_what_changed(tmp_path):
    jobs = make_jobs(tmp_path, 3)
    first = list(Runner(FACE_FILL, Engine(workers=1), str(tmp_path / "out")).run(jobs))
    assert [r.status for r in first] == ["anonymized"] * 3
    again = list(Runner(FACE_FILL, Engine(workers=1), str(tmp_path / "out")).run(jobs))
    assert [(r.status, r.error) for r in again] == [("skipped", UP_TO_DATE)] * 3
    assert outline(again) == [(i, "skipped", boxes) for i, _, boxes in outline(first)]  # detections kept
    # a changed source, a removed copy: redone; the third stays up to date
    write(jobs[0].source, jpeg_with(cv2.flip(photo(), 1)))
    os.remove(jobs[1].destination)
    changed = list(Runner(FACE_FILL, Engine(workers=1), str(tmp_path / "out")).run(jobs))
    assert [r.status for r in changed] == ["anonymized", "anonymized", "skipped"]
    # other settings that shape the copies: everything redone; OVERWRITE: everything redone
    pixelate = Settings(classes=("face",), style=obscure.Style(method="pixelate"), device="cpu")
    assert {r.status for r in Runner(pixelate, Engine(workers=1), str(tmp_path / "out")).run(jobs)} == {"anonymized"}
    forced = Runner(pixelate, Engine(workers=1, overwrite=True), str(tmp_path / "out")).run(jobs)
    assert {r.status for r in forced} == {"anonymized"}


def canceled_after_the_first_result(tmp_path, jobs, workers):
    """The results of a run canceled as soon as its first result is in."""
    seen = []
    runner = Runner(FACE_FILL, Engine(workers=workers), str(tmp_path / "out"))
    runner.callbacks.progress = seen.append
    runner.callbacks.is_canceled = lambda: len(seen) >= 1
    results = list(runner.run(jobs))
    assert runner.canceled
    return results


def test_a_cancel_skips_the_images_not_started(tmp_path):
    jobs = make_jobs(tmp_path, 4)
    results = canceled_after_the_first_result(tmp_path, jobs, 1)
    assert [r.status for r in results] == ["anonymized", "skipped", "skipped", "skipped"]
    assert not os.path.exists(jobs[1].destination) and not stray_files(tmp_path / "out")


RUN_SCRIPT = textwrap.dedent("""
    import sys
    sys.path.insert(0, {plugins!r})
    from geoblur.core import obscure
    from geoblur.core.pipeline import Settings
    from geoblur.core.runner import Engine, Runner
    from geoblur.core.types import ImageJob

    if __name__ == "__main__":
        jobs = [ImageJob(i, s, d) for i, (s, d) in enumerate({paths!r})]
        settings = Settings(classes=("face",), style=obscure.Style(method="fill"), device="cpu")
        for result in Runner(settings, Engine(workers={workers}), {out!r}).run(jobs):
            print(result.status, flush=True)
""")


def test_the_workers_of_a_client_killed_with_sigkill_exit(tmp_path):
    import psutil

    jobs = make_jobs(tmp_path, 2)
    script = tmp_path / "run.py"
    script.write_text(RUN_SCRIPT.format(plugins=PLUGINS_DIR, paths=[(j.source, j.destination) for j in jobs],
                                        workers=2, out=str(tmp_path / "out")) +
                      "    import time; print('done', flush=True); time.sleep(600)\n")
    client = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        assert [client.stdout.readline().strip() for _ in range(3)] == ["anonymized", "anonymized", "done"]
        workers = pool_workers(psutil.Process(client.pid))  # warm, waiting for the next run
        assert len(workers) == 2
    finally:
        client.kill()  # no shutdown, no atexit: the pool is never told
        client.wait()
    gone, alive = psutil.wait_procs(workers, timeout=10 * warm_pool.WATCH_S + 5)
    assert not alive, f"workers {[p.pid for p in alive]} outlived their client"


@pytest.mark.parametrize("workers", [1, 2])
def test_a_run_killed_mid_way_resumes_to_every_image_exactly_once(tmp_path, workers):
    jobs = make_jobs(tmp_path, 12)
    script = tmp_path / "run.py"
    script.write_text(RUN_SCRIPT.format(plugins=PLUGINS_DIR, paths=[(j.source, j.destination) for j in jobs],
                                        workers=workers, out=str(tmp_path / "out")))
    process = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                               start_new_session=True)
    done_before = 0
    while done_before < 3:  # let a few images finish, then kill the run and its workers at once
        line = process.stdout.readline()
        assert line, "the run ended before it could be killed"
        done_before += line.strip() == "anonymized"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    time.sleep(0.2)

    results = list(Runner(FACE_FILL, Engine(workers=1), str(tmp_path / "out")).run(jobs))
    statuses = [r.status for r in results]
    assert len(results) == len(jobs) and set(statuses) == {"anonymized", "skipped"}
    assert statuses.count("skipped") >= done_before  # what the killed run finished is not redone
    assert all(written_by_geoblur(job.destination) for job in jobs)
    assert not stray_files(tmp_path / "out")
    assert sorted(os.listdir(tmp_path / "out")) == sorted([".geoblur"] + [os.path.basename(j.destination) for j in jobs])


def test_a_cancel_with_worker_processes_keeps_what_they_finished(tmp_path):
    jobs = make_jobs(tmp_path, 8)
    results = canceled_after_the_first_result(tmp_path, jobs, 2)
    statuses = [r.status for r in results]
    assert "skipped" in statuses and statuses.count("anonymized") >= 1
    for job, result in zip(jobs, results):  # a copy exists exactly for the images said anonymized
        assert os.path.exists(job.destination) == (result.status == "anonymized")
    assert not stray_files(tmp_path / "out")
    # and the next run takes them as up to date
    again = [r.status for r in Runner(FACE_FILL, Engine(workers=1), str(tmp_path / "out")).run(jobs)]
    assert again == ["skipped" if s == "anonymized" else "anonymized" for s in statuses]


def test_a_pool_worker_killed_mid_run_fails_images_and_breaks_no_run(tmp_path):
    import psutil

    jobs = make_jobs(tmp_path, 10)
    runner = Runner(FACE_FILL, Engine(workers=2), str(tmp_path / "out"))
    results = []
    for result in runner.run(jobs):
        results.append(result)
        if len(results) == 1:  # the pool is running: kill one of its workers
            killed = pool_workers()[0]
            os.kill(killed.pid, signal.SIGKILL)
    assert [r.job_id for r in results] == [job.job_id for job in jobs]
    statuses = [r.status for r in results]
    assert statuses[0] == "anonymized" and "failed" in statuses
    for job, result in zip(jobs, results):
        assert os.path.exists(job.destination) == (result.status == "anonymized")
        if result.status == "failed":
            assert "worker process died" in result.error
    assert not stray_files(tmp_path / "out")
    # the broken pool is not kept: the rerun starts new workers and does the failed images
    assert warm_pool.warm_workers() == 0
    again = list(Runner(FACE_FILL, Engine(workers=2), str(tmp_path / "out")).run(jobs))
    assert [r.status for r in again] == ["skipped" if s == "anonymized" else "anonymized" for s in statuses]
    assert killed.pid not in [worker.pid for worker in pool_workers()]


def test_the_next_run_finds_the_workers_started_and_an_idle_pool_shuts_down(tmp_path, monkeypatch):
    jobs = make_jobs(tmp_path, 4)
    first = list(Runner(FACE_FILL, Engine(workers=2), str(tmp_path / "out")).run(jobs))
    workers = sorted(worker.pid for worker in pool_workers())
    assert len(workers) == 2 and warm_pool.warm_workers() == 2
    again = list(Runner(FACE_FILL, Engine(workers=2, overwrite=True), str(tmp_path / "out")).run(jobs))
    assert sorted(worker.pid for worker in pool_workers()) == workers  # the same processes, models loaded
    assert outline(again) == outline(first) and {r.status for r in again} == {"anonymized"}
    # another worker count: a pool of its own, the warm one shut down
    list(Runner(FACE_FILL, Engine(workers=3, overwrite=True), str(tmp_path / "out")).run(jobs[:1]))
    assert warm_pool.warm_workers() == 3 and not set(workers) & {worker.pid for worker in pool_workers()}
    # left idle, the pool goes, and its workers with it
    monkeypatch.setattr(warm_pool, "IDLE_S", 0.2)
    list(Runner(FACE_FILL, Engine(workers=3, overwrite=True), str(tmp_path / "out")).run(jobs[:1]))
    deadline = time.monotonic() + 20
    while (warm_pool.warm_workers() or pool_workers()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert warm_pool.warm_workers() == 0 and not pool_workers()


def test_a_run_removes_the_temporary_files_a_killed_worker_left_and_nothing_else(tmp_path):
    jobs = make_jobs(tmp_path, 2)
    out = tmp_path / "out"
    out.mkdir()
    left = out / f".{os.path.basename(jobs[0].destination)}.0123456789ab.tmp"  # as write_atomically names it
    other = out / ".notes.txt.0123456789ab.tmp"  # beside no copy of this run
    left.write_bytes(b"half a jpeg")
    other.write_bytes(b"not ours")
    list(Runner(FACE_FILL, Engine(workers=1), str(out)).run(jobs))
    assert not left.exists() and other.exists()
