"""Model manifest, input descriptions and inference sessions.

A model is data: its manifest entry says which family decodes it, which of its classes map to
GeoBlur's classes, how its input is normalised (its ``input`` block, :class:`InputSpec`) and its
default threshold. A user's ONNX file may describe its input itself in its ``metadata_props``
(:data:`METADATA_KEYS`). Every session is built by :func:`open_session`, the file verified
against its sha256 first; :func:`session_for` keeps one per model file, device and thread count
per process, created on first use, so a run over a million images pays the load once.
"""
import ast
import hashlib
import json
import os
import re
import threading
from dataclasses import dataclass, field, replace
from typing import Dict, List, Mapping, Optional, Tuple

from .errors import ModelError
from .types import CLASSES

MODELS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "models")
MANIFEST = os.path.join(MODELS_DIR, "manifest.json")

DEVICES = ("auto", "cpu", "cuda")


@dataclass
class ModelSpec:
    """One manifest entry. ``classes`` maps the model's own class names (or indices, as strings)
    to GeoBlur classes; classes the model has but GeoBlur does not use are simply absent."""

    id: str
    file: str
    family: str
    classes: Dict[str, str]
    threshold: float = 0.3
    input: dict = field(default_factory=dict)
    sha256: str = ""
    licence: str = ""
    source: dict = field(default_factory=dict)
    thresholds: Dict[str, float] = field(default_factory=dict)
    default_for: List[str] = field(default_factory=list)

    @property
    def geoblur_classes(self) -> List[str]:
        return sorted(set(self.classes.values()), key=CLASSES.index)

    def threshold_for(self, cls: str) -> float:
        return self.thresholds.get(cls, self.threshold)


@dataclass(frozen=True)
class InputSpec:
    """How a model takes its image: the RGB uint8 pixels, put in ``color`` order, times
    ``scale``, minus ``mean`` and over ``std`` (both per channel, in the model's colour order and
    in scaled units), NCHW. ``size`` (height, width) is the input a model that resizes its image
    is fed (None: the size the model declares, or its family's); ``size_multiple`` is what a
    fully convolutional model's sides are padded to."""

    color: str = "RGB"
    scale: float = 1.0
    mean: Tuple[float, float, float] = (0.0, 0.0, 0.0)
    std: Tuple[float, float, float] = (1.0, 1.0, 1.0)
    size: Optional[Tuple[int, int]] = None
    size_multiple: int = 1


#: the keys of a manifest entry's ``input`` block that say how its input is made (``name`` and
#: ``layout`` are checked against the model; anything else is a note for people)
MANIFEST_INPUT_KEYS = ("color", "scale", "mean", "std", "size", "size_multiple")
#: the ONNX ``metadata_props`` keys read for a model's input, and what each sets. ``mean`` and
#: ``std`` are in scaled units (Deepness standardises 0..1 values); ``imgsz`` is Ultralytics'
#: (height, width). A manifest entry's ``input`` block takes precedence over them.
METADATA_KEYS = {
    "color_order": "color", "channel_order": "color", "color": "color",
    "scale": "scale",
    "mean": "mean", "standardization_mean": "mean",
    "std": "std", "standardization_std": "std",
    "imgsz": "size",
}
#: scales written as the range the pixels are brought to
SCALE_RANGES = {"0..1": 1 / 255, "0..255": 1.0}


def input_spec(spec: ModelSpec, metadata: Mapping[str, str], defaults: InputSpec) -> InputSpec:
    """The input of ``spec``'s model: its manifest entry's ``input`` block, else the model's
    own ONNX metadata (:data:`METADATA_KEYS`), else its family's ``defaults``."""
    values = {}
    for key, name in METADATA_KEYS.items():
        if key in metadata and name not in values:
            values[name] = _input_value(spec.id, name, metadata[key], f"ONNX metadata {key!r}")
    for name in MANIFEST_INPUT_KEYS:
        if name in spec.input:
            values[name] = _input_value(spec.id, name, spec.input[name], f"input {name!r}")
    layout = str(spec.input.get("layout", "NCHW")).upper()
    if layout != "NCHW":
        raise ModelError(f"Model {spec.id!r}: input layout {layout!r} is not one GeoBlur feeds; its adapters "
                         "feed NCHW (batch, channels, height, width).")
    return replace(defaults, **values)


