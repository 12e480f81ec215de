"""Stage: filtered exercises -> a folium map (drill sites, borders, areas).

This is the one place where (lon, lat) becomes folium's [lat, lon]. The map
works with no network: no tiles unless asked for, Leaflet from
``geo.render.offline``, only CircleMarkers / PolyLines / GeoJSON (no font icons, no
branca colormaps, which would fetch assets from CDNs).

Payload stays bounded on large datasets: features are grouped by where they
are drawn (a site's coordinates or a geometry key). Up to ``MAX_FEATURES``
groups each exercise at a site gets its own concentric ring; above that, one
feature per site, coloured by its most frequent exercise, whose popup lists
the first few exercises.
"""

from __future__ import annotations

import html
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, urlencode

from geo.core.countries import country_name
from geo.core.model import Article, EventLocation, Exercise
from geo.geometry.basemap import basemap
from geo.geometry.shapes import geometry_for
from geo.render.offline import IMAGE_PATH, LEAFLET_CSS, LEAFLET_JS
from geo.render.palette import CONTEXT_COLOUR, colour_of, shape_of
from geo.render.rows import location_row, provenance_line

ATTRIBUTION = "Places: GeoNames (CC BY 4.0), Natural Earth"
BASEMAP_URL = "/app/static/basemap/ne-110m.geojson"  # written by install_basemap at start-up
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "&copy; OpenStreetMap contributors"
MAX_FEATURES = 400
POPUP_ENTRIES = 6
POPUP_PAD = 10  # px between an auto-panned popup and the map's edge or title box
# Without any event the map opens on Europe (lat, lon).
DEFAULT_BOUNDS = ((35.0, -10.0), (62.0, 45.0))
MIN_SPAN = (4.0, 6.0)  # degrees of (lat, lon) the map shows at least
POINT_KINDS = {"city", "facility", "sea"}
LINE_KINDS = {"border"}

GeometryLookup = Callable[[str], object | None]


@dataclass(frozen=True)
class Site:
    """One exercise at one of its locations: the unit a popup describes."""

    exercise: Exercise
    location: EventLocation

    @property
    def tooltip(self) -> str:
        place = self.location.place
        return f"{self.exercise.label} · {place.name} ({place.kind})"


@dataclass(frozen=True)
class Feature:
    """What is drawn once: a group of sites sharing a position or geometry."""

    key: str  # "pt:52.097,23.734" or a geometry key such as "border:BLR|POL"
    shape: str  # "point", "line" or "area"
    sites: tuple[Site, ...]
    colour: str
    context: bool  # every site in it is only mentioned, not a drill site
    marker: str = "circle"  # a point's shape (geo.render.palette.SHAPES)

    @property
    def verified(self) -> bool:
        """Every site here was checked by an analyst: drawn with a dark ring."""
        return all(s.location.verified for s in self.sites)

    @property
    def tooltip(self) -> str:
        first = self.sites[0].tooltip
        more = len(self.sites) - 1
        return first if not more else f"{first} (+{more} more)"


# ---- pure helpers ---------------------------------------------------------------


def sites_of(exercises: Iterable[Exercise]) -> list[Site]:
    return [Site(exercise, location) for exercise in exercises for location in exercise.locations]


def date_span(exercise: Exercise) -> str:
    def fmt(day: date | None) -> str:
        return day.isoformat() if day else "?"

    if exercise.start is None and exercise.end is None:
        return "dates not reported"
    if exercise.start == exercise.end:
        return fmt(exercise.start)
    return f"{fmt(exercise.start)} – {fmt(exercise.end)}"


def participants_text(exercise: Exercise) -> str:
    return ", ".join(country_name(code) for code in exercise.participants) or "not reported"


