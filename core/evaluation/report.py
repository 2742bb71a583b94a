"""The HTML report: the coverage table, a gallery of the worst misses, and the bad annotations.

The file is self-contained (crops embedded as base64 JPEG) so it can be mailed, archived with a
data-protection assessment, or opened in QGIS's results viewer. The crops show the *original*
pixels of objects the tool failed to obscure: the report is as sensitive as the originals.
"""
import base64
import heapq
import html
import itertools
import os
from dataclasses import dataclass
from typing import List, Optional, Sequence

import cv2
import numpy as np

from .coverage import ObjectScore, Row

#: an object below this coverage is a miss worth showing
MISS = 0.9
CROP_SIDE = 192  # px, the longer side of a gallery crop
CONTEXT = 2.5  # the crop is the object's extent grown this much about its centre
GROUND_TRUTH_COLOUR = (0, 0, 255)  # BGR red
OBSCURED_TINT = np.array([255, 160, 0], np.float32)  # BGR light blue


@dataclass
class Miss:
    score: ObjectScore
    jpeg: bytes


class Gallery:
    """Keeps crops of the ``size`` worst-covered objects seen so far (large objects first among
    equals: a big face left visible is the worst breach)."""

    def __init__(self, size: int = 12):
        self.size = size
        self._heap: list = []
        self._order = itertools.count()

    def offer(self, score: ObjectScore, original: np.ndarray, obscured: np.ndarray) -> None:
        if score.coverage >= MISS or self.size <= 0:
            return
        badness = (-score.coverage, score.pixels)
        if len(self._heap) >= self.size and badness <= self._heap[0][0]:
            return
        entry = (badness, next(self._order), Miss(score, _crop(score, original, obscured)))
        if len(self._heap) < self.size:
            heapq.heappush(self._heap, entry)
        else:
            heapq.heapreplace(self._heap, entry)

    def misses(self) -> List[Miss]:
        return [entry[2] for entry in sorted(self._heap, key=lambda e: (e[0], -e[1]), reverse=True)]