def _input_value(model_id: str, name: str, value, where: str):
    """One input setting from the manifest or the metadata, checked (ModelError otherwise)."""
    try:
        if name == "color":
            color = str(value).strip().upper()
            if color in ("RGB", "BGR"):
                return color
        elif name == "scale":
            scale = SCALE_RANGES.get(str(value).strip()) if isinstance(value, str) else None
            scale = scale or _number(value)
            if scale > 0:
                return scale
        elif name in ("mean", "std"):
            numbers = [_number(v) for v in _sequence(value)]
            numbers = numbers * 3 if len(numbers) == 1 else numbers
            if len(numbers) == 3 and (name == "mean" or min(numbers) > 0):
                return tuple(numbers)
        elif name == "size":
            sides = [int(_number(v)) for v in _sequence(value)]
            sides = sides * 2 if len(sides) == 1 else sides
            if len(sides) == 2 and min(sides) > 0:
                return tuple(sides)
        elif name == "size_multiple":
            if int(_number(value)) >= 1:
                return int(_number(value))
    except (TypeError, ValueError, ZeroDivisionError):
        pass
    expected = {"color": "RGB or BGR", "scale": "a positive number, 1/255, 0..1 or 0..255",
                "mean": "three numbers (or one)", "std": "three positive numbers (or one)",
                "size": "height and width in pixels (or one side)", "size_multiple": "a positive integer"}[name]
    raise ModelError(f"Model {model_id!r}: its {where} is {value!r}, which is not {expected}.")


def _number(value) -> float:
    """A number, or a number written as text (``0.5``, ``1/255``)."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip()
    numerator, slash, denominator = text.partition("/")
    return float(numerator) / float(denominator) if slash else float(text)


def _sequence(value) -> list:
    """A list of numbers as JSON or Python writes it, as ``0.5, 0.5, 0.5``, or one number."""
    if isinstance(value, (list, tuple)):
        return list(value)
    if not isinstance(value, str):
        return [value]
    try:
        parsed = ast.literal_eval(value.strip())
    except (ValueError, SyntaxError):
        return [part for part in re.split(r"[\s,;]+", value.strip().strip("[]()")) if part]
    return list(parsed) if isinstance(parsed, (list, tuple)) else [parsed]


def spec_from_dict(entry: dict, base_dir: str) -> ModelSpec:
    """Build a spec from a manifest entry, resolving ``file`` against ``base_dir``."""
    missing = [key for key in ("id", "file", "family", "classes") if key not in entry]
    if missing:
        raise ModelError(f"Model entry {entry.get('id', '?')!r} lacks {', '.join(missing)}.")
    unknown = sorted(set(entry["classes"].values()) - set(CLASSES))
    if unknown:
        raise ModelError(
            f"Model {entry['id']!r} maps to unknown classes {unknown}; "
            f"GeoBlur's classes are {', '.join(CLASSES)}."
        )
    fields = {k: entry[k] for k in ModelSpec.__dataclass_fields__ if k in entry}
    fields["file"] = os.path.join(base_dir, entry["file"])
    fields["classes"] = {str(k): v for k, v in entry["classes"].items()}
    return ModelSpec(**fields)


def load_manifest(path: str = MANIFEST) -> Dict[str, ModelSpec]:
    """Read a manifest file into specs keyed by model id."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as error:
        raise ModelError(f"Cannot read model manifest {path}: {error}") from error
    base = os.path.dirname(os.path.abspath(path))
    return {entry["id"]: spec_from_dict(entry, base) for entry in data["models"]}


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


_digests: Dict[tuple, str] = {}


def verified_sha256(spec: ModelSpec) -> str:
    """The sha256 of the model's file, checked against its manifest entry (when the entry has
    one) before the model is used: a damaged or swapped file must not anonymize anything, and
    the run record names exactly which file did. Computed once per file version and process."""
    if not os.path.isfile(spec.file):
        raise ModelError(f"Model file of {spec.id!r} not found: {spec.file}")
    try:
        stat = os.stat(spec.file)
        key = (os.path.abspath(spec.file), stat.st_size, stat.st_mtime_ns)
        if key not in _digests:
            _digests[key] = sha256_of(spec.file)
    except OSError as error:
        raise ModelError(f"Model file of {spec.id!r} cannot be read: {spec.file} ({error.strerror or error}).") from None
    actual = _digests[key]
    if spec.sha256 and actual != spec.sha256.lower():
        raise ModelError(f"Model {spec.id!r} at {spec.file} is not the file its manifest names: its sha256 is "
                         f"{actual}, the manifest says {spec.sha256}. Reinstall GeoBlur or rebuild the model "
                         "(make models).")
    return actual


