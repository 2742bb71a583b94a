"""Throughput of GeoBlur's engines (``core.runner``) on the same images, side by side:

- serial: ``Anonymizer.process`` one image after the other, as every run was before the runner;
- WORKERS=1: the runner in this process, one image after the other;
- WORKERS=2: two spawned worker processes (onnxruntime threads = cores / workers);
- Dask: a real ``dask scheduler`` and two single-thread ``dask worker`` processes on localhost,
  started as the README says (Dask's sampling profiler off).

Each engine's time is the wall time of the whole run over the images, worker start-up and
model loading in the workers included (the client's own model load is not). Then Dask's
overhead per image against the local pool, and what 1,000,000 panoramas would take on N
machines like this one.

    python -m bench.scaling [--photos 40] [--panoramas 8]
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from core.obscure import Style
from core.paths import destinations
from core.pipeline import Anonymizer, Settings
from core.runner import Engine, Runner
from core.types import ImageJob

from .measure import IMAGE_EXTENSIONS, progress
from .sets import REPO, set_folder

CAMPAIGN = 1_000_000
MACHINES = (1, 10, 100)


def images(name: str, count: int):
    folder = os.path.join(set_folder(name), "images")
    if not os.path.isdir(folder):
        folder = set_folder(name)
    names = sorted(n for n in os.listdir(folder) if n.lower().endswith(IMAGE_EXTENSIONS))[:count]
    return [os.path.join(folder, n) for n in names]


def jobs_for(sources, output):
    targets, _ = destinations(sources, os.path.dirname(sources[0]), output)
    return [ImageJob(i, s, targets[s]) for i, s in enumerate(sources)]


def settings() -> Settings:
    return Settings(classes=("face",), style=Style("fill", 1.3))


def serial(sources, output):
    """(seconds in all, seconds to the first result) of Anonymizer.process, image after image."""
    anonymizer = Anonymizer(settings())
    started = time.perf_counter()
    first = None
    for job in jobs_for(sources, output):
        anonymizer.process(job)
        first = first or time.perf_counter() - started
    return time.perf_counter() - started, first


def with_runner(sources, output, engine: Engine):
    """(seconds in all, seconds to the first result) of a run: the first result waits for the
    workers to start and load their models."""
    runner = Runner(settings(), engine, output)
    started = time.perf_counter()
    first = None
    failed = []
    for result in runner.run(jobs_for(sources, output)):
        first = first or time.perf_counter() - started
        if result.status == "failed":
            failed.append(result.error)
    if failed:
        progress(f"{len(failed)} failed: {failed[0]}")
    return time.perf_counter() - started, first


class LocalDask:
    """A scheduler and two single-thread workers on localhost, their profiler off as the README
    starts them (it samples every worker thread's stack every 10 ms, ~10% of a 2-core machine's
    photo throughput)."""

    def __enter__(self):
        self.folder = tempfile.mkdtemp(prefix="geoblur-dask-")
        dask = os.path.join(os.path.dirname(sys.executable), "dask")
        env = dict(os.environ, PYTHONPATH=REPO, DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED="False")
        scheduler_file = os.path.join(self.folder, "scheduler.json")
        log = open(os.path.join(self.folder, "dask.log"), "w")
        self.processes = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                            "--scheduler-file", scheduler_file], env=env, stdout=log,
                                           stderr=subprocess.STDOUT, start_new_session=True)]
        while not os.path.exists(scheduler_file):
            time.sleep(0.2)
        with open(scheduler_file, encoding="utf-8") as handle:
            self.address = json.load(handle)["address"]
        self.processes += [subprocess.Popen([dask, "worker", self.address, "--nthreads", "1", "--no-dashboard",
                                             "--host", "127.0.0.1"], env=env, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True) for _ in range(2)]
        from distributed import Client

        with Client(self.address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        return self

    def __exit__(self, *exc):
        for process in self.processes:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def measure(kind: str, sources, output_root: str) -> dict:
    """Seconds per engine on ``sources``."""
    seconds = {}
    runs = [("serial", lambda out: serial(sources, out)),
            ("WORKERS=1", lambda out: with_runner(sources, out, Engine(workers=1))),
            ("WORKERS=2", lambda out: with_runner(sources, out, Engine(workers=2)))]
    for name, run in runs:
        output = os.path.join(output_root, kind, name.replace("=", ""))
        shutil.rmtree(output, ignore_errors=True)
        progress(f"scaling: {kind}, {name}")
        seconds[name] = run(output)
    progress(f"scaling: {kind}, Dask")
    with LocalDask() as cluster:
        output = os.path.join(output_root, kind, "dask")
        shutil.rmtree(output, ignore_errors=True)
        seconds["Dask, 2 local workers"] = with_runner(sources, output, Engine(cluster=cluster.address))
    return seconds


def table(photos, photo_s, panoramas, pano_s) -> str:
    """Throughput over the whole run, and once every worker is going (the images after the
    first, over the time after the first result)."""
    lines = ["| engine | photos/s | × serial | photos/s once started | × serial | s per panorama | × serial | "
             "start-up (s to the first photo) |", "|---|---|---|---|---|---|---|---|"]

    def steady(run, count):
        total, first = run
        return (count - 1) / max(1e-9, total - first)

    for name in photo_s:
        whole, started = len(photos) / photo_s[name][0], steady(photo_s[name], len(photos))
        lines.append(f"| {name} | {whole:.2f} | {whole / (len(photos) / photo_s['serial'][0]):.2f} | {started:.2f} | "
                     f"{started / steady(photo_s['serial'], len(photos)):.2f} | {pano_s[name][0] / len(panoramas):.2f} | "
                     f"{pano_s['serial'][0] / pano_s[name][0]:.2f} | {photo_s[name][1]:.2f} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scaling", description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=int, default=40, help="photos of faces_dev (default 40)")
    parser.add_argument("--panoramas", type=int, default=8, help="panoramas of pano_faces_dev (default 8)")
    parser.add_argument("--output", default=os.path.join(REPO, "bench_output", "scaling"))
    args = parser.parse_args(argv)
    photos, panoramas = images("faces_dev", args.photos), images("pano_faces_dev", args.panoramas)
    photo_s = measure("photos", photos, args.output)
    pano_s = measure("panoramas", panoramas, args.output)
    print(f"\n=== engines on {len(photos)} faces_dev photos and {len(panoramas)} pano_faces_dev 8192×4096 "
          f"panoramas (faces, solid fill); {os.cpu_count()} CPU cores ===")
    print(table(photos, photo_s, panoramas, pano_s))
    dask_s, pool_s = photo_s["Dask, 2 local workers"][0], photo_s["WORKERS=2"][0]
    print(f"Dask overhead against WORKERS=2: {1000 * (dask_s - pool_s) / len(photos):+.0f} ms per photo, "
          f"{(pano_s['Dask, 2 local workers'][0] - pano_s['WORKERS=2'][0]) / len(panoramas):+.2f} s per panorama")
    rate = len(panoramas) / min(total for total, _ in pano_s.values())  # panoramas per second of one such machine
    print(f"{CAMPAIGN:,} panoramas (faces) at {rate:.3f} panoramas/s per {os.cpu_count()}-core machine: " + ", ".join(
        f"{CAMPAIGN / rate / machines / 3600:,.0f} h on {machines}" for machines in MACHINES))
    import onnxruntime

    if "CUDAExecutionProvider" not in onnxruntime.get_available_providers():
        print("GPU worker: not measured (this onnxruntime has no CUDAExecutionProvider)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
