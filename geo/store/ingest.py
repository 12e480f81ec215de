"""Writing articles into the store: folder sync, single adds, previews.

Every article is written in ONE transaction (its row and its extraction), so
a crash leaves whole articles only. Extraction (the geoparse) runs before the
transaction, in a process pool for folder syncs; the parent is the only
writer of its process. Two processes writing the same article are kept apart
by the unique content hash (``INSERT … ON CONFLICT DO NOTHING``): one stores
it, the other sees it stored.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geo.core.errors import ArticleError
from geo.core.model import Article, Exercise, Milestone, Toponym
from geo.pipeline import analyse_article
from geo.store import codec
from geo.store.db import Store
from geo.store.schema import articles, extractions
from geo.store.validate import check_file_name, content_hash, decode_article
from geo.text.articles import article_paths, parse_article, parse_date

Progress = Callable[[int, int, str], None]
ORIGINS = ("folder", "upload", "paste")


def article_path(origin: str, file_name: str) -> str:
    """``Article.path`` of a stored article: the file name for folder articles, else origin/name."""
    return file_name if origin == "folder" else f"{origin}/{file_name}"


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _insert(conn: Connection, table: sa.Table):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


# --- extraction (pure; runs in worker processes) ---------------------------------


@dataclass(frozen=True)
class Extracted:
    article: Article
    toponyms: tuple[Toponym, ...]
    exercises: tuple[Exercise, ...]
    milestones: tuple[Milestone, ...]

    def payload(self) -> dict:
        return codec.encode(self.article.path, self.toponyms, self.exercises, self.milestones)


def extract(text: str, path: str) -> Extracted:
    """Parse and geoparse one article's text (ArticleError when it has no body)."""
    article = parse_article(text, path)
    toponyms, exercises, milestones = analyse_article(article)
    return Extracted(article, tuple(toponyms), tuple(exercises), tuple(milestones))


def _extract_batch(items: list[tuple[int, str, str | Article]]) -> list[tuple[int, object]]:
    """Worker: (job index, path, text or Article) -> (job index, (article fields, payload) or error line)."""
    out: list[tuple[int, object]] = []
    for index, path, text in items:
        try:
            if isinstance(text, Article):
                found = analyse_article(text)
                done = Extracted(text, tuple(found[0]), tuple(found[1]), tuple(found[2]))
            else:
                done = extract(text, path)
        except ArticleError as exc:
            out.append((index, str(exc)))
            continue
        a = done.article
        out.append((index, ((a.text, a.title, a.source, a.published), done.payload())))
    return out


# --- transactions -------------------------------------------------------------------


def _write_extraction(conn: Connection, store: Store, article_id: int, payload: dict) -> None:
    """Add the new extraction and drop the others, in the caller's transaction (the switch)."""
    conn.execute(
        _insert(conn, extractions)
        .values(article_id=article_id, pipeline_version=store.pipeline_version, created_at=_now(), payload=payload)
        .on_conflict_do_nothing()
    )
    conn.execute(
        sa.delete(extractions).where(
            extractions.c.article_id == article_id, extractions.c.pipeline_version != store.pipeline_version
        )
    )


def _withdraw_name(conn: Connection, origin: str, file_name: str, keep_hash: str) -> int:
    return conn.execute(
        sa.update(articles)
        .where(articles.c.origin == origin, articles.c.file_name == file_name, articles.c.status == "active",
               articles.c.content_hash != keep_hash)
        .values(status="withdrawn")
    ).rowcount


def _store_new(conn: Connection, store: Store, *, chash: str, file_name: str, origin: str,
               fields: tuple, payload: dict, replace_name: bool) -> int | None:
    """Insert article + extraction; None when that content is already stored (by anyone)."""
    text, title, source, published = fields
    if replace_name:
        _withdraw_name(conn, origin, file_name, chash)
    row = conn.execute(
        _insert(conn, articles)
        .values(content_hash=chash, file_name=file_name, title=title, source_url=source, published=published,
                text=text, status="active", added_at=_now(), origin=origin)
        .on_conflict_do_nothing()
        .returning(articles.c.id)
    ).first()
    if row is None:
        return None
    _write_extraction(conn, store, row[0], payload)
    return row[0]


