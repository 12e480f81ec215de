"""The chain of stages, from files to a ``Dataset``.

    load_articles -> find_toponyms -> extract_exercises / extract_milestones
    -> merge_exercises -> Dataset
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from geo.articles import load_article
from geo.errors import ArticleError
from geo.model import Article, Dataset, Exercise, Milestone, Toponym

Progress = Callable[[int, int, str], None]


def exercises_for_article(article: Article) -> list[Exercise]:
    from geo.events import extract_exercises
    from geo.resolve import find_toponyms

    return extract_exercises(article, find_toponyms(article.text))


def analyse_article(article: Article) -> tuple[tuple[Toponym, ...], list[Exercise], list[Milestone]]:
    from geo.events import extract_exercises, extract_milestones
    from geo.resolve import find_toponyms

    toponyms = tuple(find_toponyms(article.text))
    return toponyms, extract_exercises(article, list(toponyms)), extract_milestones(article, list(toponyms))


def build_dataset(paths: Iterable[str | Path], progress: Progress | None = None) -> Dataset:
    """Read, geoparse and extract every article; bad files become ``problems``."""
    from geo.events import merge_exercises

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
