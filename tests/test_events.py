"""Exercise extraction rules, tested on sentences written for these tests.

Places come from a small hand-made table instead of the recogniser, so each
test shows one rule of news language and nothing else.
"""

import re
from datetime import date

import pytest

from geo.core.model import Article, EventLocation, Evidence, Exercise, Place, PlaceMention, Toponym
from geo.events import (
    extract_exercises,
    extract_milestones,
    find_names,
    merge_exercises,
    name_key,
    split_edition,
    split_sentences,
)


def _country(name: str, code: str, lon: float, lat: float) -> Place:
    return Place(name, "country", lon, lat, code, geometry_key=f"country:{code}")


BELARUS = _country("Belarus", "BLR", 28.0, 53.5)
RUSSIA = _country("Russia", "RUS", 100.0, 60.0)
POLAND = _country("Poland", "POL", 19.5, 52.0)
LITHUANIA = _country("Lithuania", "LTU", 24.0, 55.1)
UKRAINE = _country("Ukraine", "UKR", 32.0, 49.0)
CHINA = _country("China", "CHN", 105.0, 35.0)
KAZAKHSTAN = _country("Kazakhstan", "KAZ", 67.0, 48.0)
ARMENIA = _country("Armenia", "ARM", 45.0, 40.0)
KYRGYZSTAN = _country("Kyrgyzstan", "KGZ", 75.0, 41.0)
MONGOLIA = _country("Mongolia", "MNG", 103.0, 46.0)
SERBIA = _country("Serbia", "SRB", 21.0, 44.0)
IRAN = _country("Iran", "IRN", 53.0, 32.0)
PLACES: dict[str, tuple[Place, str | None]] = {
    "Belarus": (BELARUS, None),
    "Belarusian": (BELARUS, "demonym"),
    "Russia": (RUSSIA, None),
    "Russian": (RUSSIA, "demonym"),
    "Poland": (POLAND, None),
    "Lithuania": (LITHUANIA, None),
    "Ukraine": (UKRAINE, None),
    "China": (CHINA, None),
    "Chinese": (CHINA, "demonym"),
    "Kazakhstan": (KAZAKHSTAN, None),
    "Armenia": (ARMENIA, None),
    "Armenian": (ARMENIA, "demonym"),
    "Kyrgyzstan": (KYRGYZSTAN, None),
    "Mongolia": (MONGOLIA, None),
    "Serbia": (SERBIA, None),
    "Iran": (IRAN, None),
    "Brest": (Place("Brest", "city", 23.7, 52.1, "BLR"), None),
    "Vienna": (Place("Vienna", "city", 16.37, 48.21, "AUT"), None),
    "Sevastopol": (Place("Sevastopol", "city", 33.5, 44.6, "UKR"), None),
    "Moskva": (Place("Moscow", "city", 37.6, 55.75, "RUS"), None),
    "Gorokhovets": (Place("Gorokhovets", "city", 42.7, 56.2, "RUS"), None),
    "Sea of Japan": (Place("Sea of Japan", "sea", 135.0, 40.0), None),
    "Grodno": (Place("Grodno", "city", 23.8, 53.7, "BLR"), None),
    "Caspian Sea": (Place("Caspian Sea", "sea", 51.0, 42.0), None),
    "Astana": (Place("Astana", "city", 71.4, 51.2, "KAZ"), None),
    "east of Astana": (Place("east of Astana", "region", 73.0, 51.2, "KAZ"), None),
}


def toponyms_for(text: str) -> list[Toponym]:
    """Every occurrence of a table name, longest names first, as the recogniser would give them."""
    found: list[Toponym] = []
    taken: list[tuple[int, int]] = []
    for name in sorted(PLACES, key=len, reverse=True):
        place, hint = PLACES[name]
        for match in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])", text):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            taken.append((match.start(), match.end()))
            found.append(Toponym(PlaceMention(name, match.start(), match.end(), hint), place))
    return sorted(found, key=lambda t: t.mention.start)


def extract(text: str, published: date | None = None) -> list[Exercise]:
    article = Article(path="test.txt", text=text, published=published)
    return extract_exercises(article, toponyms_for(text))


def drill_names(exercise: Exercise) -> set[str]:
    return {loc.place.name for loc in exercise.drill_locations()}


def context_names(exercise: Exercise) -> set[str]:
    return {loc.place.name for loc in exercise.locations if loc.role == "context"}


