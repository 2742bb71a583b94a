"""``python -m bench.face_spread``: GeoBlur, faces only, on pano_faces_dev and on the face
panorama sets the bench builds (:data:`.pano_sets.FACE_SETS`), one row per set and the spread
across them (issue 9: a face plan tuned on one set must hold on the others, so the figure that
counts is the worst set's, not the best's). ``make bench`` prints the same table from its runs.

    python -m bench.face_spread                      # every face panorama set
    python -m bench.face_spread --sets pano_faces_small,pano_dlib --limit 4
"""
import argparse
import os
import statistics
import sys
from types import SimpleNamespace
from typing import List, Optional

from . import pano_sets, tables
from .sets import BY_NAME, OUTPUT, bench_root, is_present

SETS = ("pano_faces_dev",) + pano_sets.FACE_SETS
HEADERS = ("set", "", "panoramas", "faces", "faces r90", "small", "small r90", "over", "s/panorama")


def figures(result: dict) -> Optional[dict]:
    """A GeoBlur result's faces r90, small faces' r90 (size bucket S, as in every coverage
    table), over-blur and seconds per panorama; None when it scored nothing."""
    rows = result.get("rows") or []
    faces = next((r for r in rows if r["cls"] == "face" and r["size"] == "all"), None)
    if faces is None or not result.get("anonymized"):
        return None
    small = next((r for r in rows if r["cls"] == "face" and r["size"].startswith("S ")), None)
    return {
        "panoramas": result["anonymized"], "faces": faces["objects"], "r90": faces["r90"],
        "small": small["objects"] if small else 0, "small_r90": small["r90"] if small else None,
        "over": faces["over"], "seconds": result["seconds"] / result["anonymized"],
    }


def spread(results: List[dict]) -> str:
    """One row per set, then the minimum, median and maximum of each figure across the sets."""
    measured = [(r["set"], figures(r)) for r in results]
    errors = [f"ERROR {r['set']}: {r.get('error', 'nothing scored')}" for r, (_, f) in zip(results, measured) if f is None]
    measured = [(name, f) for name, f in measured if f is not None]
    lines = [(name, "", f["panoramas"], f["faces"], _f(f["r90"]), f["small"], _f(f["small_r90"]),
              _f(f["over"], 4), _f(f["seconds"], 2)) for name, f in measured]
    if len(measured) > 1:
        for label, pick in (("min", min), ("median", statistics.median), ("max", max)):
            lines.append((label, "", "", "", _f(_across(measured, "r90", pick)), "",
                          _f(_across(measured, "small_r90", pick)), _f(_across(measured, "over", pick), 4),
                          _f(_across(measured, "seconds", pick), 2)))
    return "\n".join([tables.table(HEADERS, lines)] + errors)


def _across(measured, key: str, pick):
    """``pick`` (min, median, max) of one figure over the sets that have it."""
    values = [f[key] for _, f in measured if f[key] is not None]
    return pick(values) if values else None


def _f(value, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def main(argv=None) -> int:
    from .__main__ import load, measure_geoblur

    parser = argparse.ArgumentParser(prog="python -m bench.face_spread", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated set names (default: %(default)s)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N panoramas of each set")
    parser.add_argument("--output", default=OUTPUT, help="folder for copies and results (default: bench_output)")
    args = parser.parse_args(argv)
    run_args = SimpleNamespace(output=args.output, limit=args.limit, budget=0.0)
    os.makedirs(os.path.join(args.output, "results"), exist_ok=True)
    results = []
    for name in args.sets.split(","):
        bench_set = BY_NAME[name]
        if not is_present(bench_set):
            print(f"MISSING {name} (its sources are not in {bench_root()})")
            continue
        results.append(measure_geoblur(bench_set, run_args))
    print(f"\n=== faces on panoramas, set by set (scored from the masks); {load()} ===")
    print(spread(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
