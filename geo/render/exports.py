"""The filtered events as files an analyst keeps: GeoJSON, CSV and a self-contained HTML map.

    dataset_rows (geo.render.rows) -> geojson_text / csv_text / map_html -> write_*

Coordinates are (lon, lat) in EPSG:4326 throughout, as GeoJSON wants them.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from geo.core.countries import country_name
from geo.core.errors import ExportError
from geo.core.model import Dataset
from geo.geometry.basemap import basemap, basemap_for_bounds
from geo.geometry.nato import nato_members
from geo.geometry.shapes import geometry_for
from geo.render.filters import Filters
from geo.render.rows import (
    ATTRIBUTION,
    CSV_COLUMNS,
    LocationRow,
    dataset_rows,
    exercise_colours,
    provenance_counts,
    provenance_text,
)

# Keep exported lines and areas light: ~500 m is far below what a briefing map shows.
_SIMPLIFY_DEGREES = 0.005
_COORD_DECIMALS = 5


# --- GeoJSON ----------------------------------------------------------------


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, _COORD_DECIMALS)
    if isinstance(value, (list, tuple)):
        return [_rounded(item) for item in value]
    return value


@lru_cache(maxsize=512)
def _shape_for(key: str) -> dict[str, Any] | None:
    """The full line/area of a border, region, group or country as a GeoJSON geometry."""
    from shapely.geometry import mapping


    shape = geometry_for(key)
    if shape is None or shape.is_empty:
        return None
    shape = shape.simplify(_SIMPLIFY_DEGREES, preserve_topology=True)
    geometry = mapping(shape)
    return {"type": geometry["type"], "coordinates": _rounded(geometry["coordinates"])}


def row_geometry(row: LocationRow) -> dict[str, Any]:
    """The place's line or area where it has one, else its point (lon, lat)."""
    place = row.location.place
    if place.geometry_key:
        shape = _shape_for(place.geometry_key)
        if shape is not None:
            return shape
    return {
        "type": "Point",
        "coordinates": [round(place.lon, _COORD_DECIMALS), round(place.lat, _COORD_DECIMALS)],
    }


def feature_collection(rows: Iterable[LocationRow], title: str | None = None) -> dict[str, Any]:
    rows = list(rows)
    features = [
        {"type": "Feature", "geometry": row_geometry(row), "properties": row.properties()} for row in rows
    ]
    collection: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    if title:
        collection["name"] = title
    collection["attribution"] = ATTRIBUTION
    collection["provenance"] = _provenance(rows)
    return collection


def _provenance(rows: list[LocationRow]) -> str:
    """The rows' positions: how many extracted automatically, how many checked by an analyst."""
    return provenance_text(provenance_counts(row.location for row in rows))


def geojson_text(dataset: Dataset, filters: Filters) -> str:
    collection = feature_collection(dataset_rows(dataset, filters), title=filters.describe())
    return json.dumps(collection, ensure_ascii=False, indent=1)


def write_geojson(dataset: Dataset, filters: Filters, path: Path) -> Path:
    return _write_text(path, geojson_text(dataset, filters))


# --- CSV ----------------------------------------------------------------------


def csv_text(dataset: Dataset, filters: Filters) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for row in dataset_rows(dataset, filters):
        writer.writerow(row.csv_values())
    return buffer.getvalue()


def write_csv(dataset: Dataset, filters: Filters, path: Path) -> Path:
    path = Path(path)
    try:
        with path.open("w", newline="", encoding="utf-8") as handle:
            handle.write(csv_text(dataset, filters))
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror}); choose another output path") from exc
    return path


# --- self-contained HTML map ----------------------------------------------------


@lru_cache(maxsize=1)
def leaflet_assets() -> tuple[str, str]:
    """Leaflet's JS and CSS from the installed django-js-lib-leaflet wheel, ready to inline.

    Leaflet's attribution prefix links to its website and the CSS comments cite
    bug trackers: both are removed so the file names no external address that a
    browser could follow. The SVG namespace string in the JS is an identifier,
    never fetched, and stays.
    """
    import js_lib_leaflet

    folder = Path(js_lib_leaflet.__file__).parent / "static" / "js_lib_leaflet"
    try:
        script = (folder / "leaflet.js").read_text(encoding="utf-8")
        style = (folder / "leaflet.css").read_text(encoding="utf-8")
    except OSError as exc:
        raise ExportError(
            f"Leaflet files missing in {folder}; reinstall with `pip install django-js-lib-leaflet`"
        ) from exc
    script = script.replace("https://leafletjs.com", "#")
    script = re.sub(r"//# sourceMappingURL=\S+", "", script)
    style = re.sub(r"/\*.*?\*/", "", style, flags=re.DOTALL)
    # Image URLs (layer icons) are relative and unused: our markers are circles.
    return script, style


