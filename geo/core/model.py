"""The domain nouns of the pipeline, as small frozen dataclasses.

Every stage takes and returns these; none of them knows about Streamlit.
Coordinates are always (lon, lat) in EPSG:4326 inside ``geo``; the one place
that turns them into folium's [lat, lon] is ``geo.render.mapview``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

# What kind of place a name denotes. "group" (the Baltic states) is resolved to
# several countries; the CLI contract knows only the first six.
PlaceKind = Literal["city", "region", "border", "sea", "country", "facility", "group"]
Provenance = Literal["gazetteer", "cache", "manual", "online"]
Role = Literal["drill", "context"]


@dataclass(frozen=True)
class Article:
    """One news article. ``text`` is the body; offsets in mentions index into it."""

    path: str
    text: str
    title: str | None = None
    source: str | None = None
    published: date | None = None

    @property
    def label(self) -> str:
        return self.title or self.path.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class PlaceMention:
    """A span of article text that names a place (not yet resolved).

    ``hint`` is what the recogniser learnt from the words around the name:
    "demonym" (Belarusian troops), "border", "region", "group", "sea",
    "facility", or None for a plain name. ``country_hint`` is an ISO alpha-3
    code from the phrase itself ("Brest, Belarus" -> "BLR").
    """

    text: str
    start: int
    end: int
    hint: str | None = None
    country_hint: str | None = None


@dataclass(frozen=True)
class Place:
    """Where a name points on the ground, with where we learnt it.

    ``lon``/``lat`` is a representative point (for a border, a point on the
    shared boundary; for a country, a point inside it). ``geometry_key``
    names the full geometry for ``geo.geometry.shapes.geometry_for``:
    "country:BLR", "border:BLR|POL", "group:EST|LTU|LVA", "admin1:BY.01",
    or None for a point-only place.
    """

    name: str
    kind: PlaceKind
    lon: float
    lat: float
    country: str | None = None  # ISO 3166-1 alpha-3 of the country it lies in
    geometry_key: str | None = None
    gazetteer_id: str | None = None  # e.g. "geonames:629634", "ne:BLR"
    provenance: Provenance = "gazetteer"
    confidence: float = 1.0


@dataclass(frozen=True)
class Toponym:
    """A mention and what it resolved to (None when nothing fitted)."""

    mention: PlaceMention
    place: Place | None


@dataclass(frozen=True)
class Evidence:
    """Where a fact came from: the article and the sentence that carries it."""

    article: str  # Article.path
    sentence: str
    start: int  # offset of the sentence in the article body
    end: int


@dataclass(frozen=True)
class EventLocation:
    place: Place
    role: Role
    mention: str  # the words used in the article ("the Brestsky training ground")
    evidence: Evidence
    # How sure the role decision is (0-1): an exercise verb governing the place phrase is
    # surer than a list continued after it or a country drawn only because it holds the drill.
    confidence: float = 1.0
    # True once an analyst has checked or corrected this place or its role (never set by the pipeline).
    verified: bool = False


@dataclass(frozen=True)
class Phase:
    name: str
    start: date | None
    end: date | None
    evidence: Evidence | None = None


@dataclass(frozen=True)
class TroopClaim:
    count: int
    text: str  # as claimed: "around 30,000 Russian troops"
    evidence: Evidence


@dataclass(frozen=True)
class Exercise:
    """One exercise as reported; several articles may merge into one."""

    name: str | None
    start: date | None
    end: date | None
    participants: tuple[str, ...] = ()  # ISO alpha-3, sorted
    locations: tuple[EventLocation, ...] = ()
    phases: tuple[Phase, ...] = ()
    troops: tuple[TroopClaim, ...] = ()
    equipment: tuple[str, ...] = ()
    sources: tuple[Evidence, ...] = ()  # the sentences that name/date it
    articles: tuple[str, ...] = ()  # Article.path of every source article

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        when = self.start.isoformat() if self.start else "undated"
        who = "/".join(self.participants) or "unknown"
        return f"Unnamed exercise ({who}, {when})"

    def drill_locations(self) -> tuple[EventLocation, ...]:
        return tuple(loc for loc in self.locations if loc.role == "drill")


@dataclass(frozen=True)
class Milestone:
    """A dated context event worth a point on the timeline (a summit, an accession)."""

    label: str
    day: date
    evidence: Evidence


@dataclass(frozen=True)
class Dataset:
    """Everything the dashboard and exports draw from."""

    articles: tuple[Article, ...] = ()
    exercises: tuple[Exercise, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    toponyms: dict[str, tuple[Toponym, ...]] = field(default_factory=dict)  # by article path
    problems: tuple[str, ...] = ()  # one line per article that could not be read


@dataclass(frozen=True)
class GeocodeContext:
    """What the document tells a geocoder about a name, beyond the name itself.

    ``countries`` are the ISO alpha-3 codes named in the article, most salient
    first; ``near`` is a (lon, lat) of places already resolved in the same
    passage. ``key()`` is the cache key part, so two articles about the same
    region share cached answers.
    """

    countries: tuple[str, ...] = ()
    hint: str | None = None
    country_hint: str | None = None
    near: tuple[float, float] | None = None

    def key(self) -> str:
        near = f"{self.near[0]:.0f},{self.near[1]:.0f}" if self.near else ""
        return "|".join(
            [",".join(sorted(self.countries)), self.hint or "", self.country_hint or "", near]
        )
