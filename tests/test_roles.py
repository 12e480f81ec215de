"""Drill site or place only mentioned: rules of news language, on sentences written for these tests.

These go through the real recogniser and gazetteer (like a user's article would),
so each case also checks that the place is recognised and resolved as expected.
"""

from datetime import date

import pytest

from geo.core.model import Article
from geo.events import extract_exercises
from geo.events.roles import another_edition_year, role_confidence
from geo.places.toponyms import find_toponyms


def _exercises(text: str):
    article = Article(path="roles.txt", text=text, published=date(2024, 5, 6))
    return extract_exercises(article, find_toponyms(text))


def _roles(text: str) -> tuple[set[str], set[str]]:
    [exercise] = _exercises(text)
    drill = {loc.place.name for loc in exercise.locations if loc.role == "drill"}
    context = {loc.place.name for loc in exercise.locations if loc.role == "context"}
    return drill, context


@pytest.mark.parametrize(
    "text, drill, context",
    [
        # a participant list is who takes part, not where
        ("Troops from Germany, India and Saudi Arabia joined the Desert Falcon exercise in Jordan.",
         {"Jordan"}, {"Germany", "India", "Saudi Arabia"}),
        # observers, listed after "including", are neither sites nor participants
        ("Forces from France and Japan are taking part in the Desert Falcon drills in Jordan, while other "
         "countries, including Germany and India, are sending observers.",
         {"Jordan"}, {"Germany", "India"}),
        # a past edition's venue is not this year's
        ("Some past Sea Star exercises were conducted in Cyprus, but this year's is taking place in Crete.",
         {"Crete"}, {"Cyprus"}),
        # a sentence dated in an earlier year tells of an earlier edition
        ("The Sea Star naval exercise began on Monday off Crete. It was held in March 2019 near Cyprus.",
         {"Crete"}, {"Cyprus"}),
        # an exercise that ended before this one, named only to date it
        ("The Sea Star naval exercise began on Monday off Crete, a few days after Russia and China concluded "
         "a joint exercise in the Sea of Japan.", {"Crete"}, {"Sea of Japan"}),
        # activities hosted, and "additional events", are the exercise's even without the word "exercise"
        ("Kenya will host the Lion Shield military exercise. Kenya will host activities mainly in Nairobi, "
         "with additional events in Uganda and Rwanda.", {"Nairobi", "Uganda", "Rwanda"}, set()),
        # a capital named as the venue is a site
        ("The Lion Shield military drills will be held in capital Nairobi.", {"Nairobi"}, set()),
        # a parenthesis inside the clause does not cut the place phrase from its verb
        ("The Lion Shield military drills will be conducted on Tuesday (8 a.m. to 6 p.m. Kenya time) at two "
         "locations: Nairobi and the northern parts of Uganda.", {"Nairobi", "Uganda"}, set()),
        # a phrase coordinated by "as well as in" shares the verb of the first phrase
        ("The Lion Shield drills will be held in Nairobi, Mombasa near the coast, as well as in parts of Uganda.",
         {"Nairobi", "Mombasa", "Uganda"}, set()),
        # a name's own word ending in -ing is no verb that ends the phrase
        ("The Lion Shield exercise will take place at the International Peacekeeping Centre near Nairobi.",
         {"Nairobi"}, set()),
        # a town listed beside bases is a site of its own, even within a few km of one
        ("The Lion Shield exercise is being conducted at the military bases of Biza, Kucova, Pashaliman, Farka, "
         "Rinas, Durrës and Zall-Herr.",
         {"Biza training area", "Kuçova Air Base", "Pashaliman Naval Base", "Farka military base", "Rinas", "Durrës",
          "Zall-Herr"}, set()),
        # the exercise's forces at work right after a sentence about it, named without an exercise word
        ("The Lion Shield naval exercise began on Monday. A total of 20 warships are currently on their way out "
         "to the Red Sea.", {"Red Sea"}, set()),
        ("The Lion Shield naval exercise began on Monday. Along the coast of Crete, more than 50 missile systems "
         "are deployed.", {"Crete"}, set()),
        ("The Lion Shield air exercise began on Monday. Allied aircraft will be more active in the skies above "
         "Kenya, especially Nairobi and Mombasa.", {"Kenya", "Nairobi", "Mombasa"}, set()),
        # forces only stationed somewhere are no drill
        ("The Lion Shield naval exercise began on Monday. Twenty warships are based in Crete.", set(), set()),
        # forces travelling to a place to take part: the destination is the drill's, the departure point is not
        ("Kenyan troops departed Nairobi in August for the country of Uganda to participate in the Lion Shield "
         "exercise.", {"Uganda"}, {"Nairobi"}),
        ("Kenyan soldiers flew to Uganda on Monday to take part in the Lion Shield exercise.", {"Uganda"}, set()),
        # travel with no taking part is no drill site
        ("Kenyan troops returned from the Lion Shield exercise and flew to Uganda for a parade.", set(), {"Uganda"}),
        ("Encompassing from Durban to Richard’s Bay, the Lion Shield naval exercise will cover 160 km.",
         {"Durban", "Richards Bay"}, set()),
    ],
)
def test_drill_site_or_context(text: str, drill: set[str], context: set[str]) -> None:
    found_drill, found_context = _roles(text)
    assert found_drill == drill
    assert context <= found_context


