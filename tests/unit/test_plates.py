"""Licence plates: text that looks like a plate, on a vehicle or anywhere, obscured whole."""
import math
import os

import cv2
import numpy as np
import pytest

from geoblur.core import obscure, plates, tiling
from geoblur.core.detectors.dbnet import line_shape
from geoblur.core.detectors.nanodet import NanoDet
from geoblur.core.panorama import aim, views
from geoblur.core.panorama.sphere import Geometry
from geoblur.core.pipeline import Anonymizer, Settings
from geoblur.core.types import Detection
from geoblur.tests import panoramas

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


# Panoramas: plates on the vehicles the object views found, in views aimed at each, and, for
# cars the vehicle model missed, plate-shaped text in low-density views (plates.TEXT_PASSES).

PANO = Geometry.full(4096, 2048)


def _pano_box(lon, lat, width, height):
    """A box of ``width`` × ``height`` panorama pixels centred at (lon, lat) degrees, near the
    horizon where the equirectangular image is undistorted enough to draw it as a rectangle."""
    x, y = PANO.to_pixel(math.radians(lon), math.radians(lat))
    return int(x - width / 2), int(y - height / 2), int(x + width / 2), int(y + height / 2)


def _panorama_vehicle(box):
    polygon = np.array([[box[0], box[1]], [box[2], box[1]], [box[2], box[3]], [box[0], box[3]]], float)
    return Detection(plates.CONTEXT_CLASS, 0.3, tuple(map(float, box)), "cars", polygon, {"pole": None})


def _covered(found, box):
    mask = obscure.coverage_mask(PANO.height, PANO.width, found, 1.0, wrap=True)
    return mask[box[1]:box[3], box[0]:box[2]].mean()


def test_a_view_aimed_at_an_outline_shows_it_centred_at_the_vehicle_cut_out_width():
    x0, y0, x1, y1 = _pano_box(40.0, -10.0, 200, 120)
    polygon = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], float)
    view = aim.around(PANO, polygon, plates.VEHICLE_MARGIN, plates.VEHICLE_WIDTH, plates.MAX_UPSCALE)
    box = aim.box_in(PANO, view, polygon)
    assert view.width == pytest.approx(plates.VEHICLE_WIDTH, abs=1)
    assert (box[2] - box[0]) * (1 + 2 * plates.VEHICLE_MARGIN) == pytest.approx(view.width, rel=0.03)
    assert (box[0] + box[2]) / 2 == pytest.approx(view.width / 2, abs=3)
    assert view.density == pytest.approx(plates.VEHICLE_WIDTH / 1.2 / 200, rel=0.03)
    # a small vehicle is enlarged no more than a photo's
    view = aim.around(PANO, polygon / 16, plates.VEHICLE_MARGIN, plates.VEHICLE_WIDTH, plates.MAX_UPSCALE)
    assert view.density == pytest.approx(plates.MAX_UPSCALE)


def test_a_plate_next_to_a_detected_vehicle_on_a_panorama_is_found():
    rgb = np.zeros((PANO.height, PANO.width, 3), np.uint8)
    plate = _pano_box(60.0, -8.0, 18, 5)  # too small to be taken for a plate anywhere
    rgb[plate[1]:plate[3], plate[0]:plate[2]] = 255
    car = _pano_box(60.0, -7.0, 70, 40)
    search = plates.PlateSearch(WhiteBoxes(), Vehicles())
    found = search.search_panorama(rgb, PANO, [_panorama_vehicle(car)], 0.5)
    assert [d.extra["via"] for d in found] == ["vehicle"]
    assert _covered(found, plate) == 1.0 and found[0].polygon is not None
    assert not search.search_panorama(rgb, PANO, [], 0.5)  # the vehicle's view found it


