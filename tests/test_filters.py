from datetime import date

import pytest

from geo.core.model import EventLocation, Evidence, Exercise, Place
from geo.render.filters import Filters

EVIDENCE = Evidence(article="a.txt", sentence="s.", start=0, end=2)


def _location(name: str, country: str, role: str = "drill") -> EventLocation:
    place = Place(name=name, kind="city", lon=0.0, lat=0.0, country=country)
    return EventLocation(place=place, role=role, mention=name, evidence=EVIDENCE)


ALLIED = Exercise(
    name="Allied Resolve 2022",
    start=date(2022, 2, 10),
    end=date(2022, 2, 20),
    participants=("BLR", "RUS"),
    locations=(_location("Brest", "BLR"), _location("Moscow", "RUS", "context")),
)
EAGLE = Exercise(
    name="Eagle Assault",
    start=date(2024, 7, 8),
    end=date(2024, 7, 18),
    participants=("BLR", "CHN"),
    locations=(_location("Brest", "BLR"),),
)
UNDATED = Exercise(name=None, start=None, end=None, participants=("UKR",), locations=(_location("Kyiv", "UKR"),))
ALL = [ALLIED, EAGLE, UNDATED]


@pytest.mark.parametrize(
    "filters, expected",
    [
        (Filters(), ["Allied Resolve 2022", "Eagle Assault", UNDATED.label]),
        (Filters(countries=("CHN",)), ["Eagle Assault"]),
        (Filters(countries=("BLR",)), ["Allied Resolve 2022", "Eagle Assault"]),
        (Filters(countries=("UKR",)), [UNDATED.label]),
        (Filters(date_from=date(2024, 1, 1), date_to=date(2024, 12, 31)), ["Eagle Assault"]),
        (Filters(date_to=date(2022, 2, 10)), ["Allied Resolve 2022"]),  # overlap on the first day
        (Filters(date_from=date(2022, 2, 21), date_to=date(2024, 7, 7)), []),
        (Filters(exercises=("Eagle Assault",)), ["Eagle Assault"]),
        (Filters(countries=("POL",)), []),
    ],
)
def test_apply_selects_exercises(filters, expected):
    assert [e.label for e in filters.apply(ALL)] == expected


def test_country_of_a_drill_site_counts_as_well_as_participants():
    exercise = Exercise(name="X", start=None, end=None, participants=("USA",), locations=(_location("Riga", "LVA"),))
    assert Filters(countries=("LVA",)).apply([exercise])
    # a context place's country does not make an exercise match
    context_only = Exercise(
        name="Y", start=None, end=None, participants=("USA",), locations=(_location("Riga", "LVA", "context"),)
    )
    assert not Filters(countries=("LVA",)).apply([context_only])


def test_context_places_are_dropped_unless_asked_for():
    assert [loc.mention for loc in Filters().apply([ALLIED])[0].locations] == ["Brest"]
    assert [loc.mention for loc in Filters(show_context=True).apply([ALLIED])[0].locations] == ["Brest", "Moscow"]


@pytest.mark.parametrize(
    "filters, sentence",
    [
        (Filters(), "All exercises"),
        (
            Filters(countries=("BLR",), date_from=date(2022, 2, 1), date_to=date(2024, 7, 31)),
            "Exercises with Belarus, Feb 2022 – Jul 2024",
        ),
        (Filters(countries=("BLR", "CHN")), "Exercises with Belarus or China"),
        (Filters(date_from=date(2024, 1, 1)), "Exercises, from Jan 2024"),
        (Filters(exercises=("Eagle Assault",), show_context=True), "Eagle Assault (with places only mentioned)"),
    ],
)
def test_describe_is_one_readable_sentence(filters, sentence):
    assert filters.describe() == sentence


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(countries=("BLR", "CHN"), date_from=date(2024, 1, 1), date_to=date(2024, 12, 31)),
        Filters(exercises=("Allied Resolve 2022", "Eagle Assault"), show_context=True),
    ],
)
def test_query_params_round_trip(filters):
    assert Filters.from_query_params(filters.to_query_params()) == filters


def test_bad_query_params_are_ignored_not_fatal():
    filters = Filters.from_query_params({"country": "Narnia,BY", "from": "yesterday", "to": "2024-13-01"})
    assert filters == Filters(countries=("BLR",))


def test_cli_values_are_checked():
    assert Filters.from_cli(countries=["belarus", "CN"]).countries == ("BLR", "CHN")
    with pytest.raises(ValueError, match="unknown country"):
        Filters.from_cli(countries=["Atlantis"])
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        Filters.from_cli(date_from="July 2024")


def _milestone(label: str, day: date, article: str):
    from geo.core.model import Milestone

    return Milestone(label, day, Evidence(article=article, sentence=f"{label}.", start=0, end=len(label) + 1))


MEETING = _milestone("Meeting in Moscow", date(2022, 2, 10), "allied.txt")
SUMMIT = _milestone("NATO summit in Washington", date(2024, 7, 9), "eagle.txt")
ORPHAN = _milestone("Summit elsewhere", date(2024, 7, 10), "no-exercise.txt")
ARTICLES = {"Allied Resolve 2022": ("allied.txt",), "Eagle Assault": ("eagle.txt",)}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), ["Meeting in Moscow", "NATO summit in Washington"]),  # none from an article without drills
        (Filters(exercises=("Eagle Assault",)), ["NATO summit in Washington"]),  # the chosen exercise's article
        (Filters(countries=("RUS",)), ["Meeting in Moscow"]),
        (Filters(date_from=date(2024, 7, 10)), []),  # the summit's article is in view, its day is not
        (Filters(date_to=date(2023, 1, 1)), ["Meeting in Moscow"]),
    ],
)
def test_milestones_go_with_the_exercises_in_view(filters, expected):
    from dataclasses import replace

    exercises = [replace(e, articles=ARTICLES.get(e.label, ())) for e in ALL]
    shown = filters.apply(exercises)
    assert [m.label for m in filters.apply_milestones([MEETING, SUMMIT, ORPHAN], shown)] == expected


AWKWARD = [
    "Drills, Belarus, 2024-03",  # how unnamed exercises are labelled
    'The "Shield" drill',
    "Rock & Roll 2023",
    "Запад-2021 ",
    "100% Readiness",
    "50%2C off",  # looks like an escape
    ",leading and trailing,",
    "a=b?c#d+e f/g",
]


@pytest.mark.parametrize("labels", [[label] for label in AWKWARD] + [AWKWARD])
def test_any_exercise_label_round_trips_through_the_url(labels):
    from urllib.parse import parse_qs, urlencode

    filters = Filters(countries=("BLR",), exercises=tuple(labels))
    params = filters.to_query_params()
    assert Filters.from_query_params(params) == filters
    # and through a real URL, as the browser and Streamlit encode and decode it
    query = parse_qs(urlencode(params))
    assert Filters.from_query_params({k: v[0] for k, v in query.items()}) == filters


@pytest.mark.parametrize(
    ("params", "exercises"),
    [
        ({"exercise": "Allied Resolve 2022,Eagle Assault"}, ("Allied Resolve 2022", "Eagle Assault")),  # old link
        ({"exercise": "50% drill"}, ("50% drill",)),  # an old link's bare % stays
        ({"exercise": ["Drills%2C Belarus%2C 2024-03", "Eagle Assault"]}, ("Drills, Belarus, 2024-03", "Eagle Assault")),
    ],
)
def test_old_comma_joined_links_and_repeated_parameters_still_read(params, exercises):
    assert Filters.from_query_params(params).exercises == exercises
