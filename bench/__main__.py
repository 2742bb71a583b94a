"""``python -m bench`` (``make bench``): quality and speed of GeoBlur on the real sets in
``../shared/bench`` (or ``$GEOBLUR_BENCH``), deface beside it on the face sets, and speed on
generated 1080p and 8192×4096 images.

Tables go to stdout, progress to stderr; outputs, HTML reports and JSON results to
``bench_output/``. A benchmark, not a test: it never fails on a figure.

    python -m bench                                   # everything (at most ~10 min of GeoBlur per set)
    python -m bench --sets faces_dev,dlib_faces --no-deface --limit 20 --no-synthetic
"""
import argparse
import json
import os
import subprocess
import sys

from . import face_spread, stages, synthetic, tables
from .measure import progress
from .sets import BY_NAME, OUTPUT, REPO, SETS, bench_root, builder, is_present


def arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", help="comma-separated set names (default: all): " + ", ".join(BY_NAME))
    parser.add_argument("--limit", type=int, default=0, help="only the first N images of each set")
    parser.add_argument(
        "--budget", type=float, default=10.0,
        help="minutes of GeoBlur work per set before it stops and scores what it did (default 10; 0: none); "
             "deface then runs on the same images",
    )
    parser.add_argument("--no-deface", action="store_true", help="skip the deface comparison")
    parser.add_argument("--no-synthetic", action="store_true", help="skip the generated-image speed table")
    parser.add_argument("--no-stages", action="store_true",
                        help="skip the tables of where the time goes (python -m bench.stages)")
    parser.add_argument("--no-lossless", action="store_true",
                        help="skip the JPEG writers table (block by block against whole; python -m bench.lossless)")
    parser.add_argument("--no-scaling", action="store_true",
                        help="skip the engines table (serial, WORKERS=1/2, Dask; python -m bench.scaling)")
    parser.add_argument("--output", default=OUTPUT, help="folder for copies, reports and results (default: bench_output)")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.sets.split(",")] if args.sets else [s.name for s in SETS]
    unknown = [n for n in names if n not in BY_NAME]
    if unknown:
        parser.error(f"unknown set(s) {', '.join(unknown)}; choose among {', '.join(BY_NAME)}")
    args.names = names
    return args


def measure(kind: str, name: str, args, limit=None) -> dict:
    """Run one worker process and read its result."""
    result_path = os.path.join(args.output, "results", f"{name.replace(' ', '_')}.{kind}.json")
    if os.path.exists(result_path):
        os.remove(result_path)
    limit = args.limit if limit is None else limit
    command = [sys.executable, "-m", "bench.worker", kind, name, args.output, str(limit), str(args.budget * 60), result_path]
    done = subprocess.run(command, cwd=REPO)
    if not os.path.isfile(result_path):
        return {"tool": kind, "set": name, "error": f"worker died (exit status {done.returncode})"}
    with open(result_path, encoding="utf-8") as handle:
        return json.load(handle)


def measure_stages(name: str, output: str) -> dict:
    """The stage table's measurement of one image (:mod:`.stages`), in a worker process."""
    result_path = os.path.join(output, "results", f"stages_{name.replace(' ', '_')}.json")
    if os.path.exists(result_path):
        os.remove(result_path)
    progress(f"where the time goes: {name}")
    done = subprocess.run([sys.executable, "-m", "bench.worker", "stages", name, output, "0", "0", result_path], cwd=REPO)
    if not os.path.isfile(result_path):
        return {"tool": "stages", "set": name, "error": f"worker died (exit status {done.returncode})"}
    with open(result_path, encoding="utf-8") as handle:
        return json.load(handle)


