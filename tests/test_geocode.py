"""The geocoder chain: cache in front, manual table, gazetteer, optional Nominatim (faked)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pytest
from geopy.exc import GeocoderServiceError, GeocoderTimedOut, GeocoderUnavailable

from geo.core import paths
from geo.core.model import GeocodeContext, Place
from geo.places import geocode as gc
from geo.places.cache import GeocodeCache

BELARUS = GeocodeContext(countries=("BLR",))
FRANCE = GeocodeContext(countries=("FRA",))


@dataclass
class FakeGazetteer:
    """Brest follows the article's countries, like the real resolver; counts calls."""

    calls: list[str] = field(default_factory=list)

    def geocode(self, query: str, *, context: GeocodeContext | None = None) -> Place | None:
        self.calls.append(query)
        if query.casefold() != "brest":
            return None
        if context and "FRA" in context.countries:
            return Place("Brest", "city", -4.49, 48.39, country="FRA", gazetteer_id="geonames:3030300")
        return Place("Brest", "city", 23.7, 52.1, country="BLR", gazetteer_id="geonames:629634")


@dataclass
class FakeClock:
    now: float = 0.0
    slept: list[float] = field(default_factory=list)

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


class FakeNominatim:
    """geopy's client contract: geocode(query, exactly_one=..., **options)."""

    def __init__(self, error: Exception | None = None) -> None:
        self.error = error
        self.calls: list[tuple[str, dict]] = []

    def geocode(self, query: str, **options):
        self.calls.append((query, options))
        if self.error:
            raise self.error
        if query == "Nowhere":
            return None
        raw = {
            "osm_type": "relation",
            "osm_id": 123,
            "name": "Pabradė",
            "addresstype": "town",
            "address": {"country_code": "lt"},
        }
        return SimpleNamespace(latitude=54.98, longitude=25.76, address="Pabradė, Lithuania", raw=raw)


@pytest.fixture
def cache(tmp_path: Path):
    with GeocodeCache(tmp_path / "geocode.sqlite", seed=None) as opened:
        yield opened


MANUAL_TABLE = {
    "places": [
        {
            "name": "Test Range",
            "aliases": ["Test Range training area"],
            "kind": "facility",
            "lon": 27.0,
            "lat": 53.0,
            "country": "BLR",
            "confidence": 0.8,
        },
        {"name": "Brest", "kind": "city", "lon": 1.0, "lat": 2.0, "country": "XXX", "only_with": ["XXX"]},
    ]
}


@pytest.fixture
def manual(tmp_path: Path) -> gc.ManualGeocoder:
    path = tmp_path / "manual.json"
    path.write_text(json.dumps(MANUAL_TABLE), encoding="utf-8")
    return gc.ManualGeocoder(gc.load_manual_table(path))


@pytest.mark.parametrize(
    ("query", "context", "expected"),
    [
        ("Test Range", None, ("Test Range", "manual", 0.8, "manual:test range")),
        ("test range  TRAINING area", None, ("Test Range", "manual", 0.8, "manual:test range")),
        ("Brest", BELARUS, None),  # limited to articles naming XXX
        ("Brest", GeocodeContext(countries=("XXX",)), ("Brest", "manual", 0.9, "manual:brest")),
        ("Brest", GeocodeContext(country_hint="XXX"), ("Brest", "manual", 0.9, "manual:brest")),
        ("Elsewhere", None, None),
    ],
)
def test_manual_geocoder(manual, query, context, expected):
    place = manual.geocode(query, context=context)
    got = None if place is None else (place.name, place.provenance, place.confidence, place.gazetteer_id)
    assert got == expected


def test_shipped_manual_table_is_well_formed():
    table = gc.load_manual_table()
    assert table, "geo/data/manual_places.json should list at least one place"
    for entries in table.values():
        for entry in entries:
            assert entry.place.provenance == "manual"
            assert -180 <= entry.place.lon <= 180 and -90 <= entry.place.lat <= 90
            assert 0 < entry.place.confidence <= 1


