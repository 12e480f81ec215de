"""Date rules of news language, each with sentences written for these tests."""

from datetime import date

import pytest

from geo.text.dates import (
    end_from_duration,
    find_dates,
    find_durations,
    pick_year,
    resolve_weekday,
    tense_near,
    year_in_name,
)

THU = date(2022, 2, 10)  # a Thursday
TUE = date(2023, 3, 14)  # a Tuesday


def _spans(text: str, published: date | None, hint: int | None = None) -> list[tuple[str, date | None, date | None]]:
    return [(s.kind, s.first, s.last) for s in find_dates(text, published, hint)]


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # absolute days, with and without a year
        ("The manoeuvres end on March 3, 2021.", None, [("day", date(2021, 3, 3), date(2021, 3, 3))]),
        ("Troops arrived on 4 May 2019.", None, [("day", date(2019, 5, 4), date(2019, 5, 4))]),
        ("They run until Feb. 20 at the latest.", THU, [("day", date(2022, 2, 20), date(2022, 2, 20))]),
        ("It was first held on 2018-06-01.", None, [("day", date(2018, 6, 1), date(2018, 6, 1))]),
        # year-less dates take the year nearest the article's date
        ("The drills began on Dec. 28.", date(2023, 1, 3), [("day", date(2022, 12, 28), date(2022, 12, 28))]),
        ("The drills begin on Jan. 4.", date(2022, 12, 30), [("day", date(2023, 1, 4), date(2023, 1, 4))]),
        # no article date and no hint: the day is unknown, never guessed
        ("The drills began on Sept. 9.", None, [("day", None, None)]),
        ("The drills began on Sept. 9.", None, [("day", date(2016, 9, 9), date(2016, 9, 9))]),
        # a participle after "will be" is future: the coming Sunday, not the last one
        ("The manoeuvres will be concluded on Sunday.", date(2021, 3, 5), [("weekday", date(2021, 3, 7), date(2021, 3, 7))]),
        ("Drills are to be held on Monday.", date(2021, 3, 5), [("weekday", date(2021, 3, 8), date(2021, 3, 8))]),
        ("The manoeuvres were concluded on Monday.", date(2021, 3, 5), [("weekday", date(2021, 3, 1), date(2021, 3, 1))]),
        # "until Sunday" with no verb to give a tense lies ahead; "Sunday, the 7th" is the Sunday on the 7th
        ("The fair: from today — until Sunday.", date(2021, 3, 5), [("relative", date(2021, 3, 5), date(2021, 3, 5)),
                                                                   ("weekday", date(2021, 3, 7), date(2021, 3, 7))]),
        ("The parade — Sunday, the 14th.", date(2021, 3, 5), [("weekday", date(2021, 3, 14), date(2021, 3, 14))]),
        # ranges: both ends kept
        ("Manoeuvres run from 3 to 9 August.", TUE, [("range", date(2023, 8, 3), date(2023, 8, 9))]),
        ("Manoeuvres run from August 3 to August 9.", TUE, [("range", date(2023, 8, 3), date(2023, 8, 9))]),
        ("Manoeuvres run August 3-9, 2017.", None, [("range", date(2017, 8, 3), date(2017, 8, 9))]),
        ("Manoeuvres run from 28 November to 4 December 2020.", None,
         [("range", date(2020, 11, 28), date(2020, 12, 4))]),
        ("Manoeuvres run Nov. 28 - Dec. 4.", date(2020, 11, 20), [("range", date(2020, 11, 28), date(2020, 12, 4))]),
        ("Manoeuvres run 12–19 October 2015.", None, [("range", date(2015, 10, 12), date(2015, 10, 19))]),
        # weekdays depend on the verb's tense
        ("The navy began the drill on Monday.", TUE, [("weekday", date(2023, 3, 13), date(2023, 3, 13))]),
        ("The navy will begin the drill on Monday.", TUE, [("weekday", date(2023, 3, 20), date(2023, 3, 20))]),
        ("The navy is set to begin the drill on Tuesday.", TUE, [("weekday", TUE, TUE)]),
        ("A spokesman said on Sunday that ships would sail.", TUE, [("weekday", date(2023, 3, 12), date(2023, 3, 12))]),
        ("The navy will begin the drill on Monday.", None, [("weekday", None, None)]),
        # a weekday followed by its date: the date is the fact
        ("The landing took place on Saturday, May 6.", None, [("day", None, None)]),
        # relative words
        ("The drills get underway today.", THU, [("relative", THU, THU)]),
        ("The drills ended yesterday.", THU, [("relative", date(2022, 2, 9), date(2022, 2, 9))]),
        # months alone are months, and "may" the verb is no month
        ("The first phase began in mid-March 2021.", None, [("month", date(2021, 3, 1), date(2021, 3, 31))]),
        ("The ships may 20 times a year sail there.", None, []),
    ],
)
def test_find_dates(text: str, published: date | None, expected: list) -> None:
    hint = 2016 if "Sept. 9" in text and expected and expected[0][1] else None
    assert _spans(text, published, hint) == expected


