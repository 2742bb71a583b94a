"""The points to anonymize: a point layer read with OGR, or a folder of geotagged photos.

Either way the run gets :class:`Points`: the layer's CRS and fields, and one :class:`Point` per
feature with its attributes, its geometry and the camera position footprints start from. A
layer must be of points (or a CSV with coordinate columns) and hold a text field of image paths,
as the QGIS algorithm requires; anything else is refused before any image is touched.

A folder becomes the layer ``native:importphotos`` would make of it (``photo``, ``filename``,
``directory``, ``altitude``, ``direction``, ``longitude``, ``latitude``, ``timestamp``; points in
EPSG:4326 from EXIF GPS, the heading from ``GPSImgDirection``), except that a photo without a GPS
position is kept, without a geometry: it is anonymized all the same, only its detections cannot
be placed on a map.
"""
import os
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

import piexif
from osgeo import gdal, ogr, osr

from ..errors import GeoBlurError

gdal.UseExceptions()
ogr.UseExceptions()
osr.UseExceptions()

#: the formats the engine reads (core.imageio.FORMATS)
PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
#: coordinate columns of a CSV, as GDAL's CSV driver looks for them
CSV_OPTIONS = ["X_POSSIBLE_NAMES=longitude,lon,lng,x,easting", "Y_POSSIBLE_NAMES=latitude,lat,y,northing",
               "AUTODETECT_TYPE=YES"]
FOLDER_FIELDS = (("photo", ogr.OFTString), ("filename", ogr.OFTString), ("directory", ogr.OFTString),
                 ("altitude", ogr.OFTReal), ("direction", ogr.OFTReal), ("longitude", ogr.OFTReal),
                 ("latitude", ogr.OFTReal), ("timestamp", ogr.OFTString))


@dataclass
class Field:
    """An input field, enough to create it again in the images layer."""

    name: str
    type: int  # ogr.OFT*
    subtype: int = ogr.OFSTNone
    width: int = 0
    precision: int = 0


@dataclass
class Point:
    fid: int
    attributes: list
    wkb: Optional[bytes]  # the feature's geometry in the layer's CRS, None without one
    camera: Optional[Tuple[float, float]]  # x, y of its (first) point


@dataclass
class Points:
    srs: Optional[osr.SpatialReference]  # None: unknown (its units are taken for metres)
    geometry_type: int  # ogr.wkb*
    fields: List[Field]
    photo_index: int
    heading_index: Optional[int]
    rows: List[Point] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)  # what the user should know about the input

    @property
    def field_names(self) -> List[str]:
        return [f.name for f in self.fields]


def read(path: str, layer_name: Optional[str], photo_field: str, heading_field: str, csv_crs: str) -> Points:
    """The points of ``path`` (a folder or a vector file). Raises GeoBlurError saying what is
    wrong with the input."""
    if os.path.isdir(path):
        return read_folder(path)
    if not os.path.exists(path):
        raise GeoBlurError(f"The input {path} does not exist.")
    return read_layer(path, layer_name, photo_field, heading_field, csv_crs)


