"""Licence plates: text that looks like a plate, on a vehicle or anywhere, obscured whole."""
import os

import cv2
import numpy as np
import pytest

from geoblur.core import obscure, plates
from geoblur.core.detectors.dbnet import line_shape
from geoblur.core.pipeline import Anonymizer, Settings
from geoblur.core.types import Detection

DATA = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data")


def text(box, aspect=4.0, angle=0.0, share=1.0, score=0.9):
    return Detection("license_plate", score, box, "ppocrv4-det",
                     extra={"aspect": aspect, "angle": angle, "line_share": share})


def test_plate_line_shape_rules():
    assert plates.is_plate_line(text((0, 0, 80, 20)), plates.STRICT)
    assert not plates.is_plate_line(text((0, 0, 20, 20), aspect=1.0), plates.STRICT)  # a logo
    assert not plates.is_plate_line(text((0, 0, 80, 20), angle=40), plates.STRICT)  # a slanted sign
    assert not plates.is_plate_line(text((0, 0, 24, 6)), plates.STRICT)  # too small to tell
    assert not plates.is_plate_line(text((0, 0, 80, 20), score=0.6), plates.STRICT)
    # on a vehicle, shorter lines, small ones (in an enlarged cut-out) and weaker text count
    assert plates.is_plate_line(text((0, 0, 40, 20), aspect=2.0, score=0.6), plates.ON_VEHICLE)
    assert plates.is_plate_line(text((0, 0, 96, 24)), plates.ON_VEHICLE, scale=4.0)
    assert not plates.is_plate_line(text((0, 0, 48, 12)), plates.ON_VEHICLE, scale=4.0)


def test_plate_sits_low_on_its_vehicle():
    car = (100, 100, 300, 260)
    assert plates.on_vehicle((170, 200, 230, 215), car)
    assert not plates.on_vehicle((170, 105, 230, 120), car)  # roof sign
    assert not plates.on_vehicle((400, 200, 460, 215), car)  # beside it
    assert not plates.on_vehicle((100, 200, 280, 215), car)  # wider than a plate: a lettered van


def test_plate_box_reaches_past_the_characters_and_stays_in_the_image():
    assert plates.plate_box((100, 100, 200, 120), 1000, 1000) == (90, 90, 210, 126)
    assert plates.plate_box((0, 2, 100, 22), 105, 1000) == (0, 0, 105, 28)


class WhiteBoxes:
    """A text detector that reads every white rectangle as a text line."""

    tile_size, min_object, max_object = 960, 8, 320

    def __init__(self):
        self.sizes = []

    def infer(self, rgb, min_score):
        self.sizes.append(rgb.shape[:2])
        mask = (rgb.min(axis=2) > 240).astype(np.uint8)
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        found = []
        for contour in contours:
            x, y, w, h = cv2.boundingRect(contour)
            rect = ((x + w / 2, y + h / 2), (w, h), 0.0)
            found.append(Detection("license_plate", 0.9, (x, y, x + w, y + h), "white", extra=line_shape(rect, h)))
        return found


def test_small_plate_is_found_on_its_vehicle_and_a_sign_is_not():
    image = np.zeros((400, 600, 3), np.uint8)
    image[300:305, 130:150] = 255  # a plate of 20 x 5 px: too small to be taken anywhere
    image[20:30, 400:520] = 255  # a street name of 120 x 10 px, away from any vehicle
    image[200:260, 450:510] = 255  # a square logo
    detector = WhiteBoxes()
    found = plates.find_plates(detector, image, [(100, 250, 180, 320)], 0.5)
    assert [d.extra["via"] for d in found] == ["vehicle"]
    assert found[0].box == pytest.approx(plates.plate_box((130, 300, 150, 305), 600, 400), abs=1.5)
    # the vehicle (80 px wide) was cut out and enlarged as far as allowed for the text model
    assert detector.sizes[0][1] >= 80 * plates.MAX_UPSCALE


def test_plate_shaped_text_counts_without_a_vehicle():
    image = np.zeros((400, 600, 3), np.uint8)
    image[200:220, 100:180] = 255
    (found,) = plates.find_plates(WhiteBoxes(), image, [], 0.5)
    assert found.extra["via"] == "image" and found.model == "white"


def rendered_plate():
    """The car of OpenCV's licenseplate_motion.jpg with a crisp plate drawn over its blurred one;
    returns the image (RGB) and the plate's box."""
    rgb = np.ascontiguousarray(cv2.imread(os.path.join(DATA, "licenseplate_motion.jpg"))[..., ::-1])
    x0, y0, x1, y1 = 226, 228, 356, 286
    cv2.rectangle(rgb, (x0, y0), (x1, y1), (250, 250, 250), -1)
    cv2.rectangle(rgb, (x0, y0), (x1, y1), (30, 30, 30), 2)
    cv2.putText(rgb, "7KLM042", (x0 + 8, y1 - 16), cv2.FONT_HERSHEY_SIMPLEX, 0.95, (20, 20, 20), 2, cv2.LINE_AA)
    return rgb, (x0, y0, x1, y1)


