"""What the dashboard loads: the store's dataset with the edits applied, a cache key that moves with
every edit, orphaned edits said in one line, the read-only switch, and a localhost-only server."""

from __future__ import annotations

import shutil
import tomllib
from datetime import datetime, timezone
from pathlib import Path

import pytest

from geo.desk.appdata import load_dataset, read_only, store_revision
from geo.desk.review import history_rows
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


LOC = '{"a":"0123456789abcdef","p":"Brest","s":[10,15],"x":"name:frost lantern 2031"}'
WHEN = datetime(2031, 5, 4, 9, 30, tzinfo=timezone.utc)


@pytest.mark.parametrize(("edit", "row"), [
    (Edit("place_role", LOC, {"role": "context"}, {"role": "drill"}, author="ana", created_at=WHEN, id=1,
          note="a home base"),
     {"#": 1, "who": "ana", "when": "2031-05-04 09:30", "what": "role", "place": "Brest",
      "before → after": "drill site → only mentioned", "note": "a home base"}),
    (Edit("place_move", LOC, {"lon": 23.8, "lat": 52.2}, {"lon": 23.7, "lat": 52.1}, author="bo", id=2),
     {"#": 2, "who": "bo", "when": "", "what": "moved", "place": "Brest",
      "before → after": "at 52.1000, 23.7000 (lat, lon) → at 52.2000, 23.8000 (lat, lon)", "note": ""}),
    (Edit("place_add", "name:frost lantern 2031", {"place": {"name": "Gdynia", "lon": 18.53, "lat": 54.52},
                                                   "article": "0123456789abcdef", "span": [1, 7]}, id=3),
     {"#": 3, "who": "", "when": "", "what": "drill site added", "place": "Gdynia",
      "before → after": "— → Gdynia at 54.5200, 18.5300 (lat, lon)", "note": ""}),
    (Edit("exercise_fields", "name:frost lantern 2031", {"participants": ["LTU", "POL"]},
          {"participants": ["POL"]}, id=4),
     {"#": 4, "who": "", "when": "", "what": "name, dates, participants", "place": "",
      "before → after": "participants POL → participants LTU, POL", "note": ""}),
    (Edit("exercise_split", "name:frost lantern 2031", {"name": "Pacific Lantern", "locations": [LOC],
                                                        "end": "2031-05-09"}, id=5),
     {"#": 5, "who": "", "when": "", "what": "split", "place": "",
      "before → after": "— → Pacific Lantern with 1 place(s) (end 2031-05-09)", "note": ""}),
    (Edit("exercise_merge", "name:frost lantern 2031", {"other": "name:iron quay"}, id=6),
     {"#": 6, "who": "", "when": "", "what": "merged", "place": "",
      "before → after": "iron quay → into frost lantern 2031", "note": ""}),
])
def test_a_history_row_says_who_when_what_and_before_after(edit, row):
    assert history_rows([edit]) == [row]
