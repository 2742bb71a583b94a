"""The coverage metric on masks where the right answer is known exactly."""
import numpy as np
import pytest

from geoblur.core.errors import GeoBlurError
from geoblur.core.evaluation import ALL, GtImage, GtObject, Tally, bucket_labels, parse_edges
from geoblur.core.evaluation.masks import OVER_MARGIN, object_pixels


def _image(objects, ignore=(), width=200, height=100):
    return GtImage("1", "x.jpg", width, height, list(objects), list(ignore))


def _row(tally, cls, size=ALL):
    return tally.row(cls, size)


def test_half_covered_box_scores_half_and_is_neither_r50_nor_r90_short_of_it():
    person = GtObject("person", [(20, 10, 60, 50)], "p")
    obscured = np.zeros((100, 200), bool)
    obscured[10:50, 20:40] = True  # the left half of the box
    tally = Tally()
    (score,) = tally.add(_image([person]), obscured)
    assert score.pixels == 40 * 40 and score.coverage == 0.5
    row = _row(tally, "person")
    assert (row.objects, row.pixels_obscured, row.r50, row.r90) == (1, 0.5, 1.0, 0.0)


def test_a_tool_that_obscures_nothing_scores_zero_everywhere():
    objects = [GtObject("face", [(10, 10, 30, 34)], "f"), GtObject("vehicle", [(100, 20, 180, 80)], "v")]
    tally = Tally()
    tally.add(_image(objects), np.zeros((100, 200), bool))
    rows = tally.rows()
    assert sum(r.objects for r in rows if r.size == ALL and r.cls != ALL) == 2
    for row in rows:
        if row.objects:
            assert row.pixels_obscured == 0 and row.r50 == 0 and row.r90 == 0 and row.over == 0
        else:  # an empty bucket has no figures rather than misleading zeros
            assert row.pixels_obscured is None and row.r90 is None


def test_a_face_is_the_ellipse_inscribed_in_its_box_a_person_the_whole_box():
    box = (40, 20, 80, 80)
    ys, xs = object_pixels(GtObject("face", [box], "f"), 200, 100)
    ellipse = np.zeros((100, 200), bool)
    ellipse[ys, xs] = True
    # the inscribed ellipse of a 40×60 box: about pi/4 of it, none of its corners
    assert abs(ellipse.sum() / (40 * 60) - np.pi / 4) < 0.02
    assert ellipse[50, 60] and not ellipse[21, 41] and not ellipse[78, 78]

    tally = Tally()
    face, person = GtObject("face", [box], "f"), GtObject("person", [box], "p")
    face_score, person_score = tally.add(_image([face, person]), ellipse)
    assert face_score.coverage == 1.0  # an elliptical mask hides a face completely…
    assert abs(person_score.coverage - np.pi / 4) < 0.02  # …but not a person's box


def test_a_box_too_small_for_a_pixel_centre_still_has_one_pixel():
    ys, xs = object_pixels(GtObject("face", [(10.6, 10.6, 10.9, 10.9)], "f"), 50, 50)
    assert (ys.tolist(), xs.tolist()) == ([10], [10])


def test_seam_split_face_is_one_object_pooled_across_the_360_seam():
    width = 400
    # a face 40 px wide centred on the seam: 20 px at the right edge, 20 px at the left
    face = GtObject("face", [(380, 40, 400, 80), (0, 40, 20, 80)], "1+2")
    whole = GtObject("face", [(380, 40, 420, 80)], "whole")  # the same face, unwrapped
    pieces = object_pixels(face, width, 100)
    ys, xs = object_pixels(whole, width + 40, 100)
    assert pieces[0].size == ys.size, "the pieces form one ellipse across the seam"

    tally = Tally()
    right_edge_only = np.zeros((100, width), bool)
    right_edge_only[:, 380:] = True
    (score,) = tally.add(_image([face], width=width), right_edge_only)
    assert tally.row("face", ALL).objects == 1
    assert score.coverage == pytest.approx(0.5, abs=0.01)
    assert tally.row("face", ALL).r90 == 0.0  # half of a face is not anonymized

    both_edges = right_edge_only.copy()
    both_edges[:, :20] = True
    tally = Tally()
    (score,) = tally.add(_image([face], width=width), both_edges)
    assert score.coverage == 1.0


