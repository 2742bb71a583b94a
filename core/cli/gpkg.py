"""The run's two GeoPackages, written with OGR: the same columns and rows as the QGIS
algorithm's ``OUTPUT`` and ``OUTPUT_IMAGES`` (:mod:`core.outputs`), and the same footprints.

Footprints come from the engine as rings of east/north metres round the camera
(:func:`core.footprints.footprint`). Those metres are exact in an azimuthal equidistant
projection centred on the camera, so each camera gets one such local CRS and its rings are
transformed from there into the layer's CRS, as ``processing_provider/footprint_geometry.py``
does with QGIS. A footprint without a direction is the camera circle
(:func:`core.footprints.camera_ring`); a point without a position gives detections without a
geometry.

Rows are committed in batches (a GeoPackage row per transaction is slow), and whatever was
written is committed when the run stops, canceled or not. Each layer is named after its file,
as QGIS names a layer it saves to a new GeoPackage.
"""
import datetime
import os
from typing import Callable, Optional, Sequence, Tuple

from osgeo import gdal, ogr, osr

from .. import outputs
from ..errors import GeoBlurError
from ..footprints import camera_ring, footprint
from .points import Point, Points

gdal.UseExceptions()
ogr.UseExceptions()
osr.UseExceptions()

#: the OGR type of each kind of :mod:`core.outputs`
OGR_TYPES = {"int": ogr.OFTInteger, "int64": ogr.OFTInteger64, "real": ogr.OFTReal, "text": ogr.OFTString}
COMMIT_EVERY = 1000
#: the QGIS styles of the two layers, exported from qgis_support/styles.py by ``make styles``
STYLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "styles")
#: QGIS's layer_styles columns (name, width) that a default style needs
STYLE_COLUMNS = (("f_table_catalog", 256), ("f_table_schema", 256), ("f_table_name", 256),
                 ("f_geometry_column", 256), ("styleName", 30), ("styleQML", 0), ("useAsDefault", 0),
                 ("description", 0), ("update_time", 0))


class Projector:
    """Turns local east/north rings around cameras into polygons in the layer's CRS."""

    def __init__(self, srs: Optional[osr.SpatialReference]):
        self.srs = srs
        self.to_wgs84 = None
        if srs is not None:
            wgs84 = osr.SpatialReference()
            wgs84.ImportFromEPSG(4326)
            wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
            self.to_wgs84 = osr.CoordinateTransformation(srs, wgs84)

    def local_to_layer(self, camera: Tuple[float, float]) -> Optional[Callable]:
        """A function from a ring of east/north metres round ``camera`` to its points in the
        layer's CRS, or None when the camera cannot be placed on the globe."""
        x, y = camera
        if self.to_wgs84 is None:  # unknown CRS: the best guess is that its units are metres
            return lambda ring: [(x + east, y + north) for east, north in ring]
        try:
            lon, lat, _ = self.to_wgs84.TransformPoint(x, y)
            local = osr.SpatialReference()
            local.ImportFromProj4(f"+proj=aeqd +lat_0={lat:.10f} +lon_0={lon:.10f} +datum=WGS84 +units=m +no_defs")
            local.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
            transform = osr.CoordinateTransformation(local, self.srs)
        except RuntimeError:
            return None
        return lambda ring: [point[:2] for point in transform.TransformPoints([tuple(p) for p in ring])]

    @staticmethod
    def polygon(to_layer, ring: Optional[Sequence[Tuple[float, float]]]) -> Optional[ogr.Geometry]:
        """The polygon of a ring (None: the camera circle) through ``to_layer``; None (no
        geometry) when the camera has no position."""
        if to_layer is None:
            return None
        try:
            points = to_layer(ring or camera_ring())
        except RuntimeError:
            return None
        linear = ogr.Geometry(ogr.wkbLinearRing)
        for x, y in points:
            linear.AddPoint_2D(x, y)
        polygon = ogr.Geometry(ogr.wkbPolygon)
        polygon.AddGeometry(linear)
        return polygon


def create(path: str, geometry_type: int, srs, fields) -> Tuple[object, object]:
    """A new GeoPackage at ``path`` (replacing a file there) with one layer, named after the
    file, of ``fields`` (name, OGR type, subtype, width, precision). Returns (dataset, layer):
    keep the dataset while the layer is used."""
    if os.path.lexists(path):
        if not os.path.isfile(path) or os.path.islink(path):
            raise GeoBlurError(f"{path} is not a file GeoBlur may replace: choose another path.")
        os.remove(path)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        dataset = ogr.GetDriverByName("GPKG").CreateDataSource(path)
        layer = dataset.CreateLayer(os.path.splitext(os.path.basename(path))[0], srs, geometry_type)
        for name, kind, subtype, width, precision in fields:
            definition = ogr.FieldDefn(name, kind)
            definition.SetSubType(subtype)
            definition.SetWidth(width)
            definition.SetPrecision(precision)
            layer.CreateField(definition)
    except (OSError, RuntimeError) as error:
        raise GeoBlurError(f"Cannot write the GeoPackage {path}: {error}") from None
    return dataset, layer