def title_box_html(title: str, exercises: Sequence[Exercise], titles: Mapping[str, str], today: date,
                   max_sources: int = 2) -> str:
    """The map's own caption, so a screenshot of it says what it shows: the view's
    sentence, its days, the articles it rests on and the day it was drawn (escaped)."""
    esc = html.escape
    days = [d for e in exercises for d in (e.start, e.end) if d]
    span = f"{min(days):%d %b %Y} – {max(days):%d %b %Y}" if days else "dates not reported"
    paths = list(dict.fromkeys(p for e in exercises for p in e.articles))
    named = [titles.get(p, p) for p in paths[:max_sources]]
    named = [t if len(t) <= 40 else t[:39] + "…" for t in named]
    more = f" and {len(paths) - max_sources} more" if len(paths) > max_sources else ""
    sources = "; ".join(named) + more if paths else "none"
    count = f"{len(exercises)} exercise{'s' if len(exercises) != 1 else ''}"
    return (
        f'<div style="font-weight:bold;font-size:12px">{esc(title)}</div>'
        f"<div>{esc(span)} · {count}</div>"
        f"<div>Sources: {esc(sources)}</div>"
        f"<div>{esc(provenance_line(exercises))}</div>"
        f'<div style="color:#666">Drawn {today:%d %b %Y} · exercise-map, offline</div>'
    )


def article_link(path: str, cite: tuple[int, int] | None = None, keep: dict[str, str] | None = None) -> str:
    """URL of the Articles page showing ``path``, with the sentence at offsets ``cite`` outlined.

    ``keep``: query parameters carried along (the filters), so the new tab shows the same view.
    Popups open it in a new tab: the map's component frame is sandboxed without top navigation.
    """
    params = {**(keep or {}), "article": path}
    params.pop("cite", None)
    if cite:
        params["cite"] = f"{cite[0]}-{cite[1]}"
    return "/articles?" + urlencode(params, quote_via=quote, safe="")


def citation(path: str, article: Article | None) -> str:
    """How a popup cites its article: title, outlet and date ("Drills near Brest", Reuters,
    8 Jul 2024), each part only when known; never a local file path (the file's name at worst)."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    if article is None:
        return name
    title = article.title or name
    title = title if len(title) <= 70 else title[:69] + "…"
    parts = [f"“{title}”", article.source, f"{article.published:%d %b %Y}" if article.published else None]
    return ", ".join(part for part in parts if part)


def site_popup(site: Site, link: Callable[[str, tuple[int, int] | None], str] = article_link,
               articles: Mapping[str, Article] | None = None) -> str:
    """HTML of one site's entry; every article-derived string is escaped.

    ``articles`` (by path) lets the link cite the article's title, outlet and date."""
    e, loc = site.exercise, site.location
    place = loc.place
    esc = html.escape
    role = "drill site" if loc.role == "drill" else "only mentioned"
    url = link(loc.evidence.article, (loc.evidence.start, loc.evidence.end))
    nato = location_row(e, loc).distance_phrase if loc.role == "drill" else None
    return (
        f"<b>{esc(e.label)}</b><br>"
        f"{esc(date_span(e))}<br>"
        f"Participants: {esc(participants_text(e))}<br>"
        f"Place: {esc(place.name)} — {esc(place.kind)}, {role}<br>"
        + (f"NATO border: {esc(nato)}<br>" if nato else "")
        + f"Confidence {place.confidence:.2f} ({esc(place.provenance)})<br>"
        + ("<b>✔ Checked by an analyst</b><br>" if loc.verified else "Extracted automatically<br>")
        + f"<i>“{esc(loc.evidence.sentence)}”</i><br>"
        f'<a href="{esc(url)}" target="_blank" rel="noopener">Source article ↗ '
        f"{esc(citation(loc.evidence.article, (articles or {}).get(loc.evidence.article)))}</a>"
    )


def feature_popup(feature: Feature, link: Callable[[str, tuple[int, int] | None], str] = article_link,
                  articles: Mapping[str, Article] | None = None) -> str:
    shown = feature.sites[:POPUP_ENTRIES]
    parts = [site_popup(site, link, articles) for site in shown]
    hidden = len(feature.sites) - len(shown)
    if hidden:
        parts.append(f"<i>… and {hidden} more here; narrow the filters to see them.</i>")
    return "<hr>".join(parts)


