"""Detection footprints as geometries in the layer's CRS.

The engine gives a footprint as a ring of east/north metres around the camera
(:func:`core.footprints.footprint`). Those metres are exact in an azimuthal equidistant
projection centred on the camera, so each camera gets one such local CRS and its rings are
transformed from there into the layer's CRS, whatever that CRS is (degrees or metres).

A footprint without a direction (``ring`` None: no heading or no field of view) is drawn as a
small circle round the camera (:func:`core.footprints.camera_ring`), so the detections layer has
a single geometry type (Polygon); its ``located`` field says "camera". The command line does the
same with OGR (``core/cli/gpkg.py``).
"""
from typing import Callable, Optional, Sequence, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsGeometry,
    QgsPointXY,
)

from ..core.footprints import camera_ring

WGS84 = "EPSG:4326"


def camera_point(geometry: QgsGeometry) -> Optional[QgsPointXY]:
    """The camera position of a feature (the first point of a multipoint), or None without one."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None
    if geometry.isMultipart():
        points = geometry.asMultiPoint()
        return points[0] if points else None
    return geometry.asPoint()


class FootprintProjector:
    """Turns local east/north rings around cameras into polygons in ``crs``."""

    def __init__(self, crs: QgsCoordinateReferenceSystem, transform_context):
        self.crs = crs
        self.context = transform_context
        self.to_wgs84 = (QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem(WGS84), transform_context)
                         if crs.isValid() else None)

    def local_to_layer(self, camera: QgsPointXY) -> Optional[Callable[[float, float], QgsPointXY]]:
        """A function from east/north metres round ``camera`` to points in the layer's CRS, or
        None when the camera's position cannot be placed on the globe."""
        if self.to_wgs84 is None:  # unknown CRS: the best guess is that its units are metres
            return lambda east, north: QgsPointXY(camera.x() + east, camera.y() + north)
        try:
            lonlat = self.to_wgs84.transform(camera)
        except QgsCsException:
            return None
        local = QgsCoordinateReferenceSystem.fromProj(
            f"+proj=aeqd +lat_0={lonlat.y():.10f} +lon_0={lonlat.x():.10f} +datum=WGS84 +units=m +no_defs")
        transform = QgsCoordinateTransform(local, self.crs, self.context)
        return lambda east, north: transform.transform(QgsPointXY(east, north))

    def polygon(self, to_layer, ring: Optional[Sequence[Tuple[float, float]]]) -> QgsGeometry:
        """The polygon of a ring (None: the camera circle) through ``to_layer``; an empty
        geometry when the camera has no position."""
        if to_layer is None:
            return QgsGeometry()
        try:
            points = [to_layer(east, north) for east, north in (ring or camera_ring())]
        except QgsCsException:
            return QgsGeometry()
        return QgsGeometry.fromPolygonXY([points])
