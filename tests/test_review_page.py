"""The Review page under AppTest, on the seed articles in a store of the test's own: the analyst's name
asked once, a drill site fixed as "only mentioned" leaves the queue and the map's data, a conflict
shows the current value, read-only shows no action. Article text is escaped."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.markdown import literal
from geo.desk.appdata import load_dataset, store_revision
from geo.review import Edit
from geo.review.queue import review_queue
from geo.store import open_store
from geo.store.edits import add_edit, list_edits

SHIM = Path(__file__).parent / "app_shim.py"
ROOT = Path(__file__).resolve().parents[1]


def review_page(folder: Path, monkeypatch) -> AppTest:
    """The review page on the articles in ``folder`` (editing on, nobody signed in yet)."""
    monkeypatch.setenv("EXERCISE_MAP_ARTICLES", str(folder))
    monkeypatch.delenv("EXERCISE_MAP_SYNTHETIC", raising=False)
    monkeypatch.delenv("EXERCISE_MAP_READONLY", raising=False)
    monkeypatch.chdir(ROOT)
    st.cache_data.clear()
    at = AppTest.from_file(str(SHIM), default_timeout=180).run()
    return at.switch_page("../pages/review.py").run()


@pytest.fixture()
def review(tmp_path, monkeypatch) -> AppTest:
    folder = tmp_path / "articles"
    shutil.copytree(ROOT / "articles", folder)
    return review_page(folder, monkeypatch)


def ukraine_item():
    """The unnamed exercise's drill site "Ukraine" (a whole country, a participant, a doubtful role)."""
    data = load_dataset(("x", store_revision()))
    return next(i for i in review_queue(data) if i.location and i.location.place.name == "Ukraine"
                and i.location.role == "drill")


def left(at: AppTest) -> str:
    return next(c.value for c in at.caption if "left to review" in c.value)


def test_only_mentioned_leaves_the_queue_and_the_map(review):
    at = review
    assert not at.exception
    assert [b.label for b in at.button] == ["Start reviewing"]  # nothing to do before a name
    at.text_input(key="review_name").input("Ana Analyst").run()
    before = left(at)
    item = ukraine_item()
    assert "drill site known only as a whole country" in item.why
    body = "".join(e.proto.body for e in at.get("html"))
    assert f'title="the mention">{item.location.mention}</mark>' in body
    at.button(key=f"context-Only mentioned-{item.key}").click().run()
    assert not at.exception
    assert [s.value for s in at.success][0].startswith("Saved #1 ")
    assert "Ana Analyst: role → only mentioned" in at.success[0].value
    assert not [b for b in at.button if b.key and b.key.endswith(item.key)]
    data = load_dataset(("x", store_revision()))  # what the map draws
    queue = review_queue(data)
    assert item.key not in [i.key for i in queue]
    assert left(at).startswith(f"{len(queue)} left to review") and before.startswith(f"{len(queue)} left")
    # the exercise now has no drill site: it queues itself, asking for one
    assert [i.why for i in queue if i.location is None and i.exercise.label == item.exercise.label] == [
        "no drill site found"]
    unnamed = next(e for e in data.exercises if e.label == item.exercise.label)
    assert "Ukraine" not in [loc.place.name for loc in unnamed.drill_locations()]
    assert [(e.author, e.after) for e in list_edits(open_store())] == [("Ana Analyst", {"role": "context"})]
    at.switch_page("../pages/review.py").run()  # the name is asked once per session
    assert "editing as Ana Analyst" in left(at)


def test_an_edit_made_meanwhile_is_a_conflict_showing_the_current_value(review):
    at = review
    at.text_input(key="review_name").input("Bo").run()
    item = ukraine_item()
    with open_store() as store:  # another session: "not a place"
        add_edit(store, Edit("place_role", item.location_key, {"role": "none"}, {"role": "drill"}, author="Cy"))
    at.button(key=f"drill-Drill site-{item.key}").click().run()
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any(w.startswith("Not saved: this was changed meanwhile; it is now not a place; look again") for w in warnings)
    assert [e.author for e in list_edits(open_store())] == ["Cy"]


def test_read_only_shows_the_queue_without_actions(review, monkeypatch):
    monkeypatch.setenv("EXERCISE_MAP_READONLY", "1")
    at = review.run()
    assert any("Read-only" in i.value for i in at.info)
    assert "left to review" in left(at)
    assert [b.label for b in at.button] == []