# ---------------------------------------------------------------- sentences and names


def test_split_sentences_keeps_abbreviations_and_offsets() -> None:
    text = "The drills run until Feb. 20 near Brest. Lt. Col. Ivanov said U.S. Army units watched.\nHeading line"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "The drills run until Feb. 20 near Brest.",
        "Lt. Col. Ivanov said U.S. Army units watched.",
        "Heading line",
    ]
    assert all(text[s.start:s.end] == s.text for s in sentences)


@pytest.mark.parametrize(
    "name, key, base, edition",
    [
        ("Iron Shield 2023", "iron shield 2023", "iron shield", "2023"),
        ("Iron Shield-23", "iron shield 2023", "iron shield", "2023"),
        ("Iron Shield – 2023", "iron shield 2023", "iron shield", "2023"),
        ("the Iron Shield exercise", "iron shield", "iron shield", None),
        ("Coastal Guard 2025B", "coastal guard 2025b", "coastal guard", "2025b"),
        ("Ring of the Pacific", "ring of pacific", "ring of pacific", None),  # "-ic" is no Roman numeral
        ("Union Shield XII", "union shield xii", "union shield", "xii"),
    ],
)
def test_name_key_and_edition(name: str, key: str, base: str, edition: str | None) -> None:
    assert name_key(name) == key
    assert split_edition(key) == (base, edition)


@pytest.mark.parametrize(
    "text, expected",
    [
        ('The drills, dubbed "Iron Shield 2023", began on Monday.', ["Iron Shield 2023"]),
        ("The manoeuvres, code-named Northern Wind, will test air defences.", ["Northern Wind"]),
        ("Troops took part in the Silver Arrow joint exercises near Brest.", ["Silver Arrow"]),
        ("The navy held the multinational exercise Coastal Guard 2025B at sea.", ["Coastal Guard 2025B"]),
        ("Steppe Hawk-22 drills began in Belarus.", ["Steppe Hawk-22"]),
        ("The Green Meadow, or Luga, exercise ended on Friday.", ["Green Meadow"]),
        ("Amber Gate is the alliance's main annual exercise.", ["Amber Gate"]),
        ("Known as “Red Harbour,” the drill will test landings.", ["Red Harbour"]),
        # an edition in another calendar; a name opened by "Union" (but "Union State" is an institution)
        ("Iran's navy staged a drill, called Velayat-1403, in the Gulf.", ["Velayat-1403"]),
        ("Troops joined the Union Shield exercise.", ["Union Shield"]),
        ("The Union State exercise began.", []),
        # an owner's possessive is no part of the name
        ("The alliance's Iron Shield 2024 exercise began on Monday.", ["Iron Shield 2024"]),
        ("NATO's Iron Shield 2024 exercise began on Monday.", ["Iron Shield 2024"]),
        ("The Kremlin said Russia's Steppe Hawk-22 drills began.", ["Steppe Hawk-22"]),
        # quoted next to the exercise word: a name even when a town has it too
        ('The "Astana" (Capital) exercises will take place in September.', ["Astana"]),
        # a one-digit or one-numeral edition stays with the name
        ('A naval exercise called "Coral Gate 7" was held at sea.', ["Coral Gate 7"]),
        ("The air exercise dubbed as Falcon V kicked off on Monday.", ["Falcon V"]),
        # a capitalised "Exercise" after the name; a dedication to a person is no name
        ("The navy is carrying out the Amber Gate Exercise this week.", ["Amber Gate"]),
        ('The army began the Exercise "Supreme Commander Ivan Petrov 2021" on Friday.', []),
        # two names joined by a slash (each side's name for a joint exercise) are one name
        ("The joint exercise KAVKAZ/HARMONY-2022 ended on Friday.", ["KAVKAZ/HARMONY-2022"]),
        ("The Steppe Hawk/Amber Gate 2023 drills began.", ["Steppe Hawk/Amber Gate 2023"]),
        # no name at all
        ("Naval drills began in the north on Monday.", []),
        ("Russian-Belarusian joint exercises began near Grodno.", []),
        ("Officials of the so-called Vienna Group discussed the drills.", []),
        ("Su-35 jets and S-400 systems were used in the exercise.", []),
        ("Russia And Belarus Hold Joint Exercises Near The Border", []),
        ("The 14th Sino-Russian joint naval exercise ended.", []),
        ("Marines joined the Indo-US joint army exercise.", []),
    ],
)
def test_find_names(text: str, expected: list[str]) -> None:
    assert [m.name for m in find_names(text, toponyms_for(text))] == expected


