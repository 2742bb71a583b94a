"""The pyramid and the tiles cover every object size and every pixel."""
import numpy as np

from geoblur.core import tiling
from geoblur.core.types import Detection


class FakeAdapter:
    """Finds one bright square wherever it is whole in the view, reporting its box."""

    tile_size = 256
    min_object = 8
    max_object = 96

    def __init__(self):
        self.views = []

    def infer(self, rgb, min_score):
        self.views.append(rgb.shape[:2])
        ys, xs = np.where(rgb[..., 0] > 200)
        if len(xs) == 0:
            return []
        touches = xs.min() == 0 or ys.min() == 0 or xs.max() == rgb.shape[1] - 1 or ys.max() == rgb.shape[0] - 1
        if touches:
            return []
        return [Detection("face", 0.9, (xs.min(), ys.min(), xs.max() + 1, ys.max() + 1), "fake")]


def test_tiles_cover_the_image_and_stay_within_tile_size():
    adapter = FakeAdapter()
    passes = tiling.plan_tiles(1000, 700, adapter)
    first = passes[0]
    covered = np.zeros((700, 1000), bool)
    for x0, y0, x1, y1 in first.tiles:
        assert x1 - x0 <= adapter.tile_size and y1 - y0 <= adapter.tile_size
        covered[y0:y1, x0:x1] = True
    assert first.scale == 1.0 and covered.all()
    assert max(1000, 700) * passes[-1].scale <= adapter.max_object


def test_small_objects_upscale_the_image_at_most_twice():
    assert tiling.plan_tiles(400, 300, FakeAdapter(), smallest=4)[0].scale == 2.0
    assert tiling.plan_tiles(400, 300, FakeAdapter(), smallest=6)[0].scale == 8 / 6


def test_a_bound_on_the_largest_object_drops_the_coarse_scales_when_that_saves_runs():
    assert [p.scale for p in tiling.plan_tiles(256, 256, FakeAdapter())] == [1.0, 1 / 3]
    assert [p.scale for p in tiling.plan_tiles(256, 256, FakeAdapter(), largest=96)] == [1.0]


class SmallTiles:
    """NanoDet-like: tiles no larger than the largest object, so wide overlaps cost many runs."""

    tile_size = 312
    min_object = 32
    max_object = 312


def test_the_full_pyramid_is_kept_when_the_bound_would_cost_more_runs():
    full = tiling.plan_tiles(1024, 880, SmallTiles())
    assert len(full) > 1
    assert tiling.plan_tiles(1024, 880, SmallTiles(), largest=137) == full


def test_a_model_with_tiles_no_wider_than_its_overlap_needs_still_gets_its_full_pyramid():
    class TinyInput:  # a 64 px YOLO export: its pyramid overlaps tiles by more than half
        tile_size = 64
        min_object = 10
        max_object = 64

    full = tiling.plan_tiles(500, 300, TinyInput())
    assert full[-1].scale < 1 and all(p.tiles for p in full)
    assert tiling.plan_tiles(500, 300, TinyInput(), largest=40) == full  # a bound it cannot afford


def test_under_a_bound_an_object_of_the_largest_size_is_whole_in_a_tile_and_found():
    adapter = FakeAdapter()
    (only,) = tiling.plan_tiles(1000, 256, adapter, largest=80)
    assert len(only.tiles) > 1
    for x in range(0, 1000 - 80):
        assert any(x0 <= x and x + 80 <= x1 for x0, _, x1, _ in only.tiles)
    # an 80 px object where the default overlap (for a pyramid that goes on) would cut it
    default = tiling._starts(1000, adapter.tile_size, int(adapter.max_object / tiling.PYRAMID_STEP) + 16)
    x = default[1] - 8
    assert x + 80 > default[0] + adapter.tile_size
    image = np.zeros((256, 1000, 3), np.uint8)
    image[100:180, x:x + 80] = 255
    found = tiling.detect(adapter, image, 0.5, largest=80)
    assert [d.box for d in found] == [(x, 100, x + 80, 180)]


def test_object_on_a_tile_border_is_found_whole_and_mapped_back():
    image = np.zeros((600, 900, 3), np.uint8)
    adapter = FakeAdapter()
    starts = tiling._starts(900, adapter.tile_size, int(adapter.max_object / tiling.PYRAMID_STEP) + 16)
    x = starts[1] - 10  # straddles the border between the first two tiles
    image[300:330, x:x + 30] = 255
    found = tiling.detect(adapter, image, 0.5)
    assert len(found) == 1
    # the coarser pass finds it too; the merged box is their union, within resampling error
    assert np.allclose(found[0].box, (x, 300, x + 30, 330), atol=4)


def test_large_object_is_found_at_a_coarser_scale():
    image = np.zeros((600, 900, 3), np.uint8)
    image[100:500, 200:600] = 255  # 400 px: larger than the largest object of the finest pass
    found = tiling.detect(FakeAdapter(), image, 0.5)
    assert len(found) == 1
    assert np.allclose(found[0].box, (200, 100, 600, 500), atol=12)


def test_merge_keeps_degenerate_boxes_and_unions_overlapping_ones():
    from geoblur.core.boxes import nms_detections

    merged = nms_detections([
        Detection("face", 0.9, (10, 10, 30, 30), "a"),
        Detection("face", 0.5, (12, 8, 32, 30), "b"),
        Detection("face", 0.4, (50, 50, 50, 60), "c"),
        Detection("person", 0.4, (10, 10, 30, 30), "d"),
    ])
    faces = sorted((d for d in merged if d.cls == "face"), key=lambda d: -d.score)
    assert [d.box for d in faces] == [(10, 8, 32, 30), (50, 50, 50, 60)]
    assert faces[0].model == "a"
    assert [d.cls for d in merged].count("person") == 1
