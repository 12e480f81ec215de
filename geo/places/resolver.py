"""Stage 2b: the offline geocoder, one name and its ``GeocodeContext`` to a ``Place``.

``GazetteerGeocoder`` answers ``geocode(query, context=...)`` (asked by
``geo.places.toponyms`` through the geocoder chain) by scoring every gazetteer
entry of that name:

    population prior + kind prior + named-country bonus + proximity bonus
"""

from __future__ import annotations

import math
import re

from geo.core.model import GeocodeContext, Place
from geo.gazetteer.index import Entry, Gazetteer, haversine_km, load_gazetteer, name_key

# A country outranks a town of the same name unless the text says otherwise;
# an admin-1 region counts like a town of ~200,000 people (Georgia, Texas, Brest Oblast).
KIND_PRIOR = {"country": 8.0, "group": 8.0, "sea": 7.5, "facility": 6.5, "region": 5.3}
CURATED_REGION_PRIOR = 8.0
SMALL_COUNTRY_REGION_PRIOR = 4.3
SMALL_COUNTRY_POPULATION = 5_000_000
ALTERNATE_NAME_PENALTY = 1.2
SEAT_REGION_PENALTY = 1.5
NAMED_COUNTRY_BONUS = 2.6
FIRST_COUNTRY_BONUS = 0.8
COUNTRY_HINT_BONUS = 6.0
PROXIMITY_BONUS = 2.5
PROXIMITY_SCALE_KM = 400.0
# Units small enough that the places around their name lie inside or next to them.
LOCAL_UNITS = frozenset({"county", "parish", "township", "borough", "district", "raion", "rayon"})
_SINGULAR_UNITS = {"counties": "County", "districts": "District", "provinces": "Province", "prefectures": "Prefecture"}
LOCAL_UNIT_KM = 150.0
HINT_KIND = {"region": "region", "facility": "facility", "sea": "sea", "group": "group"}


def _small_country(iso3: str | None) -> bool:
    country = load_gazetteer().country(iso3) if iso3 else None
    return country is None or country.population < SMALL_COUNTRY_POPULATION


def _prior(entry: Entry, primary: bool) -> float:
    if entry.kind == "city":
        score = math.log10(entry.population + 10)
    elif entry.kind == "region" and entry.gid.startswith("curated:"):
        score = CURATED_REGION_PRIOR  # "Middle East", "Crimea": never a village of that name
    elif entry.kind == "region" and _small_country(entry.country):
        score = SMALL_COUNTRY_REGION_PRIOR  # a parish of Puerto Rico is no Texas
    else:
        score = KIND_PRIOR.get(entry.kind, 5.0)
    return score if primary else score - ALTERNATE_NAME_PENALTY


def score_candidate(entry: Entry, primary: bool, context: GeocodeContext | None) -> float:
    """How well one gazetteer entry fits a name in its document (higher is better)."""
    score = _prior(entry, primary)
    if context is None:
        return score
    if context.hint in HINT_KIND:
        score += 4.0 if entry.kind == HINT_KIND[context.hint] else -2.0
    if context.country_hint:
        score += COUNTRY_HINT_BONUS if entry.country == context.country_hint else -1.0
    if entry.country and entry.country in context.countries:
        score += NAMED_COUNTRY_BONUS
        if context.countries[0] == entry.country:
            score += FIRST_COUNTRY_BONUS
    if context.near is not None and entry.kind in ("city", "region", "facility"):
        km = haversine_km(entry.lon, entry.lat, context.near[0], context.near[1])
        score += PROXIMITY_BONUS * math.exp(-km / PROXIMITY_SCALE_KM)
    return score


def _confidence(best: float, runner_up: float | None) -> float:
    if runner_up is None:
        return 0.9
    return round(1.0 / (1.0 + math.exp(-(best - runner_up))), 3)


def entry_place(entry: Entry, confidence: float = 1.0) -> Place:
    """A gazetteer entry as a ``Place`` (countries and groups carry their geometry key)."""
    geometry_key = None
    country = entry.country
    if entry.kind == "country":
        geometry_key = f"country:{entry.country}"
    elif entry.kind == "group":
        geometry_key = entry.gid
    elif entry.kind == "region" and entry.admin1:
        geometry_key = f"admin1:{entry.admin1}"
    return Place(
        name=entry.name,
        kind=entry.kind,  # type: ignore[arg-type]
        lon=entry.lon,
        lat=entry.lat,
        country=country,
        geometry_key=geometry_key,
        gazetteer_id=entry.gid if entry.kind != "group" else None,
        provenance="gazetteer",
        confidence=confidence,
    )


