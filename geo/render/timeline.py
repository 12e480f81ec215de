"""Stage: filtered exercises + milestones -> a Plotly timeline figure.

Bars run from start to end per exercise (one segment per dated phase when the
article gives phases), coloured with ``geo.render.palette``. A 10-day exercise is a
sub-pixel sliver on a multi-year axis, so each bar is widened to a minimum
share of the axis for drawing (the hover keeps the reported dates) and gets a
diamond marker at its middle that stays clickable at any zoom.
Milestones (summits, accessions) are stars on their own row.

Points carry the exercise label in ``customdata[0]``: the dashboard reads it
back from ``st.plotly_chart(on_select=...)``.
"""

from __future__ import annotations

import calendar
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from geo.core.countries import country_name
from geo.core.model import Exercise, Milestone, Phase
from geo.render.palette import MILESTONE_COLOUR, colour_of
from geo.text.dates import year_in_name

MILESTONE_ROW = "Context events"
MIN_SHARE = 0.01  # a bar is drawn at least this share of the axis wide
LABEL_CHARS = 22  # longer milestone labels are cut (the hover has them whole)
LABEL_WRAP = 18  # characters per line of an exercise's axis label
LABEL_ROOM = 30  # label characters that fit across the axis of the overview's narrow column
MAX_HEIGHT = 2400
LOW_PRECISION_OPACITY = 0.45  # a year- or month-only span is drawn lighter, and hatched
YEARLY_TICKS_FROM = 2 * 365  # axis days from which every year gets a labelled tick
_MONTH_IN_PHASE = re.compile(r"\((January|February|March|April|May|June|July|August|September|October|"
                             r"November|December) (\d{4})\)$")
_MONTH_IN_LABEL = re.compile(r"\b(\d{4})-(0[1-9]|1[0-2])\)?$")
# "will hold the exercise in March 2031", "drills planned for late September", "throughout June": a
# month the sentence naming the exercise gives for it, with its year (else the year in the name).
_MONTH_WORDS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_IN_SOURCE = re.compile(
    rf"\b(?:in|during|throughout|for|until|through|(?:early|mid|late)[- ])\s*(?:early |mid-|late )?"
    rf"({_MONTH_WORDS})(?:,?\s+(\d{{4}}))?\b(?!\s+\d{{1,2}}\b)")


@dataclass(frozen=True)
class Segment:
    """One drawn bar: an exercise or one of its phases."""

    label: str
    part: str  # "" for the whole exercise, else the phase name
    start: date
    end: date
    precision: str = "day"  # "day", or "month"/"year" when only that much is known

    @property
    def reported(self) -> str:
        if self.precision == "year":
            span = f"{self.start.year} (year only)"
        elif self.precision == "month":
            span = f"{self.start:%B %Y} (month only)"
        else:
            span = self.start.isoformat() if self.start == self.end else f"{self.start} – {self.end}"
        return f"{self.part}: {span}" if self.part else span

    @property
    def approximate(self) -> bool:
        return self.precision != "day"


