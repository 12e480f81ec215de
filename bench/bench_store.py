"""Event-store benchmark: bulk ingest, add-one-then-load, dataset load.

    .venv/bin/python bench/bench_store.py --articles 10000      # the figures of the report
    .venv/bin/python bench/bench_store.py --articles 500        # a quick run

Made-up articles (geo.store.samples), one exercise each, into fresh SQLite
stores in a temporary folder (or ``--db-url`` for PostgreSQL, emptied first).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    os.environ.setdefault("EXERCISE_MAP_CACHE", "/tmp/store-cache")

    from geo.store import add_article, load_dataset_from_store, open_store, sync_folder
    from geo.store import load as load_module
    from geo.store.ingest import extract
    from geo.store.samples import sample_article, write_samples

    tmp = Path(tempfile.mkdtemp(prefix="bench-store-"))
    folder = tmp / "articles"
    write_samples(folder, args.articles, seed=1)
    print(f"{args.articles} sample articles in {folder}; {os.cpu_count()} cores")

    extract(sample_article(0), "warm.txt")  # the gazetteer index, once
    t = time.perf_counter()
    probe = 200
    for i in range(probe):
        extract(sample_article(i, seed=2), f"p{i}.txt")
    per = (time.perf_counter() - t) / probe
    print(f"geoparse alone (one process, warm): {per * 1000:.2f} ms/article = {1 / per:.0f} articles/s")

    store = None
    for workers in args.workers:
        store = open_store(f"sqlite:///{tmp / f'store-{workers}.sqlite'}")
        t = time.perf_counter()
        report = sync_folder(store, folder, workers=workers)
        took = time.perf_counter() - t
        print(f"bulk ingest, {workers} process(es): {len(report.added)} articles in {took:.1f} s = "
              f"{len(report.added) / took:.0f} articles/s (cold workers included)")
        t = time.perf_counter()
        again = sync_folder(store, folder, workers=workers)
        print(f"  re-sync, nothing changed: {again.unchanged} unchanged in {time.perf_counter() - t:.2f} s")

    load_module._articles.clear(), load_module._decoded.clear(), load_module._merged.clear()
    t = time.perf_counter()
    data = load_dataset_from_store(store)
    cold = time.perf_counter() - t
    n = len(data.exercises)
    print(f"dataset load, cold (query + decode + merge): {n} exercises from {len(data.articles)} articles "
          f"in {cold:.2f} s")
    t = time.perf_counter()
    load_dataset_from_store(store)
    print(f"dataset load, warm (nothing changed): {time.perf_counter() - t:.3f} s")
    text = ("Title: One more\nPublished: 2031-05-01\n\nBelarusian and Russian troops began the Quartz Kite 2031 "
            "drills near Grodno on 3 May 2031.\n")
    t = time.perf_counter()
    result = add_article(store, text, file_name="one-more.txt")
    added = time.perf_counter() - t
    data = load_dataset_from_store(store)
    total = time.perf_counter() - t
    assert any(e.name == "Quartz Kite 2031" for e in data.exercises) and result.added
    print(f"add one article to a store of {args.articles} and load the dataset with it: {total:.2f} s "
          f"(add {added:.2f} s, load {total - added:.2f} s)")


if __name__ == "__main__":
    main()
