"""The desk corpus (tests/desk_articles/, 28 exercises) on a 1280x800 screen: the title near the top,
the map and its legend above the fold, no request leaving the machine. Its own server and store."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator

import pytest
from conftest import (
    ARTIFACTS,
    ROOT,
    external_requests,
    map_frame,
    open_dashboard,
    start_streamlit,
    stop_streamlit,
)

pytestmark = pytest.mark.e2e
FOLD = 800


@pytest.fixture(scope="module")
def desk_url() -> Iterator[str]:
    ARTIFACTS.mkdir(exist_ok=True)
    store = tempfile.mkdtemp(prefix="e2e-desk-store-")
    process, url = start_streamlit({"EXERCISE_MAP_ARTICLES": str(ROOT / "tests" / "desk_articles"),
                                    "EXERCISE_MAP_DB": f"sqlite:///{store}/exercise-map.sqlite"})
    yield url
    stop_streamlit(process)


@pytest.fixture()
def laptop(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": FOLD})
    page = context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    context.on("request", lambda request: page.requests.append(request.url))  # type: ignore[attr-defined]
    yield page
    context.close()


def test_title_map_and_legend_above_the_fold_at_1280x800(laptop, desk_url):
    page = laptop
    open_dashboard(page, desk_url)
    frame = map_frame(page, timeout_s=120)
    frame.wait_for_selector(".exercise-legend", timeout=30_000)
    title_top = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"] h1')"
                              ".getBoundingClientRect().top")
    assert title_top < 60
    iframe = frame.frame_element().bounding_box()
    assert iframe["y"] >= 0 and iframe["y"] + iframe["height"] <= FOLD, iframe
    legend = frame.locator(".exercise-legend").bounding_box()  # page coordinates, through the iframe
    assert legend["height"] > 100  # 28 exercises: twelve named, the rest counted
    assert iframe["y"] <= legend["y"] and legend["y"] + legend["height"] <= iframe["y"] + iframe["height"]
    assert legend["y"] + legend["height"] <= FOLD
    assert iframe["x"] <= legend["x"] and legend["x"] + legend["width"] <= iframe["x"] + iframe["width"]
    tips = frame.evaluate("""() => { const out = [];
        window.map.eachLayer(l => { const t = l.getTooltip ? l.getTooltip() : null; if (t) out.push(t.getContent()); });
        return out; }""")
    drawn = {tip.split(" · ")[0] for tip in tips}
    assert len(drawn) == 28, sorted(drawn)  # every exercise of the desk is on the map
    page.screenshot(path=str(ARTIFACTS / "desk-1280x800.png"))
    # the legend folds away when it covers sites, and opens again
    frame.locator(".exercise-legend summary").click()
    folded = frame.locator(".exercise-legend").bounding_box()
    assert folded["height"] < 40, folded
    page.screenshot(path=str(ARTIFACTS / "desk-1280x800-legend-folded.png"))
    frame.locator(".exercise-legend summary").click()
    assert frame.locator(".exercise-legend").bounding_box()["height"] > 100
    assert external_requests(page) == []


def test_every_exercise_listed_in_the_sidebar_filter(laptop, desk_url):
    page = laptop
    open_dashboard(page, desk_url)
    map_frame(page, timeout_s=120)
    caption = page.locator('[data-testid="stCaptionContainer"]').first.inner_text()
    assert "28 of 28 exercises" in caption
    assert external_requests(page) == []




def test_map_page_map_legend_and_play_above_the_fold_and_play_moves_the_day(laptop, desk_url):
    page = laptop
    open_dashboard(page, desk_url, path="map")
    frame = map_frame(page, timeout_s=120)
    frame.wait_for_selector(".exercise-legend", timeout=30_000)
    iframe = frame.frame_element().bounding_box()
    legend = frame.locator(".exercise-legend").bounding_box()
    assert iframe["y"] + iframe["height"] <= FOLD and legend["y"] + legend["height"] <= FOLD, (iframe, legend)
    play = page.get_by_role("button", name="▶ Play")
    box = play.bounding_box()
    assert box["y"] + box["height"] <= FOLD  # the controls sit right under the map
    first_day = page.get_by_text("Under way on").first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "desk-map-page-1280x800.png"))
    play.click()
    page.get_by_role("button", name="⏸ Pause").wait_for(timeout=30_000)
    page.wait_for_function(
        "(before) => [...document.querySelectorAll('[data-testid=\"stCaptionContainer\"]')]"
        ".some(c => c.innerText.startsWith('Under way on') && c.innerText !== before)",
        arg=first_day, timeout=30_000)
    page.get_by_role("button", name="⏸ Pause").click()
    page.get_by_role("button", name="▶ Play").wait_for(timeout=30_000)
    assert external_requests(page) == []
