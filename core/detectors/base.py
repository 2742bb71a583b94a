"""What every model family's adapter provides."""
from typing import List

import numpy as np

from ..models import ModelSpec, device_of
from ..types import Detection


class Adapter:
    """A model family's decoding. Subclasses set ``family`` and implement :meth:`infer`.

    ``tile_size`` is the side of the square views the tiler cuts for this model (its native
    input size, or a size where it is fast and sharp); ``min_object`` and ``max_object`` are the
    object sizes in pixels it sees reliably, from which the tiler picks scales.
    """

    family = ""
    tile_size = 640
    min_object = 10
    max_object = 400

    def __init__(self, spec: ModelSpec, session):
        self.spec = spec
        self.session = session
        self.sha256 = ""  # of the file the session was made from, set once it is verified

    @property
    def device(self) -> str:
        return device_of(self.session)

    def check(self) -> None:
        """Refuse a model whose inputs and outputs are not this family's (raise ModelError)."""

    def infer(self, rgb: np.ndarray, min_score: float) -> List[Detection]:
        """Detections in one RGB uint8 image (H, W, 3), in its pixels, scored ≥ ``min_score``."""
        raise NotImplementedError
