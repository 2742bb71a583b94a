"""GeoBlur on one benchmark set: anonymize every image (solid fill), time it, then score it.

Runs in its own process so its peak memory is this set's alone. The peak is read right after
the anonymization loop, before the evaluation allocates anything.

Two scores: from the detections (drawn as GeoBlur's masks, each class scored against its own
class's masks so that a vehicle's box does not hide a person in it), and from the written copies
compared with their originals — the rule deface is scored with, so the two tools are compared
the same way, and a check that the copies hide what the detections say.
"""
import os
import shutil
import time
from typing import List, Tuple

from core.errors import GeoBlurError
from core.evaluation import TEXTS, AnonymizedFolder, GtImage, Tally, evaluate, write_report
from core.evaluation.runner import headline, sized_image
from core.evaluation.sources import locate
from core.obscure import Style, coverage_mask
from core.paths import destinations
from core.types import ImageJob

from .measure import ground_truth, peak_rss_mb, progress, rows_as_dicts
from .sets import BY_NAME, set_folder

MASK_SCALE = 1.3


def build_anonymizer(classes: Tuple[str, ...], device: str, image_type: str = "auto"):
    """An Anonymizer for the classes that have a model; the others' errors, by class."""
    from core.pipeline import Anonymizer, Settings

    def make(wanted):
        return Anonymizer(Settings(classes=tuple(wanted), style=Style("fill", MASK_SCALE), device=device,
                                   image_type=image_type))

    try:
        return make(classes), {}
    except GeoBlurError:
        errors, usable = {}, []
        for cls in classes:
            try:
                make([cls])
                usable.append(cls)
            except GeoBlurError as error:
                errors[cls] = str(error)
        return (make(usable) if usable else None), errors


def run(name: str, output: str, limit, budget_s: float, device: str = "auto") -> dict:
    """Anonymize and score the set's first ``limit`` images (all when None), stopping at the
    first image that starts after ``budget_s`` seconds of work (0: no budget)."""
    bench_set = BY_NAME[name]
    gt = ground_truth(name, limit)
    folder = set_folder(name)
    copies = os.path.join(output, name, "geoblur")
    shutil.rmtree(copies, ignore_errors=True)
    result = {"tool": "GeoBlur", "set": name, "classes": list(bench_set.classes), "images": len(gt.images)}
    try:
        started = time.perf_counter()
        anonymizer, errors = build_anonymizer(bench_set.classes, device, bench_set.image_type)
        result["load_s"] = time.perf_counter() - started
    except (ImportError, GeoBlurError) as error:  # the engine itself is not usable
        result["error"] = f"GeoBlur cannot run: {error}"
        return result
    result["class_errors"] = errors
    if anonymizer is None:
        result["error"] = "no requested class has a model"
        return result
    result["device"] = anonymizer.device

    sources = {image.key: locate(image.file_name, gt.image_folders) for image in gt.images}
    found = [s for s in sources.values() if s]
    # the copies keep their path below the images' common folder, where the evaluation of the
    # copies looks them up by the labels' file names
    base = os.path.commonpath([os.path.dirname(s) for s in found]) if found else ""
    targets, _ = destinations(found, base, copies)
    outcomes = []
    seconds = megapixels = 0.0
    loop_started = time.perf_counter()
    for index, image in enumerate(gt.images, 1):
        if budget_s and time.perf_counter() - loop_started > budget_s:
            result["stopped"] = f"time budget of {budget_s / 60:g} min reached after {index - 1} of {len(gt.images)} images"
            gt.images = gt.images[: index - 1]  # scored on what was done
            break
        source = sources[image.key]
        if source is None:
            outcomes.append((image, None, f"{image.file_name} not found"))
            continue
        started = time.perf_counter()
        outcome = anonymizer.process(ImageJob(image.key, source, targets[source]))
        spent = time.perf_counter() - started
        if outcome.status == "anonymized":
            seconds += spent
            megapixels += outcome.width * outcome.height / 1e6
        outcomes.append((image, outcome, outcome.error))
        progress(f"{name} GeoBlur {index}/{len(gt.images)}: {spent:.2f} s, {len(outcome.detections)} detections")
    result["peak_mb"] = peak_rss_mb()
    done = [o for _, o, _ in outcomes if o is not None and o.status == "anonymized"]
    result.update(
        processed=len(outcomes),
        anonymized=len(done),
        failed=[f"{image.file_name}: {error}" for image, o, error in outcomes if o is None or o.status != "anonymized"],
        seconds=seconds,
        megapixels=megapixels,
        detections=sum(len(o.detections) for o in done),
    )
    if bench_set.time_only:
        return result

    usable = [c for c in bench_set.classes if c not in errors]
    tally, problems = score_detections(outcomes, usable, set(gt.classes), list(gt.problems))
    result.update(rows=rows_as_dicts(tally.rows()), headline=headline(tally), problems=[str(p) for p in problems])
    checked = evaluate(gt, AnonymizedFolder(copies), originals=folder)
    result.update(output_rows=rows_as_dicts(checked.rows), output_headline=checked.headline)
    report = os.path.join(output, name, "geoblur_report.html")
    summary = [("set", name), ("tool", "GeoBlur, solid fill, mask scale 1.3"), ("scored from", "anonymized copies")]
    write_report(report, checked.rows, checked.misses, checked.problems, summary, TEXTS)
    result["report"] = report
    return result


def score_detections(outcomes, classes, labelled, problems: List) -> Tuple[Tally, List]:
    """The tally of every anonymized image from its masks. Only objects of ``classes`` (those
    GeoBlur could run) are scored, each against its own class's masks; over-blurring counts the
    masks of the ``labelled`` classes only (a set that labels plates alone does not make the
    vehicles of a run asked for more classes false alarms)."""
    tally = Tally()
    for image, outcome, _ in outcomes:
        if outcome is None or outcome.status != "anonymized":
            continue
        sized = sized_image(image, outcome.width, outcome.height, problems)
        sized = GtImage(sized.key, sized.file_name, sized.width, sized.height,
                        [o for o in sized.objects if o.cls in classes], sized.ignore)
        wrap = outcome.projection == "equirectangular"
        h, w = outcome.height, outcome.width
        by_class = {
            cls: coverage_mask(h, w, [d for d in outcome.detections if d.cls == cls], MASK_SCALE, wrap=wrap)
            for cls in {o.cls for o in sized.objects}
        }
        counted = [d for d in outcome.detections if d.cls in labelled]
        tally.add(sized, coverage_mask(h, w, counted, MASK_SCALE, wrap=wrap), by_class)
    return tally, problems
