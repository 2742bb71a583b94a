"""Persons and vehicles: NanoDet-m finds them in real photos, and they come out obscured.

Photos: darknet's person.jpg (a person, a dog, a horse) and dog.jpg (a bicycle, a dog, a
truck); boxes below were read off the photos by hand.
"""
import os
from types import SimpleNamespace

import cv2
import numpy as np
import pytest

from geoblur.core import obscure
from geoblur.core.detectors.nanodet import STRIDES, NanoDet, _add_ride
from geoblur.core.errors import ModelError
from geoblur.core.models import ModelSpec
from geoblur.core.pipeline import Anonymizer, Settings
from geoblur.core.types import Detection

DATA = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data")
PERSON = (187, 98, 280, 380)  # the person in person.jpg
TRUCK = (463, 72, 694, 172)  # the pick-up truck in dog.jpg


def rgb_of(name):
    return np.ascontiguousarray(cv2.imread(os.path.join(DATA, name))[..., ::-1])


def coverage(detections, box, shape):
    mask = obscure.coverage_mask(shape[0], shape[1], detections, 1.3)
    x0, y0, x1, y1 = box
    return mask[y0:y1, x0:x1].mean()


@pytest.fixture(scope="module")
def anonymizer():
    return Anonymizer(Settings(classes=("person", "vehicle"), device="cpu"))


def test_person_is_found_and_obscured(anonymizer):
    rgb = rgb_of("person.jpg")
    found = anonymizer.detect(rgb)
    persons = [d for d in found if d.cls == "person"]
    assert coverage(persons, PERSON, rgb.shape) >= 0.9
    assert {d.model for d in persons} == {"nanodet-m"}
    out = obscure.apply(rgb[..., ::-1].copy(), found, obscure.Style("fill", 1.3))
    x0, y0, x1, y1 = PERSON
    assert (out[y0:y1, x0:x1] == 0).all(axis=2).mean() >= 0.9


def test_vehicle_is_found_and_obscured(anonymizer):
    rgb = rgb_of("dog.jpg")
    vehicles = [d for d in anonymizer.detect(rgb) if d.cls == "vehicle"]
    assert coverage(vehicles, TRUCK, rgb.shape) >= 0.9
    assert all(d.extra["label"] in ("car", "truck", "bus", "motorcycle") for d in vehicles)


@pytest.mark.parametrize("x, y", [(154, 253), (169, 340), (519, 291)])
def test_person_40_px_tall_is_found(anonymizer, x, y):
    """The tiles are small enough for a person 40 px tall, wherever the tiler puts it (416 px
    tiles, the model's own size, miss the person at each of these places)."""
    source = rgb_of("person.jpg")
    x0, y0, x1, y1 = PERSON
    person = cv2.resize(source[y0:y1, x0:x1], (13, 40), interpolation=cv2.INTER_AREA)
    canvas = np.ascontiguousarray(cv2.resize(source[150:, 300:], (640, 416)))  # grass, sky, a hill
    canvas[y:y + 40, x:x + 13] = person
    found = [d for d in anonymizer.detect(canvas) if d.cls == "person"]
    assert coverage(found, (x, y, x + 13, y + 40), canvas.shape) >= 0.9


def test_rider_is_obscured_with_the_bicycle():
    person = Detection("person", 0.8, (100, 50, 140, 160), "nanodet-m", extra={"label": "person"})
    bicycle = Detection("bicycle", 0.6, (80, 110, 170, 200), "nanodet-m", extra={"label": "bicycle"})
    parked = Detection("bicycle", 0.6, (300, 110, 390, 200), "nanodet-m", extra={"label": "bicycle"})
    _add_ride(person, [bicycle, parked])
    assert person.box == (80, 50, 170, 200) and person.extra["rides"] == "bicycle"


class Output:
    def __init__(self, name, shape):
        self.name, self.shape = name, shape