@pytest.mark.parametrize(
    "text, drill",
    [
        # no site named: the country holding the exercise is where it is, with a low confidence
        ("Venezuela is carrying out the Amber Gate military exercise this week.", {"Venezuela"}),
        # a site named wins over the holder
        ("Venezuela is carrying out the Amber Gate military exercise near Caracas.", {"Caracas"}),
        # a country that only speaks about it is no holder
        ("Venezuela said the Amber Gate military exercise was a threat.", set()),
    ],
)
def test_the_country_holding_an_exercise_without_a_site(text: str, drill: set[str]) -> None:
    [exercise] = _exercises(text)
    sites = exercise.drill_locations()
    assert {loc.place.name for loc in sites} == drill
    if drill == {"Venezuela"}:
        assert sites[0].confidence <= 0.5


UMBRELLA = (
    "The Amber Gate 2024 strategic exercise will begin in Armenia on Monday. "
    "From 3 to 9 June, four joint drills will be held in the country. "
    "A joint exercise dubbed Iron Lance-2024 will practise crisis response; Steppe Hawk-2024 will involve "
    "logistics units. "
    "The final stage of the Amber Gate drills will be the Silver Shield-2024 peacekeeping drills in Georgia."
)


@pytest.mark.parametrize(
    "text, expected",
    [
        # components named after "N drills will be held in the country" are in the umbrella's country;
        # "the final stage of A will be the B drills in X": X is B's, and A's as its stage
        (UMBRELLA, {"Amber Gate 2024": {"Armenia", "Georgia"}, "Iron Lance-2024": {"Armenia"},
                    "Steppe Hawk-2024": {"Armenia"}, "Silver Shield-2024": {"Georgia"}}),
        # no count of drills held somewhere: the components get no site from the umbrella
        (UMBRELLA.replace("four joint drills will be held in the country", "the drills will test readiness"),
         {"Amber Gate 2024": {"Armenia", "Georgia"}, "Iron Lance-2024": set(), "Steppe Hawk-2024": set(),
          "Silver Shield-2024": {"Georgia"}}),
        # a copula without "stage of": the place after the second name is only the second's
        ("The Amber Gate 2024 exercise began in Armenia. Its highlight was the Silver Shield-2024 drills in "
         "Georgia.", {"Amber Gate 2024": {"Armenia"}, "Silver Shield-2024": {"Georgia"}}),
    ],
)
def test_component_drills_of_an_umbrella_exercise(text: str, expected: dict[str, set[str]]) -> None:
    found = {e.name: {loc.place.name for loc in e.locations if loc.role == "drill"} for e in _exercises(text)}
    assert found == expected