def test_grouped_pieces_away_from_the_seam_pool_their_pixels():
    occluded = GtObject("person", [(10, 10, 20, 50), (40, 10, 50, 50)], "a+b")
    obscured = np.zeros((100, 200), bool)
    obscured[10:50, 10:20] = True  # one piece of two
    tally = Tally()
    (score,) = tally.add(_image([occluded]), obscured)
    assert score.pixels == 800 and score.coverage == 0.5


def test_crowd_regions_count_neither_as_objects_nor_as_over_blurring():
    person = GtObject("person", [(10, 10, 30, 50)], "p")
    crowd = (100, 20, 160, 60)
    obscured = np.zeros((100, 200), bool)
    obscured[20:60, 100:160] = True  # the tool blurred the crowd
    tally = Tally()
    tally.add(_image([person], ignore=[crowd]), obscured)
    row = _row(tally, "person")
    assert row.objects == 1 and row.over == 0.0


def test_over_is_the_share_of_background_obscured_away_from_objects():
    person = GtObject("person", [(10, 10, 30, 50)], "p")
    obscured = np.zeros((100, 200), bool)
    obscured[20:40, 20:30] = True  # inside the object: not over-blurring
    obscured[5:55, 31:38] = True  # beside it, within the margin: not over-blurring either
    obscured[80:90, 100:150] = True  # 500 px of background
    tally = Tally()
    tally.add(_image([person]), obscured)
    assert OVER_MARGIN == 2.0  # the box grown 2× about its centre: x 0..40, y -10..70 (clipped at 0)
    background = 200 * 100 - 40 * 70
    assert _row(tally, "person").over == pytest.approx(500 / background)


def test_objects_fall_in_size_buckets_by_the_square_root_of_their_area():
    objects = [
        GtObject("face", [(0, 0, 10, 40)], "20px"),  # sqrt(400) = 20: small despite 40 px tall
        GtObject("face", [(50, 0, 82, 32)], "32px"),  # the lower edge belongs to the bucket above
        GtObject("face", [(100, 0, 196, 96)], "96px"),
    ]
    tally = Tally()
    scores = tally.add(_image(objects, height=100), np.zeros((100, 200), bool))
    assert [s.bucket for s in scores] == ["S <32", "M 32-96", "L >=96"]
    assert [tally.row("face", label).objects for label in tally.labels] == [1, 1, 1]


def test_user_set_bucket_edges():
    assert parse_edges("16, 64,128") == (16.0, 64.0, 128.0)
    assert parse_edges("") == (32.0, 96.0)
    assert bucket_labels((16.0, 64.0, 128.0)) == ["<16", "16-64", "64-128", ">=128"]
    tally = Tally(parse_edges("16,64,128"))
    tally.add(_image([GtObject("face", [(0, 0, 12, 12)], "f")]), np.zeros((100, 200), bool))
    assert tally.row("face", "<16").objects == 1
    assert [r.size for r in tally.rows()] == ["<16", "16-64", "64-128", ">=128", "all"]


@pytest.mark.parametrize("text", ["96,32", "a,b", "0,10", ","])
def test_bad_bucket_edges_are_refused_with_an_example(text):
    with pytest.raises(GeoBlurError, match="32,96"):
        parse_edges(text)


def test_rows_pool_pixels_and_count_objects_per_class_then_all_classes():
    small = GtObject("person", [(0, 0, 10, 10)], "s")
    plate = GtObject("license_plate", [(100, 50, 140, 62)], "p")
    obscured = np.zeros((100, 200), bool)
    obscured[0:10, 0:10] = True
    tally = Tally()
    tally.add(_image([small, plate]), obscured)
    rows = {(r.cls, r.size): r for r in tally.rows()}
    assert rows[("person", ALL)].r90 == 1.0 and rows[("license_plate", ALL)].r90 == 0.0
    overall = rows[(ALL, ALL)]
    assert overall.objects == 2 and overall.r90 == 0.5
    assert overall.pixels_obscured == pytest.approx(100 / (100 + 480))


def test_objects_can_be_scored_against_their_own_class_masks():
    plate = GtObject("license_plate", [(100, 50, 140, 62)], "p")
    vehicle_mask = np.zeros((100, 200), bool)
    vehicle_mask[30:90, 80:180] = True  # a vehicle box hides the plate…
    tally = Tally()
    (score,) = tally.add(_image([plate]), vehicle_mask, {"license_plate": np.zeros((100, 200), bool)})
    assert score.coverage == 0.0  # …but the plate is scored on what the plate masks hid
    assert tally.row("license_plate", ALL).over > 0  # the vehicle box still counts as over-blurring