def test_chain_first_answer_wins(manual):
    gazetteer = FakeGazetteer()
    chain = gc.ChainGeocoder([manual, gazetteer])
    assert chain.geocode("Test Range").provenance == "manual"
    assert gazetteer.calls == []
    assert chain.geocode("Brest", context=BELARUS).provenance == "gazetteer"
    assert chain.geocode("Atlantis") is None
    assert gazetteer.calls == ["Brest", "Atlantis"]


def test_cached_geocoder_records_hits_and_misses(cache):
    gazetteer = FakeGazetteer()
    cached = gc.CachedGeocoder(gazetteer, cache, version="v1")
    first = cached.geocode("Brest", context=BELARUS)
    second = cached.geocode("BREST", context=BELARUS)
    assert (first.provenance, second.provenance) == ("gazetteer", "cache")
    assert (first.lon, first.lat, first.gazetteer_id) == (second.lon, second.lat, second.gazetteer_id)
    assert cached.geocode("Atlantis") is None
    assert cached.geocode("Atlantis") is None  # the miss is remembered
    assert gazetteer.calls == ["Brest", "Atlantis"]
    assert (cache.stats.hits, cache.stats.misses, cache.stats.writes) == (2, 2, 2)


def test_context_keeps_brest_apart(cache):
    cached = gc.CachedGeocoder(FakeGazetteer(), cache, version="v1")
    assert cached.geocode("Brest", context=BELARUS).country == "BLR"
    assert cached.geocode("Brest", context=FRANCE).country == "FRA"
    assert cached.geocode("Brest", context=BELARUS).country == "BLR"
    assert cached.geocode("Brest", context=FRANCE).country == "FRA"
    assert len(cache) == 2


def test_nominatim_answer_is_online_and_less_confident():
    client = FakeNominatim()
    clock = FakeClock()
    online = gc.NominatimGeocoder(client, clock=clock, sleep=clock.sleep)
    place = online.geocode("Pabrade", context=GeocodeContext(countries=("LTU", "BLR")))
    assert place == Place(
        name="Pabradė",
        kind="city",
        lon=25.76,
        lat=54.98,
        country="LTU",
        gazetteer_id="osm:relation/123",
        provenance="online",
        confidence=gc.ONLINE_CONFIDENCE,
    )
    assert client.calls[0][1]["country_codes"] == ["lt", "by"]
    assert online.geocode("Nowhere") is None
    assert online.failures == 0


def test_nominatim_is_rate_limited_to_one_request_per_second():
    clock = FakeClock()
    online = gc.NominatimGeocoder(FakeNominatim(), clock=clock, sleep=clock.sleep)
    for name in ["A", "B", "C"]:
        online.geocode(name)
    assert clock.slept == [1.0, 1.0]


@pytest.mark.parametrize(
    "error",
    [GeocoderTimedOut("timed out"), GeocoderUnavailable("no route"), GeocoderServiceError("HTTP 500"), OSError("down")],
)
def test_unreachable_nominatim_gives_none_and_rests(error):
    client = FakeNominatim(error)
    clock = FakeClock()
    online = gc.NominatimGeocoder(client, clock=clock, sleep=clock.sleep, cooldown=60)
    assert online.geocode("Brest") is None
    assert online.geocode("Minsk") is None  # resting: the client is not asked again
    assert (len(client.calls), online.failures) == (1, 2)
    clock.now += 61
    assert online.geocode("Minsk") is None
    assert len(client.calls) == 2


def test_real_nominatim_client_is_configured_not_called():
    online = gc.NominatimGeocoder()
    assert online.client.timeout == 1.0
    assert online.client.headers["User-Agent"] == gc.USER_AGENT
    assert online.client.domain == "nominatim.openstreetmap.org"


def test_outage_is_not_cached_as_a_miss(cache):
    clock = FakeClock()
    down = gc.NominatimGeocoder(FakeNominatim(GeocoderUnavailable("down")), clock=clock, sleep=clock.sleep)
    cached = gc.CachedGeocoder(gc.ChainGeocoder([FakeGazetteer(), down]), cache, version="v1")
    assert cached.geocode("Pabrade") is None
    assert len(cache) == 0
    assert cached.geocode("Brest").provenance == "gazetteer"  # found offline: cached as usual
    assert len(cache) == 1