class GeoPackages:
    """Writes one image's outcome to both GeoPackages and keeps the run's counts, as
    ``processing_provider/sinks.Outputs`` does for QGIS sinks."""

    def __init__(self, detections_path: str, images_path: str, points: Points, record: dict):
        self.record = record
        self.projector = Projector(points.srs)
        self.counts = outputs.Counts()
        self.detections = create(detections_path, ogr.wkbPolygon, points.srs,
                                 [(name, OGR_TYPES[kind], ogr.OFSTNone, 0, 0) for name, kind in outputs.DETECTION_FIELDS])
        ours = outputs.image_field_names(points.field_names)
        self.images = create(images_path, points.geometry_type, points.srs,
                             [(f.name, f.type, f.subtype, f.width, f.precision) for f in points.fields]
                             + [(name, OGR_TYPES[kind], ogr.OFSTNone, 0, 0)
                                for name, (_, kind) in zip(ours, outputs.IMAGE_FIELDS)])
        self.pending = 0
        for dataset, _ in (self.detections, self.images):
            dataset.StartTransaction()

    def processed(self, point: Point, result, error: str) -> None:
        """An image the engine processed (anonymized, failed closed, or skipped as up to date):
        its row, and one footprint per detection, placed from the point's camera."""
        to_layer = self.projector.local_to_layer(point.camera) if point.camera is not None else None
        for detection in result.detections:
            place = footprint(result, detection)
            self._add(self.detections[1], outputs.detection_row(point.fid, result, detection, place, self.record),
                      self.projector.polygon(to_layer, place["ring"]))
        self._row(point, outputs.processed_outcome(result, error))

    def not_processed(self, point: Point, status: str, error: str) -> None:
        """An image the engine never saw: a path that is not usable."""
        self._row(point, outputs.unprocessed_outcome(status, error))

    def _row(self, point: Point, outcome: list) -> None:
        self.counts.add(outcome)
        geometry = ogr.CreateGeometryFromWkb(point.wkb) if point.wkb is not None else None
        self._add(self.images[1], outputs.image_row(point.attributes, outcome, self.record), geometry, point.fid)

    def _add(self, layer, values: list, geometry, fid: Optional[int] = None) -> None:
        feature = ogr.Feature(layer.GetLayerDefn())
        if fid is not None:  # the input's fid, as QGIS keeps it
            feature.SetFID(fid)
        for index, value in enumerate(values):
            if value is None:
                feature.SetFieldNull(index)
            else:
                feature.SetField(index, value)
        if geometry is not None:
            feature.SetGeometry(geometry)
        layer.CreateFeature(feature)
        self.pending += 1
        if self.pending >= COMMIT_EVERY:
            self.commit()

    def commit(self) -> None:
        for dataset, _ in (self.detections, self.images):
            dataset.CommitTransaction()
            dataset.StartTransaction()
        self.pending = 0

    def close(self) -> None:
        """Commit what was written, store each layer's style as its default, close both files."""
        for (dataset, layer), kind in ((self.detections, "detections"), (self.images, "images")):
            dataset.CommitTransaction()
            store_style(dataset, layer.GetName(), layer.GetGeometryColumn() or "geom", kind)
        self.detections = self.images = None


def store_style(dataset, table: str, geometry_column: str, kind: str) -> None:
    """Store GeoBlur's QGIS style of ``kind`` (``styles/<kind>.qml``: symbols by class or status,
    the map tip with the anonymized copy, the actions) as the default style of ``table``, in the
    ``layer_styles`` table QGIS reads and writes, so QGIS shows the layer as it shows the
    algorithm's."""
    with open(os.path.join(STYLES, f"{kind}.qml"), encoding="utf-8") as handle:
        qml = handle.read()
    styles = dataset.GetLayerByName("layer_styles")
    if styles is None:
        styles = dataset.CreateLayer("layer_styles", geom_type=ogr.wkbNone, options=["FID=id"])
        for name, width in STYLE_COLUMNS:
            ogr_type = {"useAsDefault": ogr.OFTInteger, "update_time": ogr.OFTDateTime}.get(name, ogr.OFTString)
            field = ogr.FieldDefn(name, ogr_type)
            if name == "useAsDefault":
                field.SetSubType(ogr.OFSTBoolean)
            field.SetWidth(width)
            styles.CreateField(field)
    row = ogr.Feature(styles.GetLayerDefn())
    for name, value in (("f_table_catalog", ""), ("f_table_schema", ""), ("f_table_name", table),
                        ("f_geometry_column", geometry_column), ("styleName", "GeoBlur"), ("styleQML", qml),
                        ("useAsDefault", 1), ("description", "GeoBlur's style: symbols, map tip and actions"),
                        ("update_time", datetime.datetime.now(datetime.timezone.utc).strftime("%Y/%m/%d %H:%M:%S+00"))):
        row.SetField(name, value)
    styles.CreateFeature(row)