def _shape(site: Site, lookup: GeometryLookup) -> tuple[str, str]:
    """(group key, shape) of a site: geometry first, its point as the fallback."""
    place = site.location.place
    key = place.geometry_key
    if key and place.kind not in POINT_KINDS and lookup(key) is not None:
        return key, "line" if place.kind in LINE_KINDS else "area"
    return f"pt:{place.lat:.3f},{place.lon:.3f}", "point"


def group_features(
    exercises: Sequence[Exercise],
    palette: dict[str, str],
    lookup: GeometryLookup,
    max_features: int = MAX_FEATURES,
) -> list[Feature]:
    """Sites grouped into drawable features (see the module docstring)."""
    by_key: dict[tuple[str, str], list[Site]] = defaultdict(list)
    for site in sites_of(exercises):
        by_key[_shape(site, lookup)].append(site)
    pairs = sum(len({s.exercise.label for s in group}) for group in by_key.values())
    features: list[Feature] = []
    for (key, shape), group in by_key.items():
        if pairs <= max_features:
            by_label: dict[str, list[Site]] = defaultdict(list)
            for site in group:
                by_label[site.exercise.label].append(site)
            parts = list(by_label.values())
        else:
            parts = [group]
        for part in parts:
            label = Counter(s.exercise.label for s in part).most_common(1)[0][0]
            context = all(s.location.role == "context" for s in part)
            colour = CONTEXT_COLOUR if context else colour_of(palette, label)
            marker = "circle" if context else shape_of(palette, label)
            features.append(Feature(key, shape, tuple(part), colour, context, marker))
    return features


def bounds_of(features: Sequence[Feature], lookup: GeometryLookup) -> tuple[tuple[float, float], ...]:
    """[[south, west], [north, east]] around drill features (context only if nothing else).

    Areas count by their representative point: a drill "in Russia" must not
    zoom the map out to the whole of Russia when sites are known.
    """
    drill = [f for f in features if not f.context] or list(features)
    lats: list[float] = []
    lons: list[float] = []
    for feature in drill:
        if feature.shape == "line":
            minx, miny, maxx, maxy = lookup(feature.key).bounds  # type: ignore[union-attr]
            lons += [minx, maxx]
            lats += [miny, maxy]
        else:
            lats += [s.location.place.lat for s in feature.sites]
            lons += [s.location.place.lon for s in feature.sites]
    if not lats:
        return DEFAULT_BOUNDS
    # At least MIN_SPAN degrees across, so one site is shown with its region around it.
    south, north = _widen(min(lats), max(lats), MIN_SPAN[0])
    west, east = _widen(min(lons), max(lons), MIN_SPAN[1])
    return ((south, west), (north, east))


def _widen(low: float, high: float, span: float) -> tuple[float, float]:
    pad = max(0.5, (span - (high - low)) / 2)
    return round(low - pad, 4), round(high + pad, 4)


def _latlon_lines(geometry: object) -> list[list[list[float]]]:
    """Shapely (Multi)LineString -> folium's [[lat, lon], ...] per part."""
    parts = getattr(geometry, "geoms", [geometry])
    return [[[round(y, 4), round(x, 4)] for x, y in part.coords] for part in parts]


# ---- the map ----------------------------------------------------------------


@lru_cache(maxsize=2)
def _basemap_geojson(scale: str) -> str:
    """The Natural Earth basemap as compact GeoJSON text (computed once)."""
    import shapely


    frame = basemap(scale)
    # 0.01° (~1 km) is finer than the 110m simplification; it halves the payload.
    coarse = shapely.set_precision(frame.geometry.values, 0.01)
    features = [
        {"type": "Feature", "properties": {}, "geometry": geom.__geo_interface__}
        for geom in coarse
        if geom is not None and not geom.is_empty
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))


