"""What a briefing shows: the filtered rows, exercises, sources and dates, and the house style."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from geo.core.model import Dataset, Exercise, Milestone
from geo.render.filters import Filters
from geo.render.rows import LocationRow, dataset_rows, exercise_colours, provenance_line
from geo.render.sources import SourceEntry, source_entries

CAVEAT_ENV = "EXERCISE_MAP_CAVEAT"  # e.g. "UNCLASSIFIED – FOR TRAINING": printed on every image
DPI = 100
CHECKED_MARK = "✓"  # after a drill site an analyst checked (DejaVu Sans has the glyph)
LAND = "#f3f0e8"
SEA = "#c9dff0"
# NATO shading: a muted green, far from the sea's blue and the other land's beige
NATO_FILL = "#cfe0b0"
BORDER_GREY = "#a3a3a3"
CONTEXT_GREY = "#8c8c8c"
# Where the map looks when nothing matches: the region the tool is about.
DEFAULT_BOUNDS = (14.0, 46.0, 40.0, 60.0)
MIN_SPAN_M = 650_000  # never zoom closer than ~650 km across: a briefing needs neighbours for context
MAX_LABELS = 30  # names on the map; past this the CSV carries them
MAX_LEGEND_EXERCISES = 10
LEGEND_CHARS = 30  # an exercise's name in the legend, shortened past this
LEGEND_PX = 210  # the legend's column, right of the map frame
MAX_TIMELINE_ROWS = 10
NICE_KM = (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000)  # a world-wide view too


@dataclass(frozen=True)
class BriefingView:
    """What one image shows: the filtered exercises, their rows and the words around them."""

    title: str
    exercises: tuple[Exercise, ...]
    rows: tuple[LocationRow, ...]
    colours: dict[str, str]
    sources: tuple[str, ...]
    generated_on: date
    milestones: tuple[Milestone, ...] = ()
    entries: tuple[SourceEntry, ...] = ()  # the sources cited in full (outlet, date, URL, state flag)
    provenance: str = ""  # "N positions extracted automatically, M checked by an analyst"
    caveat: str = ""  # a handling caveat printed at the top and bottom

    @property
    def date_range(self) -> str:
        days = [d for e in self.exercises for d in (e.start, e.end) if d]
        if not self.exercises:
            return "nothing matches"
        if not days:
            return "no dated exercise"
        return f"{short_day(min(days))} – {short_day(max(days))}"

    @property
    def as_of(self) -> date:
        """The day NATO is drawn for: the latest exercise start (membership changes)."""
        starts = [e.start for e in self.exercises if e.start]
        return max(starts) if starts else self.generated_on


def short_day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def briefing_view(
    dataset: Dataset, filters: Filters, title: str | None = None, generated_on: date | None = None,
    caveat: str | None = None,
) -> BriefingView:
    """``caveat``: printed on the image; by default the setting ``EXERCISE_MAP_CAVEAT``."""
    exercises = tuple(filters.apply(dataset.exercises))
    rows = tuple(dataset_rows(dataset, filters))
    by_path = {a.path: a.label for a in dataset.articles}
    paths = sorted({p for e in exercises for p in e.articles} | {r.location.evidence.article for r in rows})
    return BriefingView(
        title=(title or "").strip() or filters.describe(),
        exercises=exercises,
        rows=rows,
        colours=exercise_colours(dataset),
        sources=tuple(by_path.get(p, p) for p in paths),
        generated_on=generated_on or date.today(),
        milestones=tuple(filters.apply_milestones(dataset.milestones, exercises)),
        entries=tuple(source_entries(paths, dataset.articles)),
        provenance=provenance_line(rows),
        caveat=(os.environ.get(CAVEAT_ENV, "") if caveat is None else caveat).strip(),
    )
