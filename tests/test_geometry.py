"""Natural Earth geometry: countries, shared borders, groups, NATO distances."""

from __future__ import annotations

import json
from datetime import date

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import GeometryCollection, LineString, MultiLineString, Point, Polygon

from geo.geometry import basemap as basemaps
from geo.geometry import nato, shapes


def km_length(line) -> float:
    return float(gpd.GeoSeries([line], crs="EPSG:4326").to_crs("EPSG:3035").length.iloc[0]) / 1000


@pytest.mark.parametrize(
    ("iso3", "name", "lon_range", "lat_range"),
    [
        ("BLR", "Belarus", (23.2, 32.8), (51.2, 56.2)),
        ("FRA", "France", (-5.0, 8.5), (42.0, 51.2)),  # the label point is in Europe, not Guiana
        ("NOR", "Norway", (4.0, 31.5), (57.9, 71.5)),  # ISO_A3 is -99 in Natural Earth
        ("XKX", "Kosovo", (20.0, 21.8), (41.8, 43.3)),
        ("pol", "Poland", (14.1, 24.2), (49.0, 54.9)),
    ],
)
def test_country_place(iso3, name, lon_range, lat_range):
    place = shapes.country_place(iso3)
    code = iso3.upper()
    assert place is not None
    assert (place.name, place.kind, place.country) == (name, "country", code)
    assert (place.geometry_key, place.gazetteer_id) == (f"country:{code}", f"ne:{code}")
    assert lon_range[0] < place.lon < lon_range[1] and lat_range[0] < place.lat < lat_range[1]
    assert shapes.country_shape(code).contains(Point(place.lon, place.lat))


def test_unknown_country_is_none():
    assert shapes.country_place("QQQ") is None
    assert shapes.country_shape("QQQ") is None


def test_every_country_is_areal_and_valid():
    frame = shapes.countries()
    assert frame.crs.to_epsg() == 4326
    assert frame.index.is_unique and len(frame) > 240
    assert set(frame.geom_type) <= {"Polygon", "MultiPolygon"}
    assert bool(frame.is_valid.all())
    assert "-99" not in frame.index


@pytest.mark.parametrize(
    ("a", "b", "min_km", "max_km"),
    [
        # Natural Earth 1:10m draws the Belarus–Poland line ~341 km long (the real one is ~418 km).
        ("BLR", "POL", 330, 355),
        ("POL", "BLR", 330, 355),
        ("BLR", "LTU", 460, 500),
        ("FIN", "RUS", 1150, 1300),
    ],
)
def test_shared_border_length(a, b, min_km, max_km):
    line = shapes.shared_border(a, b)
    assert isinstance(line, (LineString, MultiLineString))
    assert min_km < km_length(line) < max_km


@pytest.mark.parametrize(("a", "b"), [("FRA", "GBR"), ("EST", "FIN"), ("BLR", "BLR"), ("BLR", "QQQ")])
def test_no_shared_border(a, b):
    assert shapes.shared_border(a, b) is None
    assert shapes.border_place(a, b) is None


def test_border_place_point_lies_on_the_line():
    place = shapes.border_place("BLR", "POL")
    assert place is not None
    assert (place.name, place.kind, place.country) == ("Belarus–Poland border", "border", "BLR")
    assert place.geometry_key == "border:BLR|POL"
    line = shapes.geometry_for(place.geometry_key)
    assert line.distance(Point(place.lon, place.lat)) < 1e-6
    reverse = shapes.border_place("POL", "BLR")
    assert (reverse.name, reverse.country, reverse.geometry_key) == (
        "Poland–Belarus border",
        "POL",
        "border:BLR|POL",
    )


def test_group_place_covers_its_members():
    place = shapes.group_place("the Baltic states", ["LVA", "EST", "LTU"])
    assert (place.name, place.kind, place.geometry_key) == ("the Baltic states", "group", "group:EST|LTU|LVA")
    shape = shapes.geometry_for(place.geometry_key)
    assert shape.contains(Point(place.lon, place.lat))
    for capital in [(24.75, 59.44), (24.11, 56.95), (25.28, 54.69)]:  # Tallinn, Riga, Vilnius
        assert shape.contains(Point(capital))


