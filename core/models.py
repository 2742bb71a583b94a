"""Model manifest and inference sessions.

A model is data: its manifest entry says which family decodes it, which of its classes map to
GeoBlur's classes, how its input is normalised and its default threshold. One onnxruntime
session per model file and device per process, created on first use, so a run over a million
images pays the load once.
"""
import hashlib
import json
import os
import threading
from dataclasses import dataclass, field
from typing import Dict, List, Optional

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
    try:
        stat = os.stat(spec.file)
    except OSError as error:
        raise ModelError(f"Model file of {spec.id!r} cannot be read: {spec.file} ({error.strerror or error}).") from None
    key = (os.path.abspath(spec.file), stat.st_size, stat.st_mtime_ns)
    if key not in _digests:
        _digests[key] = sha256_of(spec.file)
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


_sessions: Dict[tuple, object] = {}
_sessions_lock = threading.Lock()


def session_for(spec: ModelSpec, device: str = "auto", threads: int = 0):
    """The process-wide onnxruntime session of a model on a device, created on first use.

    ``threads`` caps onnxruntime's intra-op threads (0: its default, every core): parallel
    workers set it so that workers × threads ≈ cores instead of each taking every core."""
    import onnxruntime

    providers = providers_for(device)
    key = (os.path.abspath(spec.file), tuple(providers), threads)
    with _sessions_lock:
        if key not in _sessions:
            if not os.path.isfile(spec.file):
                raise ModelError(f"Model file of {spec.id!r} not found: {spec.file}")
            options = onnxruntime.SessionOptions()
            options.log_severity_level = 3
            if threads:
                options.intra_op_num_threads = threads
                options.inter_op_num_threads = 1
            try:
                _sessions[key] = onnxruntime.InferenceSession(
                    spec.file, sess_options=options, providers=providers
                )
            except Exception as error:  # onnxruntime raises its own, unexported exception types
                raise ModelError(f"Cannot load model {spec.id!r} from {spec.file}: {error}") from error
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