# ---------------------------------------------------------------- one article, every fact

STORY = (
    "Russia on Thursday is set to begin 12 days of joint military exercises with its ally Belarus. "
    "The drills, dubbed \"Iron Shield 2022\", will run until March 20. "
    "About 20,000 Russian troops with Iskander missiles and Su-34 jets will take part, according to officials. "
    "The exercises will take place near Brest, just a few kilometres from the border of Poland. "
    "Foreign ministers met in Vienna on Wednesday to discuss the drills."
)


def test_a_full_report() -> None:
    [exercise] = extract(STORY, date(2022, 3, 10))
    assert exercise.name == "Iron Shield 2022"
    assert (exercise.start, exercise.end) == (date(2022, 3, 10), date(2022, 3, 20))
    assert exercise.participants == ("BLR", "RUS")
    assert [(t.count, t.text) for t in exercise.troops] == [(20000, "About 20,000 Russian troops")]
    assert {"Iskander", "Su-34"} <= set(exercise.equipment)
    assert drill_names(exercise) == {"Brest"}
    assert {"Poland", "Vienna"} <= context_names(exercise)
    brest = next(loc for loc in exercise.locations if loc.place.name == "Brest")
    assert brest.evidence.sentence.startswith("The exercises will take place near Brest")
    assert STORY[brest.evidence.start:brest.evidence.end] == brest.evidence.sentence


def test_without_an_article_date_relative_dates_stay_unknown() -> None:
    [exercise] = extract(STORY, None)
    # "on Thursday" cannot be placed; "until March 20" takes its year from "Iron Shield 2022"
    assert (exercise.start, exercise.end) == (None, date(2022, 3, 20))


