"""Edits: an analyst's correction of one fact, and how they apply over the pipeline's Dataset.

Kinds and their JSON ``after`` (``before`` is what the analyst saw, for the store's conflict check):

    place_role       location key   {"role": "drill" | "context" | "none"}   ("none": not a place)
    place_move       location key   {"lon", "lat"} and optionally {"name", "kind", "country", "gazetteer_id"}
    place_add        exercise key   {"place": {"name", "lon", "lat", ...}, "article": hash, "span": [s, e]}
    exercise_fields  exercise key   any of {"name", "start", "end", "participants"}
    exercise_merge   exercise key   {"other": exercise key}       (the other one folds into the target)
    exercise_split   exercise key   {"name": new name, "locations": [location key, ...]} and optionally
                                    the new exercise's {"start", "end"} (else the old one's dates)

Edits win over the pipeline; a location an edit touched is ``verified``. An edit
whose target is gone (the article withdrawn, the exercise no longer found) comes
back as an ``OrphanedEdit``, never dropped silently. Edits apply in their order
(creation order), so a later edit may name an exercise by the name an earlier edit gave it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from geo.core.errors import GeoError
from geo.core.model import Article, Dataset, EventLocation, Evidence, Exercise, Place
from geo.events.merge import _merge_pair
from geo.events.names import name_key, split_edition

EDIT_KINDS = ("place_role", "place_move", "place_add", "exercise_fields", "exercise_merge", "exercise_split")
ROLES = ("drill", "context", "none")
EXERCISE_FIELDS = ("name", "start", "end", "participants")
# The analyst's words for the roles (the page's buttons, the history, conflict messages).
ROLE_WORDS = {"drill": "drill site", "context": "only mentioned", "none": "not a place"}


class EditError(GeoError, ValueError):
    """An edit that cannot be understood (unknown kind, a role or coordinates out of range)."""


class EditConflict(GeoError):
    """Someone changed the fact since the analyst saw it; ``current`` is its value now."""

    def __init__(self, message: str, current: Any) -> None:
        super().__init__(message)
        self.current = current


@dataclass(frozen=True)
class Edit:
    kind: str
    target: str  # exercise_key(...) or location_key(...)
    after: Any
    before: Any = None
    author: str = ""
    created_at: datetime | None = None
    note: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in EDIT_KINDS:
            raise EditError(f"unknown edit kind {self.kind!r}; use one of {', '.join(EDIT_KINDS)}")
        after = self.after if isinstance(self.after, dict) else None
        if after is None:
            raise EditError(f"a {self.kind} edit needs an 'after' object")
        if self.kind == "place_role" and after.get("role") not in ROLES:
            raise EditError(f"role {after.get('role')!r} is not one of {', '.join(ROLES)}")
        if self.kind == "place_move":
            _check_point(after)
        if self.kind == "place_add":
            _check_point(after.get("place") or {})
            span = after.get("span")
            if not (isinstance(span, list | tuple) and len(span) == 2 and 0 <= span[0] < span[1]):
                raise EditError("a place_add edit cites a text span [start, end] of the article")
        if self.kind == "exercise_fields" and not set(after) <= set(EXERCISE_FIELDS):
            raise EditError(f"exercise fields are {', '.join(EXERCISE_FIELDS)}, not {sorted(set(after))}")
        if self.kind == "exercise_merge" and not after.get("other"):
            raise EditError("an exercise_merge edit names the other exercise ('other')")
        if self.kind == "exercise_split" and not (after.get("name") and after.get("locations")):
            raise EditError("an exercise_split edit names the new exercise and the locations it takes")

    def to_json(self) -> dict:
        return {
            "id": self.id, "author": self.author, "kind": self.kind, "target": self.target,
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "before": self.before, "after": self.after, "note": self.note,
        }

    @staticmethod
    def from_json(row: dict) -> Edit:
        try:
            created = row.get("created_at")
            return Edit(kind=row["kind"], target=row["target"], after=row["after"], before=row.get("before"),
                        author=row.get("author") or "", note=row.get("note") or "", id=row.get("id"),
                        created_at=datetime.fromisoformat(created) if created else None)
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, EditError):
                raise
            raise EditError(f"not an edit: {exc}; an edit has kind, target and after") from exc


@dataclass(frozen=True)
class OrphanedEdit:
    edit: Edit
    reason: str


def _check_point(value: dict) -> None:
    try:
        lon, lat = float(value["lon"]), float(value["lat"])
    except (KeyError, TypeError, ValueError) as exc:
        raise EditError("coordinates need a number 'lon' and 'lat'") from exc
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise EditError(f"coordinates lat {lat}, lon {lon} are off the globe; latitude is -90..90, "
                        "longitude -180..180")


# --- stable keys -----------------------------------------------------------------------------


def article_hash(text: str) -> str:
    """The key of an article's text (the same text re-ingested under any name has the same one)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def exercise_key(exercise: Exercise) -> str:
    if exercise.name:
        return "name:" + name_key(exercise.name)
    start = exercise.start.isoformat() if exercise.start else ""
    return f"unnamed:{'/'.join(exercise.participants)}:{start}"