def test_move_refuses_a_point_off_the_globe_then_moves(review):
    at = review
    at.text_input(key="review_name").input("Ana").run()
    item = ukraine_item()
    at.text_input(key=f"move-{item.key}").input("95, 10").run()
    at.button(key=f"move-btn-{item.key}").click().run()
    assert [e.value for e in at.error] == [
        "Not saved: '95, 10' is off the globe; latitude is -90..90, longitude -180..180 (lat first)"]
    assert list_edits(open_store()) == []
    at.text_input(key=f"move-{item.key}").input("50.45, 30.52").run()
    at.button(key=f"move-btn-{item.key}").click().run()
    assert "Ana: moved to 50.4500, 30.5200" in at.success[0].value
    data = load_dataset(("x", store_revision()))
    moved = [loc for e in data.exercises for loc in e.locations if loc.verified]
    assert [(loc.place.name, loc.place.lat, loc.place.lon, loc.role) for loc in moved] == [
        ("Ukraine", 50.45, 30.52, "drill")]


def test_an_exercise_without_a_site_gets_a_name_and_a_site_from_the_gazetteer(review):
    at = review
    at.text_input(key="review_name").input("Ana").run()
    item = ukraine_item()
    at.button(key=f"context-Only mentioned-{item.key}").click().run()

    def empty_item(label):
        data = load_dataset(("x", store_revision()))
        return next(i for i in review_queue(data) if i.location is None and i.exercise.label == label)

    unnamed = empty_item(item.exercise.label)
    at.text_input(key=f"name-{unnamed.key}").input("Dnipro Shield")  # inside a form: sent with the submit
    next(b for b in at.button if b.label == "Save name, dates and participants").click().run()
    assert not at.exception
    assert "Ana: name → Dnipro Shield" in at.success[0].value
    named = empty_item("Dnipro Shield")
    assert named.why == "no drill site found"
    at.text_input(key=f"search-{named.key}").input("Kyiv").run()
    assert at.selectbox(key=f"pick-{named.key}").options[0].startswith("Kyiv (city, Ukraine)")
    at.button(key=f"add-{named.key}").click().run()
    assert not at.exception
    assert "Ana: drill site added: Kyiv" in at.success[0].value
    data = load_dataset(("x", store_revision()))
    exercise = next(e for e in data.exercises if e.label == "Dnipro Shield")
    assert [(loc.place.name, loc.verified) for loc in exercise.drill_locations()] == [("Kyiv", True)]
    assert "Dnipro Shield" not in [i.exercise.label for i in review_queue(data) if i.location is None]
    assert [e.kind for e in list_edits(open_store())] == ["place_role", "exercise_fields", "place_add"]


def test_undo_brings_the_item_back(review):
    at = review
    at.text_input(key="review_name").input("Ana").run()
    item = ukraine_item()
    at.button(key=f"none-Not a place-{item.key}").click().run()
    assert item.key not in [i.key for i in review_queue(load_dataset(("x", store_revision())))]
    assert any(e.label == "Edits so far (1)" for e in at.expander)
    at.button(key="review_undo").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Undone #1 ") and "Ana: role → not a place" in at.success[0].value
    assert item.key in [i.key for i in review_queue(load_dataset(("x", store_revision())))]
    assert list_edits(open_store()) == []
    assert any(e.label == "Edits so far (0)" for e in at.expander)


def test_an_exercise_item_merges_into_the_same_exercise(review):
    at = review
    at.text_input(key="review_name").input("Ana").run()
    item = ukraine_item()
    at.button(key=f"context-Only mentioned-{item.key}").click().run()
    data = load_dataset(("x", store_revision()))
    empty = next(i for i in review_queue(data) if i.location is None and i.exercise.label == item.exercise.label)
    at.button(key=f"merge-{empty.key}").click().run()
    assert [e.value for e in at.error] == ["Not saved: pick the exercise it is the same as first"]
    box = at.selectbox(key=f"same-{empty.key}")
    box.select_index(box.options.index("Eagle Assault")).run()
    at.button(key=f"merge-{empty.key}").click().run()
    assert not at.exception
    assert "merged into eagle assault" in at.success[0].value
    labels = [e.label for e in load_dataset(("x", store_revision())).exercises]
    assert item.exercise.label not in labels and "Eagle Assault" in labels


# --- the worked item: map, candidates, split; sites from the article text; history; the filter -----

