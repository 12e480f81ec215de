"""A bookmarked page URL opened first on a fresh server: the app's own navigation, not Streamlit's
listing of every file in pages/."""

import pytest
from conftest import external_requests, open_dashboard, start_streamlit, stop_streamlit

pytestmark = pytest.mark.e2e

PAGES = ["Overview", "Map", "Timeline", "Articles", "Places", "Review", "Briefing", "Add articles"]


@pytest.fixture(scope="module")
def fresh_server_url():
    process, url = start_streamlit()
    yield url
    stop_streamlit(process)


def test_first_request_to_a_page_url_gets_the_apps_navigation(page, fresh_server_url):
    open_dashboard(page, fresh_server_url, query="country=BLR", path="timeline")
    nav = page.locator('[data-testid="stSidebarNav"] a')
    page.get_by_role("link", name="Overview", exact=True).wait_for(timeout=30_000)  # after the rerun via app.py
    assert nav.all_inner_texts() == PAGES  # no "frame", "parts" or "app" entries
    assert page.locator("h1").first.inner_text() == "Timeline"
    assert page.get_by_text("Exercises with Belarus").first.is_visible()
    assert "/timeline" in page.url and "country=BLR" in page.url
    assert external_requests(page) == []