def mention_span(location: EventLocation) -> tuple[int, int]:
    """Where the location's words are in its article (the sentence when they are not found in it)."""
    sentence = location.evidence.sentence
    at = sentence.find(location.mention) if location.mention else -1
    if at < 0:
        return location.evidence.start, location.evidence.end
    return location.evidence.start + at, location.evidence.start + at + len(location.mention)


def _hashes(dataset: Dataset) -> dict[str, str]:
    return {a.path: article_hash(a.text) for a in dataset.articles}


def location_key(dataset: Dataset | dict[str, str], exercise: Exercise, location: EventLocation) -> str:
    hashes = dataset if isinstance(dataset, dict) else _hashes(dataset)
    start, end = mention_span(location)
    article = hashes.get(location.evidence.article, location.evidence.article)
    # The place's name tells apart the places one phrase gave ("Belarus' western border": four borders).
    return json.dumps({"x": exercise_key(exercise), "a": article, "s": [start, end], "p": location.place.name},
                      sort_keys=True, separators=(",", ":"))


def parse_location_key(key: str) -> tuple[str, str, tuple[int, int]]:
    try:
        value = json.loads(key)
        return value["x"], value["a"], (int(value["s"][0]), int(value["s"][1]))
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise EditError(f"not a location key: {key[:60]!r}") from exc


# --- applying ----------------------------------------------------------------------------------


@dataclass
class _Work:
    exercises: list[Exercise]
    hashes: dict[str, str]
    articles: dict[str, Article]  # by hash
    aliases: dict[str, str] = field(default_factory=dict)  # an exercise key renamed or merged away -> now
    removed: set[str] = field(default_factory=set)  # location keys an edit said are not a place

    def find_exercise(self, key: str) -> int | None:
        seen = set()
        while key in self.aliases and key not in seen:
            seen.add(key)
            key = self.aliases[key]
        keys = [exercise_key(e) for e in self.exercises]
        if key in keys:
            return keys.index(key)
        if key.startswith("name:"):  # a re-extraction gained or lost the edition: the one of that base name
            base = split_edition(key[5:])[0]
            same = [i for i, e in enumerate(self.exercises) if e.name and split_edition(name_key(e.name))[0] == base]
            if len(same) == 1:
                return same[0]
        return None

    def find_location(self, key: str) -> tuple[int, int] | None:
        if key in self.removed:
            return None
        exercise, article, (start, end) = parse_location_key(key)
        place = json.loads(key).get("p")
        index = self.find_exercise(exercise)
        if index is None:
            return None
        candidates = []
        for j, location in enumerate(self.exercises[index].locations):
            if self.hashes.get(location.evidence.article, location.evidence.article) != article:
                continue
            lo, hi = mention_span(location)
            shared = min(hi, end) - max(lo, start)  # a re-extraction's span for the same words overlaps
            if shared > 0:
                candidates.append(((location.place.name == place, (lo, hi) == (start, end), shared), j))
        if not candidates:
            return None
        best = max(candidates)
        if not best[0][0] and len(candidates) > 1:
            return None  # another place, and not the only one those words gave: not a guess we make
        return index, best[1]


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    stops = [i + 1 for i in (text.find(". ", end),) if i >= 0] + [i for i in (text.find("\n", end),) if i >= 0]
    hi = min(stops) if stops else len(text)  # the full stop is the sentence's, the line break is not
    return lo, hi


# Kinds drawn as a shape; placed at a clicked or typed point such a place becomes a "point".
AREA_KINDS = ("country", "region", "group", "border", "sea")


