"""Static briefing images, rendered offline with geopandas + matplotlib (no browser).

    Filters.apply -> location_rows -> draw_map / draw_timeline / draw_facts -> PNG

``write_briefing`` makes the one-page briefing (map, timeline, a facts box per
exercise) or, with ``map_only``, the map alone. Every image carries a title,
the date range, a legend, a scale bar, a north arrow, the attribution and a
"generated on" stamp. ``write_timeline_image`` is the dashboard's Plotly
timeline through kaleido (system Chromium) for a slide of its own.

The map is drawn in a Lambert azimuthal equal-area projection centred on the
events: north is up at the centre and the scale bar is true there.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from geo.countries import country_name
from geo.errors import ExportError
from geo.exports import ATTRIBUTION, LocationRow, dataset_rows, exercise_colours
from geo.filters import Filters
from geo.model import Dataset, Exercise, Milestone

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

DPI = 100
LAND = "#f3f0e8"
SEA = "#c9dff0"
NATO_FILL = "#e6ebf7"
BORDER_GREY = "#a3a3a3"
CONTEXT_GREY = "#8c8c8c"
# Where the map looks when nothing matches: the region the tool is about.
DEFAULT_BOUNDS = (14.0, 46.0, 40.0, 60.0)
MIN_SPAN_M = 650_000  # never zoom closer than ~650 km across: a briefing needs neighbours for context
MAX_LABELS = 30  # names on the map; past this the CSV carries them
MAX_LEGEND_EXERCISES = 10
MAX_TIMELINE_ROWS = 10
NICE_KM = (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000)


@dataclass(frozen=True)
class BriefingView:
    """What one image shows: the filtered exercises, their rows and the words around them."""

    title: str
    exercises: tuple[Exercise, ...]
    rows: tuple[LocationRow, ...]
    colours: dict[str, str]
    sources: tuple[str, ...]
    generated_on: date
    milestones: tuple[Milestone, ...] = ()

    @property
    def date_range(self) -> str:
        days = [d for e in self.exercises for d in (e.start, e.end) if d]
        if not self.exercises:
            return "nothing matches"
        if not days:
            return "no dated exercise"
        return f"{_day(min(days))} – {_day(max(days))}"

    @property
    def as_of(self) -> date:
        """The day NATO is drawn for: the latest exercise start (membership changes)."""
        starts = [e.start for e in self.exercises if e.start]
        return max(starts) if starts else self.generated_on


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def briefing_view(
    dataset: Dataset, filters: Filters, title: str | None = None, generated_on: date | None = None
) -> BriefingView:
    exercises = tuple(filters.apply(dataset.exercises))
    rows = tuple(dataset_rows(dataset, filters))
    by_path = {a.path: a.label for a in dataset.articles}
    paths = sorted({p for e in exercises for p in e.articles} | {r.location.evidence.article for r in rows})
    return BriefingView(
        title=(title or "").strip() or filters.describe(),
        exercises=exercises,
        rows=rows,
        colours=exercise_colours(dataset),
        sources=tuple(by_path.get(p, p) for p in paths),
        generated_on=generated_on or date.today(),
        milestones=tuple(filters.apply_milestones(dataset.milestones, exercises)),
    )


# --- the map ----------------------------------------------------------------------


def _local_crs(lon: float, lat: float) -> str:
    return f"+proj=laea +lat_0={lat:.3f} +lon_0={lon:.3f} +datum=WGS84 +units=m +no_defs"


@lru_cache(maxsize=512)
def _shape_for_key(key: str):
    """The full geometry of a key, simplified to ~500 m (invisible at briefing scale, faster to draw)."""
    from geo.geometry import geometry_for

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


def _view_limits(
    bounds: tuple[float, float, float, float], aspect: float
) -> tuple[str, tuple[float, float, float, float]]:
    """A projection centred on the bounds and x/y limits that fill an axes of ``aspect`` (w/h)."""
    import geopandas as gpd
    from shapely.geometry import box

    minx, miny, maxx, maxy = bounds
    crs = _local_crs((minx + maxx) / 2, (miny + maxy) / 2)
    pminx, pminy, pmaxx, pmaxy = gpd.GeoSeries([box(*bounds)], crs="EPSG:4326").to_crs(crs).total_bounds
    width = max(pmaxx - pminx, MIN_SPAN_M) * 1.3
    height = max(pmaxy - pminy, MIN_SPAN_M) * 1.3
    if width / height < aspect:
        width = height * aspect
    else:
        height = width / aspect
    cx, cy = (pminx + pmaxx) / 2, (pminy + pmaxy) / 2
    return crs, (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)


def _halo(width: float = 3.0) -> list:
    import matplotlib.patheffects as pe

    return [pe.withStroke(linewidth=width, foreground="white")]


def _draw_basemap(ax: Axes, crs: str, limits: tuple[float, float, float, float], as_of: date) -> None:
    import geopandas as gpd
    from shapely.geometry import box

    from geo.geometry import countries, nato_members

    # Clip the 1:10m countries to the window and simplify to about a pixel: faster
    # than simplifying the whole world, and sharper than a world-scale basemap.
    world = countries()
    window = gpd.GeoSeries([box(*limits)], crs=crs).to_crs("EPSG:4326").total_bounds
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
    big = set(near.loc[near.geometry.area > view_area * 0.004, "iso3"])
    labels = world[world["iso3"].isin(big)]
    points = gpd.GeoSeries(gpd.points_from_xy(labels["label_lon"], labels["label_lat"]), crs="EPSG:4326")
    points = points.to_crs(crs)
    minx, miny, maxx, maxy = limits
    for name, point in zip(labels["name"], points, strict=True):
        if minx < point.x < maxx and miny < point.y < maxy:
            ax.text(
                point.x,
                point.y,
                name.upper(),
                fontsize=8,
                color="#8a8170",
                ha="center",
                va="center",
                zorder=2,
                alpha=0.9,
                fontweight="bold",
                clip_on=True,
            )


@dataclass(frozen=True)
class _Label:
    text: str
    anchor: tuple[float, float]  # projected metres
    drill: bool
    marker: bool  # a dot is drawn at the anchor (an obstacle for other labels)


# Candidate offsets (points) and alignments around an anchor, best first.
_LABEL_SPOTS = (
    ((7, 4), "left", "bottom"),
    ((7, -4), "left", "top"),
    ((-7, 4), "right", "bottom"),
    ((-7, -4), "right", "top"),
    ((9, 0), "left", "center"),
    ((-9, 0), "right", "center"),
    ((0, 9), "center", "bottom"),
    ((0, -9), "center", "top"),
    ((16, 14), "left", "bottom"),
    ((16, -14), "left", "top"),
    ((-16, 14), "right", "bottom"),
    ((-16, -14), "right", "top"),
)
# The basemap already names countries; a country-wide "site" gets its area, not a second name.
_UNLABELLED_KINDS = {"country"}


def _draw_events(ax: Axes, view: BriefingView, crs: str) -> list[_Label]:
    """Lines, areas and dots for every row; returns the labels to place once the view is fixed.

    Shapes are projected in one batch and drawn as one artist per colour and
    role, so hundreds of sites stay a few artists (rendering time follows artists).
    """
    import geopandas as gpd

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
                path_effects=_halo(6.5),
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
    for drill, part in points.groupby("drill"):
        ax.scatter(
            part.geometry.x,
            part.geometry.y,
            s=90 if drill else 40,
            color=list(part["colour"]) if drill else "white",
            edgecolor="#222222" if drill else CONTEXT_GREY,
            linewidth=1.2,
            zorder=7 if drill else 6,
        )

    labels: dict[tuple[str, float, float], _Label] = {}
    for row, shape, anchor_point in zip(rows, shapes, anchors, strict=True):
        place = row.location.place
        if place.kind in _UNLABELLED_KINDS:
            continue
        drill = row.location.role == "drill"
        marker = shape.geom_type == "Point"
        anchor = (shape.x, shape.y) if marker else (anchor_point.x, anchor_point.y)
        text = place.name
        if drill and row.nato_border_km is not None and row.nato_border_km > 0 and row.nato_border_country:
            text += f"\n{row.nato_border_km:.0f} km to {country_name(row.nato_border_country)}"
        key = (place.name, round(anchor[0], -3), round(anchor[1], -3))
        known = labels.get(key)
        if known is None or (drill and not known.drill):
            labels[key] = _Label(text=text, anchor=anchor, drill=drill, marker=marker)
    return sorted(labels.values(), key=lambda label: (not label.drill, not label.marker))


def _furniture_boxes(ax: Axes, legend) -> list:
    """Display boxes of the legend, north arrow and scale bar: no place name may hide under them."""
    from matplotlib.transforms import Bbox

    renderer = ax.figure.canvas.get_renderer()
    corners = ((0.0, 0.76, 0.09, 1.0), (0.7, 0.0, 1.0, 0.11))  # north arrow, scale bar (axes fraction)
    boxes = [Bbox(ax.transAxes.transform([(x0, y0), (x1, y1)])) for x0, y0, x1, y1 in corners]
    return [legend.get_window_extent(renderer), *boxes]


def _place_labels(ax: Axes, labels: Sequence[_Label], avoid: Sequence = ()) -> None:
    """Put each label in the first spot around its anchor that overlaps nothing placed yet.

    Drill sites are placed first; a context label that fits nowhere is left out
    rather than printed over a drill site's name. Past ``MAX_LABELS`` the map is
    too crowded to read names anyway: the legend and the CSV carry them.
    """
    from matplotlib.transforms import Bbox

    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    labels = list(labels)[:MAX_LABELS]
    dots = [tuple(ax.transData.transform(label.anchor)) for label in labels]
    marker_boxes = [Bbox.from_extents(x - 6, y - 6, x + 6, y + 6) for x, y in dots]
    placed: list[Bbox] = list(avoid)
    for index, label in enumerate(labels):
        obstacles = placed + [box for i, box in enumerate(marker_boxes) if labels[i].marker and i != index]
        fallback = None
        for offset, ha, va in _LABEL_SPOTS:
            text = _annotate(ax, label, offset, ha, va)
            box = text.get_window_extent(renderer).padded(2)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
            if inside and not any(box.overlaps(other) for other in obstacles):
                placed.append(box)
                break
            text.remove()
            fallback = fallback or (offset, ha, va)
        else:
            if label.drill and fallback:  # a drill site is always named, even if crowded
                _annotate(ax, label, *fallback)


def _annotate(ax: Axes, label: _Label, offset: tuple[float, float], ha: str, va: str):
    """A place name beside its anchor; drill sites darker and larger than context places."""
    return ax.annotate(
        label.text,
        label.anchor,
        xytext=offset,
        textcoords="offset points",
        ha=ha,
        va=va,
        fontsize=9 if label.drill else 8,
        color="#1a1a1a" if label.drill else "#666666",
        zorder=8,
        path_effects=_halo(),
    )


def _nice_km(span_km: float) -> int:
    target = span_km / 5
    return max((n for n in NICE_KM if n <= target), default=NICE_KM[0])


def _draw_scale_bar(ax: Axes, limits: tuple[float, float, float, float]) -> None:
    from matplotlib.patches import Rectangle

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
    for text, x in (("0", x0), (f"{half:g}", x0 + length / 2), (f"{km:g} km", x0 + length)):
        ax.text(
            x, y0 + height * 1.6, text, ha="center", va="bottom", fontsize=8, zorder=9, path_effects=_halo()
        )


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


def _draw_legend(ax: Axes, view: BriefingView):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = []
    shown = sorted({row.exercise.label for row in view.rows})
    for label in shown[:MAX_LEGEND_EXERCISES]:
        colour = view.colours.get(label, "#444444")
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markersize=9,
                markerfacecolor=colour,
                markeredgecolor="#222222",
                label=label,
            )
        )
    if len(shown) > MAX_LEGEND_EXERCISES:
        handles.append(
            Line2D([], [], linestyle="", label=f"+ {len(shown) - MAX_LEGEND_EXERCISES} more exercises")
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
                label="mentioned only (context)",
            )
        )
    handles.append(
        Patch(facecolor=NATO_FILL, edgecolor=BORDER_GREY, label=f"NATO member on {_day(view.as_of)}")
    )
    legend = ax.legend(
        handles=handles, loc="upper right", fontsize=9, framealpha=0.92, title="Legend", title_fontsize=9
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
    _draw_basemap(ax, crs, limits, view.as_of)
    labels = _draw_events(ax, view, crs)
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
    _place_labels(ax, labels, avoid=_furniture_boxes(ax, legend))
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


# --- the timeline ---------------------------------------------------------------------


def draw_timeline(ax: Axes, view: BriefingView, milestones: Sequence = ()) -> None:
    """Bars start -> end per exercise, phases darker, milestones as diamonds."""
    import matplotlib.dates as mdates

    ordered = sorted(
        (e for e in view.exercises if e.start or e.end), key=lambda e: (e.start or e.end, e.label)
    )
    hidden = len(ordered) - MAX_TIMELINE_ROWS
    title = "Timeline"
    if hidden > 0:  # the latest ones: what a briefing is usually about
        ordered = ordered[-MAX_TIMELINE_ROWS:]
        title += f" (latest {MAX_TIMELINE_ROWS}; {hidden} earlier exercises in the CSV export)"
    ax.set_title(title, loc="left", fontsize=11, fontweight="bold")
    days = [d for e in ordered for d in (e.start, e.end) if d]
    if days:
        milestones = [m for m in milestones if min(days) - timedelta(days=365) <= m.day <= max(days)]
    days += [m.day for m in milestones]
    if not days:
        ax.text(0.5, 0.5, "No dated exercise to show", transform=ax.transAxes, ha="center", va="center")
        ax.set_axis_off()
        return
    first, last = min(days), max(days)
    span = max((last - first).days, 30)
    minimum = timedelta(days=span * 0.012)  # a 10-day drill stays visible on a multi-year axis
    for y, exercise in enumerate(ordered):
        start = exercise.start or exercise.end
        end = max(exercise.end or start, start + minimum)
        colour = view.colours.get(exercise.label, "#444444")
        ax.barh(
            y,
            mdates.date2num(end) - mdates.date2num(start),
            left=mdates.date2num(start),
            height=0.55,
            color=colour,
            alpha=0.85,
        )
        for phase in exercise.phases:
            if phase.start and phase.end:
                ax.barh(
                    y,
                    mdates.date2num(max(phase.end, phase.start + minimum)) - mdates.date2num(phase.start),
                    left=mdates.date2num(phase.start),
                    height=0.55,
                    color="black",
                    alpha=0.25,
                )
        when = _day(start) if exercise.end in (None, start) else f"{_day(start)} – {_day(exercise.end)}"
        ax.annotate(
            f"{exercise.label}  ({when})",
            (mdates.date2num(end), y),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
        )
    if milestones:
        y = len(ordered)
        for cluster in _clusters(sorted(milestones, key=lambda m: m.day), timedelta(days=span * 0.04)):
            for milestone in cluster:
                ax.plot(mdates.date2num(milestone.day), y, marker="D", color="#444444", markersize=7)
            words = " · ".join(dict.fromkeys(m.label for m in cluster))
            ax.annotate(
                textwrap.shorten(words, 70, placeholder=" …"),
                (mdates.date2num(cluster[-1].day), y),
                xytext=(6, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
                color="#444444",
            )
    pad = timedelta(days=span * 0.04)
    left = first - pad
    if span > 400:  # start at a year boundary so the first year is named on the axis
        left = min(left, date(first.year, 1, 1))
    ax.set_xlim(mdates.date2num(left), mdates.date2num(last + pad + timedelta(days=span * 0.3)))
    ax.set_ylim(len(ordered) + (0.6 if milestones else -0.4), -0.6)
    ax.set_yticks([])
    if span > 400:  # years as labels, quarters as ticks: no bare "Jul" of an unnamed year
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.xaxis.set_minor_locator(mdates.MonthLocator((1, 4, 7, 10)))
    else:
        locator = mdates.AutoDateLocator(maxticks=10)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)


def _clusters(milestones: Sequence, gap: timedelta) -> list[list]:
    """Milestones (sorted by day) closer than ``gap`` share one label, so labels do not overprint."""
    clusters: list[list] = []
    for milestone in milestones:
        if clusters and milestone.day - clusters[-1][-1].day <= gap:
            clusters[-1].append(milestone)
        else:
            clusters.append([milestone])
    return clusters


# --- the facts box --------------------------------------------------------------------


def exercise_facts(exercise: Exercise, rows: Sequence[LocationRow], sources: dict[str, str]) -> list[str]:
    """The lines of one exercise's facts box, in the order a briefer reads them."""
    if exercise.start and exercise.end and exercise.end != exercise.start:
        days = (exercise.end - exercise.start).days + 1
        when = f"{_day(exercise.start)} – {_day(exercise.end)} ({days} days)"
    elif exercise.start or exercise.end:
        when = _day(exercise.start or exercise.end)
    else:
        when = "dates not reported"
    own = [r for r in rows if r.exercise is exercise or r.exercise.label == exercise.label]
    sites = sorted({r.location.place.name for r in own if r.location.role == "drill"})
    distances = list(
        dict.fromkeys(r.distance_phrase for r in own if r.location.role == "drill" and r.distance_phrase)
    )
    titles = sorted(
        {sources.get(p, p) for p in exercise.articles}
        | {sources.get(r.location.evidence.article, r.location.evidence.article) for r in own}
    )
    return [
        f"When: {when}",
        "Participants: " + (", ".join(country_name(c) for c in exercise.participants) or "not reported"),
        "Troops claimed: " + ("; ".join(c.text for c in exercise.troops) or "not reported"),
        "Equipment: " + (", ".join(exercise.equipment) or "not reported"),
        "Where: " + (", ".join(sites) or "no place resolved"),
        "NATO border: " + ("; ".join(distances) or "n/a"),
        "Sources: " + ("; ".join(titles) or "none"),
    ]


