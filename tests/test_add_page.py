"""The "Add articles" page under AppTest: paste an article, see what was found, store it, see it on
the map's data; refusals are one line and store nothing. Articles are written for these tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo.store import load_dataset_from_store, open_store

SHIM = Path(__file__).parent / "app_shim.py"
ROOT = Path(__file__).resolve().parents[1]
PASTED = (
    "Belarusian and Russian troops began the Frost Lantern 2031 drills near Grodno on 3 May 2031. "
    "The exercise ends on 9 May 2031, the defence ministry in Minsk said."
)


@pytest.fixture()
def add_page(tmp_path, monkeypatch) -> AppTest:
    folder = tmp_path / "articles"
    folder.mkdir()
    monkeypatch.setenv("EXERCISE_MAP_ARTICLES", str(folder))
    monkeypatch.delenv("EXERCISE_MAP_SYNTHETIC", raising=False)
    monkeypatch.chdir(ROOT)
    st.cache_data.clear()
    at = AppTest.from_file(str(SHIM), default_timeout=120).run()
    return at.switch_page("../pages/add.py").run()


def test_pasted_article_is_previewed_then_stored_and_served(add_page):
    at = add_page
    at.text_input[0].input("Frost Lantern begins").run()
    at.text_input[1].input("https://news.example/frost-lantern").run()
    at.date_input[1].set_value(date(2031, 5, 3)).run()
    at.text_area[0].input(PASTED).run()
    assert not at.exception
    assert at.expander[0].label == "Pasted article: 1 exercise(s) found"
    table = at.dataframe[0].value
    assert list(table["exercise"].unique()) == ["Frost Lantern 2031"]
    assert ("Hrodna", "drill site") in set(zip(table["place"], table["role"]))
    assert ("Minsk", "drill site") not in set(zip(table["place"], table["role"]))
    with open_store() as store:
        assert load_dataset_from_store(store).exercises == ()  # nothing stored by a preview
    at.button(key="store-paste-Pasted article").click().run()
    assert "Pasted article stored: 1 exercise(s): Frost Lantern 2031." in [s.value for s in at.success]
    assert "Frost Lantern 2031" in [o for o in at.sidebar.multiselect[1].options]  # the frame reloaded
    with open_store() as store:
        stored = load_dataset_from_store(store)
    assert [e.label for e in stored.exercises] == ["Frost Lantern 2031"]
    assert stored.articles[0].source == "https://news.example/frost-lantern"


def test_the_same_article_twice_is_reported_not_stored(add_page):
    at = add_page
    at.text_area[0].input(PASTED).run()
    at.button(key="store-paste-Pasted article").click().run()
    at.text_area[0].input(PASTED).run()
    at.button(key="store-paste-Pasted article").click().run()
    assert any("already in the store" in s.value for s in at.success)
    with open_store() as store:
        assert len(load_dataset_from_store(store).articles) == 1


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("<html><body><script>alert(1)</script><p>Drills near Brest.</p></body></html>", "script"),
        ("   \n  ", None),  # blank: nothing to preview, nothing said
    ],
)
def test_refused_paste_is_one_line_and_stores_nothing(add_page, text, fragment):
    at = add_page
    at.text_area[0].input(text).run()
    errors = [e.value for e in at.error]
    if fragment is None:
        assert errors == []
    else:
        assert len(errors) == 1 and "not added" in errors[0] and fragment in errors[0].lower()
        assert "\n" not in errors[0]
    with open_store() as store:
        assert load_dataset_from_store(store).articles == ()