class GazetteerGeocoder:
    """The offline geocoder: ``geocode(query, context=...)`` over the GeoNames-based gazetteer."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gaz = gazetteer or load_gazetteer()

    def candidates(self, query: str) -> list[tuple[Entry, bool]]:
        key = name_key(query)
        found = self.gaz.lookup(key)
        if not found and key in self.gaz.demonyms:
            country = self.gaz.country(self.gaz.demonyms[key])
            found = [(country, True)] if country else []
        if not found and key.startswith("the "):
            found = self.gaz.lookup(key[4:])
        return found

    def geocode(self, query: str, *, context: GeocodeContext | None = None) -> Place | None:
        if context is not None and context.hint == "border":
            return self._border(query, context)
        if context is not None and context.hint == "demonym" and context.country_hint:
            country = self.gaz.country(context.country_hint)
            return entry_place(country, 0.9) if country else None
        if query in self.gaz.abbreviations:
            return entry_place(self.gaz.entries[self.gaz.abbreviations[query]], 0.9)
        found = self.candidates(query)
        part = _PART_OF.match(query) if not found else None
        if part:  # "the north of Belarus" -> "northern Belarus"
            return self._part_of(f"{part.group(1)}ern {part.group(2)}", context)
        if not found and _RELATIVE.match(query):
            return self._relative(query, context)
        if not found and _COMPASS.match(query):
            return self._part_of(query, context)
        if not found and context is not None and context.hint == "facility":
            return self._facility(query, context)
        if not found and context is not None and context.hint == "region":
            return self._unknown_region(query, context)
        if not found:
            return None
        # "Grodno", "Brest": a region named after its seat means the town unless the text says region.
        seats = {e.admin1 for e, _ in found if e.kind == "city"}
        wants_region = context is not None and context.hint == "region"

        def score(entry: Entry, primary: bool) -> float:
            named_after_seat = entry.kind == "region" and entry.admin1 in seats and not wants_region
            return score_candidate(entry, primary, context) - (SEAT_REGION_PENALTY if named_after_seat else 0.0)

        scored = sorted(((score(e, primary), i) for i, (e, primary) in enumerate(found)), reverse=True)
        best_score, best_i = scored[0]
        runner_up = next((s for s, i in scored[1:] if found[i][0].gid != found[best_i][0].gid), None)
        return entry_place(found[best_i][0], _confidence(best_score, runner_up))

    def _facility(self, query: str, context: GeocodeContext) -> Place | None:
        """"Brestsky training ground" -> a facility at Brest: the place the name is derived from.

        Every spelling the adjective may come from is scored like any other name
        (population, named countries, proximity); a stem that needs more surgery
        ranks a little lower, so "Totsky" finds Totskoye in a text about Russia.
        """
        name = _FACILITY_NOUN.sub("", query).strip()
        plain = GeocodeContext(context.countries, None, context.country_hint, context.near)
        best: tuple[float, Entry] | None = None
        for rank, stem in enumerate(_stems(name)):
            for entry, primary in self.candidates(stem):
                if entry.kind not in ("city", "region", "facility"):
                    continue
                score = score_candidate(entry, primary, plain) - 0.3 * rank
                if best is None or score > best[0]:
                    best = (score, entry)
        if best is None:
            return None
        entry = best[1]
        if entry.kind == "facility":
            return entry_place(entry, 0.8)
        return Place(
            name=query, kind="facility", lon=entry.lon, lat=entry.lat, country=entry.country,
            gazetteer_id=entry.gid, provenance="gazetteer", confidence=0.6,
        )

    def _relative(self, query: str, context: GeocodeContext | None) -> Place | None:
        """"30 km north of Minsk" -> Minsk moved 30 km north; "east of Taiwan" -> just past its east edge."""
        match = _RELATIVE.match(query)
        if match is None:
            return None
        base = self.geocode(match.group("rest"), context=context)
        if base is None:
            return None
        bearing = _BEARINGS[match.group("dir").lower().replace("-", "")]
        if match.group("dist"):
            km = float(match.group("dist").replace(",", "."))
            km *= 1.609 if match.group("unit").lower().startswith("mi") else 1.0
        else:
            km = _reach_km(base, self.gaz.extents.get(base.gazetteer_id or ""), bearing) + 30.0
        lon, lat = _destination(base.lon, base.lat, bearing, km)
        return Place(name=query, kind="region", lon=lon, lat=lat, country=base.country,
                     gazetteer_id=base.gazetteer_id, confidence=round(base.confidence * 0.7, 3))

    def _part_of(self, query: str, context: GeocodeContext | None) -> Place | None:
        """"western Belarus", "Southern California": the middle of that half of the place."""
        match = _COMPASS.match(query)
        whole = self.geocode(query[match.end():], context=context) if match else None
        if whole is None or match is None:
            return None
        extent = self.gaz.extents.get(whole.gazetteer_id or "")
        if extent is None and whole.kind == "sea":
            # "the central Mediterranean": a named part of a sea is a curated entry of its own
            # ("Central Mediterranean"); without one, the whole sea, named as written.
            part = self.candidates(f"{match.group(1).title()} {whole.name}")
            if part:
                return entry_place(part[0][0], round(whole.confidence * 0.9, 3))
            return whole
        if extent is None:
            return whole
        lon, lat = whole.lon, whole.lat
        west, south, east, north = extent
        words = match.group(1).lower()
        if "north" in words:
            lat = (lat + north) / 2
        if "south" in words:
            lat = (lat + south) / 2
        if "east" in words:
            lon = (lon + east) / 2
        if "west" in words:
            lon = (lon + west) / 2
        return Place(name=f"{match.group(1).lower()} {whole.name}", kind="region", lon=lon, lat=lat,
                     country=whole.country, gazetteer_id=whole.gazetteer_id,
                     confidence=round(whole.confidence * 0.8, 3))

    def _unknown_region(self, query: str, context: GeocodeContext) -> Place | None:
        """A region the gazetteer lacks: its namesake region or town, else (a county) the passage's place.

        "Kemerovo Regions" -> the Kemerovo region; "Metcalfe County" -> a town
        Metcalfe near the places around it, else the nearest resolved place of
        the passage with a low confidence: a county lies within a few dozen km.
        """
        words = query.split()
        if len(words) < 2:
            return None
        bare = " ".join(words[:-1])
        singular = _SINGULAR_UNITS.get(words[-1].lower())
        if singular:
            # "the Lääne and Ida-Viru counties": each is "Ida-Viru County"
            one = self.geocode(f"{bare} {singular}", context=GeocodeContext(
                context.countries, "region", context.country_hint, context.near))
            if one is not None and one.kind == "region" and one.gazetteer_id is not None and one.name != f"{bare} {singular}":
                return one
        place = self.geocode(bare, context=GeocodeContext(context.countries, "region", context.country_hint,
                                                          context.near))
        is_local_unit = words[-1].lower() in LOCAL_UNITS
        if place is not None and place.kind in ("sea", "group", "facility") and not is_local_unit:
            # "the Black Sea region", "the Baltic states region": the area around a known place
            return Place(name=query, kind="region", lon=place.lon, lat=place.lat, country=place.country,
                         geometry_key=place.geometry_key if place.kind == "group" else None,
                         gazetteer_id=place.gazetteer_id, confidence=round(min(place.confidence, 0.6), 3))
        if place is not None and place.kind == "region" and place.geometry_key and not is_local_unit:
            return place  # "Kemerovo Regions", "the Brest, Grodno and Minsk regions": that region itself
        if place is not None and place.kind in ("city", "region"):
            far = context.near is not None and haversine_km(place.lon, place.lat, *context.near) > LOCAL_UNIT_KM
            if not (is_local_unit and far):
                return Place(name=query, kind="region", lon=place.lon, lat=place.lat, country=place.country,
                             gazetteer_id=place.gazetteer_id, confidence=round(min(place.confidence, 0.5), 3))
        if is_local_unit and context.near is not None:
            return Place(name=query, kind="region", lon=context.near[0], lat=context.near[1],
                         country=context.country_hint or next(iter(context.countries), None), confidence=0.25)
        return None

    def _border(self, query: str, context: GeocodeContext) -> Place | None:
        pair = parse_border_pair(query, context, self.gaz)
        if pair is None:
            return None
        return border_between(*pair, gaz=self.gaz)


_RELATIVE = re.compile(
    r"(?:(?:some |about |around |roughly |nearly |just )?(?P<dist>\d+(?:[.,]\d+)?)\s*-?\s*"
    r"(?P<unit>km|kilometers|kilometres|miles|mi)\s+)?"
    r"(?P<dir>north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+of\s+(?:the\s+)?(?P<rest>.+)$",
    re.IGNORECASE,
)
_PART_OF = re.compile(r"the\s+(north|south|east|west)\s+of\s+(?:the\s+)?(.+)$", re.IGNORECASE)
_BEARINGS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
             "southwest": 225.0, "west": 270.0, "northwest": 315.0}


def _destination(lon: float, lat: float, bearing: float, km: float) -> tuple[float, float]:
    """The point ``km`` away on ``bearing`` (flat-earth step; fine for the few hundred km news uses)."""
    rad = math.radians(bearing)
    new_lat = lat + km / 111.2 * math.cos(rad)
    new_lon = lon + km / (111.2 * max(0.2, math.cos(math.radians(lat)))) * math.sin(rad)
    return new_lon, max(-89.9, min(89.9, new_lat))


def _reach_km(place: Place, extent: tuple[float, float, float, float] | None, bearing: float) -> float:
    """How far the place reaches from its point towards ``bearing`` (0 for a town)."""
    if extent is None:
        return 0.0
    west, south, east, north = extent
    dy = (north - place.lat) if math.cos(math.radians(bearing)) > 0.3 else \
        (place.lat - south) if math.cos(math.radians(bearing)) < -0.3 else 0.0
    dx = (east - place.lon) if math.sin(math.radians(bearing)) > 0.3 else \
        (place.lon - west) if math.sin(math.radians(bearing)) < -0.3 else 0.0
    return math.hypot(dy * 111.2, dx * 111.2 * math.cos(math.radians(place.lat)))


_COMPASS = re.compile(
    r"(north|south|east|west|northern|southern|eastern|western|central|north-?eastern|north-?western|"
    r"south-?eastern|south-?western)\s+", re.IGNORECASE
)
_FACILITY_NOUN = re.compile(
    r"\s+(?:training grounds?|training ranges?|firing ranges?|proving grounds?|training areas?|test ranges?|"
    r"test sites?|ranges?|polygons?|air ?bases?|air force bases?|naval bases?|military bases?)$", re.IGNORECASE
)
# Russian/Belarusian adjectival endings of names derived from a town: Brestsky <- Brest,
# Osipovichsky <- Osipovichi, Gozhsky <- Gozha.
_ADJECTIVE_ENDINGS = (("skiy", ""), ("sky", ""), ("ski", ""), ("skoye", ""), ("skoe", ""), ("sky", "sk"),
                      ("ski", "sk"), ("sky", "skoye"), ("ichsky", "ichi"), ("insky", "a"), ("sky", "y"),
                      ("sky", "a"), ("sky", "o"))


def _stems(name: str) -> list[str]:
    stems = [name]
    for ending, replacement in _ADJECTIVE_ENDINGS:
        if name.endswith(ending) and len(name) > len(ending) + 2:
            stems.append(name[: -len(ending)] + replacement)
    return stems


# --- borders -----------------------------------------------------------------------------

_DIRECTION_BEARING = {"northern": 0.0, "north": 0.0, "eastern": 90.0, "east": 90.0, "southern": 180.0,
                      "south": 180.0, "western": 270.0, "west": 270.0}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _countries_in(words: str, gaz: Gazetteer) -> list[str]:
    """Countries named in a phrase, by country name, demonym or capital, in order."""
    found: list[str] = []
    tokens = _WORD.findall(words)
    i = 0
    while i < len(tokens):
        for width in (3, 2, 1):
            key = name_key(" ".join(tokens[i:i + width]))
            iso3 = None
            if key in gaz.demonyms:
                iso3 = gaz.demonyms[key]
            elif key in gaz.capitals:
                iso3 = gaz.capitals[key]
            else:
                iso3 = next((e.country for e, _ in gaz.lookup(key) if e.kind == "country"), None)
            if iso3:
                if iso3 not in found:
                    found.append(iso3)
                i += width
                break
        else:
            i += 1
    return found


def _bearing(a: Entry, b: Entry) -> float:
    dlon = math.radians(b.lon - a.lon)
    la, lb = math.radians(a.lat), math.radians(b.lat)
    x = math.sin(dlon) * math.cos(lb)
    y = math.cos(la) * math.sin(lb) - math.sin(la) * math.cos(lb) * math.cos(dlon)
    return math.degrees(math.atan2(x, y)) % 360


def _directions(phrase: str) -> list[str]:
    """Compass words in the order the phrase uses them: "western and southern" -> [western, southern]."""
    found = re.findall(r"\b(northern|southern|eastern|western|north|south|east|west)\b", phrase.lower())
    return list(dict.fromkeys(found))


def _neighbours_towards(owner: Entry, direction: str, gaz: Gazetteer, tolerance: float) -> list[tuple[float, str]]:
    """(angle off the direction, code) of the owner's neighbours lying that way, best first."""
    wanted = _DIRECTION_BEARING[direction]
    found = []
    for code in gaz.neighbours.get(owner.country or "", ()):
        other = gaz.country(code)
        if other is None:
            continue
        gap = abs((_bearing(owner, other) - wanted + 180) % 360 - 180)
        if gap <= tolerance:
            found.append((gap, code))
    return sorted(found)