@pytest.mark.parametrize(
    "text, published, start, end",
    [
        # start from a weekday, end from a stated length (the first day counts)
        ("China and Kazakhstan have begun joint drills, known as \"Steppe Eagle\", on Monday, "
         "which will last for 11 days.", date(2024, 6, 4), date(2024, 6, 3), date(2024, 6, 13)),
        # an approximate length gives no end
        ("China and Kazakhstan began the Steppe Eagle drills on Monday; they will span roughly 10 days.",
         date(2024, 6, 4), date(2024, 6, 3), None),
        # "yesterday embarked upon" starts; "which will continue until Friday" ends
        ("Kazakhstan and China yesterday embarked upon the Steppe Eagle joint military exercise. The exercises, "
         "which will continue until Friday, are taking place near Astana.", date(2024, 6, 4),
         date(2024, 6, 3), date(2024, 6, 7)),
        # "from today, Friday, until Sunday, the 9th"
        ("Kazakhstan is carrying out the Steppe Eagle military exercise —from today, Friday, until Sunday, the 9th.",
         date(2024, 6, 7), date(2024, 6, 7), date(2024, 6, 9)),
        # "from 8 a.m. to 6 p.m. on Tuesday" gives the hours of one day, not the exercise's first day
        ("Kazakhstan announced on Monday that it had commenced the Steppe Eagle military drills. Live-fire "
         "exercises will be conducted from 8 a.m. to 6 p.m. on Tuesday near Astana.", date(2024, 6, 3),
         date(2024, 6, 3), None),
        # "wrapped up" governs a date after a long place phrase
        ("The joint exercise Steppe Eagle wrapped up at the combined-arms training base of the Army in Astana "
         "on Friday.", date(2024, 6, 8), None, date(2024, 6, 7)),
        # the closing day's live-fire drill and ceremony are not the exercise's first day
        ("The joint exercise Steppe Eagle wrapped up at the training base in Astana on Friday. The live-fire drill "
         "kicked off at about 9:00 in the morning of June 7. The closing ceremony of the exercise was held in the "
         "afternoon of June 7.", date(2024, 6, 8), None, date(2024, 6, 7)),
        # but a live-fire drill that starts on another day than the end still starts the exercise
        ("The Steppe Eagle exercise ended on Friday. The live-fire drill kicked off on Tuesday.",
         date(2024, 6, 8), date(2024, 6, 4), date(2024, 6, 7)),
        # after a sentence about another, finished exercise, "the bilateral exercise" is that one
        ("The Steppe Eagle exercise will be held from 17 to 24 February 2023. It comes a few days after China and "
         "Russia concluded a joint exercise in the Sea of Japan. Held between 21 and 27 December, the bilateral "
         "exercise aimed at showing joint capabilities.", date(2023, 1, 9), date(2023, 2, 17), date(2023, 2, 24)),
        # a range given to a count of drills dates the parts as a group, not the named exercise
        ("The Steppe Eagle 2024 exercise will begin in Kazakhstan on Monday. From 3 to 9 June, four joint drills "
         "will be held in the country.", date(2024, 6, 3), date(2024, 6, 3), None),
        # a range with its year
        ("The Steppe Eagle exercise will be held from 3 to 9 August 2021 near Astana.", None,
         date(2021, 8, 3), date(2021, 8, 9)),
        # the year comes from the name when the article has no date
        ("The Steppe Eagle 2019 exercise started on May 4 near Astana.", None, date(2019, 5, 4), None),
        # a date tied to "said" is not the exercise's
        ("The ministry said on Tuesday that the Steppe Eagle drills would be large.", date(2024, 6, 4), None, None),
        # the end and a length give the start, when no other start is written
        ("The fortnight-long Steppe Eagle exercise concluded on Saturday.", date(2018, 9, 29),
         date(2018, 9, 16), date(2018, 9, 29)),
        # a single-day patrol
        ("China and Russia carried out a joint air patrol over the Sea of Japan on Tuesday, the ministry said.",
         date(2023, 6, 6), date(2023, 6, 6), date(2023, 6, 6)),
        # "has begun ..., the ministry said on Tuesday": it began on the day of the report
        ("A snap inspection of the Belarusian army has begun, the ministry said on Tuesday.",
         date(2022, 12, 13), date(2022, 12, 13), None),
        # the simple present announces: "end on Thursday" is the coming Thursday, whatever "said" follows
        ("The Steppe Eagle drills began on Friday. The drills end on Thursday, the ministry said.",
         date(2024, 6, 9), date(2024, 6, 7), date(2024, 6, 13)),
        # a day of another edition or of another event is not this exercise's
        ("The Steppe Eagle 2023 exercise is held every two years; the previous one, on June 3, 2021, was small.",
         date(2023, 9, 6), None, None),
        ("The Steppe Eagle drills began on Monday, a day after talks in Astana on Sunday ended.",
         date(2023, 9, 6), date(2023, 9, 4), None),
        # "said the drills ... took place on Thursday and Friday": the days are the drill's, first to last
        ('The army said the drills, dubbed "Steppe Eagle", took place near Astana on Thursday and Friday.',
         date(2024, 6, 8), date(2024, 6, 6), date(2024, 6, 7)),
    ],
)
def test_dates_tied_to_their_clause(text: str, published: date | None, start: date | None, end: date | None) -> None:
    [exercise] = extract(text, published)
    assert (exercise.start, exercise.end) == (start, end)


# ---------------------------------------------------------------- participants


