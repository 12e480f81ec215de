"""The review queue (geo.review.queue): what queues and why, worst first; done items leave; the edits
its actions make. Hand-written datasets, no geoparsing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from geo.core.model import Article, Dataset, EventLocation, Evidence, Exercise, Place
from geo.review import EditError, apply_edits
from geo.review.queue import (
    add_site_edit,
    fields_edit,
    move_edit,
    parse_point,
    review_queue,
    role_edit,
    search_places,
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
