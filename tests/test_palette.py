"""geo.render.palette: stable colour (and shape) per exercise label."""

from __future__ import annotations

import pytest

from geo.render.palette import (
    COLOURS,
    SHAPES,
    colour_of,
    exercise_palette,
    label_colour,
    shape_of,
    shapes_needed,
)

MANY = [f"Exercise {n}" for n in range(28)] + ["Zapad 2021"]


def test_colour_of_an_exercise_does_not_change_when_others_are_added():
    small = exercise_palette(["Allied Resolve 2022", "Zapad 2021"])
    large = exercise_palette(["Allied Resolve 2022", *MANY])
    assert len(large) == 30
    assert small["Allied Resolve 2022"] == large["Allied Resolve 2022"] == label_colour("Allied Resolve 2022")
    assert small["Zapad 2021"] == large["Zapad 2021"]
    # a label missing from a palette still gets its own colour
    assert colour_of({}, "Allied Resolve 2022") == label_colour("Allied Resolve 2022")


@pytest.mark.parametrize(
    ("label", "colour"),
    [  # pinned: a colour that moves between releases breaks last week's briefing slides
        ("Allied Resolve 2022", "#ff9da7"),
        ("Zapad 2021", "#e15759"),
    ],
)
def test_colour_is_a_pure_function_of_the_label(label, colour):
    assert colour in COLOURS
    assert exercise_palette([label, "other"])[label] == colour


def test_shapes_join_colour_once_colours_repeat():
    two = exercise_palette(["Allied Resolve 2022", "Zapad 2021"])
    many = exercise_palette(["Allied Resolve 2022", *MANY])
    if len(set(two.values())) == 2:  # distinct colours: plain circles
        assert not shapes_needed(two) and shape_of(two, "Allied Resolve 2022") == "circle"
    assert shapes_needed(many)  # 30 exercises, 9 colours
    shapes = {shape_of(many, label) for label in many}
    assert shapes <= set(SHAPES) and len(shapes) > 1


@pytest.mark.parametrize("count", [3, 10, 20, 29, 36])
def test_no_two_exercises_share_both_colour_and_shape(count):
    labels = [f"Exercise {n}" for n in range(count)]
    palette = exercise_palette(labels)
    looks = [(palette[label], shape_of(palette, label)) for label in labels]
    per_colour = max(list(palette.values()).count(c) for c in palette.values())
    if per_colour <= len(SHAPES):
        assert len(set(looks)) == count


def test_real_collision_seen_on_the_seed_articles_is_resolved():
    labels = ["Allied Resolve 2022", "Eagle Assault", "Unnamed exercise (UKR, 2022-02-10)"]
    palette = exercise_palette(labels)
    assert palette["Eagle Assault"] == palette["Unnamed exercise (UKR, 2022-02-10)"]  # one hash colour
    assert shape_of(palette, "Eagle Assault") != shape_of(palette, "Unnamed exercise (UKR, 2022-02-10)")