@pytest.mark.parametrize(
    "text, expected",
    [
        ("China and Kazakhstan have begun the Steppe Eagle drills.", ("CHN", "KAZ")),
        ("The Steppe Eagle drills by Belarusian and Russian troops began.", ("BLR", "RUS")),
        ("Troops from Armenia, Kazakhstan and Kyrgyzstan will take part in the Steppe Eagle exercise. "
         "Mongolia and Serbia were invited to attend as observers.", ("ARM", "KAZ", "KGZ")),
        ("Armenia and Kyrgyzstan will join the Steppe Eagle exercise, but Iran has yet to commit.",
         ("ARM", "KGZ")),
        # observers in a later clause of the same sentence are only theirs
        ("The Steppe Eagle drills began. Troops from Armenia, Kazakhstan and Kyrgyzstan took part, while "
         "observers from Serbia watched.", ("ARM", "KAZ", "KGZ")),
        ("Russia began the Steppe Eagle drills, according to Serbia. Ukraine said it was worried by the drills.",
         ("RUS",)),
        ("The Steppe Eagle drills coincided with Armenian President Ivanyan's visit.", ()),
        ("The Steppe Eagle drills began. Bombers from Armenia and Serbia will join the troops.", ("ARM", "SRB")),
        ("Kazakhstan began the Steppe Eagle drills. Iran will not be allowed to join the drills.", ("KAZ",)),
        ("The participation of partner countries, such as Armenia and Serbia, marks the Steppe Eagle drills.",
         ("ARM", "SRB")),
        # a sentence set in an earlier year tells of another exercise
        ("China and Kazakhstan began the Steppe Eagle drills in 2024. In 2016, China conducted a joint exercise "
         "with Iran and Mongolia.", ("CHN", "KAZ")),
        # a "Defence Force" named after its demonym takes part
        ("This Armenian National Defence Force has confirmed its participation in the Steppe Eagle exercise with "
         "China.", ("ARM", "CHN")),
        # "the 12 nations are X, Y and Z" names the participants without an exercise word
        ("The Steppe Eagle exercise began, in which five partner states take part. According to the army, the "
         "five nations are Armenia, Serbia, Mongolia, Kyrgyzstan and Iran.",
         ("ARM", "IRN", "KGZ", "MNG", "SRB")),
        # the subject that hosts takes part; the places of its "additional events" do not
        ("Kazakhstan will host the Steppe Eagle military exercise. Kazakhstan will host activities mainly in Astana, "
         "with additional events in Kyrgyzstan and Mongolia.", ("KAZ",)),
        # forces travelling to a country to take part: it is the drill's place, and as the host takes part
        ("Armenian troops departed Yerevan in May for the country of Kazakhstan to participate in the Steppe Eagle "
         "exercise.", ("ARM", "KAZ")),
        # a force with a capitalised name; a country drilled around is no host
        ("The Chinese People's Liberation Army began the Steppe Eagle drills in the waters around Kazakhstan.",
         ("CHN",)),
        ("Armenia held the Steppe Eagle drills in Kazakhstan.", ("ARM", "KAZ")),
        ("His counterparts from Armenia and Serbia will discuss military deployments and the Steppe Eagle drills.",
         ()),
    ],
)
def test_participants(text: str, expected: tuple[str, ...]) -> None:
    [exercise] = extract(text, date(2024, 6, 4))
    assert exercise.participants == expected


# ---------------------------------------------------------------- drill sites and context


@pytest.mark.parametrize(
    "text, drill, context",
    [
        ("The Steppe Eagle exercise will take place near Brest.", {"Brest"}, set()),
        ("The Steppe Eagle exercise takes place at the Gorokhovets training ground.", {"Gorokhovets"}, set()),
        ("The Steppe Eagle drills were held 40 km from Grodno.", set(), {"Grodno"}),
        ("The Steppe Eagle drills will be held near Brest, and ministers met in Vienna.", {"Brest"}, {"Vienna"}),
        ("The fleet's flagship Moskva sailed for the Steppe Eagle drills from Sevastopol.", set(),
         {"Moscow", "Sevastopol"}),
        ("The Steppe Eagle drills are run by a staff headquartered in Astana.", set(), {"Astana"}),
        ("In the Caspian Sea, ships will practise landings during the Steppe Eagle drills.", {"Caspian Sea"}, set()),
        ("The Steppe Eagle exercise will be held in Brest and Grodno as well as in Astana.",
         {"Brest", "Grodno", "Astana"}, set()),
        ("Russian troops arrived for the Steppe Eagle exercise.", set(), {"Russia"}),
        ("The Steppe Eagle exercise deepens cooperation between China and Kazakhstan.", set(), {"China", "Kazakhstan"}),
        ("Troops moved to Grodno for the Steppe Eagle drills.", {"Grodno"}, set()),
        # the recogniser may keep a direction phrase whole: it still opens a place phrase
        ("The Steppe Eagle exercise was held east of Astana.", {"east of Astana"}, set()),
        ("The Steppe Eagle drills include the deployment of air defences and bridging operations across the "
         "Caspian Sea.", {"Caspian Sea"}, set()),
        ("The Steppe Eagle drills come amid Russia's assault on Armenia.", set(), {"Armenia"}),
        ("The Steppe Eagle drills will take place near Brest, as well as in and around the Caspian Sea.",
         {"Brest", "Caspian Sea"}, set()),
        ("The Steppe Eagle drills started in 2004 under a programme of the Grodno garrison.", set(), {"Grodno"}),
        # an infinitive or a date range before the site is no "to"/"from" phrase: the last preposition counts
        ("The Steppe Eagle exercise is scheduled to take place at the Gorokhovets training ground.",
         {"Gorokhovets"}, set()),
        ("The Steppe Eagle drills will run from 8 to 20 May at the Gorokhovets training ground.",
         {"Gorokhovets"}, set()),
        ("Troops returned from the Gorokhovets training ground after the Steppe Eagle drills.",
         set(), {"Gorokhovets"}),
        # an appositive locating a site names no second site
        ("The Steppe Eagle drills were held at the Gorokhovets training ground, near Astana.",
         {"Gorokhovets"}, {"Astana"}),
        ("The Steppe Eagle drills were held at the Gorokhovets training ground, east of Astana.",
         {"Gorokhovets"}, {"east of Astana"}),
        ("The Steppe Eagle drills were held in Brest, 40 km west of Grodno.", {"Brest"}, {"Grodno"}),
        ("The Steppe Eagle drills were held in Brest, Grodno and Astana.", {"Brest", "Grodno", "Astana"}, set()),
        ("The Steppe Eagle drills will be held in Kazakhstan, near Astana.", {"Kazakhstan", "Astana"}, set()),
        # a place phrase that another verb governs is where that happened
        ("The Steppe Eagle drills, announced in Astana last month, started near Brest.", {"Brest"}, {"Astana"}),
        ("The Steppe Eagle drills, approved in Astana, will be held near Grodno.", {"Grodno"}, {"Astana"}),
        # a capital that speaks is a government, not a site
        ("The Steppe Eagle exercise will be held in Kazakhstan and Armenia, Astana said.",
         {"Kazakhstan", "Armenia"}, {"Astana"}),
        # an era named in an appositive is no other event
        ("The Steppe Eagle exercise, the largest since the Cold War, will take place across Kazakhstan.",
         {"Kazakhstan"}, set()),
        ("The Steppe Eagle drills come as the war in Ukraine goes on near Brest.", set(), {"Brest"}),
    ],
)
def test_drill_sites_and_context(text: str, drill: set[str], context: set[str]) -> None:
    [exercise] = extract(text, date(2024, 6, 4))
    assert drill_names(exercise) == drill
    assert context <= context_names(exercise)


