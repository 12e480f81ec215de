"""The analyst's edits in the store: add (with an optimistic-concurrency check), list, undo, journal, rebuild.

Every edit is a row of ``edits`` and a line of the journal, a JSON Lines file
beside the store (``<store folder>/edits-journal.jsonl`` for SQLite; for a
server database ``$EXERCISE_MAP_JOURNAL`` or ``data/edits-journal.jsonl``),
written and fsynced inside the edit's transaction, after its row is inserted and
before the commit, so every committed edit is in the journal. Each line names its
transaction (``txn``); when the commit then fails, a ``void`` line naming that
transaction is appended and the replay skips the transaction's lines, so an edit
that never happened is never replayed. (A process killed between the fsync and
the commit leaves no ``void`` line: that window is one fsync wide.) **Undo
deletes** the last edit's row and appends an ``undo`` line to the journal (who
undid which edit, when), so the history of the journal keeps it.
``rebuild_from_journal`` re-ingests the articles folder and replays the journal
into an empty edits table.

Optimistic concurrency: an edit carries the ``before`` its analyst saw; when the
fact's value now (pipeline plus every stored edit) differs, ``add_edit`` raises
``EditConflict`` carrying the current value and stores nothing.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geo.core.errors import StoreError
from geo.core.model import Dataset
from geo.review import (
    Edit,
    EditConflict,
    OrphanedEdit,
    apply_edits,
    current_value,
    describe_value,
    exercise_history,
)
from geo.review.edits import differs
from geo.store.db import PROJECT_ROOT, Store
from geo.store.ingest import SyncReport, sync_folder
from geo.store.load import load_dataset_from_store
from geo.store.schema import edits

JOURNAL_ENV = "EXERCISE_MAP_JOURNAL"
JOURNAL_NAME = "edits-journal.jsonl"
_PG_EDIT_LOCK = 7_202_404_2  # pg_advisory_xact_lock key: one edit at a time per database


def journal_path(store: Store) -> Path:
    """Where this store's journal lives: beside the SQLite file, else ``$EXERCISE_MAP_JOURNAL`` or data/."""
    value = os.environ.get(JOURNAL_ENV, "").strip()
    if value:
        return Path(value)
    url = store.engine.url
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).resolve().parent / JOURNAL_NAME
    return PROJECT_ROOT / "data" / JOURNAL_NAME


def _append(journal: Path, line: dict) -> None:
    try:
        journal.parent.mkdir(parents=True, exist_ok=True)
        with open(journal, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        raise StoreError(f"cannot write the edits journal {journal}: {exc.strerror}; "
                         f"check that folder or set {JOURNAL_ENV}") from exc


@contextmanager
def _journaled_write(store: Store, journal: Path) -> Iterator[tuple[Connection, Callable[[dict], None]]]:
    """A write transaction and its journal writer: lines written through it carry the transaction's
    ``txn``; if the transaction does not commit, a ``void`` line for that ``txn`` follows them."""
    txn = uuid.uuid4().hex
    written: list[dict] = []

    def write(line: dict) -> None:
        _append(journal, {**line, "txn": txn})
        written.append(line)

    try:
        with store.write() as conn:
            yield conn, write
    except BaseException as exc:
        if written:
            _append(journal, {"op": "void", "txn": txn, "at": datetime.now(timezone.utc).isoformat()})
        if isinstance(exc, sa.exc.DBAPIError):
            raise StoreError(f"the database refused the change ({str(exc.orig or exc).splitlines()[0]}); "
                             "nothing was saved; save again, and if the store keeps refusing, check its disk "
                             "space and permissions") from exc
        raise


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)  # SQLite gives back naive times; we write UTC
    return value


def _edit(row) -> Edit:
    return Edit(kind=row.target_kind, target=row.target_key, after=row.after, before=row.before,
                author=row.author, created_at=_aware(row.created_at), note=row.note or "", id=row.id)


def _lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_EDIT_LOCK})


def _all(conn: Connection) -> list[Edit]:
    return [_edit(row) for row in conn.execute(sa.select(edits).order_by(edits.c.id))]


def list_edits(store: Store, exercise: str | None = None) -> list[Edit]:
    """Every stored edit, oldest first; with ``exercise`` (an exercise key) only its history: edits
    of it, of its places, merges that name it, and those made under an earlier name of it."""
    with store.read() as conn:
        found = _all(conn)
    if exercise is None:
        return found
    return exercise_history(found, exercise)


def edits_revision(store: Store) -> tuple[int, int]:
    """(count, newest id) of the edits: changes with every edit and undo (the dashboard's cache key)."""
    with store.read() as conn:
        count, newest = conn.execute(sa.select(sa.func.count(), sa.func.coalesce(sa.func.max(edits.c.id), 0))).one()
    return int(count), int(newest)


