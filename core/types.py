"""Plain data passed between the engine's stages.

Kept in one small module so detectors, the pipeline, footprints and the QGIS adapters agree on
one vocabulary without importing each other.
"""
from dataclasses import dataclass, field
from typing import Optional, Tuple

import numpy as np

#: GeoBlur's four classes, in the order the CLASSES parameter lists them.
CLASSES = ("face", "person", "license_plate", "vehicle")
#: how a detection is obscured (:mod:`core.obscure`), in the order the METHOD parameter lists them
METHODS = ("blur", "pixelate", "fill")
#: what an image is taken for, in the order the IMAGE_TYPE parameter lists them; "auto" decides
#: per image (GPano XMP, or a 2:1 image whose edges meet)
IMAGE_TYPES = ("auto", "planar", "equirectangular")


@dataclass
class Detection:
    """One object found in an image, in pixel coordinates of the upright image.

    ``polygon`` is the object's outline where it is not its box (a face ellipse bent by a
    panorama's projection, a person's segmentation outline): an (N, 2) float array of x, y.
    """

    cls: str
    score: float
    box: Tuple[float, float, float, float]  # x_min, y_min, x_max, y_max
    model: str
    polygon: Optional[np.ndarray] = None
    extra: dict = field(default_factory=dict)

    @property
    def width(self) -> float:
        return self.box[2] - self.box[0]

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]


@dataclass
class ImageJob:
    """One image to anonymize: where it is, where its copy goes, and what is known of the camera."""

    job_id: object
    source: str
    destination: str
    heading: Optional[float] = None  # degrees clockwise from north, None when unknown
    image_type: str = "auto"  # auto, planar, equirectangular


@dataclass
class ImageResult:
    """What happened to one image: the status the user sees, and the detections behind it."""

    job_id: object
    source: str
    status: str  # anonymized, failed, skipped
    output_path: Optional[str] = None
    error: str = ""
    detections: list = field(default_factory=list)
    width: int = 0
    height: int = 0
    projection: str = "planar"
    heading: Optional[float] = None
    horizontal_fov: Optional[float] = None
    device: str = ""
    notes: list = field(default_factory=list)  # what the user must know though it did not fail
