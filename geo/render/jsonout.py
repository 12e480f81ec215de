"""JSON shapes of the CLI contract (../shared/eval/README.md)."""

from __future__ import annotations

from geo.core.model import EventLocation, Exercise, Toponym

# The contract knows six kinds; a group of countries is reported as countries.
_CONTRACT_KIND = {"group": "country", "point": "facility"}  # point: placed by an analyst


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 5)


def location_json(location: EventLocation) -> dict:
    place = location.place
    return {
        "name": place.name,
        "mention": location.mention,
        "lat": _round(place.lat),
        "lon": _round(place.lon),
        "kind": _CONTRACT_KIND.get(place.kind, place.kind),
        "role": location.role,
        "role_confidence": round(location.confidence, 2),
        "country": place.country,
        "confidence": round(place.confidence, 3),
        "provenance": place.provenance,
        "sentence": location.evidence.sentence,
    }


def exercise_json(exercise: Exercise) -> dict:
    return {
        "name": exercise.name,
        "start": exercise.start.isoformat() if exercise.start else None,
        "end": exercise.end.isoformat() if exercise.end else None,
        "participants": list(exercise.participants),
        "troops": [claim.text for claim in exercise.troops],
        "equipment": list(exercise.equipment),
        "phases": [
            {
                "name": p.name,
                "start": p.start.isoformat() if p.start else None,
                "end": p.end.isoformat() if p.end else None,
            }
            for p in exercise.phases
        ],
        "locations": [location_json(loc) for loc in exercise.locations],
    }


def toponym_json(toponym: Toponym) -> dict:
    mention, place = toponym.mention, toponym.place
    return {
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "lat": _round(place.lat) if place else None,
        "lon": _round(place.lon) if place else None,
        "country": place.country if place else None,
        "kind": _CONTRACT_KIND.get(place.kind, place.kind) if place else None,
    }
