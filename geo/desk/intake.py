"""What the "Add articles" page shows before an article is stored: one row per place an exercise
uses, with its role, so the analyst sees what the map will draw."""

from __future__ import annotations

from collections.abc import Iterable

from geo.core.countries import country_name
from geo.core.model import Exercise


def _day(value) -> str:
    return value.isoformat() if value else "?"


def extraction_rows(exercises: Iterable[Exercise]) -> list[dict[str, str]]:
    """Exercise, dates, participants, then each place with its role ("drill site" or "only
    mentioned"); an exercise without places gets one row saying so."""
    rows = []
    for exercise in exercises:
        common = {
            "exercise": exercise.label,
            "start": _day(exercise.start),
            "end": _day(exercise.end),
            "participants": ", ".join(country_name(code) for code in exercise.participants) or "?",
        }
        places = exercise.locations or ()
        if not places:
            rows.append({**common, "place": "(no place found)", "role": "", "kind": ""})
        for location in places:
            rows.append({
                **common,
                "place": location.place.name,
                "role": "drill site" if location.role == "drill" else "only mentioned",
                "kind": location.place.kind,
            })
    return rows


def stored_message(label: str, exercises: Iterable[Exercise]) -> str:
    """One line after a save: what went into the store."""
    names = [e.label for e in exercises]
    if not names:
        return f"{label} stored: no exercise recognised in it."
    return f"{label} stored: {len(names)} exercise(s): {', '.join(names)}."
