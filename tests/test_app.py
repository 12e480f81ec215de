"""The Streamlit app, driven by AppTest: app.py, every page, filters, URL, empty states.

Most tests serve the hand-written ``dashboard_data.DATASET`` by replacing the
pure loader (``geo.desk.appdata.load_dataset``), so they test the dashboard, not the
extraction pipeline; ``test_real_articles_folder_through_the_pipeline`` runs the real pipeline on a
folder of articles written for this test.
"""

from __future__ import annotations

import html
import json
import re
import sys
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

sys.path.insert(0, str(Path(__file__).parent))
from dashboard_data import DATASET, HOSTILE, PATH_B  # noqa: E402

import geo.desk.appdata  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 120
SHIM = Path(__file__).parent / "app_shim.py"  # see its docstring


def page(name: str) -> str:
    """A page file as AppTest.switch_page wants it: relative to the shim's folder."""
    return f"../pages/{name}"


@pytest.fixture()
def articles_dir(tmp_path, monkeypatch) -> Path:
    """An articles folder of its own per test (a fresh cache key) and the env var pointing at it."""
    folder = tmp_path / "articles"
    folder.mkdir()
    monkeypatch.setenv("EXERCISE_MAP_ARTICLES", str(folder))
    monkeypatch.delenv("EXERCISE_MAP_SYNTHETIC", raising=False)
    monkeypatch.chdir(ROOT)
    st.cache_data.clear()
    return folder


@pytest.fixture()
def fixture_data(articles_dir, monkeypatch) -> Path:
    """Serve DATASET whatever the folder holds."""
    (articles_dir / "placeholder.txt").write_text("Title: x\n\nA placeholder file.\n", "utf-8")
    monkeypatch.setattr(geo.desk.appdata, "load_dataset", lambda signature: DATASET)
    return articles_dir


