"""Re-rendering copies from reviewed detections (core.render): what a reviewer added is obscured,
what they rejected is the original again, nothing is rendered twice, and rows that cannot be
used fail closed (the earlier copy removed) with a message naming the row and the file."""
import os

import cv2
import numpy as np
import pytest

from geoblur.core import obscure
from geoblur.core.imageio import written_by_geoblur
from geoblur.core.ledger import Ledger, find_ledger
from geoblur.core.render import Renderer, plan_renders, signature
from geoblur.core.types import Detection, ImageJob, ImageResult

WIDTH, HEIGHT = 320, 240
FACE = (40.0, 50.0, 100.0, 130.0)
SIGN = (200.0, 60.0, 260.0, 120.0)


def textured(height=HEIGHT, width=WIDTH) -> np.ndarray:
    """A photo-like image: fine detail everywhere, so any obscuring shows."""
    rng = np.random.default_rng(3)
    return cv2.GaussianBlur(rng.integers(0, 256, (height, width, 3), dtype=np.uint8), (3, 3), 0)


@pytest.fixture
def campaign(tmp_path):
    """An original, and the output folder of a run (with its ledger) where its copy goes."""
    originals = tmp_path / "photos"
    originals.mkdir()
    source = originals / "a.png"
    cv2.imwrite(str(source), textured())
    output = tmp_path / "out"
    Ledger(str(output)).close()
    return str(source), str(output / "a.png")


def row(source, destination, box, fid=1, cls="face", decision="", **extra):
    values = {"id": fid, "source_path": source, "output_path": destination, "class": cls, "score": 0.9,
              "x_min": box[0], "y_min": box[1], "x_max": box[2], "y_max": box[3], "image_width": WIDTH,
              "image_height": HEIGHT, "model": "centerface", "projection": "planar", "method": "fill",
              "mask_scale": 1.3, "origin": "model", "decision": decision}
    values.update(extra)
    return values


def changed(original: str, copy: str, box) -> float:
    """Mean absolute difference inside ``box`` (shrunk to its core) between two images."""
    a, b = cv2.imread(original).astype(int), cv2.imread(copy).astype(int)
    x0, y0, x1, y1 = (int(v) for v in box)
    cx, cy, rx, ry = (x0 + x1) // 2, (y0 + y1) // 2, (x1 - x0) // 4, (y1 - y0) // 4
    return float(np.abs(a[cy - ry:cy + ry, cx - rx:cx + rx] - b[cy - ry:cy + ry, cx - rx:cx + rx]).mean())


def render(rows, **options):
    jobs = plan_renders(rows)
    return [Renderer(**options).render(job) for job in jobs]


def test_added_rows_are_obscured_rejected_ones_are_the_original_and_the_rest_untouched(campaign):
    source, copy = campaign
    [result] = render([row(source, copy, FACE, 1), row(source, copy, SIGN, 2, decision="rejected")])
    assert result.status == "anonymized" and result.output_path == copy and written_by_geoblur(copy)
    assert changed(source, copy, FACE) > 40  # filled black over texture
    assert changed(source, copy, SIGN) == 0
    assert changed(source, copy, (250, 180, 310, 235)) == 0


def test_a_copy_is_rendered_again_only_when_what_shapes_it_changed(campaign):
    source, copy = campaign
    rows = [row(source, copy, FACE, 1), row(source, copy, SIGN, 2)]
    assert [r.status for r in render(rows)] == ["anonymized"]
    assert [(r.status, r.error) for r in render(rows)] == [("skipped", "up to date")]
    rows[1]["decision"] = "rejected"  # the reviewer rejects the sign
    assert [r.status for r in render(rows)] == ["anonymized"]
    assert changed(source, copy, SIGN) == 0
    assert [r.status for r in render(rows, overwrite=False)] == ["skipped"]
    assert [r.status for r in render(rows, overwrite=True)] == ["anonymized"]
    os.utime(source, ns=(1, 1))  # the original changed
    assert [r.status for r in render(rows)] == ["anonymized"]


def test_a_run_s_copy_whose_rows_nobody_changed_is_up_to_date_and_a_run_forgets_earlier_renders(campaign):
    source, copy = campaign
    face = Detection("face", 0.9, FACE, "centerface")
    job = ImageJob(1, source, copy)
    with_ledger = find_ledger(copy)
    written = render([row(source, copy, FACE, 1)])  # stands for the run's own copy
    assert written[0].status == "anonymized"
    with_ledger.record(job, ImageResult(1, source, "anonymized", output_path=copy, detections=[face]), "key",
                       os.stat(source))
    assert render([row(source, copy, FACE, 1)])[0].status == "skipped"
    assert with_ledger.rendered(copy) is None  # a run's record drops the render that came before
    with_ledger.close()


