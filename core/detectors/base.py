"""What every model family's adapter provides."""
from typing import List, Optional, Sequence, Tuple

import numpy as np

from ..errors import ModelError
from ..models import InputSpec, ModelSpec, device_of, input_spec
from ..tiling import timed
from ..types import Detection


class Adapter:
    """A model family's decoding. Subclasses set ``family`` and implement :meth:`infer`.

    ``tile_size`` is the side of the square views the tiler cuts for this model (its native
    input size, or a size where it is fast and sharp); ``min_object`` and ``max_object`` are the
    object sizes in pixels it sees reliably, from which the tiler picks scales.

    ``input`` is how the model takes its image (:class:`..models.InputSpec`): from the model's
    manifest entry, else its ONNX metadata, else the family's :attr:`default_input`;
    :meth:`normalise` applies it.
    """

    family = ""
    tile_size = 640
    min_object = 10
    max_object = 400
    default_input = InputSpec()
    #: the model finds text, not objects: licence plates are searched among its text lines
    #: (:class:`..plates.PlateSearch`) rather than taken from it directly
    finds_text = False
    #: a :class:`..tiling.Stages` that records this model's forward passes (the benchmark's), or None
    stages = None

    def __init__(self, spec: ModelSpec, session):
        self.spec = spec
        self.session = session
        self.sha256 = ""  # of the file the session was made from, set once it is verified
        self.input = input_spec(spec, session.get_modelmeta().custom_metadata_map, self.default_input)
        self._table = value_table(self.input)

    @property
    def device(self) -> str:
        return device_of(self.session)

    def check(self) -> None:
        """Refuse a model whose inputs and outputs are not this family's (raise ModelError)."""

    def check_input_name(self, name: str) -> None:
        """Refuse a manifest entry whose input ``name`` is not the model's: it describes
        another file."""
        expected = self.spec.input.get("name")
        if expected is not None and expected != name:
            raise ModelError(f"Model {self.spec.id!r}: its manifest entry describes an input {expected!r}, "
                             f"but the model's input is {name!r}.")

    def input_size(self, declared: Sequence, default: Optional[Tuple[int, int]]) -> Tuple[int, int]:
        """(height, width) a resizing model is fed: each side the model declares when fixed (a
        different one in its input spec is refused), else its input spec's, else ``default``'s."""
        wanted = self.input.size or default or (None, None)
        sides = tuple(d if isinstance(d, int) else w for d, w in zip(declared, wanted))
        if self.input.size and sides != tuple(self.input.size):
            raise ModelError(f"Model {self.spec.id!r} takes {declared[0]} x {declared[1]} images (height x width), "
                             f"but its input spec says {self.input.size[0]} x {self.input.size[1]}.")
        return sides

    def normalise(self, rgb: np.ndarray, out: Optional[np.ndarray] = None) -> np.ndarray:
        """An RGB uint8 image (H, W, 3) as the model's float32 values, planar (3, H, W) as its
        tensor holds them, in its colour order, written into ``out`` when given (a tensor's
        region). Each channel's values are looked up in :func:`value_table`'s table, bit for
        bit what the arithmetic gives and three times faster, straight into their plane: an
        interleaved copy transposed into the tensor took twice as long (a panorama with all
        four classes feeds ~570 views and tiles, 28 MP for faces alone)."""
        pixels = rgb[..., ::-1] if self.input.color == "BGR" else rgb
        if out is None:
            out = np.empty((3,) + pixels.shape[:2], dtype=np.float32)
        for channel in range(3):
            out[channel] = self._table[channel][pixels[..., channel]]
        return out

    def padded(self, rgb: np.ndarray) -> np.ndarray:
        """The (1, 3, H', W') input of a fully convolutional model: the normalised image, its
        sides padded right and bottom with zeros to multiples of the input's ``size_multiple``."""
        height, width = rgb.shape[:2]
        multiple = self.input.size_multiple
        tensor = np.zeros((1, 3, -(-height // multiple) * multiple, -(-width // multiple) * multiple), dtype=np.float32)
        self.normalise(rgb, tensor[0, :, :height, :width])
        return tensor

    def run(self, feeds: dict) -> list:
        """The session's outputs for ``feeds`` (one NCHW image tensor), its forward pass recorded
        in :attr:`stages` when there is one (calls, images in the batch, pixels, seconds)."""
        if self.stages is None:
            return self.session.run(None, feeds)
        (tensor,) = feeds.values()
        batch, _, height, width = tensor.shape
        with timed(self.stages, f"{self.spec.id}: forward passes", 1, batch, batch * height * width):
            return self.session.run(None, feeds)

    def infer(self, rgb: np.ndarray, min_score: float) -> List[Detection]:
        """Detections in one RGB uint8 image (H, W, 3), in its pixels, scored ≥ ``min_score``."""
        raise NotImplementedError

    def placed(self, detections: List[Detection], width: int, height: int) -> List[Detection]:
        """What this model found in a panorama's ``width`` × ``height`` view, its boxes given the
        room the model's placement error needs (a family that knows its error says how much);
        here as they are."""
        return detections

    def infer_floors(self, rgb: np.ndarray, floors: Sequence[float]) -> List[List[Detection]]:
        """What :meth:`infer` finds at each of several score floors. Here one forward pass per
        floor; a family whose decoding can cut one pass's findings at each floor exactly
        overrides this to run the model once."""
        return [self.infer(rgb, floor) for floor in floors]


def value_table(spec: InputSpec) -> np.ndarray:
    """(3, 256) float32: what each uint8 value becomes in each of the model's channels (its
    colour order): times its scale (1/255 as a division by 255), minus its mean, over its std."""
    values = np.repeat(np.arange(256, dtype=np.float32)[None, :], 3, axis=0)
    if spec.scale != 1.0:
        values = values / np.float32(1.0 / spec.scale)
    if spec.mean != (0.0, 0.0, 0.0) or spec.std != (1.0, 1.0, 1.0):
        mean, std = np.array(spec.mean, dtype=np.float32), np.array(spec.std, dtype=np.float32)
        values = (values - mean[:, None]) / std[:, None]
    return values
