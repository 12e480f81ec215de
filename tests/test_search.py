"""geo.render.search: one box for an exercise, a place or a phrase (table-driven)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from dashboard_data import DATASET, LONG, SHORT, TEXT_A, TOWN  # noqa: E402

from geo.core.model import Article  # noqa: E402
from geo.render.search import fold, fold_aligned, search  # noqa: E402

EXERCISES = DATASET.exercises
ARTICLES = DATASET.articles


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Shield Test", ("exercise", "Shield Test", "Shield Test", None)),
        ("shield", ("exercise", "Shield Test", "Shield Test", None)),  # case ignored, prefix
        ("  long watch ", ("exercise", "Long Watch", "Long Watch", None)),
        ("testograd", ("place", "Testograd (city) · Shield Test", "Shield Test", (TOWN.lat, TOWN.lon))),
        ("the river border", ("place", "Belarus–Poland border (border) · Long Watch", "Long Watch", (52.5, 23.9))),
        ("ten days in spring", ("phrase", f"“{TEXT_A}” · A short drill", None, None)),
    ],
)
def test_search_finds_exercise_place_or_phrase(query, first):
    hits = search(EXERCISES, ARTICLES, query)
    assert hits, query
    hit = hits[0]
    assert (hit.kind, hit.text, hit.exercise, hit.point) == first


@pytest.mark.parametrize("query", ["", " ", "x", "no such thing anywhere"])
def test_search_without_a_match_is_empty(query):
    assert search(EXERCISES, ARTICLES, query) == []


def test_every_hit_points_at_a_sentence_of_its_article():
    texts = {a.path: a.text for a in ARTICLES}
    for query in ("Shield", "Testograd", "winter"):
        for hit in search(EXERCISES, ARTICLES, query):
            if hit.article in texts and hit.cite:
                start, end = hit.cite
                assert 0 <= start < end <= len(texts[hit.article])


def test_phrase_hits_cite_the_sentence_that_holds_it_accents_ignored():
    text = "Opening line here. Troops gathered at Pabradė on Monday! Then nothing.\n\nStraße drills."
    article = Article("a.txt", text, title="Pabrade")
    (hit,) = search([], [article], "pabrade on")
    start, end = hit.cite
    assert text[start:end] == "Troops gathered at Pabradė on Monday!"
    (street,) = search([], [article], "straße")
    assert text[street.cite[0]:street.cite[1]] == "Straße drills."
    assert len(fold_aligned(text)) == len(text) and fold("Pabradė") == "pabrade"


def test_exercises_come_before_places_before_phrases():
    kinds = [hit.kind for hit in search([SHORT, LONG], ARTICLES, "t")] or ["-"]
    assert kinds == ["-"]  # one letter is too short to search
    kinds = [hit.kind for hit in search(EXERCISES, ARTICLES, "te")]
    assert kinds == sorted(kinds, key=["exercise", "place", "phrase"].index)
