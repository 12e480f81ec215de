"""Stage 2c: every place mention of a text with what it resolved to, the document as context.

    find_mentions (recognize) -> document countries and neighbours -> geocoder.geocode(name, context)

The document tells more than any single name: the countries it names (and
the countries of the regions and demonyms it uses), "X, Country" patterns,
and where its other places lie. ``find_toponyms`` gathers that into a
``GeocodeContext`` per mention so that any geocoder chain (cache in front)
answers the same question.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from geo.core.model import GeocodeContext, Place, PlaceMention, Toponym
from geo.gazetteer.index import Entry, Gazetteer, load_gazetteer, name_key
from geo.places.geocode import default_geocoder
from geo.places.recognize import find_mentions


def document_countries(mentions: Sequence[PlaceMention], gaz: Gazetteer) -> tuple[str, ...]:
    """Countries the text names, most mentioned first (names, demonyms, unambiguous regions)."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for order, mention in enumerate(mentions):
        key = name_key(mention.text)
        iso3 = None
        if mention.hint == "demonym" and mention.country_hint:
            iso3 = mention.country_hint
        elif mention.text in gaz.abbreviations:  # "Ky.", "B.C."
            iso3 = gaz.entries[gaz.abbreviations[mention.text]].country
        else:
            found = gaz.lookup(key)
            countries = [e for e, _ in found if e.kind == "country"]
            regions = {e.country for e, _ in found if e.kind == "region"}
            if countries:
                iso3 = countries[0].country
            elif len(regions) == 1 and all(e.kind != "city" or e.population < 200_000 for e, _ in found):
                iso3 = next(iter(regions))
        if mention.country_hint and mention.hint != "demonym":
            counts[mention.country_hint] += 1
            first_seen.setdefault(mention.country_hint, order)
        if iso3:
            counts[iso3] += 1
            first_seen.setdefault(iso3, order)
    return tuple(sorted(counts, key=lambda c: (-counts[c], first_seen[c])))


def _mention_context(mention: PlaceMention, countries: tuple[str, ...], near: tuple[float, float] | None
                     ) -> GeocodeContext:
    return GeocodeContext(countries=countries, hint=mention.hint, country_hint=mention.country_hint, near=near)


def _centre(places: Sequence[Place]) -> tuple[float, float] | None:
    """The median point of the text's confidently resolved towns and regions."""
    points = [(p.lon, p.lat) for p in places if p.kind in ("city", "region", "facility") and p.confidence >= 0.7]
    if not points:
        return None
    lons = sorted(p[0] for p in points)
    lats = sorted(p[1] for p in points)
    return lons[len(lons) // 2], lats[len(lats) // 2]


NEIGHBOUR_CHARS = 400


def _nearest_in_text(mentions: Sequence[PlaceMention], places: Sequence[Place | None], k: int
                     ) -> tuple[float, float] | None:
    """The point of the closest confidently resolved town or region in the same passage.

    Names close together in a text usually lie close together on the ground
    (the towns of one province), more reliably than near the article's middle.
    Mentions are in text order, so only the neighbours within reach are looked at.
    """
    here = mentions[k]
    best: tuple[int, Place] | None = None
    for step in (-1, 1):
        other = k + step
        while 0 <= other < len(mentions):
            mention, place = mentions[other], places[other]
            gap = max(mention.start - here.end, here.start - mention.end)
            if gap > NEIGHBOUR_CHARS:
                break
            useful = (place is not None and place.confidence >= 0.7 and mention.text != here.text
                      and place.kind in ("city", "region", "facility"))
            if useful and (best is None or gap < best[0]):
                best = (gap, place)
            other += step
    return (best[1].lon, best[1].lat) if best else None


def _comma_anchor(text: str, mentions: Sequence[PlaceMention], places: Sequence[Place | None], k: int
                  ) -> Place | None:
    """"Glasgow, Ky.", "Brest, Belarus": the region or country right after a comma anchors the name."""
    if k + 1 >= len(mentions) or text[mentions[k].end:mentions[k + 1].start] != ", ":
        return None
    anchor = places[k + 1]
    return anchor if anchor is not None and anchor.kind in ("region", "country") else None


def _state_after_comma(text: str, gaz: Gazetteer, mentions: Sequence[PlaceMention], k: int) -> Entry | None:
    """"Atlanta, Georgia", "Fort Stewart, Georgia": the admin-1 region of that name that holds a
    place named like the mention before the comma (the state, not the country)."""
    if k == 0 or text[mentions[k - 1].end:mentions[k].start] != ", ":
        return None
    regions = [e for e, _ in gaz.lookup(name_key(mentions[k].text)) if e.kind == "region" and e.admin1]
    before = [e for e, _ in gaz.lookup(name_key(mentions[k - 1].text)) if e.kind in ("city", "facility")]
    return next((r for r in regions if any(b.admin1 == r.admin1 for b in before)), None)


def find_toponyms(text: str, geocoder=None) -> list[Toponym]:  # noqa: ANN001 - geopy-style duck type
    """Every place mention in ``text`` with what it resolved to (or None).

    Two passes: the first resolves every name with the countries the text
    names (a state after a comma that holds the town before it is the state:
    "Atlanta, Georgia"); the second adds where the name sits: the region or country after
    a comma ("Glasgow, Ky."), else the nearest confidently resolved town of
    the same passage, else the median point of the text's towns, so a small
    town is read next to its neighbours. Every lookup is one
    ``geocoder.geocode(mention.text, context=GeocodeContext(...))`` call, so a
    cache in front of the gazetteer answers the same questions.
    """
    gaz = load_gazetteer()
    geocoder = geocoder or default_geocoder()
    mentions = find_mentions(text)
    countries = document_countries(mentions, gaz)
    first = [geocoder.geocode(m.text, context=_mention_context(m, countries, None)) for m in mentions]
    states: set[int] = set()  # mentions settled as the state after a comma
    for k, mention in enumerate(mentions):
        state = _state_after_comma(text, gaz, mentions, k)
        if state is not None and (first[k] is None or first[k].kind == "country"):
            first[k] = geocoder.geocode(mention.text, context=GeocodeContext(
                countries, "region", state.country, (state.lon, state.lat)))
            states.add(k)
    centre = _centre([p for p in first if p is not None])
    resolved: list[Toponym] = []
    for k, (mention, place) in enumerate(zip(mentions, first, strict=True)):
        anchor = _comma_anchor(text, mentions, first, k)
        if k in states:
            pass
        elif anchor is not None and (place is None or place.kind == "city" or place.country != anchor.country):
            context = GeocodeContext(countries, mention.hint, anchor.country or mention.country_hint,
                                     (anchor.lon, anchor.lat) if anchor.kind == "region" else centre)
            place = geocoder.geocode(mention.text, context=context)
        elif centre is not None and (place is None or place.kind not in ("country", "group", "sea", "border")):
            near = _nearest_in_text(mentions, first, k) or centre
            place = geocoder.geocode(mention.text, context=_mention_context(mention, countries, near))
        resolved.append(Toponym(mention, place))
    return resolved
