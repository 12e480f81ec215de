"""Place helpers: the countries a place lies in, continent-scale regions, the toponyms inside a text span."""

from __future__ import annotations

from geo.core.model import Place, Toponym


def countries_of(place: Place | None) -> tuple[str, ...]:
    """The countries a country-like place stands for (a group gives all its members)."""
    if place is None:
        return ()
    key = place.geometry_key or ""
    if place.kind == "group" or key.startswith("group:"):
        return tuple(code for code in key.removeprefix("group:").split("|") if code)
    if place.kind == "country":
        if key.startswith("country:"):
            return (key.removeprefix("country:"),)
        return (place.country,) if place.country else ()
    return ()


def continent_scale(place: Place) -> bool:
    """Europe, the EU, the Middle East: a region with neither a country nor an outline,
    only a conventional point. A drill area when the text says so; as a place merely
    mentioned it would put a dot somewhere arbitrary on the map."""
    return place.kind == "region" and place.country is None and place.geometry_key is None


def in_span(toponyms: list[Toponym], a: int, b: int) -> list[Toponym]:
    return [t for t in toponyms if a <= t.mention.start and t.mention.end <= b]