@pytest.mark.parametrize(
    "weekday, published, tense, modifier, expected",
    [
        (0, TUE, "past", None, date(2023, 3, 13)),
        (0, TUE, "future", None, date(2023, 3, 20)),
        (1, TUE, "past", None, TUE),
        (1, TUE, "future", None, TUE),
        (1, TUE, None, "next", date(2023, 3, 21)),
        (1, TUE, None, "last", date(2023, 3, 7)),
        (4, TUE, None, None, date(2023, 3, 10)),  # no tense: news reports the recent past
    ],
)
def test_resolve_weekday(weekday: int, published: date, tense, modifier, expected: date) -> None:
    assert resolve_weekday(weekday, published, tense, modifier) == expected


@pytest.mark.parametrize(
    "text, word, expected",
    [
        ("Russia on Friday is set to begin the drills", "Friday", "future"),
        ("The ministry said on Friday that troops will leave", "Friday", "past"),
        ("Ships sailed on Friday", "Friday", "past"),
        ("Ships on Friday", "Friday", None),
        # the simple present of a schedule is the coming day, but any explicit marker nearby wins
        ("The drills end on Thursday", "Thursday", "future"),
        ("The exercise begins on Monday", "Monday", "future"),
        ("The drills ended on Thursday", "Thursday", "past"),
        ("Officials said the drills end on Thursday", "Thursday", "future"),
        ("The drills that began on Monday end soon", "Monday", "past"),
    ],
)
def test_tense_near(text: str, word: str, expected: str | None) -> None:
    assert tense_near(text, text.index(word)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the drills will last for 12 days", [(12, False)]),
        ("six days of joint exercises", [(6, False)]),
        ("a four-day naval drill", [(4, False)]),
        ("the manoeuvres lasted three weeks", [(21, False)]),
        ("a week-long exercise", [(7, False)]),
        ("a two-week-long exercise", [(14, False)]),
        ("will span about nine days", [(9, True)]),
        ("more than 20 days of drills", [(20, True)]),
        ("two days ago the ships left", []),
        ("within a week the troops returned", []),
    ],
)
def test_find_durations(text: str, expected: list[tuple[int, bool]]) -> None:
    assert [(d.days, d.approximate) for d in find_durations(text)] == expected


def test_end_from_duration_counts_the_first_day() -> None:
    assert end_from_duration(date(2024, 7, 8), 11) == date(2024, 7, 18)
    assert end_from_duration(date(2024, 7, 8), 1) == date(2024, 7, 8)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Iron Shield 2023", 2023),
        ("Northern Wind-21", 2021),
        ("Steppe Hawk 19", 2019),
        ("Coastal Guard 2025B", 2025),
        ("Silver Arrow", None),
        (None, None),
        ("Velayat 97", None),  # another calendar's year (1397): no Gregorian year is guessed
        ("Sea Guard-1403", None),
    ],
)
def test_year_in_name(name: str | None, expected: int | None) -> None:
    assert year_in_name(name) == expected


def test_pick_year_without_article_date_uses_hint_only() -> None:
    assert pick_year(5, 4, None, None) is None
    assert pick_year(5, 4, None, 2021) == 2021
    assert pick_year(5, 4, date(2020, 5, 1), 2021) == 2020