def test_a_panorama_face_the_run_recorded_with_a_bent_outline_is_rendered_with_that_outline(tmp_path):
    source = tmp_path / "pano.png"
    cv2.imwrite(str(source), textured(200, 400))
    output = tmp_path / "out"
    copy = str(output / "pano.png")
    ledger = Ledger(str(output))
    outline = np.array([[10, 10], [60, 10], [60, 20], [20, 60], [10, 60]], dtype=np.float64)  # an L, not an ellipse
    bent = Detection("face", 0.9, (10.0, 10.0, 60.0, 60.0), "centerface", outline)
    ledger.record(ImageJob(1, str(source), copy), ImageResult(1, str(source), "anonymized", detections=[bent]),
                  "key", os.stat(source))
    ledger.close()
    rows = [dict(row(str(source), copy, bent.box), image_width=400, image_height=200, projection="equirectangular")]
    [result] = render(rows)
    assert result.status == "anonymized"
    written = cv2.imread(copy).astype(int) - cv2.imread(str(source)).astype(int)
    assert np.abs(written[12:18, 50:58]).mean() > 40  # the outline's arm, outside the box's inscribed ellipse
    expected = obscure.coverage_mask(200, 400, [bent], 1.3, wrap=True)
    assert expected[15, 55]


def test_a_face_added_by_hand_on_a_panorama_is_obscured_to_its_box_corners(tmp_path):
    source = tmp_path / "pano.png"
    cv2.imwrite(str(source), textured(200, 400))
    copy = str(tmp_path / "out" / "pano.png")
    rows = [dict(row(str(source), copy, (100, 50, 160, 110), origin="reviewer", decision="kept"),
                 image_width=400, image_height=200, projection="equirectangular")]
    [result] = render(rows)
    assert result.status == "anonymized"
    diff = np.abs(cv2.imread(copy).astype(int) - cv2.imread(str(source)).astype(int))
    assert diff[52:56, 102:106].mean() > 40  # a corner the inscribed ellipse would leave


@pytest.mark.parametrize("bad, says", [
    ({"class": "road sign"}, "class 'road sign'"),
    ({"x_max": None}, "not four numbers"),
    ({"x_max": 10.0}, "empty or inverted"),
    ({"x_min": 500.0, "x_max": 600.0}, "outside the 320×240 image"),
    ({"decision": "maybe"}, "decision 'maybe'"),
])
def test_rows_that_cannot_be_used_fail_closed_naming_the_row_and_the_file(campaign, bad, says):
    source, copy = campaign
    assert render([row(source, copy, FACE, 1)])[0].status == "anonymized"
    [result] = render([row(source, copy, FACE, 1), row(source, copy, SIGN, 7, **bad)])
    assert result.status == "failed"
    assert "Detection 7" in result.error and source in result.error and says in result.error
    assert not os.path.exists(copy)  # the old copy no longer shows what was decided: removed


def test_a_missing_or_changed_original_fails_closed(campaign, tmp_path):
    source, copy = campaign
    [result] = render([row(str(tmp_path / "gone.png"), copy, FACE)])
    assert result.status == "failed" and "gone.png" in result.error and "not there" in result.error
    cv2.imwrite(source, textured(100, 100))
    [result] = render([row(source, copy, FACE)])
    assert result.status == "failed" and "100×100" in result.error and "320×240" in result.error
    assert not os.path.exists(copy)


def test_a_copy_path_that_is_somebody_else_s_file_is_never_replaced(campaign, tmp_path):
    source, _ = campaign
    theirs = tmp_path / "theirs.png"
    cv2.imwrite(str(theirs), textured(10, 10))
    before = theirs.read_bytes()
    [result] = render([row(source, str(theirs), FACE)])
    assert result.status == "failed" and "did not write" in result.error
    assert theirs.read_bytes() == before


def test_rows_of_one_copy_must_agree_on_its_original():
    [job] = plan_renders([row("/a.jpg", "/o/a.jpg", FACE, 1), row("/b.jpg", "/o/a.jpg", SIGN, 2)])
    assert "2 originals" in job.error and "/o/a.jpg" in job.error


def test_the_signature_ignores_order_and_sees_boxes_style_and_source():
    a, b = Detection("face", 0.9, FACE, "m"), Detection("vehicle", 0.5, SIGN, "m")
    style = obscure.Style("blur", 1.3)
    assert signature([a, b], style, (1, 2)) == signature([b, a], style, (1, 2))
    assert signature([a], style, (1, 2)) != signature([a, b], style, (1, 2))
    assert signature([a], style, (1, 2)) != signature([a], obscure.Style("fill", 1.3), (1, 2))
    assert signature([a], style, (1, 2)) != signature([a], style, (1, 3))
