"""The per-image pipeline: read → orient → detect per class → merge → obscure → write.

:class:`Anonymizer` is built once per run (it loads each model once) and then processes image
jobs one by one. It never raises for a bad image: the image fails closed, with no output file,
and its :class:`ImageResult` says why; the run goes on. Only errors that concern the whole run
(a bad model, cancel) propagate.
"""
import os
from dataclasses import dataclass, field, replace
from typing import Dict, Iterable, Iterator, List, Optional, Sequence

import numpy as np

from . import obscure, panorama, tiling
from .boxes import nms_detections
from .callbacks import Callbacks
from .detectors import make_adapter
from .detectors.base import Adapter
from .errors import Canceled, GeoBlurError, ImageError, ModelError
from .footprints import horizontal_fov_from_35mm
from .imageio import LoadedImage, last_line, read_image, write_image, written_by_geoblur
from .models import ModelSpec, default_model_for, load_manifest
from .paths import check_destination, same_file
from .plates import CONTEXT_CLASS, CONTEXT_SCORE, PlateSearch, context_boxes, object_scale
from .types import CLASSES, Detection, ImageJob, ImageResult
from .version import VERSION

#: faces in small photos (crowds at ~400 px wide) are often under 10 px: such images are
#: enlarged towards this long side (at most twice) so the face model still sees them
UPSCALE_TO = 1024


@dataclass
class Settings:
    """Everything a run needs to know, independent of where the jobs come from."""

    classes: Sequence[str] = ("face",)
    style: obscure.Style = field(default_factory=obscure.Style)
    thresholds: Dict[str, float] = field(default_factory=dict)  # per class, overrides models'
    device: str = "auto"
    jpeg_quality: int = 95  # for images encoded whole
    lossless_jpeg: bool = True  # JPEG in, JPEG out: new coefficients only under the masks
    image_type: str = "auto"  # auto, planar, equirectangular
    horizontal_fov: Optional[float] = None  # used when EXIF has no 35 mm focal length
    extra_models: List[ModelSpec] = field(default_factory=list)  # the user's own, run as well
    threads: int = 0  # onnxruntime intra-op threads per model (0: every core), set per worker


