"""GeoJSON, CSV and the offline HTML map, asserted on the written files."""

import csv
import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from export_samples import ARTICLE_A, BREST, DATASET, MINSK, SUMMER, WINTER, evidence

from geo.core.errors import ExportError
from geo.core.model import EventLocation, Exercise, Place
from geo.render.exports import map_html, write_csv, write_geojson
from geo.render.filters import Filters
from geo.render.outputs import write_export
from geo.render.rows import CSV_COLUMNS, dataset_rows, location_rows

ROOT = Path(__file__).resolve().parents[1]
EVERYTHING = Filters(show_context=True)


def _site(name: str, lon: float, lat: float, country: str) -> EventLocation:
    place = Place(name=name, kind="city", lon=lon, lat=lat, country=country)
    return EventLocation(
        place=place, role="drill", mention=name, evidence=evidence(ARTICLE_A, f"Drills near {name}.")
    )


@pytest.mark.parametrize(
    "name, lon, lat, country, low, high, neighbour",
    [
        ("Brest", 23.7341, 52.0976, "BLR", 0.5, 10, "POL"),
        ("Hrodna", 23.8258, 53.6884, "BLR", 5, 25, "POL"),
        ("Minsk", 27.5667, 53.9, "BLR", 105, 135, "LTU"),
        ("Warsaw", 21.0118, 52.2298, "POL", 0, 0, "POL"),  # on NATO territory: 0
    ],
)
def test_nato_border_distance_reaches_the_rows(name, lon, lat, country, low, high, neighbour):
    exercise = Exercise(
        name="Test", start=date(2024, 7, 1), end=None, locations=(_site(name, lon, lat, country),)
    )
    [row] = location_rows([exercise])
    assert low <= row.nato_border_km <= high
    assert row.nato_border_country == neighbour


def test_distance_is_measured_against_the_alliance_of_the_exercise_date():
    vyborg = _site("Vyborg", 28.7528, 60.7096, "RUS")  # next to Finland, NATO only from April 2023
    before = Exercise(name="Before", start=date(2022, 3, 1), end=None, locations=(vyborg,))
    after = Exercise(name="After", start=date(2024, 3, 1), end=None, locations=(vyborg,))
    rows = {row.exercise.name: row for row in location_rows([before, after])}
    assert rows["After"].nato_border_country == "FIN"
    assert rows["After"].nato_border_km < 50
    assert rows["Before"].nato_border_country != "FIN"
    assert rows["Before"].nato_border_km > 100


@pytest.mark.parametrize(
    ("key", "name", "phrase"),
    [
        # a border with a NATO member on one side is on NATO's border
        ("border:BLR|POL", "Belarus–Poland border", "Belarus–Poland border: on NATO's border (Poland)"),
        ("border:BLR|LVA", "Belarus–Latvia border", "Belarus–Latvia border: on NATO's border (Latvia)"),
        # measured from its nearest point, not its middle (about 300 km from Poland)
        ("border:BLR|UKR", "Belarus–Ukraine border",
         "Belarus–Ukraine border: meets NATO territory (Poland) at one end"),
    ],
)
def test_a_border_segment_is_measured_from_its_nearest_point(key, name, phrase):
    place = Place(name=name, kind="border", lon=28.2, lat=51.6, country="BLR", geometry_key=key)
    location = EventLocation(place=place, role="drill", mention=name, evidence=evidence(ARTICLE_A, "Drills."))
    exercise = Exercise(name="Test", start=date(2022, 2, 10), end=None, locations=(location,))
    [row] = location_rows([exercise])
    assert row.nato_border_km == 0.0
    assert row.distance_phrase == phrase


def test_a_border_far_from_the_alliance_gets_its_distance():
    place = Place(name="Russia–Ukraine border", kind="border", lon=37.5, lat=50.3, country="RUS",
                  geometry_key="border:RUS|UKR")
    location = EventLocation(place=place, role="drill", mention="x", evidence=evidence(ARTICLE_A, "Drills."))
    [row] = location_rows([Exercise(name="Test", start=date(2022, 2, 10), end=None, locations=(location,))])
    assert 300 < row.nato_border_km < 700 and row.nato_border_country in ("LTU", "POL", "ROU", "LVA", "EST")


@pytest.mark.parametrize(
    "place, km, member, expected",
    [
        (BREST, 6.8, "POL", "Brest: 7 km from Poland"),
        (MINSK, 121.1, "LTU", "Minsk: 121 km from Lithuania"),
        (
            replace(BREST, name="Biała Podlaska", country="POL"),
            0.0,
            "POL",
            "Biała Podlaska: on NATO territory (Poland)",
        ),
        (BREST, None, None, None),
    ],
)
def test_distance_phrase(place, km, member, expected):
    [row] = location_rows([WINTER])[:1]
    row = replace(
        row, location=replace(row.location, place=place), nato_border_km=km, nato_border_country=member
    )
    assert row.distance_phrase == expected


