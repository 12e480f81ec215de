"""One search box over a view: an exercise, a place or a phrase of an article.

    search(exercises, articles, query) -> [Hit]  (exercises first, then places, then sentences)

Matching ignores case and accents ("pabrade" finds Pabradė). A hit says where to jump:
an exercise to focus on the map, a place to centre it on, and the article sentence (its
offsets) the Articles page outlines.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from geo.core.model import Article, Exercise

MIN_QUERY = 2
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")


@dataclass(frozen=True)
class Hit:
    kind: str  # "exercise", "place" or "phrase"
    text: str  # what the result list shows (plain text: escape it for HTML)
    exercise: str | None = None  # an exercise label to focus
    point: tuple[float, float] | None = None  # (lat, lon) to centre on
    article: str | None = None  # Article.path
    cite: tuple[int, int] | None = None  # offsets of the sentence in the article


def fold(text: str) -> str:
    """Lower case without accents: what matching compares."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _fold_char(char: str) -> str:
    folded = fold(char)
    return folded if len(folded) == 1 else char


def fold_aligned(text: str) -> str:
    """``fold`` one character at a time, so an offset in the result is an offset in ``text``
    ("ß" stays "ß" rather than becoming "ss")."""
    return "".join(_fold_char(char) for char in text)


def _rank(name: str, query: str) -> int | None:
    """0 exact, 1 prefix (of the name or a word), 2 inside; None when absent."""
    folded = fold(name)
    if folded == query:
        return 0
    if folded.startswith(query) or f" {query}" in folded:
        return 1
    return 2 if query in folded else None


def _sentence_at(text: str, index: int) -> tuple[int, int]:
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() > index:
            return start, match.start()
        start = match.end()
    return start, len(text.rstrip())


def search(exercises: Sequence[Exercise], articles: Iterable[Article], query: str, limit: int = 20) -> list[Hit]:
    """Exercises whose name, places whose name, and article sentences that hold ``query``."""
    wanted = fold(query.strip())
    if len(wanted) < MIN_QUERY:
        return []
    ranked: list[tuple[int, int, Hit]] = []
    for exercise in exercises:
        rank = _rank(exercise.label, wanted)
        if rank is not None:
            evidence = exercise.sources[0] if exercise.sources else None
            ranked.append((0, rank, Hit("exercise", exercise.label, exercise=exercise.label,
                                        article=evidence.article if evidence else None,
                                        cite=(evidence.start, evidence.end) if evidence else None)))
    places: dict[str, Hit] = {}
    for exercise in exercises:
        for location in exercise.locations:
            place = location.place
            rank = _rank(place.name, wanted)
            if rank is None and _rank(location.mention, wanted) is None:
                continue
            if place.name not in places:
                places[place.name] = Hit(
                    "place", f"{place.name} ({place.kind}) · {exercise.label}", exercise=exercise.label,
                    point=(place.lat, place.lon), article=location.evidence.article,
                    cite=(location.evidence.start, location.evidence.end))
                ranked.append((1, 0 if rank is None else rank, places[place.name]))
    phrase = fold_aligned(" ".join(query.split()))
    for article in articles:
        folded = fold_aligned(article.text)
        at = folded.find(phrase)
        seen = 0
        while at >= 0 and seen < 3:  # the first few sentences of each article
            start, end = _sentence_at(article.text, at)
            sentence = " ".join(article.text[start:end].split())
            ranked.append((2, seen, Hit("phrase", f"“{sentence[:160]}” · {article.label}",
                                        article=article.path, cite=(start, end))))
            seen += 1
            at = folded.find(phrase, max(end, at + 1))
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [hit for _, _, hit in ranked[:limit]]
