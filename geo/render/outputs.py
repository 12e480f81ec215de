"""Any export by its file suffix: the one entry point of ``python -m geo export``.

Above both ``geo.render.exports`` (GeoJSON, CSV, HTML) and ``geo.render.briefing``
(PNG, PDF, SVG), so neither has to know the other.
"""

from __future__ import annotations

from pathlib import Path

from geo.core.errors import ExportError
from geo.core.model import Dataset
from geo.render.briefing import write_briefing, write_timeline_image
from geo.render.exports import write_csv, write_geojson, write_html
from geo.render.filters import Filters


def write_export(dataset: Dataset, filters: Filters, path: Path) -> Path:
    """Write by suffix: .geojson/.json, .csv, .html, .png/.pdf (briefing), .svg (timeline)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".geojson", ".json"):
        return write_geojson(dataset, filters, path)
    if suffix == ".csv":
        return write_csv(dataset, filters, path)
    if suffix in (".html", ".htm"):
        return write_html(dataset, filters, path)
    if suffix in (".png", ".pdf"):
        return write_briefing(dataset, filters, path)
    if suffix == ".svg":
        return write_timeline_image(dataset, filters, path)
    raise ExportError(
        f"{path}: unknown export type {suffix or '(none)'!r}; use .geojson, .csv, .html, .png, .pdf or .svg"
    )
