"""Times the geometry and geocoding-cache building blocks; prints one line per figure.

    .venv/bin/python bench/bench_geometry.py

Each figure runs in this one process, in the order a real run meets them, so
"cold" means "first call in a fresh process".
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def timed(label: str, func: Callable[[], object], repeat: int = 1) -> object:
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    per_call = statistics.median(times)
    unit = f"{per_call * 1000:.2f} ms" if per_call < 1 else f"{per_call:.2f} s"
    print(f"{label:<52} {unit}{' (median of %d)' % repeat if repeat > 1 else ''}")
    return result


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["EXERCISE_MAP_CACHE"] = folder  # cold basemap store, no seed
        from geo.core.model import GeocodeContext, Place
        from geo.geometry import basemap as basemaps
        from geo.geometry import nato, shapes
        from geo.places.cache import GeocodeCache

        timed("countries() cold (read NE 1:10m, fix, merge)", shapes.countries)
        timed("border_place(BLR, POL) first", lambda: shapes.border_place("BLR", "POL"))
        timed("nato_border_distance first call (prepares members)", lambda: nato.nato_border_distance(23.73, 52.10))
        timed("nato_border_distance, a point in Europe", lambda: nato.nato_border_distance(27.56, 53.9), 200)
        timed("nato_border_distance, a point in East Asia", lambda: nato.nato_border_distance(131.9, 43.1), 10)
        timed("basemap('110m') computed", basemaps.basemap)
        basemaps.basemap.cache_clear()
        frame = timed("basemap('110m') read back from the store", basemaps.basemap)
        print(f"{'basemap 110m GeoJSON payload':<52} {len(frame.to_json()) / 1e6:.2f} MB")
        region = basemaps.basemap_for_bounds((23.0, 51.0, 33.0, 56.5), scale="50m", margin=5.0)
        print(f"{'basemap_for_bounds(Belarus, 50m, 5 deg) payload':<52} {len(region.to_json()) / 1e6:.2f} MB")

        cache = GeocodeCache(Path(folder) / "bench.sqlite", seed=None)
        context = GeocodeContext(countries=("BLR", "POL"))
        place = Place("Brest", "city", 23.7, 52.1, country="BLR", gazetteer_id="geonames:629634")
        count = 2000
        start = time.perf_counter()
        for i in range(count):
            cache.put(f"name {i}", context, "v1", place)
        put = (time.perf_counter() - start) / count
        start = time.perf_counter()
        for i in range(count):
            cache.get(f"name {i}", context, "v1")
        get = (time.perf_counter() - start) / count
        print(f"{'cache put (one commit each, WAL)':<52} {put * 1e6:.0f} us")
        print(f"{'cache get (hit)':<52} {get * 1e6:.0f} us")
        cache.close()


if __name__ == "__main__":
    main()
