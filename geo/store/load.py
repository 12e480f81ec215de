"""The dashboard's ``Dataset`` from the store: active articles and their stored extractions.

Nothing is geoparsed here. Decoded extractions are kept per process (they are
immutable and keyed by the extraction row's id), so a reload after one new
article decodes one payload; the merge of exercises across articles is the
pipeline's (``geo.events.merge``), run over an index of candidate pairs so it
does not compare every exercise with every other.
"""

from __future__ import annotations

import threading
from collections import defaultdict

import sqlalchemy as sa

from geo.core.model import Article, Dataset, Exercise
from geo.events.merge import _merge_pair, _same_exercise
from geo.events.names import name_key, split_edition
from geo.store import codec
from geo.store.db import Store
from geo.store.ingest import article_path
from geo.store.schema import articles, extractions

_lock = threading.Lock()
_articles: dict[tuple[str, int, str], Article] = {}  # (store url, article id, path) -> Article
_decoded: dict[tuple[str, int, str], tuple] = {}  # (store url, extraction id, path) -> (toponyms, exercises, ms)
_merged: dict[str, tuple[tuple, tuple[Exercise, ...]]] = {}  # store url -> (key of inputs, merged)


_similar: dict[tuple[str, str], bool] = {}  # (base, base) -> SequenceMatcher ratio >= 0.85, per process


def _ratio_near(a: str, b: str) -> bool:
    """merge's near-name test, ``SequenceMatcher(None, a, b).ratio() >= 0.85``, remembered per process."""
    key = (a, b) if a < b else (b, a)
    found = _similar.get(key)
    if found is None:
        from difflib import SequenceMatcher

        found = _similar[key] = SequenceMatcher(None, a, b).ratio() >= 0.85
    return found


class _Bases:
    """Known base names, with what bounds their SequenceMatcher ratio from above: lengths
    and shared characters (counted in 128 buckets, so the bound stays an upper bound)."""

    def __init__(self) -> None:
        import numpy as np

        self.np = np
        self.names: list[str] = []
        self.bags = np.zeros((64, 128), dtype=np.int32)
        self.lengths = np.zeros(64, dtype=np.int32)

    def add_and_find_near(self, base: str) -> list[str]:
        np = self.np
        n = len(self.names)
        bag = np.zeros(128, dtype=np.int32)
        for ch in base:
            bag[ord(ch) % 128] += 1
        near: list[str] = []
        if n:
            total = self.lengths[:n] + len(base)
            shared = np.minimum(self.bags[:n], bag).sum(axis=1)
            possible = (2 * np.minimum(self.lengths[:n], len(base)) >= 0.85 * total) & (2 * shared >= 0.85 * total)
            near = [self.names[i] for i in np.nonzero(possible)[0] if _ratio_near(base, self.names[i])]
        if n == len(self.lengths):
            self.bags = np.vstack([self.bags, np.zeros_like(self.bags)])
            self.lengths = np.concatenate([self.lengths, np.zeros_like(self.lengths)])
        self.bags[n] = bag
        self.lengths[n] = len(base)
        self.names.append(base)
        return near


def merge_indexed(exercises: list[Exercise]) -> list[Exercise]:
    """Exactly ``geo.events.merge.merge_exercises``, with candidate pairs from an index.

    An exercise can only be the same as an earlier one with the same base name
    (any edition), or, for a near-same base name (the ratio merge tests), the
    same written edition; an unnamed one only as an earlier unnamed one. The
    base name of a merged exercise never changes (a merge keeps the first name
    or takes the one that adds an edition to the same base), so the index
    stays true; an edition can be gained once, and is then indexed.
    """
    merged: list[Exercise] = []
    by_base: dict[str, list[int]] = defaultdict(list)
    by_base_edition: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_base_none: dict[str, list[int]] = defaultdict(list)  # may keep some that gained one: a superset
    by_edition: dict[tuple[str, str], list[int]] = defaultdict(list)  # (edition, base) -> indices
    near: dict[str, set[str]] = {}  # base -> the other known bases near it
    known = _Bases()
    unnamed: list[int] = []
    bases: dict[int, str] = {}

    def edition_of(index: int) -> str | None:
        name = merged[index].name
        return split_edition(name_key(name))[1] if name else None

    for exercise in exercises:
        if exercise.name:
            base, edition = split_edition(name_key(exercise.name))
            if base not in near:
                near[base] = set(known.add_and_find_near(base))
                for other in near[base]:
                    near[other].add(base)
            if edition is None:
                candidates = set(by_base.get(base, ()))
            else:  # same base: both editions written must agree, so only that edition or none
                candidates = set(by_base_edition.get((base, edition), ())) | set(by_base_none.get(base, ()))
                for other in near[base]:
                    candidates.update(by_edition.get((edition, other), ()))
        else:
            base, edition = None, None
            candidates = set(unnamed) if exercise.start else set()
        for index in sorted(candidates):
            if _same_exercise(merged[index], exercise):
                had = edition_of(index)
                merged[index] = _merge_pair(merged[index], exercise)
                now = edition_of(index)
                if now is not None and now != had:
                    by_edition[(now, bases[index])].append(index)
                    by_base_edition[(bases[index], now)].append(index)
                break
        else:
            index = len(merged)
            merged.append(exercise)
            if exercise.name:
                by_base[base].append(index)
                bases[index] = base
                if edition is not None:
                    by_edition[(edition, base)].append(index)
                    by_base_edition[(base, edition)].append(index)
                else:
                    by_base_none[base].append(index)
            elif exercise.start:
                unnamed.append(index)
    return merged


