"""The review queue: the facts most worth an analyst's look, worst first, and the edits its actions make.

An item is an exercise (no drill site, no start date) or one of its places
(a drill site known only as a whole country, far from the exercise's other
sites, a participant drawn as its own drill site, a doubtful place, a doubtful
role). A place an analyst has checked (``verified``) never queues again; an
exercise item leaves when the fact is fixed.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from geo.core.countries import country_name
from geo.core.model import Dataset, EventLocation, Exercise, Place
from geo.review.edits import (
    Edit,
    EditError,
    article_hash,
    exercise_fields,
    exercise_key,
    location_key,
    mention_span,
)

FAR_KM = 1000.0
DOUBTFUL_PLACE = 0.5  # a place's confidence below this: doubtful
CLOSE_RUNNER_UP = 0.65  # below this (and above DOUBTFUL_PLACE): another candidate scored nearly as well
DOUBTFUL_ROLE = 0.6  # the pipeline's role confidence below this

# How bad each reason is (the queue is sorted by the worst reason of an item).
SEVERITY = {"no_site": 100, "no_start": 90, "far": 80, "country": 70, "participant": 60, "doubtful_place": 50,
            "runner_up": 40, "doubtful_role": 35}


@dataclass(frozen=True)
class QueueItem:
    severity: int
    why: str  # one line: the reasons it is queued
    exercise: Exercise
    exercise_key: str
    location: EventLocation | None = None
    location_key: str | None = None

    @property
    def key(self) -> str:
        """A short id of the item (stable across reruns): widget keys of the review page."""
        raw = self.location_key or self.exercise_key
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]

    def excerpt(self) -> tuple[str, list[tuple[int, int]]] | None:
        """The cited sentence and the mention's span inside it, for ``highlighted_html``."""
        if self.location is None:
            source = self.exercise.sources[0] if self.exercise.sources else None
            return (source.sentence, []) if source else None
        evidence = self.location.evidence
        start, end = mention_span(self.location)
        inside = 0 <= start - evidence.start < end - evidence.start <= len(evidence.sentence)
        return evidence.sentence, [(start - evidence.start, end - evidence.start)] if inside else []


def haversine_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def _location_reasons(exercise: Exercise, location: EventLocation) -> list[tuple[str, str]]:
    reasons: list[tuple[str, str]] = []
    place = location.place
    if location.role == "drill":
        others = [o.place for o in exercise.drill_locations() if o is not location and o.place.name != place.name]
        if others:
            nearest = min(haversine_km(place.lon, place.lat, o.lon, o.lat) for o in others)
            if nearest > FAR_KM:
                reasons.append(("far", f"{nearest:,.0f} km from the exercise's nearest other drill site"))
        if place.kind == "country":
            reasons.append(("country", "drill site known only as a whole country"))
            if place.country in exercise.participants:
                reasons.append(("participant", f"participant {country_name(place.country)} also drawn as the drill site"))
        if place.confidence < DOUBTFUL_PLACE:
            reasons.append(("doubtful_place", f"place resolved with low confidence ({place.confidence:.2f})"))
        elif place.confidence < CLOSE_RUNNER_UP:
            reasons.append(("runner_up", f"another place of that name scored nearly as well ({place.confidence:.2f})"))
    if location.confidence < DOUBTFUL_ROLE:
        role = "drill site" if location.role == "drill" else "only mentioned"
        reasons.append(("doubtful_role", f"role '{role}' decided with low confidence ({location.confidence:.2f})"))
    return reasons


def review_queue(dataset: Dataset) -> list[QueueItem]:
    """Everything worth a look, worst first (then by exercise and place name)."""
    hashes = {a.path: article_hash(a.text) for a in dataset.articles}
    items: list[QueueItem] = []
    for exercise in dataset.exercises:
        key = exercise_key(exercise)
        reasons: list[tuple[str, str]] = []
        if not exercise.drill_locations():
            reasons.append(("no_site", "no drill site found"))
        if exercise.start is None:
            reasons.append(("no_start", "no start date found"))
        if reasons:
            items.append(QueueItem(max(SEVERITY[r] for r, _ in reasons), "; ".join(t for _, t in reasons),
                                   exercise, key))
        for location in exercise.locations:
            if location.verified:
                continue
            reasons = _location_reasons(exercise, location)
            if reasons:
                items.append(QueueItem(max(SEVERITY[r] for r, _ in reasons), "; ".join(t for _, t in reasons),
                                       exercise, key, location, location_key(hashes, exercise, location)))
    return sorted(items, key=lambda i: (-i.severity, i.exercise.label, i.location.place.name if i.location else ""))


# --- the edits the queue's actions make ---------------------------------------------------------


