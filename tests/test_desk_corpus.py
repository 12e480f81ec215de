"""The desk corpus (tests/desk_articles/, 28 short articles written for these tests) through every
output: ~28 exercises on one map, one briefing, one timeline and one URL, every one legible.

The dataset is built once by the real pipeline (gazetteer, rules, merge), so these tests also say
what the rules extract from a desk's worth of ordinary news language.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from geo.core.model import Dataset, Exercise
from geo.pipeline import build_dataset
from geo.render.filters import Filters
from geo.render.palette import exercise_palette

CORPUS = Path(__file__).parent / "desk_articles"
STAMP_DAY = date(2031, 12, 31)
HOSTILE = "<script>alert(1)</script>"
# Every exercise the corpus reports, by label; the mentioned-only editions (Aurora 17, Saber Strike 16) are not.
EXPECTED = {
    "Unnamed exercise (BLR/RUS, 2031-03-02)", "Union Shield 2031", "Western Bridge 2031", "Spring Lynx 2031",
    "Winter Hammer 2031", "Northern Gate 2031", "Vistula Guard 2031", "Harbour Lantern 2030",
    "Sea Breeze 2031", "Southern Wave 2031", "Joint Sword 2031", "Freedom Edge 2031", "Southern Jackaroo 2031",
    "Balikatan 2031", "Cobra Gold 2031", "Great Prophet 2031", "Eager Lion 2031", "Flintlock 2031",
    "Unnamed exercise (KEN/TZA, 2031-06-14)", "UNITAS 2031", "Amazon Shield 2031", "RIMPAC 2030",
    "Narva Watch 2031", "Cold Response 2031", "Zapad 2031", "Eagle Strike 2031",
    "Unnamed exercise (BLR/RUS, 2031-11-03)", "Iron Wolf 2031",
}
AT_BREST = {"Unnamed exercise (BLR/RUS, 2031-03-02)", "Union Shield 2031", "Western Bridge 2031"}
IN_BELARUS = {"Zapad 2031", "Eagle Strike 2031", "Unnamed exercise (BLR/RUS, 2031-11-03)"}


@pytest.fixture(scope="module")
def desk() -> Dataset:
    return build_dataset(sorted(CORPUS.glob("*.txt")))


def by_label(dataset: Dataset) -> dict[str, Exercise]:
    return {e.label: e for e in dataset.exercises}


def test_the_corpus_is_a_desk_of_news(desk: Dataset):
    assert len(desk.articles) >= 25 and not desk.problems
    assert {e.label for e in desk.exercises} == EXPECTED
    exercises = by_label(desk)
    for label in EXPECTED:
        assert exercises[label].drill_locations(), label  # every one has a place to be drawn
    assert {loc.place.name for label in AT_BREST for loc in exercises[label].drill_locations()} == {"Brest"}
    assert {loc.place.name for label in IN_BELARUS for loc in exercises[label].drill_locations()} == {"Belarus"}
    tapa = [label for label, e in exercises.items() if any(loc.place.name == "Tapa" for loc in e.drill_locations())]
    assert sorted(tapa) == ["Spring Lynx 2031", "Winter Hammer 2031"]
    harbour = exercises["Harbour Lantern 2030"]
    assert (harbour.start, harbour.end) == (None, None)
    # passing mentions of past editions leave the reporting exercise whole
    assert (exercises["Northern Gate 2031"].start, exercises["Northern Gate 2031"].end) == (
        date(2031, 8, 1), date(2031, 8, 12))


# ---- briefing ------------------------------------------------------------------------------------


def _figure(dataset: Dataset, map_only: bool = False):
    from geo.render.briefing import briefing_view, render_figure

    view = briefing_view(dataset, Filters(), generated_on=STAMP_DAY)
    return render_figure(dataset, view, size=(1600, 1000), map_only=map_only)


def _texts(fig) -> list[str]:
    from matplotlib.text import Text

    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def test_the_briefing_lists_every_exercise_and_escapes_nothing_it_should_not(desk: Dataset):
    texts = _texts(_figure(desk))
    for label in EXPECTED:
        assert label in texts, label
    assert not any("more exercise(s)" in t for t in texts)
    joined = "\n".join(texts)
    assert "[STATE-AFFILIATED" in joined  # TASS and Xinhua are flagged
    assert not any(t.startswith("Aurora 17") for t in texts)  # named only in passing: no exercise


@pytest.mark.parametrize("map_only", [False, True])
def test_no_two_briefing_map_labels_overprint(desk: Dataset, map_only: bool):
    fig = _figure(desk, map_only=map_only)
    renderer = fig.canvas.get_renderer()
    ax = next(ax for ax in fig.axes if ax.get_legend() is not None)
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts if t.get_visible() and t.get_text()]
    assert len(boxes) > 10
    for i, (text, box) in enumerate(boxes):
        for other, other_box in boxes[i + 1:]:
            assert not box.overlaps(other_box), (text, other)
    legend = ax.get_legend().get_window_extent(renderer)
    assert legend.x0 >= ax.get_window_extent(renderer).x1 and legend.x1 <= fig.bbox.width


# ---- the map ---------------------------------------------------------------------------------------


def _no_geometry(key: str):
    from geo.geometry.shapes import geometry_for

    return geometry_for(key)


def test_every_exercise_on_the_map_has_a_colour_and_shape_of_its_own(desk: Dataset):
    from geo.render.mapfeatures import group_features

    palette = exercise_palette(e.label for e in desk.exercises)
    features = [f for f in group_features(desk.exercises, palette, _no_geometry) if not f.context and f.interactive]
    looks: dict[str, set[tuple[str, str]]] = {}
    for feature in features:
        label = feature.sites[0].exercise.label
        looks.setdefault(label, set()).add((feature.colour, feature.marker))
    assert set(looks) == EXPECTED
    assert all(len(pairs) == 1 for pairs in looks.values())  # one look per exercise, wherever drawn
    pairs = Counter(next(iter(p)) for p in looks.values())
    assert max(pairs.values()) == 1, [p for p, n in pairs.items() if n > 1]


def test_the_three_brest_exercises_are_spread_to_distinct_positions(desk: Dataset):
    from geo.render.mapfeatures import bounds_of, group_features, spread_points

    palette = exercise_palette(e.label for e in desk.exercises)
    at_brest = [e for e in desk.exercises if e.label in AT_BREST]
    features = group_features(at_brest, palette, _no_geometry)
    features = [f for f in features if not f.context and f.shape == "point"]
    assert {f.sites[0].exercise.label for f in features} == AT_BREST
    for bounds in (bounds_of(features, _no_geometry), ((-60.0, -180.0), (75.0, 180.0))):
        positions = spread_points(features, bounds)
        assert len(set(positions)) == 3  # three markers, not one on top of the other
    # in the whole desk's map too
    everything = group_features(desk.exercises, palette, _no_geometry)
    spread = spread_points(everything, bounds_of(everything, _no_geometry))
    brest = {spread[i] for i, f in enumerate(everything) if f.shape == "point"
             and f.sites[0].exercise.label in AT_BREST and not f.context}
    assert len(brest) == 3


@pytest.fixture(scope="module")
def desk_map_html(desk: Dataset) -> str:
    from geo.render.mapview import build_map

    palette = exercise_palette(e.label for e in desk.exercises)
    fmap = build_map(desk.exercises, palette, basemap_scale=None,
                     articles={a.path: a for a in desk.articles}, labels=False)
    return fmap.get_root().render()


def test_the_desk_map_escapes_article_text(desk_map_html: str):
    assert HOSTILE not in desk_map_html
    assert "<script>alert" not in desk_map_html
    assert html.escape("Drills <script>") in desk_map_html or "Drills \\u0026lt;script" in desk_map_html
    for label in EXPECTED:  # every exercise is on the map, its label escaped (commas, slashes)
        assert html.escape(label) in desk_map_html, label


def test_the_desk_map_popups_cite_outlet_and_date_never_a_local_path(desk_map_html: str):
    assert "tests/desk_articles" not in desk_map_html.replace("%2F", "/").split("/articles?")[0]
    for cited in ("TASS, 20 Jul 2031", "Xinhua, 08 Apr 2031"):
        assert cited in desk_map_html
    popups = re.findall(r"Source article \\u2197 (.*?)<\\/a>", desk_map_html)
    assert len(popups) >= len(EXPECTED)
    assert not any("desk_articles" in p or ".txt" in p or "://" in p for p in popups), popups
    assert any("\\u201d, eastwatch-daily.example, 03 Mar 2031" in p for p in popups)


# ---- the URL --------------------------------------------------------------------------------------


def test_every_label_survives_the_url_round_trip(desk: Dataset):
    labels = sorted(e.label for e in desk.exercises)
    for label in labels:
        filters = Filters(exercises=(label,))
        assert Filters.from_query_params(filters.to_query_params()) == filters, label
    everything = Filters(countries=("BLR", "EST"), date_from=date(2030, 1, 1), date_to=date(2031, 12, 31),
                         exercises=tuple(labels), show_context=True)
    assert Filters.from_query_params(everything.to_query_params()) == everything
    assert [e.label for e in Filters(exercises=tuple(labels)).apply(desk.exercises)] == [
        e.label for e in desk.exercises]


# ---- the timeline -----------------------------------------------------------------------------------


def test_year_only_exercises_are_drawn_as_low_precision_spans(desk: Dataset):
    from geo.render.timeline import build_timeline, segments

    exercises = by_label(desk)
    [harbour] = segments(exercises["Harbour Lantern 2030"])
    assert (harbour.start, harbour.end, harbour.precision) == (date(2030, 1, 1), date(2030, 12, 31), "year")
    assert harbour.reported == "2030 (year only)"
    [cobra] = segments(exercises["Cobra Gold 2031"])
    assert (cobra.start, cobra.end, cobra.precision) == (date(2031, 2, 24), date(2031, 3, 7), "day")
    palette = exercise_palette(exercises)
    fig = build_timeline(desk.exercises, desk.milestones, palette)
    rows = list(fig.layout.yaxis.categoryarray)
    assert set(EXPECTED) <= set(rows)
    hovers = [h for trace in fig.data if trace.customdata is not None for _, h in trace.customdata]
    assert any("2030 (year only)" in h for h in hovers)
    hatched = [t for t in fig.data if getattr(t.marker, "pattern", None) and t.marker.pattern.shape
               and "/" in t.marker.pattern.shape]
    assert hatched  # the low-precision bar is hatched, not drawn like a known span
    # several years on the axis: a labelled tick every year
    assert fig.layout.xaxis.dtick == "M12"


# ---- places only mentioned; several exercises on one area ------------------------------------------


def test_places_only_mentioned_never_grey_out_a_country(desk: Dataset):
    from geo.render.mapfeatures import group_features
    from geo.render.mapview import build_map

    shown = Filters(show_context=True).apply(desk.exercises)
    mentioned = {loc.place.kind for e in shown for loc in e.locations if loc.role == "context"}
    assert "country" in mentioned  # "Polish officials said", "Swedish and Finnish forces"
    palette = exercise_palette(e.label for e in desk.exercises)
    features = group_features(shown, palette, _no_geometry)
    context = [f for f in features if f.context]
    assert all(f.shape == "point" for f in context)
    assert not any(s.location.place.kind in {"country", "group"} for f in context for s in f.sites)
    areas = [f for f in features if f.shape == "area"]
    assert areas and all(not f.context for f in areas)  # shading is for drill areas only
    script = build_map(shown, palette, basemap_scale=None, labels=False).get_root().render()
    assert '"className": "context-site"' not in script or '"fillOpacity": 0.0' in script


def test_three_exercises_in_belarus_one_area_and_one_popup_per_click(desk: Dataset):
    from geo.render.mapfeatures import (
        bounds_of,
        feature_popup,
        group_features,
        legend_entries,
        site_at,
        spread_points,
    )

    palette = exercise_palette(e.label for e in desk.exercises)
    features = group_features(desk.exercises, palette, _no_geometry)
    belarus = [f for f in features if any(s.location.place.name == "Belarus" and s.location.role == "drill"
                                          for s in f.sites)]
    areas = [f for f in belarus if f.shape == "area"]
    assert len(areas) == 1 and not areas[0].interactive  # drawn once, as shading
    assert {s.exercise.label for s in areas[0].sites} == IN_BELARUS
    markers = [f for f in belarus if f.shape == "point"]
    assert sorted(f.sites[0].exercise.label for f in markers) == sorted(IN_BELARUS)
    spread = dict(zip(map(id, features), spread_points(features, bounds_of(features, _no_geometry))))
    assert len({spread[id(f)] for f in markers}) == 3  # spread like coincident sites
    for marker in markers:
        [label] = {s.exercise.label for s in marker.sites}
        popup = feature_popup(marker)
        assert html.escape(label) in popup and popup.count("<hr>") == 0  # one exercise per click
        clicked = site_at(desk.exercises, {"lat": 0, "lng": 0}, marker.tooltip)
        assert clicked is not None and clicked.exercise.label == label  # the details pane agrees
        assert marker.colour == palette[label]
    legend = [label for label, _, _ in legend_entries(features, limit=40)]
    assert set(IN_BELARUS) <= set(legend) and len(legend) == len(set(legend))


def test_the_country_filter_lists_the_desk_countries_by_name(desk: Dataset):
    from geo.core.countries import country_name
    from geo.desk.appdata import country_options

    codes = country_options(desk)
    names = [country_name(code) for code in codes]
    assert names == sorted(names, key=lambda n: n.casefold().removeprefix("the "))  # "The Netherlands" among the N
    assert {"BLR", "EST", "KEN", "CHL", "THA", "JOR", "IRN"} <= set(codes)


def test_the_briefing_map_tells_exercises_apart_by_colour_and_shape(desk: Dataset):
    from matplotlib.colors import to_hex

    fig = _figure(desk, map_only=True)
    ax = next(ax for ax in fig.axes if ax.get_legend() is not None)
    looks = {}
    for handle in ax.get_legend().legend_handles:
        if handle.get_label() in EXPECTED:
            looks[handle.get_label()] = (to_hex(handle.get_markerfacecolor()), handle.get_marker())
    assert len(looks) >= 12
    assert len(set(looks.values())) == len(looks), looks  # no two legend entries look alike


def test_a_world_wide_desk_still_draws_the_land(desk: Dataset):
    import io

    from PIL import Image

    from geo.render.briefing.view import LAND

    fig = _figure(desk, map_only=True)
    ax = next(ax for ax in fig.axes if ax.get_legend() is not None)
    box = ax.get_window_extent(fig.canvas.get_renderer())
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    image = Image.open(buffer).convert("RGB")
    top = image.height - box.y1
    crop = image.crop((int(box.x0), int(top), int(box.x1), int(top + box.height)))
    target = tuple(int(LAND[i:i + 2], 16) for i in (1, 3, 5))
    land = sum(n for n, px in crop.getcolors(1 << 20) if all(abs(a - b) <= 6 for a, b in zip(px, target)))
    assert land > 0.08 * crop.width * crop.height  # Hawaii to Chile: land, not an empty sea
