"""The briefing map's names: where each goes so that none overprints another (site names first,
then country names, then places only mentioned; a name that fits nowhere is left out)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geo.render.briefing.view import MAX_LABELS

if TYPE_CHECKING:
    from matplotlib.axes import Axes  # lazy: heavy: only when a briefing is drawn


def halo(width: float = 3.0) -> list:
    import matplotlib.patheffects as pe  # lazy: heavy: only when a briefing is drawn

    return [pe.withStroke(linewidth=width, foreground="white")]


@dataclass(frozen=True)
class Label:
    text: str
    anchor: tuple[float, float]  # projected metres
    drill: bool
    marker: bool  # a dot is drawn at the anchor (an obstacle for other labels)
    country: bool = False  # a country's name at its label point (basemap style)


# Candidate offsets (points) and alignments around an anchor, best first.
_LABEL_SPOTS = (
    ((7, 4), "left", "bottom"),
    ((7, -4), "left", "top"),
    ((-7, 4), "right", "bottom"),
    ((-7, -4), "right", "top"),
    ((9, 0), "left", "center"),
    ((-9, 0), "right", "center"),
    ((0, 9), "center", "bottom"),
    ((0, -9), "center", "top"),
    ((16, 14), "left", "bottom"),
    ((16, -14), "left", "top"),
    ((-16, 14), "right", "bottom"),
    ((-16, -14), "right", "top"),
    ((26, 22), "left", "bottom"),
    ((26, -22), "left", "top"),
    ((-26, 22), "right", "bottom"),
    ((-26, -22), "right", "top"),
)
# A country's name sits on its label point, or nudged a little when a site's name is there.
_COUNTRY_SPOTS = (
    ((0, 0), "center", "center"),
    ((0, 12), "center", "center"),
    ((0, -12), "center", "center"),
    ((0, 24), "center", "center"),
    ((0, -24), "center", "center"),
    ((30, 0), "center", "center"),
    ((-30, 0), "center", "center"),
    ((30, 18), "center", "center"),
    ((-30, 18), "center", "center"),
    ((30, -18), "center", "center"),
    ((-30, -18), "center", "center"),
    ((0, 36), "center", "center"),
    ((0, -36), "center", "center"),
    ((50, 0), "center", "center"),
    ((-50, 0), "center", "center"),
)


def furniture_boxes(ax: Axes, legend) -> list:
    """Display boxes of the legend, north arrow and scale bar: no place name may hide under them."""
    from matplotlib.transforms import Bbox  # lazy: heavy: only when a briefing is drawn

    renderer = ax.figure.canvas.get_renderer()
    corners = ((0.0, 0.76, 0.09, 1.0), (0.7, 0.0, 1.0, 0.11))  # north arrow, scale bar (axes fraction)
    boxes = [Bbox(ax.transAxes.transform([(x0, y0), (x1, y1)])) for x0, y0, x1, y1 in corners]
    return [legend.get_window_extent(renderer), *boxes]


def place_labels(ax: Axes, labels: Sequence[Label], avoid: Sequence = ()) -> None:
    """Put each label in the first spot around its anchor that overlaps nothing placed yet.

    Drill sites are placed first, then country names, then places only mentioned. A label
    that fits nowhere is left out rather than printed over another (no two labels ever
    overprint; the facts and the CSV name every site). Past ``MAX_LABELS`` site names the
    map is too crowded to read them anyway: the legend and the CSV carry them.
    """
    from matplotlib.transforms import Bbox  # lazy: heavy: only when a briefing is drawn

    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    sites = [label for label in labels if not label.country][:MAX_LABELS]
    names = [label for label in labels if label.country]
    labels = [label for label in sites if label.drill] + names + [label for label in sites if not label.drill]
    dots = [tuple(ax.transData.transform(label.anchor)) for label in labels]
    marker_boxes = [Bbox.from_extents(x - 6, y - 6, x + 6, y + 6) for x, y in dots]
    placed: list[Bbox] = list(avoid)
    for index, label in enumerate(labels):
        obstacles = placed + [box for i, box in enumerate(marker_boxes) if labels[i].marker and i != index]
        for offset, ha, va in _COUNTRY_SPOTS if label.country else _LABEL_SPOTS:
            text = _annotate(ax, label, offset, ha, va)
            box = text.get_window_extent(renderer).padded(2)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
            if inside and not any(box.overlaps(other) for other in obstacles):
                placed.append(box)
                break
            text.remove()


def _annotate(ax: Axes, label: Label, offset: tuple[float, float], ha: str, va: str):
    """A place name beside its anchor; drill sites darker and larger than context places."""
    if label.country:
        return ax.annotate(label.text, label.anchor, xytext=offset, textcoords="offset points", ha=ha, va=va,
                           fontsize=8, color="#6f6756", fontweight="bold", zorder=2, alpha=0.9,
                           path_effects=halo(2.5))
    return ax.annotate(
        label.text,
        label.anchor,
        xytext=offset,
        textcoords="offset points",
        ha=ha,
        va=va,
        fontsize=9 if label.drill else 8,
        color="#1a1a1a" if label.drill else "#666666",
        zorder=8,
        path_effects=halo(),
    )
