"""What the dashboard loads and derives, without Streamlit (so it is testable).

``folder_signature`` is the cache key: the article paths with their mtimes and
sizes, so editing or adding an article invalidates the cached dataset.
``EXERCISE_MAP_ARTICLES`` points the dashboard at another folder (tests);
``EXERCISE_MAP_SYNTHETIC=N`` serves N synthetic exercises instead (benchmarks,
and development while the pipeline is incomplete). The dataset is the store's
with the analyst's edits applied; ``EXERCISE_MAP_READONLY=1`` turns editing off.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from geo.core.countries import country_name
from geo.core.model import Dataset, Exercise, Place
from geo.render.palette import exercise_palette
from geo.store import data_revision, open_store
from geo.store.edits import edited_dataset, edits_revision
from geo.text.articles import article_paths

ARTICLES_ENV = "EXERCISE_MAP_ARTICLES"
SYNTHETIC_ENV = "EXERCISE_MAP_SYNTHETIC"
READONLY_ENV = "EXERCISE_MAP_READONLY"
Signature = tuple[tuple[str, int, int], ...]


def article_folder() -> Path:
    return Path(os.environ.get(ARTICLES_ENV) or "articles")


def synthetic_count() -> int:
    value = os.environ.get(SYNTHETIC_ENV, "").strip()
    return int(value) if value.isdigit() else 0


def folder_signature(folder: str | Path) -> Signature:
    """(path, mtime_ns, size) of every article file; raises ArticleError if no folder."""
    rows = []
    for path in article_paths(folder):
        stat = path.stat()
        rows.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(rows)


def read_only() -> bool:
    """``EXERCISE_MAP_READONLY=1`` (or true/yes): the dashboard shows but never edits."""
    return os.environ.get(READONLY_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def store_revision() -> tuple[int, ...]:
    """What the store holds now, as a cache key: changes with every added or withdrawn article
    and with every edit saved or undone."""
    with open_store() as store:
        return data_revision(store) + edits_revision(store)


def load_dataset(signature: object) -> Dataset:
    """The dataset in the store with the analyst's edits applied (the pure loader the app caches,
    keyed by ``signature``: the folder's files and the store's revision). An empty signature is
    an empty dataset. An edit that no longer finds its target is one line in ``problems``."""
    if not signature:
        return Dataset()
    with open_store() as store:
        dataset, orphans = edited_dataset(store)
    if not orphans:
        return dataset
    lines = tuple(f"Edit #{o.edit.id} ({o.edit.kind} by {o.edit.author}) no longer applies: {o.reason}; "
                  "see it with python -m geo edits export" for o in orphans)
    return replace(dataset, problems=dataset.problems + lines)


def palette_for(dataset: Dataset) -> dict[str, str]:
    return exercise_palette(e.label for e in dataset.exercises)


def country_options(dataset: Dataset, also: Iterable[str] = ()) -> list[str]:
    """ISO codes a user can filter by (participants and countries of drill sites, plus ``also``,
    the codes a link asked for), sorted by the name the sidebar shows, not by code."""
    codes = {c for e in dataset.exercises for c in e.participants}
    codes |= {loc.place.country for e in dataset.exercises for loc in e.drill_locations() if loc.place.country}
    return sorted_by_name(codes | set(also))


def sorted_by_name(codes: Iterable[str]) -> list[str]:
    """ISO codes in the order of their display names ("Germany" before "Switzerland"),
    a leading "The" ignored ("The Netherlands" among the N)."""

    def key(code: str) -> tuple[str, str]:
        name = country_name(code).casefold()
        return (name.removeprefix("the "), code)

    return sorted(set(codes), key=key)


def date_extent(exercises: Iterable[Exercise]) -> tuple[date, date] | None:
    days = [d for e in exercises for d in (e.start, e.end) if d is not None]
    return (min(days), max(days)) if days else None


def without_place(exercises: Iterable[Exercise]) -> list[Exercise]:
    """Exercises the map cannot show: no resolved location at all."""
    return [e for e in exercises if not e.locations]


@dataclass(frozen=True)
class PlaceRow:
    """One row of the Places table."""

    name: str
    kind: str
    country: str
    lat: float
    lon: float
    provenance: str
    confidence: float
    gazetteer_id: str
    mentions: int
    exercises: str

    @staticmethod
    def columns() -> list[str]:
        return list(PlaceRow.__dataclass_fields__)


def place_rows(dataset: Dataset, exercises: Iterable[Exercise], *, show_context: bool = False,
               search: str = "") -> list[PlaceRow]:
    """The places of the ``exercises`` in view (already filtered), least sure first.

    Drill sites always; with ``show_context`` also the places only mentioned: the
    exercises' context locations and every place resolved in their articles.
    ``search`` keeps the places whose name contains it (case and accents ignored).
    """
    exercises = list(exercises)
    used: dict[tuple, set[str]] = {}
    places: dict[tuple, Place] = {}
    mentions: dict[tuple, int] = {}

    def key(place: Place) -> tuple:
        return (place.name, place.kind, round(place.lat, 4), round(place.lon, 4))

    for toponyms in dataset.toponyms.values():
        for toponym in toponyms:
            if toponym.place is not None:
                k = key(toponym.place)
                mentions[k] = mentions.get(k, 0) + 1
    for exercise in exercises:
        for location in exercise.locations:
            if location.role == "drill" or show_context:
                places.setdefault(key(location.place), location.place)
                used.setdefault(key(location.place), set()).add(exercise.label)
    if show_context:
        for path in dict.fromkeys(p for e in exercises for p in e.articles):
            for toponym in dataset.toponyms.get(path, ()):
                if toponym.place is not None:
                    places.setdefault(key(toponym.place), toponym.place)
    wanted = _folded(search.strip())
    rows = [
        PlaceRow(
            name=p.name,
            kind=p.kind,
            country=country_name(p.country) if p.country else "",
            lat=round(p.lat, 4),
            lon=round(p.lon, 4),
            provenance=p.provenance,
            confidence=round(p.confidence, 2),
            gazetteer_id=p.gazetteer_id or "",
            mentions=mentions.get(k, 0),
            exercises=", ".join(sorted(used.get(k, ()))),
        )
        for k, p in places.items()
        if wanted in _folded(p.name)
    ]
    return sorted(rows, key=lambda r: (r.confidence, r.name))


def _folded(text: str) -> str:
    """Lower case without accents: "Brześć" and "brzesc" match."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


