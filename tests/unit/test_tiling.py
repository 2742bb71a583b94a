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
    passes = tiling.plan(1000, 700, adapter)
    first = passes[0]
    covered = np.zeros((700, 1000), bool)
    for x0, y0, x1, y1 in first.tiles:
        assert x1 - x0 <= adapter.tile_size and y1 - y0 <= adapter.tile_size
        covered[y0:y1, x0:x1] = True
    assert first.scale == 1.0 and covered.all()
    assert max(1000, 700) * passes[-1].scale <= adapter.max_object


def test_small_objects_upscale_the_image_at_most_twice():
    assert tiling.plan(400, 300, FakeAdapter(), smallest=4)[0].scale == 2.0
    assert tiling.plan(400, 300, FakeAdapter(), smallest=6)[0].scale == 8 / 6


def test_a_bound_on_the_largest_object_drops_the_coarse_scales():
    adapter = FakeAdapter()
    unbounded = tiling.plan(4000, 3000, adapter)
    assert len(unbounded) > 2
    bounded = tiling.plan(4000, 3000, adapter, largest=adapter.max_object * 2)
    assert [p.scale for p in bounded] == [p.scale for p in unbounded[:2]]
    assert len(tiling.plan(4000, 3000, adapter, largest=adapter.max_object)) == 1


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
