"""Edits applied over the pipeline's Dataset (geo.review): each kind, orphans, a re-extraction, merge, split.
The dataset is written by hand here (no geoparsing), so these tests are fast."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from geo.core.model import Article, Dataset, EventLocation, Evidence, Exercise, Place
from geo.review import Edit, EditError, apply_edits, article_hash, current_value, exercise_key, location_key
from geo.review.edits import describe_value, differs, exercise_history

TEXT = ("Belarusian and Russian troops began the Frost Lantern 2031 drills near Grodno on 3 May 2031. "
        "Units also trained at the Brestsky training ground. The ministry in Minsk said so.")
S1 = TEXT.index("Belarusian")
S1_END = TEXT.index("2031. ") + 5
S2 = TEXT.index("Units")
S2_END = TEXT.index("ground.") + 7
S3 = TEXT.index("The ministry")
OTHER = "Polish troops held Iron Quay 2031 in Gdansk on 4 May 2031."

GRODNO = Place("Hrodna", "city", 23.83, 53.68, "BLR", gazetteer_id="geonames:627904")
BREST = Place("Brestsky training ground", "facility", 23.7, 52.1, "BLR")
MINSK = Place("Minsk", "city", 27.56, 53.9, "BLR")
GDANSK = Place("Gdansk", "city", 18.65, 54.35, "POL")


def ev(start: int, end: int, path: str = "frost.txt", text: str = TEXT) -> Evidence:
    return Evidence(path, text[start:end], start, end)


def frost(**changes) -> Exercise:
    base = Exercise(
        name="Frost Lantern 2031", start=date(2031, 5, 3), end=None, participants=("BLR", "RUS"),
        locations=(
            EventLocation(GRODNO, "drill", "Grodno", ev(S1, S1_END), 0.9),
            EventLocation(BREST, "drill", "the Brestsky training ground", ev(S2, S2_END), 0.75),
            EventLocation(MINSK, "context", "Minsk", ev(S3, len(TEXT)), 0.8),
        ),
        sources=(ev(S1, S1_END),), articles=("frost.txt",),
    )
    return replace(base, **changes)


def iron() -> Exercise:
    return Exercise(name="Iron Quay 2031", start=date(2031, 5, 4), end=None, participants=("POL",),
                    locations=(EventLocation(GDANSK, "drill", "Gdansk", ev(0, len(OTHER), "iron.txt", OTHER)),),
                    articles=("iron.txt",))


def dataset(*exercises: Exercise) -> Dataset:
    return Dataset(articles=(Article("frost.txt", TEXT), Article("iron.txt", OTHER)),
                   exercises=exercises or (frost(), iron()))


DATA = dataset()
FROST, IRON = DATA.exercises
KEY_GRODNO = location_key(DATA, FROST, FROST.locations[0])
KEY_BREST = location_key(DATA, FROST, FROST.locations[1])
KEY_MINSK = location_key(DATA, FROST, FROST.locations[2])
KEY_FROST = exercise_key(FROST)


def by_name(data: Dataset, name: str) -> Exercise:
    return next(e for e in data.exercises if e.name == name)


def sites(exercise: Exercise) -> list[tuple[str, str, bool]]:
    return [(loc.place.name, loc.role, loc.verified) for loc in exercise.locations]


CASES = [
    pytest.param(
        Edit("place_role", KEY_BREST, {"role": "context"}, {"role": "drill"}),
        lambda d: sites(by_name(d, "Frost Lantern 2031"))[1] == ("Brestsky training ground", "context", True),
        id="role-only-mentioned"),
    pytest.param(
        Edit("place_role", KEY_MINSK, {"role": "drill"}, {"role": "context"}),
        lambda d: ("Minsk", "drill", True) in sites(by_name(d, "Frost Lantern 2031")), id="role-drill-site"),
    pytest.param(
        Edit("place_role", KEY_GRODNO, {"role": "none"}),
        lambda d: "Hrodna" not in [n for n, _, _ in sites(by_name(d, "Frost Lantern 2031"))], id="role-not-a-place"),
    pytest.param(
        Edit("place_move", KEY_GRODNO, {"lon": 24.0, "lat": 53.5}),
        lambda d: (lambda loc: (loc.place.name, loc.place.lon, loc.place.lat, loc.place.provenance, loc.verified)
                   == ("Hrodna", 24.0, 53.5, "manual", True))(by_name(d, "Frost Lantern 2031").locations[0]),
        id="move-typed-coordinates"),
    pytest.param(
        Edit("place_move", KEY_GRODNO, {"lon": 23.69, "lat": 52.1, "name": "Brest", "kind": "city", "country": "BLR",
                                        "gazetteer_id": "geonames:629634"}),
        lambda d: by_name(d, "Frost Lantern 2031").locations[0].place.gazetteer_id == "geonames:629634",
        id="move-other-candidate"),
    pytest.param(
        Edit("place_add", KEY_FROST, {"place": {"name": "Minsk", "lon": 27.56, "lat": 53.9, "country": "BLR"},
                                      "article": article_hash(TEXT), "span": [S3 + 16, S3 + 21]}),
        lambda d: (lambda loc: (loc.place.name, loc.role, loc.verified, loc.mention, loc.evidence.sentence)
                   == ("Minsk", "drill", True, "Minsk", "The ministry in Minsk said so."))(
            by_name(d, "Frost Lantern 2031").locations[-1]),
        id="add-drill-site"),
    pytest.param(
        Edit("exercise_fields", KEY_FROST, {"name": "Frost Lantern-31", "end": "2031-05-09",
                                            "participants": ["RUS", "BLR", "KAZ"]}),
        lambda d: (lambda e: (e.end, e.participants, e.start) == (date(2031, 5, 9), ("BLR", "KAZ", "RUS"),
                                                                   date(2031, 5, 3)))(by_name(d, "Frost Lantern-31")),
        id="exercise-fields"),
    pytest.param(
        Edit("exercise_merge", KEY_FROST, {"other": exercise_key(IRON)}),
        lambda d: [e.name for e in d.exercises] == ["Frost Lantern 2031"]
        and "Gdansk" in [n for n, _, _ in sites(d.exercises[0])]
        and d.exercises[0].articles == ("frost.txt", "iron.txt"), id="merge"),
    pytest.param(
        Edit("exercise_split", KEY_FROST, {"name": "Brest Shield", "locations": [KEY_BREST]}),
        lambda d: [n for n, _, _ in sites(by_name(d, "Brest Shield"))] == ["Brestsky training ground"]
        and [n for n, _, _ in sites(by_name(d, "Frost Lantern 2031"))] == ["Hrodna", "Minsk"]
        and by_name(d, "Brest Shield").start == date(2031, 5, 3), id="split"),
    pytest.param(
        Edit("exercise_split", KEY_FROST, {"name": "Brest Shield", "locations": [KEY_BREST], "start": "2031-05-07",
                                           "end": "2031-05-09"}),
        lambda d: (by_name(d, "Brest Shield").start, by_name(d, "Brest Shield").end) == (date(2031, 5, 7),
                                                                                         date(2031, 5, 9))
        and by_name(d, "Frost Lantern 2031").start == date(2031, 5, 3), id="split-with-its-own-dates"),
]


@pytest.mark.parametrize(("edit", "check"), CASES)
def test_each_kind_of_edit_applies_over_the_pipeline(edit, check):
    applied, orphans = apply_edits(DATA, [edit])
    assert orphans == []
    assert check(applied)
    assert DATA.exercises == (FROST, IRON)  # pure: the input is untouched


def test_untouched_locations_stay_automatic():
    applied, _ = apply_edits(DATA, [Edit("place_role", KEY_BREST, {"role": "context"})])
    assert [v for _, _, v in sites(by_name(applied, "Frost Lantern 2031"))] == [False, True, False]


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (Edit("place_role", KEY_BREST.replace(article_hash(TEXT), "0" * 16), {"role": "context"}), "mention"),
        (Edit("exercise_fields", "name:zapad", {"end": "2031-01-01"}), "exercise"),
        (Edit("place_add", KEY_FROST, {"place": {"lon": 1, "lat": 2}, "article": "f" * 16, "span": [0, 3]}),
         "article"),
        (Edit("exercise_merge", KEY_FROST, {"other": "name:zapad"}), "merge"),
    ],
)
def test_an_edit_whose_target_is_gone_is_returned_orphaned(edit, reason):
    ok = Edit("place_role", KEY_GRODNO, {"role": "context"})
    applied, orphans = apply_edits(DATA, [edit, ok])
    assert [o.edit for o in orphans] == [edit]
    assert reason in orphans[0].reason
    assert sites(by_name(applied, "Frost Lantern 2031"))[0] == ("Hrodna", "context", True)  # the others still apply


def test_edits_survive_a_pipeline_upgrade():
    """The same article re-extracted: a shorter mention span, other confidences, a new location first,
    the edition written differently. The edits still find their targets."""
    edits = [
        Edit("place_role", KEY_BREST, {"role": "context"}),
        Edit("place_move", KEY_GRODNO, {"lon": 24.0, "lat": 53.5}),
        Edit("exercise_fields", KEY_FROST, {"end": "2031-05-09"}),
    ]
    old = frost()
    upgraded = frost(
        name="Frost Lantern",
        locations=(
            EventLocation(MINSK, "context", "Minsk", ev(S3, len(TEXT)), 0.6),
            replace(old.locations[0], confidence=0.95),
            replace(old.locations[1], mention="Brestsky training ground", confidence=0.8),
        ),
    )
    applied, orphans = apply_edits(dataset(upgraded, iron()), edits)
    assert orphans == []
    exercise = by_name(applied, "Frost Lantern")
    assert sites(exercise) == [("Minsk", "context", False), ("Hrodna", "drill", True),
                               ("Brestsky training ground", "context", True)]
    assert (exercise.locations[1].place.lon, exercise.end) == (24.0, date(2031, 5, 9))


def test_a_later_edit_follows_a_rename_and_a_merge():
    renamed = Edit("exercise_fields", KEY_FROST, {"name": "Frost Shield"})
    merged = Edit("exercise_merge", "name:frost shield", {"other": exercise_key(IRON)})
    moved = Edit("place_role", location_key(DATA, IRON, IRON.locations[0]), {"role": "context"})
    applied, orphans = apply_edits(DATA, [renamed, merged, moved])
    assert orphans == []
    assert [e.name for e in applied.exercises] == ["Frost Shield"]
    assert ("Gdansk", "context", True) in sites(applied.exercises[0])


def test_current_value_and_conflict_test():
    assert current_value(DATA, "place_role", KEY_BREST) == {"role": "drill"}
    assert current_value(DATA, "exercise_fields", KEY_FROST)["participants"] == ["BLR", "RUS"]
    applied, _ = apply_edits(DATA, [Edit("place_role", KEY_BREST, {"role": "context"})])
    assert differs({"role": "drill"}, current_value(applied, "place_role", KEY_BREST))
    assert not differs({"lon": 23.7}, {"lon": 23.7000000001, "lat": 1.0})


@pytest.mark.parametrize(
    ("kind", "after"),
    [("place_role", {"role": "maybe"}), ("place_move", {"lon": 200, "lat": 0}), ("nonsense", {}),
     ("place_add", {"place": {"lon": 1, "lat": 1}}), ("exercise_fields", {"colour": "red"})],
)
def test_a_malformed_edit_is_refused_with_a_typed_error(kind, after):
    with pytest.raises(EditError):
        Edit(kind, KEY_FROST, after)


def test_edit_json_round_trip():
    edit = Edit("place_role", KEY_BREST, {"role": "context"}, {"role": "drill"}, author="ana", note="base", id=3)
    assert Edit.from_json(edit.to_json()) == edit


def two_borders_from_one_phrase() -> tuple[Dataset, EventLocation, EventLocation]:
    border = frost().locations[0]
    poland = replace(border, place=Place("Belarus–Poland border", "border", 23.5, 52.0, "BLR"))
    lithuania = replace(border, place=Place("Belarus–Lithuania border", "border", 25.0, 54.0, "BLR"))
    return dataset(frost(locations=(poland, lithuania))), poland, lithuania


def test_one_phrase_with_several_places_is_edited_place_by_place():
    """"Belarus' western border" gives a border per neighbour, all from the same words."""
    data, poland, lithuania = two_borders_from_one_phrase()
    key = location_key(data, data.exercises[0], lithuania)
    assert key != location_key(data, data.exercises[0], poland)
    applied, orphans = apply_edits(data, [Edit("place_role", key, {"role": "context"})])
    assert orphans == []
    assert sites(applied.exercises[0]) == [("Belarus–Poland border", "drill", False),
                                           ("Belarus–Lithuania border", "context", True)]


def test_an_edit_of_a_removed_place_never_lands_on_its_sibling():
    data, poland, lithuania = two_borders_from_one_phrase()
    key = location_key(data, data.exercises[0], lithuania)
    applied, orphans = apply_edits(data, [Edit("place_role", key, {"role": "none"}),
                                          Edit("place_move", key, {"lon": 1.0, "lat": 2.0})])
    assert [o.edit.kind for o in orphans] == ["place_move"]
    assert sites(applied.exercises[0]) == [("Belarus–Poland border", "drill", False)]
    assert applied.exercises[0].locations[0].place.lon == 23.5


@pytest.mark.parametrize(("kind", "value", "words"), [
    ("place_role", {"role": "context"}, "only mentioned"),
    ("place_role", {"role": "drill"}, "drill site"),
    ("place_role", {"role": "none"}, "not a place"),
    ("place_move", {"lon": 23.7, "lat": 52.1}, "at 52.1000, 23.7000 (lat, lon)"),
    ("place_move", None, "gone (an edit removed it)"),
    ("exercise_fields", {"name": "Frost Lantern", "start": "2031-05-03", "end": None, "participants": ["BLR", "RUS"]},
     "name Frost Lantern; start 2031-05-03; end none; participants BLR, RUS"),
    ("exercise_merge", {"other": "name:iron quay 2031"}, "other name:iron quay 2031"),
])
def test_a_value_in_the_analysts_words(kind, value, words):
    assert describe_value(kind, value) == words


def test_the_history_of_an_exercise_follows_its_renames_merges_and_splits():
    renamed = exercise_key(replace(FROST, name="Frost Lantern-31"))
    rename = Edit("exercise_fields", KEY_FROST, {"name": "Frost Lantern-31"}, id=1)
    role = Edit("place_role", KEY_BREST, {"role": "context"}, id=2)  # keyed by the name it had then
    merge = Edit("exercise_merge", renamed, {"other": exercise_key(IRON)}, id=3)
    split = Edit("exercise_split", renamed, {"name": "Brest Shield", "locations": [KEY_BREST]}, id=4)
    other = Edit("place_role", location_key(DATA, IRON, IRON.locations[0]), {"role": "context"}, id=5)
    edits = [rename, role, other, merge, split]
    assert [e.id for e in exercise_history(edits, renamed)] == [1, 2, 5, 3, 4]
    assert [e.id for e in exercise_history(edits, exercise_key(IRON))] == [5, 3]
    assert [e.id for e in exercise_history(edits, exercise_key(replace(FROST, name="Brest Shield")))] == [4]
    assert exercise_history(edits, "name:nothing") == []


BELARUS = Place("Belarus", "country", 28.03, 53.53, "BLR", geometry_key="country:BLR", gazetteer_id="ne:BLR")


@pytest.mark.parametrize(
    ("before", "after", "kind", "geometry_key"),
    [
        # a country (or any shape) moved to a clicked point is a point: drawn there, labelled, framed
        (BELARUS, {"lon": 23.9, "lat": 52.2}, "point", None),
        (replace(BELARUS, kind="border", geometry_key="border:BLR|POL"), {"lon": 23.6, "lat": 52.3}, "point", None),
        # a town moved by coordinates stays a town
        (GRODNO, {"lon": 24.0, "lat": 53.5}, "city", None),
        # moved onto a named place from the gazetteer: that place's kind
        (BELARUS, {"lon": 23.69, "lat": 52.1, "name": "Brest", "kind": "city"}, "city", None),
        (BELARUS, {"lon": 23.69, "lat": 52.1, "name": "Brest"}, "city", None),
    ],
)
def test_a_moved_place_takes_the_kind_of_where_it_now_is(before, after, kind, geometry_key):
    data = dataset(frost(locations=(EventLocation(before, "drill", "Belarus", ev(S1, S1_END), 0.9),)))
    key = location_key(data, data.exercises[0], data.exercises[0].locations[0])
    applied, orphans = apply_edits(data, [Edit("place_move", key, after)])
    place = applied.exercises[0].locations[0].place
    assert orphans == [] and (place.kind, place.geometry_key) == (kind, geometry_key)
    assert (place.lon, place.lat) == (after["lon"], after["lat"])
    assert place.name == after.get("name", before.name)


def test_a_point_placed_by_an_analyst_is_labelled_and_exported_as_a_facility():
    from geo.render.jsonout import _CONTRACT_KIND
    from geo.render.maplabels import map_labels

    point = Place("Belarus", "point", 23.9, 52.2, "BLR", provenance="manual")
    labels = map_labels(((51.0, 22.0), (54.0, 26.0)), [point])
    assert ("town", "Belarus") in {(label.kind, label.text) for label in labels}
    assert _CONTRACT_KIND["point"] == "facility"  # the CLI contract knows no "point"
