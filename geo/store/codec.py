"""One article's extraction (toponyms, exercises, milestones) as JSON and back, losslessly.

The payload is compact: places and evidence sentences are stored once in
tables and referred to by index, and the article's own path is not repeated
(it is given again when decoding, so a stored extraction follows its article
if the article's path in the store differs from the one it was extracted
under). ``decode(encode(path, t, e, m), path) == (t, e, m)`` for every value
the pipeline produces.
"""

from __future__ import annotations

from datetime import date

from geo.core.model import (
    EventLocation,
    Evidence,
    Exercise,
    Milestone,
    Phase,
    Place,
    PlaceMention,
    Toponym,
    TroopClaim,
)

PAYLOAD_FORMAT = 1


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _undate(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


class _Encoder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.places: list[list] = []
        self.place_index: dict[Place, int] = {}
        self.evidence: list[list] = []
        self.evidence_index: dict[Evidence, int] = {}

    def place(self, place: Place | None) -> int | None:
        if place is None:
            return None
        index = self.place_index.get(place)
        if index is None:
            index = self.place_index[place] = len(self.places)
            self.places.append([place.name, place.kind, place.lon, place.lat, place.country, place.geometry_key,
                                place.gazetteer_id, place.provenance, place.confidence])
        return index

    def ev(self, evidence: Evidence | None) -> int | None:
        if evidence is None:
            return None
        index = self.evidence_index.get(evidence)
        if index is None:
            index = self.evidence_index[evidence] = len(self.evidence)
            row = [evidence.sentence, evidence.start, evidence.end]
            if evidence.article != self.path:  # another article's sentence (never made today)
                row.append(evidence.article)
            self.evidence.append(row)
        return index

    def own(self, path: str) -> str | None:
        return None if path == self.path else path


def encode(path: str, toponyms, exercises, milestones) -> dict:
    """The JSON-ready payload of one article's analysis (``path`` is its ``Article.path``)."""
    enc = _Encoder(path)
    toponym_rows = [
        [t.mention.text, t.mention.start, t.mention.end, t.mention.hint, t.mention.country_hint, enc.place(t.place)]
        for t in toponyms
    ]
    exercise_rows = [
        {
            "name": e.name,
            "start": _day(e.start),
            "end": _day(e.end),
            "participants": list(e.participants),
            "locations": [[enc.place(loc.place), loc.role, loc.mention, enc.ev(loc.evidence), loc.confidence, loc.verified]
                          for loc in e.locations],
            "phases": [[p.name, _day(p.start), _day(p.end), enc.ev(p.evidence)] for p in e.phases],
            "troops": [[t.count, t.text, enc.ev(t.evidence)] for t in e.troops],
            "equipment": list(e.equipment),
            "sources": [enc.ev(s) for s in e.sources],
            "articles": [enc.own(a) for a in e.articles],
        }
        for e in exercises
    ]
    milestone_rows = [[m.label, _day(m.day), enc.ev(m.evidence)] for m in milestones]
    return {
        "format": PAYLOAD_FORMAT,
        "places": enc.places,
        "evidence": enc.evidence,
        "toponyms": toponym_rows,
        "exercises": exercise_rows,
        "milestones": milestone_rows,
    }


def decode(payload: dict, path: str) -> tuple[tuple[Toponym, ...], tuple[Exercise, ...], tuple[Milestone, ...]]:
    """(toponyms, exercises, milestones) of ``encode``, for the article now at ``path``."""
    if payload.get("format") != PAYLOAD_FORMAT:
        raise ValueError(f"extraction payload format {payload.get('format')!r}, expected {PAYLOAD_FORMAT}")
    places = [
        Place(name, kind, lon, lat, country, geometry_key, gazetteer_id, provenance, confidence)
        for name, kind, lon, lat, country, geometry_key, gazetteer_id, provenance, confidence in payload["places"]
    ]
    evidence = [
        Evidence(row[3] if len(row) > 3 else path, row[0], row[1], row[2]) for row in payload["evidence"]
    ]
    toponyms = tuple(
        Toponym(PlaceMention(text, start, end, hint, country_hint), None if place is None else places[place])
        for text, start, end, hint, country_hint, place in payload["toponyms"]
    )
    exercises = tuple(
        Exercise(
            name=row["name"],
            start=_undate(row["start"]),
            end=_undate(row["end"]),
            participants=tuple(row["participants"]),
            locations=tuple(
                EventLocation(places[loc[0]], loc[1], loc[2], evidence[loc[3]], *loc[4:])
                for loc in row["locations"]
            ),
            phases=tuple(
                Phase(name, _undate(start), _undate(end), None if ev is None else evidence[ev])
                for name, start, end, ev in row["phases"]
            ),
            troops=tuple(TroopClaim(count, text, evidence[ev]) for count, text, ev in row["troops"]),
            equipment=tuple(row["equipment"]),
            sources=tuple(evidence[ev] for ev in row["sources"]),
            articles=tuple(path if a is None else a for a in row["articles"]),
        )
        for row in payload["exercises"]
    )
    milestones = tuple(Milestone(label, _undate(day), evidence[ev]) for label, day, ev in payload["milestones"])
    return toponyms, exercises, milestones
