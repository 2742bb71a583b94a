"""Plain-text tables of benchmark results (the benchmark prints; the plugin never does)."""
from typing import List, Optional, Sequence

COLUMNS = ("class", "size", "objects", "pixels_obscured", "r50", "r90", "over")


def _f(value, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def table(headers: Sequence[str], lines: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(h)), *(len(str(line[i])) for line in lines)) if lines else len(str(h)) for i, h in enumerate(headers)]
    out = ["  ".join(str(h).ljust(w) if i < 2 else str(h).rjust(w) for i, (h, w) in enumerate(zip(headers, widths)))]
    out.append("  ".join("-" * w for w in widths))
    for line in lines:
        out.append("  ".join(str(v).ljust(w) if i < 2 else str(v).rjust(w) for i, (v, w) in enumerate(zip(line, widths))))
    return "\n".join(out)


def coverage_table(rows: List[dict]) -> str:
    lines = [
        (r["cls"], r["size"], r["objects"], _f(r["pixels_obscured"]), _f(r["r50"]), _f(r["r90"]), _f(r["over"], 4))
        for r in rows
    ]
    return table(COLUMNS, lines)


def throughput(result: dict) -> str:
    seconds, done = result.get("seconds") or 0.0, result.get("anonymized", 0)
    if not seconds or not done:
        return "throughput: nothing anonymized"
    line = (
        f"throughput: {done} images in {seconds:.1f} s = {done / seconds:.3g} images/s ({seconds / done:.2f} s/image), "
        f"{result.get('megapixels', 0) / seconds:.1f} MP/s; device {result.get('device', '?')}; "
        f"peak memory {result.get('peak_mb', 0):.0f} MB"
    )
    if "load_s" in result:
        line += f"; model load {result['load_s']:.1f} s"
    if result.get("startup_s"):
        line += f"; start-up {result['startup_s']:.1f} s not counted"
    return line


def _overall(rows: List[dict], size: str = "all") -> Optional[dict]:
    """The row of all objects (the class row when the set has one class) for a size."""
    classes = {r["cls"] for r in rows if r["cls"] != "all"}
    wanted = "all" if len(classes) != 1 else classes.pop()
    for r in rows:
        if r["cls"] == wanted and r["size"] == size:
            return r
    return None


def side_by_side(geoblur: dict, deface: dict) -> str:
    """GeoBlur and deface on the same images. GeoBlur is shown scored both ways: from its hard
    masks (conservative: its feathered edge counts for nothing) and from its copies (the rule
    deface is scored with; a feathered edge counts where it changed pixels beyond the noise)."""
    name = deface.get("tool", "deface")
    tools = [
        ("GeoBlur masks", geoblur.get("rows") or [], geoblur),
        ("GeoBlur copies", geoblur.get("output_rows") or [], geoblur),
        (f"{name} copies", deface.get("rows") or [], deface),
    ]
    sizes = ["all"] + list(dict.fromkeys(r["size"] for _, rows, _ in tools for r in rows if r["size"] != "all"))
    lines = []
    for size in sizes:
        cells = [_overall(rows, size) for _, rows, _ in tools]
        if not any(c and c["objects"] for c in cells):
            continue
        for key in ("r90", "r50", "pixels_obscured"):
            lines.append((f"{key} ({size})", "", *(_f(c[key]) if c else "-" for c in cells)))
    cells = [_overall(rows) for _, rows, _ in tools]
    lines.append(("over", "", *(_f(c["over"], 4) if c else "-" for c in cells)))
    lines.append(("seconds", "", *(_f(r.get("seconds"), 1) for _, _, r in tools)))
    lines.append(
        ("images/s", "", *(_f(r.get("anonymized", 0) / r["seconds"], 2) if r.get("seconds") else "-" for _, _, r in tools))
    )
    lines.append(("peak MB", "", *(_f(r.get("peak_mb"), 0) for _, _, r in tools)))
    text = table(("figure", "", *(label for label, _, _ in tools)), lines)
    if geoblur.get("seconds") and deface.get("seconds"):
        text += f"\ntime ratio {name} / GeoBlur: {deface['seconds'] / geoblur['seconds']:.2f}"
    return text


def summary(results: List[dict]) -> str:
    headers = ("set", "tool", "images", "objects", "pixels", "r50", "r90", "r90 small", "over", "img/s", "MP/s", "peak MB")
    lines = []
    errors = []
    for r in results:
        if "error" in r:
            errors.append(f"ERROR {r['set']} / {r['tool']}: {r['error']}")
        if not r.get("anonymized"):
            continue
        head = r.get("headline") or {}
        rows = r.get("rows") or []
        overall = _overall(rows) if rows else None
        small = next((x for x in rows if x["size"].startswith("S ") and overall and x["cls"] == overall["cls"]), None)
        seconds = r.get("seconds") or 0
        lines.append(
            (
                r["set"], r["tool"], r.get("anonymized", 0), head.get("objects", "-"),
                _f(overall["pixels_obscured"]) if overall else "-",
                _f(overall["r50"]) if overall else "-",
                _f(overall["r90"]) if overall else "-",
                _f(small["r90"]) if small else "-",
                _f(overall["over"], 4) if overall else "-",
                f"{r.get('anonymized', 0) / seconds:.3g}" if seconds else "-",
                _f(r.get("megapixels", 0) / seconds, 1) if seconds else "-",
                _f(r.get("peak_mb"), 0),
            )
        )
    return "\n".join([table(headers, lines)] + errors)