def _popup_html(row: LocationRow) -> str:
    props = row.properties()
    lines = [
        f"<b>{html.escape(props['event'])}</b>",
        html.escape(f"{props['start'] or '?'} – {props['end'] or '?'}"),
        html.escape(f"{props['place']} ({props['kind']}, {props['role']}); said as “{props['mention']}”"),
        html.escape("Participants: " + (", ".join(country_name(c) for c in props["participants"]) or "?")),
    ]
    if row.distance_phrase:
        lines.append(html.escape(row.distance_phrase + " (NATO border)"))
    if props["troops"]:
        lines.append(html.escape("Troops: " + "; ".join(props["troops"])))
    lines.append(html.escape(f"Confidence {props['confidence']:.2f} ({props['provenance']})"))
    lines.append("<b>Checked by an analyst</b>" if props["verified"] else "Extracted automatically")
    lines.append(f"<i>{html.escape(props['sentence'])}</i>")
    lines.append(html.escape("Source: " + (props["source_title"] or props["source_path"])))
    return "<br>".join(lines)


def _script_json(value: Any) -> str:
    # "</script" would close the element early and "<!--" changes how it is parsed:
    # no "<" at all reaches the page unescaped (JSON and JS read \u003c as "<").
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


def nato_as_of(rows: Iterable[LocationRow]) -> date:
    """The day the alliance is drawn for: the latest exercise start shown (membership changes)."""
    starts = [row.exercise.start for row in rows if row.exercise.start]
    return max(starts) if starts else date.today()


def _basemap_geojson(rows: list[LocationRow], as_of: date) -> dict[str, Any]:
    """Natural Earth countries around the events (the offline stand-in for tiles), NATO members flagged."""
    if rows:
        lons = [row.location.place.lon for row in rows]
        lats = [row.location.place.lat for row in rows]
        world = basemap_for_bounds((min(lons), min(lats), max(lons), max(lats)), scale="50m", margin=12.0)
    else:
        world = basemap("110m")
    members = set(nato_members(as_of))
    world = world.assign(nato=[code in members for code in world["iso3"]])
    return json.loads(world[["name", "nato", "geometry"]].to_json(drop_id=True))


