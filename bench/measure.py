"""What every benchmark worker needs: the images of a set, peak memory, progress, results."""
import json
import os
import resource
import sys
import time
from typing import List, Optional

from core.evaluation import GroundTruth, GtImage, load_ground_truth

from .sets import set_folder

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".tif", ".tiff")


def progress(message: str) -> None:
    """Progress goes to stderr, so stdout holds only the tables."""
    sys.stderr.write(f"[bench {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


def ground_truth(name: str, limit: Optional[int]) -> GroundTruth:
    """The set's labels (the first ``limit`` images), or for an unlabelled set its images with
    no objects."""
    folder = set_folder(name)
    path = os.path.join(folder, "annotations.json")
    if os.path.isfile(path):
        gt = load_ground_truth(path)
    else:
        names = sorted(n for n in os.listdir(folder) if n.lower().endswith(IMAGE_EXTENSIONS))
        gt = GroundTruth([GtImage(n, n) for n in names], "none", folder, [folder])
    if limit:
        gt.images = gt.images[:limit]
    return gt


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (VmHWM), in MB."""
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def children_peak_rss_mb() -> float:
    """The largest peak resident memory of any child process waited for, in MB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0


def rows_as_dicts(rows) -> List[dict]:
    return [row.as_dict() for row in rows]


def write_result(path: str, result: dict) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(result, handle, indent=1)
