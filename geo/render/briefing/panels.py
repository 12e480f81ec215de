"""The briefing's side panels: the timeline of exercises and milestones, and a facts box per exercise."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from geo.core.countries import country_name
from geo.core.model import Exercise
from geo.render.briefing.view import CHECKED_MARK, MAX_TIMELINE_ROWS, BriefingView, short_day
from geo.render.rows import LocationRow

if TYPE_CHECKING:
    from matplotlib.axes import Axes  # lazy: heavy: only when a briefing is drawn



# --- the timeline ---------------------------------------------------------------------


def draw_timeline(ax: Axes, view: BriefingView, milestones: Sequence = ()) -> None:
    """Bars start -> end per exercise, phases darker, milestones as diamonds."""
    import matplotlib.dates as mdates  # lazy: heavy: only when a briefing is drawn

    ordered = sorted(
        (e for e in view.exercises if e.start or e.end), key=lambda e: (e.start or e.end, e.label)
    )
    hidden = len(ordered) - MAX_TIMELINE_ROWS
    title = "Timeline"
    if hidden > 0:  # the latest ones: what a briefing is usually about
        ordered = ordered[-MAX_TIMELINE_ROWS:]
        title += f" (latest {MAX_TIMELINE_ROWS}; {hidden} earlier exercises in the CSV export)"
    ax.set_title(title, loc="left", fontsize=11, fontweight="bold")
    days = [d for e in ordered for d in (e.start, e.end) if d]
    if days:
        milestones = [m for m in milestones if min(days) - timedelta(days=365) <= m.day <= max(days)]
    days += [m.day for m in milestones]
    if not days:
        ax.text(0.5, 0.5, "No dated exercise to show", transform=ax.transAxes, ha="center", va="center")
        ax.set_axis_off()
        return
    first, last = min(days), max(days)
    span = max((last - first).days, 30)
    minimum = timedelta(days=span * 0.012)  # a 10-day drill stays visible on a multi-year axis
    for y, exercise in enumerate(ordered):
        start = exercise.start or exercise.end
        end = max(exercise.end or start, start + minimum)
        colour = view.colours.get(exercise.label, "#444444")
        ax.barh(
            y,
            mdates.date2num(end) - mdates.date2num(start),
            left=mdates.date2num(start),
            height=0.55,
            color=colour,
            alpha=0.85,
        )
        for phase in exercise.phases:
            if phase.start and phase.end:
                ax.barh(
                    y,
                    mdates.date2num(max(phase.end, phase.start + minimum)) - mdates.date2num(phase.start),
                    left=mdates.date2num(phase.start),
                    height=0.55,
                    color="black",
                    alpha=0.25,
                )
        when = short_day(start) if exercise.end in (None, start) else f"{short_day(start)} – {short_day(exercise.end)}"
        ax.annotate(
            f"{exercise.label}  ({when})",
            (mdates.date2num(end), y),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
        )
    if milestones:
        y = len(ordered)
        for cluster in _clusters(sorted(milestones, key=lambda m: m.day), timedelta(days=span * 0.04)):
            for milestone in cluster:
                ax.plot(mdates.date2num(milestone.day), y, marker="D", color="#444444", markersize=7)
            words = " · ".join(dict.fromkeys(m.label for m in cluster))
            ax.annotate(
                textwrap.shorten(words, 70, placeholder=" …"),
                (mdates.date2num(cluster[-1].day), y),
                xytext=(6, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
                color="#444444",
            )
    pad = timedelta(days=span * 0.04)
    left = first - pad
    if span > 400:  # start at a year boundary so the first year is named on the axis
        left = min(left, date(first.year, 1, 1))
    ax.set_xlim(mdates.date2num(left), mdates.date2num(last + pad + timedelta(days=span * 0.3)))
    ax.set_ylim(len(ordered) + (0.6 if milestones else -0.4), -0.6)
    ax.set_yticks([])
    if span > 400:  # years as labels, quarters as ticks: no bare "Jul" of an unnamed year
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.xaxis.set_minor_locator(mdates.MonthLocator((1, 4, 7, 10)))
    else:
        locator = mdates.AutoDateLocator(maxticks=10)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)


def _clusters(milestones: Sequence, gap: timedelta) -> list[list]:
    """Milestones (sorted by day) closer than ``gap`` share one label, so labels do not overprint."""
    clusters: list[list] = []
    for milestone in milestones:
        if clusters and milestone.day - clusters[-1][-1].day <= gap:
            clusters[-1].append(milestone)
        else:
            clusters.append([milestone])
    return clusters


# --- the facts box --------------------------------------------------------------------


def drill_site_names(rows: Sequence[LocationRow]) -> list[str]:
    """The drill sites' names, sorted; one an analyst checked carries the check mark."""
    checked = {r.location.place.name for r in rows if r.location.role == "drill" and r.location.verified}
    names = sorted({r.location.place.name for r in rows if r.location.role == "drill"})
    return [f"{name} {CHECKED_MARK}" if name in checked else name for name in names]


