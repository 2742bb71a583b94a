"""Licence plates from text regions: which text is a plate, and where the plate around it is.

No permissively licensed plate detector can be had, so plates are found as what they show: a
line of large characters (PP-OCRv4's text detector, :mod:`.detectors.dbnet`).
:class:`PlateSearch` is that search, a strategy over two adapters (a text model and a vehicle
model) that the pipeline runs for a text model instead of tiling it. Two searches:

- on every vehicle: the vehicle is cut out and scaled so its plate's characters are large for
  the text model, and text that is shaped like a plate line and sits where plates sit (inside
  the vehicle, not in its top quarter, narrower than :data:`MAX_WIDTH_ON_VEHICLE` of it) is a
  plate. This finds small plates on distant cars that the whole image is too coarse for;
- over the whole image: text shaped strictly like a plate line (:data:`STRICT`) is a plate even
  with no vehicle around it, for cars the vehicle model missed (close-ups where the car fills
  the frame, parked cars half hidden).

On a panorama (:meth:`PlateSearch.search_panorama`) the same two searches run in perspective
views: each vehicle that the vehicle model's own views found (:data:`CONTEXT_CLASS`) in a view
aimed at it (:mod:`.panorama.aim`) that shows it as a photo's cut-out does, and the strict search
in a few views at a third of the density (:data:`TEXT_PASSES`): a plate that no vehicle was found
around is, recall first, still looked for, and a plate too small for those views is on a car far
enough away for the vehicle model to see it whole.

A plate's box is its text line grown to the plate's edges (:func:`plate_box`): the characters
of a plate fill most of its width but not its height (a city line, a country band), and a
plate must be obscured so that no character survives.
"""
from dataclasses import dataclass
from typing import Callable, List, Optional, Sequence, Tuple

import cv2
import numpy as np

from . import panorama, tiling
from .boxes import nms_detections
from .detectors.base import Adapter
from .errors import Canceled
from .panorama import aim, mapping, render
from .panorama.views import ViewPass
from .tiling import timed
from .types import Detection

Box = Tuple[float, float, float, float]


@dataclass(frozen=True)
class Shape:
    """What a text line must look like to be taken for a plate's line of characters."""

    min_aspect: float  # long side / short side of the text line's rotated rectangle
    max_aspect: float
    max_angle: float  # degrees from horizontal
    min_height: float  # pixels of the line's short side, in the image searched
    min_score: float  # on top of the user's threshold


#: on a vehicle, where the position already says "plate": any short horizontal line
ON_VEHICLE = Shape(min_aspect=1.5, max_aspect=10.0, max_angle=30.0, min_height=4.0, min_score=0.0)
#: anywhere: a single line of 4 to 10 characters, level, clearly text
STRICT = Shape(min_aspect=2.2, max_aspect=8.0, max_angle=15.0, min_height=8.0, min_score=0.7)

#: the vehicle is cut out with this margin (share of its size) and scaled to this width
VEHICLE_MARGIN = 0.1
VEHICLE_WIDTH = 480
MAX_UPSCALE = 4.0
#: vehicles narrower than this (pixels) carry no legible plate (it would be ~10 px wide)
MIN_VEHICLE_WIDTH = 40
#: a plate is narrower than this share of its vehicle's box, and not in its top quarter
MAX_WIDTH_ON_VEHICLE = 0.6
TOP_OF_VEHICLE = 0.25
#: the plate around a text line, in shares of the line's box: sides, above (a city or state
#: line, a band), below
PLATE_MARGIN = (0.1, 0.5, 0.3)
#: the vehicle score from which a vehicle gives plates their context (whatever the user's
#: vehicle threshold): a wrong vehicle only lets text in its lower part be judged by the
#: plate-on-vehicle rules, and the vehicle model is unsure of cars seen close, from behind,
#: filling the frame
CONTEXT_SCORE = 0.2
#: on a panorama, a vehicle with this share of its box inside a wider one is read in its view
#: (:func:`nested_groups`)
NESTED = 0.7
#: the class under which the pipeline carries a panorama's vehicles from CONTEXT_SCORE through
#: the views' merge to the plate search, apart from the vehicles it obscures
CONTEXT_CLASS = "plate context"
#: on a panorama, plates with no vehicle around them are searched in these views, at a third of
#: an 8192 px panorama's density over the band where plates are seen from a car (a plate whose
#: characters are under 8 px there, at 55 px wide in the view, must be on a vehicle the vehicle
#: model sees), the margin holding a plate up to 20° across whole in one view
TEXT_PASSES: Tuple[ViewPass, ...] = (
    ViewPass(density=0.33, lat_min=-65.0, lat_max=35.0, margin=10.0, reference_width=8192),
)


