"""The persistent geocoding cache: SQLite in WAL mode, safe for concurrent writers.

One row per (normalised query, context key, resolver version). A row holds the
``Place`` as JSON, or NULL for a recorded miss, so a name nothing could
resolve is not looked up again. A file that SQLite cannot read is renamed
aside (``<name>.corrupt-<timestamp>``) with a warning and rebuilt: the cache
is a convenience and must never stop the pipeline.

On first creation the cache is seeded from ``geo/data/seed_cache.jsonl``, a
reviewable text file holding the seed articles' places.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
import sqlite3
import threading
import time
import unicodedata
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from geo.core.errors import CacheError
from geo.core.model import GeocodeContext, Place
from geo.core.paths import DATA_DIR

log = logging.getLogger(__name__)

SEED_CACHE = DATA_DIR / "seed_cache.jsonl"
SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 10_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS geocode (
    query   TEXT NOT NULL,
    context TEXT NOT NULL,
    version TEXT NOT NULL,
    place   TEXT,              -- Place as JSON; NULL records a miss
    stored  REAL NOT NULL,     -- unix time, for housekeeping
    PRIMARY KEY (query, context, version)
) WITHOUT ROWID
"""

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"
_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u00b4`\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\""
_FOLD = str.maketrans({**dict.fromkeys(_DASHES, "-"), **dict.fromkeys(_QUOTES, "'")})
_SPACES = re.compile(r"\s+")
_SPACED_DASH = re.compile(r"\s*-\s*")


def normalise_query(query: str) -> str:
    """The cache's spelling of a query: NFKC, casefolded, dashes/quotes/spaces folded.

    "Poland – Belarus  border" and "poland-belarus border" share one entry;
    "Brest’s" and "Brest's" too.
    """
    text = unicodedata.normalize("NFKC", query).translate(_FOLD).casefold()
    text = _SPACED_DASH.sub("-", _SPACES.sub(" ", text))
    return text.strip(" .,;:'")


def context_key(context: GeocodeContext | None) -> str:
    return context.key() if context is not None else ""


def place_to_json(place: Place) -> str:
    return json.dumps(dataclasses.asdict(place), ensure_ascii=False, sort_keys=True)


def place_from_json(text: str) -> Place:
    fields = {f.name for f in dataclasses.fields(Place)}
    # Unknown keys (written by a newer version) are ignored rather than fatal.
    return Place(**{k: v for k, v in json.loads(text).items() if k in fields})


@dataclass(frozen=True)
class CachedAnswer:
    """What the cache holds for a key: a place, or None for a recorded miss."""

    place: Place | None


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0  # lookups the cache could not answer (not recorded misses)
    writes: int = 0
    recoveries: int = 0


class GeocodeCache:
    """A geocoding cache in one SQLite file; one instance may be shared by threads.

    Each process opens its own connection; SQLite's WAL mode lets readers go on
    while one writer commits, and ``busy_timeout`` makes a second writer wait
    instead of failing.
    """

    def __init__(self, path: str | Path, *, seed: Path | None = SEED_CACHE) -> None:
        self.path = Path(path)
        self.stats = CacheStats()
        self._seed = seed
        self._lock = threading.Lock()
        self._conn = self._open()
        self._pid = os.getpid()
        self._inherited: list[sqlite3.Connection] = []

    # -- opening and recovery ---------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except sqlite3.DatabaseError as exc:
            self._set_aside(exc)
            try:
                return self._connect()
            except (sqlite3.Error, OSError) as again:
                raise CacheError(
                    f"cannot create the geocoding cache at {self.path}: {again}; "
                    "set EXERCISE_MAP_CACHE to a writable file"
                ) from again
        except (sqlite3.Error, OSError) as exc:  # unwritable folder, locked beyond the timeout
            raise CacheError(
                f"cannot open the geocoding cache at {self.path}: {exc}; "
                "set EXERCISE_MAP_CACHE to a writable file"
            ) from exc

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        is_new = not self.path.exists() or self.path.stat().st_size == 0
        conn = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            # quick_check reads every page: a truncated or overwritten file fails here,
            # not in the middle of a run.
            status = conn.execute("PRAGMA quick_check").fetchone()
            if status is None or status[0] != "ok":
                raise sqlite3.DatabaseError(f"integrity check failed: {status}")
            conn.execute(_SCHEMA)
            self._check_schema(conn)
        except BaseException:
            conn.close()
            raise
        if is_new and self._seed is not None and self._seed.exists():
            self._load_seed(conn, self._seed)
        return conn

    @staticmethod
    def _check_schema(conn: sqlite3.Connection) -> None:
        (found,) = conn.execute("PRAGMA user_version").fetchone()
        if found == 0:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        elif found != SCHEMA_VERSION:
            raise sqlite3.DatabaseError(f"cache schema {found}, expected {SCHEMA_VERSION}")
        columns = {row[1] for row in conn.execute("PRAGMA table_info(geocode)")}
        if columns != {"query", "context", "version", "place", "stored"}:
            raise sqlite3.DatabaseError(f"unexpected cache columns {sorted(columns)}")

    def _set_aside(self, reason: Exception) -> None:
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            source = Path(f"{self.path}{suffix}")
            try:
                source.replace(Path(f"{aside}{suffix}"))
            except FileNotFoundError:
                pass  # another process set it aside first, or there was no journal
        self.stats.recoveries += 1
        message = f"geocoding cache {self.path} was unreadable ({reason}); kept as {aside.name}, rebuilding"
        log.warning(message)
        warnings.warn(message, RuntimeWarning, stacklevel=3)

    def _recover(self, reason: Exception) -> None:
        """Replace a connection whose file went bad while in use."""
        try:
            self._conn.close()
        except sqlite3.Error:
            pass
        self._set_aside(reason)
        self._conn = self._connect()

    @staticmethod
    def _load_seed(conn: sqlite3.Connection, seed: Path) -> None:
        rows = []
        for number, line in enumerate(seed.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                place = entry["place"]
                rows.append(
                    (
                        entry["query"],
                        entry["context"],
                        entry["version"],
                        None if place is None else place_to_json(Place(**place)),
                    )
                )
            except (ValueError, KeyError, TypeError) as exc:
                log.warning("skipping line %d of %s: %s", number, seed, exc)
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(
                "INSERT OR IGNORE INTO geocode (query, context, version, place, stored) VALUES (?, ?, ?, ?, ?)",
                [(*row, time.time()) for row in rows],
            )

    @property
    def _db(self) -> sqlite3.Connection:
        """This process's connection: a child made by fork must not reuse its parent's.

        SQLite forbids carrying an open connection across fork(); a worker pool
        forked after the geocoder was built gets its own connection here.
        """
        if self._pid != os.getpid():
            # Keep the parent's handle unclosed: closing it here could checkpoint
            # or unlock on the parent's behalf.
            self._inherited.append(self._conn)
            self._conn = self._connect()
            self._pid = os.getpid()
        return self._conn

    # -- reading and writing ------------------------------------------------------

    def get(self, query: str, context: GeocodeContext | None = None, version: str = "") -> CachedAnswer | None:
        """The cached answer (provenance "cache"), or None when the cache does not know."""
        key = (normalise_query(query), context_key(context), version)
        with self._lock:
            try:
                row = self._db.execute(
                    "SELECT place FROM geocode WHERE query = ? AND context = ? AND version = ?", key
                ).fetchone()
            except sqlite3.DatabaseError as exc:
                self._recover(exc)
                row = None
        if row is None:
            self.stats.misses += 1
            return None
        self.stats.hits += 1
        if row[0] is None:
            return CachedAnswer(None)
        return CachedAnswer(dataclasses.replace(place_from_json(row[0]), provenance="cache"))

    def put(
        self, query: str, context: GeocodeContext | None, version: str, place: Place | None
    ) -> None:
        """Store an answer; None records that nothing was found."""
        row = (
            normalise_query(query),
            context_key(context),
            version,
            None if place is None else place_to_json(place),
            time.time(),
        )
        sql = "INSERT OR REPLACE INTO geocode (query, context, version, place, stored) VALUES (?, ?, ?, ?, ?)"
        with self._lock:
            try:
                self._db.execute(sql, row)
            except sqlite3.OperationalError as exc:
                # Still locked after busy_timeout, or a read-only file: losing
                # one cache write costs a lookup later, nothing more.
                log.warning("geocoding cache write skipped: %s", exc)
                return
            except sqlite3.DatabaseError as exc:
                self._recover(exc)
                self._db.execute(sql, row)
        self.stats.writes += 1

    def entries(self, version: str | None = None) -> Iterator[tuple[str, str, str, Place | None]]:
        """Every stored (query, context, version, place), for reviews and the seed file."""
        sql = "SELECT query, context, version, place FROM geocode"
        args: tuple[str, ...] = ()
        if version is not None:
            sql, args = sql + " WHERE version = ?", (version,)
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY query, context, version", args).fetchall()
        for query, context, row_version, place in rows:
            yield query, context, row_version, None if place is None else place_from_json(place)

    def prune(self, keep_version: str) -> int:
        """Drop entries written by other resolver versions; returns how many."""
        with self._lock:
            cursor = self._db.execute("DELETE FROM geocode WHERE version != ?", (keep_version,))
        return cursor.rowcount

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT count(*) FROM geocode").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> GeocodeCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


# -- the shipped seed file ----------------------------------------------------------


def seed_line(query: str, context: str, version: str, place: Place | None) -> str:
    return json.dumps(
        {
            "query": query,
            "context": context,
            "version": version,
            "place": None if place is None else dataclasses.asdict(place),
        },
        ensure_ascii=False,
        sort_keys=True,
    )
