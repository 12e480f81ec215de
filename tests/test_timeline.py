"""geo.render.timeline: the Plotly figure, tested on its dict."""

from __future__ import annotations

import base64
import sys
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from dashboard_data import DATASET, HOSTILE, LONG, MARKUP, NOWHERE, SHORT, SUMMIT, UNDATED  # noqa: E402

from geo.core.model import Exercise, Phase  # noqa: E402
from geo.render.palette import exercise_palette  # noqa: E402
from geo.render.timeline import (  # noqa: E402
    MILESTONE_ROW,
    MIN_SHARE,
    Segment,
    build_timeline,
    limit_rows,
    segments,
    selected_exercise,
    undated,
)

PALETTE = exercise_palette(e.label for e in DATASET.exercises)
D = date


@pytest.mark.parametrize(
    ("exercise", "expected"),
    [
        (SHORT, [("", D(2022, 3, 1), D(2022, 3, 10))]),
        (LONG, [("first phase", D(2023, 1, 1), D(2023, 6, 30)), ("second phase", D(2023, 7, 1), D(2024, 2, 1))]),
        (UNDATED, []),
        (Exercise("Start only", D(2021, 5, 4), None), [("", D(2021, 5, 4), D(2021, 5, 4))]),
        (Exercise("Reversed", D(2021, 5, 9), D(2021, 5, 4)), [("", D(2021, 5, 4), D(2021, 5, 9))]),
        # a phase dated by its start only runs to the exercise's end; undated phases are not drawn
        (Exercise("Open phase", D(2022, 2, 1), D(2022, 2, 20),
                  phases=(Phase("prep", None, None), Phase("active", D(2022, 2, 10), None))),
         [("active", D(2022, 2, 10), D(2022, 2, 20))]),
        (Exercise("Late phase", D(2022, 2, 1), D(2022, 2, 5), phases=(Phase("late", D(2022, 3, 1), None),)),
         [("late", D(2022, 3, 1), D(2022, 3, 1))]),
        # undated phases fall back to the exercise's own dates
        (Exercise("Phases undated", D(2021, 1, 1), D(2021, 1, 5), phases=(Phase("a", None, None),)),
         [("", D(2021, 1, 1), D(2021, 1, 5))]),
    ],
)
def test_segments(exercise, expected):
    assert [(s.part, s.start, s.end) for s in segments(exercise)] == expected


def test_undated_lists_exercises_the_timeline_cannot_place():
    assert undated(DATASET.exercises) == [UNDATED]


def _figure(exercises=DATASET.exercises, milestones=DATASET.milestones, **options):
    return build_timeline(exercises, milestones, PALETTE, **options).to_dict()


def _bars(fig: dict) -> list[tuple[str, str, float]]:
    """(exercise, colour, drawn width in days) per bar."""
    out = []
    for trace in fig["data"]:
        if trace["type"] != "bar":
            continue
        widths = trace["x"]
        if isinstance(widths, dict):  # plotly's typed-array encoding of numbers
            widths = np.frombuffer(base64.b64decode(widths["bdata"]), dtype=widths["dtype"])
        for label, width in zip(trace["y"], widths):
            out.append((label, trace["marker"]["color"], float(width) / 86_400_000))
    return out


def test_every_dated_exercise_has_a_bar_in_its_palette_colour():
    bars = _bars(_figure())
    assert {label for label, _, _ in bars} == {"Shield Test", "Long Watch", HOSTILE, "Placeless Drill"}
    assert all(colour == PALETTE[label] for label, colour, _ in bars)
    assert sum(1 for label, _, _ in bars if label == "Long Watch") == 2  # one bar per phase


def test_short_exercise_stays_visible_on_a_multi_year_axis():
    fig = _figure()
    first, last = (datetime.fromisoformat(v) for v in fig["layout"]["xaxis"]["range"])
    axis_days = (last - first).days
    widths = {label: days for label, _, days in _bars(fig)}
    assert axis_days > 700
    assert widths["Shield Test"] >= MIN_SHARE * axis_days * 0.99
    # and a clickable diamond in the middle of every exercise
    markers = next(t for t in fig["data"] if t.get("name") == "exercise")
    assert markers["marker"]["symbol"] == "diamond"
    assert {row[0] for row in markers["customdata"]} == {"Shield Test", "Long Watch", HOSTILE, "Placeless Drill"}


def test_hover_has_participants_and_troops_and_is_escaped():
    fig = _figure()
    hovers = [row[1] for t in fig["data"] if t["type"] == "bar" for row in t["customdata"]]
    short = next(h for h in hovers if "Shield Test" in h)
    assert "Participants: Belarus, Russia" in short and "Troops: some 5,000 soldiers" in short
    assert not any("<script>" in h for h in hovers)
    assert any("&lt;script&gt;" in h for h in hovers)


