"""The store's side of ``python -m geo ingest`` and ``python -m geo add`` (geo/cli.py wires them)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo.core.errors import ArticleError
from geo.core.model import Dataset
from geo.store import add_article, backup, load_dataset_from_store, open_store, sync_folder


def _progress(done: int, total: int, name: str) -> None:
    if done == total or done % 20 == 0:
        print(f"[geo] store: {done}/{total} articles ({name})", file=sys.stderr, flush=True)


def ingest_into_store(inputs: list[str], workers: int | None = None) -> Dataset:
    """Sync each folder (and each single file) into the store; the store's Dataset after it.
    Problems go to stderr, one line each, as before."""
    with open_store() as store:
        for item in inputs:
            path = Path(item)
            if path.is_dir():
                report = sync_folder(store, path, progress=_progress, workers=workers)
                for problem in report.problems:
                    print(f"geo: {problem}", file=sys.stderr)
                print(f"[geo] store: {path}: {report.summary()}", file=sys.stderr)
                continue
            try:
                result = add_article(store, path.read_bytes(), file_name=path.name, origin="folder")
            except OSError as exc:
                print(f"geo: {path}: cannot read ({exc.strerror}); check the path", file=sys.stderr)
            except ArticleError as exc:
                print(f"geo: {exc}", file=sys.stderr)
            else:
                if not result.added:
                    print(f"[geo] store: {path}: already stored ({result.reason})", file=sys.stderr)
        return load_dataset_from_store(store)


def _exercise_line(name: str, exercise) -> str:
    start = exercise.start.isoformat() if exercise.start else "?"
    end = exercise.end.isoformat() if exercise.end else "?"
    sites = ", ".join(dict.fromkeys(loc.place.name for loc in exercise.drill_locations())) or "no drill site"
    return f"{name}: {exercise.label} | {start} – {end} | {sites}"


def cmd_add(args: argparse.Namespace) -> int:
    """One line per exercise found in each added file, or one line per refused/duplicate file.
    Exit status 1 when no file could be added or was already there."""
    ok = 0
    with open_store() as store:
        for name in args.files:
            path = Path(name)
            try:
                raw = path.read_bytes()
                result = add_article(store, raw, file_name=path.name, origin="upload")
            except OSError as exc:
                print(f"{name}: refused: cannot read ({exc.strerror}); check the path")
                continue
            except ArticleError as exc:
                print(f"{name}: refused: {exc}")
                continue
            ok += 1
            if not result.added:
                print(f"{name}: duplicate: {result.reason}")
            elif not result.exercises:
                print(f"{name}: added as {result.path}, no exercise found")
            for exercise in result.exercises:
                print(_exercise_line(name, exercise))
    return 0 if ok else 1


def cmd_backup(args: argparse.Namespace) -> int:
    """A consistent copy of the store, taken while the dashboard keeps running."""
    with open_store() as store:
        print(backup(store, Path(args.output)))
    return 0
