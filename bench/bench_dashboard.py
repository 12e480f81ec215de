"""Server-side cost of the dashboard with 1k and 10k synthetic exercises.

    .venv/bin/python bench/bench_dashboard.py [--sizes 1000 10000] [--repeat 3]

For each size: the first render (all exercises) and a filter change (one
country and one year, as a user narrows the view), each timed as
Filters.apply + build_map + the Leaflet script streamlit-folium sends +
build_timeline + the figure's JSON. Payloads are the bytes sent to the
browser: the map script (what st_folium ships; the full standalone HTML is
also given) and the timeline figure JSON. Times are medians of --repeat runs
after one warm-up (the Natural Earth basemap is loaded once per server).
Targets (issue 3): filter change < 300 ms and map payload < 3 MB at 10k.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from streamlit_folium import _get_map_string  # noqa: E402

from geo.desk.synthetic import synthetic_dataset  # noqa: E402
from geo.render.filters import Filters  # noqa: E402
from geo.render.mapview import BASEMAP_URL, build_map  # noqa: E402
from geo.render.palette import exercise_palette  # noqa: E402
from geo.render.timeline import build_timeline, limit_rows  # noqa: E402

VIEWS = {
    "first render (all)": Filters(),
    "filter change (POL, 2023)": Filters(countries=("POL",), date_from=date(2023, 1, 1), date_to=date(2023, 12, 31)),
}


def render(dataset, palette, filters: Filters) -> dict[str, float]:
    """One server-side rerun of the Overview page; returns seconds and bytes."""
    t0 = time.perf_counter()
    exercises = filters.apply(dataset.exercises)
    t1 = time.perf_counter()
    fmap = build_map(exercises, palette, basemap_url=BASEMAP_URL)  # as the dashboard draws it
    script = _get_map_string(fmap)
    t2 = time.perf_counter()
    shown, _ = limit_rows(exercises)
    figure = build_timeline(shown, filters.apply_milestones(dataset.milestones, shown), palette)
    figure_json = figure.to_json()
    t3 = time.perf_counter()
    return {
        "events": len(exercises),
        "filter_ms": (t1 - t0) * 1000,
        "map_ms": (t2 - t1) * 1000,
        "timeline_ms": (t3 - t2) * 1000,
        "total_ms": (t3 - t0) * 1000,
        "map_bytes": len(script.encode()),
        "html_bytes": len(fmap.get_root().render().encode()),
        "timeline_bytes": len(figure_json.encode()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    render(synthetic_dataset(10), exercise_palette([]), Filters())  # warm-up: basemap, imports
    print(f"{'events':>7} {'view':<27} {'shown':>6} {'filter':>7} {'map':>7} {'timeline':>9} {'total':>8} "
          f"{'map script':>11} {'map html':>9} {'timeline':>9}")
    for size in args.sizes:
        dataset = synthetic_dataset(size)
        palette = exercise_palette(e.label for e in dataset.exercises)
        for name, filters in VIEWS.items():
            runs = [render(dataset, palette, filters) for _ in range(args.repeat)]
            med = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
            print(f"{size:>7} {name:<27} {int(med['events']):>6} {med['filter_ms']:>5.0f}ms {med['map_ms']:>5.0f}ms "
                  f"{med['timeline_ms']:>7.0f}ms {med['total_ms']:>6.0f}ms {med['map_bytes'] / 1e6:>9.2f}MB "
                  f"{med['html_bytes'] / 1e6:>7.2f}MB {med['timeline_bytes'] / 1e6:>7.2f}MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
