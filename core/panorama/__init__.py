"""360° equirectangular panoramas: detect in undistorted views, map back, handle the seam.

A panorama is never shrunk and never fed to a photo model as it is: :func:`detect` renders
perspective views of the sphere (:mod:`.views` plans them, :mod:`.render` samples them), runs
the ordinary planar detection on each, carries every detection back to the panorama as the
outline the panorama shows (:mod:`.mapping`), and merges the duplicates of overlapping views
and of the 360° seam into one detection per object (:mod:`.merge`). :mod:`.gpano` reads the
panorama's GPano metadata; :mod:`.sphere` holds the conventions and the projection math.
"""
from functools import lru_cache
from typing import Callable, List

import numpy as np

from ..errors import Canceled
from ..types import Detection
from . import evidence, gpano, mapping, merge, render, views
from .sphere import Geometry

__all__ = ["detect", "evidence", "gpano", "Geometry"]


@lru_cache(maxsize=8)
def _views(geometry: Geometry):
    return views.plan_views(geometry, views.PASSES)


def detect(
    rgb: np.ndarray,
    geometry: Geometry,
    detect_view: Callable[..., List[Detection]],
    is_canceled: Callable[[], bool] = lambda: False,
) -> List[Detection]:
    """Every object in a panorama (RGB uint8, H×W×3), in its pixels, one detection per object.

    ``detect_view(view, smallest, largest)`` is the planar detection (an RGB view and the
    band of object sizes, in its pixels, that the view is responsible for; detections in its
    pixels out);
    the returned detections carry their panorama outline as ``polygon`` and their place on the
    sphere in ``extra`` (see :func:`.mapping.to_panorama`).
    """
    found: List[Detection] = []
    for view in _views(geometry):
        if is_canceled():
            raise Canceled("Canceled.")
        image = render.render(rgb, geometry, view)
        if image is None:
            continue
        detections = detect_view(image, view.smallest, view.largest)
        found.extend(mapping.to_panorama(d, view, geometry) for d in detections)
    return merge.merge(found, geometry)
