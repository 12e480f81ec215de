"""The SQLite geocoding cache: keys, misses, provenance, corruption, concurrent writers."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.core.model import GeocodeContext, Place
from geo.places.cache import CachedAnswer, GeocodeCache, normalise_query, seed_line

BREST_BY = Place(
    name="Brest", kind="city", lon=23.7, lat=52.1, country="BLR", gazetteer_id="geonames:629634", confidence=0.9
)
BREST_FR = Place(name="Brest", kind="city", lon=-4.49, lat=48.39, country="FRA", gazetteer_id="geonames:3030300")
BELARUS = GeocodeContext(countries=("BLR", "POL"))
FRANCE = GeocodeContext(countries=("FRA",))


@pytest.fixture
def cache(tmp_path: Path):
    with GeocodeCache(tmp_path / "geocode.sqlite", seed=None) as opened:
        yield opened


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Brest", "brest"),
        ("  BREST  ", "brest"),
        ("Poland \u2013 Belarus  border", "poland-belarus border"),
        ("Poland-Belarus border", "poland-belarus border"),
        ("Poland\u2014Belarus border", "poland-belarus border"),
        ("Brest\u2019s", "brest's"),
        ("\u201cZapadnaya\u201d", "zapadnaya"),
        ("Stra\u00dfe", "strasse"),  # casefold
        ("Brest.", "brest"),
        ("Nowa\u00a0D\u0119ba", "nowa d\u0119ba"),  # NFKC turns a no-break space into a space
    ],
)
def test_normalise_query(query, expected):
    assert normalise_query(query) == expected


def test_unknown_key_is_not_cached(cache):
    assert cache.get("Brest", BELARUS, "v1") is None
    assert (cache.stats.hits, cache.stats.misses) == (0, 1)


def test_hit_returns_place_with_cache_provenance(cache):
    cache.put("Brest", BELARUS, "v1", BREST_BY)
    answer = cache.get("  brest ", BELARUS, "v1")
    assert answer == CachedAnswer(
        Place(
            name="Brest",
            kind="city",
            lon=23.7,
            lat=52.1,
            country="BLR",
            gazetteer_id="geonames:629634",
            provenance="cache",
            confidence=0.9,
        )
    )
    assert (cache.stats.hits, cache.stats.misses, cache.stats.writes) == (1, 0, 1)


def test_miss_is_recorded(cache):
    cache.put("Atlantis", None, "v1", None)
    assert cache.get("atlantis", None, "v1") == CachedAnswer(None)
    assert cache.stats.hits == 1


@pytest.mark.parametrize(
    ("stored_context", "asked_context", "stored_version", "asked_version", "found"),
    [
        (BELARUS, BELARUS, "v1", "v1", True),
        (BELARUS, FRANCE, "v1", "v1", False),
        (BELARUS, None, "v1", "v1", False),
        (None, None, "v1", "v1", True),
        (BELARUS, BELARUS, "v1", "v2", False),
        (GeocodeContext(countries=("POL", "BLR")), BELARUS, "v1", "v1", True),  # order-free key
    ],
)
def test_context_and_version_separate_entries(cache, stored_context, asked_context, stored_version, asked_version, found):
    cache.put("Brest", stored_context, stored_version, BREST_BY)
    assert (cache.get("Brest", asked_context, asked_version) is not None) is found


def test_brest_by_and_fr_are_two_entries(cache):
    cache.put("Brest", BELARUS, "v1", BREST_BY)
    cache.put("Brest", FRANCE, "v1", BREST_FR)
    assert cache.get("Brest", BELARUS, "v1").place.country == "BLR"
    assert cache.get("Brest", FRANCE, "v1").place.country == "FRA"
    assert len(cache) == 2


def test_survives_reopening(tmp_path):
    path = tmp_path / "geocode.sqlite"
    with GeocodeCache(path, seed=None) as first:
        first.put("Brest", BELARUS, "v1", BREST_BY)
    with GeocodeCache(path, seed=None) as second:
        assert second.get("Brest", BELARUS, "v1").place.lat == 52.1
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize(
    "garbage",
    [
        b"this is not a database at all" * 100,
        b"SQLite format 3\x00" + b"\xff" * 4000,  # a valid header over a ruined body
        bytes(range(256)) * 64,
    ],
)
def test_corrupt_file_is_set_aside_and_rebuilt(tmp_path, garbage):
    path = tmp_path / "geocode.sqlite"
    path.write_bytes(garbage)
    with pytest.warns(RuntimeWarning, match="kept as geocode.sqlite.corrupt-"):
        cache = GeocodeCache(path, seed=None)
    with cache:
        cache.put("Brest", BELARUS, "v1", BREST_BY)
        assert cache.get("Brest", BELARUS, "v1").place.country == "BLR"
        assert cache.stats.recoveries == 1
    aside = list(tmp_path.glob("geocode.sqlite.corrupt-*"))
    assert [p.read_bytes() for p in aside if not p.name.endswith(("-wal", "-shm"))] == [garbage]


def test_seeded_on_first_creation_only(tmp_path):
    seed = tmp_path / "seed.jsonl"
    seed.write_text(
        "\n".join(
            [
                seed_line("brest", BELARUS.key(), "v1", BREST_BY),
                seed_line("atlantis", "", "v1", None),
                "{broken line",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    path = tmp_path / "geocode.sqlite"
    with GeocodeCache(path, seed=seed) as cache:
        assert cache.get("Brest", BELARUS, "v1").place.country == "BLR"
        assert cache.get("Atlantis", None, "v1") == CachedAnswer(None)
        cache.put("Brest", BELARUS, "v1", BREST_FR)  # a later answer wins over the seed
    with GeocodeCache(path, seed=seed) as reopened:
        assert reopened.get("Brest", BELARUS, "v1").place.country == "FRA"


def test_entries_and_prune(cache):
    cache.put("Brest", BELARUS, "old", BREST_BY)
    cache.put("Brest", BELARUS, "new", BREST_BY)
    cache.put("Atlantis", None, "new", None)
    assert [(q, v, p is None) for q, _, v, p in cache.entries("new")] == [("atlantis", "new", True), ("brest", "new", False)]
    assert cache.prune("new") == 1
    assert len(cache) == 2


def test_seed_line_is_plain_json():
    line = json.loads(seed_line("brest", BELARUS.key(), "v1", BREST_BY))
    assert line["place"]["gazetteer_id"] == "geonames:629634"
    assert line["context"] == "BLR,POL|||"


def _write_many(path: str, writer: int, count: int) -> None:
    with GeocodeCache(path, seed=None) as cache:
        for i in range(count):
            place = Place(name=f"P{writer}-{i}", kind="city", lon=float(i), lat=float(writer))
            cache.put(f"place {writer} {i}", None, "v1", place)


def test_two_processes_write_at_once(tmp_path):
    path = str(tmp_path / "geocode.sqlite")
    GeocodeCache(path, seed=None).close()
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_write_many, args=(path, w, 150)) for w in (1, 2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert [w.exitcode for w in workers] == [0, 0]
    with GeocodeCache(path, seed=None) as cache:
        assert len(cache) == 300
        assert cache.get("place 2 149", None, "v1").place.name == "P2-149"


def test_threads_share_one_cache_and_files(tmp_path):
    path = tmp_path / "geocode.sqlite"
    shared = GeocodeCache(path, seed=None)
    errors: list[BaseException] = []

    def run(writer: int) -> None:
        try:
            if writer % 2:
                _write_many(str(path), writer, 100)  # its own connection
            else:
                for i in range(100):
                    shared.put(f"place {writer} {i}", None, "v1", None)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(shared) == 400
    shared.close()


def test_write_seed_cache_lists_the_lookups_of_a_run(tmp_path, monkeypatch):
    from geo.places import geocode as gc

    class Towns:
        """A stand-in gazetteer: every capitalised name is a town at (1, 2)."""

        def geocode(self, query, *, context=None):
            return Place(query, "city", 1.0, 2.0, gazetteer_id=f"test:{query}")

    monkeypatch.setattr(gc, "_gazetteer_geocoder", Towns)
    article = tmp_path / "drill.txt"
    article.write_text(
        "Title: Drill\nPublished: 2023-05-01\n\nSoldiers trained near Grodno and Lida in Belarus this week.\n",
        encoding="utf-8",
    )
    output = tmp_path / "seed.jsonl"
    from geo.seedcache import write_seed_cache

    count = write_seed_cache([tmp_path], output)
    lines = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert count == len(lines) > 0
    assert {"grodno", "lida"} <= {line["query"] for line in lines}
    assert {line["version"] for line in lines} == {gc.resolver_version()}
    with GeocodeCache(tmp_path / "fresh.sqlite", seed=output) as seeded:
        assert len(seeded) == count


def test_unusable_location_is_a_cache_error(tmp_path):
    from geo.core.errors import CacheError

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(CacheError, match="EXERCISE_MAP_CACHE"):
        GeocodeCache(blocker / "geocode.sqlite", seed=None)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_normalise_query_is_idempotent(text):
    once = normalise_query(text)
    assert normalise_query(once) == once
    assert once == once.strip()


def _write_through_inherited(cache: GeocodeCache, writer: int) -> None:
    for i in range(50):
        cache.put(f"forked {writer} {i}", None, "v1", None)


def test_forked_workers_get_their_own_connection(tmp_path):
    cache = GeocodeCache(tmp_path / "geocode.sqlite", seed=None)
    cache.put("before the fork", None, "v1", None)
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_write_through_inherited, args=(cache, w)) for w in (1, 2)]
    for worker in workers:
        worker.start()
    _write_through_inherited(cache, 0)
    for worker in workers:
        worker.join(timeout=60)
    assert [w.exitcode for w in workers] == [0, 0]
    assert len(cache) == 151
    assert cache._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    cache.close()


def test_cli_cache_subcommand_writes_the_seed_file(tmp_path, monkeypatch, capsys):
    from geo.cli import main
    from geo.places import geocode as gc

    class Towns:
        def geocode(self, query, *, context=None):
            return Place(query, "city", 1.0, 2.0)

    monkeypatch.setattr(gc, "_gazetteer_geocoder", Towns)
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "one.txt").write_text("Tanks rolled through Hrodna on Monday.\n", encoding="utf-8")
    output = tmp_path / "seed.jsonl"
    assert main(["cache", "--seed-from", str(folder), "-o", str(output)]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == str(output)
    assert "cached lookups" in err
    assert "hrodna" in {json.loads(line)["query"] for line in output.read_text(encoding="utf-8").splitlines()}