def _default_lookup(key: str) -> object | None:
    return geometry_for(key)


def shape_svg(shape: str, colour: str, size: int, *, opacity: float = 1.0, stroke: str = "#ffffff",
              css_class: str = "", style: str = "") -> str:
    """An inline SVG of a marker shape (circle, square, triangle, diamond), ``size`` px across."""
    half = size / 2
    edge = 1.0  # room for the outline
    low, high = edge, size - edge
    paths = {
        "square": f"M{low + 1:g},{low + 1:g}H{high - 1:g}V{high - 1:g}H{low + 1:g}Z",
        "triangle": f"M{half:g},{low:g}L{high:g},{high - 1:g}H{low:g}Z",
        "diamond": f"M{half:g},{low:g}L{high:g},{half:g}L{half:g},{high:g}L{low:g},{half:g}Z",
    }
    klass = f' class="{css_class}"' if css_class else ""
    paint = f'fill="{colour}" fill-opacity="{opacity:g}" stroke="{stroke}" stroke-width="1.5"'
    if shape in paths:
        body = f'<path{klass} d="{paths[shape]}" {paint}/>'
    else:
        body = f'<circle{klass} cx="{half:g}" cy="{half:g}" r="{half - edge:g}" {paint}/>'
    return (f'<svg width="{size}" height="{size}" '
            f'viewBox="0 0 {size} {size}"' + (f' style="{style}"' if style else "") + f">{body}</svg>")


LEGEND_ICON = "vertical-align:middle;margin-right:6px"


VERIFIED_RING = "#1a1a1a"  # the outline of a site an analyst checked (automatic sites: white)


def _legend_html(entries: Sequence[tuple[str, str, str]], context: bool, verified: bool = False) -> str:
    rows = [f"<div>{shape_svg(shape, colour, 12, style=LEGEND_ICON)}{html.escape(label)}</div>" for label, colour, shape in entries]
    if verified:
        rows.append(f"<div>{shape_svg('circle', '#bbbbbb', 12, stroke=VERIFIED_RING, style=LEGEND_ICON)}"
                    "dark ring: checked by an analyst</div>")
    if context:
        rows.append(
            f'<div><span style="border:2px dashed {CONTEXT_COLOUR};display:inline-block;width:8px;'
            'height:8px;border-radius:5px;margin-right:6px"></span>only mentioned</div>'
        )
    rows.append('<div style="margin-top:4px">━ border &nbsp; ▭ region / country</div>')
    return "".join(rows)


def legend_entries(features: Sequence[Feature], limit: int = 12) -> list[tuple[str, str, str]]:
    """(label, colour, marker shape) of the exercises drawn, most sites first, at most ``limit``."""
    counts = Counter()
    looks: dict[str, tuple[str, str]] = {}
    for feature in features:
        if feature.context:
            continue
        label = Counter(s.exercise.label for s in feature.sites).most_common(1)[0][0]
        counts[label] += 1
        looks[label] = (feature.colour, feature.marker)
    entries = [(label, *looks[label]) for label, _ in counts.most_common(limit)]
    if len(counts) > limit:
        entries.append((f"… {len(counts) - limit} more exercises", "#cccccc", "circle"))
    return entries


