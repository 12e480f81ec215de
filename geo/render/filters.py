"""The dashboard's filter state as one value object.

It knows how to apply itself to exercises, how to live in a URL's query
parameters (so a link reproduces a view), and how to say itself in one
sentence (the caption of a map that goes into a briefing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from geo.core.countries import country_name, to_iso3
from geo.core.errors import FilterError
from geo.core.model import Exercise, Milestone


def _parse_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise FilterError(f"date {value!r} is not YYYY-MM-DD, e.g. 2024-07-08") from exc


_ESCAPED = re.compile(r"%(25|2C)", re.IGNORECASE)


def escape_item(value: str) -> str:
    """One list item of a query parameter: ``%`` and ``,`` escaped, so commas can join items.

    "Drills, Belarus, 2024-03" -> "Drills%2C Belarus%2C 2024-03" (the URL then encodes
    that string as usual). Old links, with unescaped items joined by commas, read the same
    as before unless a label held a comma.
    """
    return value.replace("%", "%25").replace(",", "%2C")


def unescape_item(value: str) -> str:
    return _ESCAPED.sub(lambda m: "%" if m.group(1) == "25" else ",", value)


def join_items(values: Iterable[str]) -> str:
    return ",".join(escape_item(v) for v in values)


def split_items(value: str) -> list[str]:
    return [unescape_item(part) for part in value.split(",") if part]


def _month(day: date) -> str:
    return day.strftime("%b %Y")


@dataclass(frozen=True)
class Filters:
    countries: tuple[str, ...] = ()  # ISO alpha-3; empty = all
    date_from: date | None = None
    date_to: date | None = None
    exercises: tuple[str, ...] = ()  # Exercise.label; empty = all
    show_context: bool = False

    # --- construction -------------------------------------------------------

    @classmethod
    def from_cli(
        cls,
        countries: Iterable[str] = (),
        date_from: str | None = None,
        date_to: str | None = None,
        exercises: Iterable[str] = (),
        show_context: bool = False,
    ) -> Filters:
        codes = []
        for value in countries:
            code = to_iso3(value)
            if code is None:
                raise FilterError(f"unknown country {value!r}; use a name or ISO code such as BLR")
            codes.append(code)
        return cls(
            countries=tuple(sorted(set(codes))),
            date_from=_parse_day(date_from),
            date_to=_parse_day(date_to),
            exercises=tuple(exercises),
            show_context=show_context,
        )

    @classmethod
    def from_query_params(cls, params: Mapping[str, object]) -> Filters:
        """Read ``st.query_params`` (or any mapping; a key may also be repeated, given as a list);
        malformed values are ignored. Items are comma-joined with ``escape_item``."""

        def values(key: str) -> list[str]:
            raw = params.get(key)
            if raw is None:
                return []
            items = raw if isinstance(raw, (list, tuple)) else [raw]
            return [part for item in items for part in split_items(str(item))]

        def day(key: str) -> date | None:
            try:
                return _parse_day(next(iter(values(key)), None))
            except ValueError:
                return None

        return cls(
            countries=tuple(sorted({c for c in (to_iso3(v) for v in values("country")) if c})),
            date_from=day("from"),
            date_to=day("to"),
            exercises=tuple(values("exercise")),
            show_context=next(iter(values("context")), "0") in ("1", "true", "yes"),
        )

    def to_query_params(self) -> dict[str, str]:
        params: dict[str, str] = {}
        if self.countries:
            params["country"] = join_items(self.countries)
        if self.date_from:
            params["from"] = self.date_from.isoformat()
        if self.date_to:
            params["to"] = self.date_to.isoformat()
        if self.exercises:
            params["exercise"] = join_items(self.exercises)
        if self.show_context:
            params["context"] = "1"
        return params

    def with_exercises(self, labels: Iterable[str]) -> Filters:
        return replace(self, exercises=tuple(labels))

    # --- behaviour ----------------------------------------------------------

    def matches(self, exercise: Exercise) -> bool:
        if self.exercises and exercise.label not in self.exercises:
            return False
        if self.countries:
            places = {loc.place.country for loc in exercise.drill_locations()}
            if not (set(self.countries) & (set(exercise.participants) | places)):
                return False
        if self.date_from or self.date_to:
            start = exercise.start or exercise.end
            end = exercise.end or exercise.start
            if start is None:  # undated: cannot be placed inside a date range
                return False
            if self.date_from and end < self.date_from:
                return False
            if self.date_to and start > self.date_to:
                return False
        return True

    def apply(self, exercises: Iterable[Exercise]) -> list[Exercise]:
        """The matching exercises; context places dropped unless asked for."""
        kept = []
        for exercise in exercises:
            if not self.matches(exercise):
                continue
            if not self.show_context:
                exercise = replace(exercise, locations=exercise.drill_locations())
            kept.append(exercise)
        return kept

    def apply_milestones(self, milestones: Iterable[Milestone], exercises: Iterable[Exercise]) -> list[Milestone]:
        """The dated context events that go with ``exercises`` (already filtered): inside
        the date range, and reported by an article of one of those exercises, so that
        choosing one exercise keeps its summit and drops another article's meeting."""
        articles = {path for exercise in exercises for path in exercise.articles}
        return [
            m for m in milestones
            if m.evidence.article in articles
            and (self.date_from is None or m.day >= self.date_from)
            and (self.date_to is None or m.day <= self.date_to)
        ]

    def describe(self) -> str:
        """One sentence: 'Exercises with Belarus, Feb 2022 – Jul 2024'."""
        text = "Exercises"
        if self.exercises:
            text = ", ".join(self.exercises)
        if self.countries:
            names = [country_name(code) for code in self.countries]
            joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
            text += f" with {joined}"
        if self.date_from and self.date_to:
            text += f", {_month(self.date_from)} – {_month(self.date_to)}"
        elif self.date_from:
            text += f", from {_month(self.date_from)}"
        elif self.date_to:
            text += f", until {_month(self.date_to)}"
        if not (self.exercises or self.countries or self.date_from or self.date_to):
            text = "All exercises"
        if self.show_context:
            text += " (with places only mentioned)"
        return text
