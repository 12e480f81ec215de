"""One colour per exercise, shared by the map, the timeline and the legend.

Colours are assigned over the *whole* dataset's labels (sorted), not the
filtered ones, so an exercise keeps its colour when the filters change.
"""

from __future__ import annotations

from collections.abc import Iterable

# Tableau 10, minus grey (grey is reserved for context places).
COLOURS: tuple[str, ...] = (
    "#4e79a7", "#e15759", "#f28e2b", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
)
CONTEXT_COLOUR = "#8c8c8c"
MILESTONE_COLOUR = "#444444"


def exercise_palette(labels: Iterable[str]) -> dict[str, str]:
    """label -> colour, stable for a given set of labels."""
    ordered = sorted(set(labels))
    return {label: COLOURS[index % len(COLOURS)] for index, label in enumerate(ordered)}


def colour_of(palette: dict[str, str], label: str) -> str:
    """The label's colour; a label missing from the palette gets a stable fallback."""
    if label in palette:
        return palette[label]
    return COLOURS[sum(label.encode()) % len(COLOURS)]