def border_pairs(phrase: str, context: GeocodeContext, gaz: Gazetteer | None = None) -> list[tuple[str, str]]:
    """Every country pair a border phrase names, completed from the document's countries.

    "Poland-Belarus border" -> [(POL, BLR)]; "the Polish border" in a text
    about Belarus -> [(BLR, POL)]; "Belarus' western and southern borders" ->
    Belarus with each neighbour lying west or south, nearest the direction
    first ([(BLR, POL), (BLR, LTU), (BLR, LVA), (BLR, UKR)]).
    """
    gaz = gaz or load_gazetteer()
    named = _countries_in(phrase, gaz)
    if context.country_hint and context.country_hint not in named:
        named.insert(0, context.country_hint)
    if len(named) >= 2:
        return [(named[0], named[1])]
    if not named:
        return []
    only = named[0]
    owner = gaz.country(only)
    directions = _directions(phrase)
    if owner is not None and directions:
        pairs: list[tuple[str, str]] = []
        for direction in directions:
            # Within an octant and a half: a neighbour north-west counts as "western" too.
            for _, code in _neighbours_towards(owner, direction, gaz, tolerance=67.5):
                if (only, code) not in pairs:
                    pairs.append((only, code))
        if pairs:
            return pairs
    # "the Polish border": the other side is the most salient neighbouring country of the text.
    neighbours = gaz.neighbours.get(only, ())
    for code in context.countries:
        if code != only and code in neighbours:
            return [(code, only)]
    return []