def load_dataset_from_store(store: Store) -> Dataset:
    """The Dataset of the store's active articles, from their current extractions."""
    with store.read() as conn:
        rows = conn.execute(
            sa.select(articles.c.id, articles.c.origin, articles.c.file_name, extractions.c.id.label("eid"))
            .select_from(articles.join(extractions, extractions.c.article_id == articles.c.id))
            .where(articles.c.status == "active")
        ).all()
        latest: dict[int, tuple] = {}
        for row in rows:  # a second extraction exists only inside an uncommitted switch; newest wins
            if row.id not in latest or row.eid > latest[row.id][2]:
                latest[row.id] = (article_path(row.origin, row.file_name), row.id, row.eid)
        order = sorted(latest.values())
        url = store.url
        with _lock:
            need_articles = [aid for path, aid, _ in order if (url, aid, path) not in _articles]
            need_payloads = [eid for path, _, eid in order if (url, eid, path) not in _decoded]
        fetched_articles = {}
        for start in range(0, len(need_articles), 900):
            chunk = need_articles[start:start + 900]
            for row in conn.execute(
                sa.select(articles.c.id, articles.c.text, articles.c.title, articles.c.source_url,
                          articles.c.published).where(articles.c.id.in_(chunk))
            ):
                fetched_articles[row.id] = row
        fetched_payloads = {}
        for start in range(0, len(need_payloads), 900):
            chunk = need_payloads[start:start + 900]
            for eid, payload in conn.execute(
                sa.select(extractions.c.id, extractions.c.payload).where(extractions.c.id.in_(chunk))
            ):
                fetched_payloads[eid] = payload
    with _lock:
        for path, aid, eid in order:
            if aid in fetched_articles:
                row = fetched_articles[aid]
                _articles[(url, aid, path)] = Article(path, row.text, row.title, row.source_url, row.published)
            if eid in fetched_payloads:
                _decoded[(url, eid, path)] = codec.decode(fetched_payloads[eid], path)
        keep_a = {(url, aid, path) for path, aid, _ in order}
        keep_e = {(url, eid, path) for path, _, eid in order}
        for key in [k for k in _articles if k[0] == url and k not in keep_a]:
            del _articles[key]
        for key in [k for k in _decoded if k[0] == url and k not in keep_e]:
            del _decoded[key]
        article_values = tuple(_articles[(url, aid, path)] for path, aid, _ in order)
        decoded = [_decoded[(url, eid, path)] for path, _, eid in order]
        key = tuple((path, eid) for path, _, eid in order)
        cached = _merged.get(url)
    if cached is not None and cached[0] == key:
        exercises = cached[1]
    else:
        exercises = tuple(merge_indexed([e for _, found, _ in decoded for e in found]))
        with _lock:
            _merged[url] = (key, exercises)
    milestones = {m for _, _, found in decoded for m in found}
    return Dataset(
        articles=article_values,
        exercises=exercises,
        milestones=tuple(sorted(milestones, key=lambda m: (m.day, m.label))),
        toponyms={path: found for (path, _, _), (found, _, _) in zip(order, decoded)},
        problems=(),
    )


def data_revision(store: Store) -> tuple[int, int, int]:
    """A cheap fingerprint of what ``load_dataset_from_store`` would return: it changes whenever an
    article is added, withdrawn or re-extracted (the dashboard's cache key)."""
    with store.read() as conn:
        active, newest_article = conn.execute(
            sa.select(sa.func.count(), sa.func.coalesce(sa.func.max(articles.c.id), 0))
            .where(articles.c.status == "active")
        ).one()
        newest_extraction = conn.execute(sa.select(sa.func.coalesce(sa.func.max(extractions.c.id), 0))).scalar_one()
    return int(active), int(newest_article), int(newest_extraction)
