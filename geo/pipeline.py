"""The chain of stages, from files to a ``Dataset``.

    load_articles -> find_toponyms -> extract_exercises / extract_milestones
    -> merge_exercises -> Dataset
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from geo.core.errors import ArticleError
from geo.core.model import Article, Dataset, Exercise, Milestone, Toponym
from geo.events import extract_exercises, extract_milestones, merge_exercises
from geo.places.toponyms import find_toponyms
from geo.text.articles import load_article

Progress = Callable[[int, int, str], None]


def exercises_for_article(article: Article) -> list[Exercise]:
    return extract_exercises(article, find_toponyms(article.text))


def analyse_article(article: Article) -> tuple[tuple[Toponym, ...], list[Exercise], list[Milestone]]:
    toponyms = tuple(find_toponyms(article.text))
    return toponyms, extract_exercises(article, list(toponyms)), extract_milestones(article, list(toponyms))


def build_dataset(paths: Iterable[str | Path], progress: Progress | None = None) -> Dataset:
    """Read, geoparse and extract every article; bad files become ``problems``."""
    paths = list(paths)
    articles: list[Article] = []
    problems: list[str] = []
    exercises: list[Exercise] = []
    milestones: list[Milestone] = []
    toponyms: dict[str, tuple[Toponym, ...]] = {}
    for done, path in enumerate(paths, 1):
        try:
            article = load_article(path)
        except ArticleError as exc:
            problems.append(str(exc))
            continue
        found, article_exercises, article_milestones = analyse_article(article)
        articles.append(article)
        toponyms[article.path] = found
        exercises.extend(article_exercises)
        milestones.extend(article_milestones)
        if progress:
            progress(done, len(paths), str(path))
    return Dataset(
        articles=tuple(articles),
        exercises=tuple(merge_exercises(exercises)),
        milestones=tuple(sorted(set(milestones), key=lambda m: (m.day, m.label))),
        toponyms=toponyms,
        problems=tuple(problems),
    )
