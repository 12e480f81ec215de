"""Shared fixtures: a real PostgreSQL server for the event-store tests.

The server is Debian's ``postgresql`` (``bash scripts/setup.sh --test``
installs it), started once per session in a temporary folder and listening
only on a Unix socket there. As root, ``initdb`` refuses to run, so it runs as
the ``postgres`` system user. A test that needs it and cannot start it fails.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        pytest.fail("PostgreSQL is not installed: run bash scripts/setup.sh --test (installs Debian's postgresql)")
    return Path(found[-1]).parent


def _as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@pytest.fixture(scope="session")
def postgres_server():
    """A running PostgreSQL server: yields the socket folder."""
    bindir = _pg_bin()
    root = Path(tempfile.mkdtemp(prefix="geo-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        shutil.chown(sock, "postgres", "postgres")
    run = dict(check=True, capture_output=True, text=True, timeout=120)
    try:
        subprocess.run(_as_postgres([str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                                     "--no-sync"]), **run)
        subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w",
                                     "-o", f"-k {sock} -c listen_addresses='' -c fsync=off", "start"]), **run)
    except subprocess.CalledProcessError as exc:
        log = (root / "log").read_text() if (root / "log").exists() else ""
        pytest.fail(f"cannot start PostgreSQL: {exc.stderr or exc.stdout}\n{log}")
    try:
        yield sock
    finally:
        subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """A fresh, empty database on the session's server."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"host={postgres_server} user=postgres dbname=postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://postgres@/{name}?host={postgres_server}"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """Each store test runs on SQLite and on a real PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture(autouse=True)
def own_store(tmp_path_factory, monkeypatch) -> Path:
    """Every test gets an event store of its own, never the project's ``data/`` one."""
    path = tmp_path_factory.mktemp("store") / "exercise-map.sqlite"
    monkeypatch.setenv("EXERCISE_MAP_DB", f"sqlite:///{path}")
    return path