def test_milestones_are_stars_on_their_own_row():
    fig = _figure()
    stars = next(t for t in fig["data"] if t.get("name") == "milestone")
    assert stars["marker"]["symbol"] == "star"
    assert list(stars["y"]) == [MILESTONE_ROW] and list(stars["text"]) == [SUMMIT.label]
    assert fig["layout"]["yaxis"]["categoryarray"][-1] == MILESTONE_ROW


def test_rows_are_in_start_order():
    order = list(_figure()["layout"]["yaxis"]["categoryarray"])
    assert order == ["Shield Test", "Placeless Drill", "Long Watch", HOSTILE, MILESTONE_ROW]


def test_focus_dims_the_other_bars():
    fig = _figure([SHORT, LONG], [], focus="Long Watch")
    opacity = {t["marker"]["color"]: t["marker"]["opacity"] for t in fig["data"] if t["type"] == "bar"}
    assert opacity[PALETTE["Shield Test"]] == 0.35 and opacity[PALETTE["Long Watch"]] == 1.0


@pytest.mark.parametrize(
    ("exercises", "milestones", "traces"),
    [([], [], 0), ([UNDATED], [], 0), ([], [SUMMIT], 1), ([NOWHERE], [], 2)],
)
def test_empty_and_sparse_inputs(exercises, milestones, traces):
    assert len(_figure(exercises, milestones)["data"]) == traces


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        ({"selection": {"points": [{"customdata": ["Long Watch", "hover"], "y": "Long Watch"}]}}, "Long Watch"),
        ({"selection": {"points": [{"y": "Shield Test"}]}}, "Shield Test"),
        ({"selection": {"points": [{"customdata": [None, "hover"], "y": MILESTONE_ROW}]}}, None),
        ({"selection": {"points": []}}, None),
        (None, None),
    ],
)
def test_selected_exercise(event, expected):
    assert selected_exercise(event) == expected


def test_limit_rows_keeps_the_latest():
    kept, hidden = limit_rows([SHORT, LONG, MARKUP, UNDATED], max_rows=2)
    assert [e.label for e in kept] == [HOSTILE, "Long Watch"] and hidden == 2
    assert limit_rows([SHORT], max_rows=2) == ([SHORT], 0)


def test_segment_reported_text():
    assert Segment("x", "", D(2024, 1, 1), D(2024, 1, 1)).reported == "2024-01-01"
    assert Segment("x", "phase", D(2024, 1, 1), D(2024, 1, 3)).reported == "phase: 2024-01-01 – 2024-01-03"


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        # far apart: both above the stars, each leaning into the plot
        ([D(2024, 1, 10), D(2024, 12, 20)], [("Summit 0", "top right"), ("Summit 1", "top left")]),
        # close: the second goes below the first
        ([D(2024, 3, 1), D(2024, 3, 4)], [("Summit 0", "top right"), ("Summit 1", "bottom right")]),
        # three close: the third has no free row and is left to the hover
        ([D(2024, 3, 1), D(2024, 3, 2), D(2024, 3, 3)],
         [("Summit 0", "top right"), ("Summit 1", "bottom right"), ("", "top right")]),
        # either side of the middle, near it: their texts would meet, so rows differ
        ([D(2024, 6, 28), D(2024, 7, 4)], [("Summit 0", "top right"), ("Summit 1", "bottom left")]),
    ],
)
def test_milestone_labels_never_overprint(days, expected):
    from geo.core.model import Milestone
    from geo.render.timeline import milestone_labels

    stones = [Milestone(f"Summit {i}", day, SUMMIT.evidence) for i, day in enumerate(days)]
    assert milestone_labels(stones, D(2024, 1, 1), D(2024, 12, 31)) == expected


def test_long_milestone_labels_are_cut():
    from geo.core.model import Milestone
    from geo.render.timeline import milestone_labels

    long_name = [Milestone("A very long name of some summit meeting", D(2024, 3, 1), SUMMIT.evidence)]
    assert milestone_labels(long_name, D(2024, 1, 1), D(2024, 12, 31)) == [("A very long name of s…", "top right")]


@pytest.mark.parametrize(
    ("label", "wrapped"),
    [
        ("Eagle Assault", "Eagle Assault"),
        ("Unnamed exercise (UKR, 2022-02-10)", "Unnamed exercise<br>(UKR, 2022-02-10)"),
        ("<b>Iron & Steel</b> Shield", "&lt;b&gt;Iron &amp;<br>Steel&lt;/b&gt; Shield"),
        ("Supercalifragilistic-2024", "Supercalifragilistic-2024"),  # a long word is not cut
    ],
)
def test_axis_labels_wrap_and_escape(label, wrapped):
    from geo.render.timeline import wrapped_label

    assert wrapped_label(label) == wrapped


TALISMAN = Exercise("Talisman Sabre 2023", None, None, participants=("AUS", "USA"))
MONTH_PHASE = Exercise("Spring Storm", None, None, phases=(Phase("phase one (March 2024)", None, None),))
MONTH_LABEL = Exercise("Drills, Belarus, 2024-03", None, None)


