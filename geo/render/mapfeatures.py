"""The map's pure part: what is drawn where, and what its popups say.

    exercises -> sites_of -> group_features -> Feature (a position or a geometry key, its sites)

Payload stays bounded on large datasets: features are grouped by where they
are drawn (a site's coordinates or a geometry key). Up to ``MAX_FEATURES``
groups each exercise at a site gets a feature of its own (coincident ones are
spread around the true point by ``spread_points``); above that, one feature per
site, coloured by its most frequent exercise, whose popup lists the first few
exercises. No folium here: ``geo.render.mapview`` draws these.
"""

from __future__ import annotations

import html
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote, urlencode

from geo.core.countries import country_name
from geo.core.model import Article, EventLocation, Exercise
from geo.render.palette import CONTEXT_COLOUR, colour_of, marker_shapes
from geo.render.rows import location_row, provenance_line
from geo.render.sources import source_entry

MAX_FEATURES = 400
POPUP_ENTRIES = 6
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
    # False for an area several exercises share: drawn once as shading, each exercise clicked at its
    # own marker on the area's label point (``shared_area_markers``)
    interactive: bool = True

    @property
    def uncertain(self) -> bool:
        """Every drill site here rests on a doubtful role decision: drawn hollow and dashed."""
        return not self.context and all(uncertain_role(s.location) for s in self.sites)

    @property
    def verified(self) -> bool:
        """Every site here was checked by an analyst: drawn with a dark ring."""
        return all(s.location.verified for s in self.sites)

    @property
    def tooltip(self) -> str:
        first = self.sites[0].tooltip
        more = len(self.sites) - 1
        return first if not more else f"{first} (+{more} more)"


UNCERTAIN_ROLE = 0.6  # a drill site whose role confidence is below this is drawn as uncertain


