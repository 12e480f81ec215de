"""The review queue (geo.review.queue): what queues and why, worst first; done items leave; the edits
its actions make. Hand-written datasets, no geoparsing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from geo.core.model import Article, Dataset, EventLocation, Evidence, Exercise, Place, PlaceMention, Toponym
from geo.review import EditError, apply_edits
from geo.review.queue import (
    add_site_edit,
    article_places,
    cited_site_edit,
    fields_edit,
    move_edit,
    other_candidates,
    parse_point,
    phrase_places,
    reason_counts,
    reason_label,
    review_queue,
    role_edit,
    search_places,
    split_edit,
    with_reasons,
)

TEXT = ("Belarusian and Russian troops held Frost Lantern 2031 near Grodno and in Belarus. "
        "Ships sailed off Vladivostok. Officials in <b>Minsk</b> & Moscow spoke.")


def ev(words: str) -> Evidence:
    at = TEXT.index(words)
    start = TEXT.rfind(". ", 0, at) + 2 if ". " in TEXT[:at] else 0
    end = TEXT.index(".", at) + 1
    return Evidence("a.txt", TEXT[start:end], start, end)


def loc(name, kind, lon, lat, role="drill", country="BLR", mention=None, place_conf=0.9, role_conf=0.9):
    mention = mention or name
    return EventLocation(Place(name, kind, lon, lat, country, confidence=place_conf), role, mention, ev(mention),
                         role_conf)


GRODNO = loc("Grodno", "city", 23.83, 53.68)
BELARUS = loc("Belarus", "country", 28.0, 53.5, role_conf=0.4)
VLADIVOSTOK = loc("Vladivostok", "city", 131.9, 43.1, country="RUS", place_conf=0.55)
MINSK = loc("Minsk", "city", 27.56, 53.9, role="context", role_conf=0.5)
FROST = Exercise("Frost Lantern 2031", date(2031, 5, 3), None, ("BLR", "RUS"),
                 (GRODNO, BELARUS, VLADIVOSTOK, MINSK), sources=(ev("Belarusian"),), articles=("a.txt",))
EMPTY = Exercise("Quiet Harbour", None, None, ("RUS",), (), sources=(ev("Ships"),), articles=("a.txt",))
DATA = Dataset(articles=(Article("a.txt", TEXT),), exercises=(FROST, EMPTY))


def queued(data):
    return [(i.exercise.label, i.location.place.name if i.location else None, i.why) for i in review_queue(data)]


def test_queue_lists_each_reason_worst_first():
    rows = queued(DATA)
    assert rows[0] == ("Quiet Harbour", None, "no drill site found; no start date found")
    assert rows[1][1] == "Vladivostok"
    assert rows[1][2].startswith("7,070 km from") and "km from the exercise's nearest other drill site" in rows[1][2]
    assert "another place of that name scored nearly as well (0.55)" in rows[1][2]
    belarus = next(r for r in rows if r[1] == "Belarus")
    assert belarus[2] == ("drill site known only as a whole country; participant Belarus also drawn as the drill "
                          "site; role 'drill site' decided with low confidence (0.40)")
    minsk = next(r for r in rows if r[1] == "Minsk")
    assert minsk[2] == "role 'only mentioned' decided with low confidence (0.50)"
    assert "Grodno" not in [r[1] for r in rows]  # nothing wrong with it
    assert [r[1] for r in rows] == [None, "Vladivostok", "Belarus", "Minsk"]


def test_a_checked_place_leaves_the_queue():
    item = next(i for i in review_queue(DATA) if i.location and i.location.place.name == "Minsk")
    applied, _ = apply_edits(DATA, [role_edit(item, "context", "ana")])  # "looks right": same role, checked
    assert "Minsk" not in [r[1] for r in queued(applied)]
    far = next(i for i in review_queue(DATA) if i.location and i.location.place.name == "Vladivostok")
    applied, _ = apply_edits(DATA, [role_edit(far, "context", "ana")])
    assert "Vladivostok" not in [r[1] for r in queued(applied)]
    assert "Vladivostok" not in [loc.place.name for loc in applied.exercises[0].drill_locations()]


def test_exercise_items_leave_when_fixed():
    empty = next(i for i in review_queue(DATA) if i.location is None)
    grodno = Place("Grodno", "city", 23.83, 53.68, "BLR", gazetteer_id="geonames:627904")
    add = add_site_edit(DATA, empty.exercise, grodno, "ana")
    assert add.after["span"] == [TEXT.index("Grodno"), TEXT.index("Grodno") + 6]
    dates = fields_edit(empty.exercise, "ana", name="Quiet Harbour", start=date(2031, 6, 1))
    assert dates.after == {"start": "2031-06-01"} and dates.before == {"start": None}
    applied, orphans = apply_edits(DATA, [add, dates])
    assert orphans == []
    assert "Quiet Harbour" not in [r[0] for r in queued(applied) if r[1] is None]


def test_the_excerpt_is_the_sentence_with_the_mention_span():
    item = next(i for i in review_queue(DATA) if i.location and i.location.place.name == "Minsk")
    sentence, spans = item.excerpt()
    assert sentence == "Officials in <b>Minsk</b> & Moscow spoke."
    assert [sentence[s:e] for s, e in spans] == ["Minsk"]
    from geo.desk.appdata import highlighted_html  # what the review page draws it with

    shown = highlighted_html(sentence, [(s, e, "#ffe08a", "the mention") for s, e in spans])
    assert shown == ('Officials in &lt;b&gt;<mark style="background:#ffe08a" title="the mention">Minsk</mark>'
                     "&lt;/b&gt; &amp; Moscow spoke.")


@pytest.mark.parametrize(("text", "point"), [("52.1, 23.7", (52.1, 23.7)), ("52.1 23.7", (52.1, 23.7)),
                                             ("-33.9;151.2", (-33.9, 151.2))])
def test_typed_points(text, point):
    assert parse_point(text) == point


@pytest.mark.parametrize("text", ["52.1", "north", "23.7, 200", "95, 10"])
def test_a_bad_point_is_one_line_naming_the_form(text):
    with pytest.raises(EditError, match="lat"):
        parse_point(text)


def test_move_and_field_edits_carry_what_the_analyst_saw():
    item = next(i for i in review_queue(DATA) if i.location and i.location.place.name == "Vladivostok")
    edit = move_edit(item, "43.2, 132.0", "ana")
    assert (edit.before, edit.after) == ({"lon": 131.9, "lat": 43.1}, {"lon": 132.0, "lat": 43.2})
    with pytest.raises(EditError, match="nothing changed"):
        fields_edit(FROST, "ana", name="Frost Lantern 2031", start=date(2031, 5, 3))
    with pytest.raises(EditError, match="before the start"):
        fields_edit(FROST, "ana", start=date(2031, 5, 3), end=date(2031, 5, 1))
    with pytest.raises(EditError, match="exercise"):
        role_edit(next(i for i in review_queue(DATA) if i.location is None), "drill", "ana")


def test_gazetteer_search_by_name():
    found = search_places("Brest")
    assert found and all(p.name == "Brest" for p in found[:2])
    assert {p.country for p in found} >= {"BLR", "FRA"}
    assert search_places("  ") == []


def test_unchanged_pieces_keep_their_keys():
    first = {i.key for i in review_queue(DATA)}
    second = {i.key for i in review_queue(replace(DATA))}
    assert first == second and len(first) == 4


def test_merge_edit_folds_the_other_exercise_in():
    from geo.review.queue import merge_edit

    edit = merge_edit(FROST, EMPTY, "ana")
    applied, orphans = apply_edits(DATA, [edit])
    assert orphans == [] and [e.name for e in applied.exercises] == ["Frost Lantern 2031"]
    assert "Quiet Harbour" not in [r[0] for r in queued(applied)]
    with pytest.raises(EditError, match="itself"):
        merge_edit(FROST, FROST, "ana")


def test_each_item_carries_its_reason_kinds_and_the_filter_counts_them():
    items = review_queue(DATA)
    assert [(i.location.place.name if i.location else i.exercise.label, i.reasons) for i in items] == [
        ("Quiet Harbour", ("no_site", "no_start")),
        ("Vladivostok", ("far", "runner_up")),
        ("Belarus", ("country", "participant", "doubtful_role")),
        ("Minsk", ("doubtful_role",)),
    ]
    counts = reason_counts(items)
    assert counts == {"no_site": 1, "no_start": 1, "far": 1, "country": 1, "participant": 1, "doubtful_place": 0,
                      "runner_up": 1, "doubtful_role": 2}
    assert reason_label("doubtful_role", counts) == "uncertain role (2)"


@pytest.mark.parametrize(("kinds", "shown"), [
    ((), ["Quiet Harbour", "Vladivostok", "Belarus", "Minsk"]),
    (("doubtful_role",), ["Belarus", "Minsk"]),
    (("no_start", "far"), ["Quiet Harbour", "Vladivostok"]),
    (("doubtful_place",), []),
])
def test_the_queue_filtered_by_reason(kinds, shown):
    assert [i.location.place.name if i.location else i.exercise.label
            for i in with_reasons(review_queue(DATA), kinds)] == shown


def test_a_clicked_point_moves_the_place_lon_lat_as_given():
    item = next(i for i in review_queue(DATA) if i.location and i.location.place.name == "Vladivostok")
    edit = move_edit(item, "", "ana", at=(132.01234567, 43.2))
    assert edit.after == {"lon": 132.012346, "lat": 43.2} and edit.before == {"lon": 131.9, "lat": 43.1}
    with pytest.raises(EditError, match="off the globe; click inside the map"):
        move_edit(item, "", "ana", at=(200.0, 43.2))


@pytest.mark.parametrize(("participants", "after"), [
    (["RUS", "BLR", "KAZ"], {"participants": ["BLR", "KAZ", "RUS"]}),
    (["RUS"], {"participants": ["RUS"]}),
    ([], {"participants": []}),
])
def test_participants_are_a_field_of_the_exercise(participants, after):
    edit = fields_edit(FROST, "ana", name=FROST.name, start=FROST.start, participants=participants)
    assert (edit.kind, edit.after, edit.before) == ("exercise_fields", after, {"participants": ["BLR", "RUS"]})
    applied, _ = apply_edits(DATA, [edit])
    assert applied.exercises[0].participants == tuple(after["participants"])


def test_unchanged_participants_are_nothing_to_save():
    with pytest.raises(EditError, match="nothing changed; type a new name, dates or participants"):
        fields_edit(FROST, "ana", name=FROST.name, start=FROST.start, participants=["RUS", "BLR"])


def test_split_takes_the_chosen_places_and_dates_to_a_new_exercise():
    edit = split_edit(DATA, FROST, [VLADIVOSTOK], "Pacific Lantern", "ana", start=date(2031, 5, 10))
    applied, orphans = apply_edits(DATA, [edit])
    assert orphans == []
    new = next(e for e in applied.exercises if e.name == "Pacific Lantern")
    old = next(e for e in applied.exercises if e.name == "Frost Lantern 2031")
    assert [loc.place.name for loc in new.locations] == ["Vladivostok"]
    assert (new.start, new.end) == (date(2031, 5, 10), None)
    assert [loc.place.name for loc in old.locations] == ["Grodno", "Belarus", "Minsk"]
    assert old.start == date(2031, 5, 3)


@pytest.mark.parametrize(("places", "name", "dates", "message"), [
    ([VLADIVOSTOK], " ", {}, "name the new exercise"),
    ([VLADIVOSTOK], "frost lantern 2031", {}, "another name than Frost Lantern 2031"),
    ([], "Pacific Lantern", {}, "pick the places"),
    ([GRODNO, BELARUS, VLADIVOSTOK, MINSK], "Pacific Lantern", {}, "leave at least one place"),
    ([VLADIVOSTOK], "Pacific Lantern", {"start": date(2031, 5, 9), "end": date(2031, 5, 1)}, "swap them"),
])
def test_a_split_that_makes_no_sense_is_refused(places, name, dates, message):
    with pytest.raises(EditError, match=message):
        split_edit(DATA, FROST, places, name, "ana", **dates)


def test_words_picked_from_the_article_are_resolved_offline_and_cited():
    found = phrase_places(DATA, EMPTY, "off  vladivostok")
    first = found[0]
    assert (first.place.name, first.place.country) == ("Vladivostok", "RUS")
    assert (first.words, first.sentence) == ("Vladivostok", "Ships sailed off Vladivostok.")
    assert TEXT[first.start:first.end] == "Vladivostok"  # the words that name it, not "off"
    found = phrase_places(DATA, EMPTY, "Vladivostok")
    edit = cited_site_edit(DATA, EMPTY, found[0].place, found[0].article, (found[0].start, found[0].end), "ana")
    applied, orphans = apply_edits(DATA, [edit])
    assert orphans == []
    added = next(e for e in applied.exercises if e.name == "Quiet Harbour").locations
    assert [(a.place.name, a.role, a.mention, a.evidence.sentence, a.verified) for a in added] == [
        ("Vladivostok", "drill", "Vladivostok", "Ships sailed off Vladivostok.", True)]


@pytest.mark.parametrize("phrase", ["Murmansk", "   "])
def test_words_not_in_the_article_are_refused(phrase):
    with pytest.raises(EditError, match="not in the text of this exercise's articles|type the words"):
        phrase_places(DATA, EMPTY, phrase)


def test_the_places_an_article_names_that_the_exercise_lacks():
    at = TEXT.index("Moscow")
    moscow = Place("Moscow", "city", 37.62, 55.75, "RUS")
    toponyms = (Toponym(PlaceMention("Grodno", TEXT.index("Grodno"), TEXT.index("Grodno") + 6), GRODNO.place),
                Toponym(PlaceMention("Moscow", at, at + 6), moscow),
                Toponym(PlaceMention("Moscow", at, at + 6), moscow),
                Toponym(PlaceMention("Lantern", 0, 7), None))
    data = replace(DATA, toponyms={"a.txt": toponyms})
    assert [(p.words, p.place.name, p.sentence) for p in article_places(data, FROST)] == [
        ("Moscow", "Moscow", "Officials in <b>Minsk</b> & Moscow spoke.")]
    assert [p.words for p in article_places(data, EMPTY)] == ["Grodno", "Moscow"]


def test_other_candidates_of_a_name_leave_out_the_one_drawn():
    brest = EventLocation(Place("Brest", "city", 23.69, 52.1, "BLR", gazetteer_id="geonames:629634"), "drill",
                          "Brest", ev("Grodno"))
    others = other_candidates(brest)
    assert others and all("Brest" in p.name for p in others)
    assert "FRA" in {p.country for p in others}
    assert all(p.gazetteer_id != "geonames:629634" for p in others)