def _place(value: dict, before: Place | None = None) -> Place:
    name = value.get("name") or (before.name if before else f"{float(value['lat']):.4f}, {float(value['lon']):.4f}")
    if value.get("kind"):
        kind = value["kind"]
    elif value.get("name"):
        kind = "city"
    elif before is None or (before.kind in AREA_KINDS and not value.get("geometry_key")):
        kind = "point"  # "Belarus" moved to where the analyst clicked: a point now, not the country
    else:
        kind = before.kind
    return Place(
        name=name,
        kind=kind,
        lon=float(value["lon"]),
        lat=float(value["lat"]),
        country=value.get("country") if "country" in value else (before.country if before else None),
        geometry_key=value.get("geometry_key"),
        gazetteer_id=value.get("gazetteer_id"),
        provenance="manual",
        confidence=1.0,
    )


def _apply_one(work: _Work, edit: Edit) -> str | None:
    """Apply ``edit`` to ``work``; the reason it cannot apply, or None."""
    after = edit.after
    if edit.kind in ("place_role", "place_move"):
        found = work.find_location(edit.target)
        if found is None:
            return "the place mention is no longer found in that exercise"
        i, j = found
        exercise = work.exercises[i]
        locations = list(exercise.locations)
        if edit.kind == "place_role" and after["role"] == "none":
            del locations[j]
            work.removed.add(edit.target)
        elif edit.kind == "place_role":
            locations[j] = replace(locations[j], role=after["role"], verified=True)
        else:
            locations[j] = replace(locations[j], place=_place(after, locations[j].place), verified=True)
        work.exercises[i] = replace(exercise, locations=tuple(locations))
        return None
    index = work.find_exercise(edit.target)
    if index is None:
        return "the exercise is no longer found"
    exercise = work.exercises[index]
    if edit.kind == "place_add":
        article = work.articles.get(after.get("article"))
        if article is None:
            return "the cited article is no longer in the store"
        start, end = int(after["span"][0]), int(after["span"][1])
        if end > len(article.text):
            return "the cited text span is past the end of the article"
        lo, hi = _sentence_around(article.text, start, end)
        location = EventLocation(
            place=_place(after["place"]), role=after.get("role", "drill"), mention=article.text[start:end],
            evidence=Evidence(article.path, article.text[lo:hi], lo, hi), confidence=1.0, verified=True,
        )
        articles = exercise.articles if article.path in exercise.articles else exercise.articles + (article.path,)
        work.exercises[index] = replace(exercise, locations=exercise.locations + (location,), articles=articles)
        return None
    if edit.kind == "exercise_fields":
        changes: dict[str, Any] = {}
        if "name" in after:
            changes["name"] = after["name"] or None
        for key in ("start", "end"):
            if key in after:
                changes[key] = _day(after[key])
        if "participants" in after:
            changes["participants"] = tuple(sorted(set(after["participants"] or ())))
        old = exercise_key(exercise)
        work.exercises[index] = replace(exercise, **changes)
        new = exercise_key(work.exercises[index])
        if new != old:
            work.aliases[old] = new
            work.aliases.pop(new, None)
        return None
    if edit.kind == "exercise_merge":
        other = work.find_exercise(after["other"])
        if other is None or other == index:
            return "the exercise to merge is no longer found"
        merged = replace(_merge_pair(exercise, work.exercises[other]), name=exercise.name)
        work.exercises[index] = merged
        work.aliases[exercise_key(work.exercises[other])] = exercise_key(merged)
        del work.exercises[other]
        return None
    # exercise_split
    moving: list[int] = []
    for key in after["locations"]:
        found = work.find_location(key)
        if found is None or found[0] != index:
            return "a location to split off is no longer found in that exercise"
        moving.append(found[1])
    taken = [loc for j, loc in enumerate(exercise.locations) if j in moving]
    kept = tuple(loc for j, loc in enumerate(exercise.locations) if j not in moving)
    work.exercises[index] = replace(exercise, locations=kept)
    dates = {key: _day(after[key]) for key in ("start", "end") if key in after}
    work.exercises.insert(index + 1, replace(exercise, name=after["name"], locations=tuple(taken), **dates))
    return None


def _run(dataset: Dataset, edits) -> tuple[_Work, list[OrphanedEdit]]:
    hashes = _hashes(dataset)
    work = _Work(list(dataset.exercises), hashes, {hashes[a.path]: a for a in dataset.articles})
    orphans: list[OrphanedEdit] = []
    for edit in edits:
        reason = _apply_one(work, edit)
        if reason is not None:
            orphans.append(OrphanedEdit(edit, reason))
    return work, orphans