def uncertain_role(location: EventLocation) -> bool:
    """A drill site the pipeline placed on weak evidence (and no analyst has checked)."""
    return location.role == "drill" and not location.verified and location.confidence < UNCERTAIN_ROLE


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
    8 Jul 2024), each part only when known; never a local file path (the file's name at worst),
    nor a long URL where the outlet's domain says it."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    if article is None:
        return name
    title = article.title or name
    title = title if len(title) <= 70 else title[:69] + "…"
    # The outlet: its name, or a URL's domain ("eastwatch-daily.example"), never the whole URL
    parts = [f"“{title}”", source_entry(article).outlet,
             f"{article.published:%d %b %Y}" if article.published else None]
    return ", ".join(part for part in parts if part)


def coordinates(lat: float, lon: float) -> str:
    """'52.098° N, 23.734° E': a site's true position, as its popup gives it."""
    return f"{abs(lat):.3f}° {'N' if lat >= 0 else 'S'}, {abs(lon):.3f}° {'E' if lon >= 0 else 'W'}"


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
        f"Place: {esc(place.name)} — {esc(place.kind)}, {role} "
        f"(role {'uncertain, ' if uncertain_role(loc) else ''}confidence {loc.confidence:.2f})<br>"
        + (f"NATO border: {esc(nato)}<br>" if nato else "")
        + f"Position: {coordinates(place.lat, place.lon)}<br>"
        f"Confidence {place.confidence:.2f} ({esc(place.provenance)})<br>"
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


# Places only mentioned that the map leaves out: a country or group named in passing ("Polish
# officials said") would otherwise grey out a whole country; the basemap names it already.
CONTEXT_LEFT_OUT = {"country", "group"}


def drawn_sites(exercises: Iterable[Exercise]) -> list[Site]:
    """The sites the map draws: every drill site, and the places only mentioned except countries."""
    return [s for s in sites_of(exercises)
            if not (s.location.role == "context" and s.location.place.kind in CONTEXT_LEFT_OUT)]


def _shape(site: Site, lookup: GeometryLookup) -> tuple[str, str]:
    """(group key, shape) of a site: geometry first, its point as the fallback. A place only
    mentioned is always a point (a small hollow marker), never a shaded region or border."""
    place = site.location.place
    key = place.geometry_key
    if site.location.role == "context":
        return f"pt:{place.lat:.3f},{place.lon:.3f}", "point"
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
    for site in drawn_sites(exercises):
        by_key[_shape(site, lookup)].append(site)
    pairs = sum(len({s.exercise.label for s in group}) for group in by_key.values())
    features: list[Feature] = []
    marker_of = marker_shapes(palette)
    for (key, shape), group in by_key.items():
        if pairs <= max_features:
            by_label: dict[str, list[Site]] = defaultdict(list)
            for site in group:
                by_label[site.exercise.label].append(site)
            parts = list(by_label.values())
        else:
            parts = [group]
        if shape == "area" and len(parts) > 1:
            features.extend(shared_area_markers(key, parts, palette))
            continue
        for part in parts:
            label = Counter(s.exercise.label for s in part).most_common(1)[0][0]
            context = all(s.location.role == "context" for s in part)
            colour = CONTEXT_COLOUR if context else colour_of(palette, label)
            marker = "circle" if context else marker_of(label)
            features.append(Feature(key, shape, tuple(part), colour, context, marker))
    return features


SHARED_AREA_COLOUR = "#555555"


def shared_area_markers(key: str, parts: Sequence[Sequence[Site]], palette: dict[str, str]) -> list[Feature]:
    """Several exercises on one area ("drills in Belarus" three times): the area once, as shading
    that takes no click, and a marker per exercise at the area's representative point, which
    ``spread_points`` spreads like coincident sites. A click opens one exercise's popup, the same
    one the details pane shows (``site_at`` finds it by its tooltip)."""
    every = tuple(site for part in parts for site in part)
    marker_of = marker_shapes(palette)
    features = [Feature(key, "area", every, SHARED_AREA_COLOUR, False, "circle", interactive=False)]
    for part in parts:
        label = part[0].exercise.label
        place = part[0].location.place
        features.append(Feature(f"pt:{place.lat:.3f},{place.lon:.3f}", "point", tuple(part),
                                colour_of(palette, label), False, marker_of(label)))
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


def legend_entries(features: Sequence[Feature], limit: int = 12) -> list[tuple[str, str, str]]:
    """(label, colour, marker shape) of the exercises drawn, most sites first, at most ``limit``."""
    counts = Counter()
    looks: dict[str, tuple[str, str]] = {}
    for feature in features:
        if feature.context or not feature.interactive:
            continue
        label = Counter(s.exercise.label for s in feature.sites).most_common(1)[0][0]
        counts[label] += 1
        looks[label] = (feature.colour, feature.marker)
    entries = [(label, *looks[label]) for label, _ in counts.most_common(limit)]
    if len(counts) > limit:
        entries.append((f"… {len(counts) - limit} more exercises", "#cccccc", "circle"))
    return entries



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


# Coincident points are spread on a circle whose radius is this share of the map's height,
# growing with their number so neighbours on the circle stay a marker apart.
SPREAD_SHARE = 0.03
SPREAD_PER_CIRCLE = 6


def spread_points(
    features: Sequence[Feature], bounds: tuple[tuple[float, float], tuple[float, float]]
) -> list[tuple[float, float]]:
    """Where each feature's marker is drawn, (lat, lon): its own point, or, when several point
    features share one position (exercises at Brest), a place on a small circle around it.

    The radius is in degrees scaled to the map's extent (``bounds``, as fitted), so it is the
    same fraction of the screen whatever the frame's size; longitude offsets are divided by
    cos(latitude) so the circle is round on the Web Mercator map. Non-point features keep
    their representative point. The sites themselves are untouched: popups give the true point.
    """
    (south, west), (north, east) = bounds
    base = SPREAD_SHARE * max(north - south, 0.5)
    together: dict[str, list[int]] = defaultdict(list)
    for index, feature in enumerate(features):
        if feature.shape == "point":
            together[feature.key].append(index)
    positions = [(f.sites[0].location.place.lat, f.sites[0].location.place.lon) for f in features]
    for indexes in together.values():
        count = len(indexes)
        if count < 2:
            continue
        radius = base * max(1.0, count / SPREAD_PER_CIRCLE)
        lat, lon = positions[indexes[0]]
        stretch = 1 / max(math.cos(math.radians(lat)), 0.1)
        for step, index in enumerate(indexes):
            angle = math.pi / 2 - 2 * math.pi * step / count  # the first at 12 o'clock, clockwise
            positions[index] = (round(lat + radius * math.sin(angle), 5),
                                round(lon + radius * stretch * math.cos(angle), 5))
    return positions