def draw_facts(ax: Axes, view: BriefingView, sources: dict[str, str], width_chars: int) -> None:
    ax.set_axis_off()
    ax.set_title("Facts per exercise", loc="left", fontsize=11, fontweight="bold")
    if not view.exercises:
        ax.text(
            0,
            0.95,
            "No exercise matches these filters.\nWiden the date range or clear the country filter.",
            transform=ax.transAxes,
            va="top",
            fontsize=10,
        )
        return
    renderer = ax.figure.canvas.get_renderer()
    to_axes = ax.transAxes.inverted()
    note_height = 0.06  # room kept for the "+ N more" line
    y = 0.99
    # Latest first: what a briefing leads with, and the ones the timeline keeps when crowded.
    latest_first = sorted(view.exercises, key=lambda e: e.start or e.end or date.min, reverse=True)
    for shown, exercise in enumerate(latest_first):
        lines = [
            wrapped
            for line in exercise_facts(exercise, view.rows, sources)
            for wrapped in textwrap.wrap(line, width_chars, subsequent_indent="   ")
        ]
        colour = view.colours.get(exercise.label, "#444444")
        block = [
            ax.text(0, y, "■ ", transform=ax.transAxes, va="top", fontsize=12, color=colour),
            ax.text(
                0.035, y, exercise.label, transform=ax.transAxes, va="top", fontsize=11, fontweight="bold"
            ),
        ]
        heading_bottom = to_axes.transform((0, block[1].get_window_extent(renderer).y0))[1]
        block.append(
            ax.text(
                0.035,
                heading_bottom - 0.01,
                "\n".join(lines),
                transform=ax.transAxes,
                va="top",
                fontsize=9,
                linespacing=1.35,
            )
        )
        bottom = to_axes.transform((0, block[2].get_window_extent(renderer).y0))[1]
        last = shown == len(latest_first) - 1
        if shown and bottom < (0 if last else note_height):  # measured, not guessed: drop what does not fit
            for artist in block:
                artist.remove()
            ax.text(
                0,
                y,
                f"+ {len(latest_first) - shown} more exercise(s): see the CSV export",
                transform=ax.transAxes,
                va="top",
                fontsize=9,
                style="italic",
            )
            return
        y = bottom - 0.035


