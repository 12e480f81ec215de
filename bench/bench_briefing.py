"""Times the briefing exports on the seed articles; prints one line per figure.

    .venv/bin/python bench/bench_briefing.py [--synthetic N]

"Cold" is the first image in a fresh process (Natural Earth and the NATO
member geometries load then); "warm" is the median of the following ones.
Targets (issue 4): a map PNG and a briefing PNG under 5 s each.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_S = 5.0


def timed(func: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def report(label: str, times: list[float], target: float | None = None) -> None:
    cold, warm = times[0], statistics.median(times[1:]) if len(times) > 1 else None
    verdict = "" if target is None else ("  ok" if cold < target else f"  OVER {target:.0f} s")
    warm_text = f", warm {warm:.2f} s (median of {len(times) - 1})" if warm is not None else ""
    print(f"{label:<34} cold {cold:.2f} s{warm_text}{verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--synthetic", type=int, default=0, help="use N synthetic exercises instead of articles/"
    )
    parser.add_argument("--repeat", type=int, default=4)
    args = parser.parse_args()

    from geo.render.filters import Filters

    start = time.perf_counter()
    if args.synthetic:
        from geo.desk.synthetic import synthetic_dataset

        dataset = synthetic_dataset(args.synthetic)
        source = f"{args.synthetic} synthetic exercises"
    else:
        from geo.pipeline import build_dataset
        from geo.text.articles import article_paths

        dataset = build_dataset(article_paths(ROOT / "articles"))
        source = "the seed articles"
    print(
        f"dataset ({source}): {len(dataset.exercises)} exercises, built in {time.perf_counter() - start:.2f} s"
    )

    from geo.render.briefing import write_briefing, write_timeline_image
    from geo.render.outputs import write_export

    filters = Filters()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        report(
            "map PNG 1600x1000",
            timed(lambda: write_briefing(dataset, filters, out / "m.png", map_only=True), args.repeat),
            TARGET_S,
        )
        report(
            "briefing PNG 1600x1000",
            timed(lambda: write_briefing(dataset, filters, out / "b.png"), args.repeat),
            TARGET_S,
        )
        report(
            "map PNG 1600x1200 (4:3)",
            timed(
                lambda: write_briefing(dataset, filters, out / "m43.png", size=(1600, 1200), map_only=True),
                args.repeat,
            ),
            TARGET_S,
        )
        for suffix in (".geojson", ".csv", ".html"):
            path = out / f"events{suffix}"
            report(f"export {suffix}", timed(lambda p=path: write_export(dataset, filters, p), args.repeat))
            print(f"{'':<34} {path.stat().st_size / 1024:.0f} kB")
        report(
            "timeline PNG (kaleido, Chromium)",
            timed(lambda: write_timeline_image(dataset, filters, out / "t.png"), 2),
        )


if __name__ == "__main__":
    main()