class Anonymizer:
    """Loads the models a run needs, then anonymizes images one at a time."""

    def __init__(self, settings: Settings, callbacks: Optional[Callbacks] = None):
        self.settings = settings
        self.callbacks = callbacks or Callbacks()
        unknown = [c for c in settings.classes if c not in CLASSES]
        if unknown or not settings.classes:
            raise GeoBlurError(f"Choose classes among {', '.join(CLASSES)} (got {list(settings.classes)}).")
        self.adapters = self._load_adapters()
        self.plate_searches = self._plate_searches()
        self.stages: Optional[tiling.Stages] = None

    def record_stages(self, stages: Optional[tiling.Stages]) -> None:
        """Record where detection's time goes into ``stages`` (the benchmark's stage table), or
        stop recording (None): every model's forward passes and calls, the panorama's views."""
        self.stages = stages
        for adapter in {id(a): a for a in self._all_adapters()}.values():
            adapter.stages = stages

    def _all_adapters(self) -> List[Adapter]:
        return [a for a, _ in self.adapters] + [s.vehicles for s in self.plate_searches.values()]

    def _load_adapters(self):
        """(adapter, classes it is asked for) pairs: the bundled default of each class plus every
        user model, each session created once."""
        manifest = load_manifest()
        wanted = list(self.settings.classes)
        specs: Dict[str, ModelSpec] = {}
        for cls in wanted:
            spec = default_model_for(cls, manifest)
            specs.setdefault(spec.id, spec)
        for spec in self.settings.extra_models:
            if spec.id in specs:
                raise ModelError(f"Two models share the id {spec.id!r}.")
            specs[spec.id] = spec
        pairs = []
        for spec in specs.values():
            classes = [c for c in spec.geoblur_classes if c in wanted]
            if classes:
                pairs.append((make_adapter(spec, self.settings.device, self.settings.threads), classes))
        return pairs

    def _plate_searches(self) -> Dict[str, PlateSearch]:
        """The plate search of each text model, by its id: over that model and the bundled
        vehicle model, the run's own adapter of it when the run has one, else loaded here (so
        that a missing or broken one is reported before any image)."""
        text_models = [adapter for adapter, _ in self.adapters if adapter.finds_text]
        if not text_models:
            return {}
        spec = default_model_for("vehicle")
        vehicles = next((adapter for adapter, _ in self.adapters if adapter.spec.id == spec.id), None)
        vehicles = vehicles or make_adapter(spec, self.settings.device, self.settings.threads)
        return {text.spec.id: PlateSearch(text, vehicles) for text in text_models}

    @property
    def device(self) -> str:
        """The device inference really runs on (cuda or cpu)."""
        devices = sorted({adapter.device for adapter, _ in self.adapters})
        return "+".join(devices)

    @property
    def record(self) -> dict:
        """What a privacy officer needs to audit the run: GeoBlur's version, each model's id and
        verified sha256 and the thresholds it really ran with, the mask and the device."""
        models = [{"id": adapter.spec.id, "sha256": adapter.sha256,
                   "thresholds": {cls: self.threshold(adapter, cls) for cls in classes}}
                  for adapter, classes in self.adapters]
        for search in self.plate_searches.values():  # the vehicle model gives plates their context
            if search.vehicles.spec.id not in [m["id"] for m in models]:
                models.append({"id": search.vehicles.spec.id, "sha256": search.vehicles.sha256,
                               "thresholds": {}, "context_for": search.text.spec.id})
        return {
            "geoblur_version": VERSION,
            "models": models,
            "method": self.settings.style.method,
            "mask_scale": self.settings.style.mask_scale,
            "device": self.device,
        }

    def threshold(self, adapter, cls: str) -> float:
        return self.settings.thresholds.get(cls, adapter.spec.threshold_for(cls))

    def detect(self, rgb: np.ndarray) -> List[Detection]:
        """Every wanted object in an upright RGB photo, merged across models.

        A text model is run as its plate search (:class:`.plates.PlateSearch`), after the other
        models: when the run has the vehicle model, the search takes its vehicles, scored from
        :data:`.plates.CONTEXT_SCORE`, from that run rather than running the model again."""
        kept: List[Detection] = []
        context = None  # the vehicles that give plates their context, when a run found them
        for adapter, classes in self.adapters:
            if adapter.spec.id not in self.plate_searches:
                found, vehicles = self._run(adapter, classes, rgb, None, None)
                kept += found
                context = context_boxes(vehicles) if vehicles is not None else context
        for adapter, classes in self.adapters:
            search = self.plate_searches.get(adapter.spec.id)
            if search is not None:
                thresholds = self._thresholds(adapter, classes)
                kept += _passing(search.search(rgb, min(thresholds.values()), self.callbacks.is_canceled, context),
                                 thresholds)
        return nms_detections(kept)

    def detect_panorama(self, rgb: np.ndarray, sphere: "panorama.Geometry") -> List[Detection]:
        """Every wanted object in an equirectangular panorama: each model but the text models
        searched over the views planned for the sizes of its objects
        (:func:`.panorama.views.passes_for`), a view that several models share rendered once;
        then the plate searches (:meth:`.plates.PlateSearch.search_panorama`), given the vehicles
        that the vehicle model's views found from :data:`.plates.CONTEXT_SCORE` (planned for
        them alone when only plates are asked for)."""
        models = self._view_models()

        def search_view(view, smallest, largest, key):
            found, vehicles = self._run(*models[key], view, smallest, largest)
            found = models[key][0].placed(found, view.shape[1], view.shape[0])
            # the context goes through the views' merge under a class of its own, apart from the
            # vehicles obscured
            return found + [replace(d, cls=CONTEXT_CLASS) for d in vehicles or ()]

        plans = {key: panorama.views.passes_for(adapter.family) for key, (adapter, _) in models.items()}
        found = panorama.detect(rgb, sphere, search_view, self.callbacks.is_canceled, plans, self.stages)
        context = [d for d in found if d.cls == CONTEXT_CLASS]
        found = [d for d in found if d.cls != CONTEXT_CLASS]
        for adapter, classes in self.adapters:
            search = self.plate_searches.get(adapter.spec.id)
            if search is not None:
                thresholds = self._thresholds(adapter, classes)
                found += _passing(search.search_panorama(rgb, sphere, context, min(thresholds.values()),
                                                         self.callbacks.is_canceled, self.stages), thresholds)
        return found

    def _view_models(self) -> Dict[str, tuple]:
        """(adapter, classes asked of it) by model id, of the models a panorama's views are
        searched with: every model but the text models, and the plate searches' vehicle model,
        asked for no class when it is there only for the plates' context."""
        models = {a.spec.id: (a, classes) for a, classes in self.adapters if a.spec.id not in self.plate_searches}
        for search in self.plate_searches.values():
            models.setdefault(search.vehicles.spec.id, (search.vehicles, []))
        return models

    def _thresholds(self, adapter: Adapter, classes: Sequence[str]) -> Dict[str, float]:
        return {c: self.threshold(adapter, c) for c in classes}

    def _run(self, adapter: Adapter, classes: Sequence[str], rgb: np.ndarray, smallest: Optional[float],
             largest: Optional[float]):
        """What one model (not a text model) finds in an image for the classes asked of it, and
        the vehicles it finds from :data:`.plates.CONTEXT_SCORE` when it gives the plate
        searches their context (else None), in one run over its tiles.

        ``smallest`` and ``largest`` (pixels) bound the objects to look for when the caller
        knows them (a panorama view is responsible for one band of sizes); by default a photo is
        searched from the smallest face it can hold up to its own size, and a large photo for
        persons and vehicles at a 1080p frame's density (:func:`.plates.object_scale`)."""
        thresholds = self._thresholds(adapter, classes)
        finest = None
        if smallest is None and "face" in classes:
            smallest = smallest_object(adapter, rgb.shape)
        elif smallest is None and largest is None:
            finest = object_scale(adapter, rgb.shape)
        gives_context = any(search.vehicles is adapter for search in self.plate_searches.values())
        floors = ([min(thresholds.values())] if thresholds else []) + ([CONTEXT_SCORE] if gives_context else [])
        found = tiling.detect_floors(adapter, rgb, floors, smallest, self.callbacks.is_canceled, largest, finest)
        if largest is not None:
            found = [[d for d in f if not _fills_view(d, rgb.shape, largest)] for f in found]
        kept = _passing(found[0], thresholds) if thresholds else []
        return kept, ([d for d in found[-1] if d.cls == "vehicle"] if gives_context else None)

    def process(self, job: ImageJob) -> ImageResult:
        """Anonymize one image; failures are reported in the result, never written as output.

        Any error while this image is processed (a damaged file, OpenCV or onnxruntime failing on
        it, a full disk) fails this image only, with its cause; only a cancel stops the run."""
        result = ImageResult(job.job_id, job.source, "failed", heading=job.heading, device=self.device)
        try:
            reason = check_destination(job.source, job.destination, written_by_geoblur)
            if reason:
                raise ImageError(f"{job.source}: {reason}.")
            loaded = read_image(job.source)
            self._describe(result, loaded)
            rgb = loaded.rgb8()
            sphere = self._describe_projection(result, loaded, job, rgb)
            if sphere is None:
                result.detections = self.detect(rgb)
            else:
                result.detections = self.detect_panorama(rgb, sphere)
            del rgb  # an image's worth of memory (400 MB at 16384×8192) not needed to obscure and write
            result.notes += write_obscured(job.destination, loaded, result.detections, self.settings.style,
                                           sphere is not None and sphere.wraps, self.settings.jpeg_quality,
                                           self.settings.lossless_jpeg)
        except Canceled:
            raise
        except Exception as error:  # noqa: BLE001 - whatever breaks on one image fails that image
            result.error = failure_cause(job, error)
            result.detections = []
            result.error += remove_stale_copy(job)
            return result
        result.status = "anonymized"
        result.output_path = job.destination
        return result

    def _describe(self, result: ImageResult, loaded: LoadedImage) -> None:
        result.height, result.width = loaded.pixels.shape[:2]
        focal = loaded.exif.get("Exif", {}).get(41989) if loaded.exif else None  # FocalLengthIn35mmFilm
        if focal:
            result.horizontal_fov = horizontal_fov_from_35mm(float(focal))
        else:
            result.horizontal_fov = self.settings.horizontal_fov

    def _describe_projection(self, result: ImageResult, loaded: LoadedImage, job: ImageJob, rgb: np.ndarray):
        """Decide whether the image is a 360° panorama (the job's image type, else the run's;
        "auto" reads GPano, else needs evidence for a 2:1 image) and record it in ``result``.
        Returns the panorama's geometry on the sphere, or None for an ordinary photo."""
        image_type = job.image_type if job.image_type != "auto" else self.settings.image_type
        is_panorama, why = panorama.evidence.classify(image_type, loaded.xmp, loaded.exif, rgb)
        if why.startswith("2:1"):
            result.notes.append(why)
        if not is_panorama:
            return None
        result.projection = "equirectangular"
        result.horizontal_fov = 360.0
        pose = panorama.gpano.heading(loaded.xmp)
        if pose is not None:
            result.heading = pose
        return panorama.gpano.geometry(loaded.xmp, result.width, result.height)

    def run(self, jobs: Iterable[ImageJob]) -> Iterator[ImageResult]:
        """Process jobs in order, reporting progress and stopping when canceled."""
        jobs = list(jobs)
        for index, job in enumerate(jobs):
            if self.callbacks.is_canceled():
                raise Canceled("Canceled.")
            yield self.process(job)
            self.callbacks.progress(100.0 * (index + 1) / len(jobs))



