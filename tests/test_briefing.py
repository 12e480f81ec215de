"""The static briefing and map images, asserted on pixels and (in SVG) on their words."""

from datetime import date
from pathlib import Path

import pytest
from export_samples import DATASET, EMPTY, SUMMER, WINTER
from PIL import Image

from geo.core.errors import ExportError
from geo.render.briefing import (
    briefing_png,
    briefing_view,
    exercise_facts,
    write_briefing,
    write_timeline_image,
)
from geo.render.filters import Filters
from geo.render.palette import exercise_palette
from geo.render.rows import dataset_rows

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
STAMP_DAY = date(2026, 1, 2)
SOURCES = {"articles/sample-a.txt": "Drills begin near the western frontier"}


def _hex_rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _pixels_near(image: Image.Image, colour: str, tolerance: int = 12) -> int:
    target = _hex_rgb(colour)
    return sum(
        count
        for count, pixel in image.getcolors(maxcolors=1 << 20)
        if all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], target))
    )


def _svg(tmp_path: Path, filters: Filters, **kwargs) -> str:
    path = write_briefing(DATASET, filters, tmp_path / "briefing.svg", generated_on=STAMP_DAY, **kwargs)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "size, map_only",
    [((1600, 1000), False), ((1600, 1000), True), ((1200, 900), True), ((1024, 768), False)],
)
def test_png_has_the_requested_size_and_a_drawn_map(tmp_path: Path, size, map_only):
    path = write_briefing(DATASET, Filters(), tmp_path / "out.png", size=size, map_only=map_only)
    assert path.read_bytes()[:8] == PNG_SIGNATURE
    image = Image.open(path).convert("RGB")
    assert image.size == size
    width, height = size
    # The map occupies the left (briefing) or the whole width, below the title band.
    right, bottom = (0.98, 0.93) if map_only else (0.6, 0.68)
    map_area = image.crop((int(width * 0.02), int(height * 0.2), int(width * right), int(height * bottom)))
    colours = map_area.getcolors(maxcolors=1 << 20)
    assert len(colours) > 100  # basemap, borders, markers, labels: not a blank frame
    largest_share = max(count for count, _ in colours) / (map_area.width * map_area.height)
    assert largest_share < 0.7
    palette = exercise_palette(e.label for e in DATASET.exercises)
    assert _pixels_near(map_area, palette["Winter Shield 2022"]) > 200  # the border line and drill sites
    assert _pixels_near(map_area, "#c9dff0", tolerance=3) > 1000  # sea
    assert _pixels_near(map_area, "#f3f0e8", tolerance=3) > 1000  # non-NATO land


def test_briefing_carries_every_required_element(tmp_path: Path):
    svg = _svg(tmp_path, Filters())
    for words in (
        "All exercises",  # default title: the filter's sentence
        "10 Feb 2022 – 19 Jul 2024",  # date range
        "Legend",
        "NATO member on 8 Jul 2024",
        "km",  # scale bar unit
        ">N<",  # north arrow
        "GeoNames (CC BY 4.0)",
        "Natural Earth",
        "Drills begin near the western frontier",  # article sources
        "Generated on 2026-01-02",
        "Facts per exercise",
        "Timeline",
        "Brest: 7 km from Poland",
        "Minsk: 121 km from Lithuania",
        "some 30,000 troops",
        "attack helicopters",
        "Alliance summit",
    ):
        assert words in svg, words


def test_map_only_has_map_furniture_but_no_facts(tmp_path: Path):
    svg = _svg(tmp_path, Filters(countries=("CHN",)), map_only=True, title="Eastern flank, summer")
    assert "Eastern flank, summer" in svg
    assert "Legend" in svg and "Generated on 2026-01-02" in svg and ">N<" in svg
    assert "Summer Hawk" in svg and "Winter Shield 2022" not in svg
    assert "Facts per exercise" not in svg and "Timeline" not in svg


def test_nothing_matching_says_so(tmp_path: Path):
    filters = Filters(date_from=date(2030, 1, 1))
    svg = _svg(tmp_path, filters)
    assert "No exercise matches these filters" in svg
    assert "nothing matches" in svg
    png = write_briefing(DATASET, filters, tmp_path / "none.png")
    assert Image.open(png).size == (1600, 1000)
    empty = write_briefing(EMPTY, Filters(), tmp_path / "empty.png", map_only=True)
    assert empty.read_bytes()[:8] == PNG_SIGNATURE