@lru_cache(maxsize=1)
def _map_extras_class():
    """A folium element whose script adds attribution, icon path, legend and title box to its map.

    A child of the Map (not the root's script), because streamlit-folium only
    sends the scripts of the map's own children to the browser.
    """
    from folium.elements import MacroElement  # lazy: heavy
    from folium.template import Template  # lazy: heavy

    class MapExtras(MacroElement):
        _template = Template(
            "{% macro script(this, kwargs) %}\n"
            "(function () {\n"
            "  L.Icon.Default.imagePath = " + json.dumps(IMAGE_PATH) + ";\n"
            "  var map = {{ this._parent.get_name() }};\n"
            "  map.getContainer().style.background = '#dce8f0';\n"
            "  map.attributionControl.addAttribution(" + json.dumps(ATTRIBUTION) + ");\n"
            "  function box(position, className, css, content) {\n"
            "    var control = L.control({position: position});\n"
            "    control.onAdd = function () {\n"
            "      var div = L.DomUtil.create('div', className);\n"
            "      div.style.cssText = 'background:rgba(255,255,255,.9);padding:6px 8px;"
            "border-radius:4px;' + css;\n"
            "      div.innerHTML = content;\n"
            "      return div;\n"
            "    };\n"
            "    control.addTo(map);\n"
            "    return control.getContainer();\n"
            "  }\n"
            "  box('bottomright', 'exercise-legend', 'font:12px sans-serif;max-width:240px', {{ this.legend }});\n"
            "  var title = {{ this.title }};\n"
            "  if (title) {\n"
            "    var titleBox = box('topright', 'exercise-map-title', 'font:11px sans-serif;max-width:250px', title);\n"
            # Popups pan clear of the title box: every popup's options inherit from the prototype's,
            # and the getter measures the box when a popup pans (its height depends on the frame's width).
            "    Object.defineProperty(L.Popup.prototype.options, 'autoPanPaddingTopLeft', {\n"
            "      configurable: true,\n"
            "      get: function () {\n"
            "        return L.point(" + str(POPUP_PAD) + ", titleBox.offsetTop + titleBox.offsetHeight + "
            + str(POPUP_PAD) + ");\n"
            "      }\n"
            "    });\n"
            # Leaflet's own autoPan does not run on every opening path (a marker clicked in
            # streamlit-folium's frame): pan explicitly when a popup opens under the box.
            "    map.on('popupopen', function (e) {\n"
            "      var box = e.popup.getElement();\n"
            "      if (!box) return;\n"
            "      var top = box.getBoundingClientRect().top - map.getContainer().getBoundingClientRect().top;\n"
            "      var need = L.Popup.prototype.options.autoPanPaddingTopLeft.y - top;\n"
            "      if (need > 0) map.panBy([0, -need]);\n"
            "    });\n"
            "  }\n"
            "})();\n"
            "{% endmacro %}"
        )

        def __init__(self, legend_html: str, title_html: str) -> None:
            super().__init__()
            self._name = "MapExtras"
            self.legend = js_string(legend_html)
            self.title = js_string(title_html)

    return MapExtras


def _map_extras(legend: str, title: str = ""):
    return _map_extras_class()(legend, title)


def js_string(text: str) -> str:
    """A JS string literal safe inside a <script> block (no "</script>" can close it)."""
    return json.dumps(text).replace("</", "<\\/")


