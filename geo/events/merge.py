"""Merging the same exercise reported by several articles."""

from __future__ import annotations

from geo.core.model import Exercise
from geo.events.names import name_key, split_edition
from geo.events.sites import dedupe_locations


def _edition_of(exercise: Exercise) -> str | None:
    return split_edition(name_key(exercise.name))[1] if exercise.name else None


def _same_exercise(a: Exercise, b: Exercise) -> bool:
    if a.name and b.name:
        base_a, edition_a = split_edition(name_key(a.name))
        base_b, edition_b = split_edition(name_key(b.name))
        if base_a != base_b:
            # Transliterations differ by a letter ("Anakonda 2016", "Anaconda-16"): same edition, near-same name.
            from difflib import SequenceMatcher

            similar = SequenceMatcher(None, base_a, base_b).ratio() >= 0.85
            return similar and edition_a is not None and edition_a == edition_b
        if edition_a and edition_b:
            return edition_a == edition_b
        # One report writes the edition, another does not: the same when their dates agree.
        return _dates_overlap(a, b, days=3) or not (a.start and b.start) or (
            a.start is not None and b.start is not None and a.start.year == b.start.year
        )
    if a.name or b.name:
        return False
    if not (a.start and b.start):
        return False
    shared = set(a.participants) & set(b.participants)
    union = set(a.participants) | set(b.participants)
    return _dates_overlap(a, b, days=1) and (not union or len(shared) / len(union) >= 0.5)


def _dates_overlap(a: Exercise, b: Exercise, days: int) -> bool:
    if not (a.start and b.start):
        return False
    a_end, b_end = a.end or a.start, b.end or b.start
    return a.start.toordinal() - days <= b_end.toordinal() and b.start.toordinal() - days <= a_end.toordinal()


def _merge_pair(a: Exercise, b: Exercise) -> Exercise:
    name = a.name
    if a.name and b.name and _edition_of(b) and not _edition_of(a):
        name = b.name
    locations = list(a.locations)
    for location in b.locations:
        if not any(l.place.name == location.place.name and l.role == location.role for l in locations):
            locations.append(location)
    phases = list(a.phases) + [p for p in b.phases if p.name not in {q.name for q in a.phases}]
    troops = list(a.troops) + [t for t in b.troops if t.text not in {u.text for u in a.troops}]
    equipment = list(a.equipment) + [e for e in b.equipment if e not in a.equipment]
    return Exercise(
        name=name,
        start=a.start or b.start,
        end=a.end or b.end,
        participants=tuple(sorted(set(a.participants) | set(b.participants))),
        locations=tuple(dedupe_locations(locations)),
        phases=tuple(phases),
        troops=tuple(troops),
        equipment=tuple(equipment),
        sources=tuple(dict.fromkeys(a.sources + b.sources)),
        articles=tuple(dict.fromkeys(a.articles + b.articles)),
    )


def merge_exercises(exercises: list[Exercise]) -> list[Exercise]:
    """The same exercise reported by several articles becomes one, with every source.

    Same normalised name (editions must agree when both are written), or both
    unnamed with overlapping dates and mostly the same participants. Dates: the
    first report that gives one (reports rarely disagree; when they do the
    sources show it).
    """
    merged: list[Exercise] = []
    for exercise in exercises:
        for index, existing in enumerate(merged):
            if _same_exercise(existing, exercise):
                merged[index] = _merge_pair(existing, exercise)
                break
        else:
            merged.append(exercise)
    return merged