def is_plate_line(text: Detection, shape: Shape, scale: float = 1.0) -> bool:
    """Whether a text region (with ``extra`` from :meth:`DBNet.infer`) looks like a plate's
    characters; ``scale`` is how much the searched image was enlarged."""
    aspect, angle = text.extra["aspect"], text.extra["angle"]
    height = text.extra["line_share"] * (text.box[3] - text.box[1])
    return (
        shape.min_aspect <= aspect <= shape.max_aspect
        and angle <= shape.max_angle
        and height / scale >= shape.min_height
        and text.score >= shape.min_score
    )


def on_vehicle(box: Box, vehicle: Box) -> bool:
    """Whether a text box sits where a plate sits on a vehicle."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    vx0, vy0, vx1, vy1 = vehicle
    return (
        vx0 <= cx <= vx1
        and vy0 + TOP_OF_VEHICLE * (vy1 - vy0) <= cy <= vy1
        and box[2] - box[0] <= MAX_WIDTH_ON_VEHICLE * (vx1 - vx0)
    )


def plate_box(text_box: Box, width: int, height: int) -> Box:
    """The plate around a line of its characters, clipped to the image."""
    x0, y0, x1, y1 = text_box
    side, above, below = PLATE_MARGIN
    w, h = x1 - x0, y1 - y0
    return (max(0.0, x0 - side * w), max(0.0, y0 - above * h), min(float(width), x1 + side * w),
            min(float(height), y1 + below * h))


def _as_plate(text: Detection, box: Box, width: int, height: int, via: str) -> Detection:
    extra = {"text_box": box, "via": via}
    return Detection(text.cls, text.score, plate_box(box, width, height), text.model, extra=extra)


def cutout(rgb: np.ndarray, vehicle: Box) -> Tuple[np.ndarray, float, Tuple[int, int]]:
    """A vehicle cut out of an image with :data:`VEHICLE_MARGIN` and scaled to
    :data:`VEHICLE_WIDTH` (enlarged at most :data:`MAX_UPSCALE` times): (the cut-out, its scale,
    its top left corner in the image)."""
    height, width = rgb.shape[:2]
    vw, vh = vehicle[2] - vehicle[0], vehicle[3] - vehicle[1]
    x0 = int(max(0, vehicle[0] - VEHICLE_MARGIN * vw))
    y0 = int(max(0, vehicle[1] - VEHICLE_MARGIN * vh))
    x1 = int(min(width, vehicle[2] + VEHICLE_MARGIN * vw + 1))
    y1 = int(min(height, vehicle[3] + VEHICLE_MARGIN * vh + 1))
    scale = min(MAX_UPSCALE, VEHICLE_WIDTH / (x1 - x0))
    crop = cv2.resize(rgb[y0:y1, x0:x1], (max(1, round((x1 - x0) * scale)), max(1, round((y1 - y0) * scale))),
                      interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC)
    return crop, scale, (x0, y0)


def plate_lines_on(text_adapter, image: np.ndarray, vehicles: Sequence[Box], scale: float,
                   min_score: float) -> List[Detection]:
    """The text lines in ``image`` (vehicles seen ``scale`` times their size in the image
    searched, their boxes ``vehicles`` in ``image``'s pixels) that are where and as a plate on
    one of them is."""
    return [t for t in _texts(text_adapter, image, min_score)
            if is_plate_line(t, ON_VEHICLE, scale) and any(on_vehicle(t.box, v) for v in vehicles)]


def plates_on_vehicles(text_adapter, rgb: np.ndarray, vehicles: Sequence[Box], min_score: float,
                       is_canceled: Callable[[], bool]) -> List[Detection]:
    """Plates found by searching each vehicle, cut out and scaled (:func:`cutout`)."""
    height, width = rgb.shape[:2]
    found = []
    for vehicle in vehicles:
        if vehicle[2] - vehicle[0] < MIN_VEHICLE_WIDTH:
            continue
        if is_canceled():
            raise Canceled("Canceled.")
        crop, scale, (x0, y0) = cutout(rgb, vehicle)
        in_crop = ((vehicle[0] - x0) * scale, (vehicle[1] - y0) * scale, (vehicle[2] - x0) * scale,
                   (vehicle[3] - y0) * scale)
        for line in plate_lines_on(text_adapter, crop, [in_crop], scale, min_score):
            box = (line.box[0] / scale + x0, line.box[1] / scale + y0, line.box[2] / scale + x0,
                   line.box[3] / scale + y0)
            found.append(_as_plate(line, box, width, height, "vehicle"))
    return found


def plates_anywhere(text_adapter, rgb: np.ndarray, min_score: float,
                    is_canceled: Callable[[], bool]) -> List[Detection]:
    """Plates found as strictly plate-shaped text over the whole image, at its own density or a
    1080p frame's, whichever is coarser (:func:`.tiling.reference_scale`: a plate whose
    characters are too small there is on a vehicle large enough for the vehicle model)."""
    return _strict(tiling.detect(text_adapter, rgb, min_score, is_canceled=is_canceled,
                                 finest=tiling.reference_scale(rgb.shape)), rgb.shape)


def plates_in_view(text_adapter, view: np.ndarray, min_score: float) -> List[Detection]:
    """Plates found as strictly plate-shaped text in a panorama's view, taken whole by the text
    model (a plate's line in a view of :data:`TEXT_PASSES` is far under its largest text)."""
    return _strict(_texts(text_adapter, view, min_score), view.shape)


def _texts(text_adapter, image: np.ndarray, min_score: float) -> List[Detection]:
    """The text model's lines in ``image`` taken whole, its call timed when it records stages."""
    stages = getattr(text_adapter, "stages", None)
    with timed(stages, stages and f"{text_adapter.spec.id}: calls, pre- and post-processing included"):
        return text_adapter.infer(image, min_score)


def _strict(texts: Sequence[Detection], shape) -> List[Detection]:
    height, width = shape[:2]
    return [_as_plate(t, t.box, width, height, "image") for t in texts if is_plate_line(t, STRICT)]


def find_plates(text_adapter, rgb: np.ndarray, vehicles: Sequence[Box], min_score: float,
                is_canceled: Callable[[], bool] = lambda: False) -> List[Detection]:
    """Every licence plate in an RGB image, given the vehicles in it, merged."""
    found = plates_on_vehicles(text_adapter, rgb, vehicles, min_score, is_canceled)
    found += plates_anywhere(text_adapter, rgb, min_score, is_canceled)
    return nms_detections(found)


def plates_on_panorama_vehicles(text_adapter, rgb: np.ndarray, geometry: panorama.Geometry,
                                vehicles: Sequence[Detection], min_score: float,
                                is_canceled: Callable[[], bool], stages: Optional[tiling.Stages] = None
                                ) -> List[Detection]:
    """Plates found on each vehicle of a panorama (a detection in its pixels, with its outline),
    in a view aimed at it that shows it as :func:`cutout` shows a photo's vehicle, the vehicles
    nested in it (:func:`nested_groups`) read in the same view; in the panorama's pixels, with
    their outlines."""
    found = []
    for group in nested_groups([v for v in vehicles if not v.extra.get("pole")]):
        view = aim.around(geometry, group[0].polygon, VEHICLE_MARGIN, VEHICLE_WIDTH, MAX_UPSCALE)
        if view is None:
            continue
        boxes = [b for b in (aim.box_in(geometry, view, v.polygon) for v in group)
                 if b is not None and (b[2] - b[0]) / view.density >= MIN_VEHICLE_WIDTH]
        if not boxes:
            continue
        if is_canceled():
            raise Canceled("Canceled.")
        with timed(stages, "panorama: rendering views", tiles=1, pixels=view.width * view.height):
            image = render.render(rgb, geometry, view, planned=False)
        if image is None:
            continue
        for line in plate_lines_on(text_adapter, image, boxes, view.density, min_score):
            plate = _as_plate(line, line.box, view.width, view.height, "vehicle")
            found.append(mapping.to_panorama(plate, view, geometry))
    return found


def nested_groups(vehicles: Sequence[Detection]) -> List[List[Detection]]:
    """The vehicles in groups, each read in one view, its widest first: from the context score
    on, the vehicle model finds several boxes on one car (the car, its back, its front), each of
    which would cost a view. A vehicle joins the first wider one that holds :data:`NESTED` of its
    box and is at most twice as wide, whose view shows it at least half as large as its own."""
    groups: List[List[Detection]] = []
    for vehicle in sorted(vehicles, key=lambda d: -d.width):
        home = next((g for g in groups if _nested(vehicle.box, g[0].box)), None)
        if home is None:
            groups.append([vehicle])
        else:
            home.append(vehicle)
    return groups


def _nested(box: Box, outer: Box) -> bool:
    overlap = max(0.0, min(box[2], outer[2]) - max(box[0], outer[0])) * \
        max(0.0, min(box[3], outer[3]) - max(box[1], outer[1]))
    return (box[2] - box[0]) * 2 >= outer[2] - outer[0] and overlap >= NESTED * (box[2] - box[0]) * (box[3] - box[1])


class PlateSearch:
    """The search for licence plates in a whole image: the text model's lines judged as plates
    (:func:`find_plates`), on the vehicles of the vehicle model and anywhere.

    The pipeline builds it when licence plates are asked for and their model finds text
    (:attr:`.detectors.base.Adapter.finds_text`), and runs it instead of tiling that model. The
    pipeline runs the vehicle model for the plates' context with the other models (whether or
    not vehicles are asked for) and hands over its vehicles scored from :data:`CONTEXT_SCORE`:
    a photo's from its run over the whole photo, a panorama's from its views, mapped back and
    merged (:meth:`search_panorama`). Without them, the search runs the vehicle model itself
    (:meth:`find_vehicles`), so a plate keeps its context whatever else is asked for.
    """

    def __init__(self, text: Adapter, vehicles: Adapter):
        self.text = text
        self.vehicles = vehicles

    def find_vehicles(self, rgb: np.ndarray, is_canceled: Callable[[], bool]) -> List[Box]:
        """The vehicles that may carry a legible plate, by the vehicle model alone (scored from
        :data:`CONTEXT_SCORE`, tiled for vehicles at least :data:`MIN_VEHICLE_WIDTH` wide)."""
        return context_boxes(tiling.detect(_LargeOnly(self.vehicles), rgb, CONTEXT_SCORE, is_canceled=is_canceled,
                                           finest=object_scale(self.vehicles, rgb.shape)))

    def search(self, rgb: np.ndarray, min_score: float, is_canceled: Callable[[], bool] = lambda: False,
               vehicles: Optional[Sequence[Box]] = None) -> List[Detection]:
        """Every licence plate in an RGB image scored ≥ ``min_score``, given the vehicles in it
        when the caller has them (:func:`context_boxes`), else found here."""
        if vehicles is None:
            vehicles = self.find_vehicles(rgb, is_canceled)
        return find_plates(self.text, rgb, vehicles, min_score, is_canceled)

    def search_panorama(self, rgb: np.ndarray, geometry: panorama.Geometry, vehicles: Sequence[Detection],
                        min_score: float, is_canceled: Callable[[], bool] = lambda: False,
                        stages: Optional[tiling.Stages] = None) -> List[Detection]:
        """Every licence plate in an equirectangular panorama scored ≥ ``min_score``, as
        :func:`.panorama.detect` returns objects: on each of ``vehicles`` (the vehicle model's,
        from :data:`CONTEXT_SCORE`, in the panorama's pixels) in a view aimed at it, and
        anywhere, strictly plate-shaped, in the views of :data:`TEXT_PASSES`; merged."""
        found = plates_on_panorama_vehicles(self.text, rgb, geometry, vehicles, min_score, is_canceled, stages)
        found += panorama.detect(rgb, geometry, lambda view, smallest, largest, key: plates_in_view(
            self.text, view, min_score), is_canceled, {"text": TEXT_PASSES}, stages)
        return panorama.merge.merge(found, geometry)


def object_scale(adapter: Adapter, shape) -> Optional[float]:
    """The finest scale a photo of ``shape`` is searched at for persons and vehicles by
    ``adapter``: the 1080p frame's density (:func:`.tiling.reference_scale`) for a model of
    the families planned by their objects' sizes (:data:`.panorama.views.PASSES_BY_FAMILY`),
    else its own (None)."""
    if getattr(adapter, "family", "") not in panorama.views.PASSES_BY_FAMILY:
        return None
    scale = tiling.reference_scale(shape)
    return scale if scale < 1.0 else None


def context_boxes(found: Sequence[Detection]) -> List[Box]:
    """The boxes of the vehicles among a vehicle model's detections."""
    return [d.box for d in found if d.cls == "vehicle"]


class _LargeOnly:
    """A vehicle adapter tiled for the vehicles that can carry a legible plate, at least
    :data:`MIN_VEHICLE_WIDTH` pixels wide: larger tiles, so fewer of them, than the adapter
    needs for the smallest vehicles."""

    def __init__(self, adapter: Adapter):
        self.infer = adapter.infer
        self.spec = getattr(adapter, "spec", None)
        self._adapter = adapter
        self.min_object = max(adapter.min_object, MIN_VEHICLE_WIDTH)
        scale = self.min_object / adapter.min_object
        self.tile_size = int(adapter.tile_size * scale)
        self.max_object = int(adapter.max_object * scale)

    @property
    def stages(self):
        return getattr(self._adapter, "stages", None)
