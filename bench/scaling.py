"""Throughput of GeoBlur's engines (``core.runner``) on the same images, side by side:

- serial: ``Anonymizer.process`` one image after the other, as every run was before the runner;
- WORKERS=1: the runner in this process, one image after the other;
- WORKERS=2: two worker processes (onnxruntime threads = cores / workers), forked from the fork
  server and kept warm between runs as in a QGIS session (``core.warm_pool``): the first run
  starts them, the later ones find them started;
- Dask: a real ``dask scheduler`` and two single-thread ``dask worker`` processes on localhost,
  started as the README says (the engine preloaded, Dask's sampling profiler off), once for all
  the runs, as a cluster outlives the runs it serves: its first run loads the models, later
  runs with the same settings find them loaded;
- ceiling: no engine at all, the bound of two processes on this machine: two processes with
  their models loaded and warm, one onnxruntime thread each, each given half the images in one
  call. No engine of two processes can beat it; on 2 cores it is what the serial loop's own
  two onnxruntime threads leave to gain.

Each engine's time is the wall time of the whole run over the images, worker start-up and
model loading in the workers included (the client's own model load is not). The photos are
run ``--repeats`` times, the engines taking turns, and each figure is the median, since one
short run on a shared machine varies by ±30%. Then Dask's overhead per image against the local
pool, and what 1,000,000 panoramas would take on N machines like this one: faces only, and
with all four classes (a few panoramas on ``WORKERS=2``), what a campaign asks for.

    python -m bench.scaling [--photos 40] [--panoramas 8] [--repeats 3]
"""
import argparse
import json
import multiprocessing
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace

from core.obscure import Style
from core.paths import destinations
from core.pipeline import Anonymizer, Settings
from core.runner import Engine, Runner, process_in_worker, worker_anonymizer
from core.types import CLASSES, ImageJob

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


def settings(classes=("face",)) -> Settings:
    return Settings(classes=classes, style=Style("fill", 1.3))


def serial(sources, output):
    """:func:`timed` run of Anonymizer.process, image after image."""
    anonymizer = Anonymizer(settings())
    return timed(anonymizer.process(job) for job in jobs_for(sources, output))


#: results that come within this of the first came with it (a Dask task's images together)
TOGETHER_S = 0.02


def timed(results):
    """(seconds in all, seconds to the first result, results that came with the first) of a run
    whose results ``results`` yields; failed results are reported."""
    started = time.perf_counter()
    times, failed = [], []
    for result in results:
        times.append(time.perf_counter() - started)
        if result.status == "failed":
            failed.append(result.error)
    if failed:
        progress(f"{len(failed)} failed: {failed[0]}")
    return times[-1], times[0], sum(1 for t in times if t <= times[0] + TOGETHER_S)


def _load_models(settings_: Settings) -> None:
    worker_anonymizer(settings_)


def _process_all(jobs, settings_: Settings) -> None:
    for job in jobs:
        process_in_worker(job, settings_)


def ceiling(sources, output):
    """(seconds, seconds) of two warm single-thread processes given half the images each: the
    start-up, the model loading and a first image (onnxruntime's first run) are done before
    the clock starts."""
    single = replace(settings(), threads=1)
    jobs = jobs_for(sources, output)
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        for future in [pool.submit(_load_models, single) for _ in range(2)]:
            future.result()
        warm = [pool.submit(_process_all, jobs[:1], single) for _ in range(2)]
        for future in warm:
            future.result()
        started = time.perf_counter()
        for future in [pool.submit(_process_all, jobs[half::2], single) for half in range(2)]:
            future.result()
        seconds = time.perf_counter() - started
    return seconds, 0.0, 0


def with_runner(sources, output, engine: Engine, classes=("face",)):
    """:func:`timed` run of the runner: the first result waits for the workers to start and
    load their models."""
    runner = Runner(settings(classes), engine, output)
    return timed(runner.run(jobs_for(sources, output)))


class LocalDask:
    """A scheduler and two single-thread workers on localhost, started as the README starts them:
    the engine preloaded, the profiler off (it samples every worker thread's stack every 10 ms,
    ~10% of a 2-core machine's photo throughput)."""

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
                                             "--host", "127.0.0.1", "--preload", "core.cluster"], env=env, stdout=log,
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


DASK = "Dask, 2 local workers"
CEILING = "ceiling: 2 warm processes, no engine"


def measure(kind: str, sources, output_root: str, repeats: int) -> dict:
    """Median (seconds in all, seconds to the first result, results that came with it) per
    engine on ``sources``, the engines taking turns ``repeats`` times, and the seconds of each
    engine's first run (the local pool's workers and Dask's models not yet started: what a run
    pays alone)."""
    runs = {"serial": lambda out, _: serial(sources, out),
            "WORKERS=1": lambda out, _: with_runner(sources, out, Engine(workers=1)),
            "WORKERS=2": lambda out, _: with_runner(sources, out, Engine(workers=2)),
            DASK: lambda out, address: with_runner(sources, out, Engine(cluster=address)),
            CEILING: lambda out, _: ceiling(sources, out)}
    seconds = {name: [] for name in runs}
    with LocalDask() as cluster:
        for repeat in range(repeats):
            for name, run in runs.items():
                output = os.path.join(output_root, kind, name.split(":")[0].replace("=", "").replace(" ", "_"))
                shutil.rmtree(output, ignore_errors=True)
                progress(f"scaling: {kind}, {name}, run {repeat + 1} of {repeats}")
                seconds[name].append(run(output, cluster.address))
    return {name: tuple(statistics.median(run[part] for run in runs_) for part in range(3)) + (runs_[0][0],)
            for name, runs_ in seconds.items()}


