"""One row per event location: what every export, the map's popups and the briefing's facts read.

    Dataset + Filters -> dataset_rows -> LocationRow (place, role, dates, NATO distance, cited sentence)

GeoJSON, CSV, the self-contained HTML map and the briefing all draw from these
rows, so a figure in one is the figure in the others. Coordinates are
(lon, lat) in EPSG:4326.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from geo.core.countries import country_name
from geo.core.model import Article, Dataset, EventLocation, Exercise
from geo.geometry.nato import NATO_ACCESSION, nato_border_distance, nato_distance_of_shape, nato_members
from geo.geometry.shapes import geometry_for
from geo.render.filters import Filters
from geo.render.palette import exercise_palette

ATTRIBUTION = "Places: GeoNames (CC BY 4.0); boundaries: Natural Earth (public domain)"

_COORD_DECIMALS = 5

# Beyond this, a distance to the alliance says nothing ("5888 km from United States" for a
# drill in the Philippines): rows, popups and the briefing then leave NATO out.
NATO_RELEVANT_KM = 1500.0

# A whole country or group has no single site: a distance from its label point would mislead.
_AREA_WIDE_KINDS = {"country", "group"}

CSV_COLUMNS = (
    "event",
    "start",
    "end",
    "participants",
    "role",
    "place",
    "kind",
    "country",
    "lon",
    "lat",
    "confidence",
    "provenance",
    "mention",
    "source_path",
    "source_title",
    "sentence",
    "troops",
    "troops_max",
    "equipment",
    "nato_border_km",
    "nato_border_country",
    "geometry_key",
    "gazetteer_id",
    "verified",
)


@dataclass(frozen=True)
class LocationRow:
    """One event location with everything a briefing says about it."""

    exercise: Exercise
    location: EventLocation
    source_title: str | None
    nato_border_km: float | None
    nato_border_country: str | None

    @property
    def distance_phrase(self) -> str | None:
        """'Brest: 7 km from Poland', or 'Vilnius: on NATO territory (Lithuania)'."""
        if self.nato_border_km is None or self.nato_border_country is None:
            return None
        neighbour = country_name(self.nato_border_country)
        place = self.location.place
        name = place.name
        if self.nato_border_km <= 0 and place.kind == "border":
            if self.nato_border_country not in _border_countries(place.geometry_key):
                return f"{name}: meets NATO territory ({neighbour}) at one end"
            return f"{name}: on NATO's border ({neighbour})"
        if self.nato_border_km <= 0:
            return f"{name}: on NATO territory ({neighbour})"
        return f"{name}: {self.nato_border_km:.0f} km from {neighbour}"

    def properties(self) -> dict[str, Any]:
        """Flat JSON-ready values; lists stay lists (GeoJSON), ``csv_values`` joins them."""
        exercise, location, place = self.exercise, self.location, self.location.place
        return {
            "event": exercise.label,
            "start": _iso(exercise.start),
            "end": _iso(exercise.end),
            "participants": list(exercise.participants),
            "role": location.role,
            "place": place.name,
            "kind": place.kind,
            "country": place.country,
            "lon": round(place.lon, _COORD_DECIMALS),
            "lat": round(place.lat, _COORD_DECIMALS),
            "confidence": round(place.confidence, 3),
            "provenance": place.provenance,
            "mention": location.mention,
            "source_path": location.evidence.article,
            "source_title": self.source_title,
            "sentence": location.evidence.sentence,
            "troops": [claim.text for claim in exercise.troops],
            "troops_max": max((claim.count for claim in exercise.troops), default=None),
            "equipment": list(exercise.equipment),
            "nato_border_km": self.nato_border_km,
            "nato_border_country": self.nato_border_country,
            "geometry_key": place.geometry_key,
            "gazetteer_id": place.gazetteer_id,
            "verified": location.verified,
        }

    def csv_values(self) -> dict[str, Any]:
        values = self.properties()
        for key in ("participants", "troops", "equipment"):
            values[key] = "; ".join(values[key])
        return {key: "" if values[key] is None else values[key] for key in CSV_COLUMNS}


def _locations(items: Iterable) -> Iterator[EventLocation]:
    for item in items:
        if isinstance(item, Exercise):
            yield from item.locations
        elif isinstance(item, LocationRow):
            yield item.location
        else:
            yield item


def provenance_counts(items: Iterable[Exercise | LocationRow | EventLocation]) -> tuple[int, int]:
    """(extracted automatically, checked by an analyst) among the positions of ``items``:
    exercises (all their locations), location rows or locations."""
    automatic = checked = 0
    for location in _locations(items):
        if location.verified:
            checked += 1
        else:
            automatic += 1
    return automatic, checked


def provenance_text(counts: tuple[int, int]) -> str:
    """"12 positions extracted automatically, 3 checked by an analyst"."""
    automatic, checked = counts
    return (f"{automatic} position{'s' if automatic != 1 else ''} extracted automatically, "
            f"{checked} checked by an analyst")


def provenance_line(items: Iterable[Exercise | LocationRow | EventLocation]) -> str:
    """``provenance_text`` of the positions of ``items`` (as filtered: the positions drawn)."""
    return provenance_text(provenance_counts(items))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _border_countries(geometry_key: str | None) -> tuple[str, ...]:
    """"border:BLR|POL" -> ("BLR", "POL"); () for anything else."""
    if not geometry_key or not geometry_key.startswith("border:"):
        return ()
    return tuple(geometry_key.removeprefix("border:").split("|"))


def _alliance_day(on: date | None) -> date | None:
    """The last accession on or before ``on``: days with the same alliance share a cache entry."""
    day = on or date.today()
    return max((d for d in NATO_ACCESSION.values() if d <= day), default=None)


@lru_cache(maxsize=1024)
def _nato_distance_of_border(geometry_key: str, joined: date | None) -> tuple[float | None, str | None]:
    """A border segment: 0 to its own NATO side ("on NATO's border"), else from its nearest point."""
    if joined is None:
        return None, None
    own = [code for code in _border_countries(geometry_key) if code in nato_members(joined)]
    if own:
        return 0.0, own[0]
    shape = geometry_for(geometry_key)
    if shape is None:
        return None, None
    km, member = nato_distance_of_shape(shape, on=joined)
    return (round(float(km), 1), member) if member is not None and math.isfinite(km) else (None, None)


def _nato_distance(lon: float, lat: float, on: date | None) -> tuple[float | None, str | None]:
    """Distance to the alliance of ``on``; cached per alliance, not per day (it changes rarely)."""
    return _nato_distance_as_of(lon, lat, _alliance_day(on))


@lru_cache(maxsize=8192)
def _nato_distance_as_of(lon: float, lat: float, joined: date | None) -> tuple[float | None, str | None]:
    if joined is None:  # before the alliance: no distance to give
        return None, None
    km, member = nato_border_distance(lon, lat, on=joined)
    if km is None or not math.isfinite(km):
        return None, None
    return round(float(km), 1), member


def location_row(exercise: Exercise, location: EventLocation, article: Article | None = None) -> LocationRow:
    """One location with its source title and NATO border distance.

    The distance is measured against the alliance as it stood on the exercise's
    start (a 2022 drill is not measured to Finland's border); a country or a
    group of countries gets none, nor does a site more than ``NATO_RELEVANT_KM`` from it.
    """
    km, member = None, None
    place = location.place
    if place.kind == "border" and place.geometry_key:
        km, member = _nato_distance_of_border(place.geometry_key, _alliance_day(exercise.start))
    elif place.kind not in _AREA_WIDE_KINDS:
        km, member = _nato_distance(place.lon, place.lat, exercise.start)
    if km is not None and km > NATO_RELEVANT_KM:
        km, member = None, None
    return LocationRow(
        exercise=exercise,
        location=location,
        source_title=article.label if article else None,
        nato_border_km=km,
        nato_border_country=member,
    )


def location_rows(
    exercises: Iterable[Exercise], articles: Iterable[Article] | Mapping[str, Article] = ()
) -> list[LocationRow]:
    """Every location of every exercise, as ``location_row`` describes it."""
    by_path = dict(articles) if isinstance(articles, Mapping) else {a.path: a for a in articles}
    return [
        location_row(exercise, location, by_path.get(location.evidence.article))
        for exercise in exercises
        for location in exercise.locations
    ]


def dataset_rows(dataset: Dataset, filters: Filters) -> list[LocationRow]:
    return location_rows(filters.apply(dataset.exercises), dataset.articles)


def exercise_colours(dataset: Dataset) -> dict[str, str]:
    """The dashboard's colours: assigned over the whole dataset so filtering keeps them."""
    return exercise_palette(exercise.label for exercise in dataset.exercises)
