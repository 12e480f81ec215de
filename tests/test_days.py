"""geo.render.days: the map's time slider, on hand-made exercises (table-driven)."""

from datetime import date

import pytest

from geo.core.model import Exercise
from geo.render.days import day_filters, day_range, next_change, under_way
from geo.render.filters import Filters

A = Exercise(name="A", start=date(2024, 7, 1), end=date(2024, 7, 10))
B = Exercise(name="B", start=date(2024, 7, 5), end=date(2024, 7, 20))
ONE_DAY = Exercise(name="One day", start=date(2024, 7, 15), end=None)
UNDATED = Exercise(name="Undated", start=None, end=None)
ALL = (A, B, ONE_DAY, UNDATED)


@pytest.mark.parametrize(
    ("exercises", "expected"),
    [
        (ALL, (date(2024, 7, 1), date(2024, 7, 20))),
        ((ONE_DAY,), (date(2024, 7, 15), date(2024, 7, 15))),
        ((UNDATED,), None),
        ((), None),
    ],
)
def test_day_range(exercises, expected):
    assert day_range(exercises) == expected


@pytest.mark.parametrize(
    ("day", "names"),
    [
        (date(2024, 6, 30), []),
        (date(2024, 7, 1), ["A"]),  # the first day counts
        (date(2024, 7, 5), ["A", "B"]),
        (date(2024, 7, 10), ["A", "B"]),  # so does the last
        (date(2024, 7, 11), ["B"]),
        (date(2024, 7, 15), ["B", "One day"]),
        (date(2024, 7, 16), ["B"]),
        (date(2024, 7, 21), []),
    ],
)
def test_under_way_and_the_days_filters_agree(day, names):
    assert [e.label for e in under_way(ALL, day)] == names
    assert [e.label for e in day_filters(Filters(), day).apply(ALL)] == names


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 6, 1), date(2024, 7, 1)),
        (date(2024, 7, 1), date(2024, 7, 5)),
        (date(2024, 7, 5), date(2024, 7, 11)),  # A ends on the 10th: the set changes on the 11th
        (date(2024, 7, 11), date(2024, 7, 15)),
        (date(2024, 7, 15), date(2024, 7, 16)),
        (date(2024, 7, 16), date(2024, 7, 20)),  # nothing changes until B ends: the range's last day
        (date(2024, 7, 19), date(2024, 7, 20)),
        (date(2024, 7, 20), None),
    ],
)
def test_next_change(day, expected):
    assert next_change(ALL, day) == expected


def test_day_filters_keep_the_other_filters():
    filters = Filters(countries=("BLR",), exercises=("A",), show_context=True)
    narrowed = day_filters(filters, date(2024, 7, 3))
    assert (narrowed.countries, narrowed.exercises, narrowed.show_context) == (("BLR",), ("A",), True)
    assert narrowed.date_from == narrowed.date_to == date(2024, 7, 3)
