"""Masks have the class's shape and every method destroys what is under them."""
import numpy as np
import pytest

from geoblur.core import obscure
from geoblur.core.types import Detection


def _noise(h=120, w=160, channels=3, dtype=np.uint8, seed=0):
    rng = np.random.default_rng(seed)
    top = 255 if dtype == np.uint8 else 65535
    shape = (h, w) if channels == 1 else (h, w, channels)
    return rng.integers(0, top + 1, size=shape).astype(dtype)


FACE = Detection("face", 0.9, (40, 30, 80, 90), "test")


def test_face_mask_is_an_ellipse_grown_by_the_mask_scale():
    mask = obscure.coverage_mask(120, 160, [FACE], mask_scale=1.5 / obscure.CLASS_GROWTH["face"])
    # box 40×60 grown 1.5× in all → ellipse half-axes 30, 45 around (60, 60)
    assert mask[60, 60] and mask[60, 31] and mask[16, 60]
    assert not mask[60, 28] and not mask[13, 60]
    # the grown box's corners are not part of an ellipse
    assert not mask[16, 31]


def test_plate_mask_is_a_box_grown_more_than_the_mask_scale():
    plate = Detection("license_plate", 0.9, (50, 50, 100, 60), "test")
    mask = obscure.coverage_mask(120, 160, [plate], mask_scale=1.0)
    ys, xs = np.where(mask)
    assert xs.min() < 50 and xs.max() > 99  # characters at the plate edge stay covered
    assert mask[ys.min(), xs.min()]  # a box has its corners


@pytest.mark.parametrize("method", obscure.METHODS)
def test_every_method_removes_the_detail_inside_and_leaves_the_outside(method):
    image = _noise()
    out = obscure.apply(image, [FACE], obscure.Style(method=method, mask_scale=1.3))
    core = (slice(50, 70), slice(52, 68))
    assert out[core].astype(float).std() < image[core].astype(float).std() / 4
    assert np.array_equal(out[:, :10], image[:, :10])
    assert np.array_equal(image, _noise()), "the input array is not modified"


def test_fill_uses_the_colour_in_rgb_on_bgr_pixels():
    out = obscure.apply(_noise(), [FACE], obscure.Style("fill", 1.3, (255, 0, 0)))
    assert out[60, 60].tolist() == [0, 0, 255]


def test_blur_cell_grows_with_the_object():
    small = Detection("face", 0.9, (10, 10, 26, 26), "t")
    big = Detection("face", 0.9, (40, 10, 140, 110), "t")
    image = _noise(h=130, w=160)
    out = obscure.apply(image, [small, big], obscure.Style("pixelate", 1.2))
    # pixelate: the big face is cut into at most CELLS cells across, so runs of equal pixels are long
    row = out[60, 60:120, 0]
    runs = np.count_nonzero(np.diff(row.astype(int)))
    assert runs <= obscure.CELLS


@pytest.mark.parametrize("channels,dtype", [(1, np.uint8), (4, np.uint8), (3, np.uint16)])
def test_grey_rgba_and_16_bit_keep_their_layout(channels, dtype):
    image = _noise(channels=channels, dtype=dtype)
    out = obscure.apply(image, [FACE], obscure.Style("fill", 1.3))
    assert out.shape == image.shape and out.dtype == image.dtype
    assert np.atleast_1d(out[60, 60])[:3].max() == 0
    if channels == 4:
        assert np.array_equal(out[..., 3], image[..., 3]), "alpha is untouched"


def test_polygon_outline_replaces_the_box():
    outline = np.array([[20, 20], [60, 20], [20, 60]], dtype=float)
    det = Detection("person", 0.9, (20, 20, 60, 60), "t", polygon=outline)
    mask = obscure.coverage_mask(100, 100, [det], mask_scale=1.0)
    assert mask[25, 25] and not mask[55, 55]