@lru_cache(maxsize=1)
def _element_classes():
    """folium element classes, built once: each compiles a Jinja template.

    ``Binding``: popup and tooltip for the parent layer as plain JS strings.
    Not folium.Popup: it builds content with jQuery's ``$``, which we do not
    load; and folium.Tooltip puts text in a JS template literal, where an
    article's backtick or ``${`` would break out.
    ``RawGeoJson``: a GeoJSON layer from a ready JSON string with one fixed
    style (the basemap: folium.GeoJson would parse and restyle 245 countries
    on every rerun).
    """
    from folium.elements import MacroElement  # lazy: heavy
    from folium.template import Template  # lazy: heavy

    class Binding(MacroElement):
        _template = Template(
            "{% macro script(this, kwargs) %}"
            "{{ this._parent.get_name() }}.bindPopup({{ this.popup }}, {maxWidth: 380})"
            ".bindTooltip({{ this.tooltip }}, {sticky: true});\n"
            "{% endmacro %}"
        )

        def __init__(self, popup_html: str, tooltip: str) -> None:
            super().__init__()
            self._name = "Binding"
            self.popup = js_string(popup_html)
            self.tooltip = js_string(html.escape(tooltip))

    class RawGeoJson(MacroElement):
        _template = Template(
            "{% macro script(this, kwargs) %}"
            "var {{ this.get_name() }} = L.geoJson({{ this.data }}, "
            "{style: {{ this.style }}, interactive: false}).addTo({{ this._parent.get_name() }});\n"
            "{% endmacro %}"
        )

        def __init__(self, data: str, style: dict) -> None:
            super().__init__()
            self._name = "RawGeoJson"
            self.data = data.replace("</", "<\\/")
            self.style = json.dumps(style)

    class FetchedGeoJson(MacroElement):
        _template = Template(
            "{% macro script(this, kwargs) %}"
            "fetch({{ this.url }}).then(function (r) { return r.json(); }).then(function (data) {"
            " L.geoJson(data, {style: {{ this.style }}, interactive: false})"
            ".addTo({{ this._parent.get_name() }}).bringToBack(); });\n"
            "{% endmacro %}"
        )

        def __init__(self, url: str, style: dict) -> None:
            super().__init__()
            self._name = "FetchedGeoJson"
            self.url = js_string(url)
            self.style = json.dumps(style)

    return Binding, RawGeoJson, FetchedGeoJson


