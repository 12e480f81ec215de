"""Keeping an articles folder synced into the store behind the dashboard's back.

A sync of a few new files takes a moment and the page waits for it; a big one
(a new pipeline version re-extracts every stored article) runs on in a
background thread while the page serves what the store holds and shows the
progress. One sync per folder at a time; files changed during a sync are
picked up by the next one.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from geo.core.errors import GeoError
from geo.store import open_store, sync_folder


@dataclass
class SyncState:
    """Where one folder's sync stands (read by the page, written by the sync thread)."""

    files: tuple  # the folder signature this sync started from
    running: bool = True
    done: int = 0
    total: int = 0
    problems: tuple[str, ...] = ()
    error: str | None = None

    def describe(self) -> str:
        if self.total:
            return (f"Reading articles into the store: {self.done} of {self.total}. "
                    "The map shows what was stored before until this is done.")
        return "Reading the articles folder into the store…"


class FolderSyncer:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._states: dict[str, SyncState] = {}
        self._threads: dict[str, threading.Thread] = {}

    def ensure(self, folder: Path, files: tuple, wait: float) -> SyncState:
        """Start a sync when ``files`` differ from the last one's (and none is running); wait up to
        ``wait`` seconds for it. The state returned says whether it is still running."""
        key = str(Path(folder).resolve())
        with self._lock:
            state = self._states.get(key)
            if state is None or (state.files != files and not state.running):
                state = SyncState(files=files)
                self._states[key] = state
                thread = threading.Thread(target=self._run, args=(Path(folder), state), daemon=True,
                                          name=f"sync {key}")
                self._threads[key] = thread
                thread.start()
            thread = self._threads[key]
        if state.running:
            thread.join(wait)
        return state

    @staticmethod
    def _run(folder: Path, state: SyncState) -> None:
        def progress(done: int, total: int, _name: str) -> None:
            state.done, state.total = done, total

        try:
            with open_store() as store:
                report = sync_folder(store, folder, progress=progress)
            state.problems = tuple(report.problems)
        except GeoError as exc:
            state.error = str(exc)
        finally:
            state.running = False
