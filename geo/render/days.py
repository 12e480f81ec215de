"""The map through time: the days a view spans and what is under way on each.

An exercise is under way from its start to its end, both days included; one with a single
reported day is under way on that day; an undated one on none. ``next_change`` is the next
day on which that set changes, so playing through a view skips the days where nothing starts
or ends.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from geo.core.model import Exercise
from geo.render.filters import Filters


def _span(exercise: Exercise) -> tuple[date, date] | None:
    start = exercise.start or exercise.end
    end = exercise.end or exercise.start
    return (start, end) if start and end else None


def day_range(exercises: Iterable[Exercise]) -> tuple[date, date] | None:
    """(first, last) day on which any of ``exercises`` is under way; None when none is dated."""
    spans = [s for s in map(_span, exercises) if s]
    if not spans:
        return None
    return min(s[0] for s in spans), max(s[1] for s in spans)


def under_way(exercises: Iterable[Exercise], day: date) -> list[Exercise]:
    """The exercises under way on ``day``, in their order."""
    return [e for e in exercises if (span := _span(e)) and span[0] <= day <= span[1]]


def day_filters(filters: Filters, day: date) -> Filters:
    """The view's filters narrowed to one day: what the map of that day shows (and exports)."""
    return replace(filters, date_from=day, date_to=day)


def next_change(exercises: Sequence[Exercise], day: date) -> date | None:
    """The first day after ``day`` on which an exercise starts or the day after one ends,
    within the view's range; else the range's last day (so playing ends there); None from it on."""
    spans = [s for s in map(_span, exercises) if s]
    if not spans:
        return None
    last = max(s[1] for s in spans)
    changes = {s[0] for s in spans} | {s[1] + timedelta(days=1) for s in spans}
    return min((d for d in changes if day < d <= last), default=last if day < last else None)
