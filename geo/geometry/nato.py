"""Distance to the nearest NATO member, against the alliance of a given day.

Metric work happens in an explicit projected CRS: EPSG:3035 for Europe, an
azimuthal equidistant projection centred on the point elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from geo.geometry.shapes import WGS84, country_shape, valid_area
from geo.geometry.stored import stored_shapes

EUROPE_LAEA = "EPSG:3035"
# EPSG:3035's area of use; outside it the projection distorts distances.
EUROPE_BOUNDS = (-35.0, 24.0, 44.8, 85.0)

# NATO members and the day each joined (the day the instrument of accession was
# deposited). Germany is dated from West Germany's accession.
NATO_ACCESSION: dict[str, date] = {
    **dict.fromkeys(
        ["BEL", "CAN", "DNK", "FRA", "ISL", "ITA", "LUX", "NLD", "NOR", "PRT", "GBR", "USA"],
        date(1949, 8, 24),
    ),
    "GRC": date(1952, 2, 18),
    "TUR": date(1952, 2, 18),
    "DEU": date(1955, 5, 6),
    "ESP": date(1982, 5, 30),
    "CZE": date(1999, 3, 12),
    "HUN": date(1999, 3, 12),
    "POL": date(1999, 3, 12),
    **dict.fromkeys(["BGR", "EST", "LVA", "LTU", "ROU", "SVK", "SVN"], date(2004, 3, 29)),
    "ALB": date(2009, 4, 1),
    "HRV": date(2009, 4, 1),
    "MNE": date(2017, 6, 5),
    "MKD": date(2020, 3, 27),
    "FIN": date(2023, 4, 4),
    "SWE": date(2024, 3, 7),
}
# Natural Earth draws these apart from the member they belong to.
_MEMBER_EXTRA_UNITS = {"FIN": ("ALA",)}

# The North Atlantic Treaty's Article 6 covers the members' territory in Europe and North
# America and their islands in the North Atlantic north of the Tropic of Cancer: not French
# Guiana, Réunion or New Caledonia, nor Hawaii or Guam. Distances are measured to this area,
# so a drill off Madagascar is not "800 km from France".
TROPIC_OF_CANCER = 23.44
_TREATY_AREA = shapely.difference(
    shapely.box(-180.0, TROPIC_OF_CANCER, 180.0, 90.0),
    shapely.box(-180.0, TROPIC_OF_CANCER, -150.0, 35.0),  # the Hawaiian chain, in the Pacific
)


# ---- distance to NATO ---------------------------------------------------------


def nato_members(on: date | None = None) -> tuple[str, ...]:
    """ISO alpha-3 codes of NATO members on ``on`` (None: today), sorted."""
    day = on or date.today()
    return tuple(sorted(code for code, joined in NATO_ACCESSION.items() if joined <= day))


def _member_territory(code: str) -> Polygon | MultiPolygon | None:
    """The member's territory within the treaty area (Article 6)."""
    shapes = [country_shape(c) for c in (code, *_MEMBER_EXTRA_UNITS.get(code, ()))]
    shapes = [s for s in shapes if s is not None]
    if not shapes:
        return None
    return valid_area(shapely.intersection(shapely.union_all(shapes), _TREATY_AREA))


_MEMBERS_FORMAT = 2  # raise when _member_territory changes what it returns


def _member_territories() -> dict[str, BaseGeometry]:
    territory = {code: _member_territory(code) for code in NATO_ACCESSION}
    return {code: geom for code, geom in territory.items() if geom is not None}


@lru_cache(maxsize=1)
def _members_wgs84() -> dict[str, BaseGeometry]:
    # The 32 unions take ~1.5 s: computed once per machine, not per server start.
    stamp = f"{_MEMBERS_FORMAT}-{'.'.join(sorted(NATO_ACCESSION))}"
    territory = stored_shapes("nato-members", stamp, _member_territories)
    for geom in territory.values():
        shapely.prepare(geom)  # covers() per drill site
    return territory


@lru_cache(maxsize=1)
def _members_europe() -> dict[str, BaseGeometry]:
    """Member territories in EPSG:3035, prepared once: called per drill site."""
    to_laea = _to_europe()
    projected = {}
    for code, geom in _members_wgs84().items():
        shape = shapely.transform(geom, lambda xy: _stack(to_laea.transform(xy[:, 0], xy[:, 1])))
        shapely.prepare(shape)
        projected[code] = shape
    return projected