@pytest.mark.parametrize(
    ("key", "geom_types"),
    [
        ("country:BLR", {"Polygon", "MultiPolygon"}),
        ("border:POL|BLR", {"LineString", "MultiLineString"}),
        ("group:EST|LTU|LVA", {"Polygon", "MultiPolygon"}),
        ("country:QQQ", {None}),
        ("admin1:BY.01", {"Polygon", "MultiPolygon"}),
        ("admin1:ZZ.99", {None}),
        ("nonsense", {None}),
        ("", {None}),
        (None, {None}),
    ],
)
def test_geometry_for(key, geom_types):
    geom = shapes.geometry_for(key)
    assert (geom.geom_type if geom is not None else None) in geom_types


@pytest.mark.parametrize(
    ("geom", "expected"),
    [
        (None, None),
        (Polygon(), None),
        (Polygon([(0, 0), (1, 0), (1, 1)]), "Polygon"),
        (GeometryCollection([Polygon([(0, 0), (1, 0), (1, 1)]), LineString([(0, 0), (2, 2)])]), "Polygon"),
        (
            GeometryCollection(
                [Polygon([(0, 0), (1, 0), (1, 1)]), Polygon([(5, 5), (6, 5), (6, 6)]), Point(9, 9)]
            ),
            "MultiPolygon",
        ),
        (GeometryCollection([LineString([(0, 0), (2, 2)])]), None),
    ],
)
def test_polygon_parts_keeps_only_areas(geom, expected):
    result = shapes.polygon_parts(geom)
    assert (result.geom_type if result is not None else None) == expected


def test_basemap_is_light_and_areal():
    frame = basemaps.basemap("110m")
    payload = frame.to_json()
    assert len(payload) < 1_000_000
    assert set(frame.geom_type) <= {"Polygon", "MultiPolygon"}
    assert {"BLR", "POL", "USA"} <= set(frame["iso3"])
    assert json.loads(payload)["type"] == "FeatureCollection"


def test_basemap_for_bounds_keeps_the_region():
    frame = basemaps.basemap_for_bounds((23.0, 51.0, 33.0, 56.5), scale="110m", margin=1.0)
    codes = set(frame["iso3"])
    assert {"BLR", "POL", "LTU", "UKR", "RUS"} <= codes
    assert not codes & {"USA", "AUS", "FRA"}


def test_basemap_rejects_unknown_scale():
    with pytest.raises(ValueError, match="110m"):
        basemaps.basemap("1m")


@pytest.mark.parametrize(
    ("label", "lon", "lat", "on", "neighbour", "min_km", "max_km"),
    [
        ("Brest, Belarus", 23.7341, 52.0976, None, "POL", 3, 10),
        ("Hrodna", 23.8258, 53.6884, None, "POL", 10, 25),
        ("Minsk", 27.5667, 53.9000, None, "LTU", 110, 130),
        # Before the Baltic states joined, Poland was nearest to Minsk.
        ("Minsk in 2003", 27.5667, 53.9000, date(2003, 1, 1), "POL", 245, 270),
        ("Vyborg in 2022", 28.75, 60.71, date(2022, 6, 1), "EST", 120, 160),
        ("Vyborg in 2024", 28.75, 60.71, date(2024, 6, 1), "FIN", 15, 40),
        ("Warsaw", 21.0122, 52.2297, None, "POL", 0, 0),
        ("Havana", -82.38, 23.13, None, "USA", 140, 190),
        ("Tehran", 51.39, 35.69, None, "TUR", 550, 680),
        # Article 6: overseas territories south of the Tropic of Cancer are outside the treaty area.
        ("Cayenne, French Guiana", -52.33, 4.92, None, "USA", 2500, 4500),
        ("Antananarivo", 47.52, -18.91, None, "TUR", 4500, 6500),
        ("Honolulu", -157.86, 21.31, None, "USA", 3500, 4500),
        ("Las Palmas, Canary Islands", -15.43, 28.12, None, "ESP", 0, 0),
    ],
)
def test_nato_border_distance(label, lon, lat, on, neighbour, min_km, max_km):
    km, code = nato.nato_border_distance(lon, lat, on)
    assert code == neighbour, label
    assert min_km <= km <= max_km, label


def test_nato_distance_before_nato_existed():
    assert nato.nato_border_distance(0.0, 0.0, date(1940, 1, 1)) == (float("inf"), None)