def providers_for(device: str) -> List[str]:
    """onnxruntime execution providers for a requested device, best first.

    ``auto`` takes CUDA when this onnxruntime build has it; ``cuda`` insists on it.
    """
    import onnxruntime

    if device not in DEVICES:
        raise ModelError(f"Unknown device {device!r}; choose one of {', '.join(DEVICES)}.")
    available = onnxruntime.get_available_providers()
    if device == "cpu":
        return ["CPUExecutionProvider"]
    if "CUDAExecutionProvider" in available:
        return ["CUDAExecutionProvider", "CPUExecutionProvider"]
    if device == "cuda":
        raise ModelError(
            "CUDA was requested but this onnxruntime has no CUDAExecutionProvider "
            f"(it has {', '.join(available)}). Install onnxruntime-gpu instead of onnxruntime."
        )
    return ["CPUExecutionProvider"]


def session_options(threads: int = 0):
    """The options of every GeoBlur session (the choices, and why):

    - graph optimisation ``ORT_ENABLE_ALL`` (constant folding, node fusions, layout changes):
      onnxruntime's own default, set here so that no build or environment changes what the
      bundled models were measured with;
    - the CPU memory arena on, its memory patterns off. Patterns are planned and kept per input
      shape, and GeoBlur's shapes vary (edge tiles, whole photos for the text model, every
      vehicle cut out for the plate search): with them, 160 runs of the text model over 80
      shapes ended at 227 MiB of RSS against 182 without, and 120 runs over 120 shapes kept
      growing (348, 457, 547 MiB after 20, 60, 120) against 350, 381, 398; and they gained no
      time even at one fixed shape (NanoDet, 416 px). The arena itself is worth keeping: without
      it the same runs took 10-25% longer (2 cores, onnxruntime 1.32); it is given back when
      the run ends (:func:`release_sessions`);
    - ``threads`` caps onnxruntime's intra-op threads (0: its default, every core), one
      inter-op thread: parallel workers set it so that workers × threads ≈ cores instead of
      each taking every core.
    """
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.enable_cpu_mem_arena = True
    options.enable_mem_pattern = False
    if threads:
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
    return options


def open_session(spec: ModelSpec, device: str = "auto", threads: int = 0):
    """A new onnxruntime session of ``spec``'s file on ``device``: the one place GeoBlur builds
    sessions, for its own models and the user's. The file is verified first
    (:func:`verified_sha256`); ``cuda`` insists on the GPU, so a session that onnxruntime had to
    start on the CPU (CUDA or cuDNN libraries missing) is refused rather than run slowly."""
    import onnxruntime

    providers = providers_for(device)
    verified_sha256(spec)
    try:
        session = onnxruntime.InferenceSession(spec.file, sess_options=session_options(threads), providers=providers)
    except Exception as error:  # onnxruntime raises its own, unexported exception types
        raise ModelError(f"Model {spec.id!r}: {spec.file} is not an ONNX model that onnxruntime can load: "
                         f"{error}") from error
    if device == "cuda" and device_of(session) != "cuda":
        raise ModelError(f"CUDA was requested but onnxruntime could not start it for model {spec.id!r} (it runs on "
                         f"{', '.join(session.get_providers())}): the CUDA and cuDNN libraries that "
                         "onnxruntime-gpu needs did not load. See the README's GPU section.")
    return session


_sessions: Dict[tuple, object] = {}
_sessions_lock = threading.Lock()


def session_for(spec: ModelSpec, device: str = "auto", threads: int = 0):
    """The process-wide session of a model's file (as verified: a file changed on disk gets a
    new one) on a device with a thread count, created on first use by :func:`open_session`."""
    with _sessions_lock:
        key = (os.path.abspath(spec.file), verified_sha256(spec), tuple(providers_for(device)), threads)
        if key not in _sessions:
            _sessions[key] = open_session(spec, device, threads)
        return _sessions[key]


def release_sessions() -> None:
    """Drop every cached session, so the memory (GPU memory too) is given back when a run ends
    inside a long-lived process such as QGIS."""
    with _sessions_lock:
        _sessions.clear()


def device_of(session) -> str:
    """The device a session really runs on, as the user should read it."""
    return "cuda" if session.get_providers()[0] == "CUDAExecutionProvider" else "cpu"


def default_model_for(cls: str, manifest: Optional[Dict[str, ModelSpec]] = None) -> ModelSpec:
    """The bundled model the manifest names as the default detector of a GeoBlur class."""
    manifest = manifest or load_manifest()
    for spec in manifest.values():
        if cls in spec.default_for:
            return spec
    raise ModelError(f"No bundled model detects {cls!r}.")