FROST = """Frost Lantern 2031 drills begin

Belarusian and Russian troops began the Frost Lantern 2031 exercise near Brest on 3 May 2031, the defence ministry said.

Naval units of the exercise also trained off Vladivostok, the ministry added.

Observers watched the drills, which end on 9 May 2031.

A separate drill, Silent Ferry 2031, will follow on 12 June 2031. Its crews are based in the port of Gdynia, officials said.
"""


@pytest.fixture()
def frost(tmp_path, monkeypatch) -> AppTest:
    """The review page over one article written here: Frost Lantern (Brest and Vladivostok, far apart)
    and Silent Ferry (no drill site, no start date)."""
    folder = tmp_path / "frost-articles"
    folder.mkdir()
    (folder / "frost-lantern.txt").write_text(FROST, encoding="utf-8")
    at = review_page(folder, monkeypatch)
    at.text_input(key="review_name").input("Ana").run()
    return at


def queue_now():
    return review_queue(load_dataset(("x", store_revision())))


def item_of(place: str | None, label: str = "Frost Lantern 2031"):
    return next(i for i in queue_now() if i.exercise.label == label
                and (i.location.place.name if i.location else None) == place)


def maps(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.json_args) for c in at.get("component_instance")]


def test_the_filter_counts_each_reason_and_narrows_the_queue(frost):
    at = frost
    box = at.multiselect(key="review_reasons")
    assert box.options == [
        "no drill site (1)", "no start date (1)", "far away (2)", "whole country (0)", "participant drawn as site (0)",
        "uncertain place (0)", "ambiguous (0)", "uncertain role (0)"]
    assert left(at).startswith("3 left to review, worst first")
    box.select("far").run()
    assert left(at).startswith("2 left to review of 3, for the reasons picked")
    keys = {b.key for b in at.button if b.key}
    assert f"move-btn-{item_of('Brest').key}" in keys and f"merge-{item_of(None, 'Silent Ferry 2031').key}" not in keys


def test_only_the_worked_item_draws_a_map_offline_and_a_click_moves_the_place(frost):
    at = frost
    assert maps(at) == []  # no map until the analyst opens an item
    brest = item_of("Brest")
    at.toggle(key=f"work-{brest.key}").set_value(True).run()
    assert not at.exception
    [args] = maps(at)
    assert args["returned_objects"] == ["last_clicked"]
    assert re.findall(r"https?://", args["script"]) == []
    assert "Brest: drawn here now" in args["script"] and "another site of the exercise" in args["script"]
    assert f"move-here-{brest.key}" not in {b.key for b in at.button}  # nothing clicked yet
    at.session_state[f"clicked-{brest.key}"] = (23.81, 52.2)  # what a click on the map leaves (lon, lat)
    at.run()
    assert any(c.value == "Clicked 52.2000, 23.8100 (lat, lon)" for c in at.caption)
    at.button(key=f"move-here-{brest.key}").click().run()
    assert not at.exception
    assert "Ana: moved to 52.2000, 23.8100" in at.success[0].value
    moved = [(loc.place.name, loc.place.lon, loc.place.lat, loc.verified)
             for e in load_dataset(("x", store_revision())).exercises for loc in e.locations if loc.verified]
    assert moved == [("Brest", 23.81, 52.2, True)]


def test_another_candidate_of_the_name_is_picked(frost):
    at = frost
    brest = item_of("Brest")
    at.toggle(key=f"work-{brest.key}").set_value(True).run()
    box = at.selectbox(key=f"cand-{brest.key}")
    assert box.options[0].startswith("Brest (city, France)")
    at.button(key=f"cand-btn-{brest.key}").click().run()
    assert not at.exception
    assert "Ana: moved to Brest 48." in at.success[0].value
    data = load_dataset(("x", store_revision()))
    place = next(loc.place for e in data.exercises for loc in e.locations if loc.verified)
    assert (place.name, place.country, place.provenance) == ("Brest", "FRA", "manual")


