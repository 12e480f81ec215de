"""The map's Leaflet side: folium elements and the JS they add (legend, title box, popups that pan
clear of it, the basemap), and the SVG marker shapes. Strings reach the page only through
``js_string`` (a JSON literal that no "</script>" can close); article text is escaped before.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from geo.geometry.basemap import basemap, basemap_stamp
from geo.geometry.stored import source_stamp
from geo.render.offline import IMAGE_PATH
from geo.render.palette import CONTEXT_COLOUR

ATTRIBUTION = "Places: GeoNames (CC BY 4.0), Natural Earth"
BASEMAP_URL = "/app/static/basemap/ne-110m.geojson"  # written by install_basemap at start-up
POPUP_PAD = 10  # px between an auto-panned popup and the map's edge or title box



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



def _polygon(centre: float, radius: float, corners: int, turn: float, inner: float | None = None) -> str:
    """SVG path of a regular polygon (or, with ``inner``, a star whose notches are at that share
    of the radius), first corner at ``turn`` degrees."""
    points = []
    steps = corners * 2 if inner else corners
    for step in range(steps):
        angle = math.radians(turn + 360 * step / steps)
        r = radius * (inner if inner and step % 2 else 1.0)
        points.append(f"{centre + r * math.cos(angle):.1f},{centre + r * math.sin(angle):.1f}")
    return "M" + "L".join(points) + "Z"


def shape_svg(shape: str, colour: str, size: int, *, opacity: float = 1.0, stroke: str = "#ffffff",
              css_class: str = "", style: str = "") -> str:
    """An inline SVG of a marker shape (circle, square, triangle, diamond; hexagon, pentagon, star when
    one colour carries more than four exercises), ``size`` px across."""
    half = size / 2
    edge = 1.0  # room for the outline
    low, high = edge, size - edge
    paths = {
        "square": f"M{low + 1:g},{low + 1:g}H{high - 1:g}V{high - 1:g}H{low + 1:g}Z",
        "triangle": f"M{half:g},{low:g}L{high:g},{high - 1:g}H{low:g}Z",
        "diamond": f"M{half:g},{low:g}L{high:g},{half:g}L{half:g},{high:g}L{low:g},{half:g}Z",
        "hexagon": _polygon(half, half - edge, 6, 0.0),
        "pentagon": _polygon(half, half - edge, 5, -90.0),
        "star": _polygon(half, half - edge, 5, -90.0, inner=0.45),
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


def _legend_html(entries: Sequence[tuple[str, str, str]], context: bool, verified: bool = False,
                 uncertain: bool = False) -> str:
    rows = [f"<div>{shape_svg(shape, colour, 12, style=LEGEND_ICON)}{html.escape(label)}</div>" for label, colour, shape in entries]
    if verified:
        rows.append(f"<div>{shape_svg('circle', '#bbbbbb', 12, stroke=VERIFIED_RING, style=LEGEND_ICON)}"
                    "dark ring: checked by an analyst</div>")
    if uncertain:
        rows.append('<div><span style="border:2px dashed #555;background:rgba(85,85,85,.35);display:inline-block;'
                    'width:8px;height:8px;border-radius:5px;margin-right:6px"></span>'
                    'dashed, pale: drill site on weak evidence (role confidence &lt; 0.6)</div>')
    if context:
        rows.append(
            f'<div><span style="border:2px dashed {CONTEXT_COLOUR};display:inline-block;width:8px;'
            'height:8px;border-radius:5px;margin-right:6px"></span>only mentioned</div>'
        )
    rows.append('<div style="margin-top:4px">━ border &nbsp; ▭ region / country</div>')
    # Open by default; the analyst folds it away when it covers sites (a world view of 30 exercises).
    return ('<details open class="legend-fold"><summary style="cursor:pointer;font-weight:bold">Legend</summary>'
            + "".join(rows) + "</details>")



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
            "      L.DomEvent.disableClickPropagation(div);\n"  # folding the legend is no click on the map
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



@lru_cache(maxsize=1)
def _refit_class():
    from folium.elements import MacroElement  # lazy: heavy
    from folium.template import Template  # lazy: heavy

    class RefitOnResize(MacroElement):
        """Leaflet sizes a map once, when it is created; a map made in a frame that grows later
        (a toggle just switched on) would show a strip of basemap over grey. When its container
        changes size the map measures itself again and, until the analyst pans or zooms, frames
        its bounds again."""

        _template = Template(
            "{% macro script(this, kwargs) %}\n"
            "(function () {\n"
            "  var map = {{ this._parent.get_name() }};\n"
            "  var bounds = {{ this.bounds }};\n"
            "  var touched = false;\n"
            "  ['mousedown', 'wheel', 'touchstart', 'keydown'].forEach(function (name) {\n"
            "    map.getContainer().addEventListener(name, function () { touched = true; });\n"
            "  });\n"
            "  if (!window.ResizeObserver) return;\n"
            "  new ResizeObserver(function () {\n"
            "    map.invalidateSize(false);\n"
            "    if (!touched) map.fitBounds(bounds);\n"
            "  }).observe(map.getContainer());\n"
            "})();\n"
            "{% endmacro %}"
        )

        def __init__(self, bounds: list[list[float]]) -> None:
            super().__init__()
            self._name = "RefitOnResize"
            self.bounds = json.dumps(bounds)

    return RefitOnResize


def refit_on_resize(bounds: list[list[float]]):
    """A map element: measure again and re-frame ``bounds`` ([[south, west], [north, east]]) when the
    map's container changes size, until the user moves the map."""
    return _refit_class()(bounds)


def install_basemap(static_dir: str | Path = "static", scale: str = "110m") -> Path:
    """Write the basemap where Streamlit serves static files (``BASEMAP_URL``), so the browser
    fetches it once and caches it instead of receiving it with every rerun's map.

    A stamp file beside it names what it was made from; when it matches, a fresh server
    reads nothing (~1.5 s saved before the first map)."""
    target = Path(static_dir) / "basemap" / f"ne-{scale}.geojson"
    stamp_file = target.with_suffix(".stamp")
    stamp = f"{basemap_stamp(scale)}-{source_stamp(__file__)}"
    try:
        if target.is_file() and stamp_file.read_text("utf-8") == stamp:
            return target
    except OSError:
        pass  # no stamp yet: write both
    text = _basemap_geojson(scale)
    if not target.is_file() or target.read_text("utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    stamp_file.write_text(stamp, "utf-8")
    return target


def _binding(popup_html: str, tooltip: str):
    return _element_classes()[0](popup_html, tooltip)
