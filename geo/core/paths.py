"""Where the package keeps its data and where a run keeps its caches.

One place for both, so a module's position in the tree never decides where a
file is looked for.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_ROOT = PACKAGE_DIR.parent
DATA_DIR = PACKAGE_DIR / "data"
ENV_CACHE = "EXERCISE_MAP_CACHE"
DEFAULT_CACHE = PROJECT_ROOT / ".cache" / "geocode.sqlite"
_SQLITE_SUFFIXES = (".sqlite", ".sqlite3", ".db")


def cache_dir() -> Path:
    """``$EXERCISE_MAP_CACHE`` (a folder, or the geocode cache file whose folder we share)."""
    value = os.environ.get(ENV_CACHE)
    if not value:
        return Path.home() / ".cache" / "exercise-map"
    path = Path(value).expanduser()
    return path.parent if path.suffix in _SQLITE_SUFFIXES else path


def cache_path() -> Path:
    """Where the geocoding cache lives: ``$EXERCISE_MAP_CACHE`` or ``.cache/geocode.sqlite`` in the project.

    The variable may name the file (``*.sqlite``/``*.db``) or a folder; the
    gazetteer index reads the same variable as its folder, so both live together.
    """
    value = os.environ.get(ENV_CACHE)
    if not value:
        return DEFAULT_CACHE
    path = Path(value).expanduser()
    return path if path.suffix in _SQLITE_SUFFIXES else path / "geocode.sqlite"