def test_rows_carry_source_title_and_sentence():
    rows = dataset_rows(DATASET, EVERYTHING)
    assert len(rows) == 6
    brest = next(r for r in rows if r.location.place.name == "Brest")
    props = brest.properties()
    assert props["event"] == "Winter Shield 2022"
    assert props["source_path"] == "articles/sample-a.txt"
    assert props["source_title"] == "Drills begin near the western frontier"
    assert props["sentence"].startswith("Troops moved to a range outside Brest")
    assert props["troops"] == ["some 30,000 troops"] and props["troops_max"] == 30000
    assert props["participants"] == ["BLR", "RUS"]


def test_geojson_has_one_feature_per_location_with_real_geometry(tmp_path: Path):
    path = write_geojson(DATASET, Filters(), tmp_path / "events.geojson")
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert "GeoNames" in collection["attribution"]
    by_place = {f["properties"]["place"]: f for f in collection["features"]}
    assert sorted(by_place) == ["Belarus–Poland border", "Brest", "Hrodna", "Minsk", "the Baltic states"]
    assert by_place["Brest"]["geometry"] == {"type": "Point", "coordinates": [23.7341, 52.0976]}
    border = by_place["Belarus–Poland border"]["geometry"]
    assert border["type"] in ("LineString", "MultiLineString")
    first = border["coordinates"][0] if border["type"] == "LineString" else border["coordinates"][0][0]
    assert 23.0 < first[0] < 24.5 and 51.0 < first[1] < 54.0  # lon, lat order along the real boundary
    assert by_place["the Baltic states"]["geometry"]["type"] in ("Polygon", "MultiPolygon")
    props = by_place["Minsk"]["properties"]
    assert set(CSV_COLUMNS) <= set(props)
    assert props["nato_border_country"] == "LTU"
    assert props["source_title"] == "Joint exercise ends with live firing"


def test_geojson_context_places_only_when_asked(tmp_path: Path):
    drill_only = json.loads(write_geojson(DATASET, Filters(), tmp_path / "a.geojson").read_text())
    with_context = json.loads(write_geojson(DATASET, EVERYTHING, tmp_path / "b.geojson").read_text())
    assert {f["properties"]["role"] for f in drill_only["features"]} == {"drill"}
    assert [
        f["properties"]["place"] for f in with_context["features"] if f["properties"]["role"] == "context"
    ] == ["Moscow"]


def test_csv_columns_and_joined_lists(tmp_path: Path):
    path = write_csv(DATASET, Filters(countries=("CHN",)), tmp_path / "events.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert tuple(reader.fieldnames) == CSV_COLUMNS
    assert [row["place"] for row in rows] == ["Minsk", "the Baltic states"]
    assert rows[0]["participants"] == "BLR; CHN"
    assert rows[0]["nato_border_country"] == "LTU"
    assert 105 < float(rows[0]["nato_border_km"]) < 135
    assert rows[0]["source_title"] == "Joint exercise ends with live firing"


@pytest.mark.parametrize("suffix", [".geojson", ".csv", ".html"])
def test_nothing_matching_writes_an_empty_but_valid_file(tmp_path: Path, suffix: str):
    path = write_export(DATASET, Filters(date_from=date(2030, 1, 1)), tmp_path / f"none{suffix}")
    text = path.read_text(encoding="utf-8")
    if suffix == ".geojson":
        assert json.loads(text)["features"] == []
    elif suffix == ".csv":
        assert text.strip() == ",".join(CSV_COLUMNS)
    else:
        assert "No exercise matches these filters" in text
        assert "0 exercise(s), 0 location(s)" in text


def test_unknown_suffix_is_a_typed_error(tmp_path: Path):
    with pytest.raises(ExportError, match=r"\.geojson, \.csv"):
        write_export(DATASET, Filters(), tmp_path / "events.xlsx")


def test_unwritable_path_is_a_typed_error(tmp_path: Path):
    with pytest.raises(ExportError, match="cannot write"):
        write_export(DATASET, Filters(), tmp_path / "missing-folder" / "events.csv")


# --- the HTML map -------------------------------------------------------------------

_EXTERNAL = re.compile(
    r"""(?:src|href)\s*=\s*["']?\s*(https?:)?//(?!localhost|127\.0\.0\.1)|url\(\s*["']?(https?:)?//""",
    re.IGNORECASE,
)


def test_html_map_is_self_contained():
    page = map_html(DATASET, EVERYTHING)
    assert _EXTERNAL.search(page) is None
    assert "<script src" not in page and "<link" not in page
    # Leaflet itself is inlined, not referenced.
    assert "L.map(" in page and ".leaflet-container" in page
    # The only http(s) string left is the SVG namespace, an identifier never fetched.
    assert set(re.findall(r"https?://[^\s\"'<>)]+", page)) <= {"http://www.w3.org/2000/svg"}
    assert "GeoNames (CC BY 4.0)" in page
    assert "Brest: 7 km from Poland" in page


def test_html_escapes_article_text():
    hostile = replace(SUMMER, name="Summer <script>alert(1)</script>")
    page = map_html(replace(DATASET, exercises=(hostile,)), Filters())
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)" in page