# --- folder sync ---------------------------------------------------------------------


@dataclass
class SyncReport:
    added: list[str] = field(default_factory=list)  # new files and new versions of changed files
    changed: list[str] = field(default_factory=list)  # the subset of ``added`` that replaced a version
    unchanged: int = 0
    reextracted: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # same content stored already (another name/process)
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{len(self.added)} added ({len(self.changed)} changed), {self.unchanged} unchanged, "
                f"{len(self.reextracted)} re-extracted, {len(self.restored)} restored, "
                f"{len(self.withdrawn)} withdrawn, {len(self.duplicates)} duplicate, {len(self.problems)} refused")


@dataclass
class _Job:
    file_name: str
    chash: str
    text: str | Article  # a stale article is redone from its stored fields
    kind: str  # "new" | "stale" | "revive"
    article_id: int | None = None


def _read_folder(folder: Path, report: SyncReport) -> list[tuple[str, str, str]]:
    files = []
    for path in article_paths(folder):
        try:
            raw = path.read_bytes()
            text = decode_article(raw, str(path), allow_script=True)  # the folder keeps today's rules
        except OSError as exc:
            report.problems.append(f"{path}: cannot read ({exc.strerror}); check the file")
            continue
        except ArticleError as exc:
            report.problems.append(str(exc))
            continue
        files.append((path.name, content_hash(raw), text))
    return files


def sync_folder(store: Store, folder: str | Path, progress: Progress | None = None,
                workers: int | None = None) -> SyncReport:
    """Make the store's folder articles match ``folder``: new or changed files are geoparsed,
    unchanged ones never again, removed ones withdrawn, stale extractions redone."""
    report = SyncReport()
    files = _read_folder(Path(folder), report)
    with store.read() as conn:
        known = {
            row.content_hash: row
            for row in conn.execute(sa.select(articles.c.id, articles.c.content_hash, articles.c.file_name,
                                              articles.c.status, articles.c.origin))
        }
        current = set(conn.execute(
            sa.select(extractions.c.article_id).where(extractions.c.pipeline_version == store.pipeline_version)
        ).scalars())
        active_names = {
            row.file_name: row.content_hash
            for row in conn.execute(
                sa.select(articles.c.file_name, articles.c.content_hash)
                .where(articles.c.origin == "folder", articles.c.status == "active")
            )
        }
    jobs: list[_Job] = []
    seen: set[str] = set()
    for file_name, chash, text in files:
        if chash in seen:
            report.duplicates.append(f"{file_name}: same text as another file in the folder")
            continue
        seen.add(chash)
        row = known.get(chash)
        if row is None:
            jobs.append(_Job(file_name, chash, text, "new"))
        elif row.status == "withdrawn":
            jobs.append(_Job(file_name, chash, text, "revive", row.id))
        elif row.origin != "folder":
            report.duplicates.append(f"{file_name}: same text as the stored {article_path(row.origin, row.file_name)}")
        else:
            report.unchanged += 1
            if row.file_name != file_name:  # renamed file, same text: follow the name
                with store.write() as conn:
                    _withdraw_name(conn, "folder", file_name, chash)
                    conn.execute(sa.update(articles).where(articles.c.id == row.id).values(file_name=file_name))
    # Active articles (of any origin) extracted by another pipeline version: redone from their stored text.
    with store.read() as conn:
        for row in conn.execute(
            sa.select(articles).where(articles.c.status == "active").order_by(articles.c.file_name)
        ):
            if row.id not in current:
                path = article_path(row.origin, row.file_name)
                jobs.append(_Job(row.file_name, row.content_hash,
                                 Article(path, row.text, row.title, row.source_url, row.published),
                                 "stale", row.id))
    present = {chash for _, chash, _ in files}

    todo = [j for j in jobs if not (j.kind == "revive" and j.article_id in current)]
    for job in jobs:
        if job.kind == "revive" and job.article_id in current:
            _revive(store, job, None, report, active_names)
    if todo:
        _run_jobs(store, todo, progress, workers, report, active_names)

    with store.write() as conn:  # files gone from the folder: withdrawn, never deleted
        rows = conn.execute(sa.select(articles.c.id, articles.c.content_hash, articles.c.file_name)
                            .where(articles.c.origin == "folder", articles.c.status == "active")).all()
        gone_rows = [row for row in rows if row.content_hash not in present]
        for start in range(0, len(gone_rows), 500):
            conn.execute(sa.update(articles).where(articles.c.id.in_([r.id for r in gone_rows[start:start + 500]]))
                         .values(status="withdrawn"))
        gone = [row.file_name for row in gone_rows]
    report.withdrawn.extend(sorted(gone))
    return report


