"""``python -m geo edits export`` / ``import``: edits leave one store and enter another, one line per edit."""

from __future__ import annotations

import getpass
import json
import shutil
from pathlib import Path

from geo.cli import main
from geo.review import Edit, exercise_key, location_key
from geo.store import load_dataset_from_store, open_store, sync_folder
from geo.store.edits import add_edit, list_edits

SEEDS = Path(__file__).resolve().parents[1] / "articles"


def test_edits_export_then_import_into_another_store(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    with open_store() as store:  # the test's own store (EXERCISE_MAP_DB)
        sync_folder(store, folder, workers=1)
        data = load_dataset_from_store(store)
        exercise = next(e for e in data.exercises if e.drill_locations())
        key = location_key(data, exercise, exercise.drill_locations()[0])
        add_edit(store, Edit("place_role", key, {"role": "context"}, {"role": "drill"}, author="ana", note="home base"))
    out = tmp_path / "edits.json"
    assert main(["edits", "export", "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    rows = json.loads(out.read_text())
    assert [(r["kind"], r["author"], r["note"]) for r in rows] == [("place_role", "ana", "home base")]

    rows.append({"kind": "exercise_fields", "target": exercise_key(exercise), "after": {"end": "2030-02-02"}})
    rows.append({"kind": "exercise_fields", "target": "name:no such drill", "after": {"end": "2030-02-02"}})
    out.write_text(json.dumps(rows))
    monkeypatch.setenv("EXERCISE_MAP_DB", f"sqlite:///{tmp_path / 'other' / 'store.sqlite'}")
    with open_store() as store:
        sync_folder(store, folder, workers=1)
    assert main(["edits", "import", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("imported: #1 place_role by ana")
    assert lines[1].startswith(f"imported: #2 exercise_fields by {getpass.getuser()}")
    assert lines[2].startswith("orphaned: #3 exercise_fields") and "no longer found" in lines[2]
    with open_store() as store:
        assert [e.author for e in list_edits(store)] == ["ana", getpass.getuser(), getpass.getuser()]
    assert (tmp_path / "other" / "edits-journal.jsonl").read_text().count("\n") == 3


def test_edits_import_refuses_a_bad_file_with_one_line(tmp_path, capsys):
    bad = tmp_path / "edits.json"
    bad.write_text("{not json")
    assert main(["edits", "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not JSON" in err
    bad.write_text(json.dumps([{"kind": "place_role", "target": "x", "after": {"role": "maybe"}}]))
    assert main(["edits", "import", str(bad)]) == 1
    assert capsys.readouterr().out.startswith("refused: edit 1: role 'maybe'")


def test_export_applies_the_stores_edits_unless_told_not_to(tmp_path, capsys):
    import csv

    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    with open_store() as store:
        sync_folder(store, folder, workers=1)
        data = load_dataset_from_store(store)
        exercise = next(e for e in data.exercises if e.drill_locations())
        location = exercise.drill_locations()[0]
        add_edit(store, Edit("place_move", location_key(data, exercise, location), {"lon": 20.0, "lat": 50.0},
                             author="ana"))
    out = tmp_path / "view.csv"

    def rows(*extra):
        assert main(["export", "-o", str(out), "--articles", str(folder), *extra]) == 0
        return [r for r in csv.DictReader(out.open(encoding="utf-8")) if r["verified"] == "True"]

    assert [(r["place"], r["lat"], r["lon"]) for r in rows()] == [(location.place.name, "50.0", "20.0")]
    assert rows("--no-edits") == []
    capsys.readouterr()