def exercise_facts(exercise: Exercise, rows: Sequence[LocationRow], sources: dict[str, str]) -> list[str]:
    """The lines of one exercise's facts box, in the order a briefer reads them."""
    if exercise.start and exercise.end and exercise.end != exercise.start:
        days = (exercise.end - exercise.start).days + 1
        when = f"{short_day(exercise.start)} – {short_day(exercise.end)} ({days} days)"
    elif exercise.start or exercise.end:
        when = short_day(exercise.start or exercise.end)
    else:
        when = "dates not reported"
    own = [r for r in rows if r.exercise is exercise or r.exercise.label == exercise.label]
    sites = drill_site_names(own)
    distances = list(
        dict.fromkeys(r.distance_phrase for r in own if r.location.role == "drill" and r.distance_phrase)
    )
    titles = sorted(
        {sources.get(p, p) for p in exercise.articles}
        | {sources.get(r.location.evidence.article, r.location.evidence.article) for r in own}
    )
    return [
        f"When: {when}",
        "Participants: " + (", ".join(country_name(c) for c in exercise.participants) or "not reported"),
        "Troops claimed: " + ("; ".join(c.text for c in exercise.troops) or "not reported"),
        "Equipment: " + (", ".join(exercise.equipment) or "not reported"),
        "Where: " + (", ".join(sites) or "no place resolved"),
        "NATO border: " + ("; ".join(distances) or "n/a"),
        "Sources: " + ("; ".join(titles) or "none"),
    ]


def compact_facts(exercise: Exercise, rows: Sequence[LocationRow]) -> str:
    """One line per exercise, for a view with more exercises than full boxes fit:
    'when · where · who'."""
    if exercise.start and exercise.end and exercise.end != exercise.start:
        when = f"{short_day(exercise.start)} – {short_day(exercise.end)}"
    elif exercise.start or exercise.end:
        when = short_day(exercise.start or exercise.end)
    else:
        when = "dates not reported"
    own = [r for r in rows if r.exercise is exercise or r.exercise.label == exercise.label]
    sites = drill_site_names(own)
    who = ", ".join(exercise.participants) or "participants not reported"
    return f"{when} · {', '.join(sites) or 'no place resolved'} · {who}"


def draw_facts(ax: Axes, view: BriefingView, sources: dict[str, str], width_chars: int) -> None:
    """A facts box per exercise, latest first; when they do not all fit, a compact table of one
    line per exercise instead (font shrunk, then two columns): every exercise of the view is listed."""
    ax.set_axis_off()
    ax.set_title("Facts per exercise", loc="left", fontsize=11, fontweight="bold")
    if not view.exercises:
        ax.text(
            0,
            0.95,
            "No exercise matches these filters.\nWiden the date range or clear the country filter.",
            transform=ax.transAxes,
            va="top",
            fontsize=10,
        )
        return
    # Latest first: what a briefing leads with, and the ones the timeline keeps when crowded.
    latest_first = sorted(view.exercises, key=lambda e: e.start or e.end or date.min, reverse=True)
    for size in (9, 8, 7):  # full boxes, a little smaller if need be
        if _draw_boxes(ax, view, latest_first, sources, int(width_chars * 9 / size), size):
            return
    _draw_table(ax, view, latest_first, width_chars)