def test_places_outside_exercise_sentences_are_context_of_the_main_exercise() -> None:
    text = "Russia began the Iron Shield 2022 drills near Brest. Ministers of Serbia met in Vienna."
    [exercise] = extract(text, date(2022, 2, 10))
    assert drill_names(exercise) == {"Brest"}
    assert {"Serbia", "Vienna"} <= context_names(exercise)


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("China joined the Shanghai Cooperation Organization in June.", len("China joined the Shanghai"), True),
        ("Kazakhstan told the Astana Daily News on Monday.", len("Kazakhstan told the Astana"), True),
        ("A lecturer at Vienna University said so.", len("A lecturer at Vienna"), True),
        ("Ships of the Caspian Sea Flotilla sailed.", len("Ships of the Caspian Sea"), True),
        ("Troops reached Brest on Monday.", len("Troops reached Brest"), False),
        ("Troops reached Brest and Grodno.", len("Troops reached Brest"), False),
        ("Troops reached Brest Oblast.", len("Troops reached Brest"), False),
    ],
)
def test_a_place_inside_an_organisations_name(text: str, end: int, expected: bool) -> None:
    from geo.events import names_an_organisation

    assert names_an_organisation(text, end) is expected


def test_a_place_inside_an_organisations_name_is_not_drawn() -> None:
    text = ("Belarus began the Iron Shield 2024 drills near Brest. Days earlier Belarus joined the "
            "Vienna Cooperation Organization, the Astana Morning Post reported, citing ministers in Vienna.")
    [exercise] = extract(text, date(2024, 7, 9))
    assert drill_names(exercise) == {"Brest"}
    places = {loc.place.name: loc.evidence.sentence for loc in exercise.locations if loc.role == "context"}
    assert "Astana" not in places  # only ever the newspaper's name
    assert "citing ministers in Vienna" in places["Vienna"]  # the city named as a city stays


