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
    _sentence_around,
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
# Each reason in the analyst's words (the page's filter), worst first.
REASON_WORDS = {"no_site": "no drill site", "no_start": "no start date", "far": "far away",
                "country": "whole country", "participant": "participant drawn as site",
                "doubtful_place": "uncertain place", "runner_up": "ambiguous", "doubtful_role": "uncertain role"}


@dataclass(frozen=True)
class QueueItem:
    severity: int
    why: str  # one line: the reasons it is queued
    exercise: Exercise
    exercise_key: str
    location: EventLocation | None = None
    location_key: str | None = None
    reasons: tuple[str, ...] = ()  # the kinds of reason (keys of REASON_WORDS)

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
                                   exercise, key, reasons=tuple(r for r, _ in reasons)))
        for location in exercise.locations:
            if location.verified:
                continue
            reasons = _location_reasons(exercise, location)
            if reasons:
                items.append(QueueItem(max(SEVERITY[r] for r, _ in reasons), "; ".join(t for _, t in reasons),
                                       exercise, key, location, location_key(hashes, exercise, location),
                                       tuple(r for r, _ in reasons)))
    return sorted(items, key=lambda i: (-i.severity, i.exercise.label, i.location.place.name if i.location else ""))


def reason_counts(items: list[QueueItem]) -> dict[str, int]:
    """How many items each reason queues (every reason of REASON_WORDS, in its order; an item with
    two reasons counts under both)."""
    return {kind: sum(kind in item.reasons for item in items) for kind in REASON_WORDS}


def with_reasons(items: list[QueueItem], kinds: list[str] | tuple[str, ...]) -> list[QueueItem]:
    """The items queued for any of ``kinds`` (all of them when ``kinds`` is empty)."""
    if not kinds:
        return list(items)
    return [item for item in items if set(item.reasons) & set(kinds)]


def reason_label(kind: str, counts: dict[str, int]) -> str:
    return f"{REASON_WORDS[kind]} ({counts.get(kind, 0)})"


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


def move_edit(item: QueueItem, text: str, author: str, place: Place | None = None,
              at: tuple[float, float] | None = None) -> Edit:
    """The item's place moved to typed "lat, lon", to a clicked point ``at`` (lon, lat), or to
    another candidate ``place``."""
    if item.location is None or item.location_key is None:
        raise EditError("this item is an exercise, not a place; pick one of its places")
    now = item.location.place
    if place is None and at is not None:
        lon, lat = at
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise EditError(f"the clicked point {lat:.4f}, {lon:.4f} is off the globe; click inside the map")
        after: dict[str, Any] = {"lon": round(lon, 6), "lat": round(lat, 6)}
    elif place is None:
        lat, lon = parse_point(text)
        after = {"lon": lon, "lat": lat}
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
            return cited_site_edit(dataset, exercise, place, path, (at, at + len(place.name)), author)
    source = next((s for s in exercise.sources if s.article in texts), None)
    if source is None:
        raise EditError(f"no article of {exercise.label} is in the store to cite; add the article first")
    return cited_site_edit(dataset, exercise, place, source.article, (source.start, source.end), author)


def cited_site_edit(dataset: Dataset, exercise: Exercise, place: Place, article: str, span: tuple[int, int],
                    author: str) -> Edit:
    """A drill site added to ``exercise``, cited by the words at ``span`` of the article ``article``."""
    text = next((a.text for a in dataset.articles if a.path == article), None)
    if text is None:
        raise EditError(f"the article {article} is not in the store to cite; add the article first")
    return Edit("place_add", exercise_key(exercise), {
        "place": {"name": place.name, "lon": place.lon, "lat": place.lat, "kind": place.kind,
                  "country": place.country, "gazetteer_id": place.gazetteer_id, "geometry_key": place.geometry_key},
        "article": article_hash(text), "span": [span[0], span[1]], "role": "drill"}, author=author)


@dataclass(frozen=True)
class TextPlace:
    """A place named in one of an exercise's articles (the recogniser's find, or a phrase the analyst
    picked from the text): what could be added as a drill site, cited by its words."""

    place: Place
    article: str  # Article.path
    start: int
    end: int
    words: str
    sentence: str

    @property
    def label(self) -> str:
        return f"“{self.words}” → {place_label(self.place)}"


def _sentence_of(text: str, start: int, end: int) -> str:
    lo, hi = _sentence_around(text, start, end)  # the sentence a place_add edit will cite
    return text[lo:hi].strip()


def article_places(dataset: Dataset, exercise: Exercise) -> list[TextPlace]:
    """The places the exercise's articles name that it does not hold yet, in text order (one per
    place and words)."""
    texts = {a.path: a.text for a in dataset.articles}
    held = {loc.place.name for loc in exercise.locations}
    found: list[TextPlace] = []
    seen: set[tuple[str, str]] = set()
    for path in exercise.articles:
        for toponym in dataset.toponyms.get(path, ()):
            place, mention = toponym.place, toponym.mention
            if place is None or place.name in held or (place.name, mention.text.casefold()) in seen:
                continue
            seen.add((place.name, mention.text.casefold()))
            text = texts.get(path, "")
            found.append(TextPlace(place, path, mention.start, mention.end, mention.text,
                                   _sentence_of(text, mention.start, mention.end)))
    return found