def load() -> str:
    """The load average, printed because timings mean little when other work shares the cores."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min)"


def report_set(name: str, geoblur: dict, deface) -> None:
    classes = ", ".join(geoblur.get("classes") or [])
    print(f"\n=== {name}: {geoblur.get('images', '?')} images; GeoBlur asked for {classes} (solid fill, mask scale 1.3) ===")
    for cls, error in (geoblur.get("class_errors") or {}).items():
        print(f"ERROR {cls}: not available: {error}")
    if "error" in geoblur:
        print(f"ERROR: {geoblur['error']}")
    if "stopped" in geoblur:
        print(f"NOTE: {geoblur['stopped']}; scored on those (see --budget)")
    if geoblur.get("failed"):
        print(f"{len(geoblur['failed'])} image(s) failed: {'; '.join(geoblur['failed'][:3])}")
    if geoblur.get("rows"):
        print("GeoBlur, scored from its detections (each class against its own masks):")
        print(tables.coverage_table(geoblur["rows"]))
    if geoblur.get("output_rows"):
        print("GeoBlur, scored from its anonymized copies (all classes' masks together):")
        print(tables.coverage_table(geoblur["output_rows"]))
    print(tables.throughput(geoblur))
    if deface is None:
        return
    print(f"\n{deface.get('tool', 'deface')} ({deface.get('arguments', '')}, default threshold, full resolution), scored from its copies:")
    if "error" in deface:
        print(f"ERROR: {deface['error']}")
    if deface.get("rows"):
        print(tables.coverage_table(deface["rows"]))
        print(tables.throughput(deface))
        print(f"\nside by side on {name}:")
        print(tables.side_by_side(geoblur, deface))
    sys.stdout.flush()


def measure_geoblur(bench_set, args) -> dict:
    """GeoBlur's result on one set, the set built first when the bench generates it."""
    if bench_set.generated:
        progress(f"{bench_set.name}: building it from the shared sets (once)")
        builder(bench_set.name).build(bench_set.name, bench_root(), OUTPUT)
    progress(f"{bench_set.name}: GeoBlur")
    return measure("geoblur", bench_set.name, args)


def main(argv=None) -> int:
    args = arguments(argv)
    os.makedirs(os.path.join(args.output, "results"), exist_ok=True)
    root = bench_root()
    chosen = [BY_NAME[n] for n in args.names]
    missing = [s.name for s in chosen if not is_present(s)]
    present = [s for s in chosen if is_present(s)]
    print(f"GeoBlur benchmark on {root}; {os.cpu_count()} CPU cores, {load()}")
    if missing:
        print(f"MISSING sets (not in {root}): {', '.join(missing)} — running the others")
    if not present:
        print("No set to run.")
    results = []
    if not args.no_stages:
        stages.report([measure_stages(name, args.output) for name in stages.IMAGES])
    for bench_set in present:
        geoblur = measure_geoblur(bench_set, args)
        deface = None
        if bench_set.deface and not args.no_deface:
            progress(f"{bench_set.name}: deface")
            deface = measure("deface", bench_set.name, args, limit=geoblur.get("processed", args.limit))
        report_set(bench_set.name, geoblur, deface)
        results.append(geoblur)
        if geoblur.get("output_rows") and deface is not None:
            results.append(dict(geoblur, tool="GeoBlur (copies)", rows=geoblur["output_rows"], headline=geoblur["output_headline"]))
        if deface is not None:
            results.append(deface)
    spread = [r for r in results if r.get("tool") == "GeoBlur" and r.get("set") in face_spread.SETS]
    if len(spread) > 1:
        print("\n=== faces on panoramas, set by set (python -m bench.face_spread) ===")
        print(face_spread.spread(spread))
    if not args.no_synthetic:
        print(f"\n=== speed on generated images: {synthetic.content()} (faces, solid fill) ===")
        speed = []
        for size in synthetic.SIZES:
            synthetic.prepare(size, args.output)
            progress(f"synthetic {size}")
            speed.append(measure("synthetic", size, args))
        for result in speed:
            if "error" in result:
                print(f"{result['set']}: ERROR {result['error']}")
            else:
                print(f"{result['set']}: {tables.throughput(result)}; {result['detections']} detections")
        results += speed
    if not args.no_lossless:
        progress("JPEG writers: block by block, whole")
        sys.stdout.flush()
        subprocess.run([sys.executable, "-m", "bench.lossless", "--output", os.path.join(args.output, "lossless")], cwd=REPO)
    if not args.no_scaling:
        progress("engines: serial, WORKERS=1/2, Dask")
        sys.stdout.flush()
        subprocess.run([sys.executable, "-m", "bench.scaling", "--output", os.path.join(args.output, "scaling")], cwd=REPO)
    print(f"\n=== summary (GeoBlur rows scored from its masks; deface and 'copies' rows from the copies); {load()} ===")
    print(tables.summary(results))
    with open(os.path.join(args.output, "results", "summary.json"), "w", encoding="utf-8") as handle:
        json.dump(results, handle, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
