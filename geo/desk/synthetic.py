"""Synthetic datasets: N made-up exercises for benchmarks and tests.

Nothing here comes from an article. Names, sentences and places are generated
from a seeded random source so a benchmark run is repeatable. Sites are drawn
from a fixed pool (``sites``) because real reporting keeps returning to the same
training grounds; that is also what keeps the map payload bounded.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from geo.core.model import (
    Article,
    Dataset,
    EventLocation,
    Evidence,
    Exercise,
    Milestone,
    Phase,
    Place,
    TroopClaim,
)

_SERIES = (
    "Northern Shield", "Iron Meadow", "Steppe Guard", "Amber Wind", "Granite Bridge", "Silver Delta",
    "Quiet Harbour", "Red Dawn Relay", "Pine Ridge", "Frontier Watch", "Coastal Lance", "Falcon Step",
)
_COUNTRIES = ("BLR", "RUS", "POL", "LTU", "LVA", "EST", "UKR", "CHN", "KAZ", "ARM")
# A box over eastern Europe (lon, lat); sites fall inside it.
_BOX = (14.0, 45.0, 40.0, 60.0)


def _evidence(path: str, sentence: str) -> Evidence:
    return Evidence(article=path, sentence=sentence, start=0, end=len(sentence))


def sites(count: int = 400, seed: int = 7) -> list[Place]:
    """A reproducible pool of point places (training grounds and towns)."""
    rng = random.Random(seed)
    west, south, east, north = _BOX
    kinds = ("city", "facility")
    return [
        Place(
            name=f"Site {index}",
            kind=kinds[index % 2],
            lon=round(rng.uniform(west, east), 4),
            lat=round(rng.uniform(south, north), 4),
            country=rng.choice(_COUNTRIES),
            gazetteer_id=f"synthetic:{index}",
            confidence=round(rng.uniform(0.5, 1.0), 2),
        )
        for index in range(count)
    ]


def synthetic_exercise(index: int, rng: random.Random, pool: list[Place], first_day: date) -> Exercise:
    path = f"synthetic/article-{index // 3}.txt"  # three exercises per made-up article
    series = _SERIES[index % len(_SERIES)]
    start = first_day + timedelta(days=rng.randrange(0, 5 * 365))
    end = start + timedelta(days=rng.randrange(3, 30))
    name = f"{series} {start.year}-{index}"
    participants = tuple(sorted(set(rng.sample(_COUNTRIES, rng.randrange(1, 4)))))
    sentence = f"Troops of {len(participants)} countries began the {name} drills at the site."
    evidence = _evidence(path, sentence)
    drill_sites = rng.sample(pool, rng.randrange(1, 3))
    locations = tuple(EventLocation(p, "drill", p.name, evidence) for p in drill_sites)
    context = EventLocation(rng.choice(pool), "context", "the capital", evidence)
    middle = start + (end - start) / 2
    phases = (Phase("phase one", start, middle), Phase("phase two", middle, end)) if index % 4 == 0 else ()
    troops = (TroopClaim(1000 * rng.randrange(1, 40), "about N thousand troops", evidence),)
    return Exercise(
        name=name,
        start=start,
        end=end,
        participants=participants,
        locations=locations + (context,),
        phases=phases,
        troops=troops,
        sources=(evidence,),
        articles=(path,),
    )


def synthetic_dataset(count: int, seed: int = 1, site_count: int = 400) -> Dataset:
    """``count`` exercises over five years from 2020, with articles and milestones."""
    rng = random.Random(seed)
    pool = sites(site_count, seed)
    first_day = date(2020, 1, 1)
    exercises = tuple(synthetic_exercise(i, rng, pool, first_day) for i in range(count))
    paths = sorted({path for e in exercises for path in e.articles})
    articles = tuple(
        Article(path=path, text=f"Made-up article number {n}.", title=f"Synthetic article {n}")
        for n, path in enumerate(paths)
    )
    milestones = tuple(
        Milestone(f"Summit {year}", date(year, 7, 1), _evidence(paths[0], f"A summit in {year}."))
        for year in range(2020, 2025)
    )
    return Dataset(articles=articles, exercises=exercises, milestones=milestones)