def role_edit(item: QueueItem, role: str, author: str, note: str = "") -> Edit:
    """Drill site / only mentioned / not a place ("none") for the item's place."""
    if item.location is None or item.location_key is None:
        raise EditError("this item is an exercise, not a place; pick one of its places")
    return Edit("place_role", item.location_key, {"role": role}, {"role": item.location.role}, author=author,
                note=note)


def parse_point(text: str) -> tuple[float, float]:
    """"lat, lon" typed by a person, as (lat, lon); EditError naming the form otherwise."""
    parts = text.replace(";", ",").split(",") if "," in text or ";" in text else text.split()
    try:
        lat, lon = (float(p) for p in parts)
    except ValueError as exc:
        raise EditError(f"{text!r} is not 'lat, lon'; type two numbers like 52.10, 23.70") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise EditError(f"{text!r} is off the globe; latitude is -90..90, longitude -180..180 (lat first)")
    return lat, lon


def move_edit(item: QueueItem, text: str, author: str, place: Place | None = None) -> Edit:
    """The item's place moved to typed "lat, lon" (or to another candidate ``place``)."""
    if item.location is None or item.location_key is None:
        raise EditError("this item is an exercise, not a place; pick one of its places")
    now = item.location.place
    if place is None:
        lat, lon = parse_point(text)
        after: dict[str, Any] = {"lon": lon, "lat": lat}
    else:
        after = {"lon": place.lon, "lat": place.lat, "name": place.name, "kind": place.kind,
                 "country": place.country, "gazetteer_id": place.gazetteer_id}
    return Edit("place_move", item.location_key, after, {"lon": round(now.lon, 6), "lat": round(now.lat, 6)},
                author=author)


def add_site_edit(dataset: Dataset, exercise: Exercise, place: Place, author: str) -> Edit:
    """A drill site the pipeline missed, cited where the exercise's articles name it (else the
    exercise's first source sentence)."""
    texts = {a.path: a.text for a in dataset.articles}
    for path in exercise.articles:
        text = texts.get(path, "")
        at = text.casefold().find(place.name.casefold())
        if at >= 0:
            span, cited = [at, at + len(place.name)], path
            break
    else:
        source = next((s for s in exercise.sources if s.article in texts), None)
        if source is None:
            raise EditError(f"no article of {exercise.label} is in the store to cite; add the article first")
        span, cited = [source.start, source.end], source.article
    return Edit("place_add", exercise_key(exercise), {
        "place": {"name": place.name, "lon": place.lon, "lat": place.lat, "kind": place.kind,
                  "country": place.country, "gazetteer_id": place.gazetteer_id, "geometry_key": place.geometry_key},
        "article": article_hash(texts[cited]), "span": span, "role": "drill"}, author=author)


def fields_edit(exercise: Exercise, author: str, *, name: str | None = None, start: date | None = None,
                end: date | None = None) -> Edit:
    """Name and dates as the analyst typed them (only what changed is in ``after``)."""
    seen = exercise_fields(exercise)
    wanted = {"name": (name or "").strip() or None, "start": start.isoformat() if start else None,
              "end": end.isoformat() if end else None}
    if wanted["start"] and wanted["end"] and wanted["end"] < wanted["start"]:
        raise EditError(f"the end {wanted['end']} is before the start {wanted['start']}; swap them")
    after = {k: v for k, v in wanted.items() if v != seen[k]}
    if not after:
        raise EditError("nothing changed; type a new name or dates")
    return Edit("exercise_fields", exercise_key(exercise), after, {k: seen[k] for k in after}, author=author)


def merge_edit(into: Exercise, other: Exercise, author: str) -> Edit:
    """``other`` is the same exercise as ``into``: it folds into it (sites, sources, articles)."""
    if exercise_key(into) == exercise_key(other):
        raise EditError("an exercise cannot be merged with itself; pick another one")
    return Edit("exercise_merge", exercise_key(into), {"other": exercise_key(other)}, author=author)


def search_places(name: str, limit: int = 8) -> list[Place]:
    """Gazetteer places named ``name`` (primary names first, then by population)."""
    from geo.places.resolver import GazetteerGeocoder, entry_place  # lazy: loads the gazetteer index

    if not name.strip():
        return []
    found = GazetteerGeocoder().candidates(name.strip())
    found.sort(key=lambda pair: (not pair[1], -pair[0].population))
    return [entry_place(entry) for entry, _ in found[:limit]]


def place_label(place: Place) -> str:
    where = f", {country_name(place.country)}" if place.country else ""
    return f"{place.name} ({place.kind}{where}) {place.lat:.3f}, {place.lon:.3f}"
