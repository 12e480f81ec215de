"""Shapes computed once per machine: stored, read back equal, recomputed when damaged."""

from shapely.geometry import Point, box

from geo.geometry import stored
from geo.geometry.nato import _member_territories


def test_stored_shapes_are_computed_once_then_read(tmp_path, monkeypatch):
    monkeypatch.setenv("EXERCISE_MAP_CACHE", str(tmp_path))
    calls = []

    def compute():
        calls.append(1)
        return {"A": box(0, 0, 1, 1), "B": Point(2, 3).buffer(1)}

    first = stored.stored_shapes("test-shapes", "1", compute)
    again = stored.stored_shapes("test-shapes", "1", compute)
    assert len(calls) == 1
    assert list(again) == ["A", "B"] and all(again[k].equals(first[k]) for k in first)
    stored.stored_file("test-shapes", "1").write_text("{not json", encoding="utf-8")
    repaired = stored.stored_shapes("test-shapes", "1", compute)
    assert len(calls) == 2 and repaired["A"].equals(first["A"])
    assert stored.stored_shapes("test-shapes", "2", compute) and len(calls) == 3  # another stamp, another file


def test_nato_members_read_back_are_the_unions(tmp_path, monkeypatch):
    monkeypatch.setenv("EXERCISE_MAP_CACHE", str(tmp_path))
    computed = _member_territories()
    back = stored.stored_shapes("nato-members-test", "1", lambda: computed)
    back = stored.stored_shapes("nato-members-test", "1", lambda: {})  # read, not recomputed
    assert set(back) == set(computed) and len(back) == 32
    assert back["FIN"].equals(computed["FIN"])  # Finland with the Åland Islands