def test_rendered_plate_on_a_car_photo_is_found_and_obscured():
    rgb, (x0, y0, x1, y1) = rendered_plate()
    anonymizer = Anonymizer(Settings(classes=("license_plate",), device="cpu"))
    found = anonymizer.detect(rgb)
    assert found and {d.cls for d in found} == {"license_plate"} and {d.model for d in found} == {"ppocrv4-det"}
    mask = obscure.coverage_mask(rgb.shape[0], rgb.shape[1], found, 1.3)
    assert mask[y0:y1, x0:x1].all()
    out = obscure.apply(rgb[..., ::-1].copy(), found, obscure.Style("fill", 1.3))
    assert (out[y0:y1, x0:x1] == 0).all()


class Vehicles:
    """A vehicle model that reports the given boxes, and notes the scores it is asked for
    (its sizes make the test images one view at full scale)."""

    tile_size, min_object, max_object = 1000, 32, 1000

    def __init__(self, boxes=()):
        self.boxes, self.asked = list(boxes), []

    def infer(self, rgb, min_score):
        self.asked.append(min_score)
        return [Detection("vehicle", 0.3, box, "cars") for box in self.boxes]


def test_the_plate_search_runs_its_vehicle_model_at_the_context_score():
    image = np.zeros((400, 600, 3), np.uint8)
    image[300:305, 130:150] = 255  # a plate only the vehicle context finds
    vehicles = Vehicles([(100, 250, 180, 320)])
    found = plates.PlateSearch(WhiteBoxes(), vehicles).search(image, 0.5)
    assert [d.extra["via"] for d in found] == ["vehicle"]
    assert vehicles.asked and set(vehicles.asked) == {plates.CONTEXT_SCORE}


def test_the_plate_search_takes_the_vehicles_it_is_given():
    image = np.zeros((400, 600, 3), np.uint8)
    image[300:305, 130:150] = 255
    vehicles = Vehicles()
    found = plates.PlateSearch(WhiteBoxes(), vehicles).search(image, 0.5, vehicles=[(100, 250, 180, 320)])
    assert [d.extra["via"] for d in found] == ["vehicle"] and vehicles.asked == []


def test_a_plate_on_a_car_the_vehicle_model_misses_is_still_found():
    """Recall first: no vehicle context at all, and plate-shaped text is still a plate."""
    image = np.zeros((400, 600, 3), np.uint8)
    image[200:220, 100:180] = 255
    (found,) = plates.PlateSearch(WhiteBoxes(), Vehicles()).search(image, 0.5)
    assert found.extra["via"] == "image"


def _count_vehicle_passes(monkeypatch):
    from geoblur.core.detectors.nanodet import NanoDet

    calls = []
    real = NanoDet.candidates
    monkeypatch.setattr(NanoDet, "candidates", lambda self, rgb, score: calls.append(score) or real(self, rgb, score))
    return calls


def test_asked_for_vehicles_too_the_vehicle_model_runs_once_per_tile(monkeypatch):
    from geoblur.core import tiling

    rgb, _ = rendered_plate()
    anonymizer = Anonymizer(Settings(classes=("license_plate", "vehicle"), thresholds={"vehicle": 0.9}, device="cpu"))
    calls = _count_vehicle_passes(monkeypatch)
    found = anonymizer.detect(rgb)
    vehicles = anonymizer.plate_searches["ppocrv4-det"].vehicles
    assert len(calls) == sum(len(p.tiles) for p in tiling.plan_tiles(rgb.shape[1], rgb.shape[0], vehicles))
    # one pass served both: vehicles at the user's 0.9 (none here), the plates' context from 0.2
    assert set(calls) == {plates.CONTEXT_SCORE * 0.5}
    assert not [d for d in found if d.cls == "vehicle"]
    assert [d.extra["via"] for d in found if d.cls == "license_plate"] == ["vehicle"]


def test_plates_alone_run_the_vehicle_model_for_their_context_and_record_it(monkeypatch):
    rgb, _ = rendered_plate()
    anonymizer = Anonymizer(Settings(classes=("license_plate",), device="cpu"))
    calls = _count_vehicle_passes(monkeypatch)
    found = anonymizer.detect(rgb)
    assert calls and {d.cls for d in found} == {"license_plate"}
    context = anonymizer.record["models"][-1]
    assert (context["id"], context["context_for"], context["thresholds"]) == ("nanodet-m", "ppocrv4-det", {})
    assert context["sha256"] == anonymizer.plate_searches["ppocrv4-det"].vehicles.spec.sha256
