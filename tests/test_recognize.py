"""The recogniser: which spans of a sentence are place mentions, and what the words around them say."""

from __future__ import annotations

import pytest

from geo.places.recognize import find_mentions


def spans(text: str) -> list[tuple[str, str | None, str | None]]:
    found = find_mentions(text)
    for mention in found:
        assert text[mention.start:mention.end] == mention.text  # offsets are str indices
    return [(m.text, m.hint, m.country_hint) for m in found]


CASES = [
    # plain names, multi-word names, alternate spellings
    ("Tanks rolled through Minsk on Friday.", [("Minsk", None, None)]),
    ("Officials in Nizhny Novgorod and Rostov-on-Don agreed.", [("Nizhny Novgorod", None, None), ("Rostov-on-Don", None, None)]),
    ("Convoys left Grodno at dawn.", [("Grodno", None, None)]),
    # another transliteration of a small town (Russian vs Ukrainian) after a locative, in a text naming its country
    ("Ukraine hosted jets at the base near Starokonstantinov.", [("Ukraine", None, None), ("Starokonstantinov", None, None)]),
    ("Ukraine hosted jets in Starokostiantyniv.", [("Ukraine", None, None), ("Starokostiantyniv", None, None)]),
    # a National Guard is a US state's: "Georgia National Guardsmen" is the state, the country stays the country
    ("Georgia National Guardsmen flew to the country of Georgia.",
     [("Georgia", "region", "USA"), ("Georgia", None, None)]),
    # but not alone: the country unnamed, or no locative before it
    ("Jets were seen near Starokonstantinov.", []),
    ("Ukraine thanked Starokonstantinov for the jets.", [("Ukraine", None, None)]),
    # demonyms denote countries
    ("Belarusian troops joined Russian units.", [("Belarusian", "demonym", "BLR"), ("Russian", "demonym", "RUS")]),
    # "X, Country" anchors the town
    ("The drill ended near Brest, Belarus, on Sunday.", [("Brest", None, "BLR"), ("Belarus", None, None)]),
    # a list of countries is not an anchor
    ("Envoys from France, Germany and Italy met.", [("France", None, None), ("Germany", None, None), ("Italy", None, None)]),
    # admin regions
    ("Batteries were placed in the Brest Oblast.", [("Brest Oblast", "region", None)]),
    ("Jets flew over the Kaliningrad region.", [("Kaliningrad region", "region", None)]),
    # a plural unit word after a list makes each name of it a region
    ("Drills ran in the Brest, Grodno and Minsk regions.",
     [("Brest", "region", "BLR"), ("Grodno", "region", None), ("Minsk regions", "region", None)]),
    ("Drills ran in Brest, Grodno and the Minsk region.",
     [("Brest", None, "BLR"), ("Grodno", None, None), ("Minsk region", "region", None)]),
    # groups, seas, straits
    ("Leaders of the Baltic states met again.", [("Baltic states", None, None)]),
    ("Warships sailed into the Black Sea and the Strait of Hormuz.", [("Black Sea", None, None), ("Strait of Hormuz", None, None)]),
    # training grounds
    ("Units trained at the Brestsky training ground.", [("Brestsky training ground", "facility", None)]),
    # borders in their usual forms
    ("Troops gathered along the Poland–Belarus border.", [("Poland–Belarus border", "border", "POL")]),
    ("Patrols increased near the Polish border.", [("Polish border", "border", "POL")]),
    ("Belarus' western and southern borders were closed.", [("Belarus' western and southern borders", "border", "BLR")]),
    ("Drills were held close to Minsk's border with Ukraine.", [("Minsk's border with Ukraine", "border", "BLR")]),
    # datelines in capitals, state abbreviations after a town
    ("LONDON (Wire) - Markets fell.", [("LONDON", None, None)]),
    ("Police in Glasgow, Ky. said the road was closed.", [("Glasgow", None, None), ("Ky.", "region", None)]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_recognises_places_and_their_context(text: str, expected: list) -> None:
    assert spans(text) == expected


NOT_PLACES = [
    "Reading is what she likes best on Sundays.",  # a common word at a sentence start
    "Of course they came back.",
    "President Jackson visited the troops.",  # a title makes a person
    "Senator Warren asked a question.",
    "The Defense Ministry said the drills were routine.",
    "Hillary Clinton spoke first.",  # a surname that is also a town
    "Steele said the numbers were wrong.",  # people speak, small towns rarely do
    "The army fired Iskander missiles.",  # a product named like a town
    "NATO allies were briefed on Monday in March.",  # acronyms, days and months
    "It was a nice day, she said.",
    "Naval units and Marines trained together.",  # military words, not the towns of those names
]


@pytest.mark.parametrize("text", NOT_PLACES)
def test_rejects_what_only_looks_like_a_place(text: str) -> None:
    assert spans(text) == []


def test_a_name_seen_as_a_person_stays_a_person() -> None:
    text = "Bill Steele runs the farm. Later, Steele drove to Dallas."
    assert spans(text) == [("Dallas", None, None)]


def test_acronym_before_a_place_keeps_the_place() -> None:
    assert spans("She told CTV Winnipeg about it.") == [("Winnipeg", None, None)]


def test_lowercase_use_marks_a_common_word() -> None:
    # "Mission" is a town somewhere; written in lower case in the same text it is just a word.
    assert spans("Mission accomplished. The mission was long.") == []


def test_two_facilities_sharing_one_plural_noun() -> None:
    text = "Crews fired at the Gozhsky and Lepelsky ranges, then at the Kurgan firing range."
    assert spans(text) == [
        ("Gozhsky", "facility", None),
        ("Lepelsky ranges", "facility", None),
        ("Kurgan firing range", "facility", None),
    ]


def test_a_mountain_range_is_not_a_facility() -> None:
    assert all(hint != "facility" for _, hint, _ in spans("Snow fell on the Rocky Mountain range."))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name with an edition number is an exercise or an event, here and elsewhere in the text
        ("Sea Breeze began on Monday. Sea Breeze 2021 ended in Odesa.", [("Odesa", None, None)]),
        ("Crews of Aurora 23 trained in Sweden.", [("Sweden", None, None)]),
        # but a place inside a longer event name keeps its meaning elsewhere
        ("Defender Europe 21 moved troops across Europe.", [("Europe", None, None)]),
        # military units and pronouns are not towns
        ("The Pacific Fleet sailed. Her crew waved.", [("Pacific", None, None)]),
        # a possessive inside an official name
        ("Envoys of the People's Republic of China arrived.", [("People's Republic of China", None, None)]),
        # a headline's capitals before a facility name
        ("Minister Visits Mulino Training Ground", [("Mulino Training Ground", "facility", None)]),
        # counties the gazetteer does not know are still regions
        ("Deputies in Zzyzxton County responded.", [("Zzyzxton County", "region", None)]),
    ],
)
def test_news_conventions(text: str, expected: list) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Officials said Murphy would decide.",  # a surname alone
        "Later, Henry joined them.",  # a given name alone
        "El Niño brought rain.",  # a weather pattern
        "President George H. W. Bush spoke.",  # Būsh (Egypt) is spelt otherwise
    ],
)
def test_lone_personal_names_are_not_small_towns(text: str) -> None:
    assert spans(text) == []


def test_a_big_city_named_like_a_person_stays_a_place() -> None:
    assert spans("Flights to Houston resumed.") == [("Houston", None, None)]
