"""Projection math, view planning and view rendering of 360° panoramas (no model needed)."""
import math

import numpy as np
import pytest

from geoblur.core.panorama import render, views
from geoblur.core.panorama.sphere import Geometry, angle_between, lonlat_to_vector, rotation, vector_to_lonlat


def test_pixel_conventions_centre_column_is_longitude_zero_and_top_is_zenith():
    g = Geometry.full(2000, 1000)
    lon, lat = g.to_lonlat([0, 1000, 2000], [0, 500, 1000])
    assert np.allclose(np.degrees(lon), [-180, 0, 180])
    assert np.allclose(np.degrees(lat), [90, 0, -90])


def test_pixel_lonlat_round_trip_including_a_crop():
    rng = np.random.default_rng(1)
    x, y = rng.uniform(0, 1200, 50), rng.uniform(0, 400, 50)
    for g in (Geometry.full(1200, 600), Geometry(1200, 400, 3000, 1500, 700, 300)):
        assert np.allclose(g.to_pixel(*g.to_lonlat(x, y)), (x, y))
    cropped = Geometry(1200, 400, 3000, 1500, 700, 300)
    lon, lat = cropped.to_lonlat(1500 - 700, 750 - 300)  # the full panorama's centre
    assert abs(lon) < 1e-9 and abs(lat) < 1e-9


def test_directions_right_is_east_of_ahead_and_up_is_negative_y():
    v = lonlat_to_vector(np.radians([0, 90, 0]), np.radians([0, 0, 90]))
    assert np.allclose(v, [[0, 0, 1], [1, 0, 0], [0, -1, 0]])
    rng = np.random.default_rng(2)
    lon, lat = rng.uniform(-3.1, 3.1, 100), rng.uniform(-1.5, 1.5, 100)
    back = vector_to_lonlat(lonlat_to_vector(lon, lat) * 3.0)  # length does not matter
    assert np.allclose(back, (lon, lat))


def test_rotation_points_the_view_axis_at_its_yaw_and_pitch():
    for yaw, pitch in ((0.3, 0.0), (-2.5, 0.4), (math.pi, -1.2), (1.0, -math.pi / 2)):
        axis = rotation(yaw, pitch) @ [0.0, 0.0, 1.0]
        lon, lat = vector_to_lonlat(axis)
        assert lat == pytest.approx(pitch, abs=1e-9)
        if abs(pitch) < 1.5:
            assert (lon - yaw + math.pi) % (2 * math.pi) - math.pi == pytest.approx(0, abs=1e-9)


def test_a_view_is_an_upright_pinhole_camera():
    view = views.View(yaw=0.5, pitch=0.2, focal=300.0, width=640, height=480, density=1.0)
    axis = view.directions(320, 240)
    assert np.allclose(vector_to_lonlat(axis), (0.5, 0.2))
    # a pixel d px from the centre is atan(d / focal) off the axis, in any direction
    for u, v in ((620, 240), (320, 20), (100, 400)):
        d = math.hypot(u - 320, v - 240)
        assert angle_between(view.directions(u, v), axis) == pytest.approx(math.atan(d / 300.0))
    u, v = np.meshgrid(np.linspace(0, 640, 9), np.linspace(0, 480, 7))
    dirs = view.directions(u, v)
    lon, lat = vector_to_lonlat(dirs)
    assert (np.diff(lon, axis=1) > 0).all()  # right in the view = clockwise = larger longitude
    assert (np.diff(lat[:, 4]) < 0).all()  # down in the view = lower latitude
    # one pixel at the view's centre spans 1/focal radians
    step = angle_between(view.directions(320, 240), view.directions(321, 240))
    assert step == pytest.approx(1 / 300.0, rel=1e-4)


def _inside(view, directions, margin_deg):
    """Which directions lie at least ``margin_deg`` inside ``view``: at least that angle on the
    inner side of each of the four planes through the centre and two adjacent corners."""
    corners = view.directions(np.array([0, view.width, view.width, 0]), np.array([0, 0, view.height, view.height]))
    axis = view.directions(view.width / 2, view.height / 2)
    inside = np.ones(len(directions), dtype=bool)
    for a, b in zip(corners, np.roll(corners, -1, axis=0)):
        normal = np.cross(a, b)
        normal /= np.linalg.norm(normal) * np.sign(normal @ axis)  # pointing into the view
        inside &= np.degrees(np.arcsin(np.clip(directions @ normal, -1, 1))) >= margin_deg - 1e-6
    return inside


def _covered(views_, directions, margin_deg):
    covered = np.zeros(len(directions), dtype=bool)
    for view in views_:
        covered |= _inside(view, directions, margin_deg)
    return covered