def _draw_boxes(ax: Axes, view: BriefingView, exercises: Sequence[Exercise], sources: dict[str, str],
                width_chars: int, size: float = 9) -> bool:
    """Full boxes; False (and nothing drawn) when they do not all fit."""
    renderer = ax.figure.canvas.get_renderer()
    to_axes = ax.transAxes.inverted()
    drawn: list = []
    y = 0.99
    for exercise in exercises:
        lines = [
            wrapped
            for line in exercise_facts(exercise, view.rows, sources)
            for wrapped in textwrap.wrap(line, width_chars, subsequent_indent="   ")
        ]
        colour = view.colours.get(exercise.label, "#444444")
        block = [
            ax.text(0, y, "■ ", transform=ax.transAxes, va="top", fontsize=size + 3, color=colour),
            ax.text(
                0.035, y, exercise.label, transform=ax.transAxes, va="top", fontsize=size + 2, fontweight="bold"
            ),
        ]
        heading_bottom = to_axes.transform((0, block[1].get_window_extent(renderer).y0))[1]
        block.append(
            ax.text(
                0.035,
                heading_bottom - 0.01,
                "\n".join(lines),
                transform=ax.transAxes,
                va="top",
                fontsize=size,
                linespacing=1.35,
            )
        )
        drawn += block
        bottom = to_axes.transform((0, block[2].get_window_extent(renderer).y0))[1]
        if bottom < 0:  # measured, not guessed
            for artist in drawn:
                artist.remove()
            return False
        y = bottom - 0.035 * size / 9
    return True


def _draw_table(ax: Axes, view: BriefingView, exercises: Sequence[Exercise], width_chars: int) -> None:
    """One line per exercise: the name in bold, then when · where · who; smaller, then in two columns,
    until every exercise fits."""
    renderer = ax.figure.canvas.get_renderer()
    height_px = ax.get_window_extent(renderer).height
    for columns in (1, 2, 3):
        for size in (9, 8, 7, 6.5, 6):
            line_px = size * 1.3 * ax.figure.dpi / 72 * 2  # name and facts: two lines per exercise
            per_column = -(-len(exercises) // columns)
            if per_column * line_px <= height_px * 0.98 or (columns == 3 and size == 6):
                break
        else:
            continue
        break
    step = line_px / height_px
    chars = int(width_chars * 9 / size / columns)
    for index, exercise in enumerate(exercises):
        column, row = divmod(index, per_column)
        x, y = column / columns, 0.99 - row * step
        colour = view.colours.get(exercise.label, "#444444")
        ax.text(x, y, "■", transform=ax.transAxes, va="top", fontsize=size + 1, color=colour)
        _fitted_label(ax, x + 0.03, y, exercise.label, 1 / columns - 0.04, size)
        ax.text(x + 0.03, y - step / 2, textwrap.shorten(compact_facts(exercise, view.rows), chars,
                                                         placeholder="…"),
                transform=ax.transAxes, va="top", fontsize=size, color="#333333")


MIN_LABEL_SIZE = 5.0


def _fitted_label(ax: Axes, x: float, y: float, label: str, width: float, size: float) -> None:
    """An exercise's name in full, in bold, within ``width`` (axes fraction) of its column: a long
    name ("Unnamed exercise (BLR/RUS, 2031-03-02)") is set smaller rather than cut, since two names
    cut to the same prefix could no longer be told apart; only below ``MIN_LABEL_SIZE`` is it cut."""
    renderer = ax.figure.canvas.get_renderer()
    room = width * ax.get_window_extent(renderer).width
    text = ax.text(x, y, label, transform=ax.transAxes, va="top", fontsize=size, fontweight="bold")
    drawn = text.get_window_extent(renderer).width
    if drawn <= room:
        return
    fitted = size * room / drawn
    if fitted >= MIN_LABEL_SIZE:
        text.set_fontsize(fitted)
        return
    text.set_fontsize(MIN_LABEL_SIZE)
    chars = max(8, int(len(label) * room / (drawn * MIN_LABEL_SIZE / size)))
    text.set_text(textwrap.shorten(label, chars, placeholder="…"))
