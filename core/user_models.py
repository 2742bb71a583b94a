"""The user's own models: ONNX exports or manifest files, with their classes mapped to GeoBlur's.

A city that has its own plate or person model plugs it in without touching code: ``MODELS``
names the files, ``MODEL_CLASSES`` maps the model's class names (or indices) to GeoBlur's
classes, e.g. ``plate=license_plate; car=vehicle; 0=person``. Every file is opened and checked
here, so a wrong file, a model whose outputs are no known layout or a class map that does not
fit is refused with a message before any image is touched.

- ``.onnx`` files are YOLO exports (YOLOv5, YOLOv8, YOLO11; detection or segmentation, see
  :mod:`.detectors.yolo`). The class map applies to them; a model none of whose classes the map
  names gets those of its classes that are GeoBlur's own names (``person``, ``face``, ``plate``,
  ``car``… see :data:`AUTOMATIC`), so a COCO model needs no map for persons and vehicles.
- ``.json`` files are manifests in the format of GeoBlur's ``models/manifest.json`` (one entry,
  or ``{"models": [...]}``), for any family GeoBlur knows; their entries carry their own
  ``classes`` and ``file`` paths relative to the manifest, and an entry's ``sha256``, when it
  has one, is checked here.

How a model takes its image (colour order, scale, mean, std, input size) is read from the
entry's ``input`` block, else from the model's own ONNX metadata (``color_order`` or
``channel_order``, ``scale``, ``mean`` or ``standardization_mean``, ``std`` or
``standardization_std``, ``imgsz``: :data:`.models.METADATA_KEYS`), else its family's
defaults (for YOLO: RGB scaled to 0..1). Files are opened by the same session builder as
GeoBlur's own models (:func:`.models.open_session`); a plain ``.onnx`` has no sha256 to check,
but the run record still names its digest.
"""
import json
import os
import re
from typing import Dict, List, Optional, Sequence

from .detectors import FAMILIES
from .detectors.yolo import Yolo, class_names, find_layout
from .errors import ModelError
from .models import ModelSpec, load_manifest, open_session, spec_from_dict
from .types import CLASSES

#: how the right-hand side of a class map may name GeoBlur's classes
CLASS_ALIASES = {
    "face": "face", "faces": "face",
    "person": "person", "persons": "person", "people": "person", "pedestrian": "person",
    "license_plate": "license_plate", "licence_plate": "license_plate", "plate": "license_plate",
    "plates": "license_plate", "license_plates": "license_plate", "licence_plates": "license_plate",
    "vehicle": "vehicle", "vehicles": "vehicle",
}
#: model class names taken without a class map (lower case, spaces and dashes as underscores)
AUTOMATIC = dict(
    CLASS_ALIASES,
    number_plate="license_plate", car="vehicle", truck="vehicle", bus="vehicle", van="vehicle",
    motorcycle="vehicle", motorbike="vehicle",
)
#: Ultralytics' default confidence threshold
DEFAULT_THRESHOLD = 0.25


def _key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def parse_class_map(text: Optional[str]) -> Dict[str, str]:
    """``"plate=license_plate; car=vehicle; 0=person"`` → ``{"plate": "license_plate", ...}``.
    Entries are separated by ``;``, ``,`` or new lines; a model class is a name or an index."""
    mapping: Dict[str, str] = {}
    for entry in re.split(r"[;,\n]", text or ""):
        if not entry.strip():
            continue
        model_class, sep, geoblur_class = entry.partition("=")
        model_class, geoblur_class = model_class.strip(), geoblur_class.strip()
        if not sep or not model_class or not geoblur_class:
            raise ModelError(
                f"Model classes: {entry.strip()!r} is not 'model class=GeoBlur class'; write for "
                "example 'plate=license_plate; car=vehicle; 0=person'."
            )
        cls = CLASS_ALIASES.get(_key(geoblur_class))
        if cls is None:
            raise ModelError(
                f"Model classes: {geoblur_class!r} (for {model_class!r}) is not a GeoBlur class; "
                f"use one of {', '.join(CLASSES)}."
            )
        mapping[model_class] = cls
    return mapping


