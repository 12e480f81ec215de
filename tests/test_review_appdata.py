"""What the dashboard loads: the store's dataset with the edits applied, a cache key that moves with
every edit, orphaned edits said in one line, the read-only switch, and a localhost-only server."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from geo.desk.appdata import load_dataset, read_only, store_revision
from geo.review import Edit, location_key
from geo.store import load_dataset_from_store, open_store, sync_folder
from geo.store.edits import add_edit

ROOT = Path(__file__).resolve().parents[1]


def test_the_dashboard_dataset_has_the_edits_and_its_key_moves_with_them(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(ROOT / "articles", folder)
    with open_store() as store:
        sync_folder(store, folder, workers=1)
        data = load_dataset_from_store(store)
    exercise = next(e for e in data.exercises if e.drill_locations())
    location = exercise.drill_locations()[0]
    key = location_key(data, exercise, location)
    before = store_revision()
    with open_store() as store:
        add_edit(store, Edit("place_role", key, {"role": "context"},
                             {"role": "drill"}, author="ana"))
        add_edit(store, Edit("exercise_fields", "name:gone drill", {"end": "2030-01-01"}, author="bo"))
    after = store_revision()
    assert after != before
    loaded = load_dataset(("files", after))
    edited = next(e for e in loaded.exercises if e.name == exercise.name)
    assert [(loc.role, loc.verified) for loc in edited.locations if location_key(loaded, edited, loc) == key] == [
        ("context", True)]
    assert sum(loc.verified for loc in edited.locations) == 1
    assert [p for p in loaded.problems if p.startswith("Edit #2 (exercise_fields by bo) no longer applies")]
    assert all("\n" not in p for p in loaded.problems)


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("true", True), ("", False), ("0", False)])
def test_read_only_setting(monkeypatch, value, expected):
    monkeypatch.setenv("EXERCISE_MAP_READONLY", value)
    assert read_only() is expected


def test_the_server_listens_on_localhost_only():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["address"] == "127.0.0.1"
