"""The benchmark's data sets: where they are and which classes each one measures."""
import os
from dataclasses import dataclass
from typing import Tuple

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = os.path.join(REPO, "bench_output")


@dataclass(frozen=True)
class BenchSet:
    name: str
    classes: Tuple[str, ...]  # what GeoBlur is asked to find
    deface: bool = False  # deface (faces only) runs on it too
    time_only: bool = False  # no labels: speed and "does not crash"
    generated: bool = False  # built by the benchmark from the shared sets (:func:`builder`)
    #: the run's image type: the panorama sets are 360° panoramas by construction, but carry no
    #: GPano, and a background whose edges do not meet (the Times Square crowd's) would make
    #: "auto" take them for photos, measuring the photo search instead of the panorama views
    image_type: str = "auto"


PANORAMA = "equirectangular"

SETS = (
    BenchSet("faces_dev", ("face",), deface=True),
    BenchSet("dlib_faces", ("face",), deface=True),
    BenchSet("kitti_101", ("person", "vehicle")),
    # plates alone, as a city that blurs plates but not cars runs it: the plate search finds the
    # vehicles that give plates their context itself, and does not obscure them
    BenchSet("plates_br", ("license_plate",)),
    BenchSet("ccpd_sample", ("license_plate",)),
    BenchSet("pano_faces_dev", ("face",), deface=True, image_type=PANORAMA),
    BenchSet("pano_kitti_dev", ("person", "vehicle"), image_type=PANORAMA),
    BenchSet("pano360", ("face", "person"), time_only=True),
    # plates_br photos projected into a street panorama (issue 9): plates on panoramas
    BenchSet("pano_plates", ("license_plate",), generated=True, image_type=PANORAMA),
    # face photos, backgrounds, sizes and pitches pano_faces_dev's plan was not tuned on (issue 9;
    # bench/pano_sets.py says how each is built; bench/face_spread.py prints their spread)
    BenchSet("pano_faces_unseen", ("face",), generated=True, image_type=PANORAMA),
    BenchSet("pano_faces_times", ("face",), generated=True, image_type=PANORAMA),
    BenchSet("pano_faces_small", ("face",), generated=True, image_type=PANORAMA),
    BenchSet("pano_dlib", ("face",), generated=True, image_type=PANORAMA),
    BenchSet("pano_kitti_small", ("person", "vehicle"), generated=True, image_type=PANORAMA),
    # kitti_101 and plates_br enlarged to a phone photo's 4000 px (issue 9): the photo plan's
    # search of large photos at a 1080p frame's density (bench/photo_sets.py)
    BenchSet("kitti_large", ("person", "vehicle"), generated=True),
    BenchSet("plates_large", ("license_plate",), generated=True),
)
BY_NAME = {s.name: s for s in SETS}


def bench_root() -> str:
    """``$GEOBLUR_BENCH``, else ``../shared/bench`` beside the repository."""
    return os.environ.get("GEOBLUR_BENCH") or os.path.normpath(os.path.join(REPO, "..", "shared", "bench"))


def builder(name: str):
    """The module that builds a generated set: :mod:`.photo_sets` or :mod:`.pano_sets`."""
    from . import pano_sets, photo_sets

    return photo_sets if name in photo_sets.GENERATED else pano_sets


def set_folder(name: str) -> str:
    if BY_NAME.get(name) is not None and BY_NAME[name].generated:
        return builder(name).folder(name, OUTPUT)
    return os.path.join(bench_root(), name)


def is_present(bench_set: BenchSet) -> bool:
    if bench_set.generated:
        return builder(bench_set.name).sources_present(bench_set.name, bench_root())
    folder = set_folder(bench_set.name)
    if bench_set.time_only:
        return os.path.isdir(folder)
    return os.path.isfile(os.path.join(folder, "annotations.json"))