def _traditional(srs: Optional[osr.SpatialReference]) -> Optional[osr.SpatialReference]:
    """``srs`` with x = longitude/easting whatever its authority says, as QGIS has it."""
    if srs is not None:
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def read_layer(path: str, layer_name: Optional[str], photo_field: str, heading_field: str,
               csv_crs: str) -> Points:
    is_csv = path.lower().endswith(".csv")
    try:
        dataset = gdal.OpenEx(path, gdal.OF_VECTOR, open_options=CSV_OPTIONS if is_csv else [])
    except RuntimeError as error:
        raise GeoBlurError(f"{path} is not a vector file GDAL can read: {error}") from None
    layer = _layer(dataset, path, layer_name)
    if ogr.GT_Flatten(layer.GetGeomType()) not in (ogr.wkbPoint, ogr.wkbMultiPoint, ogr.wkbUnknown):
        what = ("has no coordinate columns (name them lon and lat, or x and y)" if is_csv else
                f"is a {ogr.GeometryTypeToName(layer.GetGeomType())} layer")
        raise GeoBlurError(f"{path} {what}: GeoBlur needs one point per image.")
    srs = layer.GetSpatialRef()
    if srs is None and is_csv:
        srs = osr.SpatialReference()
        try:
            srs.SetFromUserInput(csv_crs)
        except RuntimeError:
            raise GeoBlurError(f"--crs {csv_crs!r} is not a CRS GDAL knows.") from None
    points = Points(_traditional(srs.Clone() if srs is not None else None), layer.GetGeomType(),
                    _fields(layer.GetLayerDefn()), 0, None)
    points.photo_index = _photo_index(points, path, photo_field)
    if heading_field:
        if heading_field in points.field_names:
            points.heading_index = points.field_names.index(heading_field)
        else:
            points.notes.append(f"The layer has no heading field {heading_field!r}: detections are placed at "
                                "the camera.")
    if points.srs is None:
        points.notes.append("The layer has no CRS: footprints assume its units are metres.")
    for feature in layer:
        geometry = feature.GetGeometryRef()
        points.rows.append(Point(feature.GetFID(), [_value(feature, i) for i in range(len(points.fields))],
                                 geometry.ExportToWkb() if geometry is not None else None, _camera(geometry)))
    return points


def _layer(dataset, path: str, name: Optional[str]):
    """The layer named ``name``, else the file's only layer with geometries (a GeoPackage saved by
    QGIS also holds its ``layer_styles`` table)."""
    layers = [dataset.GetLayer(i) for i in range(dataset.GetLayerCount())]
    names = [layer.GetName() for layer in layers]
    if name:
        if name not in names:
            raise GeoBlurError(f"{path} has no layer {name!r}; its layers are: {', '.join(names)}.")
        return dataset.GetLayerByName(name)
    spatial = [layer for layer in layers if layer.GetGeomType() != ogr.wkbNone] or layers
    if len(spatial) != 1:
        raise GeoBlurError(f"{path} holds {len(spatial)} layers ({', '.join(names) or 'none'}): choose one with "
                           "--layer.")
    return spatial[0]


def _fields(definition) -> List[Field]:
    fields = []
    for i in range(definition.GetFieldCount()):
        f = definition.GetFieldDefn(i)
        fields.append(Field(f.GetName(), f.GetType(), f.GetSubType(), f.GetWidth(), f.GetPrecision()))
    return fields


def _photo_index(points: Points, path: str, name: str) -> int:
    """The index of the text field with the image paths, or GeoBlurError naming the choices."""
    if name not in points.field_names:
        raise GeoBlurError(f"{path} has no field {name!r} for the image paths; its fields are: "
                           f"{', '.join(points.field_names)}. Choose one with --photo-field.")
    index = points.field_names.index(name)
    if points.fields[index].type != ogr.OFTString:
        raise GeoBlurError(f"The field {name!r} holds {ogr.GetFieldTypeName(points.fields[index].type)} values, "
                           "not text, so it cannot hold image paths. Choose the text field with the paths "
                           "(--photo-field).")
    return index


def _value(feature, index: int):
    return feature.GetField(index) if feature.IsFieldSetAndNotNull(index) else None


def _camera(geometry) -> Optional[Tuple[float, float]]:
    """The camera position of a geometry (the first point of a multipoint), or None."""
    if geometry is None or geometry.IsEmpty():
        return None
    if ogr.GT_Flatten(geometry.GetGeometryType()) == ogr.wkbMultiPoint:
        geometry = geometry.GetGeometryRef(0)
    return geometry.GetX(), geometry.GetY()


# --- a folder of geotagged photos ----------------------------------------------------------------

