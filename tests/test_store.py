"""The event store (geo.store): codec, sync, re-extraction, add, refusals, migrations, crashes,
concurrency. Every store test runs on SQLite and on a real PostgreSQL (tests/conftest.py)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from geo.core.errors import ArticleError
from geo.store import (
    add_article,
    load_dataset_from_store,
    merge_indexed,
    open_store,
    preview_article,
    sync_folder,
)
from geo.store.codec import decode, encode
from geo.store.db import Store, _sqlite_engine, upgrade
from geo.store.samples import sample_article, write_samples
from geo.store.schema import articles, extractions
from geo.text.articles import article_paths

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "articles"


def counts(store: Store) -> tuple[int, int, int]:
    """(active articles, withdrawn articles, extractions)."""
    with store.read() as conn:
        active = conn.scalar(sa.select(sa.func.count()).where(articles.c.status == "active"))
        withdrawn = conn.scalar(sa.select(sa.func.count()).where(articles.c.status == "withdrawn"))
        extracted = conn.scalar(sa.select(sa.func.count()).select_from(extractions))
    return active, withdrawn, extracted


# --- no database ------------------------------------------------------------------------


def test_codec_round_trips_the_pipeline_output_and_synthetic_values():
    from geo.desk.synthetic import synthetic_dataset
    from geo.pipeline import analyse_article

    for path in article_paths(SEEDS):
        from geo.text.articles import load_article

        article = load_article(path)
        toponyms, exercises, milestones = analyse_article(article)
        payload = json.loads(json.dumps(encode(article.path, toponyms, exercises, milestones)))
        assert decode(payload, article.path) == (tuple(toponyms), tuple(exercises), tuple(milestones))
        assert exercises and toponyms
    data = synthetic_dataset(90)
    payload = json.loads(json.dumps(encode("synthetic/article-0.txt", (), data.exercises, data.milestones)))
    assert decode(payload, "synthetic/article-0.txt") == ((), data.exercises, data.milestones)
    # The article's own path follows the article when it is decoded under another one.
    _, exercises, _ = decode(payload, "renamed.txt")
    assert exercises[0].articles == ("renamed.txt",) and exercises[0].sources[0].article == "renamed.txt"
    assert exercises[3].articles == ("synthetic/article-1.txt",)  # another article's path is kept


def test_indexed_merge_is_the_pipelines_merge():
    from dataclasses import replace

    from geo.desk.synthetic import synthetic_dataset
    from geo.events.merge import merge_exercises

    base = list(synthetic_dataset(400, seed=3).exercises)
    extra = []
    for i, e in enumerate(base[:120]):
        if i % 4 == 0:
            extra.append(replace(e, name=e.name.rsplit("-", 1)[0]))  # "Series 2023": same base, edition
        elif i % 4 == 1:
            extra.append(replace(e, name=None))  # unnamed, overlapping dates
        elif i % 4 == 2:
            extra.append(replace(e, name=e.name.replace("Shield", "Shieldd").rsplit("-", 1)[0]))  # near name
        else:
            extra.append(replace(e, name=e.name.split(" ")[0] + " " + e.name.split(" ")[1]))  # no edition
    mixed = base[:200] + extra + base[200:] + extra[::-1]
    assert merge_indexed(mixed) == merge_exercises(mixed)
    assert len(merge_indexed(mixed)) < len(mixed)


# --- on both databases ---------------------------------------------------------------


def test_store_dataset_matches_the_pipeline_on_the_seed_articles(store_url, tmp_path):
    from geo.pipeline import build_dataset

    with open_store(store_url) as store:
        report = sync_folder(store, SEEDS, workers=1)
        assert sorted(report.added) == sorted(p.name for p in article_paths(SEEDS))
        got = load_dataset_from_store(store)
    want = build_dataset(article_paths(SEEDS))
    assert [(e.label, e.start, e.end, e.participants) for e in got.exercises] == [
        (e.label, e.start, e.end, e.participants) for e in want.exercises
    ]
    assert [a.text for a in got.articles] == [a.text for a in want.articles]
    assert [a.path for a in got.articles] == [p.name for p in article_paths(SEEDS)]
    assert got.milestones == tuple(
        type(m)(m.label, m.day, type(m.evidence)(Path(m.evidence.article).name, *tuple(vars(m.evidence).values())[1:]))
        for m in want.milestones
    )


def test_sync_adds_new_skips_unchanged_replaces_changed_and_withdraws_removed(store_url, tmp_path):
    folder = tmp_path / "articles"
    write_samples(folder, 5)
    with open_store(store_url) as store:
        first = sync_folder(store, folder, workers=1)
        assert len(first.added) == 5 and first.unchanged == 0
        assert counts(store) == (5, 0, 5)

        again = sync_folder(store, folder, workers=1)
        assert again.added == [] and again.unchanged == 5 and again.reextracted == []

        (folder / "sample-000001.txt").write_text(sample_article(1).replace("troops began", "troops started"))
        (folder / "sample-000002.txt").unlink()
        write_samples(folder, 1, start=7)
        changed = sync_folder(store, folder, workers=1)
        assert sorted(changed.added) == ["sample-000001.txt", "sample-000007.txt"]
        assert changed.changed == ["sample-000001.txt"]
        assert changed.withdrawn == ["sample-000002.txt"]
        assert changed.unchanged == 3
        assert counts(store) == (5, 2, 7)  # old version of 1 and removed 2 kept, withdrawn

        data = load_dataset_from_store(store)
        assert [a.path for a in data.articles] == [f"sample-{i:06d}.txt" for i in (0, 1, 3, 4, 7)]
        assert "troops started" in data.articles[1].text
        assert all(len(e.articles) == 1 for e in data.exercises)
        assert set(data.toponyms) == {a.path for a in data.articles}

        (folder / "sample-000002.txt").write_text(sample_article(2))  # back again: restored, not re-extracted
        back = sync_folder(store, folder, workers=1)
        assert back.restored == ["sample-000002.txt"] and back.added == []
        assert counts(store) == (6, 1, 7)


def test_version_change_re_extracts_and_old_results_stay_readable_until_each_switch(store_url, tmp_path):
    folder = tmp_path / "articles"
    write_samples(folder, 6)
    with open_store(store_url, pipeline_version="old") as store:
        sync_folder(store, folder, workers=1)
    before = load_dataset_from_store(open_store(store_url))
    seen: list[tuple[int, int, set[str]]] = []
    reader = open_store(store_url)
    newer = open_store(store_url, pipeline_version="new")

    def progress(done: int, total: int, name: str) -> None:
        data = load_dataset_from_store(reader)  # another connection, mid-run
        with reader.read() as conn:
            versions = set(conn.execute(sa.select(extractions.c.pipeline_version)).scalars())
        seen.append((done, len(data.exercises), versions))

    report = sync_folder(newer, folder, progress=progress, workers=1)
    assert sorted(report.reextracted) == [f"sample-{i:06d}.txt" for i in range(6)]
    assert report.added == [] and report.unchanged == 6
    assert all(count == 6 for _, count, _ in seen)  # every article readable at every step
    assert seen[0][2] == {"old", "new"} and seen[-1][2] == {"new"}
    assert counts(newer) == (6, 0, 6)  # old extractions replaced, not piled up
    after = load_dataset_from_store(newer)
    assert [e.label for e in after.exercises] == [e.label for e in before.exercises]
    assert sync_folder(newer, folder, workers=1).reextracted == []


def test_add_reports_duplicates_by_text_and_by_source_url(store_url):
    text = sample_article(11)
    with open_store(store_url) as store:
        first = add_article(store, text.encode(), file_name="drills.txt")
        assert first.added and first.path == "upload/drills.txt"
        assert [e.name for e in first.exercises] == [sample_article(11).split("Title: ")[1].split(" drills")[0]]
        assert first.exercises[0].drill_locations()
        same = add_article(store, text, file_name="other-name.txt", origin="paste")
        assert same.status == "duplicate" and same.article_id == first.article_id
        assert "same text as upload/drills.txt" in same.reason
        url = "https://example.org/samples/0/11"
        rewritten = text.replace("troops began", "forces began")
        by_url = add_article(store, rewritten, file_name="drills2.txt")  # its Source: line is the same URL
        assert by_url.status == "duplicate" and "same source URL" in by_url.reason
        given = add_article(store, "Polish troops began the Amber Gate 2030 drills near Suwalki.",
                            source_url=url, origin="paste")
        assert given.status == "duplicate"
        other = add_article(store, rewritten.replace(url, url + "-b"), file_name="drills.txt")
        assert other.added and other.path.startswith("upload/drills-") and other.path != first.path
        assert counts(store) == (2, 0, 2)
        assert {a.path for a in load_dataset_from_store(store).articles} == {first.path, other.path}


BAD = [
    (b"", "a.txt", "empty"),
    (b"   \n\t\n", "a.txt", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "a.txt", "binary file"),
    ("Troops in Kraków".encode("cp1252", "replace").replace(b"?", b"\xf3") + " drills".encode(), "a.txt",
     "not UTF-8"),
    ("Übung".encode("utf-16"), "a.txt", "looks like UTF-16"),
    (b"x" * 5_000_001, "a.txt", "too large"),
    (b"<html><body><p>Drills near Brest.</p><script>alert(1)</script></body></html>", "a.html", "<script>"),
    (b"Drills near Brest.", "../evil.txt", "outside the folder"),
    (b"Drills near Brest.", "sub/evil.txt", "path separator"),
    (b"Drills near Brest.", "sub\\evil.txt", "path separator"),
    (b"Drills near Brest.", "bad\nname.txt", "control characters"),
]


def test_bad_input_is_refused_whole_with_one_line_and_nothing_stored(store_url):
    with open_store(store_url) as store:
        for raw, name, words in BAD:
            with pytest.raises(ArticleError) as caught:
                add_article(store, raw, file_name=name)
            message = str(caught.value)
            assert words in message and "\n" not in message, message
            assert any(fix in message for fix in ("re-save", "give", "add the", "split", "rename", "remove")), message
            with pytest.raises(ArticleError):
                preview_article(raw, file_name=name)
        assert counts(store) == (0, 0, 0)
    cp = [m for raw, _, m in BAD if m == "not UTF-8"]
    assert cp
    with pytest.raises(ArticleError, match="looks like (cp125|windows|latin|iso)"):
        preview_article("Übung in Brest".encode("cp1252"), file_name="a.txt")


def test_opening_an_old_revision_store_upgrades_it_in_place(store_url):
    store = open_store(store_url, migrate=False)
    upgrade(store, "0001")
    assert store.revision() == "0001"
    with store.write() as conn:
        conn.execute(sa.insert(articles).values(content_hash="h", file_name="a.txt", text="t", status="active",
                                                added_at=sa.func.now(), origin="paste"))
    store.close()
    with open_store(store_url) as store:
        assert store.revision() == "0002"
        inspector = sa.inspect(store.engine)
        assert "ix_articles_source_url" in {ix["name"] for ix in inspector.get_indexes("articles")}
        assert counts(store)[0] == 1  # data kept


def _store_env(store_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env["EXERCISE_MAP_DB"] = store_url
    env.setdefault("EXERCISE_MAP_CACHE", "/tmp/store-cache")
    return env


def _whole_articles_only(store: Store) -> int:
    with store.read() as conn:
        orphans = conn.scalar(
            sa.select(sa.func.count()).select_from(articles.outerjoin(extractions,
                                                                      extractions.c.article_id == articles.c.id))
            .where(extractions.c.id.is_(None))
        )
        hashes = conn.execute(sa.select(articles.c.content_hash)).scalars().all()
    assert orphans == 0, "an article without its extraction"
    assert len(hashes) == len(set(hashes))
    return len(hashes)


def test_killed_ingest_leaves_whole_articles_and_a_second_run_completes(store_url, tmp_path):
    folder = tmp_path / "articles"
    write_samples(folder, 300, seed=5)
    command = [sys.executable, "-m", "geo", "ingest", str(folder), "-o", str(tmp_path / "events.geojson")]
    proc = subprocess.Popen(command, cwd=ROOT, env=_store_env(store_url), start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stored = 0
    deadline = time.monotonic() + 120
    with open_store(store_url) as probe:
        while time.monotonic() < deadline and proc.poll() is None:
            stored = counts(probe)[0]
            if stored >= 30:
                break
            time.sleep(0.05)
    assert proc.poll() is None, f"ingest finished before it could be killed: {proc.stderr.read().decode()[-500:]}"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    with open_store(store_url) as store:
        partial = _whole_articles_only(store)
        assert 30 <= partial < 300
    second = subprocess.run(command, cwd=ROOT, env=_store_env(store_url), capture_output=True, text=True,
                            timeout=300)
    assert second.returncode == 0, second.stderr
    assert f"{300 - partial} added" in second.stderr and f"{partial} unchanged" in second.stderr
    with open_store(store_url) as store:
        assert _whole_articles_only(store) == 300
        data = load_dataset_from_store(store)
    assert len(data.articles) == 300
    features = json.loads((tmp_path / "events.geojson").read_text())["features"]
    assert {f["properties"]["event"] for f in features} == {e.label for e in data.exercises}


def test_two_processes_syncing_one_folder_store_each_article_once(store_url, tmp_path):
    folder = tmp_path / "articles"
    write_samples(folder, 120, seed=9)
    open_store(store_url).close()  # the schema exists before they race (they may also create it)
    command = [sys.executable, "-m", "geo", "ingest", str(folder), "--workers", "1", "-o"]
    procs = [subprocess.Popen([*command, str(tmp_path / f"out{i}.geojson")], cwd=ROOT, env=_store_env(store_url),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(2)]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    with open_store(store_url) as store:
        assert _whole_articles_only(store) == 120
        assert counts(store) == (120, 0, 120)
        data = load_dataset_from_store(store)
    assert sorted(a.path for a in data.articles) == sorted(p.name for p in folder.iterdir())


def test_sqlite_store_is_wal_with_foreign_keys(tmp_path):
    store = Store(_sqlite_engine(sa.make_url(f"sqlite:///{tmp_path / 's.sqlite'}")))
    with store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10_000


def test_default_store_is_the_projects_data_file(monkeypatch):
    from geo.store import default_url

    monkeypatch.delenv("EXERCISE_MAP_DB", raising=False)
    assert default_url() == f"sqlite:///{ROOT / 'data' / 'exercise-map.sqlite'}"
    monkeypatch.setenv("EXERCISE_MAP_DB", "postgresql+psycopg://u@/db?host=/tmp")
    assert default_url() == "postgresql+psycopg://u@/db?host=/tmp"


def test_backup_is_a_consistent_copy_taken_live(tmp_path, monkeypatch):
    from geo.core.errors import StoreError
    from geo.store import backup

    url = f"sqlite:///{tmp_path / 'live.sqlite'}"
    with open_store(url) as store:
        add_article(store, b"Title: Backup drill\n\nTroops began the Quiet Harbour 2031 drills near Tartu "
                           b"on 3 May 2031.\n", file_name="harbour.txt")
        copy = backup(store, tmp_path / "copy.sqlite")
        with pytest.raises(StoreError, match="choose a new file name"):
            backup(store, copy)
    with open_store(f"sqlite:///{copy}") as restored:
        assert [e.label for e in load_dataset_from_store(restored).exercises] == ["Quiet Harbour 2031"]
