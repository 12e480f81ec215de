"""The CLI contract of ../shared/eval/README.md, run as the scorers run it."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

OWN_ARTICLE = (
    "Title: Lake drills\n"
    "Published: 2023-09-14\n"
    "\n"
    "Belarusian and Russian troops began the Northern Shield 2023 exercise on Monday "
    "near Grodno, Belarus, the defence ministry in Minsk said. The drills will last "
    "for five days.\n"
)


def run_geo(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "geo", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_events_keeps_order_and_reports_each_bad_file_on_one_line(tmp_path: Path):
    good = tmp_path / "good.txt"
    good.write_text(OWN_ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = run_geo("events", str(empty), str(good), str(binary))
    assert result.returncode == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["file"] for line in lines] == [str(empty), str(good), str(binary)]
    assert lines[0]["events"] == [] and lines[2]["events"] == []
    event = lines[1]["events"][0]
    assert event["start"] == "2023-09-11"
    assert set(event["participants"]) == {"BLR", "RUS"}
    drill_names = {loc["name"] for loc in event["locations"] if loc["role"] == "drill"}
    assert any("Grodno" in name or "Hrodna" in name for name in drill_names)
    assert "Minsk" not in drill_names
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2
    assert "empty file" in errors[0] and "binary file" in errors[1]


def test_events_exits_non_zero_only_when_nothing_was_read(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run_geo("events", str(empty), str(tmp_path / "missing.txt"))
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 2  # still one line per input


def test_toponyms_offsets_index_into_the_whole_file(tmp_path: Path):
    text = "Title: not parsed here\n\nTroops moved from Brest, Belarus to the Polish border near Terespol."
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    result = run_geo("toponyms", str(path))
    assert result.returncode == 0
    found = json.loads(result.stdout)["toponyms"]
    assert found, "no toponyms found"
    for toponym in found:
        assert text[toponym["start"] : toponym["end"]] == toponym["text"]
    brest = next(t for t in found if t["text"] == "Brest")
    assert brest["country"] == "BLR"
    assert abs(brest["lat"] - 52.1) < 0.2 and abs(brest["lon"] - 23.7) < 0.2


def test_ingest_writes_geojson_of_event_locations(tmp_path: Path):
    out = tmp_path / "events.geojson"
    result = run_geo("ingest", "articles", "-o", str(out))
    assert result.returncode == 0, result.stderr
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    names = {f["properties"]["event"] for f in collection["features"]}
    assert {"Allied Resolve 2022", "Eagle Assault"} <= names
    sentences = [f["properties"]["sentence"] for f in collection["features"]]
    assert all(sentences)


def test_export_refuses_an_unknown_country_with_one_line(tmp_path: Path):
    result = run_geo("export", "-o", str(tmp_path / "x.csv"), "--country", "Atlantis")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "unknown country 'Atlantis'" in result.stderr
    assert not (tmp_path / "x.csv").exists()