def _revive(store: Store, job: _Job, payload: dict | None, report: SyncReport, active_names: dict) -> None:
    with store.write() as conn:
        _withdraw_name(conn, "folder", job.file_name, job.chash)
        conn.execute(sa.update(articles).where(articles.c.id == job.article_id)
                     .values(status="active", file_name=job.file_name, origin="folder"))
        if payload is not None:
            _write_extraction(conn, store, job.article_id, payload)
    report.restored.append(job.file_name)


def _commit(store: Store, job: _Job, result: object, report: SyncReport, active_names: dict) -> None:
    if isinstance(result, str):
        report.problems.append(result)
        return
    fields, payload = result
    if job.kind == "revive":
        _revive(store, job, payload, report, active_names)
    elif job.kind == "stale":
        with store.write() as conn:
            _write_extraction(conn, store, job.article_id, payload)
        report.reextracted.append(job.file_name)
    else:
        with store.write() as conn:
            article_id = _store_new(conn, store, chash=job.chash, file_name=job.file_name, origin="folder",
                                    fields=fields, payload=payload, replace_name=True)
        if article_id is None:
            report.duplicates.append(f"{job.file_name}: stored meanwhile by another process")
        else:
            report.added.append(job.file_name)
            if active_names.get(job.file_name) not in (None, job.chash):
                report.changed.append(job.file_name)