def test_a_continent_is_a_drill_area_but_never_a_context_dot() -> None:
    europe = Place("Europe", "region", 9.1, 48.7)  # no country, no outline: a conventional point
    text = "The Steppe Eagle drills were held across Europe. Brest officials said Europe was calm."
    toponyms = [Toponym(PlaceMention("Europe", m.start(), m.end()), europe) for m in re.finditer("Europe", text)]
    toponyms += [Toponym(PlaceMention("Brest", text.index("Brest"), text.index("Brest") + 5), PLACES["Brest"][0])]
    [exercise] = extract_exercises(Article(path="t.txt", text=text, published=date(2024, 6, 4)),
                                   sorted(toponyms, key=lambda t: t.mention.start))
    assert drill_names(exercise) == {"Europe"}
    later = [loc for loc in exercise.locations if loc.place.name == "Europe" and loc.role == "context"]
    assert later == []

    text = "The Steppe Eagle drills were held near Brest. Europe was calm."
    toponyms = toponyms_for(text) + [Toponym(PlaceMention("Europe", text.index("Europe"), text.index("Europe") + 6),
                                              europe)]
    [exercise] = extract_exercises(Article(path="t.txt", text=text, published=date(2024, 6, 4)),
                                   sorted(toponyms, key=lambda t: t.mention.start))
    assert drill_names(exercise) == {"Brest"} and "Europe" not in context_names(exercise)


def test_a_border_shared_with_several_neighbours_gives_one_border_each() -> None:
    text = ("The Iron Shield 2022 exercises will take place on Belarus' western border, "
            "which it shares with Poland and Lithuania.")
    [exercise] = extract(text, date(2022, 2, 10))
    borders = {loc.place.name for loc in exercise.drill_locations() if loc.place.kind == "border"}
    assert borders == {"Belarus–Poland border", "Belarus–Lithuania border"}
    assert "Poland" not in drill_names(exercise)


# ---------------------------------------------------------------- several exercises in one article


def test_another_countrys_own_drills_are_a_separate_unnamed_exercise() -> None:
    text = ("Russia and Belarus began the Iron Shield 2022 drills on Thursday. "
            "Ukraine will also start its own military drills lasting ten days on Thursday.")
    exercises = extract(text, date(2022, 2, 10))
    by_name = {e.name: e for e in exercises}
    assert by_name["Iron Shield 2022"].participants == ("BLR", "RUS")
    assert by_name[None].participants == ("UKR",)
    assert (by_name[None].start, by_name[None].end) == (date(2022, 2, 10), date(2022, 2, 19))
    assert drill_names(by_name[None]) == {"Ukraine"}  # no place named: its own drills are at home


def test_two_named_exercises_in_one_sentence_keep_their_own_facts() -> None:
    text = ("Belarus began its Blue Arrow exercise on Oct. 10, "
            "and Russia launched its Grey Thunder drills on Oct. 17.")
    exercises = {e.name: e for e in extract(text, date(2022, 10, 20))}
    assert exercises["Blue Arrow"].start == date(2022, 10, 10)
    assert exercises["Grey Thunder"].start == date(2022, 10, 17)
    assert exercises["Grey Thunder"].participants == ("RUS",)


@pytest.mark.parametrize(
    "text",
    [
        "Ministers met in Vienna on Tuesday to discuss trade.",
        "A police patrol found the car near Grodno on Monday.",
        "Pupils in Brest held a fire drill on Friday.",
        "Doctors say daily exercise lowers the risk of heart disease.",
        "Officers from Operation Falcon 2 arrested three men in Vienna.",
    ],
)
def test_no_military_exercise_no_exercise(text: str) -> None:
    assert extract(text, date(2024, 1, 2)) == []


# ---------------------------------------------------------------- merging across articles

EVIDENCE = Evidence("a.txt", "s.", 0, 2)


def _exercise(name: str | None, start: date | None, participants: tuple[str, ...], path: str) -> Exercise:
    place = Place("Brest", "city", 23.7, 52.1, "BLR")
    return Exercise(
        name=name, start=start, end=None, participants=participants,
        locations=(EventLocation(place, "drill", "Brest", EVIDENCE),),
        sources=(Evidence(path, "s.", 0, 2),), articles=(path,),
    )