@pytest.mark.parametrize(
    ("on", "member", "expected"),
    [
        (date(2023, 4, 3), "FIN", False),
        (date(2023, 4, 4), "FIN", True),
        (date(2024, 3, 6), "SWE", False),
        (date(2024, 3, 7), "SWE", True),
        (date(2020, 3, 26), "MKD", False),
        (date(2020, 3, 27), "MKD", True),
        (date(2017, 6, 5), "MNE", True),
        (date(1950, 1, 1), "USA", True),
        (date(1998, 1, 1), "POL", False),
        (None, "SWE", True),
    ],
)
def test_nato_members_by_date(on, member, expected):
    assert (member in nato.nato_members(on)) is expected


def test_nato_membership_grows():
    assert len(nato.nato_members(date(2022, 1, 1))) == 30
    assert len(nato.nato_members(date(2024, 6, 1))) == 32


def test_shapes_are_shared_not_copied():
    """country_shape is read from the cached frame: repeated calls are cheap and equal."""
    assert shapes.country_shape("BLR") is shapes.country_shape("BLR")
    assert shapely.equals(shapes.geometry_for("country:BLR"), shapes.country_shape("blr"))


def km2(shape) -> float:
    return float(gpd.GeoSeries([shape], crs="EPSG:4326").to_crs("EPSG:3035").area.iloc[0]) / 1e6


@pytest.mark.parametrize(
    ("code", "official_km2", "inside", "outside"),
    [
        ("BY.01", 32_786, (23.7341, 52.0976), (27.5667, 53.9000)),  # Brest Oblast: Brest in, Minsk out
        ("BY.02", 40_372, (30.98, 52.44), (23.7341, 52.0976)),  # Gomel Oblast: Gomel in
        ("BY.03", 25_127, (23.8258, 53.6884), (30.98, 52.44)),  # Grodno Oblast: Hrodna in
        ("RU.23", 15_125, (20.51, 54.71), (37.62, 55.75)),  # Kaliningrad Oblast, the exclave
    ],
)
def test_admin1_area_is_approximately_right(code, official_km2, inside, outside):
    """Voronoi cells of GeoNames towns, cut to the country: within 20 % of the official area."""
    shape = shapes.geometry_for(f"admin1:{code}")
    assert shape.geom_type in {"Polygon", "MultiPolygon"}
    assert abs(km2(shape) - official_km2) / official_km2 < 0.2
    assert shape.contains(Point(inside)) and not shape.contains(Point(outside))


@pytest.mark.parametrize("code", ["ZZ.01", "BY.99", "nonsense"])
def test_unknown_admin1_is_none(code):
    assert shapes.admin1_shape(code) is None


def test_basemap_is_stored_between_runs(monkeypatch, tmp_path):
    monkeypatch.setenv("EXERCISE_MAP_CACHE", str(tmp_path))
    basemaps.basemap.cache_clear()
    try:
        first = basemaps.basemap("110m")
        [stored] = tmp_path.glob("basemap-110m-*.json")
        basemaps.basemap.cache_clear()
        again = basemaps.basemap("110m")
        assert list(again["iso3"]) == list(first["iso3"])
        assert bool(again.geometry.geom_equals(first.geometry).all())
        stored.write_text("{damaged", encoding="utf-8")
        basemaps.basemap.cache_clear()
        assert len(basemaps.basemap("110m")) == len(first)  # recomputed, not an error
        assert stored.read_text(encoding="utf-8").startswith('{"iso3"')
    finally:
        basemaps.basemap.cache_clear()


@pytest.mark.parametrize(
    ("lon", "lat", "on"),
    [
        (30.52, 50.45, date(2022, 2, 1)),  # Kyiv
        (44.79, 41.72, None),  # Tbilisi: just inside EPSG:3035's area of use
        (37.62, 55.75, date(2010, 1, 1)),  # Moscow
        (-21.9, 64.1, None),  # Reykjavik: a member itself
        (18.07, 59.33, date(2023, 1, 1)),  # Stockholm before Sweden joined
    ],
)
def test_pruned_search_equals_brute_force(lon, lat, on):
    """Skipping members by bounding box must never change the answer."""
    km, code = nato.nato_border_distance(lon, lat, on)
    x, y = nato._to_europe().transform(lon, lat)
    projected = nato._members_europe()
    brute = {c: projected[c].distance(Point(x, y)) / 1000 for c in nato.nato_members(on)}
    best = min(brute, key=brute.__getitem__)
    assert brute[code] == pytest.approx(brute[best])
    assert km == pytest.approx(brute[best])