def parse_border_pair(phrase: str, context: GeocodeContext, gaz: Gazetteer) -> tuple[str, str] | None:
    """The main country pair of a border phrase (the first of ``border_pairs``), or None."""
    pairs = border_pairs(phrase, context, gaz)
    return pairs[0] if pairs else None


def border_places(phrase: str, context: GeocodeContext, gaz: Gazetteer | None = None) -> list[Place]:
    """Every border a phrase names, as ``Place``s with real geometry ("western and southern borders")."""
    places = [border_between(a, b, gaz) for a, b in border_pairs(phrase, context, gaz)]
    return [p for p in places if p is not None]


def border_between(a: str, b: str, gaz: Gazetteer | None = None) -> Place | None:
    """The a-b border with real geometry when ``geo.geometry.shapes`` can draw it."""
    from geo.geometry.shapes import border_place  # lazy: shapely, numpy (~0.35 s)

    place = border_place(a, b)
    if place is not None:
        return place
    gaz = gaz or load_gazetteer()
    one, two = gaz.country(a), gaz.country(b)
    if one is None or two is None:
        return None
    return Place(
        name=f"{one.name}–{two.name} border",
        kind="border",
        lon=(one.lon + two.lon) / 2,
        lat=(one.lat + two.lat) / 2,
        country=a,
        geometry_key="border:" + "|".join(sorted((a, b))),
        confidence=0.5,
    )


# --- the document ------------------------------------------------------------------------
