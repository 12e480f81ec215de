"""The analyst's fixes outlive a reload and a server restart (Chromium, offline, a server of its own):
one drill site marked "only mentioned", another confirmed as drawn; after a restart on the same store
both hold, the map's popup says "checked by an analyst", and the briefing PNG says how many were."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile

import pytest
from conftest import (
    ARTIFACTS,
    ROOT,
    external_requests,
    map_frame,
    open_dashboard,
    start_streamlit,
    wait_until_idle,
)
from PIL import Image
from test_review_in_browser import ITEM, sign_in

pytestmark = pytest.mark.e2e

UKRAINE = "Ukraine (drill site)"
BELARUS = "Allied Resolve 2022 · Belarus (drill site)"


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


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


def test_edits_survive_a_reload_and_a_server_restart(page, tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    for article in (ROOT / "articles").glob("*.txt"):
        shutil.copy(article, articles / article.name)
    env = {"EXERCISE_MAP_ARTICLES": str(articles),
           "EXERCISE_MAP_DB": f"sqlite:///{tempfile.mkdtemp(prefix='e2e-restart-')}/exercise-map.sqlite"}

    process, url = start_streamlit(env)
    try:
        open_dashboard(page, url, path="review")
        sign_in(page, "Restart Analyst")
        page.locator(ITEM).filter(has_text=UKRAINE).get_by_role("button", name="Only mentioned").click()
        page.get_by_text("Restart Analyst: role → only mentioned").first.wait_for(timeout=60_000)
        wait_until_idle(page)
        page.locator(ITEM).filter(has_text=BELARUS).get_by_role("button", name="Correct as is").click()
        page.get_by_text("Edits so far (2)").wait_for(timeout=60_000)
        page.reload(wait_until="domcontentloaded")
        wait_until_idle(page)
        sign_in(page, "Restart Analyst")
        page.get_by_text("Edits so far (2)").wait_for(timeout=60_000)
    finally:
        _stop(process)

    process, url = start_streamlit(env)  # a new server process on the same store and journal
    try:
        open_dashboard(page, url, path="review")
        sign_in(page, "Restart Analyst")
        page.get_by_text("Edits so far (2)").wait_for(timeout=90_000)
        assert page.locator(ITEM).filter(has_text=UKRAINE).count() == 0
        assert page.locator(ITEM).filter(has_text=BELARUS).count() == 0
        page.screenshot(path=str(ARTIFACTS / "review-after-restart.png"), full_page=True)

        # The map: the confirmed drill site's popup says an analyst checked it.
        open_dashboard(page, url, query="exercise=Allied+Resolve+2022")
        frame = map_frame(page)
        frame.get_by_text("1 checked by an analyst").first.wait_for(timeout=30_000)  # the title box
        assert frame.get_by_text("dark ring: checked by an analyst").count() == 1  # the legend row
        page.screenshot(path=str(ARTIFACTS / "map-after-restart.png"))

        image = _briefing_png(page, url)
        assert image.size == (1600, 1000)
        assert "1 checked by an analyst" in image.text["Description"]
        assert external_requests(page) == []
    finally:
        _stop(process)