def _whole_month(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def approximate_span(exercise: Exercise) -> tuple[date, date, str] | None:
    """(first, last, precision) of an exercise with no reported day: the month a phase
    names ("phase one (June 2024)") or the label ends with ("…, 2024-03"), else the year
    its name carries ("Talisman Sabre 2023"); None when nothing gives even a year."""
    months = [m for phase in exercise.phases if (m := _MONTH_IN_PHASE.search(phase.name))]
    if months:
        spans = [_whole_month(int(m.group(2)), list(calendar.month_name).index(m.group(1))) for m in months]
        return min(s[0] for s in spans), max(s[1] for s in spans), "month"
    label_month = _MONTH_IN_LABEL.search(exercise.label)
    if label_month:
        return (*_whole_month(int(label_month.group(1)), int(label_month.group(2))), "month")
    year = year_in_name(exercise.name)
    told = _month_in_sources(exercise, year)
    if told:
        return (*told, "month")
    if year:
        return date(year, 1, 1), date(year, 12, 31), "year"
    return None


def _month_in_sources(exercise: Exercise, year: int | None) -> tuple[date, date] | None:
    """The whole month the sentences naming the exercise give ("in March 2031"); a month without
    a year counts only when the name carries the year. The first such sentence decides."""
    for source in exercise.sources:
        for match in _MONTH_IN_SOURCE.finditer(source.sentence):
            month_year = int(match.group(2)) if match.group(2) else year
            if month_year:
                return _whole_month(month_year, _MONTH_WORDS.split("|").index(match.group(1)) + 1)
    return None


def _span(start: date | None, end: date | None) -> tuple[date, date] | None:
    if start is None and end is None:
        return None
    first, last = start or end, end or start
    assert first is not None and last is not None
    return (first, last) if first <= last else (last, first)


def _phase_span(phase: Phase, exercise: Exercise) -> tuple[date, date] | None:
    """A phase's days; an open end runs to the exercise's end ("the active phase begins
    Thursday"), an open start from the exercise's start. None if nothing is dated."""
    if phase.start is None and phase.end is None:
        return None
    start = phase.start or exercise.start
    end = phase.end or exercise.end
    if start and end and start > end:  # the exercise bound does not fit: keep the phase's own day
        start = end = phase.start or phase.end
    return _span(start, end)


def segments(exercise: Exercise) -> list[Segment]:
    """Dated phases as segments, else the exercise as one, else a low-precision span
    (``approximate_span``); [] when not even a year is known."""
    phased = [
        Segment(exercise.label, phase.name, *span)
        for phase in exercise.phases
        if (span := _phase_span(phase, exercise))
    ]
    if phased:
        return phased
    span = _span(exercise.start, exercise.end)
    if span:
        return [Segment(exercise.label, "", *span)]
    rough = approximate_span(exercise)
    return [Segment(exercise.label, "", rough[0], rough[1], rough[2])] if rough else []


def undated(exercises: Sequence[Exercise]) -> list[Exercise]:
    """Exercises the timeline cannot place (not even a year)."""
    return [e for e in exercises if not segments(e)]


def nothing_to_draw(exercises: Sequence[Exercise], milestones: Sequence[Milestone]) -> str | None:
    """One line instead of an empty chart when nothing in view has a date; else None."""
    if milestones or any(segments(e) for e in exercises):
        return None
    count = len(exercises)
    which = "the exercise" if count == 1 else f"any of the {count} exercises"
    return f"No timeline: no date or year is reported for {which} in view."


def hover_text(exercise: Exercise, segment: Segment) -> str:
    esc = html.escape
    who = ", ".join(country_name(c) for c in exercise.participants) or "not reported"
    troops = "; ".join(claim.text for claim in exercise.troops) or "not reported"
    return (
        f"<b>{esc(exercise.label)}</b><br>{esc(segment.reported)}<br>"
        f"Participants: {esc(who)}<br>Troops: {esc(troops)}"
    )


def _axis_range(all_segments: Sequence[Segment], milestones: Sequence[Milestone]) -> tuple[date, date]:
    days = [s.start for s in all_segments] + [s.end for s in all_segments] + [m.day for m in milestones]
    first, last = min(days), max(days)
    pad = max((last - first) / 20, timedelta(days=5))
    return first - pad, last + pad


def _drawn_bounds(segment: Segment, minimum: timedelta) -> tuple[datetime, datetime]:
    """Start/end to draw: the reported days (end inclusive), widened to ``minimum``."""
    start = datetime.combine(segment.start, datetime.min.time())
    end = datetime.combine(segment.end, datetime.min.time()) + timedelta(days=1)
    if end - start < minimum:
        middle = start + (end - start) / 2
        start, end = middle - minimum / 2, middle + minimum / 2
    return start, end


def wrapped_label(label: str, width: int = LABEL_WRAP) -> str:
    """An exercise's axis label on lines of at most ``width`` characters (Plotly breaks on <br>)."""
    import textwrap

    lines = textwrap.wrap(label, width, break_long_words=False) or [label]
    return "<br>".join(html.escape(line) for line in lines)


def milestone_labels(
    milestones: Sequence[Milestone], first: date, last: date, room: int = LABEL_ROOM
) -> list[tuple[str, str]]:
    """Text and text position beside each star, on an axis from ``first`` to ``last``.

    Labels in the left half run right of their star, the others left of it, so
    the axis ends never clip them. Each label takes the row above the stars if
    it is free there, else the row below; with neither free it stays empty
    (the hover still names the milestone). Widths are estimated from the
    character count and ``room``, the characters that fit across the axis,
    since the server does not know the plot's pixel width.
    """
    span = max((last - first).days, 1)
    taken: dict[str, list[tuple[float, float]]] = {"top": [], "bottom": []}
    placed: list[tuple[str, str]] = []
    for milestone in milestones:
        text = milestone.label if len(milestone.label) <= LABEL_CHARS else milestone.label[: LABEL_CHARS - 1] + "…"
        at = (milestone.day - first).days / span
        width = len(text) / room
        side = "right" if at < 0.5 else "left"
        extent = (at, at + width) if side == "right" else (at - width, at)
        for row in ("top", "bottom"):
            if all(extent[1] < lo or extent[0] > hi for lo, hi in taken[row]):
                taken[row].append(extent)
                placed.append((text, f"{row} {side}"))
                break
        else:
            placed.append(("", "top right"))
    return placed


def build_timeline(
    exercises: Sequence[Exercise],
    milestones: Sequence[Milestone],
    palette: dict[str, str],
    *,
    focus: str | None = None,
    label_room: int = LABEL_ROOM,
):
    """A Plotly figure: bars per exercise/phase, middle markers, milestone stars.

    ``label_room``: how many label characters fit across the axis (wider plots, more labels).
    """
    import pandas as pd
    import plotly.graph_objects as go  # lazy: heavy

    milestones = sorted(milestones, key=lambda m: (m.day, m.label))
    dated = sorted(
        ((e, segments(e)) for e in exercises if segments(e)),
        key=lambda pair: (pair[1][0].start, pair[0].label),
    )
    all_segments = [s for _, segs in dated for s in segs]
    if not all_segments and not milestones:
        return go.Figure()
    first, last = _axis_range(all_segments, milestones) if all_segments else (
        min(m.day for m in milestones) - timedelta(days=30),
        max(m.day for m in milestones) + timedelta(days=30),
    )
    minimum = (last - first) * MIN_SHARE

    rows = []
    for exercise, segs in dated:
        colour = colour_of(palette, exercise.label)
        for segment in segs:
            start, end = _drawn_bounds(segment, minimum)
            rows.append(
                {
                    "exercise": exercise.label,
                    "start": start,
                    "end": end,
                    "colour": colour,
                    "hover": hover_text(exercise, segment),
                    "opacity": (0.35 if focus and exercise.label != focus else 1.0)
                    * (LOW_PRECISION_OPACITY if segment.approximate else 1.0),
                    "pattern": "/" if segment.approximate else "",
                }
            )
    row_order = [e.label for e, _ in dated]
    if rows:
        frame = pd.DataFrame(rows)
        # One horizontal bar trace per colour, not per exercise: a handful of traces however many
        # exercises. Plain go.Bar (base = start, length in ms on a date axis) is what px.timeline
        # draws, without importing plotly.express (0.4 s before the first chart).
        fig = go.Figure()
        for colour, group in frame.groupby("colour", sort=False):
            opacity, hatch = group["opacity"].tolist(), group["pattern"].tolist()
            fig.add_trace(go.Bar(
                base=group["start"],
                x=(group["end"] - group["start"]).dt.total_seconds() * 1000,
                y=group["exercise"],
                orientation="h",
                name=colour,
                customdata=list(zip(group["exercise"], group["hover"], strict=True)),
                hovertemplate="%{customdata[1]}<extra></extra>",
                marker={"color": colour, "line": {"width": 0},
                        "opacity": opacity if len(set(opacity)) > 1 else opacity[0],
                        **({"pattern": {"shape": hatch, "fgcolor": "#ffffff", "size": 6, "solidity": 0.3}}
                           if any(hatch) else {})},
            ))
        fig.update_layout(barmode="overlay")
        middles = frame.groupby("exercise", sort=False).agg(
            start=("start", "min"), end=("end", "max"), colour=("colour", "first"), hover=("hover", "first")
        )
        fig.add_trace(
            go.Scatter(
                x=middles["start"] + (middles["end"] - middles["start"]) / 2,
                y=middles.index,
                mode="markers",
                marker={"symbol": "diamond", "size": 11, "color": middles["colour"],
                        "line": {"width": 1, "color": "#ffffff"}},
                customdata=list(zip(middles.index, middles["hover"])),
                hovertemplate="%{customdata[1]}<extra></extra>",
                name="exercise",
                showlegend=False,
            )
        )
    else:
        fig = go.Figure()
    if milestones:
        labels = milestone_labels(milestones, first, last, label_room)
        fig.add_trace(
            go.Scatter(
                x=[datetime.combine(m.day, datetime.min.time()) for m in milestones],
                y=[MILESTONE_ROW] * len(milestones),
                mode="markers+text",
                text=[text for text, _ in labels],
                textposition=[position for _, position in labels],
                marker={"symbol": "star", "size": 13, "color": MILESTONE_COLOUR},
                customdata=[[None, f"<b>{html.escape(m.label)}</b><br>{m.day}"] for m in milestones],
                hovertemplate="%{customdata[1]}<extra></extra>",
                name="milestone",
                showlegend=False,
            )
        )
    categories = row_order + ([MILESTONE_ROW] if milestones else [])
    # Top to bottom in list order; half a row of room under the milestones for labels set below them.
    bottom = len(categories) - 0.5 + (0.6 if milestones else 0.0)
    fig.update_yaxes(
        categoryorder="array", categoryarray=categories, range=[bottom, -0.5], title=None, type="category",
        tickvals=categories, ticktext=[wrapped_label(c) for c in categories],  # the bars keep the width
    )
    fig.update_xaxes(type="date", range=[first.isoformat(), last.isoformat()], title=None)
    if (last - first).days >= YEARLY_TICKS_FROM:  # several years: a labelled tick every year
        fig.update_xaxes(dtick="M12", tick0="2000-01-01", tickformat="%Y")
    fig.update_layout(
        showlegend=False,
        height=min(MAX_HEIGHT, 140 + 34 * len(categories)),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
    )
    return fig


def selected_exercise(selection: object) -> str | None:
    """The exercise label of the first selected point of a Plotly selection event."""
    points = []
    if isinstance(selection, dict):
        points = selection.get("selection", {}).get("points", []) or []
    else:  # streamlit returns an attribute-style object
        points = getattr(getattr(selection, "selection", None), "points", None) or []
    for point in points:
        custom = point.get("customdata") if isinstance(point, dict) else None
        if custom and custom[0]:
            return str(custom[0])
        label = point.get("y") if isinstance(point, dict) else None
        if label and label != MILESTONE_ROW:
            return str(label)
    return None


MAX_ROWS = 300


def limit_rows(exercises: Sequence[Exercise], max_rows: int = MAX_ROWS) -> tuple[list[Exercise], int]:
    """At most ``max_rows`` exercises (the latest by start) and how many were left out.

    Beyond a few hundred rows a timeline is unreadable and its figure runs to
    megabytes; the page says how many it hides.
    """
    if len(exercises) <= max_rows:
        return list(exercises), 0
    ordered = sorted(exercises, key=lambda e: (e.start or e.end or date.min), reverse=True)
    return ordered[:max_rows], len(exercises) - max_rows
