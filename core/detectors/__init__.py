"""One adapter per model family: each turns its model's tensors into :class:`Detection` s.

An adapter runs one forward pass over the image it is given (resizing or padding as its model
needs) and returns boxes in that image's pixels; tiling, scales and merging are the caller's
(:mod:`..tiling`), so every family gets them for free.
"""
from typing import Dict, Type

from ..errors import ModelError
from ..models import ModelSpec, session_for, verified_sha256
from .base import Adapter
from .centerface import CenterFace
from .dbnet import DBNet
from .nanodet import NanoDet
from .yolo import Yolo

FAMILIES: Dict[str, Type[Adapter]] = {
    CenterFace.family: CenterFace,
    NanoDet.family: NanoDet,
    DBNet.family: DBNet,
    Yolo.family: Yolo,
}


def make_adapter(spec: ModelSpec, device: str = "auto", threads: int = 0) -> Adapter:
    """The adapter of a model, with its (shared) session, its file checked against its manifest
    entry's sha256 and its tensors against its family."""
    try:
        family = FAMILIES[spec.family]
    except KeyError:
        raise ModelError(
            f"Model {spec.id!r} has unknown family {spec.family!r}; "
            f"known families: {', '.join(sorted(FAMILIES))}."
        ) from None
    digest = verified_sha256(spec)
    adapter = family(spec, session_for(spec, device, threads))
    adapter.check()
    adapter.sha256 = digest
    return adapter