def test_html_opens_offline_and_draws_the_events(tmp_path: Path):
    """In Chromium with file:// only: Leaflet runs, the features are drawn, nothing is requested outside."""
    from playwright.sync_api import sync_playwright

    path = write_export(DATASET, EVERYTHING, tmp_path / "map.html")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 700})
            requests: list[str] = []
            errors: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(path.as_uri())
            page.wait_for_selector(".leaflet-interactive")
            markers = page.locator("path.leaflet-interactive").count()
            legend = page.locator(".legend").inner_text()
        finally:
            browser.close()
    assert errors == []
    assert [url for url in requests if not url.startswith("file://")] == []
    assert markers >= 6
    assert "Winter Shield 2022" in legend and "Summer Hawk" in legend


# --- the CLI on the seed articles -------------------------------------------------------


def test_cli_export_csv_with_filters(tmp_path: Path, monkeypatch, capsys):
    from geo.cli import main

    monkeypatch.chdir(ROOT)
    out = tmp_path / "x.csv"
    assert main(["export", "-o", str(out), "--country", "BLR", "--from", "2024-01-01"]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows, "the 2024 seed article has mapped drill sites"
    assert {row["start"][:4] for row in rows} == {"2024"}
    assert all("BLR" in row["participants"] or row["country"] == "BLR" for row in rows)
    assert {row["role"] for row in rows} == {"drill"}
    brest = [row for row in rows if row["place"] == "Brest"]
    assert brest and float(brest[0]["nato_border_km"]) < 10 and brest[0]["nato_border_country"] == "POL"


@pytest.mark.parametrize("suffix", [".geojson", ".html"])
def test_cli_export_other_formats(tmp_path: Path, monkeypatch, suffix: str):
    from geo.cli import main

    monkeypatch.chdir(ROOT)
    out = tmp_path / f"x{suffix}"
    assert main(["export", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    if suffix == ".geojson":
        features = json.loads(text)["features"]
        kinds = {f["properties"]["kind"] for f in features}
        assert "border" in kinds
        assert {f["geometry"]["type"] for f in features if f["properties"]["kind"] == "border"} <= {
            "LineString",
            "MultiLineString",
        }
    else:
        assert _EXTERNAL.search(text) is None


def test_region_is_exported_as_its_area(tmp_path: Path):
    oblast = Place(
        name="Brest Oblast", kind="region", lon=24.5, lat=52.3, country="BLR", geometry_key="admin1:BY.01"
    )
    site = EventLocation(
        place=oblast, role="drill", mention="the Brest region", evidence=evidence(ARTICLE_A, "x")
    )
    exercise = Exercise(name="Area Drill", start=date(2023, 5, 1), end=date(2023, 5, 3), locations=(site,))
    dataset = replace(DATASET, exercises=(exercise,))
    [feature] = json.loads(write_geojson(dataset, Filters(), tmp_path / "r.geojson").read_text())["features"]
    assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    ring = feature["geometry"]["coordinates"][0]
    ring = ring[0] if feature["geometry"]["type"] == "MultiPolygon" else ring
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    assert 22.5 < min(lons) and max(lons) < 28.5 and 51 < min(lats) and max(lats) < 54.5  # south-west Belarus
    assert feature["properties"]["kind"] == "region" and feature["properties"]["nato_border_km"] is not None


@pytest.mark.parametrize(
    ("name", "lon", "lat", "country", "start", "told"),
    [
        ("Brest", 23.7341, 52.0976, "BLR", date(2024, 7, 1), True),
        ("Moscow", 37.6173, 55.7558, "RUS", date(2024, 7, 1), True),  # ~500 km: still relevant
        ("Manila", 120.9822, 14.6042, "PHL", date(2024, 4, 22), False),  # thousands of km from any member
        ("Darwin", 130.8418, -12.4611, "AUS", date(2023, 7, 22), False),
        ("Vladivostok", 131.8869, 43.1155, "RUS", date(2021, 9, 1), False),
    ],
)
def test_nato_distance_only_where_the_alliance_is_within_reach(name, lon, lat, country, start, told):
    from geo.render.mapview import Site, site_popup
    from geo.render.rows import NATO_RELEVANT_KM

    exercise = Exercise(name="Test", start=start, end=None, locations=(_site(name, lon, lat, country),))
    [row] = location_rows([exercise])
    popup = site_popup(Site(exercise, exercise.locations[0]))
    if told:
        assert row.nato_border_km is not None and row.nato_border_km <= NATO_RELEVANT_KM
        assert "NATO border" in popup
    else:
        assert (row.nato_border_km, row.nato_border_country, row.distance_phrase) == (None, None, None)
        assert "NATO" not in popup and " km from " not in popup
        assert row.csv_values()["nato_border_km"] == "" and row.csv_values()["nato_border_country"] == ""
