"""The review queue in Chromium, offline, on a server of its own (its own articles folder and store):
a drill site marked "only mentioned" leaves the queue, and after a reload the edit is still there."""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS, external_requests, open_dashboard, seed_articles_server, wait_until_idle

pytestmark = pytest.mark.e2e

ITEM = '[class*="st-key-item-"]'


@pytest.fixture(scope="module")
def review_url(tmp_path_factory):
    with seed_articles_server(tmp_path_factory.mktemp("review-articles")) as url:
        yield url


def sign_in(page, name: str) -> None:
    box = page.get_by_label("Your name, kept with every edit you make")
    box.fill(name)
    box.press("Enter")
    wait_until_idle(page)
    page.get_by_text(f"editing as {name}").wait_for(timeout=60_000)


def test_only_mentioned_is_kept_after_a_reload(page, review_url):
    open_dashboard(page, review_url, path="review")
    sign_in(page, "E2E Analyst")
    ukraine = page.locator(ITEM).filter(has_text="Ukraine (drill site)")
    ukraine.wait_for(timeout=60_000)
    assert ukraine.count() == 1
    assert "drill site known only as a whole country" in ukraine.inner_text()
    ukraine.get_by_role("button", name="Only mentioned").click()
    page.get_by_text("E2E Analyst: role → only mentioned").first.wait_for(timeout=60_000)
    wait_until_idle(page)
    assert page.locator(ITEM).filter(has_text="Ukraine (drill site)").count() == 0
    page.screenshot(path=str(ARTIFACTS / "review-after-edit.png"), full_page=True)

    page.reload(wait_until="domcontentloaded")
    wait_until_idle(page)
    sign_in(page, "E2E Analyst")  # a new browser session asks the name again
    page.get_by_text("Edits so far (1)").wait_for(timeout=60_000)
    assert page.locator(ITEM).filter(has_text="Ukraine (drill site)").count() == 0
    assert page.get_by_text("Edits so far (1)").count() == 1
    # the exercise lost its only drill site: it now asks for one
    unnamed = page.locator(ITEM).filter(has_text="no drill site found")
    assert unnamed.count() == 1
    page.screenshot(path=str(ARTIFACTS / "review-after-reload.png"), full_page=True)
    assert external_requests(page) == []
