"""geo.render.sources and the provenance count: what a briefing says about where its facts come from."""

import json
from datetime import date

import pytest

from geo.core.model import Article, EventLocation, Evidence, Place
from geo.render.rows import provenance_counts, provenance_line
from geo.render.sources import STATE_MEDIA, source_entry, state_affiliation


@pytest.mark.parametrize(
    ("source", "flag"),
    [
        ("TASS", "state-affiliated (Russia)"),
        ("https://www.globaltimes.cn/page/202407/1.shtml", "state-affiliated (China)"),
        ("https://english.news.cn/20240709/x.html", "state-affiliated (China)"),
        ("belta.by", None),  # a bare domain is not a URL: only names and URLs are matched
        ("https://eng.belta.by/politics/view/x", "state-affiliated (Belarus)"),
        ("Tasnim", "state-affiliated (Iran, IRGC-affiliated)"),
        ("Reuters", None),
        ("https://www.reuters.com/world/x", None),
        ("https://nottass.com/x", None),  # a look-alike domain is not the outlet
        (None, None),
    ],
)
def test_state_affiliation(source, flag):
    assert state_affiliation(source) == flag


def test_the_state_media_table_says_where_its_classification_comes_from():
    data = json.loads(STATE_MEDIA.read_text("utf-8"))
    assert "_source" in data and "designation" in data["_source"]
    assert all(o["country"] and o["names"] and o["domains"] for o in data["outlets"])


@pytest.mark.parametrize(
    ("article", "line"),
    [
        (Article("a.txt", "", title="Drills", source="https://tass.ru/x", published=date(2024, 7, 8)),
         "“Drills”, tass.ru, 08 Jul 2024, https://tass.ru/x  [STATE-AFFILIATED (RUSSIA)]"),
        (Article("b.txt", "", title="Drills", source="Reuters"),
         "“Drills”, Reuters, date not recorded, no URL recorded"),
        (Article("dir/c.txt", ""), "“c.txt”, outlet not recorded, date not recorded, no URL recorded"),
    ],
)
def test_source_entry_line(article, line):
    assert source_entry(article).line == line


def _location(verified: bool) -> EventLocation:
    return EventLocation(Place("Brest", "city", 23.7, 52.1), "drill", "Brest",
                         Evidence("a.txt", "Brest.", 0, 6), verified=verified)


@pytest.mark.parametrize(
    ("flags", "counts", "line"),
    [
        ((), (0, 0), "0 positions extracted automatically, 0 checked by an analyst"),
        ((False,), (1, 0), "1 position extracted automatically, 0 checked by an analyst"),
        ((True, False, True), (1, 2), "1 position extracted automatically, 2 checked by an analyst"),
    ],
)
def test_provenance_counts(flags, counts, line):
    locations = [_location(flag) for flag in flags]
    assert provenance_counts(locations) == counts
    assert provenance_line(locations) == line