def _passing(detections: Iterable[Detection], thresholds: Dict[str, float]) -> List[Detection]:
    """The detections of the classes asked for, each scored at least its class's threshold."""
    return [d for d in detections if d.cls in thresholds and d.score >= thresholds[d.cls]]


#: a box spanning this share of a view's width and height fills the view (:func:`_fills_view`)
FILLS_VIEW = 0.8


def _fills_view(detection: Detection, shape, largest: float) -> bool:
    """Whether a detection in a view responsible for objects up to ``largest`` pixels is the view
    itself taken for an object (NanoDet calls a facade filling a view a bus, a whole street a
    person): its box spans most of the view's width and height, far beyond ``largest``. Such an
    object, were it real, is whole and small enough in a coarser view to be found there; an
    object the view merely cuts, whose box ends at one or two of its edges, is kept."""
    height, width = shape[:2]
    return (detection.width >= FILLS_VIEW * width and detection.height >= FILLS_VIEW * height
            and max(detection.width, detection.height) > 1.5 * largest)


def smallest_object(adapter, shape) -> float:
    """The smallest object, in image pixels, to make ``adapter`` see in an image of ``shape``."""
    upscale = min(2.0, max(1.0, UPSCALE_TO / max(shape[:2])))
    return adapter.min_object / upscale