def test_a_participant_list_gives_participants_and_no_drill_sites() -> None:
    [exercise] = _exercises("Soldiers from Germany, India and Brazil take part in the Desert Falcon exercise "
                            "in Jordan.")
    assert {"DEU", "IND", "BRA"} <= set(exercise.participants)
    assert {loc.place.name for loc in exercise.drill_locations()} == {"Jordan"}


@pytest.mark.parametrize(
    "text, ship",
    [
        ("The destroyer Urumqi and the frigate Linyi took part in the Sea Guard naval drills in the Gulf of Oman.",
         "Urumqi"),
        ("HMS Montrose joined the Sea Guard naval drills in the Gulf of Oman.", "Montrose"),
        ("The corvette Smolensk sailed with the Sea Guard naval drills in the Gulf of Oman.", "Smolensk"),
    ],
)
def test_a_ship_named_after_a_city_is_no_place(text: str, ship: str) -> None:
    mentions = {t.mention.text for t in find_toponyms(text)}
    assert ship not in mentions
    assert "Gulf of Oman" in mentions
    [exercise] = _exercises(text)
    assert {loc.place.name for loc in exercise.locations} == {"Gulf of Oman"}


@pytest.mark.parametrize(
    "text",
    [
        "Colonel Jackson said the Iron Wolf military drills in Lithuania went well.",
        "General Lincoln watched the Iron Wolf military drills in Lithuania.",
        "Admiral Nelson praised the Iron Wolf military drills in Lithuania.",
    ],
)
def test_a_title_and_surname_is_no_place(text: str) -> None:
    assert [t.mention.text for t in find_toponyms(text)] == ["Lithuania"]
    [exercise] = _exercises(text)
    assert {loc.place.name for loc in exercise.locations} == {"Lithuania"}


@pytest.mark.parametrize(
    "text, mention, lon_range",
    [
        ("The navies held the Sea Star naval exercise in the eastern Mediterranean.", "eastern Mediterranean",
         (26.0, 36.0)),
        ("The navies held the Sea Star naval exercise in the central Mediterranean.", "central Mediterranean",
         (11.0, 21.0)),
        ("The navies held the Sea Star naval exercise in the western Mediterranean.", "western Mediterranean",
         (-5.0, 9.0)),
    ],
)
def test_a_part_of_a_sea_resolves_to_that_part(text: str, mention: str, lon_range: tuple[float, float]) -> None:
    [toponym] = find_toponyms(text)
    assert toponym.mention.text == mention
    assert toponym.place is not None and toponym.place.kind == "sea"
    assert lon_range[0] <= toponym.place.lon <= lon_range[1]  # the whole sea's point is at 18 E
    [exercise] = _exercises(text)
    [site] = exercise.drill_locations()
    assert site.place.lon == toponym.place.lon


@pytest.mark.parametrize(
    "sentence, year, expected",
    [
        ("It was held in November 2019, off the coast of the cape.", 2023, True),
        ("It was held in November 2023, off the coast of the cape.", 2023, False),
        ("The drills were held near the cape.", 2023, False),
        ("It will be held in 2019 terms.", None, False),
    ],
)
def test_a_sentence_about_an_earlier_edition(sentence: str, year: int | None, expected: bool) -> None:
    assert another_edition_year(sentence, year) is expected


def test_every_location_carries_a_role_confidence() -> None:
    [exercise] = _exercises("Troops from Germany joined the Desert Falcon exercise in Amman, Jordan and Egypt.")
    assert exercise.locations
    for location in exercise.locations:
        assert 0.0 < location.confidence <= 1.0
    # a town named by an exercise phrase is surer than a country continuing a list
    assert role_confidence("drill", "city", "phrase") > role_confidence("drill", "country", "list")
    assert role_confidence("drill", "country", "home") < 0.6