def read_folder(folder: str) -> Points:
    """Every photo below ``folder`` (sorted, links to folders not followed), as a point layer in
    EPSG:4326."""
    wgs84 = osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    names = [name for name, _ in FOLDER_FIELDS]
    points = Points(_traditional(wgs84), ogr.wkbPoint, [Field(name, kind) for name, kind in FOLDER_FIELDS],
                    names.index("photo"), names.index("direction"))
    unplaced = 0
    for path in photos_below(folder):
        tags = gps_tags(path)
        lon, lat = tags.get("longitude"), tags.get("latitude")
        wkb = None
        if lon is not None and lat is not None:
            point = ogr.Geometry(ogr.wkbPoint)
            point.AddPoint_2D(lon, lat)
            wkb = point.ExportToWkb()
        else:
            unplaced += 1
        attributes = [path, os.path.basename(path), os.path.dirname(path)] + [tags.get(name) for name in names[3:]]
        points.rows.append(Point(len(points.rows) + 1, attributes, wkb, (lon, lat) if wkb else None))
    if not points.rows:
        raise GeoBlurError(f"No photos ({', '.join(PHOTO_EXTENSIONS)}) were found below {folder}.")
    if unplaced:
        points.notes.append(f"{unplaced} of {len(points.rows)} photos have no GPS position in their EXIF: they are "
                            "anonymized all the same, without a point, and their detections are not mapped.")
    return points


def photos_below(folder: str) -> List[str]:
    found = []
    for directory, subfolders, files in os.walk(os.path.abspath(folder)):
        subfolders.sort()
        found += [os.path.join(directory, name) for name in sorted(files)
                  if name.lower().endswith(PHOTO_EXTENSIONS)]
    return found


def gps_tags(path: str) -> dict:
    """longitude, latitude, altitude, direction (GPSImgDirection) and timestamp (DateTimeOriginal,
    ISO) from a photo's EXIF; a tag that is absent or unreadable is left out."""
    try:
        exif = piexif.load(path)
    except Exception:  # noqa: BLE001 - no EXIF, or EXIF piexif cannot read: the photo has no position
        return {}
    gps, tags = exif.get("GPS") or {}, {}
    latitude = _degrees(gps.get(piexif.GPSIFD.GPSLatitude), gps.get(piexif.GPSIFD.GPSLatitudeRef), b"S")
    longitude = _degrees(gps.get(piexif.GPSIFD.GPSLongitude), gps.get(piexif.GPSIFD.GPSLongitudeRef), b"W")
    if latitude is not None and longitude is not None and abs(latitude) <= 90 and abs(longitude) <= 180:
        tags.update(latitude=latitude, longitude=longitude)
    altitude = _rational(gps.get(piexif.GPSIFD.GPSAltitude))
    if altitude is not None:
        tags["altitude"] = -altitude if gps.get(piexif.GPSIFD.GPSAltitudeRef) == 1 else altitude
    direction = _rational(gps.get(piexif.GPSIFD.GPSImgDirection))
    if direction is not None:
        tags["direction"] = direction % 360
    taken = (exif.get("Exif") or {}).get(piexif.ExifIFD.DateTimeOriginal)
    if isinstance(taken, bytes) and len(taken) >= 19:
        text = taken[:19].decode("ascii", "replace")
        tags["timestamp"] = text[:10].replace(":", "-") + "T" + text[11:]
    return tags


def _rational(value) -> Optional[float]:
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, int) for v in value) and value[1]:
        return value[0] / value[1]
    return None


def _degrees(dms, ref, negative: bytes) -> Optional[float]:
    """Degrees from EXIF's (degrees, minutes, seconds) rationals and their N/S or E/W reference."""
    if not isinstance(dms, tuple) or len(dms) != 3:
        return None
    parts = [_rational(part) for part in dms]
    if any(part is None for part in parts):
        return None
    value = parts[0] + parts[1] / 60 + parts[2] / 3600
    return -value if ref == negative else value
