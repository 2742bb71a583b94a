"""deface (ORB-HD, PyPI) on one face set, as its users run it: solid fill, default threshold and
mask scale, full resolution (no ``--scale``), scored from its output copies.

deface lives in its own venv (``bench_output/deface-venv``, made on first use) so its numpy 2 and
opencv-python never meet the plugin's. Its time is the wall time of one ``deface`` call over the
whole set minus that of a call over an empty folder (interpreter start, imports, model load),
so it is comparable with GeoBlur's per-image processing time.
"""
import os
import shutil
import subprocess
import time

from core.evaluation import TEXTS, AnonymizedFolder, evaluate, write_report
from core.evaluation.sources import locate

from .measure import children_peak_rss_mb, ground_truth, progress, rows_as_dicts
from .sets import OUTPUT, set_folder

VERSION = "1.5.0"
PINS = (f"deface=={VERSION}", "onnxruntime==1.32.0")  # the plugin's onnxruntime, for a fair race
VENV = os.path.join(OUTPUT, "deface-venv")
COMMAND = os.path.join(VENV, "bin", "deface")
ARGUMENTS = ("--replacewith", "solid")


def ensure_deface() -> str:
    """The deface executable, installed into its venv when missing; raises RuntimeError with
    pip's last words when it cannot be installed (offline, say)."""
    if os.path.isfile(COMMAND):
        return COMMAND
    progress(f"installing deface {VERSION} into {VENV}")
    steps = (["/usr/bin/python3", "-m", "venv", VENV], [os.path.join(VENV, "bin", "python"), "-m", "pip", "install", "-q", *PINS])
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"cannot install deface ({' '.join(step)}): {done.stderr.strip()[-500:]}")
    return COMMAND


def device() -> str:
    """What deface runs on: it picks CUDA by itself when its onnxruntime has it."""
    probe = [os.path.join(VENV, "bin", "python"), "-c", "import onnxruntime; print(onnxruntime.get_available_providers())"]
    providers = subprocess.run(probe, capture_output=True, text=True).stdout
    return "cuda" if "CUDAExecutionProvider" in providers else "cpu"


def run(name: str, output: str, limit) -> dict:
    result = {"tool": f"deface {VERSION}", "set": name, "arguments": " ".join(ARGUMENTS)}
    try:
        command = ensure_deface()
    except RuntimeError as error:
        result["error"] = str(error)
        return result
    gt = ground_truth(name, limit)
    work = os.path.join(output, name, "deface")
    inputs, copies, empty = (os.path.join(work, d) for d in ("in", "out", "empty"))
    shutil.rmtree(work, ignore_errors=True)
    for folder in (inputs, copies, empty):
        os.makedirs(folder)
    for image in gt.images:
        source = locate(image.file_name, gt.image_folders)
        if source:
            os.symlink(source, os.path.join(inputs, os.path.basename(source)))
    result["images"] = len(os.listdir(inputs))

    log_path = os.path.join(work, "deface.log")
    with open(log_path, "w", encoding="utf-8") as log:
        started = time.perf_counter()
        subprocess.run([command, *ARGUMENTS, empty], stdout=log, stderr=subprocess.STDOUT)
        startup = time.perf_counter() - started
        progress(f"{name} deface on {result['images']} images (start-up {startup:.1f} s)")
        started = time.perf_counter()
        done = subprocess.run([command, *ARGUMENTS, inputs], stdout=log, stderr=subprocess.STDOUT)
        wall = time.perf_counter() - started
    if wall <= startup:  # a run too short to tell from the start-up's jitter: nothing subtracted
        startup = 0.0
    result.update(
        startup_s=startup, wall_s=wall, seconds=wall - startup, peak_mb=children_peak_rss_mb(), device=device()
    )
    if done.returncode:
        result["error"] = f"deface exited with {done.returncode}; see {log_path}"
    for name_ in os.listdir(inputs):  # its copies sit beside the inputs; scored from their own folder
        if "_anonymized" in name_:
            shutil.move(os.path.join(inputs, name_), os.path.join(copies, name_))
    result["anonymized"] = len(os.listdir(copies))
    checked = evaluate(gt, AnonymizedFolder(copies), originals=set_folder(name))
    result.update(
        rows=rows_as_dicts(checked.rows),
        headline=checked.headline,
        problems=[str(p) for p in checked.problems],
        megapixels=sum(image.width * image.height for image in gt.images if image.width) / 1e6,
    )
    report = os.path.join(output, name, "deface_report.html")
    summary = [("set", name), ("tool", f"deface {VERSION} {' '.join(ARGUMENTS)}"), ("scored from", "anonymized copies")]
    write_report(report, checked.rows, checked.misses, checked.problems, summary, TEXTS)
    result["report"] = report
    return result