def phrase_places(dataset: Dataset, exercise: Exercise, phrase: str, limit: int = 8) -> list[TextPlace]:
    """Words the analyst picked from the exercise's articles, resolved offline with the gazetteer
    (all of them, else the longest run of them that names a place): one entry per place of that
    name, cited at those words' first occurrence. EditError when the words are not in the articles."""
    words = " ".join(phrase.split())
    if not words:
        raise EditError("type the words that name the place, as the article writes them")
    texts = {a.path: a.text for a in dataset.articles}
    for path in exercise.articles:
        text = texts.get(path, "")
        squeezed, where = _squeezed(text)
        at = squeezed.lower().find(words.lower())
        if at < 0:
            continue
        tokens = squeezed[at:at + len(words)].split(" ")  # as the article writes them
        offsets = [sum(len(t) + 1 for t in tokens[:i]) for i in range(len(tokens))]
        # the whole words first, then shorter runs of them that start with a capital ("off Vladivostok"
        # -> "Vladivostok": a place's name, not the preposition before it)
        runs = [(0, len(tokens))] + sorted(
            ((i, j) for i in range(len(tokens)) for j in range(i + 1, len(tokens) + 1)
             if (i, j) != (0, len(tokens)) and tokens[i][:1].isupper()),
            key=lambda run: (run[0] - run[1], run[0]))
        for i, j in runs:
            lo = at + offsets[i]
            hi = at + offsets[j - 1] + len(tokens[j - 1])
            found = search_places(squeezed[lo:hi], limit)
            if found:
                start, end = where[lo], where[hi - 1] + 1
                sentence = _sentence_of(text, start, end)
                return [TextPlace(place, path, start, end, text[start:end], sentence) for place in found]
        return []
    raise EditError(f"“{words}” is not in the text of this exercise's articles; copy the words from the article")


def _squeezed(text: str) -> tuple[str, list[int]]:
    """``text`` with each run of white space made one space, and where each of its characters was."""
    out: list[str] = []
    where: list[int] = []
    space: int | None = None
    for position, char in enumerate(text):
        if char.isspace():
            if out and space is None:
                space = position
            continue
        if space is not None:
            out.append(" ")
            where.append(space)
            space = None
        out.append(char)
        where.append(position)
    return "".join(out), where


def fields_edit(exercise: Exercise, author: str, *, name: str | None = None, start: date | None = None,
                end: date | None = None, participants: list[str] | tuple[str, ...] | None = None) -> Edit:
    """Name, dates and participants (ISO alpha-3) as the analyst gave them (only what changed is in
    ``after``; participants left as None are not changed)."""
    seen = exercise_fields(exercise)
    wanted: dict[str, Any] = {"name": (name or "").strip() or None, "start": start.isoformat() if start else None,
                              "end": end.isoformat() if end else None}
    if participants is not None:
        wanted["participants"] = sorted(set(participants))
    if wanted["start"] and wanted["end"] and wanted["end"] < wanted["start"]:
        raise EditError(f"the end {wanted['end']} is before the start {wanted['start']}; swap them")
    after = {k: v for k, v in wanted.items() if v != seen[k]}
    if not after:
        raise EditError("nothing changed; type a new name, dates or participants")
    return Edit("exercise_fields", exercise_key(exercise), after, {k: seen[k] for k in after}, author=author)


def merge_edit(into: Exercise, other: Exercise, author: str) -> Edit:
    """``other`` is the same exercise as ``into``: it folds into it (sites, sources, articles)."""
    if exercise_key(into) == exercise_key(other):
        raise EditError("an exercise cannot be merged with itself; pick another one")
    return Edit("exercise_merge", exercise_key(into), {"other": exercise_key(other)}, author=author)


def split_edit(dataset: Dataset, exercise: Exercise, locations: list[EventLocation] | tuple[EventLocation, ...],
               name: str, author: str, *, start: date | None = None, end: date | None = None) -> Edit:
    """``exercise`` is two: ``locations`` go to a new exercise named ``name`` (with its own dates when
    given; else the old ones)."""
    name = (name or "").strip()
    if not name:
        raise EditError("name the new exercise the split makes")
    if exercise_key(Exercise(name, None, None)) == exercise_key(exercise):
        raise EditError(f"the new exercise needs another name than {exercise.label}")
    if not locations:
        raise EditError("pick the places that go to the new exercise")
    if len(locations) >= len(exercise.locations):
        raise EditError("leave at least one place with the old exercise; else rename it instead")
    if start and end and end < start:
        raise EditError(f"the end {end} is before the start {start}; swap them")
    hashes = {a.path: article_hash(a.text) for a in dataset.articles}
    after: dict[str, Any] = {"name": name, "locations": [location_key(hashes, exercise, loc) for loc in locations]}
    if start:
        after["start"] = start.isoformat()
    if end:
        after["end"] = end.isoformat()
    return Edit("exercise_split", exercise_key(exercise), after, author=author)


def location_label(location: EventLocation) -> str:
    """One line naming a place of an exercise (the split's choices)."""
    role = "drill site" if location.role == "drill" else "only mentioned"
    return f"{location.place.name} ({role}) · “{location.mention}”"


def other_candidates(location: EventLocation, limit: int = 6) -> list[Place]:
    """Other gazetteer places the mention's name could be: their own name holds it ("Brest" in France,
    "Brest Oblast"; not a place that lists it only among other languages' names), not the one drawn,
    none within 1 km of it."""
    now = location.place
    out: list[Place] = []
    for name in dict.fromkeys([location.mention, now.name]):
        for place in search_places(name, limit + 1):
            if place.gazetteer_id and place.gazetteer_id == now.gazetteer_id:
                continue
            if name.casefold() not in place.name.casefold():
                continue
            if haversine_km(place.lon, place.lat, now.lon, now.lat) < 1.0:
                continue
            if all(haversine_km(place.lon, place.lat, o.lon, o.lat) >= 1.0 for o in out):
                out.append(place)
    return out[:limit]


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
