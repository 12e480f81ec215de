"""The Review page under AppTest, on the seed articles in a store of the test's own: the analyst's name
asked once, a drill site fixed as "only mentioned" leaves the queue and the map's data, a conflict
shows the current value, read-only shows no action. Article text is escaped."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo.desk.appdata import load_dataset, store_revision
from geo.review import Edit
from geo.review.queue import review_queue
from geo.store import open_store
from geo.store.edits import add_edit, list_edits

SHIM = Path(__file__).parent / "app_shim.py"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def review(tmp_path, monkeypatch) -> AppTest:
    folder = tmp_path / "articles"
    shutil.copytree(ROOT / "articles", folder)
    monkeypatch.setenv("EXERCISE_MAP_ARTICLES", str(folder))
    monkeypatch.delenv("EXERCISE_MAP_SYNTHETIC", raising=False)
    monkeypatch.delenv("EXERCISE_MAP_READONLY", raising=False)
    monkeypatch.chdir(ROOT)
    st.cache_data.clear()
    at = AppTest.from_file(str(SHIM), default_timeout=180).run()
    return at.switch_page("../pages/review.py").run()


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