@pytest.mark.parametrize(
    "exercise, expected",
    [
        (
            WINTER,
            [
                "When: 10 Feb 2022 – 20 Feb 2022 (11 days)",
                "Participants: Belarus, Russia",
                "Troops claimed: some 30,000 troops",
                "Equipment: fighter jets, air defence systems",
                "Where: Belarus–Poland border, Brest, Hrodna",
                (
                    "NATO border: Brest: 7 km from Poland; Hrodna: 17 km from Poland; "
                    "Belarus–Poland border: on NATO's border (Poland)"
                ),
                "Sources: Drills begin near the western frontier",
            ],
        ),
        (
            SUMMER.__class__(name=None, start=None, end=None),
            [
                "When: dates not reported",
                "Participants: not reported",
                "Troops claimed: not reported",
                "Equipment: not reported",
                "Where: no place resolved",
                "NATO border: n/a",
                "Sources: none",
            ],
        ),
    ],
)
def test_exercise_facts(exercise, expected):
    rows = dataset_rows(DATASET, Filters())
    assert exercise_facts(exercise, rows, SOURCES) == expected


@pytest.mark.parametrize(
    "title, expected",
    [(None, "Exercises with China"), ("  ", "Exercises with China"), ("Week 28 update", "Week 28 update")],
)
def test_title_defaults_to_the_filter_sentence(title, expected):
    assert briefing_view(DATASET, Filters(countries=("CHN",)), title=title).title == expected


def test_nato_is_drawn_as_of_the_latest_exercise():
    assert briefing_view(DATASET, Filters(date_to=date(2022, 12, 31))).as_of == date(2022, 2, 10)


def test_too_small_is_a_typed_error(tmp_path: Path):
    with pytest.raises(ExportError, match="at least 400x300"):
        write_briefing(DATASET, Filters(), tmp_path / "tiny.png", size=(200, 100))


def test_png_bytes_for_a_download_button():
    data = briefing_png(DATASET, Filters(), size=(800, 600), map_only=True)
    assert data[:8] == PNG_SIGNATURE
    assert len(data) > 20_000


