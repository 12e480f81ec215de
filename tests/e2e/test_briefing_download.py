"""The Briefing page in a real browser: click the exports, check the downloaded files."""

import io
import json

import pytest
from conftest import ARTIFACTS, external_requests, open_dashboard, wait_until_idle
from PIL import Image

pytestmark = pytest.mark.e2e

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _download(page, label: str, timeout_ms: int = 90_000) -> bytes:
    with page.expect_download(timeout=timeout_ms) as info:
        page.get_by_role("button", name=label).click()
    path = info.value.path()
    wait_until_idle(page)  # the next click must not land on a page in mid-run
    return path.read_bytes()


def open_briefing(page, url: str) -> None:
    """Through the navigation, as a user does (a cold deep link runs the page without app.py)."""
    open_dashboard(page, url)
    page.get_by_role("link", name="Briefing").click()
    wait_until_idle(page)
    page.get_by_role("heading", name="Briefing").wait_for(timeout=60_000)
    page.locator('[data-testid="stImage"] img').first.wait_for(timeout=60_000)


def test_briefing_png_and_geojson_download(page, dashboard_url):
    open_briefing(page, dashboard_url)
    # The page shell (sidebar icons) is the dashboard's test; here: the exports fetch nothing outside.
    shell_requests = len(page.requests)

    briefing = _download(page, "Briefing PNG")
    assert briefing[:8] == PNG_SIGNATURE
    image = Image.open(io.BytesIO(briefing))
    assert image.size == (1600, 1000)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "briefing-download.png").write_bytes(briefing)

    map_png = _download(page, "Map PNG")  # built only on click (deferred callable)
    assert map_png[:8] == PNG_SIGNATURE
    assert Image.open(io.BytesIO(map_png)).size == (1600, 1000)

    collection = json.loads(_download(page, "GeoJSON"))
    names = {feature["properties"]["event"] for feature in collection["features"]}
    assert names  # the seed articles yield mapped exercises
    assert all("nato_border_km" in feature["properties"] for feature in collection["features"])
    page.requests[:shell_requests] = []
    assert external_requests(page) == []


def test_size_choice_reaches_the_map_png(page, dashboard_url):
    open_briefing(page, dashboard_url)
    page.get_by_text("1200 × 900 (4:3)").click()
    # The rerun is over when the preview is the new size.
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stImage\"] img')].some(i => i.naturalWidth === 1200)",
        timeout=60_000,
    )
    wait_until_idle(page)
    data = _download(page, "Map PNG")
    assert Image.open(io.BytesIO(data)).size == (1200, 900)
