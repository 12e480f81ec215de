"""geo.desk.appdata, geo.render.offline and geo.desk.synthetic: the dashboard's pure helpers."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from dashboard_data import DATASET, UNDATED  # noqa: E402

from geo.core.errors import ArticleError  # noqa: E402
from geo.desk.appdata import (  # noqa: E402
    confidence_colour,
    country_options,
    date_extent,
    folder_signature,
    highlighted_html,
    load_dataset,
    without_place,
)
from geo.desk.synthetic import synthetic_dataset  # noqa: E402
from geo.render.offline import LEAFLET_JS, install_leaflet  # noqa: E402


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("near Brest today", [(5, 10, "#c8e6c9", "Brest (city)")],
         'near <mark style="background:#c8e6c9" title="Brest (city)">Brest</mark> today'),
        # article text and titles are escaped; overlapping spans keep the first
        ("<b>x</b> & y", [(3, 4, "#eee", 'a "b"'), (3, 5, "#eee", "dup")],
         '&lt;b&gt;<mark style="background:#eee" title="a &quot;b&quot;">x</mark>&lt;/b&gt; &amp; y'),
        ("one\ntwo", [], "one<br>two"),
        ("short", [(3, 99, "#eee", "out of range")], "short"),
    ],
)
def test_highlighted_html(text, spans, expected):
    assert highlighted_html(text, spans) == expected


CITED = '<span class="cited-sentence" style="background:#fff3b0;box-shadow:0 0 0 2px #e0b400;border-radius:2px">'


@pytest.mark.parametrize(
    ("cited", "expected"),
    [
        ((0, 18), f'{CITED}Drills near <mark style="background:#eee" title="t">Brest</mark>.</span> Calm.'),
        ((19, 24), 'Drills near <mark style="background:#eee" title="t">Brest</mark>. ' + CITED + "Calm.</span>"),
        ((9, 14), 'Drills ne' + CITED + "ar Br</span>est. Calm."),  # a mark across the edge stays plain
        ((5, 99), 'Drills near <mark style="background:#eee" title="t">Brest</mark>. Calm.'),  # out of range: none
    ],
)
def test_highlighted_html_outlines_the_cited_sentence(cited, expected):
    assert highlighted_html("Drills near Brest. Calm.", [(12, 17, "#eee", "t")], cited) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("3-10", (3, 10)), ("10-3", None), ("0-99", None), ("x", None), (None, None), ("1-2-3", None)],
)
def test_parse_cite(value, expected):
    from geo.desk.appdata import parse_cite

    assert parse_cite(value, 50) == expected


@pytest.mark.parametrize(
    ("confidence", "colour"),
    [
        (None, "#e0e0e0"),  # unknown: grey, never green
        (0.95, "#c8e6c9"),
        (0.8, "#c8e6c9"),
        (0.79, "#ffe0a3"),  # just short of sure: amber
        (0.6, "#ffe0a3"),
        (0.55, "#ffe0a3"),  # Streamlit's "auto" progress colour showed this green
        (0.5, "#ffe0a3"),
        (0.49, "#ffcdd2"),
        (0.2, "#ffcdd2"),
        (0.0, "#ffcdd2"),
    ],
)
def test_confidence_colour(confidence, colour):
    assert confidence_colour(confidence) == colour


@pytest.mark.parametrize(
    ("show_context", "search", "names"),
    [
        (False, "", ["Lithuania", "Belarus–Poland border", "Testograd"]),
        (True, "", ["Lithuania", "Belarus–Poland border", "Testograd", "Capitalia"]),
        (False, "poland", ["Belarus–Poland border"]),
        (False, "testógrad", ["Testograd"]),  # accents and case ignored
        (False, "zzz", []),
    ],
)
def test_place_rows_of_the_exercises_in_view_least_sure_first(show_context, search, names):
    from geo.desk.appdata import place_rows
    from geo.render.filters import Filters

    shown = Filters(show_context=show_context).apply(DATASET.exercises)
    rows = place_rows(DATASET, shown, show_context=show_context, search=search)
    assert [row.name for row in rows] == names
    assert [row.confidence for row in rows] == sorted(row.confidence for row in rows)
    only_long = place_rows(DATASET, [e for e in shown if e.name == "Long Watch"])
    assert [row.name for row in only_long] == ["Belarus–Poland border"]


def test_dataset_summaries():
    assert date_extent(DATASET.exercises) == (date(2022, 3, 1), date(2024, 7, 19))
    assert date_extent([UNDATED]) is None
    assert [e.name for e in without_place(DATASET.exercises)] == ["Placeless Drill"]
    assert country_options(DATASET) == ["BLR", "CHN", "LTU", "POL", "RUS"]


def test_folder_signature_changes_with_the_files(tmp_path):
    (tmp_path / "a.txt").write_text("Title: a\n\nBody.\n", "utf-8")
    first = folder_signature(tmp_path)
    (tmp_path / "a.txt").write_text("Title: a\n\nA longer body.\n", "utf-8")
    assert [row[0] for row in first] == [str(tmp_path / "a.txt")]
    assert folder_signature(tmp_path) != first
    assert load_dataset(()) == load_dataset(())  # an empty folder needs no pipeline
    with pytest.raises(ArticleError, match="no such folder"):
        folder_signature(tmp_path / "missing")


def test_install_leaflet_copies_the_wheel_files(tmp_path):
    target = install_leaflet(tmp_path)
    assert (target / "leaflet.js").stat().st_size > 100_000
    assert (target / "leaflet.css").is_file() and (target / "images" / "marker-icon.png").is_file()
    assert LEAFLET_JS == "/app/static/leaflet/leaflet.js"
    assert install_leaflet(tmp_path) == target  # second call: nothing to do


def test_synthetic_dataset_is_reproducible_and_shaped():
    a, b = synthetic_dataset(30), synthetic_dataset(30)
    assert a == b
    assert len(a.exercises) == 30 and len(a.articles) == 10 and len(a.milestones) == 5
    assert all(e.start <= e.end for e in a.exercises)
    assert all(any(loc.role == "drill" for loc in e.locations) for e in a.exercises)


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        (["CHE", "DEU"], ["DEU", "CHE"]),  # Germany before Switzerland, whatever the codes say
        (["USA", "GBR", "ARE"], ["ARE", "GBR", "USA"]),
        (["NLD", "MNE", "MKD"], ["MNE", "NLD", "MKD"]),  # "The Netherlands" among the N
        ([], []),
    ],
)
def test_country_options_are_sorted_by_the_name_shown(codes, expected):
    from geo.core.countries import country_name
    from geo.desk.appdata import sorted_by_name

    assert sorted_by_name(codes) == expected
    names = [country_name(code).casefold().removeprefix("the ") for code in expected]
    assert names == sorted(names)


def test_country_options_include_the_codes_a_link_asked_for_in_name_order():
    assert country_options(DATASET, also=("DEU", "CHE")) == ["BLR", "CHN", "DEU", "LTU", "POL", "RUS", "CHE"]
