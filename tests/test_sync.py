"""The folder sync behind the dashboard: waits for small syncs, runs big ones on in the background,
never runs two at once for a folder, and picks up files changed meanwhile. Articles written here."""

from __future__ import annotations

import time

from geo.desk.appdata import folder_signature
from geo.desk.sync import FolderSyncer
from geo.store import load_dataset_from_store, open_store

DRILL = "Title: {name}\nPublished: 2031-05-0{day}\n\nTroops began the {name} drills near Tartu on {day} May 2031.\n"


def write(folder, name: str, day: int) -> None:
    (folder / f"{name.lower().replace(' ', '-')}.txt").write_text(DRILL.format(name=name, day=day), "utf-8")


def wait_done(state, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while state.running and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not state.running


def labels() -> list[str]:
    with open_store() as store:
        return sorted(e.label for e in load_dataset_from_store(store).exercises)


def test_a_small_sync_is_waited_for(tmp_path):
    write(tmp_path, "Amber Gate 2031", 3)
    state = FolderSyncer().ensure(tmp_path, folder_signature(tmp_path), wait=120)
    assert not state.running and state.error is None and state.problems == ()
    assert (state.done, state.total) == (1, 1)
    assert labels() == ["Amber Gate 2031"]


def test_a_sync_not_finished_in_time_goes_on_and_is_not_started_twice(tmp_path):
    for day, name in enumerate(["Amber Gate 2031", "Birch Line 2031", "Cedar Watch 2031"], start=3):
        write(tmp_path, name, day)
    syncer = FolderSyncer()
    files = folder_signature(tmp_path)
    first = syncer.ensure(tmp_path, files, wait=0)
    assert syncer.ensure(tmp_path, files, wait=0) is first  # the same sync, not a second one
    wait_done(first)
    assert labels() == ["Amber Gate 2031", "Birch Line 2031", "Cedar Watch 2031"]
    assert "3 of 3" in first.describe()


def test_files_changed_after_a_sync_start_the_next_one(tmp_path):
    write(tmp_path, "Amber Gate 2031", 3)
    syncer = FolderSyncer()
    first = syncer.ensure(tmp_path, folder_signature(tmp_path), wait=120)
    write(tmp_path, "Dune Road 2031", 6)
    (tmp_path / "amber-gate-2031.txt").unlink()
    second = syncer.ensure(tmp_path, folder_signature(tmp_path), wait=120)
    assert second is not first and not second.running
    assert labels() == ["Dune Road 2031"]  # the removed file's article is withdrawn


def test_an_unreadable_file_is_a_problem_not_an_error(tmp_path):
    write(tmp_path, "Amber Gate 2031", 3)
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 4)
    state = FolderSyncer().ensure(tmp_path, folder_signature(tmp_path), wait=120)
    assert state.error is None
    assert len(state.problems) == 1 and "blob.txt" in state.problems[0]
    assert labels() == ["Amber Gate 2031"]
