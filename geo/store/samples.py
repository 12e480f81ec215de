"""Made-up article files for the store's tests and benchmark (no real reporting).

Each text is one short news item of the seed format about one exercise, with a
name, an edition, a start date and a drill site the gazetteer knows, so every
article yields one exercise. ``count`` articles are reproducible from ``seed``.
"""

from __future__ import annotations

import random
from pathlib import Path

_ADJECTIVES = ("Iron", "Amber", "Silver", "Northern", "Granite", "Quiet", "Steel", "Falcon", "Winter", "Coastal",
               "Eastern", "Swift", "Bright", "Stone", "Frozen", "Golden", "Hidden", "Thunder", "Crimson", "Pine")
_NOUNS = ("Test", "Shield", "Meadow", "Bridge", "Guard", "Lance", "Harbour", "Watch", "Step", "Anvil",
          "Arrow", "Gate", "Ridge", "Storm", "Hammer", "Sentry", "Beacon", "Wolf", "Compass", "Tide")
_PAIRS = (("Belarusian", "Russian"), ("Polish", "Lithuanian"), ("Latvian", "Estonian"), ("Russian", "Belarusian"),
          ("Finnish", "Swedish"), ("Polish", "German"))
_SITES = ("Grodno", "Brest", "Vitebsk", "Pskov", "Kaliningrad", "Smolensk", "Gomel", "Mogilev", "Orsha",
          "Suwalki", "Klaipeda", "Daugavpils", "Tartu", "Rovaniemi", "Kiruna", "Szczecin")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def sample_article(index: int, seed: int = 0) -> str:
    rng = random.Random(seed * 1_000_003 + index)
    year = 2025 + index % 12
    name = f"{rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)} {year}"
    first, second = rng.choice(_PAIRS)
    site = rng.choice(_SITES)
    month = rng.randrange(12)
    day = rng.randrange(1, 28)
    lasting = rng.randrange(3, 12)
    return (
        f"Title: {name} drills (sample {index})\n"
        f"Published: {year}-{month + 1:02d}-{day:02d}\n"
        f"Source: https://example.org/samples/{seed}/{index}\n"
        "\n"
        f"{first} and {second} troops began the {name} drills near {site} on {day} {_MONTHS[month]} {year}. "
        f"The exercise will last {lasting} days, the defence ministry said in report number {index}.\n"
    )


def write_samples(folder: str | Path, count: int, seed: int = 0, start: int = 0) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(start, start + count):
        path = folder / f"sample-{index:06d}.txt"
        path.write_text(sample_article(index, seed), encoding="utf-8")
        paths.append(path)
    return paths
