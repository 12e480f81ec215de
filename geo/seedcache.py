"""Writes the shipped geocoding cache, ``geo/data/seed_cache.jsonl`` (``python -m geo cache``).

It sits on top of the pipeline because it runs all of it: the seed holds every
lookup a real run of the given articles makes, one reviewable line each.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

from geo.pipeline import analyse_article
from geo.places import geocode
from geo.places.cache import SEED_CACHE, GeocodeCache, seed_line
from geo.text.articles import article_paths, load_article


def write_seed_cache(paths: Iterable[str | Path], output: Path = SEED_CACHE) -> int:
    """Geoparse the given articles (files or folders) with a fresh cache and write its entries as JSON Lines.

    Returns the number of lines written.
    """
    files: list[Path] = []
    for item in map(Path, paths):
        files.extend(article_paths(item) if item.is_dir() else [item])
    with tempfile.TemporaryDirectory() as folder:
        cache = GeocodeCache(Path(folder) / "seed.sqlite", seed=None)
        geocode.install_default_geocoder(geocode.build_geocoder(cache=cache, online=False))
        try:
            for path in files:
                analyse_article(load_article(path))  # every stage that geocodes
        finally:
            geocode.reset_default_geocoder()
        version = geocode.resolver_version()
        lines = [seed_line(*entry) for entry in cache.entries(version)]
        cache.close()
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)