def write_obscured(destination: str, loaded: LoadedImage, detections: Sequence[Detection], style: obscure.Style,
                   wrap: bool, jpeg_quality: int, lossless_jpeg: bool) -> List[str]:
    """Write ``loaded`` with ``detections`` obscured to ``destination`` (atomically, metadata
    kept; a JPEG block by block when ``lossless_jpeg``), as a run and a re-render
    (:mod:`.render`) both do. ``wrap``: a 360° panorama whose edges meet. Returns the notes.

    ``loaded.pixels`` are obscured in place: a second whole image is 400 MB at 16384×8192, and
    the block writer needs the original only under the masks."""
    originals = obscure.apply_in_place(loaded.pixels, detections, style, wrap=wrap)
    return write_image(destination, loaded.pixels, loaded, jpeg_quality, lossless_jpeg, originals)


def failure_cause(job: ImageJob, error: Exception) -> str:
    """The message of an image's failure: GeoBlur's own errors name the file already; anything
    else (OpenCV, onnxruntime, an OS error) is named with the file and the error's kind."""
    if isinstance(error, GeoBlurError):
        return str(error) or type(error).__name__
    if isinstance(error, MemoryError):
        return f"{job.source}: there was not enough memory to process this image."
    return (f"{job.source}: {type(error).__module__.split('.')[0]} {type(error).__name__} while processing it "
            f"({last_line(error)}).")


def remove_stale_copy(job: ImageJob) -> str:
    """Remove a copy an earlier run left at this image's destination, so the output folder
    never holds a file whose status says it failed. Only a regular file GeoBlur wrote is ever
    removed; returns what the user must know when one could not be."""
    try:
        if not same_file(job.source, job.destination) and written_by_geoblur(job.destination):
            os.remove(job.destination)
    except OSError as error:
        return f" An earlier copy at {job.destination} could not be removed ({error.strerror or error}): delete it."
    return ""
