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


def test_stored_columns_keep_values_and_shapes_and_recompute_when_damaged(tmp_path, monkeypatch):
    monkeypatch.setenv("EXERCISE_MAP_CACHE", str(tmp_path))
    calls = []

    def compute():
        calls.append(1)
        return {"name": ["Alpha", "Bravo"], "lat": [52.1, -3.5], "geometry": [box(0, 0, 1, 1), Point(5, 6)]}

    first = stored.stored_columns("test-table", "1", compute, shapes="geometry")
    again = stored.stored_columns("test-table", "1", compute, shapes="geometry")
    assert len(calls) == 1
    assert again["name"] == ["Alpha", "Bravo"] and again["lat"] == [52.1, -3.5]
    assert again["geometry"][0].equals(first["geometry"][0]) and again["geometry"][1].equals(Point(5, 6))
    path = stored.stored_file("test-table", "1")
    for damage in ('{"columns": {"name": ["Alpha"], "lat": [1.0, 2.0]}}', "\x00\x01binary", '{"columns": 3}'):
        path.write_text(damage, encoding="utf-8")
        assert stored.stored_columns("test-table", "1", compute, shapes="geometry")["name"] == ["Alpha", "Bravo"]
    assert len(calls) == 4


def test_source_stamp_changes_with_the_code(tmp_path):
    code = tmp_path / "rules.py"
    code.write_text("FIXES = {'KOS': 'XKX'}\n", encoding="utf-8")
    before = stored.source_stamp(code)
    assert stored.source_stamp(code) == before and len(before) == 10
    code.write_text("FIXES = {'KOS': 'XKX', 'SOL': 'SOM'}\n", encoding="utf-8")
    assert stored.source_stamp(code) != before


def test_countries_read_back_equal_the_natural_earth_read(tmp_path, monkeypatch):
    from geo.geometry import shapes

    monkeypatch.setenv("EXERCISE_MAP_CACHE", str(tmp_path))
    computed = shapes._natural_earth_countries()
    shapes.countries.cache_clear()
    try:
        frame = shapes.countries()  # computes and stores
        shapes.countries.cache_clear()
        back = shapes.countries()  # read from the stored table
        assert list(back["iso3"]) == computed["iso3"] and back.crs == "EPSG:4326"
        assert back.at["BLR", "name"] == "Belarus" and back.at["FRA", "geometry"].equals(frame.at["FRA", "geometry"])
        assert back.at["XKX", "name"] == "Kosovo"  # the code fix survives the round trip
        assert abs(back.at["POL", "label_lat"] - computed["label_lat"][computed["iso3"].index("POL")]) < 1e-12
    finally:
        shapes.countries.cache_clear()


def test_the_basemap_is_written_once_and_rewritten_when_its_stamp_changes(tmp_path):
    from geo.render.mapcontrols import install_basemap

    target = install_basemap(tmp_path)
    stamp = target.with_suffix(".stamp")
    assert target.stat().st_size > 100_000 and stamp.read_text("utf-8")
    target.write_text("stale", encoding="utf-8")
    assert install_basemap(tmp_path).read_text("utf-8") == "stale"  # the stamp matched: nothing read
    stamp.write_text("an older stamp", encoding="utf-8")
    assert install_basemap(tmp_path).read_text("utf-8").startswith('{"type":"FeatureCollection"')
