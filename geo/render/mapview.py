"""Stage: filtered exercises -> a folium map (drill sites, borders, areas).

This is the one place where (lon, lat) becomes folium's [lat, lon]. The map
works with no network: no tiles unless asked for, Leaflet from
``geo.render.offline``, only CircleMarkers / PolyLines / GeoJSON / DivIcons (no font
icons, no branca colormaps, which would fetch assets from CDNs).

    geo.render.mapfeatures   what is drawn where, popups, legend entries (pure)
    geo.render.mapcontrols   Leaflet controls and JS: legend, title box, basemap
    geo.render.mapview       build_map: puts them on a folium Map
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from geo.core.model import Article, Exercise, Place
from geo.geometry.shapes import geometry_for
from geo.render.mapcontrols import (  # noqa: F401 - re-exported: the dashboard and tests import them here
    ATTRIBUTION,
    BASEMAP_URL,
    VERIFIED_RING,
    _basemap_geojson,
    _binding,
    _element_classes,
    _legend_html,
    _map_extras,
    install_basemap,
    js_string,
    refit_on_resize,
    shape_svg,
)
from geo.render.mapfeatures import (  # noqa: F401 - re-exported
    DEFAULT_BOUNDS,
    MAX_FEATURES,
    MIN_SPAN,
    Feature,
    GeometryLookup,
    Site,
    _latlon_lines,
    article_link,
    bounds_of,
    citation,
    date_span,
    feature_popup,
    group_features,
    legend_entries,
    participants_text,
    site_at,
    site_popup,
    sites_of,
    spread_points,
    title_box_html,
)
from geo.render.maplabels import label_layer, map_labels
from geo.render.offline import LEAFLET_CSS, LEAFLET_JS

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "&copy; OpenStreetMap contributors"


def _default_lookup(key: str) -> object | None:
    return geometry_for(key)


def _offline_map(basemap_scale: str | None, basemap_url: str | None, online_tiles: bool, **options):
    """A folium Map on the local Leaflet and the Natural Earth basemap (fetched from ``basemap_url``,
    else inlined), OpenStreetMap tiles only when asked."""
    import folium  # lazy: heavy

    fmap = folium.Map(tiles=None, control_scale=True, zoom_start=5, **options)
    # Instance attributes: streamlit-folium and folium read these per element,
    # and the class defaults point at CDNs.
    fmap.default_js = [("leaflet", LEAFLET_JS)]
    fmap.default_css = [("leaflet_css", LEAFLET_CSS)]
    if basemap_scale:
        _, raw_geojson, fetched_geojson = _element_classes()
        style = {"color": "#9aa3ad", "weight": 0.6, "fillColor": "#f2efe9", "fillOpacity": 1.0}
        if basemap_url:
            fetched_geojson(basemap_url, style).add_to(fmap)
        else:
            raw_geojson(_basemap_geojson(basemap_scale), style).add_to(fmap)
    if online_tiles:
        folium.TileLayer(OSM_TILES, attr=OSM_ATTRIBUTION, name="OpenStreetMap", opacity=0.8).add_to(fmap)
    return fmap


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
    labels: bool = True,
    center: tuple[float, float] | None = None,
    fit: Sequence[Exercise] | None = None,
):
    """A folium Map of ``exercises`` (already filtered; context locations drawn if present).

    ``focus`` is an exercise label: the map fits to it and dims the others.
    ``title_html`` (from ``title_box_html``) is drawn in the top right corner.
    ``basemap_url``: fetch the Natural Earth countries from there (the dashboard,
    see ``install_basemap``) instead of inlining them (exports);
    ``basemap_scale=None`` leaves them out (tests). ``articles`` (by path): popups cite
    their title, outlet and date. ``labels``: the offline names of countries, capitals and the
    exercises' towns (``geo.render.maplabels``). ``center`` (lat, lon): open on that point, with
    ``MIN_SPAN`` around it (a place found by the search box), whatever the features' extent.
    ``fit``: frame these exercises instead of those drawn (the time slider keeps the view's extent
    from day to day).
    """
    import folium  # lazy: heavy

    lookup = geometry_lookup or _default_lookup
    features = group_features(exercises, palette, lookup, max_features)
    fmap = _offline_map(basemap_scale, basemap_url, online_tiles, prefer_canvas=False)

    focus_features = [f for f in features if focus and any(s.exercise.label == focus for s in f.sites)]
    framed = group_features(fit, palette, lookup, max_features) if fit is not None else features
    bounds = bounds_of(focus_features or framed, lookup)
    if center is not None:
        lat, lon = center
        bounds = ((lat - MIN_SPAN[0] / 2, lon - MIN_SPAN[1] / 2), (lat + MIN_SPAN[0] / 2, lon + MIN_SPAN[1] / 2))
    drawn_at = dict(zip(map(id, features), spread_points(features, bounds), strict=True))
    # Large shapes first so points stay on top and clickable.
    order = {"area": 0, "line": 1, "point": 2}
    for feature in sorted(features, key=lambda f: (order[f.shape], f.context)):
        dimmed = focus is not None and all(s.exercise.label != focus for s in feature.sites)
        opacity = 0.25 if dimmed else 1.0
        binding = _binding(feature_popup(feature, link, articles), feature.tooltip)
        if feature.shape == "area" and not feature.interactive:  # shared by several exercises: shading only
            folium.GeoJson(
                lookup(feature.key).__geo_interface__,  # type: ignore[union-attr]
                style_function=lambda _, c=feature.colour, o=opacity: {
                    "color": c, "weight": 1.5, "fillColor": c, "fillOpacity": 0.08 * o,
                    "opacity": 0.6 * o, "dashArray": "4 4",
                },
                interactive=False,
            ).add_to(fmap)
            continue
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
            at = list(drawn_at[id(feature)])
            if at != [place.lat, place.lon]:  # spread from a shared point: a thin leader line back to it
                folium.PolyLine([[place.lat, place.lon], at], color="#333333", weight=1, opacity=0.7 * opacity,
                                class_name="leader-line", interactive=False).add_to(fmap)
            radius = 4 if feature.context else 7
            if feature.marker != "circle":  # a shape joins the colour (see geo.render.palette)
                size = 2 * radius + 2
                svg = shape_svg(feature.marker, feature.colour, size, opacity=0.9 * opacity,
                                css_class="drill-shape",
                                stroke=VERIFIED_RING if feature.verified else "#ffffff")
                layer = folium.Marker(
                    at,
                    icon=folium.DivIcon(html=svg, icon_size=(size, size), icon_anchor=(size / 2, size / 2),
                                        class_name="drill-shape-icon"),
                    # read back like a CircleMarker's options (className, fillOpacity) by the browser tests
                    className="drill-site", fillOpacity=0.9 * opacity,
                )
                binding.add_to(layer)
                layer.add_to(fmap)
                continue
            layer = folium.CircleMarker(
                at,
                radius=radius,
                color=(feature.colour if feature.context or feature.uncertain
                       else VERIFIED_RING if feature.verified else "#ffffff"),
                weight=2.5 if feature.verified or feature.uncertain else 1.5,
                fill=True,
                fill_color=feature.colour,
                # context: a small hollow ring; an uncertain drill site: pale with a dashed ring
                fill_opacity=(0.0 if feature.context else 0.4 if feature.uncertain else 0.9) * opacity,
                opacity=opacity,
                dash_array="3 3" if feature.context or feature.uncertain else None,
                class_name="context-site" if feature.context else "drill-site",
            )

        binding.add_to(layer)
        layer.add_to(fmap)

    fmap.fit_bounds(bounds)
    if labels:
        places = [s.location.place for f in features if f.shape == "point" for s in f.sites]
        label_layer(map_labels(bounds, places)).add_to(fmap)
    legend = _legend_html(legend_entries(features), any(f.context for f in features),
                          any(f.verified for f in features), any(f.uncertain for f in features))
    _map_extras(legend, title_html).add_to(fmap)
    return fmap


# --- the review page's small map: one place, its candidates, the exercise's other sites --------

PointKind = Literal["current", "candidate", "site", "clicked"]
POINT_STYLE: dict[str, tuple[str, int, str]] = {  # kind -> (colour, radius, what the tooltip says)
    "current": ("#d62728", 8, "drawn here now"),
    "candidate": ("#ff7f0e", 6, "another place of that name"),
    "site": ("#1f77b4", 5, "another site of the exercise"),
    "clicked": ("#2ca02c", 7, "clicked: move here?"),
}


@dataclass(frozen=True)
class MapPoint:
    place: Place
    kind: PointKind
    label: str = ""  # the tooltip's first words (the place's name when empty)


def build_point_map(points: Sequence[MapPoint], *, basemap_url: str | None = None,
                    basemap_scale: str | None = "110m", online_tiles: bool = False):
    """A small folium Map of ``points`` (the review page's: where a place is drawn, the other places
    of its name, the exercise's other sites, the point the analyst clicked), framed on them."""
    import folium  # lazy: heavy

    fmap = _offline_map(basemap_scale, basemap_url, online_tiles)
    order = {"site": 0, "candidate": 1, "current": 2, "clicked": 3}  # the place under review on top
    for point in sorted(points, key=lambda p: order[p.kind]):
        colour, radius, says = POINT_STYLE[point.kind]
        place = point.place
        layer = folium.CircleMarker([place.lat, place.lon], radius=radius, color="#ffffff", weight=1.5, fill=True,
                                    fill_color=colour, fill_opacity=0.9, class_name=f"review-{point.kind}")
        tooltip = f"{point.label or place.name}: {says} ({place.lat:.4f}, {place.lon:.4f})"
        _binding(html.escape(tooltip), tooltip).add_to(layer)
        layer.add_to(fmap)
    if points:
        lats = [p.place.lat for p in points]
        lons = [p.place.lon for p in points]
        low, high = (min(lats), min(lons)), (max(lats), max(lons))
        pad = (max(MIN_SPAN[0] / 2 - (high[0] - low[0]) / 2, 0.5), max(MIN_SPAN[1] / 2 - (high[1] - low[1]) / 2, 0.5))
        bounds = [[low[0] - pad[0], low[1] - pad[1]], [high[0] + pad[0], high[1] + pad[1]]]
    else:
        bounds = [list(DEFAULT_BOUNDS[0]), list(DEFAULT_BOUNDS[1])]
    fmap.fit_bounds(bounds)
    refit_on_resize(bounds).add_to(fmap)  # drawn when a toggle opens it: its frame grows afterwards
    return fmap


def clicked_point(value: Any) -> tuple[float, float] | None:
    """Where the analyst clicked, as (lon, lat), from folium's ``last_clicked`` ({"lat", "lng"});
    None when nothing (or nothing on the globe) was clicked."""
    if not isinstance(value, Mapping):
        return None
    try:
        lat, lon = float(value["lat"]), float(value["lng"])
    except (KeyError, TypeError, ValueError):
        return None
    lon = (lon + 180.0) % 360.0 - 180.0 if not -180 <= lon <= 180 else lon  # a world copy east or west
    if not -90 <= lat <= 90:
        return None
    return lon, lat
