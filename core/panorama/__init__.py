"""360° equirectangular panoramas: detect in undistorted views, map back, handle the seam.

A panorama is never shrunk and never fed to a photo model as it is: :func:`detect` renders
perspective views of the sphere (:mod:`.views` plans them, :mod:`.render` samples them), runs
the ordinary planar detection on each, carries every detection back to the panorama as the
outline the panorama shows (:mod:`.mapping`), and merges the duplicates of overlapping views
and of the 360° seam into one detection per object (:mod:`.merge`). :mod:`.gpano` reads the
panorama's GPano metadata; :mod:`.sphere` holds the conventions and the projection math.
"""
from functools import lru_cache
from typing import Callable, Dict, Hashable, List, Optional, Tuple

import numpy as np

from ..errors import Canceled
from ..tiling import Stages, timed
from ..types import Detection
from . import evidence, gpano, mapping, merge, render, views
from .sphere import Geometry

__all__ = ["detect", "evidence", "gpano", "Geometry"]


@lru_cache(maxsize=16)
def _views(geometry: Geometry, passes: Tuple[views.ViewPass, ...] = views.PASSES) -> List[views.View]:
    return views.plan_views(geometry, passes)


def plan(geometry: Geometry, plans: Dict[Hashable, Tuple[views.ViewPass, ...]]) -> List[Tuple[views.View, list]]:
    """The views to render for ``plans`` (the view passes each model is searched over, by key),
    each once: (view, [(key, smallest, largest) of each model searched in it]). A view that two
    models' passes share (the same direction, focal length and size) is rendered once for both."""
    shared: Dict[tuple, Tuple[views.View, list]] = {}
    for key, passes in plans.items():
        for view in _views(geometry, tuple(passes)):
            where = (view.yaw, view.pitch, view.focal, view.width, view.height)
            shared.setdefault(where, (view, []))[1].append((key, view.smallest, view.largest))
    return list(shared.values())


def detect(
    rgb: np.ndarray,
    geometry: Geometry,
    detect_view: Callable[..., List[Detection]],
    is_canceled: Callable[[], bool] = lambda: False,
    plans: Optional[Dict[Hashable, Tuple[views.ViewPass, ...]]] = None,
    stages: Optional[Stages] = None,
) -> List[Detection]:
    """Every object in a panorama (RGB uint8, H×W×3), in its pixels, one detection per object.

    Without ``plans``, every view of :data:`.views.PASSES` is searched with
    ``detect_view(view, smallest, largest)``, the planar detection (an RGB view and the band of
    object sizes, in its pixels, that the view is responsible for; detections in its pixels out).
    With ``plans`` (model key → its view passes, :func:`.views.passes_for`), each model is
    searched over its own views with ``detect_view(view, smallest, largest, key)``, a view shared
    by several models being rendered once.
    The returned detections carry their panorama outline as ``polygon`` and their place on the
    sphere in ``extra`` (see :func:`.mapping.to_panorama`). ``stages`` records the time of
    rendering, mapping back and merging (:class:`..tiling.Stages`).
    """
    planned = plan(geometry, plans if plans is not None else {None: views.PASSES})
    found: List[Detection] = []
    for view, searches in planned:
        if is_canceled():
            raise Canceled("Canceled.")
        with timed(stages, "panorama: rendering views", tiles=1, pixels=view.width * view.height):
            image = render.render(rgb, geometry, view)
        if image is None:
            continue
        for key, smallest, largest in searches:
            detections = detect_view(image, smallest, largest) if plans is None else \
                detect_view(image, smallest, largest, key)
            with timed(stages, "panorama: mapping back"):
                found.extend(mapping.to_panorama(d, view, geometry) for d in detections)
    with timed(stages, "panorama: merging"):
        return merge.merge(found, geometry)
