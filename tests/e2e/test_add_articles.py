"""Articles added in the browser, offline, on a server of their own with an empty folder and store:
an uploaded article's drill appears on the map and the timeline; a binary file gets one line."""

from __future__ import annotations

import pytest
from conftest import (
    ARTIFACTS,
    external_requests,
    map_frame,
    open_dashboard,
    start_streamlit,
    stop_streamlit,
    wait_until_idle,
)
from test_dashboard import drawn_sites, timeline_rows

pytestmark = pytest.mark.e2e

HARBOUR = (
    "Title: Harbour Shield begins\nSource: https://news.example/harbour-shield\nPublished: 2031-06-02\n\n"
    "Estonian and Finnish troops began the Harbour Shield 2031 exercise near Tartu in Estonia on "
    "2 June 2031. The drills end on 12 June 2031, the organisers said.\n"
)
TARTU = (58.38, 26.73)


@pytest.fixture(scope="module")
def empty_desk_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("no-articles")
    process, url = start_streamlit({"EXERCISE_MAP_ARTICLES": str(folder)})
    yield url
    stop_streamlit(process)


def upload(page, name: str, data: bytes) -> None:
    page.set_input_files('[data-testid="stFileUploaderDropzoneInput"]',
                         files=[{"name": name, "mimeType": "text/plain", "buffer": data}])
    wait_until_idle(page)


def test_uploaded_article_appears_on_the_map_and_timeline(page, empty_desk_url):
    open_dashboard(page, empty_desk_url, path="add")
    upload(page, "harbour.txt", HARBOUR.encode())
    page.get_by_text("harbour.txt: 1 exercise(s) found").wait_for(timeout=60_000)
    page.get_by_role("button", name="Store harbour.txt").click()
    page.get_by_text("harbour.txt stored: 1 exercise(s): Harbour Shield 2031.").wait_for(timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "add-article-stored.png"), full_page=True)
    open_dashboard(page, empty_desk_url)  # Overview, no restart
    frame = map_frame(page)
    sites = drawn_sites(frame)
    assert any(abs(s["lat"] - TARTU[0]) < 0.05 and abs(s["lng"] - TARTU[1]) < 0.05 for s in sites), sites
    assert "Harbour Shield 2031" in " ".join(timeline_rows(page))
    page.screenshot(path=str(ARTIFACTS / "add-article-on-map.png"), full_page=True)
    assert external_requests(page) == []


def test_binary_upload_is_refused_in_one_line(page, empty_desk_url):
    open_dashboard(page, empty_desk_url, path="add")
    upload(page, "blob.txt", bytes(range(256)) * 8)
    alert = page.get_by_text("blob.txt: not added.")
    alert.wait_for(timeout=60_000)
    assert "\n" not in alert.inner_text().strip()
    assert page.get_by_role("button", name="Store blob.txt").count() == 0
    assert external_requests(page) == []