class FakeSession:
    """A NanoDet-shaped session whose outputs come in a scrambled order, as tf2onnx wrote them."""

    size = 64

    def __init__(self, bins=11, classes=80):
        self.outputs = []
        for stride in STRIDES[::-1]:
            cells = (self.size // stride) ** 2
            self.outputs += [Output(f"boxes{stride}", [1, cells, 4 * bins]), Output(f"scores{stride}", [1, cells, classes])]
        self.results = [np.zeros(o.shape, np.float32) for o in self.outputs]

    def get_inputs(self):
        return [Output("input_1:0", [1, 3, self.size, self.size])]

    def get_modelmeta(self):
        return SimpleNamespace(custom_metadata_map={})

    def get_outputs(self):
        return self.outputs

    def run(self, names, feed):
        return self.results

    def set(self, name, cell, values):
        self.results[[o.name for o in self.outputs].index(name)][0, cell] = values


def test_outputs_are_paired_by_shape_and_box_sides_decoded():
    session = FakeSession()
    # stride 16: cell 5 of the 4 x 4 grid is column 1, row 1, centre (24, 24)
    session.set("scores16", 5, np.eye(80)[2] * 0.9)  # a car
    sides = np.full((4, 11), -20.0)
    sides[[0, 1, 2, 3], [1, 1, 2, 0]] = 20.0  # left 1, top 1, right 2, bottom 0 strides
    session.set("boxes16", 5, sides.ravel())
    spec = ModelSpec("nanodet-m", "x.onnx", "nanodet", {"car": "vehicle"})
    adapter = NanoDet(spec, session)
    adapter.check()
    # a 128 x 64 view is shrunk to 64 x 32 and padded below, not squeezed: its boxes are twice
    # those in the model's input on both axes
    (found,) = adapter.infer(np.zeros((64, 128, 3), np.uint8), 0.3)
    assert found.cls == "vehicle" and found.score == pytest.approx(0.9)
    assert np.allclose(found.box, (16, 16, 112, 48))


def test_model_of_another_family_is_refused():
    session = FakeSession(classes=91)
    spec = ModelSpec("other", "x.onnx", "nanodet", {"person": "person"})
    with pytest.raises(ModelError, match="is not a NanoDet export"):
        NanoDet(spec, session).check()


@pytest.mark.parametrize("name", ["dog.jpg", "person.jpg"])
def test_one_pass_at_several_floors_finds_what_a_pass_at_each_finds(anonymizer, name):
    """The vehicle run that also gives the plate search its context: one forward pass per tile,
    and at each floor exactly the detections (boxes grown over their support too) of a pass at
    that floor alone."""
    from geoblur.core import tiling

    (adapter, _), = anonymizer.adapters
    rgb = rgb_of(name)
    floors = [0.4, 0.25, 0.2]

    def plain(detections):
        return [(d.cls, d.score, d.box, d.extra) for d in detections]

    for _, _, _, tile in tiling.iter_tiles(rgb, tiling.plan_tiles(rgb.shape[1], rgb.shape[0], adapter)):
        tile = np.ascontiguousarray(tile)
        assert [plain(f) for f in adapter.infer_floors(tile, floors)] == [plain(adapter.infer(tile, f)) for f in floors]
    together = tiling.detect_floors(adapter, rgb, floors)
    assert [plain(f) for f in together] == [plain(tiling.detect(adapter, rgb, f)) for f in floors]


def large_photo_with_a_person(height_px: int):
    """A 4000×3000 photo (person.jpg's field, enlarged) with its person ``height_px`` tall,
    and the person's box."""
    source = rgb_of("person.jpg")
    canvas = np.ascontiguousarray(cv2.resize(source[150:, 300:], (4000, 3000), interpolation=cv2.INTER_CUBIC))
    x0, y0, x1, y1 = PERSON
    width = round(height_px * (x1 - x0) / (y1 - y0))
    person = cv2.resize(source[y0:y1, x0:x1], (width, height_px), interpolation=cv2.INTER_AREA)
    x, y = 2100, 1500
    canvas[y:y + height_px, x:x + width] = person
    return canvas, (x, y, x + width, y + height_px)


def test_a_large_photo_is_searched_for_persons_at_a_1080p_frames_density(anonymizer, monkeypatch):
    """A person as tall in a 4000×3000 photo as the smallest a 1080p frame shows reliably
    (NanoDet's 32 px there, 67 px here; this one 100 px) is found, in the tiles of the photo
    shrunk to a 1920 px long side rather than at its own density."""
    from geoblur.core import tiling

    rgb, box = large_photo_with_a_person(100)
    calls = []
    real = NanoDet.candidates
    monkeypatch.setattr(NanoDet, "candidates", lambda self, image, score: calls.append(image.shape) or real(self, image, score))
    found = [d for d in anonymizer.detect(rgb) if d.cls == "person"]
    assert coverage(found, box, rgb.shape) >= 0.9
    adapter = anonymizer.adapters[0][0]
    scale = tiling.reference_scale(rgb.shape)
    assert scale == 0.48
    shrunk = tiling.plan_tiles(4000, 3000, adapter, finest=scale)
    assert shrunk[0].scale == scale
    assert len(calls) == sum(len(p.tiles) for p in shrunk) < sum(len(p.tiles) for p in tiling.plan_tiles(4000, 3000, adapter))


def test_faces_in_a_large_photo_are_searched_at_its_own_density(monkeypatch):
    from geoblur.core import tiling

    finest = {}
    real = tiling.plan_tiles

    def plan_tiles(*args, **kwargs):
        passes = real(*args, **kwargs)
        finest.setdefault(args[2].family, passes[0].scale)
        return passes

    monkeypatch.setattr(tiling, "plan_tiles", plan_tiles)
    rgb, _ = large_photo_with_a_person(100)
    Anonymizer(Settings(classes=("face", "person"), device="cpu")).detect(rgb)
    assert finest == {"centerface": 1.0, "nanodet": 0.48}