def load_user_models(paths: Sequence[str], class_map: Optional[str] = "") -> List[ModelSpec]:
    """Specs of the user's models, each checked against its family (ModelError otherwise)."""
    mapping = parse_class_map(class_map)
    specs: List[ModelSpec] = []
    used: set = set()
    onnx_files = []
    for path in [p for p in paths if p and str(p).strip()]:
        path = os.path.abspath(os.path.expanduser(str(path).strip()))
        if not os.path.isfile(path):
            raise ModelError(f"Model file {path} not found; check the models you chose.")
        extension = os.path.splitext(path)[1].lower()
        if extension == ".json":
            specs.extend(_manifest_specs(path))
        elif extension == ".onnx":
            onnx_files.append(path)
            specs.append(_onnx_spec(path, mapping, used))
        else:
            raise ModelError(
                f"{path}: GeoBlur takes ONNX models (.onnx) or model manifests (.json). Export a "
                "PyTorch model to ONNX first, e.g. `yolo export model=best.pt format=onnx`."
            )
    unused = [key for key in mapping if key not in used]
    if unused:
        where = ", ".join(os.path.basename(f) for f in onnx_files) or "no .onnx file was given"
        raise ModelError(
            f"Model classes: {', '.join(repr(k) for k in unused)} is a class of none of the models "
            f"({where}); the class map names classes of the .onnx models."
        )
    _check_ids(specs)
    return specs


def _open(spec: ModelSpec):
    """A session of the model on the CPU, only to inspect and check it (the run opens its own,
    on its device, through the same builder)."""
    return open_session(spec, "cpu")


def _onnx_spec(path: str, mapping: Dict[str, str], used: set) -> ModelSpec:
    session = _open(ModelSpec(id=os.path.basename(path), file=path, family=Yolo.family, classes={}))
    names = class_names(session)
    try:
        layout = find_layout(session.get_outputs(), len(names) if names else None)
    except ModelError as error:
        raise ModelError(f"{path} is not a YOLO detection or segmentation export: {error}.") from None
    names = names or [str(i) for i in range(layout.classes)]
    classes = {}
    for key, cls in mapping.items():
        if key in names or (key.isdigit() and int(key) < len(names)):
            classes[key] = cls
            used.add(key)
    if not classes:
        classes = {name: AUTOMATIC[_key(name)] for name in names if _key(name) in AUTOMATIC}
    if not classes:
        listing = ", ".join(f"{i}={n}" for i, n in enumerate(names[:20]))
        raise ModelError(
            f"{path}: none of its classes ({listing}) is mapped to a GeoBlur class; add them to the "
            "model classes, such as 'plate=license_plate' or '0=person'."
        )
    spec = ModelSpec(
        id=os.path.basename(path), file=path, family=Yolo.family, classes=classes,
        threshold=DEFAULT_THRESHOLD, licence="the user's", source={"file": path, "outputs": layout.name},
    )
    Yolo(spec, session).check()
    return spec


def _manifest_specs(path: str) -> List[ModelSpec]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as error:
        raise ModelError(f"Cannot read model manifest {path}: {error}") from error
    entries = data.get("models", [data]) if isinstance(data, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ModelError(f"{path} is not a model manifest: expected an entry or {{\"models\": [entries]}}.")
    base = os.path.dirname(path)
    specs = []
    for entry in entries:
        spec = spec_from_dict(entry, base)
        if spec.family not in FAMILIES:
            raise ModelError(
                f"{path}: model {spec.id!r} has unknown family {spec.family!r}; known families: "
                f"{', '.join(sorted(FAMILIES))}."
            )
        if not os.path.isfile(spec.file):
            raise ModelError(f"{path}: the file of model {spec.id!r} is not found: {spec.file}")
        FAMILIES[spec.family](spec, _open(spec)).check()
        specs.append(spec)
    return specs


def _check_ids(specs: List[ModelSpec]) -> None:
    """Give two files of the same name distinct ids; refuse ids of GeoBlur's own models."""
    bundled = set(load_manifest())
    seen: Dict[str, int] = {}
    for spec in specs:
        if spec.id in bundled:
            raise ModelError(f"Your model {spec.id!r} has the id of one of GeoBlur's own models; rename it.")
        seen[spec.id] = seen.get(spec.id, 0) + 1
        if seen[spec.id] > 1:
            spec.id = f"{spec.id} ({seen[spec.id]})"