def _crop(score: ObjectScore, original: np.ndarray, obscured: np.ndarray) -> bytes:
    """JPEG of the object's surroundings: obscured pixels tinted, the labelled shape outlined."""
    height, width = original.shape[:2]
    box = max(score.boxes, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    half = max(box[2] - box[0], box[3] - box[1], 24) * CONTEXT / 2
    x0, y0 = max(0, int(cx - half)), max(0, int(cy - half))
    x1, y1 = min(width, int(np.ceil(cx + half))), min(height, int(np.ceil(cy + half)))
    patch = original[y0:y1, x0:x1].astype(np.float32)
    tinted = obscured[y0:y1, x0:x1]
    patch[tinted] = patch[tinted] * 0.5 + OBSCURED_TINT * 0.5
    scale = CROP_SIDE / max(x1 - x0, y1 - y0)
    patch = cv2.resize(
        patch.astype(np.uint8), (max(1, round((x1 - x0) * scale)), max(1, round((y1 - y0) * scale))),
        interpolation=cv2.INTER_NEAREST if scale > 1 else cv2.INTER_AREA,
    )
    for b in score.boxes:
        p0 = (int(round((b[0] - x0) * scale)), int(round((b[1] - y0) * scale)))
        p1 = (int(round((b[2] - x0) * scale)), int(round((b[3] - y0) * scale)))
        if score.cls == "face":
            centre = ((p0[0] + p1[0]) // 2, (p0[1] + p1[1]) // 2)
            axes = (max(1, (p1[0] - p0[0]) // 2), max(1, (p1[1] - p0[1]) // 2))
            cv2.ellipse(patch, centre, axes, 0, 0, 360, GROUND_TRUTH_COLOUR, 2)
        else:
            cv2.rectangle(patch, p0, p1, GROUND_TRUTH_COLOUR, 2)
    return cv2.imencode(".jpg", patch, [cv2.IMWRITE_JPEG_QUALITY, 85])[1].tobytes()


STYLE = """
body{font-family:sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;margin:1em 0}
th,td{border:1px solid #bbb;padding:3px 8px;text-align:right}
th{background:#eee}td.t{text-align:left}
tr.all td{font-weight:bold}
.bad{color:#b00}
figure{display:inline-block;margin:6px;vertical-align:top;width:200px;font-size:80%}
figure img{display:block;border:1px solid #888}
.note{color:#555;font-size:90%}
"""


def _number(value: Optional[float], digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def write_report(
    path: str,
    rows: Sequence[Row],
    misses: Sequence[Miss],
    problems: Sequence,
    summary: Sequence[tuple],
    texts: dict,
) -> None:
    """Write the report. ``summary`` is (label, value) pairs shown on top; ``texts`` holds the
    translated headings and explanations (the engine has no translator): keys ``title``,
    ``table``, ``columns`` (7 names), ``metric``, ``gallery``, ``gallery_note``, ``no_misses``,
    ``problems``, ``no_problems``, ``more_problems`` (with ``{count}``), ``caption`` (with
    ``{image}``, ``{cls}``, ``{size}``, ``{coverage}``, ``{label}``)."""
    esc = html.escape
    out = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<title>{esc(texts['title'])}</title><style>{STYLE}</style></head><body>",
        f"<h1>{esc(texts['title'])}</h1><table>",
    ]
    out += [f"<tr><td class='t'>{esc(str(k))}</td><td class='t'>{esc(str(v))}</td></tr>" for k, v in summary]
    out.append(f"</table><h2>{esc(texts['table'])}</h2><table><tr>")
    out += [f"<th>{esc(c)}</th>" for c in texts["columns"]]
    out.append("</tr>")
    for row in rows:
        css = " class='all'" if row.size == "all" else ""
        low = " class='bad'" if row.r90 is not None and row.r90 < MISS else ""
        out.append(
            f"<tr{css}><td class='t'>{esc(row.cls)}</td><td class='t'>{esc(row.size)}</td><td>{row.objects}</td>"
            f"<td>{_number(row.pixels_obscured)}</td><td>{_number(row.r50)}</td><td{low}>{_number(row.r90)}</td>"
            f"<td>{_number(row.over, 4)}</td></tr>"
        )
    out.append(f"</table><p class='note'>{esc(texts['metric'])}</p>")
    out.append(f"<h2>{esc(texts['gallery'])}</h2><p class='note'>{esc(texts['gallery_note'])}</p>")
    if not misses:
        out.append(f"<p>{esc(texts['no_misses'])}</p>")
    for miss in misses:
        s = miss.score
        caption = texts["caption"].format(
            image=s.image, cls=s.cls, size=f"{s.size:.0f}", coverage=f"{s.coverage:.2f}", label=s.label
        )
        data = base64.b64encode(miss.jpeg).decode("ascii")
        out.append(
            f"<figure><img src='data:image/jpeg;base64,{data}' alt='{esc(caption)}'>"
            f"<figcaption>{esc(caption)}</figcaption></figure>"
        )
    out.append(f"<h2>{esc(texts['problems'])} ({len(problems)})</h2>")
    if not problems:
        out.append(f"<p>{esc(texts['no_problems'])}</p>")
    else:
        shown = list(problems)[:500]
        out.append("<ul>" + "".join(f"<li>{esc(str(p))}</li>" for p in shown) + "</ul>")
        if len(problems) > len(shown):
            out.append(f"<p>{esc(texts['more_problems'].format(count=len(problems) - len(shown)))}</p>")
    out.append("</body></html>")
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(out))


#: the report's texts in English, for callers without a translator (the benchmark); the QGIS
#: algorithm passes its translated ones
TEXTS = {
    "title": "GeoBlur anonymization report",
    "table": "Coverage by class and size",
    "columns": ("class", "size", "objects", "pixels_obscured", "r50", "r90", "over"),
    "metric": (
        "pixels_obscured: share of the objects' pixels obscured (a face's pixels: the ellipse "
        "inscribed in its box; other classes: the box). r50 / r90: share of objects at least 50% / "
        "90% obscured. over: share of background pixels obscured (away from labelled objects, "
        "crowd and don't-care regions). Size: square root of the box area, in pixels."
    ),
    "gallery": "Worst misses",
    "gallery_note": (
        "Crops of the ORIGINAL images: red = labelled object, blue tint = obscured pixels. This report "
        "shows unanonymized faces and plates: keep it as confidential as the originals."
    ),
    "no_misses": "Every object is at least 90% obscured.",
    "problems": "Annotations not taken as they were",
    "no_problems": "None.",
    "more_problems": "… and {count} more.",
    "caption": "{image} — {cls} {label}, {size} px, {coverage} obscured",
}