def apply_edits(dataset: Dataset, edits: list[Edit] | tuple[Edit, ...]) -> tuple[Dataset, list[OrphanedEdit]]:
    """The dataset with the edits applied in order, and the edits whose target is gone."""
    if not edits:
        return dataset, []
    work, orphans = _run(dataset, edits)
    return replace(dataset, exercises=tuple(work.exercises)), orphans


def current_value(dataset: Dataset, kind: str, target: str, edits: list[Edit] | tuple[Edit, ...] = ()) -> Any:
    """What an edit of ``kind`` on ``target`` would change, as it is in ``dataset`` after ``edits``
    (the value an edit's ``before`` is compared with); None when the target is not found (or an
    edit removed it) or the kind adds only."""
    work, _ = _run(dataset, edits)
    if kind in ("place_role", "place_move"):
        found = work.find_location(target)
        if found is None:
            return None
        location = work.exercises[found[0]].locations[found[1]]
        if kind == "place_role":
            return {"role": location.role}
        return {"lon": round(location.place.lon, 6), "lat": round(location.place.lat, 6)}
    if kind == "exercise_fields":
        index = work.find_exercise(target)
        if index is None:
            return None
        return exercise_fields(work.exercises[index])
    return None


def exercise_fields(exercise: Exercise) -> dict:
    return {
        "name": exercise.name,
        "start": exercise.start.isoformat() if exercise.start else None,
        "end": exercise.end.isoformat() if exercise.end else None,
        "participants": list(exercise.participants),
    }


def _renamed_to(edit: Edit) -> str | None:
    """The exercise key ``edit`` gives its target's exercise (a rename or a merge), else None."""
    if edit.kind == "exercise_fields" and edit.after.get("name"):
        return "name:" + name_key(edit.after["name"])
    return None


def concerns(edit: Edit, keys: set[str] | frozenset[str]) -> bool:
    """Whether ``edit`` is about an exercise known by one of ``keys``: of it, of its places, a merge
    naming it, the split that made it."""
    if edit.target in keys or (edit.kind == "exercise_merge" and edit.after.get("other") in keys):
        return True
    if edit.kind == "exercise_split" and "name:" + name_key(edit.after.get("name") or "") in keys:
        return True
    if edit.kind in ("place_role", "place_move"):
        return parse_location_key(edit.target)[0] in keys
    return False


def exercise_history(edits: list[Edit] | tuple[Edit, ...], key: str) -> list[Edit]:
    """The edits of the exercise known now by ``key``, oldest first, including those made under an
    earlier name (a rename led to ``key``) and those of an exercise merged into it."""
    earlier: list[tuple[str, str]] = []  # (key before, key after)
    for edit in edits:
        renamed = _renamed_to(edit)
        if renamed:
            earlier.append((edit.target, renamed))
        if edit.kind == "exercise_merge" and edit.after.get("other"):
            earlier.append((edit.after["other"], edit.target))
    keys = {key}
    grown = True
    while grown:
        grown = False
        for before, after in earlier:
            if after in keys and before not in keys:
                keys.add(before)
                grown = True
    return [edit for edit in edits if concerns(edit, keys)]


def describe_value(kind: str, value: Any) -> str:
    """A fact's value in the analyst's words ("only mentioned", "at 52.1000, 23.7000 (lat, lon)",
    "name Zapad, start 2025-09-12"); for conflict messages and the history table."""
    if value is None:
        return "gone (an edit removed it)"
    if not isinstance(value, dict):
        return str(value)
    if kind == "place_role" or set(value) == {"role"}:
        return ROLE_WORDS.get(value.get("role"), str(value.get("role")))
    if "lat" in value and "lon" in value:
        name = f"{value['name']} " if value.get("name") else ""
        return f"{name}at {float(value['lat']):.4f}, {float(value['lon']):.4f} (lat, lon)"
    parts = []
    for key, item in value.items():
        if isinstance(item, list | tuple):
            item = ", ".join(map(str, item)) or "none"
        elif isinstance(item, dict):
            item = describe_value("", item)
        parts.append(f"{key} {item if item not in (None, '') else 'none'}")
    return "; ".join(parts)


def differs(before: Any, current: Any) -> bool:
    """Whether what the analyst saw (``before``) is no longer what is there; only the keys seen count."""
    if before is None:
        return False
    if isinstance(before, dict) and isinstance(current, dict):
        for key, value in before.items():
            now = current.get(key)
            if isinstance(value, float) or isinstance(now, float):
                if now is None or value is None or abs(float(value) - float(now)) > 1e-6:
                    return True
            elif value != now:
                return True
        return False
    return before != current
