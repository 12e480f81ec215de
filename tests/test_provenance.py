"""Provenance on the map and in the exports: analyst-checked sites are told apart from automatic ones
(popup line, dark ring, legend row), the exports carry ``verified``, and the view says how many of each."""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

from streamlit_folium import _get_map_string

sys.path.insert(0, str(Path(__file__).parent))
from dashboard_data import SHORT, lookup  # noqa: E402

from geo.core.model import Dataset  # noqa: E402
from geo.render.exports import csv_text, geojson_text, map_html  # noqa: E402
from geo.render.filters import Filters  # noqa: E402
from geo.render.mapview import VERIFIED_RING, Site, build_map, site_popup, title_box_html  # noqa: E402
from geo.render.palette import exercise_palette  # noqa: E402
from geo.render.rows import provenance_counts, provenance_line  # noqa: E402

CHECKED = replace(SHORT, locations=tuple(replace(loc, verified=loc.role == "drill") for loc in SHORT.locations))
PALETTE = exercise_palette([SHORT.label])


def test_counts_and_the_sentence():
    assert provenance_counts(SHORT.locations) == (len(SHORT.locations), 0)
    drills = len(SHORT.drill_locations())
    assert provenance_counts(CHECKED.locations) == (len(SHORT.locations) - drills, drills)
    assert provenance_line([CHECKED]) == (f"{len(SHORT.locations) - drills} position"
                                          f"{'s' if len(SHORT.locations) - drills != 1 else ''} extracted "
                                          f"automatically, {drills} checked by an analyst")
    assert provenance_line([]) == "0 positions extracted automatically, 0 checked by an analyst"


def test_popup_says_who_placed_it():
    drill = CHECKED.drill_locations()[0]
    assert "✔ Checked by an analyst" in site_popup(Site(CHECKED, drill))
    assert "Extracted automatically" in site_popup(Site(SHORT, SHORT.drill_locations()[0]))


def test_checked_sites_have_a_dark_ring_and_a_legend_row():
    def script(exercise):
        return _get_map_string(build_map([exercise], PALETTE, geometry_lookup=lookup, basemap_scale=None))

    checked, automatic = script(CHECKED), script(SHORT)
    assert VERIFIED_RING in checked and "checked by an analyst" in checked
    assert VERIFIED_RING not in automatic and "checked by an analyst" not in automatic


def test_title_box_counts_the_positions_drawn():
    box = title_box_html("Exercises", [CHECKED], {}, date(2031, 1, 1))
    assert provenance_line([CHECKED]) in box


def test_exports_carry_verified():
    data = Dataset(exercises=(CHECKED,))
    rows = list(csv.DictReader(io.StringIO(csv_text(data, Filters(show_context=True)))))
    assert {(r["role"], r["verified"]) for r in rows} == {("drill", "True"), ("context", "False")}
    collection = json.loads(geojson_text(data, Filters(show_context=True)))
    assert {(f["properties"]["role"], f["properties"]["verified"]) for f in collection["features"]} == {
        ("drill", True), ("context", False)}
    assert collection["provenance"] == provenance_line([CHECKED])
    page = map_html(data, Filters())
    assert provenance_line(Filters().apply([CHECKED])) in page
    assert "Checked by an analyst" in page


def test_briefing_png_carries_the_provenance_in_its_text_chunks(tmp_path):
    from PIL import Image

    from geo.render.briefing.page import briefing_png, write_briefing

    data = Dataset(exercises=(CHECKED,))
    image = Image.open(io.BytesIO(briefing_png(data, Filters(), title="Checked <b>view</b>")))
    drills = len(SHORT.drill_locations())
    assert f"{drills} checked by an analyst" in image.text["Description"]
    assert image.text["Title"] == "Checked <b>view</b>"  # a text chunk, not HTML: kept as typed
    assert "GeoNames (CC BY 4.0)" in image.text["Copyright"]
    written = Image.open(write_briefing(Dataset(exercises=(SHORT,)), Filters(), tmp_path / "b.png",
                                        generated_on=date(2031, 1, 2)))
    assert "0 checked by an analyst" in written.text["Description"]
    assert written.text["Creation Time"] == "2031-01-02"
    write_briefing(data, Filters(), tmp_path / "b.svg")  # other formats take no PNG chunks
    assert (tmp_path / "b.svg").read_text("utf-8").startswith("<?xml")
