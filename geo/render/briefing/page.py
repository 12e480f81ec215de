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
from geo.render.briefing.view import DPI, LEGEND_PX, BriefingView, briefing_view
from geo.render.filters import Filters
from geo.render.rows import ATTRIBUTION, exercise_colours, provenance_line
from geo.render.timeline import build_timeline

if TYPE_CHECKING:
    from matplotlib.figure import Figure  # lazy: heavy: only when a briefing is drawn



# --- pages -----------------------------------------------------------------------------

FOOTER_PX = 22  # the attribution line at the bottom
MAX_SOURCES_SHARE = 0.35  # of the image's height, at most, for the sources in full


def _header_and_footer(fig: Figure, view: BriefingView, top: float) -> None:
    count = len(view.exercises)
    fig.text(0.012, top, view.title, fontsize=20, fontweight="bold", va="top")
    fig.text(
        0.012,
        top - 0.045 * 1000 / (fig.get_size_inches()[1] * DPI),
        f"{view.date_range}  ·  {count} exercise{'s' if count != 1 else ''}  ·  "
        f"{len(view.rows)} mapped location{'s' if len(view.rows) != 1 else ''}",
        fontsize=11,
        color="#444444",
        va="top",
    )
    fig.text(0.012, 0.012, f"{ATTRIBUTION}.", fontsize=8, color="#555555", va="bottom")
    stamp = f"Generated on {view.generated_on.isoformat()} · exercise-map (offline)"
    fig.text(0.988, 0.012, f"{view.caveat}  ·  {stamp}" if view.caveat else stamp, fontsize=8,
             color="#555555", va="bottom", ha="right")
    if view.caveat:
        fig.text(0.5, 0.996, view.caveat, fontsize=10, fontweight="bold", color="#b00000", ha="center",
                 va="top")


def source_lines(view: BriefingView) -> list[str]:
    """What the sources band says: the provenance of the positions, then every source in full."""
    lines = [f"{view.provenance or provenance_line(view.rows)}.  Sources ({len(view.entries)}):"]
    lines += [f"{n}. {entry.line}" for n, entry in enumerate(view.entries, 1)] or ["none"]
    return lines


def _draw_sources(fig: Figure, view: BriefingView, bottom: float) -> float:
    """Every source in full above the footer, in one or two columns, the font shrunk to fit at most
    ``MAX_SOURCES_SHARE`` of the image; returns the band's top (figure fraction)."""
    renderer = fig.canvas.get_renderer()
    width_px, height_px = fig.get_size_inches() * DPI
    lines = source_lines(view)
    columns = 1 if len(lines) <= 4 else 2
    texts: list = []
    for size in (8, 7.5, 7, 6.5, 6, 5.5, 5):
        for text in texts:
            text.remove()
        chars = int((0.976 / columns - 0.01) * width_px / (size * 0.55 * DPI / 72))
        per_column = -(-len(lines) // columns)
        texts = []
        for column in range(columns):
            part = lines[column * per_column:(column + 1) * per_column]
            wrapped = [w for line in part for w in textwrap.wrap(line, chars, subsequent_indent="    ")]
            texts.append(fig.text(0.012 + column * 0.976 / columns, bottom, "\n".join(wrapped), fontsize=size,
                                  color="#333333", va="bottom", linespacing=1.25))
        top = max(t.get_window_extent(renderer).y1 for t in texts) / height_px
        if top - bottom <= MAX_SOURCES_SHARE:
            break
    return top


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
    px = 1 / height  # one pixel of height, as a figure fraction
    header = 0.11 * 1000 / height  # the title band keeps its height in pixels
    top = 0.985 - (18 * px if view.caveat else 0)
    _header_and_footer(fig, view, top)
    map_top = top - header
    sources_top = _draw_sources(fig, view, 0.012 + FOOTER_PX * px)
    legend = (LEGEND_PX + 14) / width  # the legend's column, right of the map frame
    if map_only:
        bottom = sources_top + 12 * px
        draw_map(fig.add_axes((0.012, bottom, 0.976 - legend, map_top - bottom)), view)
        return fig
    timeline_bottom = sources_top + 34 * px  # room for the dates under the axis
    timeline_height = 0.15
    map_bottom = timeline_bottom + timeline_height + 40 * px  # room for the timeline's title
    draw_map(fig.add_axes((0.012, map_bottom, 0.6 - legend, map_top - map_bottom)), view)
    facts_left = 0.635
    draw_facts(
        fig.add_axes((facts_left, map_bottom, 0.99 - facts_left, map_top - map_bottom - 0.02)),
        view,
        {a.path: a.label for a in dataset.articles},
        width_chars=int((0.99 - facts_left) * width / 7.0),
    )
    draw_timeline(fig.add_axes((0.03, timeline_bottom, 0.94, timeline_height)), view, view.milestones)
    return fig


def png_metadata(view: BriefingView) -> dict[str, str]:
    """PNG text chunks, so the facts an image rests on travel with the file: what it shows,
    how many positions an analyst checked, its sources and attribution, the caveat."""
    described = [f"{view.title}: {len(view.exercises)} exercise(s), {view.date_range}"]
    described += [view.provenance] if view.provenance else []
    described += [f"Caveat: {view.caveat}"] if view.caveat else []
    return {
        "Title": view.title,
        "Description": ". ".join(described) + ".",
        "Source": "; ".join(view.sources),
        "Copyright": ATTRIBUTION,
        "Creation Time": view.generated_on.isoformat(),
        "Software": "exercise-map briefing",
    }


def _save(fig: Figure, path: Path, view: BriefingView) -> Path:
    import matplotlib  # lazy: heavy: only when a briefing is drawn

    path = Path(path)
    # SVG keeps text as text, so a briefer can edit the title in a slide tool.
    try:
        with matplotlib.rc_context({"svg.fonttype": "none"}):
            fmt = path.suffix.lstrip(".").lower() or "png"
            fig.savefig(path, dpi=DPI, format=fmt, facecolor="white",
                        metadata=png_metadata(view) if fmt == "png" else None)
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
    return _save(render_figure(dataset, view, size=size, map_only=map_only), path, view)


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
    render_figure(dataset, view, size=size, map_only=map_only).savefig(
        buffer, dpi=DPI, format="png", metadata=png_metadata(view))
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