CITED_STYLE = "background:#fff3b0;box-shadow:0 0 0 2px #e0b400;border-radius:2px"


def highlighted_html(
    text: str, spans: Iterable[tuple[int, int, str, str]], cited: tuple[int, int] | None = None
) -> str:
    """Article text as HTML with ``<mark>`` around each (start, end, colour, title) span,
    and the ``cited`` sentence (start, end) outlined (the one a map popup linked to).

    Everything is escaped; overlapping spans keep the first, and a span that
    crosses the cited sentence's edge is left plain. Newlines become line
    breaks so the body reads as in the file.
    """
    import html

    spans = sorted(spans)

    def marked(lo: int, hi: int) -> str:
        out: list[str] = []
        cursor = lo
        for start, end, colour, title in spans:
            if start < cursor or end <= start or end > hi:
                continue
            out.append(html.escape(text[cursor:start]))
            out.append(
                f'<mark style="background:{colour}" title="{html.escape(title, quote=True)}">'
                f"{html.escape(text[start:end])}</mark>"
            )
            cursor = end
        out.append(html.escape(text[cursor:hi]))
        return "".join(out)

    if cited is None or not 0 <= cited[0] < cited[1] <= len(text):
        body = marked(0, len(text))
    else:
        start, end = cited
        body = (
            marked(0, start)
            + f'<span class="cited-sentence" style="{CITED_STYLE}">{marked(start, end)}</span>'
            + marked(end, len(text))
        )
    return body.replace("\n", "<br>")


def parse_cite(value: object, length: int) -> tuple[int, int] | None:
    """The ``cite=START-END`` query parameter as offsets inside a text of ``length``; else None."""
    try:
        start, end = (int(part) for part in str(value).split("-"))
    except (TypeError, ValueError):
        return None
    return (start, end) if 0 <= start < end <= length else None


@dataclass(frozen=True)
class View:
    """What app.py hands to every page for one run: data, filters and the filtered events."""

    dataset: Dataset
    filters: object  # geo.render.filters.Filters (untyped here to keep this module import-light)
    palette: dict[str, str]
    exercises: tuple[Exercise, ...]
    online_tiles: bool = False
    source: str = "articles"  # where the data came from, for messages


CONFIDENT = 0.8  # green from here: the Articles page's highlights and the Places table agree
PLAUSIBLE = 0.5  # amber from here, red below


def confidence_colour(confidence: float | None) -> str:
    """Highlight colour of a mention: unresolved grey, then red → amber → green by confidence."""
    return confidence_band(confidence)[1]


def confidence_band(confidence: float | None) -> tuple[str, str]:
    """(word, colour) of a confidence: only a sure place is green; unknown is grey, never green."""
    if confidence is None:
        return "unknown", "#e0e0e0"
    if confidence >= CONFIDENT:
        return "sure", "#c8e6c9"
    if confidence >= PLAUSIBLE:
        return "check", "#ffe0a3"
    return "doubtful", "#ffcdd2"


def toponym_rows(toponyms: Iterable) -> list[dict]:
    """One table row per mention: the words, what they resolved to, and how sure we are."""
    rows = []
    for toponym in toponyms:
        place = toponym.place
        rows.append(
            {
                "mention": toponym.mention.text,
                "at": toponym.mention.start,
                "resolved to": place.name if place else "— not resolved",
                "kind": place.kind if place else "",
                "country": country_name(place.country) if place and place.country else "",
                "lat": round(place.lat, 4) if place else None,
                "lon": round(place.lon, 4) if place else None,
                "confidence": round(place.confidence, 2) if place else None,
                "provenance": place.provenance if place else "",
            }
        )
    return rows


def toponym_spans(toponyms: Iterable) -> list[tuple[int, int, str, str]]:
    """(start, end, colour, hover title) per mention, for ``highlighted_html``."""
    spans = []
    for toponym in toponyms:
        place = toponym.place
        if place is None:
            title = "not resolved"
        else:
            where = f", {country_name(place.country)}" if place.country else ""
            title = (f"{place.name} ({place.kind}{where}) {place.lat:.3f}, {place.lon:.3f} · "
                     f"confidence {place.confidence:.2f} · {place.provenance}")
        colour = confidence_colour(place.confidence if place else None)
        spans.append((toponym.mention.start, toponym.mention.end, colour, title))
    return spans
