"""The briefing's map: Natural Earth land, NATO shading, the events, labels that never overprint,
scale bar, north arrow and legend, in a Lambert azimuthal equal-area projection centred on the events
(north is up at the centre and the scale bar is true there)."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from geo.core.countries import country_name
from geo.geometry.nato import nato_members
from geo.geometry.shapes import countries, geometry_for
from geo.render.briefing.labels import Label, furniture_boxes, halo, place_labels
from geo.render.briefing.view import (
    BORDER_GREY,
    CHECKED_MARK,
    CONTEXT_GREY,
    DEFAULT_BOUNDS,
    LAND,
    LEGEND_CHARS,
    MAX_LEGEND_EXERCISES,
    MIN_SPAN_M,
    NATO_FILL,
    NICE_KM,
    SEA,
    BriefingView,
    short_day,
)
from geo.render.palette import shape_of
from geo.render.rows import LocationRow

if TYPE_CHECKING:
    from matplotlib.axes import Axes  # lazy: heavy: only when a briefing is drawn



# --- the map ----------------------------------------------------------------------


def _local_crs(lon: float, lat: float) -> str:
    return f"+proj=laea +lat_0={lat:.3f} +lon_0={lon:.3f} +datum=WGS84 +units=m +no_defs"


@lru_cache(maxsize=512)
def _shape_for_key(key: str):
    """The full geometry of a key, simplified to ~500 m (invisible at briefing scale, faster to draw)."""
    shape = geometry_for(key)
    if shape is None or shape.is_empty:
        return None
    return shape.simplify(0.005, preserve_topology=True)


def _row_shape(row: LocationRow):
    from shapely.geometry import Point

    place = row.location.place
    shape = _shape_for_key(place.geometry_key) if place.geometry_key else None
    return shape if shape is not None else Point(place.lon, place.lat)


def _lonlat_bounds(rows: Sequence[LocationRow]) -> tuple[float, float, float, float]:
    """Bounds of the drill sites (context places may be far away; they do not set the view)."""
    drill = [r for r in rows if r.location.role == "drill"]
    # A country-wide mention would zoom out to the whole country: the specific sites set the view.
    shown = [r for r in drill if r.location.place.kind != "country"] or drill or list(rows)
    if not shown:
        return DEFAULT_BOUNDS
    boxes = [_row_shape(r).bounds for r in shown]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


# A view wider than this (degrees of lon, lat: Hawaii to Korea to Chile) is drawn on Equal Earth
# centred on Greenwich: a local azimuthal projection of half the globe has no land left to draw.
WORLD_SPAN = (100.0, 70.0)
WORLD_CRS = "+proj=eqearth +lon_0=0 +datum=WGS84 +units=m +no_defs"


def _view_limits(
    bounds: tuple[float, float, float, float], aspect: float
) -> tuple[str, tuple[float, float, float, float]]:
    """A projection centred on the bounds and x/y limits that fill an axes of ``aspect`` (w/h)."""
    import geopandas as gpd  # lazy: heavy (pandas, pyogrio): only what draws or reads polygons
    from shapely.geometry import box

    minx, miny, maxx, maxy = bounds
    wide = maxx - minx > WORLD_SPAN[0] or maxy - miny > WORLD_SPAN[1]
    crs = WORLD_CRS if wide else _local_crs((minx + maxx) / 2, (miny + maxy) / 2)
    pminx, pminy, pmaxx, pmaxy = gpd.GeoSeries([box(*bounds)], crs="EPSG:4326").to_crs(crs).total_bounds
    width = max(pmaxx - pminx, MIN_SPAN_M) * 1.3
    height = max(pmaxy - pminy, MIN_SPAN_M) * 1.3
    if width / height < aspect:
        width = height * aspect
    else:
        height = width / aspect
    cx, cy = (pminx + pmaxx) / 2, (pminy + pmaxy) / 2
    return crs, (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)


def _draw_basemap(ax: Axes, crs: str, limits: tuple[float, float, float, float], as_of: date) -> list[Label]:
    """Land and NATO shading; returns the country names to place with the other labels."""
    import geopandas as gpd  # lazy: heavy (pandas, pyogrio): only what draws or reads polygons
    from shapely.geometry import box


    # Clip the 1:10m countries to the window and simplify to about a pixel: faster
    # than simplifying the whole world, and sharper than a world-scale basemap.
    world = countries()
    window = gpd.GeoSeries([box(*limits)], crs=crs).to_crs("EPSG:4326").total_bounds
    if crs == WORLD_CRS or not all(math.isfinite(v) for v in window):  # the world: every country
        lonlat_box = box(-180, -90, 180, 90)
    else:
        lonlat_box = box(window[0] - 3, window[1] - 3, window[2] + 3, window[3] + 3)
    near = world.iloc[world.sindex.query(lonlat_box, predicate="intersects")][["iso3", "name", "geometry"]]
    near = near.assign(geometry=near.geometry.intersection(lonlat_box))
    near = near[~near.geometry.is_empty].to_crs(crs)
    near = near.assign(geometry=near.geometry.simplify((limits[2] - limits[0]) / 2500))
    members = set(nato_members(as_of))
    fills = [NATO_FILL if code in members else LAND for code in near["iso3"]]
    near.plot(ax=ax, color=fills, edgecolor=BORDER_GREY, linewidth=0.7, zorder=1)
    # Label only countries with a visible share of the view (not Monaco, not the Aland Islands).
    view_area = (limits[2] - limits[0]) * (limits[3] - limits[1])
    frame = box(*limits)
    in_view = near.geometry.intersection(frame)
    big = near[in_view.area > view_area * 0.004]
    labels = world.loc[world["iso3"].isin(set(big["iso3"]))]
    points = gpd.GeoSeries(gpd.points_from_xy(labels["label_lon"], labels["label_lat"]), crs="EPSG:4326")
    points = dict(zip(labels["iso3"], points.to_crs(crs), strict=True))
    names = dict(zip(labels["iso3"], labels["name"], strict=True))
    found = []
    # At Natural Earth's label point when it is in view, else on the country's part in view
    # (Poland named on a map of Belarus' western border).
    for iso3, part in zip(big["iso3"], in_view[big.index], strict=True):
        point = points.get(iso3)
        if point is None or not frame.contains(point):
            point = part.representative_point()
        found.append(Label(text=names.get(iso3, iso3).upper(), anchor=(point.x, point.y), drill=False,
                            marker=False, country=True))
    return list({label.text: label for label in found}.values())


# The basemap already names countries; a country-wide "site" gets its area, not a second name.
_UNLABELLED_KINDS = {"country"}


def _spread_xy(points, labels_of: dict, radius: float) -> dict:
    """index -> (true (x, y), drawn (x, y)) of drill dots: exercises sharing a point (within
    100 m) each get a place on a circle of ``radius`` metres around it (one per exercise,
    clockwise from 12 o'clock), like the dashboard's map."""
    import math
    from collections import defaultdict

    together: dict[tuple[int, int], list] = defaultdict(list)
    for index, geometry in zip(points.index, points.geometry, strict=True):
        together[(round(geometry.x / 100), round(geometry.y / 100))].append((index, geometry.x, geometry.y))
    drawn = {}
    for members in together.values():
        order = list(dict.fromkeys(labels_of[index] for index, _, _ in members))
        count = len(order)
        for index, x, y in members:
            if count < 2:
                drawn[index] = ((x, y), (x, y))
                continue
            step = order.index(labels_of[index])
            angle = math.pi / 2 - 2 * math.pi * step / count
            r = radius * max(1.0, count / 6)
            drawn[index] = ((x, y), (x + r * math.cos(angle), y + r * math.sin(angle)))
    return drawn


def _draw_events(ax: Axes, view: BriefingView, crs: str, spread_m: float = 0.0) -> list[Label]:
    """Lines, areas and dots for every row; returns the labels to place once the view is fixed.

    Shapes are projected in one batch and drawn as one artist per colour and
    role, so hundreds of sites stay a few artists (rendering time follows artists).
    """
    import geopandas as gpd  # lazy: heavy (pandas, pyogrio): only what draws or reads polygons

    rows = sorted(view.rows, key=lambda r: r.location.role != "context")  # drill sites drawn last, on top
    if not rows:
        return []
    shapes = gpd.GeoSeries([_row_shape(r) for r in rows], crs="EPSG:4326").to_crs(crs)
    anchors = gpd.GeoSeries(
        gpd.points_from_xy([r.location.place.lon for r in rows], [r.location.place.lat for r in rows]),
        crs="EPSG:4326",
    ).to_crs(crs)
    frame = gpd.GeoDataFrame(
        {
            "colour": [view.colours.get(r.exercise.label, "#444444") for r in rows],
            "drill": [r.location.role == "drill" for r in rows],
            "group": [r.location.place.kind == "group" for r in rows],
            "family": [g.geom_type.replace("Multi", "") for g in shapes],
        },
        geometry=shapes.values,
        crs=crs,
    )
    for (colour, drill, family, group), part in frame.groupby(
        ["colour", "drill", "family", "group"], sort=False
    ):
        if family == "LineString":
            part.plot(
                ax=ax,
                color=colour,
                linewidth=4 if drill else 2,
                alpha=0.95 if drill else 0.5,
                zorder=5,
                path_effects=halo(6.5),
            )
        elif family == "Polygon":
            part.plot(ax=ax, color=colour, alpha=0.16 if drill else 0.06, zorder=3)
            part.boundary.plot(
                ax=ax,
                color=colour,
                linewidth=1.6,
                linestyle="--" if group else "-",
                alpha=0.9 if drill else 0.4,
                zorder=4,
            )
    points = frame[frame["family"] == "Point"]
    labels_of = {index: rows[index].exercise.label for index in points.index}
    spread = _spread_xy(points[points["drill"]], labels_of, spread_m)
    for (x0, y0), (x1, y1) in spread.values():
        if (x0, y0) != (x1, y1):  # a leader line from the shared true point to the spread dot
            ax.plot([x0, x1], [y0, y1], color="#333333", linewidth=0.8, zorder=6.5)
    for drill, part in points.groupby("drill"):
        # drill sites take the exercise's shape as well as its colour (as on the dashboard's map)
        markers = [shape_of(view.colours, labels_of[i]) if drill else "circle" for i in part.index]
        for look in dict.fromkeys(markers):
            some = part[[m == look for m in markers]]
            ax.scatter(
                [spread[i][1][0] if i in spread else g.x for i, g in zip(some.index, some.geometry, strict=True)],
                [spread[i][1][1] if i in spread else g.y for i, g in zip(some.index, some.geometry, strict=True)],
                s=(90 if drill else 40) * (1.6 if look == "star" else 1.0),
                marker=MPL_MARKERS.get(look, "o"),
                color=list(some["colour"]) if drill else "white",
                edgecolor="#222222" if drill else CONTEXT_GREY,
                linewidth=1.2,
                zorder=7 if drill else 6,
            )

    labels: dict[tuple[str, float, float], Label] = {}
    for row, shape, anchor_point in zip(rows, shapes, anchors, strict=True):
        place = row.location.place
        if place.kind in _UNLABELLED_KINDS:
            continue
        drill = row.location.role == "drill"
        marker = shape.geom_type == "Point"
        anchor = (shape.x, shape.y) if marker else (anchor_point.x, anchor_point.y)
        text = place.name + (f" {CHECKED_MARK}" if drill and row.location.verified else "")
        if drill and row.nato_border_km is not None and row.nato_border_km > 0 and row.nato_border_country:
            text += f"\n{row.nato_border_km:.0f} km to {country_name(row.nato_border_country)}"
        key = (place.name, round(anchor[0], -3), round(anchor[1], -3))
        known = labels.get(key)
        if known is None or (drill and not known.drill):
            labels[key] = Label(text=text, anchor=anchor, drill=drill, marker=marker)
    return sorted(labels.values(), key=lambda label: (not label.drill, not label.marker))



def _nice_km(span_km: float) -> int:
    target = span_km / 5
    return max((n for n in NICE_KM if n <= target), default=NICE_KM[0])


def _draw_scale_bar(ax: Axes, limits: tuple[float, float, float, float]) -> None:
    from matplotlib.patches import Rectangle  # lazy: heavy: only when a briefing is drawn

    minx, miny, maxx, maxy = limits
    km = _nice_km((maxx - minx) / 1000)
    length = km * 1000
    x0 = maxx - (maxx - minx) * 0.04 - length
    y0 = miny + (maxy - miny) * 0.05
    height = (maxy - miny) * 0.008
    for i in range(2):  # two alternating halves, as on printed maps
        ax.add_patch(
            Rectangle(
                (x0 + i * length / 2, y0),
                length / 2,
                height,
                facecolor="black" if i == 0 else "white",
                edgecolor="black",
                linewidth=0.8,
                zorder=9,
            )
        )
    half = km // 2 if km % 2 == 0 else km / 2
    marks = [("0", x0), (f"{half:g}", x0 + length / 2), (f"{km:g} km", x0 + length)]
    drawn = []
    for text, x in marks:  # a mark that would touch the one before it is left out (the middle one)
        label = ax.text(
            x, y0 + height * 1.6, text, ha="center", va="bottom", fontsize=8, zorder=9, path_effects=halo()
        )
        drawn.append(label)
    renderer = ax.figure.canvas.get_renderer()
    boxes = [label.get_window_extent(renderer) for label in drawn]
    if boxes[1].overlaps(boxes[0]) or boxes[1].overlaps(boxes[2]):
        drawn[1].remove()
    if boxes[0].overlaps(boxes[2]):  # a bar shorter than its labels: the length alone says it
        drawn[0].remove()


def _draw_north_arrow(ax: Axes) -> None:
    ax.annotate(
        "N",
        xy=(0.045, 0.95),
        xytext=(0.045, 0.83),
        xycoords="axes fraction",
        textcoords="axes fraction",
        ha="center",
        va="center",
        fontsize=13,
        fontweight="bold",
        arrowprops={"facecolor": "black", "width": 5, "headwidth": 14, "headlength": 12},
        zorder=9,
    )


# geo.render.palette's marker shapes as matplotlib markers
MPL_MARKERS = {"circle": "o", "square": "s", "triangle": "^", "diamond": "D", "hexagon": "h", "star": "*",
               "pentagon": "p"}


def _draw_legend(ax: Axes, view: BriefingView):
    from matplotlib.lines import Line2D  # lazy: heavy: only when a briefing is drawn
    from matplotlib.patches import Patch  # lazy: heavy: only when a briefing is drawn

    handles = []
    shown = sorted({row.exercise.label for row in view.rows})
    # as many exercises as the map's height holds at ~15 px a row, after the other entries
    height_px = ax.get_window_extent(ax.figure.canvas.get_renderer()).height
    limit = max(MAX_LEGEND_EXERCISES, int(height_px / 15) - 8)
    if len(shown) > limit:
        limit -= 1  # room for the "+ N more" row
    for label in shown[:limit]:
        colour = view.colours.get(label, "#444444")
        handles.append(
            Line2D(
                [],
                [],
                marker=MPL_MARKERS.get(shape_of(view.colours, label), "o"),
                linestyle="",
                markersize=9,
                markerfacecolor=colour,
                markeredgecolor="#222222",
                label=textwrap.shorten(label, LEGEND_CHARS, placeholder="…"),
            )
        )
    if len(shown) > limit:
        handles.append(
            Line2D([], [], linestyle="", label=f"+ {len(shown) - limit} more exercises (facts panel)")
        )
    kinds = {row.location.place.kind for row in view.rows}
    if "border" in kinds:
        handles.append(Line2D([], [], color="#555555", linewidth=4, label="border segment named in text"))
    if kinds & {"region", "country", "sea"}:
        handles.append(Patch(facecolor="#55555530", edgecolor="#555555", label="region / area"))
    if "group" in kinds:
        handles.append(
            Patch(facecolor="#55555520", edgecolor="#555555", linestyle="--", label="group of countries")
        )
    if any(row.location.role == "context" for row in view.rows):
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markersize=7,
                markerfacecolor="white",
                markeredgecolor=CONTEXT_GREY,
                label="mentioned only",
            )
        )
    if any(row.location.verified for row in view.rows):
        handles.append(Line2D([], [], linestyle="", label=f"{CHECKED_MARK} checked by an analyst"))
    handles.append(
        Patch(facecolor=NATO_FILL, edgecolor=BORDER_GREY, label=f"NATO member on {short_day(view.as_of)}")
    )
    # Outside the map frame, on its right: the legend hides no site.
    legend = ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, fontsize=8,
        framealpha=1.0, title="Legend", title_fontsize=9, alignment="left",
    )
    legend.set_zorder(10)
    return legend


def draw_map(ax: Axes, view: BriefingView) -> None:
    """Basemap, events, labels, legend, scale bar and north arrow on one axes."""
    bbox = ax.get_position()
    fig_w, fig_h = ax.figure.get_size_inches()
    aspect = (bbox.width * fig_w) / (bbox.height * fig_h)
    crs, limits = _view_limits(_lonlat_bounds(view.rows), aspect)
    ax.set_facecolor(SEA)
    names = _draw_basemap(ax, crs, limits, view.as_of)
    # coincident drill sites are spread ~10 px apart (the map is ~600-1500 px wide)
    labels = _draw_events(ax, view, crs, spread_m=(limits[2] - limits[0]) * 0.011) + names
    ax.set_xlim(limits[0], limits[2])
    ax.set_ylim(limits[1], limits[3])
    ax.set_aspect("equal", adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    legend = _draw_legend(ax, view)
    _draw_scale_bar(ax, limits)
    _draw_north_arrow(ax)
    place_labels(ax, labels, avoid=furniture_boxes(ax, legend))
    if not view.rows:
        message = "No exercise matches these filters" if not view.exercises else "No place could be mapped"
        ax.text(
            0.5,
            0.5,
            message,
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=20,
            color="#444444",
            zorder=11,
            bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "#999999"},
        )