@pytest.mark.parametrize(
    ("exercise", "expected"),
    [
        (TALISMAN, [("", D(2023, 1, 1), D(2023, 12, 31), "year", "2023 (year only)")]),
        (Exercise("Zapad-21", None, None), [("", D(2021, 1, 1), D(2021, 12, 31), "year", "2021 (year only)")]),
        (MONTH_PHASE, [("", D(2024, 3, 1), D(2024, 3, 31), "month", "March 2024 (month only)")]),
        (MONTH_LABEL, [("", D(2024, 3, 1), D(2024, 3, 31), "month", "March 2024 (month only)")]),
        (Exercise("Quiet Drill", None, None), []),
        # a reported day wins over the name's year
        (Exercise("Iron Wolf 2022", D(2022, 6, 1), D(2022, 6, 9)),
         [("", D(2022, 6, 1), D(2022, 6, 9), "day", "2022-06-01 – 2022-06-09")]),
    ],
)
def test_year_or_month_only_exercises_become_low_precision_spans(exercise, expected):
    assert [(s.part, s.start, s.end, s.precision, s.reported) for s in segments(exercise)] == expected
    assert (exercise in undated([exercise])) == (not expected)


def test_low_precision_spans_are_drawn_lighter_and_hatched_with_year_only_in_the_hover():
    fig = _figure([SHORT, TALISMAN], [])
    bars = {}
    for trace in fig["data"]:
        if trace["type"] != "bar":
            continue
        n = len(trace["y"])
        opacity = trace["marker"]["opacity"]
        opacity = list(opacity) if isinstance(opacity, (list, tuple)) else [opacity] * n
        shapes = list(trace["marker"].get("pattern", {}).get("shape", [""] * n))
        for i, label in enumerate(trace["y"]):
            bars[label] = (opacity[i], shapes[i], trace["customdata"][i][1])
    assert set(bars) == {"Shield Test", "Talisman Sabre 2023"}
    opacity, shape, hover = bars["Talisman Sabre 2023"]
    assert "2023 (year only)" in hover and opacity < 0.5 and shape == "/"
    opacity, shape, hover = bars["Shield Test"]
    assert opacity == 1.0 and shape == "" and "only)" not in hover
    widths = {label: days for label, _, days in _bars(fig)}
    assert widths["Talisman Sabre 2023"] == 365  # the whole year, not a widened point


@pytest.mark.parametrize(
    ("exercises", "dtick"),
    [
        ([SHORT, LONG], "M12"),  # 2022–2024: a labelled tick every year
        ([SHORT], None),  # ten days: Plotly's own ticks
    ],
)
def test_every_year_is_labelled_on_a_multi_year_axis(exercises, dtick):
    axis = _figure(exercises, [])["layout"]["xaxis"]
    assert axis.get("dtick") == dtick
    if dtick:
        assert axis["tickformat"] == "%Y"


@pytest.mark.parametrize(
    ("exercises", "milestones", "note"),
    [
        ([UNDATED], [], "No timeline: no date or year is reported for the exercise in view."),
        ([UNDATED, Exercise("Other", None, None)], [],
         "No timeline: no date or year is reported for any of the 2 exercises in view."),
        ([UNDATED], [SUMMIT], None),
        ([TALISMAN], [], None),
    ],
)
def test_nothing_dated_is_said_in_one_line(exercises, milestones, note):
    from geo.render.timeline import nothing_to_draw

    assert nothing_to_draw(exercises, milestones) == note


@pytest.mark.parametrize(
    ("name", "sentence", "span"),
    [
        ("Amber Gate 2031", "Lithuania will hold the Amber Gate 2031 exercise in March 2031, the ministry said.",
         (date(2031, 3, 1), date(2031, 3, 31))),
        ("Amber Gate 2031", "The drills are planned for late September.", (date(2031, 9, 1), date(2031, 9, 30))),
        ("Amber Gate", "Troops will train throughout June 2030 near the coast.", (date(2030, 6, 1), date(2030, 6, 30))),
        # a month with no year and no year in the name: not enough
        ("Amber Gate", "The drills are planned for late September.", None),
        # a day date is the extractor's business, not a month span
        ("Amber Gate 2031", "It began on March 3 2031.", (date(2031, 1, 1), date(2031, 12, 31))),
        ("Amber Gate 2031", "Its plan was approved in May 14 talks.", (date(2031, 1, 1), date(2031, 12, 31))),
    ],
)
def test_a_month_the_naming_sentence_gives_is_a_month_span(name, sentence, span):
    from geo.core.model import Evidence
    from geo.render.timeline import approximate_span

    exercise = Exercise(name=name, start=None, end=None, sources=(Evidence("a.txt", sentence, 0, len(sentence)),))
    got = approximate_span(exercise)
    if span is None:
        assert got is None
    else:
        assert got[:2] == span
        assert got[2] == ("year" if span[1] - span[0] > (date(2000, 2, 1) - date(2000, 1, 1)) else "month")
