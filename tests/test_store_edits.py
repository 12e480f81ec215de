"""The analyst's edits in the store (SQLite and PostgreSQL): stored, listed per exercise, undone,
conflicts refused with the current value, journaled, and a lost store rebuilt from articles + journal."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from geo.core.errors import StoreError
from geo.review import Edit, EditConflict, exercise_key, location_key
from geo.store import load_dataset_from_store, open_store, sync_folder
from geo.store.edits import (
    add_edit,
    edited_dataset,
    edits_revision,
    list_edits,
    read_journal,
    rebuild_from_journal,
    undo_last,
)

SEEDS = Path(__file__).resolve().parents[1] / "articles"


@pytest.fixture()
def folder(tmp_path) -> Path:
    target = tmp_path / "articles"
    shutil.copytree(SEEDS, target)
    return target


def first_site(dataset):
    exercise = next(e for e in dataset.exercises if e.drill_locations())
    location = exercise.drill_locations()[0]
    return exercise, location, location_key(dataset, exercise, location)


def test_edits_are_stored_listed_per_exercise_and_journaled(store_url, folder, tmp_path):
    journal = tmp_path / "journal.jsonl"
    with open_store(store_url) as store:
        sync_folder(store, folder, workers=1)
        base = load_dataset_from_store(store)
        exercise, location, key = first_site(base)
        other = next(e for e in base.exercises if e is not exercise)
        assert edits_revision(store) == (0, 0)
        role = add_edit(store, Edit("place_role", key, {"role": "context"}, {"role": "drill"}, author="ana",
                                    note="a home base"), journal=journal)
        fields = add_edit(store, Edit("exercise_fields", exercise_key(other), {"end": "2030-01-01"}, author="bo"),
                          journal=journal)
        assert role.id is not None and role.created_at.tzinfo is not None
        assert [e.id for e in list_edits(store)] == [role.id, fields.id]
        assert [e.note for e in list_edits(store, exercise=exercise_key(exercise))] == ["a home base"]
        assert edits_revision(store) == (2, fields.id)
        applied, orphans = edited_dataset(store)
    assert orphans == []
    changed = next(e for e in applied.exercises if exercise_key(e) == exercise_key(exercise))
    edited = [loc for loc in changed.locations if loc.mention == location.mention and loc.verified]
    assert [(loc.role, loc.verified) for loc in edited] == [("context", True)]
    lines = [json.loads(line) for line in journal.read_text().splitlines()]
    assert [(line["op"], line["edit"]["author"], line["edit"]["id"]) for line in lines] == [
        ("add", "ana", role.id), ("add", "bo", fields.id)]


def test_a_stale_before_is_a_conflict_carrying_the_current_value(store_url, folder, tmp_path):
    journal = tmp_path / "journal.jsonl"
    with open_store(store_url) as store:
        sync_folder(store, folder, workers=1)
        _, _, key = first_site(load_dataset_from_store(store))
        add_edit(store, Edit("place_role", key, {"role": "context"}, {"role": "drill"}, author="first"),
                 journal=journal)
        with pytest.raises(EditConflict) as caught:  # the second session still saw "drill"
            add_edit(store, Edit("place_role", key, {"role": "none"}, {"role": "drill"}, author="second"),
                     journal=journal)
        assert caught.value.current == {"role": "context"}
        assert str(caught.value) == ("this was changed meanwhile; it is now only mentioned; "
                                     "look again and redo your edit if it still holds")
        assert [e.author for e in list_edits(store)] == ["first"]
        add_edit(store, Edit("place_role", key, {"role": "none"}, {"role": "context"}, author="second"),
                 journal=journal)  # seen again, redone
        assert [e.author for e in list_edits(store)] == ["first", "second"]
        with pytest.raises(EditConflict, match="gone"):  # moving a place another session said is no place
            add_edit(store, Edit("place_move", key, {"lon": 1.0, "lat": 2.0}, {"lon": 0.0, "lat": 0.0}),
                     journal=journal)
    assert len(journal.read_text().splitlines()) == 2


def test_undo_deletes_the_last_edit_and_journals_who_undid_it(store_url, folder, tmp_path):
    journal = tmp_path / "journal.jsonl"
    with open_store(store_url) as store:
        sync_folder(store, folder, workers=1)
        _, _, key = first_site(load_dataset_from_store(store))
        first = add_edit(store, Edit("place_role", key, {"role": "context"}, author="ana"), journal=journal)
        second = add_edit(store, Edit("place_move", key, {"lon": 20.0, "lat": 50.0}, author="ana"), journal=journal)
        with pytest.raises(EditConflict):
            undo_last(store, "bo", expected_id=first.id, journal=journal)
        assert undo_last(store, "bo", expected_id=second.id, journal=journal).id == second.id
        assert [e.id for e in list_edits(store)] == [first.id]
        assert undo_last(store, "bo", journal=journal).id == first.id
        assert undo_last(store, "bo", journal=journal) is None
    ops = [(line["op"], line.get("author")) for line in read_journal(journal)]
    assert ops == [("add", None), ("add", None), ("undo", "bo"), ("undo", "bo")]


def _drop_everything(url: str) -> None:
    if url.startswith("sqlite"):
        path = Path(sa.make_url(url).database)
        for leftover in path.parent.glob(path.name + "*"):
            leftover.unlink()
        return
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


def test_a_deleted_store_is_rebuilt_from_the_articles_and_the_journal(store_url, folder, tmp_path):
    journal = tmp_path / "journal.jsonl"
    with open_store(store_url) as store:
        sync_folder(store, folder, workers=1)
        base = load_dataset_from_store(store)
        exercise, _, key = first_site(base)
        add_edit(store, Edit("place_role", key, {"role": "context"}, author="ana"), journal=journal)
        add_edit(store, Edit("exercise_fields", exercise_key(exercise), {"name": "Renamed Drill"}, author="ana"),
                 journal=journal)
        add_edit(store, Edit("place_move", key, {"lon": 20.0, "lat": 50.0}, author="ana"), journal=journal)
        undo_last(store, "ana", journal=journal)
        before, orphans = edited_dataset(store)
    assert orphans == [] and "Renamed Drill" in [e.name for e in before.exercises]
    _drop_everything(store_url)
    with open_store(store_url) as store:
        assert list_edits(store) == [] and load_dataset_from_store(store).articles == ()
        rebuild_from_journal(store, folder, journal)
        after, orphans = edited_dataset(store)
        assert [e.kind for e in list_edits(store)] == ["place_role", "exercise_fields"]
    assert orphans == []
    assert after.exercises == before.exercises
    assert len(read_journal(journal)) == 4  # the replay wrote nothing new


def _veto_commits(store) -> None:
    """Real SQLite refusing every later commit that adds or deletes an edit: a deferred foreign key,
    checked only at COMMIT, that triggers on ``edits`` break."""
    with store.write() as conn:
        conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS veto_parent (id INTEGER PRIMARY KEY)")
        conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS veto (edit_id INTEGER REFERENCES veto_parent(id) "
                             "DEFERRABLE INITIALLY DEFERRED)")
        conn.exec_driver_sql("CREATE TRIGGER veto_add AFTER INSERT ON edits "
                             "BEGIN INSERT INTO veto VALUES (NEW.id); END")
        conn.exec_driver_sql("CREATE TRIGGER veto_undo AFTER DELETE ON edits "
                             "BEGIN INSERT INTO veto VALUES (OLD.id); END")


def _allow_commits(store) -> None:
    with store.write() as conn:
        conn.exec_driver_sql("DROP TRIGGER veto_add")
        conn.exec_driver_sql("DROP TRIGGER veto_undo")


def test_an_edit_whose_commit_fails_is_voided_in_the_journal_and_never_replayed(folder, tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    journal = tmp_path / "journal.jsonl"
    with open_store(url) as store:
        sync_folder(store, folder, workers=1)
        base = load_dataset_from_store(store)
        exercise, _, key = first_site(base)
        kept = add_edit(store, Edit("place_role", key, {"role": "context"}, author="ana"), journal=journal)
        _veto_commits(store)
        with pytest.raises(StoreError, match=r"^the database refused the change \(FOREIGN KEY constraint "
                                             r"failed\); nothing was saved; save again"):
            add_edit(store, Edit("exercise_fields", exercise_key(exercise), {"name": "Never Saved"},
                                 author="bo"), journal=journal)
        assert [e.id for e in list_edits(store)] == [kept.id]
        lines = read_journal(journal)
        assert [line["op"] for line in lines] == ["add", "add", "void"]
        assert lines[1]["edit"]["after"] == {"name": "Never Saved"} and lines[2]["txn"] == lines[1]["txn"]
        _allow_commits(store)
        # the refused edit's id is free again: the next edit may reuse it, and must survive the replay
        later = add_edit(store, Edit("exercise_fields", exercise_key(exercise), {"name": "Saved Later"},
                                     author="bo"), journal=journal)
        assert later.id == lines[1]["edit"]["id"]
        _veto_commits(store)
        with pytest.raises(StoreError):
            undo_last(store, "cy", journal=journal)  # an undo that does not commit is voided too
        assert [line["op"] for line in read_journal(journal)][-2:] == ["undo", "void"]
        before, _ = edited_dataset(store)
    _drop_everything(url)
    with open_store(url) as store:
        rebuild_from_journal(store, folder, journal)
        assert [(e.author, e.after) for e in list_edits(store)] == [
            ("ana", {"role": "context"}), ("bo", {"name": "Saved Later"})]
        after, orphans = edited_dataset(store)
    assert orphans == [] and after.exercises == before.exercises
    assert "Never Saved" not in [e.name for e in after.exercises]