_HTML_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{leaflet_css}</style>
<style>
html, body {{ margin: 0; height: 100%; font-family: sans-serif; }}
#map {{ position: absolute; top: 48px; bottom: 0; left: 0; right: 0; background: #c9dff0; }}
header {{ height: 48px; padding: 4px 12px; box-sizing: border-box; }}
header h1 {{ font-size: 17px; margin: 0; }} header p {{ font-size: 12px; margin: 2px 0; color: #555; }}
.legend {{ background: white; padding: 6px 8px; font-size: 12px; line-height: 18px; border-radius: 4px; }}
.legend span {{ display: inline-block; width: 12px; height: 12px; margin-right: 5px; vertical-align: middle; }}
</style></head>
<body>
<header><h1>{title}</h1><p>{subtitle}</p></header>
<div id="map"></div>
<script>{leaflet_js}</script>
<script>
var basemap = {basemap};
var events = {events};
var colours = {colours};
var natoLabel = {nato_label};
var map = L.map('map', {{attributionControl: false, zoomSnap: 0.25}});
L.control.attribution({{prefix: false}}).addAttribution({attribution}).addTo(map);
L.control.scale({{metric: true, imperial: false}}).addTo(map);
L.geoJSON(basemap, {{style: function (f) {{
  return {{color: '#9a9a9a', weight: 0.8, fillColor: f.properties.nato ? '#e6ebf7' : '#f4f1ea', fillOpacity: 1}};
}}, interactive: false}}).addTo(map);
function styleFor(feature) {{
  var c = colours[feature.properties.event] || '#444';
  var context = feature.properties.role !== 'drill';
  if (feature.geometry.type === 'Point') {{  // L.geoJSON applies style to circle markers too
    return {{radius: context ? 5 : 7, color: '#222', weight: 1, fillColor: c, fillOpacity: context ? 0.35 : 0.9}};
  }}
  var line = feature.geometry.type.indexOf('Line') >= 0;
  return {{color: c, weight: line ? 4 : 1.5, opacity: context ? 0.5 : 0.95,
    fillColor: c, fillOpacity: context ? 0.08 : 0.18, dashArray: context ? '4 4' : null}};
}}
var layer = L.geoJSON(events, {{
  style: styleFor,
  pointToLayer: function (feature, latlng) {{
    var c = colours[feature.properties.event] || '#444';
    var drill = feature.properties.role === 'drill';
    return L.circleMarker(latlng, {{radius: drill ? 7 : 5, color: '#222', weight: 1,
      fillColor: c, fillOpacity: drill ? 0.9 : 0.4}});
  }},
  onEachFeature: function (feature, lyr) {{ lyr.bindPopup(feature.properties._popup, {{maxWidth: 360}}); }}
}}).addTo(map);
if (layer.getLayers().length) {{ map.fitBounds(layer.getBounds().pad(0.15)); }}
else {{ map.setView([53, 25], 5); }}
var legend = L.control({{position: 'topright'}});
legend.onAdd = function () {{
  var div = L.DomUtil.create('div', 'legend');
  Object.keys(colours).forEach(function (name) {{
    var row = document.createElement('div');
    var swatch = document.createElement('span');
    swatch.style.background = colours[name];
    row.appendChild(swatch);
    row.appendChild(document.createTextNode(name));
    div.appendChild(row);
  }});
  if (!Object.keys(colours).length) {{ div.textContent = 'No exercise matches these filters'; }}
  var nato = document.createElement('div');
  var swatch = document.createElement('span');
  swatch.style.background = '#e6ebf7';
  swatch.style.border = '1px solid #9a9a9a';
  nato.appendChild(swatch);
  nato.appendChild(document.createTextNode(natoLabel));
  div.appendChild(nato);
  return div;
}};
legend.addTo(map);
</script>
</body></html>
"""


def map_html(dataset: Dataset, filters: Filters, title: str | None = None) -> str:
    """One HTML file that opens offline: Leaflet, data and basemap all inlined."""
    rows = dataset_rows(dataset, filters)
    collection = feature_collection(rows)
    for feature, row in zip(collection["features"], rows):
        feature["properties"]["_popup"] = _popup_html(row)
    leaflet_js, leaflet_css = leaflet_assets()
    title = title or filters.describe()
    count = len({row.exercise.label for row in rows})
    subtitle = f"{count} exercise(s), {len(rows)} location(s): {_provenance(rows)}. {ATTRIBUTION}."
    return _HTML_TEMPLATE.format(
        title=html.escape(title),
        subtitle=html.escape(subtitle),
        leaflet_css=leaflet_css,
        leaflet_js=leaflet_js,
        basemap=_script_json(_basemap_geojson(rows, nato_as_of(rows))),
        nato_label=_script_json(f"NATO member on {nato_as_of(rows).isoformat()}"),
        events=_script_json(collection),
        colours=_script_json(_shown_colours(dataset, rows)),
        attribution=_script_json(html.escape(ATTRIBUTION + "; sources: " + _sources_text(rows))),
    )


def _shown_colours(dataset: Dataset, rows: Iterable[LocationRow]) -> dict[str, str]:
    palette = exercise_colours(dataset)
    shown = sorted({row.exercise.label for row in rows})
    return {label: palette.get(label, "#444444") for label in shown}


def _sources_text(rows: Iterable[LocationRow]) -> str:
    titles = sorted({row.source_title or row.location.evidence.article for row in rows})
    return "; ".join(titles) or "none"


def write_html(dataset: Dataset, filters: Filters, path: Path, title: str | None = None) -> Path:
    return _write_text(path, map_html(dataset, filters, title=title))


# --- dispatch -----------------------------------------------------------------


def _write_text(path: Path, text: str) -> Path:
    path = Path(path)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror}); choose another output path") from exc
    return path