def test_a_missed_site_is_added_from_words_of_the_article(frost):
    at = frost
    ferry = item_of(None, "Silent Ferry 2031")
    at.text_input(key=f"phrase-{ferry.key}").input("Murmansk harbour").run()
    assert any(c.value == literal("“Murmansk harbour” is not in the text of this exercise's articles; copy the "
                                  "words from the article.") for c in at.caption)  # shown as typed
    at.text_input(key=f"phrase-{ferry.key}").input("the port of  Gdynia").run()
    box = at.selectbox(key=f"phrase-pick-{ferry.key}")
    assert box.options[0].startswith("“Gdynia” → Gdynia (city, Poland)")
    assert any(c.value == "Cited: “" + literal("Its crews are based in the port of Gdynia, officials said.") + "”"
               for c in at.caption)
    at.button(key=f"phrase-add-{ferry.key}").click().run()
    assert not at.exception
    assert "Ana: drill site added: Gdynia" in at.success[0].value
    data = load_dataset(("x", store_revision()))
    ferry_now = next(e for e in data.exercises if e.label == "Silent Ferry 2031")
    assert [(loc.place.name, loc.mention, loc.evidence.sentence, loc.verified) for loc in ferry_now.locations] == [
        ("Gdynia", "Gdynia", "Its crews are based in the port of Gdynia, officials said.", True)]


def test_a_site_the_article_names_is_picked_from_the_list(frost):
    at = frost
    ferry = item_of(None, "Silent Ferry 2031")
    box = at.selectbox(key=f"named-{ferry.key}")
    labels = box.options
    assert any(label.startswith("“Vladivostok” → Vladivostok (city, Russia)") for label in labels)
    assert any(label.startswith("“Brest”") for label in labels)  # Silent Ferry holds no place yet: all listed
    box.select_index(next(i for i, label in enumerate(labels) if label.startswith("“Gdynia”"))).run()
    at.button(key=f"named-add-{ferry.key}").click().run()
    assert not at.exception and "Ana: drill site added: Gdynia" in at.success[0].value


def test_participants_are_saved_with_the_name_and_dates(frost):
    at = frost
    ferry = item_of(None, "Silent Ferry 2031")
    at.multiselect(key=f"participants-{ferry.key}").select("POL").select("LTU")
    at.date_input(key=f"start-{ferry.key}").set_value(date(2031, 6, 12))
    next(b for b in at.button if b.label == "Save name, dates and participants").click().run()
    assert not at.exception
    assert "Ana: start → 2031-06-12; participants → ['LTU', 'POL']" in at.success[0].value
    ferry_now = next(e for e in load_dataset(("x", store_revision())).exercises if e.label == "Silent Ferry 2031")
    assert (ferry_now.start, ferry_now.participants) == (date(2031, 6, 12), ("LTU", "POL"))


def test_split_one_exercise_that_is_two_and_see_its_history(frost):
    at = frost
    brest = item_of("Brest")
    at.toggle(key=f"work-{brest.key}").set_value(True).run()
    box = at.multiselect(key=f"split-sites-{brest.key}")
    vladivostok = next(i for i, o in enumerate(box.options) if o.startswith("Vladivostok (drill site)"))
    at.button(key=f"split-{brest.key}").click().run()
    assert [e.value for e in at.error] == ["Not saved: name the new exercise the split makes"]
    box = at.multiselect(key=f"split-sites-{brest.key}")
    box.select(vladivostok)
    at.text_input(key=f"split-name-{brest.key}").input("Pacific Lantern 2031")
    at.date_input(key=f"split-start-{brest.key}").set_value(date(2031, 5, 5))
    at.button(key=f"split-{brest.key}").click().run()
    assert not at.exception
    assert "Ana: split off as Pacific Lantern 2031" in at.success[0].value
    data = load_dataset(("x", store_revision()))
    pacific = next(e for e in data.exercises if e.label == "Pacific Lantern 2031")
    frost_now = next(e for e in data.exercises if e.label == "Frost Lantern 2031")
    assert [loc.place.name for loc in pacific.drill_locations()] == ["Vladivostok"]
    assert (pacific.start, pacific.end) == (date(2031, 5, 5), date(2031, 5, 9))
    assert "Vladivostok" not in [loc.place.name for loc in frost_now.locations]
    assert "far" not in {r for i in queue_now() for r in i.reasons}  # two exercises: nothing far any more
    at.selectbox(key="review_history_exercise").select("Pacific Lantern 2031").run()
    table = at.dataframe[0].value
    assert list(table.columns) == ["#", "who", "when", "what", "place", "before → after", "note"]
    assert [(r["who"], r["what"], r["before → after"]) for r in table.to_dict("records")] == [
        ("Ana", "split", "— → Pacific Lantern 2031 with 1 place(s) (start 2031-05-05)")]