def table(photos, photo_s, panoramas, pano_s) -> str:
    """Throughput over the whole run (the median run, and the first, cold one), and once every
    worker is going (the images after those of the first result, over the time after it: a
    Dask task's images come back together)."""
    lines = ["| engine | photos/s | × serial | first run × serial | photos/s once started | × serial | "
             "s per panorama | × serial | start-up (s to the first photo) |", "|---|---|---|---|---|---|---|---|---|"]

    def steady(run, count):
        total, first, together, _ = run
        return (count - together) / max(1e-9, total - first)

    for name in photo_s:
        whole = len(photos) / photo_s[name][0]
        warm = name == CEILING  # timed from the start of its work: its whole run is its steady run
        started = whole if warm else steady(photo_s[name], len(photos))
        start_up = "—" if warm else f"{photo_s[name][1]:.2f}"
        lines.append(f"| {name} | {whole:.2f} | {whole / (len(photos) / photo_s['serial'][0]):.2f} | "
                     f"{photo_s['serial'][0] / photo_s[name][3]:.2f} | {started:.2f} | "
                     f"{started / steady(photo_s['serial'], len(photos)):.2f} | {pano_s[name][0] / len(panoramas):.2f} | "
                     f"{pano_s['serial'][0] / pano_s[name][0]:.2f} | {start_up} |")
    return "\n".join(lines)


def projection(what: str, rate: float) -> str:
    """The hours of :data:`CAMPAIGN` panoramas at ``rate`` panoramas per second per machine."""
    return (f"{CAMPAIGN:,} panoramas ({what}) at {rate:.3f} panoramas/s per {os.cpu_count()}-core machine: " +
            ", ".join(f"{CAMPAIGN / rate / machines / 3600:,.0f} h on {machines}" for machines in MACHINES))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scaling", description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=int, default=40, help="photos of faces_dev (default 40)")
    parser.add_argument("--panoramas", type=int, default=8, help="panoramas of pano_faces_dev (default 8)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each engine on the photos (default 3; "
                        "the panoramas run once)")
    parser.add_argument("--all-classes", type=int, default=2, metavar="N",
                        help="then N panoramas with all four classes on WORKERS=2, for the campaign's projection "
                             "(default 2; 0: none)")
    parser.add_argument("--output", default=os.path.join(REPO, "bench_output", "scaling"))
    args = parser.parse_args(argv)
    photos, panoramas = images("faces_dev", args.photos), images("pano_faces_dev", args.panoramas)
    photo_s = measure("photos", photos, args.output, args.repeats)
    pano_s = measure("panoramas", panoramas, args.output, 1)
    print(f"\n=== engines on {len(photos)} faces_dev photos (median of {args.repeats} runs) and {len(panoramas)} "
          f"pano_faces_dev 8192×4096 panoramas (faces, solid fill); {os.cpu_count()} CPU cores ===")
    print(table(photos, photo_s, panoramas, pano_s))
    dask_s, pool_s = photo_s[DASK][0], photo_s["WORKERS=2"][0]
    print(f"Dask against WORKERS=2: {pool_s / dask_s:.2f}× its photo throughput; overhead "
          f"{1000 * (dask_s - pool_s) / len(photos):+.0f} ms per photo, "
          f"{(pano_s[DASK][0] - pano_s['WORKERS=2'][0]) / len(panoramas):+.2f} s per panorama")
    print(f"WORKERS=2 reaches {photo_s[CEILING][0] / pool_s:.0%} of the ceiling's photo throughput "
          f"(no engine of two processes passes {photo_s['serial'][0] / photo_s[CEILING][0]:.2f}× serial here)")
    engines = {name: run for name, run in pano_s.items() if name != CEILING}
    rate = len(panoramas) / min(run[0] for run in engines.values())  # panoramas per second of one such machine
    print(projection("faces", rate))
    if args.all_classes:
        few = panoramas[:args.all_classes]
        output = os.path.join(args.output, "all_classes")
        shutil.rmtree(output, ignore_errors=True)
        progress(f"scaling: {len(few)} panoramas, all four classes, WORKERS=2")
        total = with_runner(few, output, Engine(workers=2), CLASSES)[0]
        print(projection("all four classes", len(few) / total))
    import onnxruntime

    if "CUDAExecutionProvider" not in onnxruntime.get_available_providers():
        print("GPU worker: not measured (this onnxruntime has no CUDAExecutionProvider)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