@lru_cache(maxsize=1)
def _members_coarse() -> dict[str, BaseGeometry]:
    """Members simplified to ~1 km: reprojected per call for points outside Europe."""
    return {code: geom.simplify(0.01) for code, geom in _members_wgs84().items()}


def _stack(xy: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """pyproj gives (xs, ys); shapely.transform wants an (n, 2) array."""
    return np.column_stack(xy)


def _in_europe(lon: float, lat: float) -> bool:
    minx, miny, maxx, maxy = EUROPE_BOUNDS
    return minx <= lon <= maxx and miny <= lat <= maxy


def nato_border_distance(lon: float, lat: float, on: date | None = None) -> tuple[float, str | None]:
    """Kilometres from (lon, lat) to the nearest NATO member's territory on ``on``.

    Returns (0.0, code) for a point on a member's territory, and
    (inf, None) if there were no members on that day. In Europe the distance is
    measured in EPSG:3035; elsewhere in an azimuthal equidistant projection
    centred on the point, where distances from the centre are true.
    """
    members = nato_members(on)
    if not members:
        return float("inf"), None
    point = Point(lon, lat)
    wgs84 = _members_wgs84()
    for code in members:
        if code in wgs84 and wgs84[code].covers(point):
            return 0.0, code
    if _in_europe(lon, lat):
        x, y = _to_europe().transform(lon, lat)
        projected = _members_europe()
        code, metres = _nearest(Point(x, y), {c: projected[c] for c in members if c in projected})
    else:
        code, metres = _nearest_equidistant(lon, lat, members)
    return metres / 1000.0, code


def nato_distance_of_shape(shape: BaseGeometry, on: date | None = None) -> tuple[float, str | None]:
    """Kilometres from the nearest point of ``shape`` (a border segment) to NATO territory on ``on``.

    A line's middle says little: the Belarus–Ukraine border is 300 km from Poland at
    its middle and meets Poland at its western end. Outside Europe the shape's
    representative point stands for it.
    """
    members = nato_members(on)
    if not members:
        return float("inf"), None
    centre = shape.representative_point()
    if not _in_europe(centre.x, centre.y):
        return nato_border_distance(centre.x, centre.y, on)
    to_laea = _to_europe()
    projected = shapely.transform(shape, lambda xy: _stack(to_laea.transform(xy[:, 0], xy[:, 1])))
    europe = _members_europe()
    code, metres = _nearest(projected, {c: europe[c] for c in members if c in europe})
    return metres / 1000.0, code


@lru_cache(maxsize=1)
def _to_europe():  # noqa: ANN202 - pyproj.Transformer, imported lazily
    from pyproj import Transformer  # lazy: heavy: only for metric distances

    return Transformer.from_crs(WGS84, EUROPE_LAEA, always_xy=True)


def _nearest(here: BaseGeometry, shapes: dict[str, BaseGeometry]) -> tuple[str | None, float]:
    """The nearest shape's code and distance, measuring exactly only where it can matter.

    The distance to a bounding box never exceeds the distance to the shape in
    it, so shapes whose box is farther than the best exact answer are skipped
    (the United States' coastline is costly and rarely nearest).
    """
    by_box = sorted((shapely.box(*shape.bounds).distance(here), code) for code, shape in shapes.items())
    best_code, best = None, float("inf")
    for box_distance, code in by_box:
        if box_distance >= best:
            break
        distance = shapes[code].distance(here)
        if distance < best:
            best_code, best = code, distance
    return best_code, best


def _nearest_equidistant(lon: float, lat: float, members: Iterable[str]) -> tuple[str | None, float]:
    from pyproj import CRS, Transformer  # lazy: heavy: only for metric distances

    local = CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m")
    to_local = Transformer.from_crs(WGS84, local, always_xy=True)
    coarse = _members_coarse()
    origin = Point(0.0, 0.0)
    shapes: dict[str, BaseGeometry] = {}
    for code in members:
        if code not in coarse:
            continue
        shape = shapely.transform(coarse[code], lambda xy: _stack(to_local.transform(xy[:, 0], xy[:, 1])))
        shapes[code] = shape
    return _nearest(origin, shapes)
