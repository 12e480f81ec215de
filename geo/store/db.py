"""Opening the event store: engine, pragmas, schema upgrade, transactions.

``EXERCISE_MAP_DB`` is a SQLAlchemy URL (``sqlite:////abs/path.sqlite`` or
``postgresql+psycopg://user@host/db``); without it the store is the SQLite
file ``data/exercise-map.sqlite`` of the project. Opening a store upgrades its
schema in place to the newest Alembic revision, under a lock so two processes
opening a fresh store at once do not race.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from geo.core.errors import StoreError
from geo.store.version import PIPELINE_VERSION

DB_ENV = "EXERCISE_MAP_DB"
PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PATH = PROJECT_ROOT / "data" / "exercise-map.sqlite"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 60_000
_PG_LOCK_KEY = 7_202_404_1  # pg_advisory_xact_lock key of schema upgrades


def default_url() -> str:
    value = os.environ.get(DB_ENV, "").strip()
    return value or f"sqlite:///{DEFAULT_PATH}"


def _sqlite_engine(url: sa.URL) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:  # pragma: no cover - trivial
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (below)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # A writer takes the write lock at BEGIN: in WAL a reader that later
        # writes would otherwise fail at once (SQLITE_BUSY_SNAPSHOT) instead of waiting.
        immediate = conn.get_execution_options().get("immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Store:
    """An open event store. ``pipeline_version`` is what new extractions are stamped with
    (and what older ones are stale against); tests may set another."""

    def __init__(self, engine: Engine, pipeline_version: str = PIPELINE_VERSION) -> None:
        self.engine = engine
        self.url = engine.url.render_as_string(hide_password=True)
        self.pipeline_version = pipeline_version

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction (committed on success, rolled back on error)."""
        with self.engine.connect().execution_options(immediate=True) as conn:
            with conn.begin():
                yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            with conn.begin():
                yield conn

    def revision(self) -> str | None:
        with self.read() as conn:
            from alembic.runtime.migration import MigrationContext

            return MigrationContext.configure(conn).get_current_revision()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def alembic_config(connection: Connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(store: Store, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (one transaction, serialised between processes)."""
    from alembic import command

    with store.write() as conn:
        if store.dialect == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
        command.upgrade(alembic_config(conn), revision)


def open_store(url: str | None = None, *, migrate: bool = True, pipeline_version: str | None = None) -> Store:
    """Open (and create or upgrade) the store at ``url`` or ``$EXERCISE_MAP_DB`` or the default file."""
    raw = url or default_url()
    try:
        parsed = sa.make_url(raw)
    except sa.exc.ArgumentError as exc:
        raise StoreError(f"{DB_ENV}={raw!r} is not a database URL; use sqlite:////path/file.sqlite "
                         "or postgresql+psycopg://user@host/db") from exc
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = _sqlite_engine(parsed)
        else:
            engine = sa.create_engine(parsed, pool_pre_ping=True)
        store = Store(engine, pipeline_version or PIPELINE_VERSION)
        if migrate:
            upgrade(store)
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(f"cannot open the event store {parsed.render_as_string(hide_password=True)}: "
                         f"{exc.__class__.__name__}: {str(exc).splitlines()[0]}; check {DB_ENV}") from exc
    except ModuleNotFoundError as exc:
        raise StoreError(f"the database driver {exc.name} is missing; run bash scripts/setup.sh") from exc
    return store


def backup(store: Store, target: Path) -> Path:
    """A consistent copy of a SQLite store at ``target`` while others keep reading and writing
    (SQLite's online backup). A PostgreSQL store is backed up with ``pg_dump``: say so."""
    if store.dialect != "sqlite":
        raise StoreError(f"{store.url} is PostgreSQL: back it up with pg_dump "
                         "(pg_dump -Fc -f exercise-map.dump <database>)")
    target = Path(target)
    if target.exists():
        raise StoreError(f"{target} exists; choose a new file name for the backup")
    raw = store.engine.raw_connection()
    try:
        destination = sqlite3.connect(target)
        try:
            raw.driver_connection.backup(destination)
        finally:
            destination.close()
    finally:
        raw.close()
    return target