def install_basemap(static_dir: str | Path = "static", scale: str = "110m") -> Path:
    """Write the basemap where Streamlit serves static files (``BASEMAP_URL``), so the browser
    fetches it once and caches it instead of receiving it with every rerun's map."""
    target = Path(static_dir) / "basemap" / f"ne-{scale}.geojson"
    text = _basemap_geojson(scale)
    if not target.is_file() or target.read_text("utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    return target


def _binding(popup_html: str, tooltip: str):
    return _element_classes()[0](popup_html, tooltip)


def build_map(
    exercises: Sequence[Exercise],
    palette: dict[str, str],
    *,
    online_tiles: bool = False,
    focus: str | None = None,
    geometry_lookup: GeometryLookup | None = None,
    basemap_scale: str | None = "110m",
    link: Callable[[str, tuple[int, int] | None], str] = article_link,
    max_features: int = MAX_FEATURES,
    title_html: str = "",
    basemap_url: str | None = None,
    articles: Mapping[str, Article] | None = None,
):
    """A folium Map of ``exercises`` (already filtered; context locations drawn if present).

    ``focus`` is an exercise label: the map fits to it and dims the others.
    ``title_html`` (from ``title_box_html``) is drawn in the top right corner.
    ``basemap_url``: fetch the Natural Earth countries from there (the dashboard,
    see ``install_basemap``) instead of inlining them (exports);
    ``basemap_scale=None`` leaves them out (tests). ``articles`` (by path): popups cite
    their title, outlet and date.
    """
    import folium  # lazy: heavy

    lookup = geometry_lookup or _default_lookup
    features = group_features(exercises, palette, lookup, max_features)
    fmap = folium.Map(tiles=None, control_scale=True, prefer_canvas=False, zoom_start=5)
    # Instance attributes: streamlit-folium and folium read these per element,
    # and the class defaults point at CDNs.
    fmap.default_js = [("leaflet", LEAFLET_JS)]
    fmap.default_css = [("leaflet_css", LEAFLET_CSS)]
    if basemap_scale:
        _, raw_geojson, fetched_geojson = _element_classes()
        basemap_style = {"color": "#9aa3ad", "weight": 0.6, "fillColor": "#f2efe9", "fillOpacity": 1.0}
        if basemap_url:
            fetched_geojson(basemap_url, basemap_style).add_to(fmap)
        else:
            raw_geojson(_basemap_geojson(basemap_scale), basemap_style).add_to(fmap)
    if online_tiles:
        folium.TileLayer(OSM_TILES, attr=OSM_ATTRIBUTION, name="OpenStreetMap", opacity=0.8).add_to(fmap)

    # Large shapes first so points stay on top and clickable.
    order = {"area": 0, "line": 1, "point": 2}
    ring: Counter[str] = Counter()
    rings_at = Counter(f.key for f in features)
    for feature in sorted(features, key=lambda f: (order[f.shape], f.context)):
        dimmed = focus is not None and all(s.exercise.label != focus for s in feature.sites)
        opacity = 0.25 if dimmed else 1.0
        binding = _binding(feature_popup(feature, link, articles), feature.tooltip)
        if feature.shape == "area":
            layer = folium.GeoJson(
                lookup(feature.key).__geo_interface__,  # type: ignore[union-attr]
                style_function=lambda _, c=feature.colour, o=opacity: {
                    "color": c, "weight": 1.5, "fillColor": c, "fillOpacity": 0.12 * o,
                    "opacity": 0.6 * o, "dashArray": "4 4",
                },
            )
        elif feature.shape == "line":
            layer = folium.PolyLine(
                _latlon_lines(lookup(feature.key)),
                color=feature.colour,
                weight=6 if not feature.context else 3,
                opacity=0.9 * opacity,
                dash_array="6 6" if feature.context else None,
                class_name="drill-border" if not feature.context else "context-border",
            )
        else:
            place = feature.sites[0].location.place
            # Several exercises at one site: concentric rings, largest first.
            index = ring[feature.key]
            ring[feature.key] += 1
            radius = (4 if feature.context else 7) + 4 * (rings_at[feature.key] - index - 1)
            if feature.marker != "circle":  # a shape joins the colour (see geo.render.palette)
                size = 2 * radius + 2
                svg = shape_svg(feature.marker, feature.colour, size, opacity=0.9 * opacity,
                                css_class="drill-shape",
                                stroke=VERIFIED_RING if feature.verified else "#ffffff")
                layer = folium.Marker(
                    [place.lat, place.lon],
                    icon=folium.DivIcon(html=svg, icon_size=(size, size), icon_anchor=(size / 2, size / 2),
                                        class_name="drill-shape-icon"),
                    # read back like a CircleMarker's options (className, fillOpacity) by the browser tests
                    className="drill-site", fillOpacity=0.9 * opacity,
                    zIndexOffset=-10 * radius,  # the larger ring under the smaller one
                )
                binding.add_to(layer)
                layer.add_to(fmap)
                continue
            layer = folium.CircleMarker(
                [place.lat, place.lon],
                radius=radius,
                color=(VERIFIED_RING if feature.verified else "#ffffff") if not feature.context else feature.colour,
                weight=2.5 if feature.verified else 1.5,
                fill=True,
                fill_color=feature.colour,
                fill_opacity=(0.35 if feature.context else 0.9) * opacity,
                opacity=opacity,
                dash_array="3 3" if feature.context else None,
                class_name="context-site" if feature.context else "drill-site",
            )

        binding.add_to(layer)
        layer.add_to(fmap)

    focus_features = [f for f in features if focus and any(s.exercise.label == focus for s in f.sites)]
    fmap.fit_bounds(bounds_of(focus_features or features, lookup))
    legend = _legend_html(legend_entries(features), any(f.context for f in features),
                          any(f.verified for f in features))
    _map_extras(legend, title_html).add_to(fmap)
    return fmap


def site_at(
    exercises: Sequence[Exercise],
    clicked: dict | None,
    tooltip: str | None = None,
) -> Site | None:
    """The site the user clicked: by tooltip text when given, else the nearest point."""
    sites = sites_of(exercises)
    if not sites:
        return None
    if tooltip:
        wanted = tooltip.strip().split(" (+")[0]
        for site in sites:
            if site.tooltip == wanted:
                return site
    if not clicked or clicked.get("lat") is None:
        return None
    lat, lng = float(clicked["lat"]), float(clicked["lng"])
    return min(sites, key=lambda s: (s.location.place.lat - lat) ** 2 + (s.location.place.lon - lng) ** 2)
