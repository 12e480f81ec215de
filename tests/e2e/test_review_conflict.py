"""Two analysts, two browsers, one place: the second save is refused with the current value,
nothing is overwritten (Chromium, offline, a server and store of its own)."""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS, external_requests, open_dashboard, seed_articles_server, wait_until_idle
from test_review_in_browser import ITEM, sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def desk_url(tmp_path_factory):
    with seed_articles_server(tmp_path_factory.mktemp("conflict-articles")) as url:
        yield url


def test_the_second_analyst_editing_the_same_place_sees_the_conflict(browser, desk_url):
    first = browser.new_context(viewport={"width": 1500, "height": 1000}).new_page()
    second = browser.new_context(viewport={"width": 1500, "height": 1000}).new_page()
    for page, name in ((first, "Ana"), (second, "Bo")):
        page.requests = []
        page.context.on("request", lambda request, page=page: page.requests.append(request.url))
        open_dashboard(page, desk_url, path="review")
        sign_in(page, name)
        page.locator(ITEM).filter(has_text="Ukraine (drill site)").wait_for(timeout=60_000)

    first.locator(ITEM).filter(has_text="Ukraine (drill site)").get_by_role("button", name="Only mentioned").click()
    first.get_by_text("Ana: role → only mentioned").first.wait_for(timeout=60_000)

    # Bo still sees the item as it was drawn for him and chooses otherwise
    second.locator(ITEM).filter(has_text="Ukraine (drill site)").get_by_role("button", name="Not a place").click()
    wait_until_idle(second)
    warning = second.get_by_text("Not saved: this was changed meanwhile")
    warning.first.wait_for(timeout=60_000)
    assert "it is now only mentioned" in warning.first.inner_text()  # the analyst's words, not "context"
    second.screenshot(path=str(ARTIFACTS / "review-conflict.png"), full_page=True)
    second.reload(wait_until="domcontentloaded")
    wait_until_idle(second)
    sign_in(second, "Bo")
    second.get_by_text("Edits so far (1)").wait_for(timeout=60_000)  # Ana's edit only: nothing overwritten
    assert external_requests(first) == [] and external_requests(second) == []
    first.context.close()
    second.context.close()
