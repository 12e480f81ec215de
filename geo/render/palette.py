"""One colour (and, when colours run short, one shape) per exercise, shared by the map,
the timeline and the legend.

An exercise's colour is derived from its label alone (a stable hash into
``COLOURS``), so it never changes when other articles are added or the filters
change. Nine colours cannot tell more exercises apart, so as soon as two
exercises of a palette share a colour a marker *shape* joins the colour, also
derived from the label: two exercises with the same colour are then still
told apart on the map and in its legend.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache

# Tableau 10, minus grey (grey is reserved for context places).
COLOURS: tuple[str, ...] = (
    "#4e79a7", "#e15759", "#f28e2b", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
)
# A label's own shape is one of the first four; the last three are taken only when the four of one
# colour are all in use (a desk of ~30 exercises puts five or six on one hashed colour).
BASE_SHAPES: tuple[str, ...] = ("circle", "square", "triangle", "diamond")
EXTRA_SHAPES: tuple[str, ...] = ("hexagon", "star", "pentagon")
SHAPES: tuple[str, ...] = BASE_SHAPES + EXTRA_SHAPES
CONTEXT_COLOUR = "#8c8c8c"
MILESTONE_COLOUR = "#444444"


def _digest(label: str) -> int:
    """A hash of the label that is the same in every process (unlike ``hash``)."""
    return int.from_bytes(hashlib.sha256(label.encode("utf-8")).digest()[:8], "big")


def label_colour(label: str) -> str:
    """The label's colour: a function of the label only."""
    return COLOURS[_digest(label) % len(COLOURS)]


def label_shape(label: str) -> str:
    """The label's marker shape, independent of its colour (another part of the hash)."""
    return BASE_SHAPES[(_digest(label) // len(COLOURS)) % len(BASE_SHAPES)]


def exercise_palette(labels: Iterable[str]) -> dict[str, str]:
    """label -> colour; each label's colour is its own, whatever the other labels."""
    return {label: label_colour(label) for label in sorted(set(labels))}


def colour_of(palette: Mapping[str, str], label: str) -> str:
    """The label's colour (the palette's, which is the label's own unless a caller chose)."""
    return palette.get(label) or label_colour(label)


def shapes_needed(palette: Mapping[str, str]) -> bool:
    """True when two exercises of the palette share a colour: shapes must tell them apart."""
    return len(set(palette.values())) < len(palette)


def shape_of(palette: Mapping[str, str], label: str) -> str:
    """The marker shape of ``label``: a circle while colours suffice, else the label's own shape,
    or, when an exercise of the same colour (earlier in label order) has that shape, the next
    free one (``EXTRA_SHAPES`` after the four), so colour + shape tell up to seven exercises of one
    colour apart, 63 in all."""
    return marker_shapes(palette)(label)


def marker_shapes(palette: Mapping[str, str]) -> Callable[[str], str]:
    """``shape_of`` for every label of one palette, worked out once (a map asks per feature)."""
    if not shapes_needed(palette):
        return lambda _label: "circle"
    shapes = _shapes(tuple(sorted(palette.items())))
    return lambda label: shapes.get(label) or label_shape(label)


@lru_cache(maxsize=16)
def _shapes(items: tuple[tuple[str, str], ...]) -> dict[str, str]:
    taken: dict[str, set[str]] = {}
    shapes: dict[str, str] = {}
    for label, colour in items:
        used = taken.setdefault(colour, set())
        start = BASE_SHAPES.index(label_shape(label))
        free = [BASE_SHAPES[(start + step) % len(BASE_SHAPES)] for step in range(len(BASE_SHAPES))]
        free += EXTRA_SHAPES
        shape = next((s for s in free if s not in used), free[0])
        used.add(shape)
        shapes[label] = shape
    return shapes
