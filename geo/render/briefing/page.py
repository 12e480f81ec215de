"""The briefing page: map, timeline and facts on one figure with header and footer, saved as PNG/PDF/SVG;
and the dashboard's Plotly timeline as an image through kaleido (system Chromium)."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from geo.core.errors import ExportError
from geo.core.model import Dataset
from geo.render.briefing.basemap import draw_map
from geo.render.briefing.panels import draw_facts, draw_timeline
from geo.render.briefing.view import DPI, BriefingView, briefing_view
from geo.render.filters import Filters
from geo.render.rows import ATTRIBUTION, exercise_colours
from geo.render.timeline import build_timeline

if TYPE_CHECKING:
    from matplotlib.figure import Figure  # lazy: heavy: only when a briefing is drawn



# --- pages -----------------------------------------------------------------------------


def _header_and_footer(fig: Figure, view: BriefingView, top: float) -> None:
    count = len(view.exercises)
    width_px = fig.get_size_inches()[0] * DPI
    fig.text(0.012, top, view.title, fontsize=20, fontweight="bold", va="top")
    fig.text(
        0.012,
        top - 0.045,
        f"{view.date_range}  ·  {count} exercise{'s' if count != 1 else ''}  ·  "
        f"{len(view.rows)} mapped location{'s' if len(view.rows) != 1 else ''}",
        fontsize=11,
        color="#444444",
        va="top",
    )
    sources = "; ".join(view.sources) or "none"
    # ~5.3 px per character at 8 pt; the stamp takes the right third.
    attribution = textwrap.shorten(
        f"{ATTRIBUTION}. Article sources: {sources}", int(width_px * 0.64 / 5.3), placeholder=" …"
    )
    fig.text(0.012, 0.012, attribution, fontsize=8, color="#555555", va="bottom")
    fig.text(
        0.988,
        0.012,
        f"Generated on {view.generated_on.isoformat()} · exercise-map (offline)",
        fontsize=8,
        color="#555555",
        va="bottom",
        ha="right",
    )


def render_figure(
    dataset: Dataset, view: BriefingView, size: tuple[int, int] = (1600, 1000), map_only: bool = False
) -> Figure:
    """The briefing (or map alone) as a matplotlib Figure of exactly ``size`` pixels."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # lazy: heavy: only when a briefing is drawn
    from matplotlib.figure import Figure  # lazy: heavy: only when a briefing is drawn

    width, height = size
    if width < 400 or height < 300:
        raise ExportError(
            f"image size {width}x{height} is too small for a readable map; use at least 400x300"
        )
    fig = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)  # a renderer to measure labels with, before saving
    header = 0.11 * 1000 / height  # the title band keeps its height in pixels
    top = 0.985
    _header_and_footer(fig, view, top)
    map_top = top - header
    if map_only:
        draw_map(fig.add_axes((0.012, 0.045, 0.976, map_top - 0.045)), view)
        return fig
    draw_map(fig.add_axes((0.012, 0.30, 0.6, map_top - 0.30)), view)
    facts_left = 0.635
    draw_facts(
        fig.add_axes((facts_left, 0.30, 0.99 - facts_left, map_top - 0.32)),
        view,
        {a.path: a.label for a in dataset.articles},
        width_chars=int((0.99 - facts_left) * width / 7.0),
    )
    draw_timeline(fig.add_axes((0.03, 0.07, 0.94, 0.17)), view, view.milestones)
    return fig


def _save(fig: Figure, path: Path) -> Path:
    import matplotlib  # lazy: heavy: only when a briefing is drawn

    path = Path(path)
    # SVG keeps text as text, so a briefer can edit the title in a slide tool.
    try:
        with matplotlib.rc_context({"svg.fonttype": "none"}):
            fig.savefig(path, dpi=DPI, format=path.suffix.lstrip(".").lower() or "png", facecolor="white")
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror}); choose another output path") from exc
    except ValueError as exc:
        raise ExportError(f"{path}: {exc}; use .png, .svg or .pdf") from exc
    return path


def write_briefing(
    dataset: Dataset,
    filters: Filters,
    path: Path,
    title: str | None = None,
    size: tuple[int, int] = (1600, 1000),
    map_only: bool = False,
    generated_on: date | None = None,
) -> Path:
    """The one-page briefing (or ``map_only``) as PNG (or .svg/.pdf by suffix)."""
    view = briefing_view(dataset, filters, title=title, generated_on=generated_on)
    return _save(render_figure(dataset, view, size=size, map_only=map_only), path)


def briefing_png(
    dataset: Dataset,
    filters: Filters,
    title: str | None = None,
    size: tuple[int, int] = (1600, 1000),
    map_only: bool = False,
) -> bytes:
    """The same image as bytes, for a download button."""
    import io

    view = briefing_view(dataset, filters, title=title)
    buffer = io.BytesIO()
    render_figure(dataset, view, size=size, map_only=map_only).savefig(buffer, dpi=DPI, format="png")
    return buffer.getvalue()


# --- the Plotly timeline through kaleido ---------------------------------------------------


def timeline_image(
    dataset: Dataset, filters: Filters, fmt: str = "png", size: tuple[int, int] = (1600, 600)
) -> bytes:
    """The dashboard's Plotly timeline as PNG/SVG bytes (kaleido drives the system Chromium)."""
    import os


    os.environ.setdefault("BROWSER_PATH", "/usr/bin/chromium")
    exercises = filters.apply(dataset.exercises)
    milestones = filters.apply_milestones(dataset.milestones, exercises)
    # about 8 px a label character on the axis of a plot this wide
    figure = build_timeline(exercises, milestones, exercise_colours(dataset),
                            label_room=max(20, size[0] // 10))
    figure.update_layout(title=filters.describe(), margin={"t": 60})
    try:
        return figure.to_image(format=fmt, width=size[0], height=size[1])
    except (RuntimeError, OSError, ValueError) as exc:
        raise ExportError(
            f"the timeline image needs Chromium for kaleido ({exc}); install it with "
            "`apt-get install chromium` or set BROWSER_PATH"
        ) from exc


def write_timeline_image(
    dataset: Dataset, filters: Filters, path: Path, size: tuple[int, int] = (1600, 600)
) -> Path:
    path = Path(path)
    fmt = path.suffix.lstrip(".").lower()
    if fmt not in ("png", "svg", "pdf"):
        raise ExportError(f"{path}: the timeline is written as .png, .svg or .pdf")
    data = timeline_image(dataset, filters, fmt=fmt, size=size)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror}); choose another output path") from exc
    return path