@pytest.mark.parametrize(
    "first, second, merged",
    [
        (("Iron Shield 2022", date(2022, 2, 10), ("RUS",)), ("Iron Shield-22", date(2022, 2, 10), ("BLR",)), True),
        (("Iron Shield", date(2022, 2, 10), ("RUS",)), ("Iron Shield 2022", date(2022, 2, 11), ("BLR",)), True),
        (("Iron Shield 2022", date(2022, 2, 10), ("RUS",)), ("Iron Shield 2023", date(2023, 2, 10), ("RUS",)), False),
        ((None, date(2022, 2, 10), ("RUS", "BLR")), (None, date(2022, 2, 11), ("BLR", "RUS")), True),
        (("Anakonda 2016", date(2016, 6, 7), ("POL",)), ("Anaconda-16", date(2016, 6, 6), ("USA",)), True),
        (("Sea Breeze 2021", date(2021, 6, 28), ("UKR",)), ("Sea Shield 2021", date(2021, 6, 28), ("ROU",)), False),
        ((None, date(2022, 2, 10), ("RUS",)), (None, date(2022, 2, 10), ("CHN",)), False),
        ((None, None, ("RUS",)), (None, None, ("RUS",)), False),
    ],
)
def test_merge_exercises(first: tuple, second: tuple, merged: bool) -> None:
    result = merge_exercises([_exercise(*first, "a.txt"), _exercise(*second, "b.txt")])
    assert len(result) == (1 if merged else 2)
    if merged:
        assert result[0].articles == ("a.txt", "b.txt")
        assert result[0].participants == tuple(sorted(set(first[2]) | set(second[2])))
        assert len(result[0].drill_locations()) == 1


def test_merge_keeps_the_name_with_its_edition() -> None:
    result = merge_exercises([
        _exercise("Iron Shield", date(2022, 2, 10), ("RUS",), "a.txt"),
        _exercise("Iron Shield 2022", date(2022, 2, 10), ("RUS",), "b.txt"),
    ])
    assert [e.name for e in result] == ["Iron Shield 2022"]


# ---------------------------------------------------------------- milestones


@pytest.mark.parametrize(
    "text, published, expected",
    [
        ("The drills came days after Belarus joined the Shanghai Cooperation Organisation on Thursday.",
         date(2024, 7, 9), [("Belarus joins Shanghai Cooperation Organisation", date(2024, 7, 4))]),
        ("China and Belarus began the Steppe Eagle drills on Monday, on the eve of NATO's summit in Washington.",
         date(2024, 7, 9), [("NATO summit in Washington", date(2024, 7, 9))]),
        ("Leaders will hold a summit in Madrid to discuss the drills.", date(2024, 7, 9), []),
        ("China and Belarus began the Steppe Eagle drills on Monday, on the eve of NATO's summit in Washington. "
         "The drills began on the eve of NATO's summit.", date(2024, 7, 9),
         [("NATO summit in Washington", date(2024, 7, 9))]),
        ("The foreign ministers met in Astana on Monday, while the Steppe Eagle drills went on.", date(2024, 7, 9),
         []),
        ("The foreign ministers met in Astana on Monday.", date(2024, 7, 9), [("Meeting in Astana", date(2024, 7, 8))]),
        ("Belarus joined the Shanghai Cooperation Organisation on Thursday.", None, []),
    ],
)
def test_milestones_need_a_date_from_the_text(text: str, published: date | None, expected: list) -> None:
    article = Article(path="m.txt", text=text, published=published)
    milestones = extract_milestones(article, toponyms_for(text))
    assert [(m.label, m.day) for m in milestones] == expected


# ---------------------------------------------------------------- editions named in passing


@pytest.mark.parametrize(
    "sentence",
    [
        "It is a drill of the same scale, like Zapad 2017 before it.",
        "Officials said it was larger than the previous Iron Shield 16.",
        "As during the previous—Iron Shield 17—military exercise, the roads will be closed.",
        "Unlike Iron Shield 2019, it will include air units.",
        "The exercise repeats last year's Iron Shield 2021 on a larger scale.",
    ],
)
def test_an_edition_named_only_in_passing_is_no_exercise(sentence: str) -> None:
    text = ("Belarusian and Russian troops began the joint military exercise Union Gate 2022 near Brest "
            f"on 2 March. {sentence} The drills will end on 9 March.")
    exercises = extract(text, date(2022, 3, 3))
    assert [e.name for e in exercises] == ["Union Gate 2022"]
    assert (exercises[0].start, exercises[0].end) == (date(2022, 3, 2), date(2022, 3, 9))


def test_an_edition_with_facts_of_its_own_stays_an_exercise() -> None:
    # named once in passing, once in its own right with a date: both editions are exercises
    text = ("Belarusian and Russian troops began the joint military exercise Union Gate 2022 near Brest on "
            "2 March, like Union Gate 2021 before it. The exercise Union Gate 2021 was held near Grodno "
            "from 4 May to 9 May 2021.")
    names = {e.name for e in extract(text, date(2022, 3, 3))}
    assert {"Union Gate 2022", "Union Gate 2021"} <= names