@pytest.mark.parametrize("width", [8192, 2048])
def test_every_direction_of_each_pass_lies_its_margin_inside_a_view(width):
    g = Geometry.full(width, width // 2)
    planned = views.plan_views(g)
    rng = np.random.default_rng(3)
    for spec in views.PASSES:
        own = [v for v in planned if v.density == spec.density]
        # uniform on the sphere within the pass's band of latitudes
        s = rng.uniform(math.sin(math.radians(spec.lat_min)), math.sin(math.radians(spec.lat_max)), 4000)
        lon = rng.uniform(-math.pi, math.pi, 4000)
        dirs = lonlat_to_vector(lon, np.arcsin(s))
        assert _covered(own, dirs, spec.margin).all()
        assert own[0].focal == pytest.approx(spec.density * width / (2 * math.pi))


def test_the_finest_pass_looks_at_the_horizon_unshrunk_and_the_coarse_pass_covers_the_poles():
    g = Geometry.full(8192, 4096)
    planned = views.plan_views(g)
    fine = [v for v in planned if v.density == views.PASSES[0].density]
    assert views.PASSES[0].density >= 1.0  # never below the panorama's own pixel density
    assert all(v.width <= views.VIEW_SIZE for v in planned)
    assert all(-35 <= math.degrees(v.pitch) <= 25 for v in fine) and len(fine) < len(planned)
    poles = lonlat_to_vector(np.zeros(2), np.radians([90.0, -90.0]))
    coarse = [v for v in planned if v.density != views.PASSES[0].density]
    assert _covered(coarse, poles, views.PASSES[-1].margin).all()


def test_each_pass_searches_only_the_sizes_the_other_passes_leave_it():
    planned = views.plan_views(Geometry.full(8192, 4096))
    fine_spec, coarse_spec = views.PASSES
    fine = [v for v in planned if v.density == fine_spec.density]
    coarse = [v for v in planned if v.density == coarse_spec.density]
    # the fine views leave objects beyond their margin to the coarse pass, with slack...
    for v in fine:
        assert v.smallest is None
        assert v.largest == pytest.approx(views.LARGEST_IN_MARGINS * math.radians(fine_spec.margin) * v.focal)
        assert v.largest > 2 * math.radians(fine_spec.margin) * v.focal
    # ...and the coarse views look from the largest object whole in a fine view up to anything
    for v in coarse:
        assert v.smallest == pytest.approx(2 * math.radians(fine_spec.margin) * v.focal)
        assert v.largest is None


def test_a_cropped_panorama_gets_views_only_over_its_latitudes():
    g = Geometry(4000, 1000, 4000, 2000, 0, 500)  # latitudes +45 .. -45 only
    lats = [math.degrees(v.pitch) for v in views.plan_views(g)]
    assert max(lats) < 45 and min(lats) > -45


def _gradient_panorama(width, height):
    """Red encodes the column, green the row (mod 256): any pixel says where it came from."""
    y, x = np.mgrid[0:height, 0:width]
    return np.dstack([x % 256, y % 256, np.zeros_like(x)]).astype(np.uint8)


def test_render_samples_the_panorama_where_each_view_ray_points():
    g = Geometry.full(1024, 512)
    pano = _gradient_panorama(1024, 512)
    view = views.View(yaw=-1.0, pitch=0.3, focal=200.0, width=256, height=256, density=1.0)
    image = render.render(pano, g, view)
    u, v = np.meshgrid(np.arange(20, 236, 23) + 0.5, np.arange(20, 236, 23) + 0.5)
    x, y = g.to_pixel(*vector_to_lonlat(view.directions(u, v)))
    got = image[(v - 0.5).astype(int), (u - 0.5).astype(int)]
    assert np.abs(got[..., 0].astype(int) - (np.floor(x) % 256)).max() <= 1
    assert np.abs(got[..., 1].astype(int) - (np.floor(y) % 256)).max() <= 1


def test_render_across_the_seam_joins_the_right_and_left_edges():
    g = Geometry.full(1024, 512)
    pano = np.zeros((512, 1024, 3), np.uint8)
    pano[:, :512] = (200, 0, 0)  # western half
    pano[:, 512:] = (0, 0, 200)  # eastern half
    view = views.View(yaw=math.pi, pitch=0.0, focal=150.0, width=200, height=100, density=1.0)
    image = render.render(pano, g, view)
    # looking backwards: the left of the view is the east end (x near W), the right the west end
    assert (image[:, :95, 2] == 200).all() and (image[:, 105:, 0] == 200).all()
    # and the same rows come out again for a second image of the same size (cached maps)
    assert np.array_equal(render.render(pano, g, view), image)


def test_render_skips_a_view_outside_a_cropped_panorama():
    g = Geometry(500, 500, 2000, 1000, 0, 0)  # the western quarter only
    pano = np.full((500, 500, 3), 9, np.uint8)
    east = views.View(yaw=math.pi / 2, pitch=0.0, focal=100.0, width=128, height=128, density=1.0)
    west = views.View(yaw=-3 * math.pi / 4, pitch=0.3, focal=100.0, width=128, height=128, density=1.0)
    assert render.render(pano, g, east) is None
    assert (render.render(pano, g, west) == 9).any()


@pytest.mark.parametrize("pitch, density, size", [
    (0.0, 4.0, (480, 240)),  # a view aimed at a distant car: interpolated
    (-0.9, 2.0, (300, 410)),  # below the horizon
    (0.2, 1.0, (1024, 896)),  # a face view
    (-0.9, 0.28, (312, 312)),  # wide, near the nadir
    (1.4, 0.25, (768, 608)),  # the zenith in view
    (0.0, 3.0, (9, 700)),  # narrower than the grid
])
def test_a_views_sampling_maps_are_where_each_pixel_points_within_a_hundredth_of_a_pixel(pitch, density, size):
    g = Geometry.full(8192, 4096)
    width, height = size
    x_rel, y = render._maps(g, pitch, density * g.pixels_per_radian, width, height)
    view = views.View(0.0, pitch, density * g.pixels_per_radian, width, height, density)
    v, u = np.mgrid[0:height, 0:width] + 0.5
    lon, lat = vector_to_lonlat(view.directions(u, v))
    exact_x, exact_y = g.to_pixel(lon, lat)
    assert x_rel.shape == y.shape == (height, width)
    assert np.abs(x_rel - (exact_x - g.full_width / 2)).max() < 0.02
    assert np.abs(y - np.clip(exact_y - 0.5, 0, g.height - 1)).max() < 0.02
