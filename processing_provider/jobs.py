"""From the features of a point layer to the engine's image jobs.

Each feature becomes a :class:`Planned` entry: either an :class:`core.types.ImageJob`, or the
reason it cannot be one (NULL path, a value that is not text, a relative path climbing out of the
base folder). Those reasons name the feature and its value, and the feature is reported as
failed rather than stopping the run: one bad row must not cost the other ten thousand images.
"""
import os
from dataclasses import dataclass
from typing import List, Optional

from qgis.core import QgsFeature, QgsProviderRegistry
from qgis.PyQt.QtCore import QVariant

from ..core.errors import ImageError
from ..core.paths import place, resolve_source
from ..core.types import ImageJob
from ..qgis_support.i18n import tr


@dataclass
class Planned:
    feature: QgsFeature
    job: Optional[ImageJob] = None
    error: str = ""


def python_value(value):
    """A QVariant NULL as None; other attribute values as they are."""
    if isinstance(value, QVariant) and value.isNull():
        return None
    return value


def layer_folder(layer) -> str:
    """The folder of a file-based layer ('' for memory, database and web layers)."""
    if layer is None:
        return ""
    path = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source()).get("path") or ""
    return os.path.dirname(os.path.abspath(path)) if path and os.path.exists(path) else ""


def heading_of(feature: QgsFeature, heading_field: str, log) -> Optional[float]:
    """The camera heading of a feature in degrees, or None when the field is absent, NULL or not a
    number (then the detections' footprints fall back to the camera point)."""
    if not heading_field:
        return None
    value = python_value(feature[heading_field])
    if value is None:
        return None
    try:
        return float(value) % 360
    except (TypeError, ValueError):
        log(tr("Feature {fid}: heading {value!r} in field {field} is not a number; "
               "its detections are placed at the camera.").format(fid=feature.id(), value=value, field=heading_field))
        return None


def plan_jobs(features, image_field: str, heading_field: str, base_folder: str, output_folder: str,
         log) -> List[Planned]:
    """One entry per feature, in layer order, with output paths that never collide or leave
    ``output_folder`` and depend on each source alone. Raises GeoBlurError when the output folder
    lies among the originals (see :func:`core.paths.check_output_folder`)."""
    entries = []
    for feature in features:
        value = python_value(feature[image_field])
        entry = Planned(QgsFeature(feature))
        try:
            if not base_folder and isinstance(value, str) and value.strip() and not os.path.isabs(
                    os.path.expanduser(value.strip())):
                raise ImageError(tr(
                    "The image path {value!r} is relative but there is no base folder: set BASE_FOLDER "
                    "or use a layer saved in a file.").format(value=value))
            source = resolve_source(value, base_folder or os.sep)
            entry.job = ImageJob(feature.id(), source, "", heading_of(feature, heading_field, log))
        except ImageError as error:
            entry.error = tr("Feature {fid}: {reason}").format(fid=feature.id(), reason=error)
        entries.append(entry)
    refused = place([e.job for e in entries if e.job], base_folder, output_folder)
    for entry in entries:
        if entry.job and entry.job.source in refused:
            entry.error = tr("Feature {fid}: {reason}").format(fid=entry.feature.id(), reason=refused[entry.job.source])
            entry.job = None
    return entries
