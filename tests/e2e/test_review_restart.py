"""The issue's review flow in Chromium, offline, on a server of its own: in the review queue an analyst
marks a wrong drill site "only mentioned", moves another by clicking the item's map, and adds a missed
site by typing the article's words; after a reload and a server restart all three hold, the map's
title box counts the checked positions, and the briefing PNG says how many an analyst checked."""

from __future__ import annotations

import io
import re

import pytest
from conftest import (
    ARTIFACTS,
    external_requests,
    map_frame,
    open_dashboard,
    seed_articles_env,
    start_streamlit,
    stop_streamlit,
    wait_until_idle,
)
from PIL import Image
from test_review_in_browser import ITEM, sign_in

pytestmark = pytest.mark.e2e

UKRAINE = "Ukraine (drill site)"
BELARUS = "Allied Resolve 2022 · Belarus (drill site)"
LANTERN = "Iron Lantern 2031"
# Written for this test: the pipeline reads "outside Voru" as a place only mentioned, so the
# exercise has no drill site and the analyst adds it from the article's words.
LANTERN_ARTICLE = """Title: Estonia opens Iron Lantern 2031
Published: 2031-03-03

Estonia opened the Iron Lantern 2031 exercise on 3 March 2031, the defence ministry said. About 2,000
Estonian soldiers take part until 14 March. Commanders said the companies would spend the fortnight on
the ranges outside Voru before returning to barracks.
"""


def _saved(page, text: str) -> None:
    page.get_by_text(text).first.wait_for(timeout=60_000)
    wait_until_idle(page)


def _move_by_clicking_the_map(page) -> None:
    item = page.locator(ITEM).filter(has_text=BELARUS)
    item.get_by_text("Work on this item: map, other candidates, split").click()
    wait_until_idle(page)
    frame = map_frame(page)
    frame.locator(".review-current").first.wait_for(timeout=30_000)
    # Leaflet measured the frame it ended up in (not the strip it started in) and frames the place
    frame.wait_for_function("""() => { const s = window.map.getSize(), c = window.map.getContainer();
        return s.x === c.clientWidth && s.y === c.clientHeight && c.clientHeight > 250; }""", timeout=30_000)
    assert frame.evaluate("() => window.map.getBounds().contains([53.53, 28.03])")  # Belarus, drawn red
    box = frame.locator(".leaflet-container").bounding_box()
    frame.locator(".leaflet-container").click(position={"x": box["width"] * 0.3, "y": box["height"] * 0.4})
    move = page.locator(ITEM).filter(has_text=BELARUS).get_by_role("button", name="Move here")
    move.wait_for(timeout=60_000)
    clicked = page.get_by_text(re.compile(r"Clicked \d")).first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "review-clicked-map.png"), full_page=True)
    move.click()
    _saved(page, "Restart Analyst: moved to")
    assert clicked


def _add_from_the_article_text(page) -> None:
    item = page.locator(ITEM).filter(has_text=LANTERN).filter(has_text="no drill site")
    box = item.get_by_label("Add a drill site from the article text: the words that name it")
    box.fill("outside Voru")
    box.press("Enter")
    wait_until_idle(page)
    item = page.locator(ITEM).filter(has_text=LANTERN).filter(has_text="no drill site")
    item.get_by_text("Cited:").first.wait_for(timeout=60_000)
    item.locator('[class*="st-key-phrase-add-"] button').click()
    _saved(page, "Restart Analyst: drill site added")


def _briefing_png(page, url: str) -> Image.Image:
    open_dashboard(page, url)
    page.get_by_role("link", name="Briefing").click()
    wait_until_idle(page)
    page.locator('[data-testid="stImage"] img').first.wait_for(timeout=90_000)
    with page.expect_download(timeout=90_000) as info:
        page.get_by_role("button", name="Briefing PNG").click()
    data = info.value.path().read_bytes()
    (ARTIFACTS / "review-restart-briefing.png").write_bytes(data)
    return Image.open(io.BytesIO(data))


def test_fixes_made_in_the_queue_survive_a_reload_and_a_server_restart(page, tmp_path):
    env = seed_articles_env(tmp_path)
    (tmp_path / "iron-lantern-2031.txt").write_text(LANTERN_ARTICLE, encoding="utf-8")

    process, url = start_streamlit(env)
    try:
        open_dashboard(page, url, path="review")
        sign_in(page, "Restart Analyst")
        page.locator(ITEM).filter(has_text=UKRAINE).get_by_role("button", name="Only mentioned").click()
        _saved(page, "Restart Analyst: role → only mentioned")
        _move_by_clicking_the_map(page)
        _add_from_the_article_text(page)
        page.get_by_text("Edits so far (3)").wait_for(timeout=60_000)
        page.reload(wait_until="domcontentloaded")
        wait_until_idle(page)
        sign_in(page, "Restart Analyst")
        page.get_by_text("Edits so far (3)").wait_for(timeout=60_000)
    finally:
        stop_streamlit(process)

    process, url = start_streamlit(env)  # a new server process on the same store and journal
    try:
        open_dashboard(page, url, path="review")
        sign_in(page, "Restart Analyst")
        page.get_by_text("Edits so far (3)").wait_for(timeout=90_000)
        for gone in (UKRAINE, BELARUS, LANTERN):
            assert page.locator(ITEM).filter(has_text=gone).count() == 0, gone
        page.screenshot(path=str(ARTIFACTS / "review-after-restart.png"), full_page=True)

        # The added site is on the map, drawn as checked (the title box counts it, the legend explains it).
        open_dashboard(page, url, query="exercise=Iron+Lantern+2031")
        frame = map_frame(page)
        frame.get_by_text("0 positions extracted automatically, 1 checked by an analyst").first.wait_for(
            timeout=30_000)
        frame.get_by_text("Võru").first.wait_for(timeout=30_000)  # the site's town label
        assert frame.get_by_text("dark ring: checked by an analyst").count() == 1
        page.screenshot(path=str(ARTIFACTS / "map-after-restart.png"))

        image = _briefing_png(page, url)
        assert image.size == (1600, 1000)
        assert "2 checked by an analyst" in image.text["Description"]  # the moved and the added site
        assert external_requests(page) == []
    finally:
        stop_streamlit(process)