def test_timeline_image_through_kaleido(tmp_path: Path):
    png = write_timeline_image(DATASET, Filters(), tmp_path / "timeline.png", size=(1200, 500))
    assert Image.open(png).size == (1200, 500)
    svg = write_timeline_image(DATASET, Filters(), tmp_path / "timeline.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "Winter Shield 2022" in svg and "Summer Hawk" in svg


def test_cli_brief_on_the_seed_articles(tmp_path: Path, monkeypatch, capsys):
    from geo.cli import main

    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    out = tmp_path / "x.png"
    assert main(["brief", "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert Image.open(out).size == (1600, 1000)
    map_only = tmp_path / "map.png"
    assert (
        main(
            [
                "brief",
                "-o",
                str(map_only),
                "--map-only",
                "--width",
                "1200",
                "--height",
                "900",
                "--country",
                "CHN",
                "--title",
                "Joint drills with China",
            ]
        )
        == 0
    )
    assert Image.open(map_only).size == (1200, 900)


def test_cli_brief_reports_a_bad_size_without_a_traceback(tmp_path: Path, monkeypatch, capsys):
    from geo.cli import main

    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    assert main(["brief", "-o", str(tmp_path / "x.png"), "--width", "100"]) == 1
    assert "at least 400x300" in capsys.readouterr().err


# --- the Briefing page, driven by AppTest ------------------------------------------------

DOWNLOADS = [
    "Briefing PNG",
    "Map PNG",
    "Timeline PNG",
    "Timeline SVG",
    "HTML map (opens offline)",
    "GeoJSON",
    "CSV",
]


def _briefing_page(monkeypatch, tmp_path: Path, query: dict[str, str] | None = None):
    """app.py (through the dashboard's shim) serving the sample DATASET, switched to the Briefing page."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    import geo.desk.appdata

    root = Path(__file__).resolve().parents[1]
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "placeholder.txt").write_text("Title: x\n\nA placeholder file.\n", "utf-8")
    monkeypatch.setenv("EXERCISE_MAP_ARTICLES", str(folder))
    monkeypatch.delenv("EXERCISE_MAP_SYNTHETIC", raising=False)
    monkeypatch.setattr(geo.desk.appdata, "load_dataset", lambda signature: DATASET)
    monkeypatch.chdir(root)
    st.cache_data.clear()
    at = AppTest.from_file(str(Path(__file__).parent / "app_shim.py"), default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    return at.switch_page("../pages/briefing.py").run()


def test_briefing_page_offers_every_export(monkeypatch, tmp_path: Path):
    at = _briefing_page(monkeypatch, tmp_path, {"country": "CHN"})
    assert not at.exception
    assert [t.value for t in at.title] == ["Briefing"]
    assert at.text_input[0].value == "Exercises with China"  # the filter's sentence
    assert len(at.get("image")) == 1
    assert [b.proto.label for b in at.get("download_button")] == DOWNLOADS
    at.text_input[0].set_value("Week 28: eastern flank").run()
    at.radio[0].set_value("1200 × 900 (4:3)").run()
    assert not at.exception
    assert at.text_input[0].value == "Week 28: eastern flank"
    assert len(at.get("image")) == 1


def test_briefing_page_with_nothing_matching_still_offers_a_briefing(monkeypatch, tmp_path: Path):
    at = _briefing_page(monkeypatch, tmp_path, {"from": "2030-01-01"})
    assert not at.exception
    assert any("No exercise matches" in info.value for info in at.info)
    assert len(at.get("image")) == 1  # the image says so too
    assert [b.proto.label for b in at.get("download_button")] == DOWNLOADS


# --- briefing-grade at desk scale: every exercise listed, no label over another ------------------


def _figure(dataset, filters=Filters(), map_only=False, **view_options):
    from geo.render.briefing import render_figure

    view = briefing_view(dataset, filters, generated_on=STAMP_DAY, **view_options)
    return render_figure(dataset, view, size=(1600, 1000), map_only=map_only)


def _texts(fig) -> list[str]:
    from matplotlib.text import Text

    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def _map_axes(fig):
    return next(ax for ax in fig.axes if ax.get_legend() is not None)


@pytest.fixture(scope="module")
def crowded():
    from geo.desk.synthetic import synthetic_dataset

    return synthetic_dataset(30)


def test_facts_list_every_exercise_of_a_crowded_view(crowded):
    fig = _figure(crowded)
    texts = _texts(fig)
    assert len(crowded.exercises) == 30
    for exercise in crowded.exercises:
        assert exercise.label in texts, exercise.label
    assert not any("more exercise(s)" in t for t in texts)


@pytest.mark.parametrize("which", ["samples", "crowded"])
@pytest.mark.parametrize("map_only", [False, True])
def test_no_two_map_labels_overprint_and_the_legend_sits_outside_the_frame(which, map_only, crowded):
    dataset = DATASET if which == "samples" else crowded
    fig = _figure(dataset, map_only=map_only)
    renderer = fig.canvas.get_renderer()
    ax = _map_axes(fig)
    frame = ax.get_window_extent(renderer)
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts if t.get_visible() and t.get_text()]
    assert len(boxes) > 5
    for i, (text, box) in enumerate(boxes):
        for other, other_box in boxes[i + 1:]:
            assert not box.overlaps(other_box), (text, other)
    legend = ax.get_legend().get_window_extent(renderer)
    assert legend.x0 >= frame.x1  # right of the map frame, hiding nothing
    assert legend.x1 <= fig.bbox.width  # and still on the image


def test_countries_in_the_view_are_named_and_nato_is_shaded_apart_from_the_sea():
    from geo.render.briefing.view import LAND, NATO_FILL, SEA

    texts = _texts(_figure(DATASET))
    for country in ("POLAND", "BELARUS", "LITHUANIA", "LATVIA"):
        assert country in texts

    def distance(a: str, b: str) -> float:
        return sum((x - y) ** 2 for x, y in zip(_hex_rgb(a), _hex_rgb(b))) ** 0.5

    assert distance(NATO_FILL, SEA) > 50 and distance(NATO_FILL, LAND) > 50


def test_sources_in_full_with_state_affiliated_outlets_flagged_and_provenance_line():
    from dataclasses import replace

    from export_samples import ARTICLE_A, ARTICLE_B

    articles = (
        replace(ARTICLE_A, source="https://tass.com/defense/1234", published=date(2022, 2, 10)),
        replace(ARTICLE_B, source="Reuters", published=date(2024, 7, 9)),
    )
    checked = replace(DATASET.exercises[0], locations=(
        replace(DATASET.exercises[0].locations[0], verified=True), *DATASET.exercises[0].locations[1:]))
    dataset = replace(DATASET, articles=articles, exercises=(checked, DATASET.exercises[1]))
    text = "\n".join(_texts(_figure(dataset)))
    assert ("1. “Drills begin near the western frontier”, tass.com, 10 Feb 2022, https://tass.com/defense/1234"
            "  [STATE-AFFILIATED (RUSSIA)]") in text
    assert "2. “Joint exercise ends with live firing”, Reuters, 09 Jul 2024, no URL recorded\n" in text + "\n"
    assert "4 positions extracted automatically, 1 checked by an analyst" in text


@pytest.mark.parametrize("map_only", [False, True])
def test_caveat_setting_is_printed_top_and_bottom(monkeypatch, map_only):
    monkeypatch.setenv("EXERCISE_MAP_CAVEAT", "UNCLASSIFIED – FOR TRAINING")
    texts = _texts(_figure(DATASET, map_only=map_only))
    assert texts.count("UNCLASSIFIED – FOR TRAINING") == 1  # the banner on top
    assert any(t.startswith("UNCLASSIFIED – FOR TRAINING  ·  Generated on") for t in texts)  # and the footer
    monkeypatch.delenv("EXERCISE_MAP_CAVEAT")
    assert not any("UNCLASSIFIED" in t for t in _texts(_figure(DATASET, map_only=map_only)))


def test_coincident_drill_sites_are_spread_with_leader_lines():
    from dataclasses import replace

    from export_samples import WINTER
    from matplotlib.collections import PathCollection

    clones = tuple(replace(WINTER, name=f"Brest drill {i}", locations=WINTER.locations[:1]) for i in range(3))
    fig = _figure(replace(DATASET, exercises=clones), map_only=True)
    ax = _map_axes(fig)
    dots = [tuple(xy) for c in ax.collections if isinstance(c, PathCollection) for xy in c.get_offsets()]
    assert len(dots) == 3 and len(set(dots)) == 3
    leaders = [line for line in ax.lines if len(line.get_xdata()) == 2]
    assert len(leaders) == 3
    starts = {(round(line.get_xdata()[0]), round(line.get_ydata()[0])) for line in leaders}
    assert len(starts) == 1  # all from the one true point


@pytest.mark.parametrize("map_only", [False, True])
def test_sites_an_analyst_checked_carry_the_check_mark_on_the_map_facts_and_legend(map_only):
    from dataclasses import replace

    from geo.render.briefing.view import CHECKED_MARK

    checked = replace(DATASET, exercises=tuple(
        replace(e, locations=tuple(replace(loc, verified=loc.role == "drill") for loc in e.locations))
        if i == 0 else e for i, e in enumerate(DATASET.exercises)))
    first = checked.exercises[0]
    site = first.drill_locations()[0].place.name
    fig = _figure(checked, map_only=map_only)
    ax = _map_axes(fig)
    map_texts = [t.get_text() for t in ax.texts]
    assert any(t.startswith(f"{site} {CHECKED_MARK}") for t in map_texts), map_texts
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert f"{CHECKED_MARK} checked by an analyst" in legend
    if not map_only:
        where = [line for t in _texts(fig) for line in t.splitlines() if line.startswith("Where:")]
        assert any(f"{site} {CHECKED_MARK}" in line for line in where), where
    unchecked = [t.get_text() for t in _map_axes(_figure(DATASET, map_only=map_only)).get_legend().get_texts()]
    assert not any("checked by an analyst" in t for t in unchecked)