def edited_dataset(store: Store, base: Dataset | None = None) -> tuple[Dataset, list[OrphanedEdit]]:
    """The store's dataset with its edits applied, and the edits that found no target."""
    base = load_dataset_from_store(store) if base is None else base
    return apply_edits(base, list_edits(store))


def _insert(conn: Connection, edit: Edit) -> Edit:
    created = edit.created_at or datetime.now(timezone.utc)
    new_id = conn.execute(
        sa.insert(edits).values(author=edit.author or "unknown", created_at=created, target_kind=edit.kind,
                                target_key=edit.target, before=edit.before, after=edit.after, note=edit.note or None)
        .returning(edits.c.id)
    ).scalar_one()
    return replace(edit, id=new_id, created_at=created, author=edit.author or "unknown")


def add_edit(store: Store, edit: Edit, *, base: Dataset | None = None, journal: Path | None = None,
             check: bool = True) -> Edit:
    """Store ``edit`` (its id and time filled in) and journal it. With ``check``, an edit whose
    ``before`` is no longer the fact's value raises EditConflict (nothing stored)."""
    base = load_dataset_from_store(store) if base is None and check else base
    journal = journal or journal_path(store)
    with _journaled_write(store, journal) as (conn, write):
        _lock(conn)
        if check and edit.before is not None:
            now = current_value(base, edit.kind, edit.target, _all(conn))
            gone = now is None and current_value(base, edit.kind, edit.target) is not None
            if gone and edit.kind == "place_role":
                now = {"role": "none"}  # an edit said it is not a place
            if gone or (now is not None and differs(edit.before, now)):
                raise EditConflict(f"this was changed meanwhile; it is now {describe_value(edit.kind, now)}; "
                                   "look again and redo your edit if it still holds", now)
        stored = _insert(conn, edit)
        write({"op": "add", "edit": stored.to_json()})
    return stored


def undo_last(store: Store, author: str, *, expected_id: int | None = None, journal: Path | None = None) -> Edit | None:
    """Delete the newest edit (None when there is none) and journal an ``undo`` line. With
    ``expected_id``, another newest edit than the one the analyst saw raises EditConflict."""
    journal = journal or journal_path(store)
    with _journaled_write(store, journal) as (conn, write):
        _lock(conn)
        row = conn.execute(sa.select(edits).order_by(edits.c.id.desc()).limit(1)).first()
        if row is None:
            return None
        last = _edit(row)
        if expected_id is not None and last.id != expected_id:
            raise EditConflict(f"the last edit is now #{last.id} by {last.author}, not #{expected_id}; "
                               "look at the history again", last.to_json())
        conn.execute(sa.delete(edits).where(edits.c.id == last.id))
        write({"op": "undo", "id": last.id, "author": author or "unknown",
                          "at": datetime.now(timezone.utc).isoformat()})
    return last


def read_journal(journal: Path) -> list[dict]:
    """The journal's lines; a torn last line (a crash mid-write) is skipped, any other bad line refused."""
    try:
        lines = journal.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise StoreError(f"cannot read the edits journal {journal}: {exc.strerror}") from exc
    out = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            out.append(json.loads(line))
        except ValueError as exc:
            if number == len(lines):
                break
            raise StoreError(f"{journal}: line {number} is not JSON; fix or remove that line") from exc
    return out


def replay_journal(store: Store, journal: Path) -> int:
    """Empty the edits table and replay the journal (adds and undos) into it; the edits kept.
    Lines of a transaction that did not commit (a ``void`` line names it) are skipped."""
    entries = read_journal(journal)
    voided = {entry.get("txn") for entry in entries if entry.get("op") == "void"}
    entries = [entry for entry in entries if entry.get("op") != "void" and
               (entry.get("txn") is None or entry["txn"] not in voided)]
    with store.write() as conn:
        _lock(conn)
        conn.execute(sa.delete(edits))
        ids: dict[int, int] = {}  # journal id -> new row id
        for entry in entries:
            if entry.get("op") == "add":
                edit = Edit.from_json(entry["edit"])
                stored = _insert(conn, replace(edit, id=None))
                if edit.id is not None:
                    ids[edit.id] = stored.id
            elif entry.get("op") == "undo" and entry.get("id") in ids:
                conn.execute(sa.delete(edits).where(edits.c.id == ids.pop(entry["id"])))
        return int(conn.execute(sa.select(sa.func.count()).select_from(edits)).scalar_one())


def rebuild_from_journal(store: Store, articles_folder: str | Path, journal: Path | None = None) -> SyncReport:
    """A lost store made again: the articles folder re-ingested, then the journal replayed."""
    report = sync_folder(store, Path(articles_folder))
    replay_journal(store, journal or journal_path(store))
    return report