def test_boxes_nested_in_a_wider_vehicle_are_read_in_its_view():
    car, back, far, neighbour = (_panorama_vehicle((b[0] + 1000, b[1] + 1050, b[2] + 1000, b[3] + 1050)) for b in [
        (100, 100, 300, 200), (180, 120, 300, 200),  # the car, and its back half
        (110, 150, 150, 180),  # a car far behind it: too small for the car's view
        (250, 100, 450, 200),  # the next car, overlapping it by a quarter
    ])
    groups = plates.nested_groups([far, back, neighbour, car])
    assert sorted([[v.box for v in g] for g in groups]) == sorted(
        [[car.box, back.box], [neighbour.box], [far.box]])
    # one view, the car's, reads the plate of both
    rgb = np.zeros((PANO.height, PANO.width, 3), np.uint8)
    plate = (1270, 1235, 1290, 1240)
    rgb[plate[1]:plate[3], plate[0]:plate[2]] = 255
    detector = WhiteBoxes()
    found = plates.plates_on_panorama_vehicles(detector, rgb, PANO, [car, back], 0.5, lambda: False)
    assert len(detector.sizes) == 1 and len(found) == 1 and _covered(found, plate) == 1.0


def test_a_plate_on_a_car_the_vehicle_model_misses_on_a_panorama_is_still_found():
    """Recall first: no vehicle at all, a plate across the seam, and the text pass finds it."""
    rgb = np.zeros((PANO.height, PANO.width, 3), np.uint8)
    plate = _pano_box(180.0, -15.0, 160, 40)
    rgb[plate[1]:plate[3], :plate[2] - PANO.width] = 255
    rgb[plate[1]:plate[3], plate[0]:] = 255
    found = plates.PlateSearch(WhiteBoxes(), Vehicles()).search_panorama(rgb, PANO, [], 0.5)
    assert [d.extra["via"] for d in found] == ["image"]
    mask = obscure.coverage_mask(PANO.height, PANO.width, found, 1.0, wrap=True)
    assert mask[plate[1]:plate[3], plate[0]:].all() and mask[plate[1]:plate[3], :plate[2] - PANO.width].all()


def test_plates_alone_on_a_panorama_take_their_context_from_the_object_views(monkeypatch):
    """The vehicle model is searched over its own views for the plates' context only: plates
    found on its vehicle, no vehicle reported, and no NanoDet run in the text views."""
    photo, (x0, y0, x1, y1) = rendered_plate()
    plate_lon, plate_lat = 30.0, -12.0
    bgr, _ = panoramas.project(photo, (x0, y0, x1, y1), plate_lon, plate_lat, PANO.pixels_per_radian * 1.2,
                               PANO.width, PANO.height)
    anonymizer = Anonymizer(Settings(classes=("license_plate",), device="cpu"))
    calls = _count_vehicle_passes(monkeypatch)
    found = anonymizer.detect_panorama(np.ascontiguousarray(bgr[..., ::-1]), PANO)
    planned = views.plan_views(PANO, views.OBJECT_PASSES)
    assert len(calls) == sum(len(p.tiles) for v in planned
                             for p in tiling.plan_tiles(v.width, v.height, NanoDet, v.smallest, v.largest))
    assert {d.cls for d in found} == {"license_plate"} and "vehicle" in {d.extra["via"] for d in found}
    box = _pano_box(plate_lon, plate_lat, (x1 - x0) / 1.2, (y1 - y0) / 1.2)
    assert _covered(found, box) >= 0.95


def test_a_plate_with_no_vehicle_in_a_large_photo_is_found_at_a_1080p_frames_density():
    """The strict search over a 4000×3000 photo runs on it shrunk to a 1920 px long side (fewer
    tiles than at its own density) and still finds a plate-shaped line with no vehicle around
    it, whose characters are 60 px tall (29 px there)."""
    image = np.zeros((3000, 4000, 3), np.uint8)
    image[2000:2060, 1000:1240] = 255
    text_model = WhiteBoxes()
    (found,) = plates.PlateSearch(text_model, Vehicles()).search(image, 0.5)
    assert found.extra["via"] == "image"
    assert found.extra["text_box"] == pytest.approx((1000, 2000, 1240, 2060), abs=3)
    shrunk = tiling.plan_tiles(4000, 3000, text_model, finest=tiling.reference_scale(image.shape))
    assert len(text_model.sizes) == sum(len(p.tiles) for p in shrunk) < \
        sum(len(p.tiles) for p in tiling.plan_tiles(4000, 3000, text_model))