# --- pages -----------------------------------------------------------------------------


def _header_and_footer(fig: Figure, view: BriefingView, top: float) -> None:
    count = len(view.exercises)
    width_px = fig.get_size_inches()[0] * DPI
    fig.text(0.012, top, view.title, fontsize=20, fontweight="bold", va="top")
    fig.text(
        0.012,
        top - 0.045,
        f"{view.date_range}  ·  {count} exercise{'s' if count != 1 else ''}  ·  "
        f"{len(view.rows)} mapped location{'s' if len(view.rows) != 1 else ''}",
        fontsize=11,
        color="#444444",
        va="top",
    )
    sources = "; ".join(view.sources) or "none"
    # ~5.3 px per character at 8 pt; the stamp takes the right third.
    attribution = textwrap.shorten(
        f"{ATTRIBUTION}. Article sources: {sources}", int(width_px * 0.64 / 5.3), placeholder=" …"
    )
    fig.text(0.012, 0.012, attribution, fontsize=8, color="#555555", va="bottom")
    fig.text(
        0.988,
        0.012,
        f"Generated on {view.generated_on.isoformat()} · exercise-map (offline)",
        fontsize=8,
        color="#555555",
        va="bottom",
        ha="right",
    )


def render_figure(
    dataset: Dataset, view: BriefingView, size: tuple[int, int] = (1600, 1000), map_only: bool = False
) -> Figure:
    """The briefing (or map alone) as a matplotlib Figure of exactly ``size`` pixels."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    width, height = size
    if width < 400 or height < 300:
        raise ExportError(
            f"image size {width}x{height} is too small for a readable map; use at least 400x300"
        )
    fig = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)  # a renderer to measure labels with, before saving
    header = 0.11 * 1000 / height  # the title band keeps its height in pixels
    top = 0.985
    _header_and_footer(fig, view, top)
    map_top = top - header
    if map_only:
        draw_map(fig.add_axes((0.012, 0.045, 0.976, map_top - 0.045)), view)
        return fig
    draw_map(fig.add_axes((0.012, 0.30, 0.6, map_top - 0.30)), view)
    facts_left = 0.635
    draw_facts(
        fig.add_axes((facts_left, 0.30, 0.99 - facts_left, map_top - 0.32)),
        view,
        {a.path: a.label for a in dataset.articles},
        width_chars=int((0.99 - facts_left) * width / 7.0),
    )
    draw_timeline(fig.add_axes((0.03, 0.07, 0.94, 0.17)), view, view.milestones)
    return fig


def _save(fig: Figure, path: Path) -> Path:
    import matplotlib

    path = Path(path)
    # SVG keeps text as text, so a briefer can edit the title in a slide tool.
    try:
        with matplotlib.rc_context({"svg.fonttype": "none"}):
            fig.savefig(path, dpi=DPI, format=path.suffix.lstrip(".").lower() or "png", facecolor="white")
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror}); choose another output path") from exc
    except ValueError as exc:
        raise ExportError(f"{path}: {exc}; use .png, .svg or .pdf") from exc
    return path


def write_briefing(
    dataset: Dataset,
    filters: Filters,
    path: Path,
    title: str | None = None,
    size: tuple[int, int] = (1600, 1000),
    map_only: bool = False,
    generated_on: date | None = None,
) -> Path:
    """The one-page briefing (or ``map_only``) as PNG (or .svg/.pdf by suffix)."""
    view = briefing_view(dataset, filters, title=title, generated_on=generated_on)
    return _save(render_figure(dataset, view, size=size, map_only=map_only), path)


def briefing_png(
    dataset: Dataset,
    filters: Filters,
    title: str | None = None,
    size: tuple[int, int] = (1600, 1000),
    map_only: bool = False,
) -> bytes:
    """The same image as bytes, for a download button."""
    import io

    view = briefing_view(dataset, filters, title=title)
    buffer = io.BytesIO()
    render_figure(dataset, view, size=size, map_only=map_only).savefig(buffer, dpi=DPI, format="png")
    return buffer.getvalue()


# --- the Plotly timeline through kaleido ---------------------------------------------------


def timeline_image(
    dataset: Dataset, filters: Filters, fmt: str = "png", size: tuple[int, int] = (1600, 600)
) -> bytes:
    """The dashboard's Plotly timeline as PNG/SVG bytes (kaleido drives the system Chromium)."""
    import os

    from geo.timeline import build_timeline

    os.environ.setdefault("BROWSER_PATH", "/usr/bin/chromium")
    exercises = filters.apply(dataset.exercises)
    milestones = filters.apply_milestones(dataset.milestones, exercises)
    # about 8 px a label character on the axis of a plot this wide
    figure = build_timeline(exercises, milestones, exercise_colours(dataset),
                            label_room=max(20, size[0] // 10))
    figure.update_layout(title=filters.describe(), margin={"t": 60})
    try:
        return figure.to_image(format=fmt, width=size[0], height=size[1])
    except (RuntimeError, OSError, ValueError) as exc:
        raise ExportError(
            f"the timeline image needs Chromium for kaleido ({exc}); install it with "
            "`apt-get install chromium` or set BROWSER_PATH"
        ) from exc


def write_timeline_image(
    dataset: Dataset, filters: Filters, path: Path, size: tuple[int, int] = (1600, 600)
) -> Path:
    path = Path(path)
    fmt = path.suffix.lstrip(".").lower()
    if fmt not in ("png", "svg", "pdf"):
        raise ExportError(f"{path}: the timeline is written as .png, .svg or .pdf")
    data = timeline_image(dataset, filters, fmt=fmt, size=size)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror}); choose another output path") from exc
    return path
