"""Evaluation of anonymization against labelled images: does the output really hide each object?

QGIS-free, shared by the ``geoblur:evaluate`` algorithm and the benchmark (``python -m bench``):

- :func:`load_ground_truth` reads COCO JSON, YOLO txt or Pascal VOC folders into one shape;
- :class:`AnonymizedFolder` / :class:`DetectionMasks` say which pixels an output obscured;
- :func:`evaluate` scores every image (coverage per class and size bucket, see
  :mod:`.coverage`), keeps the worst misses and reports bad annotations;
- :func:`write_report` writes the self-contained HTML report.
"""
from .coverage import ALL, DEFAULT_EDGES, ObjectScore, Row, Tally, bucket_labels, parse_edges
from .groundtruth import FORMATS, GroundTruth, GtImage, GtObject, Problem, load_ground_truth
from .report import TEXTS, write_report
from .runner import Evaluation, evaluate
from .sources import AnonymizedFolder, DetectionMasks, read_pixels

__all__ = [
    "ALL",
    "DEFAULT_EDGES",
    "FORMATS",
    "TEXTS",
    "AnonymizedFolder",
    "DetectionMasks",
    "Evaluation",
    "GroundTruth",
    "GtImage",
    "GtObject",
    "ObjectScore",
    "Problem",
    "Row",
    "Tally",
    "bucket_labels",
    "evaluate",
    "load_ground_truth",
    "parse_edges",
    "read_pixels",
    "write_report",
]