def _run_jobs(store: Store, jobs: list[_Job], progress: Progress | None, workers: int | None,
              report: SyncReport, active_names: dict) -> None:
    workers = workers or os.cpu_count() or 1
    items = [(index, job.text.path if isinstance(job.text, Article) else article_path("folder", job.file_name),
              job.text) for index, job in enumerate(jobs)]
    done = 0

    def handle(results: list[tuple[int, object]]) -> None:
        nonlocal done
        for index, result in results:
            _commit(store, jobs[index], result, report, active_names)
            done += 1
            if progress:
                progress(done, len(jobs), jobs[index].file_name)

    if workers <= 1 or len(jobs) < 4:
        for start in range(0, len(items), 8):
            handle(_extract_batch(items[start:start + 8]))
        return
    size = max(1, min(32, len(items) // (workers * 8)))
    batches = [items[start:start + size] for start in range(0, len(items), size)]
    # Fresh worker processes (spawn): no database or geocode-cache connection crosses a fork.
    store.engine.dispose()
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [pool.submit(_extract_batch, batch) for batch in batches]
        for future in futures:  # in order: the store fills in folder order
            handle(future.result())


# --- single articles (upload, paste, CLI add) ------------------------------------------


@dataclass(frozen=True)
class AddResult:
    status: str  # "added" | "duplicate"
    path: str  # Article.path of the stored article (the existing one for a duplicate)
    article_id: int
    exercises: tuple[Exercise, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    reason: str = ""  # for a duplicate: what matched

    @property
    def added(self) -> bool:
        return self.status == "added"


def _prepare(raw: bytes | str, file_name: str | None, origin: str) -> tuple[str, str, str]:
    if origin not in ORIGINS:
        raise ValueError(f"origin {origin!r}: one of {', '.join(ORIGINS)}")
    chash = content_hash(raw)
    if file_name is None:
        file_name = f"{'pasted' if origin == 'paste' else 'article'}-{chash[:10]}.txt"
    check_file_name(file_name)
    return file_name, chash, decode_article(raw, file_name)


def _with_overrides(article: Article, title, source_url, published) -> Article:
    if isinstance(published, str):
        parsed = parse_date(published)
        if parsed is None:
            raise ArticleError(f"published date {published!r} is not YYYY-MM-DD; give it as 2024-05-31")
        published = parsed
    return Article(
        path=article.path,
        text=article.text,
        title=title or article.title,
        source=source_url or article.source,
        published=published if published is not None else article.published,
    )


def preview_article(raw: bytes | str, file_name: str | None = None, title: str | None = None,
                    source_url: str | None = None, published: date | str | None = None,
                    origin: str = "upload") -> Extracted:
    """What ``add_article`` would store, extracted but not stored (ArticleError when refused)."""
    file_name, _, text = _prepare(raw, file_name, origin)

    article = _with_overrides(parse_article(text, article_path(origin, file_name)), title, source_url, published)
    toponyms, exercises, milestones = analyse_article(article)
    return Extracted(article, tuple(toponyms), tuple(exercises), tuple(milestones))


def _duplicate(conn: Connection, chash: str, source_url: str | None) -> AddResult | None:
    row = conn.execute(sa.select(articles.c.id, articles.c.origin, articles.c.file_name, articles.c.status)
                       .where(articles.c.content_hash == chash)).first()
    if row is not None:
        return AddResult("duplicate", article_path(row.origin, row.file_name), row.id,
                         reason=f"same text as {article_path(row.origin, row.file_name)} ({row.status})")
    if source_url:
        row = conn.execute(sa.select(articles.c.id, articles.c.origin, articles.c.file_name)
                           .where(articles.c.source_url == source_url, articles.c.status == "active")
                           .order_by(articles.c.id).limit(1)).first()
        if row is not None:
            return AddResult("duplicate", article_path(row.origin, row.file_name), row.id,
                             reason=f"same source URL as {article_path(row.origin, row.file_name)}")
    return None


def add_article(store: Store, raw: bytes | str, file_name: str | None = None, title: str | None = None,
                source_url: str | None = None, published: date | str | None = None,
                origin: str = "upload") -> AddResult:
    """Validate, extract and store one article in one transaction; a duplicate (same text or
    same source URL) is reported, not stored. Refused input raises ArticleError (one line)."""
    file_name, chash, _ = _prepare(raw, file_name, origin)
    with store.read() as conn:
        found = _duplicate(conn, chash, source_url)
    if found is not None:
        return found
    done = preview_article(raw, file_name, title, source_url, published, origin)
    article = done.article
    with store.write() as conn:
        found = _duplicate(conn, chash, article.source)
        if found is not None:
            return found
        name = file_name
        taken = conn.execute(sa.select(articles.c.id).where(
            articles.c.origin == origin, articles.c.file_name == name, articles.c.status == "active")).first()
        if taken is not None:  # another article under this name: keep both, apart
            stem, dot, suffix = file_name.rpartition(".")
            name = f"{stem}-{chash[:8]}.{suffix}" if dot else f"{file_name}-{chash[:8]}"
            done = Extracted(Article(article_path(origin, name), article.text, article.title, article.source,
                                     article.published), done.toponyms, done.exercises, done.milestones)
        payload = codec.encode(article.path, done.toponyms, done.exercises, done.milestones)
        article_id = _store_new(conn, store, chash=chash, file_name=name, origin=origin,
                                fields=(article.text, article.title, article.source, article.published),
                                payload=payload, replace_name=False)
    if article_id is None:  # stored by another process between our check and our insert
        with store.read() as conn:
            return _duplicate(conn, chash, None)
    path = article_path(origin, name)
    _, exercises, milestones = codec.decode(payload, path)
    return AddResult("added", path, article_id, exercises, milestones)
