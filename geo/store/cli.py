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


def with_store_edits(dataset: Dataset) -> Dataset:
    """``dataset`` (read from article files) with the analyst's edits in the store applied; one
    stderr line when some edits concern other articles than these."""
    from geo.review import apply_edits
    from geo.store.edits import list_edits

    with open_store() as store:
        edits = list_edits(store)
    if not edits:
        return dataset
    applied, orphans = apply_edits(dataset, edits)
    if orphans:
        print(f"geo: {len(orphans)} of {len(edits)} edits in the store do not apply to these articles "
              "(python -m geo edits export lists them; --no-edits leaves all out)", file=sys.stderr)
    return applied


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


def _default_author() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        return "unknown"


def _describe(edit) -> str:
    return f"#{edit.id} {edit.kind} by {edit.author} on {edit.target}"


def cmd_edits(args: argparse.Namespace) -> int:
    """``edits export -o FILE``: every stored edit as a JSON list. ``edits import FILE``: add each
    (author from the file, else ``--author``, else the OS user); one line per edit: imported,
    orphaned (its target is not in this store's data) or conflict (the fact changed since)."""
    import json

    from geo.review import Edit, EditConflict, EditError
    from geo.store.edits import add_edit, edited_dataset, list_edits

    with open_store() as store:
        if args.edits_command == "export":
            rows = [edit.to_json() for edit in list_edits(store)]
            Path(args.output).write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            print(f"{len(rows)} edits written", file=sys.stderr)
            print(args.output)
            return 0
        try:
            rows = json.loads(Path(args.file).read_text(encoding="utf-8"))
        except OSError as exc:
            print(f"geo: {args.file}: cannot read ({exc.strerror}); check the path", file=sys.stderr)
            return 1
        except ValueError:
            print(f"geo: {args.file}: not JSON; give a file written by `python -m geo edits export`",
                  file=sys.stderr)
            return 1
        if not isinstance(rows, list):
            print(f"geo: {args.file}: not a list of edits; give a file written by `python -m geo edits export`",
                  file=sys.stderr)
            return 1
        author = args.author or _default_author()
        base = load_dataset_from_store(store)
        stored = []
        for number, row in enumerate(rows, 1):
            try:
                edit = Edit.from_json({**row, "id": None} if isinstance(row, dict) else row)
            except EditError as exc:
                print(f"refused: edit {number}: {exc}")
                continue
            if not edit.author:
                edit = Edit.from_json({**edit.to_json(), "author": author})
            try:
                stored.append(add_edit(store, edit, base=base))
            except EditConflict as exc:
                print(f"conflict: edit {number} ({edit.kind} on {edit.target}): {exc}")
        _, orphans = edited_dataset(store, base)
        orphaned = {o.edit.id: o.reason for o in orphans}
        for edit in stored:
            if edit.id in orphaned:
                print(f"orphaned: {_describe(edit)}: {orphaned[edit.id]}")
            else:
                print(f"imported: {_describe(edit)}")
    return 0 if stored or not rows else 1