@pytest.mark.parametrize(
    ("env", "expected"),
    [({}, False), ({"EXERCISE_MAP_ONLINE_GEOCODER": "1"}, True), ({"EXERCISE_MAP_ONLINE_GEOCODER": "0"}, False)],
)
def test_online_is_off_by_default(monkeypatch, env, expected):
    monkeypatch.delenv(gc.ENV_ONLINE, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert gc.online_enabled() is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, paths.PROJECT_ROOT / ".cache" / "geocode.sqlite"),
        ("/tmp/x/places.sqlite", Path("/tmp/x/places.sqlite")),
        ("/tmp/x", Path("/tmp/x/geocode.sqlite")),
    ],
)
def test_cache_path(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv(paths.ENV_CACHE, raising=False)
    else:
        monkeypatch.setenv(paths.ENV_CACHE, value)
    assert paths.cache_path() == expected


def test_build_geocoder_order(cache, manual):
    chain = gc.build_geocoder(cache=cache, online=True, gazetteer=FakeGazetteer(), manual=manual)
    assert isinstance(chain, gc.CachedGeocoder)
    assert [type(p).__name__ for p in chain.inner.providers] == ["ManualGeocoder", "FakeGazetteer", "NominatimGeocoder"]
    assert chain.version.endswith("+online")
    offline = gc.build_geocoder(cache=cache, online=False, gazetteer=FakeGazetteer(), manual=manual)
    assert [type(p).__name__ for p in offline.inner.providers] == ["ManualGeocoder", "FakeGazetteer"]
    assert offline.version == gc.resolver_version()


def test_default_geocoder_is_memoised(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.ENV_CACHE, str(tmp_path))
    monkeypatch.delenv(gc.ENV_ONLINE, raising=False)
    monkeypatch.setattr(gc, "_gazetteer_geocoder", FakeGazetteer)
    gc.reset_default_geocoder()
    try:
        first = gc.default_geocoder()
        assert first is gc.default_geocoder()
        assert gc.geocode("Brest", context=BELARUS).provenance == "gazetteer"
        assert gc.geocode("Brest", context=BELARUS).provenance == "cache"
        assert (tmp_path / "geocode.sqlite").exists()
    finally:
        gc.reset_default_geocoder()


def test_protocol_is_structural():
    assert isinstance(FakeGazetteer(), gc.Geocoder)
    assert isinstance(gc.ChainGeocoder([]), gc.Geocoder)


def test_default_geocoder_drops_other_versions(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.ENV_CACHE, str(tmp_path / "places.sqlite"))
    monkeypatch.delenv(gc.ENV_ONLINE, raising=False)
    monkeypatch.setattr(gc, "_gazetteer_geocoder", FakeGazetteer)
    with GeocodeCache(tmp_path / "places.sqlite", seed=None) as old:
        old.put("Brest", BELARUS, "an-old-version", Place("Brest", "city", 0.0, 0.0))
    gc.reset_default_geocoder()
    try:
        assert gc.geocode("Brest", context=BELARUS).lon == 23.7
        assert [version for _, _, version, _ in gc.default_geocoder().cache.entries()] == [gc.resolver_version()]
    finally:
        gc.reset_default_geocoder()


def test_unusable_cache_location_geocodes_without_cache(monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(paths.ENV_CACHE, str(blocker / "geocode.sqlite"))
    monkeypatch.delenv(gc.ENV_ONLINE, raising=False)
    monkeypatch.setattr(gc, "_gazetteer_geocoder", FakeGazetteer)
    gc.reset_default_geocoder()
    try:
        assert isinstance(gc.default_geocoder(), gc.ChainGeocoder)
        assert gc.geocode("Brest", context=BELARUS).provenance == "gazetteer"
    finally:
        gc.reset_default_geocoder()