def app(query: dict[str, str] | None = None, script: Path = SHIM) -> AppTest:
    at = AppTest.from_file(str(script), default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def param(at: AppTest, key: str) -> str | None:
    """A query parameter's value (AppTest stores either a string or a list of them)."""
    if key not in at.query_params:
        return None
    value = at.query_params[key]
    return value if isinstance(value, str) else ",".join(value)


def caption(at: AppTest) -> str:
    """The page's caption as a person reads it (Markdown escapes removed)."""
    return re.sub(r"\\(.)", r"\1", at.caption[0].value)


def map_args(at: AppTest) -> dict:
    """The st_folium component's arguments (script, JS/CSS links) as sent to the browser."""
    components = at.get("component_instance")
    assert len(components) == 1
    return json.loads(components[0].proto.json_args)


def texts(elements) -> str:
    return " | ".join(str(e.value) for e in elements)


def test_overview_shows_every_exercise_with_messages_for_odd_ones(fixture_data):
    at = app()
    assert not at.exception
    assert caption(at).startswith("All exercises · 5 of 5 exercises")
    assert [t.value for t in at.title] == ["Military exercises"]
    warnings = texts(at.warning)
    assert "binary file, not text" in warnings  # dataset.problems, one line each
    assert "1 exercise(s) have no resolved place" in warnings and "Placeless Drill" in warnings
    assert "“Quiet Drill” has no reported dates" in texts(at.info)
    assert len(at.get("plotly_chart")) == 1


def test_map_component_is_offline_and_escaped(fixture_data):
    args = map_args(app())
    links = args["js_links"] + args["css_links"]
    assert links == ["/app/static/leaflet/leaflet.js", "/app/static/leaflet/leaflet.css"]
    assert re.findall(r"https?://", args["script"]) == []
    assert "<script>alert" not in args["script"] and "&lt;script&gt;" in args["script"]
    assert args["returned_objects"] == ["last_object_clicked", "last_object_clicked_tooltip"]
    # the basemap is fetched from this server's static files, written there at start-up
    assert 'fetch("/app/static/basemap/ne-110m.geojson")' in args["script"]
    assert (ROOT / "static" / "basemap" / "ne-110m.geojson").is_file()


def test_popup_article_links_keep_the_filters(fixture_data):
    script = map_args(app({"country": "POL"}))["script"]
    links = {html.unescape(link) for link in re.findall(r'href=\\?"(/articles\?[^"\\]*)', script)}
    assert links and all(re.fullmatch(r"/articles\?country=POL&article=[^&]+&cite=\d+-\d+", link) for link in links)


@pytest.mark.parametrize(
    ("query", "count", "sentence"),
    [
        ({"from": "2024-01-01", "to": "2024-12-31"}, 2, "Exercises, Jan 2024 – Dec 2024"),
        ({"country": "POL"}, 1, "Exercises with Poland"),
        ({"country": "CHN,RUS"}, 3, "Exercises with China or Russia"),
        ({"exercise": "Long Watch"}, 1, "Long Watch"),
        ({"country": "JPN"}, 0, "Exercises with Japan"),
    ],
)
def test_url_query_reproduces_the_view(fixture_data, query, count, sentence):
    at = app(query)
    assert not at.exception
    assert caption(at).startswith(f"{sentence} · {count} of 5 exercises")
    # the URL still says the same after the run (round trip through the widgets)
    assert {k: param(at, k) for k in query} == query


def test_filters_matching_nothing_say_so(fixture_data):
    at = app({"country": "JPN"})
    assert "No exercise matches “Exercises with Japan”" in texts(at.info)
    assert len(at.get("component_instance")) == 0


def test_widgets_write_the_url(fixture_data):
    at = app()
    at.multiselect(key="f_countries").set_value(["POL"]).run()
    assert param(at, "country") == "POL"
    assert caption(at).startswith("Exercises with Poland · 1 of 5")
    at.checkbox(key="f_context").check().run()
    assert param(at, "context") == "1"
    assert "(with places only mentioned)" in caption(at)
    at.multiselect(key="f_countries").set_value([]).run()
    assert param(at, "country") is None
    at.date_input(key="f_dates").set_value((date(2024, 1, 1), date(2024, 12, 31))).run()
    assert param(at, "from") == "2024-01-01" and param(at, "to") == "2024-12-31"
    assert caption(at).startswith("Exercises, Jan 2024 – Dec 2024 (with places only mentioned) · 2 of 5")


def test_show_context_adds_the_context_places_to_the_map(fixture_data):
    plain = map_args(app())["script"]
    context = map_args(app({"context": "1"}))["script"]
    assert plain.count("context-site") == 0 and context.count("context-site") == 1


@pytest.mark.parametrize(
    ("name", "title", "check"),
    [
        ("map.py", "Map", lambda at: len(at.get("component_instance")) == 1),
        ("timeline.py", "Timeline", lambda at: len(at.get("plotly_chart")) == 1 and len(at.dataframe) == 1),
        ("articles.py", "Articles", lambda at: at.selectbox[0].value == "fixtures/short-drill.txt"),
        ("places.py", "Places", lambda at: len(at.dataframe[0].value) == 3),  # drill sites in view
    ],
)
def test_every_page_renders(fixture_data, name, title, check):
    at = app()
    at.switch_page(page(name)).run()
    assert not at.exception
    assert [t.value for t in at.title] == [title]
    assert check(at)


def test_articles_page_opens_the_article_named_in_the_url_and_highlights_places(fixture_data):
    at = app({"article": "fixtures/short-drill.txt"})
    at.switch_page(page("articles.py")).run()
    html = "".join(e.proto.body for e in at.get("html"))
    assert '<mark style="background:#c8e6c9" title="Testograd (city, Belarus)' in html
    assert '<mark style="background:#e0e0e0" title="not resolved">spring</mark>' in html
    table = at.dataframe[0].value
    assert list(table["resolved to"]) == ["Testograd", "— not resolved"]
    at.selectbox[0].set_value(PATH_B).run()
    assert param(at, "article") == PATH_B
    assert "No place was recognised in this article." in texts(at.info)


def test_articles_page_outlines_the_sentence_a_popup_cited(fixture_data):
    at = app({"article": "fixtures/short-drill.txt", "cite": "0-20"})
    at.switch_page(page("articles.py")).run()
    body = "".join(e.proto.body for e in at.get("html"))
    assert body.count('class="cited-sentence"') == 1
    assert "outlined in yellow" in texts(at.markdown)
    at.selectbox[0].set_value(PATH_B).run()  # another article: nothing cited, the parameter goes
    assert param(at, "cite") is None
    assert 'class="cited-sentence"' not in "".join(e.proto.body for e in at.get("html"))


def test_places_page_names_the_exercises_using_each_place(fixture_data):
    at = app()
    at.switch_page(page("places.py")).run()
    table = at.dataframe[0].value
    testograd = table[table["name"] == "Testograd"].iloc[0]
    assert testograd["exercises"] == ", ".join(sorted([HOSTILE, "Quiet Drill", "Shield Test"]))
    assert testograd["mentions"] == 1 and testograd["provenance"] == "gazetteer"


@pytest.mark.parametrize(
    ("query", "search", "names"),
    [
        ({}, "", ["Lithuania", "Belarus–Poland border", "Testograd"]),  # least sure first
        ({"context": "1"}, "", ["Lithuania", "Belarus–Poland border", "Testograd", "Capitalia"]),
        ({"exercise": "Long Watch"}, "", ["Belarus–Poland border"]),  # the sidebar filters apply
        ({"country": "POL"}, "", ["Testograd"]),
        ({}, "TESTO", ["Testograd"]),
        ({}, "nowhere", []),
    ],
)
def test_places_page_is_filtered_searchable_and_least_sure_first(fixture_data, query, search, names):
    at = app(query)
    at.switch_page(page("places.py")).run()
    if search:
        at.text_input(key="places_search").set_value(search).run()
    assert not at.exception
    if names:
        assert list(at.dataframe[0].value["name"]) == names
    else:
        assert len(at.dataframe) == 0 and "No place in view is named like" in texts(at.info)


def test_empty_articles_folder(articles_dir):
    at = app()
    assert not at.exception
    assert "No articles in" in texts(at.info) and str(articles_dir) in texts(at.info)
    at.switch_page(page("places.py")).run()
    assert not at.exception and "No place has been resolved" in texts(at.info)


def test_missing_articles_folder_names_the_fix(articles_dir, monkeypatch):
    monkeypatch.setenv("EXERCISE_MAP_ARTICLES", str(articles_dir / "nope"))
    at = app()
    assert not at.exception
    assert "no such folder; create it and put articles in it" in texts(at.error)


def test_synthetic_dataset_through_the_env(articles_dir, monkeypatch):
    monkeypatch.setenv("EXERCISE_MAP_SYNTHETIC", "40")
    at = app()
    assert not at.exception
    assert caption(at).startswith("All exercises · 40 of 40 exercises · source: 40 synthetic exercises")


def test_page_opened_directly_builds_its_frame(fixture_data):
    """app.py itself as main script: Streamlit's first run of a bookmarked page URL."""
    at = app(script=ROOT / "app.py")
    at.switch_page("pages/places.py").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Places"]
    assert caption(at).startswith("All exercises · 5 of 5 exercises")
    assert len(at.sidebar.get("multiselect")) == 2


ARTICLES = {
    "iron.txt": "Title: Joint drills open near Grodno\nPublished: 2023-05-02\n\n"
    'Belarusian and Russian troops on Monday began a joint exercise called "Iron Lantern 2023" near '
    "Grodno, the defence ministry said. The drills will last for seven days and involve about 2,000 "
    "soldiers.\n",
    "amber.txt": "Title: Naval manoeuvres in the Baltic Sea\nPublished: 2021-09-14\n\n"
    'The navies of Poland and Lithuania held the "Amber Tide" exercise off Klaipeda from September 10 '
    "to September 13, officials in Vilnius said.\n",
}


def test_real_articles_folder_through_the_pipeline(articles_dir):
    """The real pipeline on articles written for this test, plus one unreadable file."""
    for name, text in ARTICLES.items():
        (articles_dir / name).write_text(text, "utf-8")
    (articles_dir / "broken.txt").write_bytes(b"\x00\x01 not text")
    at = app()
    assert not at.exception
    assert caption(at).startswith("All exercises · 2 of 2 exercises")
    assert set(at.multiselect(key="f_exercises").options) == {"Amber Tide", "Iron Lantern 2023"}
    assert "broken.txt: binary file, not text" in texts(at.warning)
    assert "Klaip" in map_args(at)["script"]
    at = app({"country": "LTU"})
    assert caption(at).startswith("Exercises with Lithuania · 1 of 2 exercises")


def test_nothing_dated_in_view_says_so_instead_of_an_empty_chart(fixture_data):
    at = app({"exercise": "Quiet Drill"})
    assert not at.exception
    assert len(at.get("plotly_chart")) == 0
    assert "No timeline: no date or year is reported for the exercise in view." in texts(at.info)


def test_map_popups_cite_the_article_not_its_file(fixture_data):
    script = map_args(app())["script"]
    cited = re.findall(r'Source article \\u2197 (.*?)<\\/a>', script)
    assert cited and all(c.startswith("\\u201c") for c in cited), cited
    assert any("A short drill\\u201d, 01 Mar 2022" in c for c in cited)
    assert not any("fixtures/" in c for c in cited)


def _map_script(at: AppTest) -> str:
    return map_args(at)["script"] if "script" in map_args(at) else json.dumps(map_args(at))


def test_map_page_time_slider_shows_what_was_under_way_that_day(fixture_data):
    at = app()
    at.switch_page(page("map.py")).run()
    assert not at.exception
    slider = at.slider(key="map_day")
    assert slider.value == date(2022, 3, 1)  # the first day of the view
    script = _map_script(at)
    assert "Shield Test" in script and "Long Watch" not in script
    slider.set_value(date(2023, 6, 1)).run()
    script = _map_script(at)
    assert "Long Watch" in script and "Shield Test" not in script
    assert "Under way on 01 Jun 2023: Long Watch" in [c.value for c in at.caption]
    assert "All exercises: under way on 01 Jun 2023" in script  # the map's title box
    slider.set_value(date(2022, 12, 1)).run()
    assert "Under way on 01 Dec 2022: no exercise" in [c.value for c in at.caption]
    assert any(b.label == "Map of this day (PNG)" for b in at.get("download_button"))


def test_map_page_play_moves_to_the_next_day_something_changes(fixture_data):
    at = app()
    at.switch_page(page("map.py")).run()
    at.button(key="map_play").click().run()
    assert not at.exception
    assert at.slider(key="map_day").value == date(2022, 3, 11)  # Shield Test ended on the 10th
    assert at.button(key="map_play").label == "⏸ Pause"


@pytest.mark.parametrize(
    ("query", "jump", "link"),
    [
        # an exercise: the map focuses on it (the others dimmed)
        ("long watch", '"fillOpacity": 0.225', "/articles?article=fixtures%2Flong-drill.txt&cite=0-"),
        # a place: the map opens on it
        ("Testograd", "[[50.1, 20.7], [54.1, 26.7]]", "/articles?article=fixtures%2Fshort-drill.txt&cite=0-72"),
        # a phrase: its article, the sentence outlined
        ("ten days in spring", None, "/articles?article=fixtures%2Fshort-drill.txt&cite=0-72"),
    ],
)
def test_search_box_jumps_to_the_exercise_place_or_sentence(fixture_data, query, jump, link):
    at = app()
    at.text_input(key="search").input(query).run()
    assert not at.exception
    if jump:
        assert jump in map_args(at)["script"]
    body = "".join(e.proto.body for e in at.get("html"))
    assert 'class="search-article"' in body and html.escape(link) in body


def test_search_box_escapes_what_it_shows(fixture_data):
    at = app()
    at.text_input(key="search").input("alert").run()
    assert not at.exception
    body = "".join(e.proto.body for e in at.get("html"))
    assert "<script>" not in body


def test_map_page_day_caption_shows_article_text_literally(fixture_data):
    at = app()
    at.switch_page(page("map.py")).run()
    at.slider(key="map_day").set_value(date(2024, 7, 10)).run()
    assert not at.exception
    captions = [c.value for c in at.caption if c.value.startswith("Under way on 10 Jul 2024")]
    assert captions and "\\$\\{boom\\}" in captions[0] and "\\<script\\>" in captions[0]