def test_unknown_method_is_refused():
    with pytest.raises(ValueError, match="Unknown method"):
        obscure.apply(_noise(), [FACE], obscure.Style("smudge"))


@pytest.mark.parametrize("side", [60, 1500])  # a feather of 4 px, and one of ~130 px
def test_the_edge_is_feathered_outward_over_about_twice_the_feather(side):
    """Inside the shape: the fill colour exactly; a ramp outside it, fading out within about
    twice the feather; beyond that the image untouched — for small and very large objects."""
    margin = side
    height, width = side + 2 * margin, side + 2 * margin
    image = np.full((height, width, 3), 200, np.uint8)
    car = Detection("vehicle", 0.9, (margin, margin, margin + side, margin + side), "test")
    out = obscure.apply(image, [car], obscure.Style(method="fill", mask_scale=1.2, fill_color=(0, 0, 0)))
    half = side * 1.2 / 2
    feather = max(1, int(side * 1.2 * 0.08))
    centre = margin + side / 2
    row = out[int(centre), :, 0].astype(int)  # along the middle row, left edge at centre - half
    edge = int(np.floor(centre - half))
    assert (row[edge + 1:int(centre)] == 0).all()  # opaque up to the edge
    ramp = row[edge - 2 * feather:edge]
    assert ramp[-1] < 100 and np.all(np.diff(ramp) <= 1)  # fades outward, dark next to the edge
    assert (row[:max(0, edge - 3 * feather - 2)] == 200).all()  # untouched beyond the ramp
    assert ramp[: max(1, feather // 2)].min() > 100  # the far end of the ramp is light


@pytest.mark.parametrize("wrap", [False, True])
def test_every_changed_pixel_lies_in_the_regions(wrap):
    """The block-by-block JPEG writer looks for changes only in these regions."""
    image = _noise(h=100, w=200)
    across_seam = Detection("person", 0.9, (180, 20, 230, 80), "test")  # runs past x = W
    detections = [FACE, across_seam] if wrap else [FACE]
    style = obscure.Style(method="blur", mask_scale=1.3)
    changed = np.any(obscure.apply(image, detections, style, wrap=wrap) != image, axis=2)
    inside = np.zeros_like(changed)
    for x0, y0, x1, y1 in obscure.regions(image.shape, detections, style, wrap=wrap):
        inside[y0:y1, x0:x1] = True
    assert changed.any() and not (changed & ~inside).any()
    assert changed[:, :10].any() == wrap  # the seam's other side, in a panorama only


@pytest.mark.parametrize("channels, dtype, wrap", [(3, np.uint8, False), (3, np.uint8, True), (1, np.uint16, True)])
def test_obscuring_in_place_gives_the_copy_and_keeps_the_original_wherever_it_changed(channels, dtype, wrap):
    """The pipeline obscures its decoded image in place (a second 16K panorama is 400 MB): the
    pixels are those of :func:`apply`, and the squares it keeps hold the original everywhere a
    pixel changed."""
    image = _noise(h=600, w=900, channels=channels, dtype=dtype)
    detections = [FACE, Detection("person", 0.9, (880, 150, 930, 290), "test"),
                  Detection("vehicle", 0.9, (100, 120, 260, 230), "test")]
    style = obscure.Style(method="blur", mask_scale=1.3)
    pixels = image.copy()
    originals = obscure.apply_in_place(pixels, detections, style, wrap=wrap)
    assert np.array_equal(pixels, obscure.apply(image, detections, style, wrap=wrap))
    kept = np.zeros(image.shape[:2], bool)
    for x0, y0, patch in originals.patches:
        assert np.array_equal(patch, image[y0:y0 + patch.shape[0], x0:x0 + patch.shape[1]])
        kept[y0:y0 + patch.shape[0], x0:x0 + patch.shape[1]] = True
    changed = pixels != image if channels == 1 else np.any(pixels != image, axis=2)
    assert changed.any() and not (changed & ~kept).any() and not kept.all()
