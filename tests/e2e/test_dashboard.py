"""The dashboard in headless Chromium on the real articles/: offline, map, timeline, filters.

Uses the fixtures of tests/e2e/conftest.py (a ``streamlit run app.py`` server
and Debian's Chromium). Every test asserts that no request left the machine.
"""

from __future__ import annotations

import time

import pytest
from conftest import ARTIFACTS, external_requests, map_frame, open_dashboard, wait_until_idle

pytestmark = pytest.mark.e2e
BREST = (52.1, 23.7)


def drawn_sites(frame) -> list[dict]:
    """Every drill/context CircleMarker on the Leaflet map: position, class, tooltip."""
    return frame.evaluate(
        """() => {
            const out = [];
            window.map.eachLayer(layer => {
                if (layer.getLatLng && layer.options.className) {
                    const tip = layer.getTooltip ? layer.getTooltip() : null;
                    out.push({lat: layer.getLatLng().lat, lng: layer.getLatLng().lng,
                              cls: layer.options.className, tip: tip ? tip.getContent() : ''});
                }
            });
            return out;
        }"""
    )


def border_tooltips(frame) -> list[str]:
    return frame.evaluate(
        """() => {
            const out = [];
            window.map.eachLayer(layer => {
                if (layer.options && layer.options.className === 'drill-border') {
                    out.push(layer.getTooltip().getContent());
                }
            });
            return out;
        }"""
    )


# A row label as a person reads it: Plotly draws a wrapped label as one <tspan class="line"> a line.
ROW_LABELS_JS = """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"] .ytick text'))
    .map(t => { const lines = t.querySelectorAll('tspan.line');
                return lines.length ? Array.from(lines).map(l => l.textContent).join(' ') : t.textContent; })"""


def timeline_rows(page) -> list[str]:
    """The timeline's row labels (waits for Plotly to draw them)."""
    page.wait_for_selector('[data-testid="stPlotlyChart"] .ytick text', timeout=30_000)
    return page.evaluate(ROW_LABELS_JS)


def only_eagle_on_map(page, timeout_s: float = 30) -> list[str]:
    """The map's site tooltips once the map has been redrawn with Eagle Assault only."""
    deadline = time.monotonic() + timeout_s
    tips: list[str] = []
    while time.monotonic() < deadline:
        tips = [s["tip"] for s in drawn_sites(map_frame(page))]
        if tips and all("Eagle Assault" in tip for tip in tips):
            break
        page.wait_for_timeout(300)
    return tips


def wait_for_rows(page, expected: list[str], timeout_ms: int = 30_000) -> None:
    """Wait until the timeline shows exactly these exercise rows (a rerun redraws it)."""
    page.wait_for_function(
        f"""expected => {{
            const rows = ({ROW_LABELS_JS})().filter(t => t !== 'Context events');
            return JSON.stringify(rows) === JSON.stringify(expected);
        }}""",
        arg=expected,
        timeout=timeout_ms,
    )


def test_overview_draws_map_and_timeline_offline(page, dashboard_url):
    open_dashboard(page, dashboard_url)
    frame = map_frame(page)
    height = frame.frame_element().bounding_box()["height"]
    assert height > 300, f"map frame is {height}px high"
    assert frame.locator(".leaflet-container").bounding_box()["height"] > 300

    sites = [s for s in drawn_sites(frame) if s["cls"] == "drill-site"]
    near_brest = [s for s in sites if abs(s["lat"] - BREST[0]) < 0.3 and abs(s["lng"] - BREST[1]) < 0.4]
    assert near_brest, f"no drill site near Brest among {sites}"
    assert frame.locator("path.drill-border").count() >= 1
    assert any("Poland border" in tip for tip in border_tooltips(frame))
    assert "GeoNames (CC BY 4.0), Natural Earth" in frame.locator(".leaflet-control-attribution").inner_text()
    assert frame.locator(".leaflet-control-scale").count() == 1
    assert "Eagle Assault" in frame.locator(".exercise-legend").inner_text()
    assert "All exercises" in frame.locator(".exercise-map-title").inner_text()
    # the Natural Earth countries, fetched from this server: drawn, and not clickable
    frame.wait_for_function("() => document.querySelectorAll('path:not(.leaflet-interactive)').length > 100")

    rows = timeline_rows(page)
    assert "Allied Resolve 2022" in rows and "Eagle Assault" in rows
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
    assert external_requests(page) == []


def test_date_filter_in_the_url_leaves_only_eagle_assault(page, dashboard_url):
    open_dashboard(page, dashboard_url, "from=2024-01-01&to=2024-12-31")
    frame = map_frame(page)
    tips = [s["tip"] for s in drawn_sites(frame)]
    assert tips and all("Eagle Assault" in tip for tip in tips), tips
    assert frame.locator("path.drill-border").count() == 0  # the 2022 drill's borders are gone
    assert [r for r in timeline_rows(page) if r != "Context events"] == ["Eagle Assault"]
    assert "Jan 2024 – Dec 2024" in page.locator('[data-testid="stCaptionContainer"]').first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "dashboard-2024.png"), full_page=True)
    assert external_requests(page) == []


def test_date_widget_set_to_2024_leaves_only_eagle_assault(page, dashboard_url):
    open_dashboard(page, dashboard_url)
    map_frame(page)
    # Streamlit's date range is a row of spin buttons (year, month, day) per end
    for field, text in [("year, Dates start date", "2024"), ("month, Dates start date", "01"),
                        ("day, Dates start date", "01"), ("year, Dates end date", "2024"),
                        ("month, Dates end date", "12"), ("day, Dates end date", "31")]:
        page.get_by_role("spinbutton", name=field).focus()
        for key in text:
            page.keyboard.press(key)
    # Enter takes the typed day, Escape closes the calendar that typing opened, and leaving the
    # field commits the range (each step given a moment: the widget settles between them)
    for key in ("Enter", "Escape", "Tab"):
        page.keyboard.press(key)
        page.wait_for_timeout(300)
    # the two ends reach the URL one after the other: wait for both (a missing one times out)
    page.wait_for_function("() => location.search.includes('from=2024-01-01')"
                           " && location.search.includes('to=2024-12-31')", timeout=30_000)
    wait_until_idle(page)
    wait_for_rows(page, ["Eagle Assault"])
    tips = only_eagle_on_map(page)
    assert tips and all("Eagle Assault" in tip for tip in tips), tips
    assert external_requests(page) == []


def test_exercise_widget_filters_map_timeline_and_url(page, dashboard_url):
    open_dashboard(page, dashboard_url)
    map_frame(page)
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Exercises")
    box.locator("input").click()
    page.keyboard.type("Eagle")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('exercise=Eagle')", timeout=30_000)
    wait_until_idle(page)
    wait_for_rows(page, ["Eagle Assault"])  # raises if the timeline keeps other exercises
    tips = only_eagle_on_map(page)
    assert tips and all("Eagle Assault" in tip for tip in tips), tips
    assert external_requests(page) == []


def test_clicking_a_marker_shows_its_details_beside_the_map(page, dashboard_url):
    open_dashboard(page, dashboard_url, "exercise=Eagle%20Assault")
    frame = map_frame(page)
    # a circle, or a shape once colours repeat (geo.render.palette): an SVG DivIcon
    frame.locator("path.drill-site, .drill-shape-icon").first.click(force=True)
    page.wait_for_selector(".site-details", timeout=30_000)
    # the opened popup has panned clear of the map's title box
    frame.wait_for_function("""() => {
        const popup = document.querySelector('.leaflet-popup'), title = document.querySelector('.exercise-map-title');
        return popup && popup.getBoundingClientRect().top >= title.getBoundingClientRect().bottom;
    }""", timeout=10_000)
    details = page.locator(".site-details").inner_text()
    assert "Eagle Assault" in details and "Brest" in details and "Source article" in details
    assert "NATO border: Brest:" in details and "km from Poland" in details
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-details.png"))
    assert external_requests(page) == []
    # The popup's link opens the article in a new tab, the cited sentence outlined, the filter kept.
    with page.context.expect_page(timeout=30_000) as opened:
        frame.locator(".leaflet-popup-content a").first.click()
    article = opened.value
    article.wait_for_load_state()
    wait_until_idle(article)
    cited = article.locator(".cited-sentence")
    cited.wait_for(timeout=60_000)
    assert "Brest" in cited.inner_text()
    assert "/articles?" in article.url and "exercise=Eagle" in article.url
    article.screenshot(path=str(ARTIFACTS / "article-cited.png"))
    assert external_requests(page) == []  # the context records the new tab's requests too


def test_other_pages_render_offline(page, dashboard_url):
    open_dashboard(page, dashboard_url)  # the app's first run, then navigate within the session
    for path, title in [("map", "Map"), ("timeline", "Timeline"), ("articles", "Articles"), ("places", "Places")]:
        page.get_by_role("link", name=title, exact=True).first.click()
        page.wait_for_url(f"**/{path}*")
        wait_until_idle(page)
        assert page.locator("h1").first.inner_text().startswith(title)
        assert page.locator('[data-testid="stException"]').count() == 0
        if path == "map":
            assert map_frame(page).frame_element().bounding_box()["height"] > 300
        if path == "timeline":
            assert "Eagle Assault" in timeline_rows(page)
        if path == "articles":
            page.wait_for_selector("mark[title]", timeout=30_000)
            assert page.locator("mark[title]").count() > 5
        if path == "places":
            page.wait_for_selector('[data-testid="stDataFrame"]', timeout=30_000)
            assert "places, " in page.locator("body").inner_text()
    assert external_requests(page) == []


def test_selecting_a_timeline_marker_focuses_the_map(page, dashboard_url):
    open_dashboard(page, dashboard_url)
    map_frame(page)
    index = page.evaluate(
        """() => {
            const g = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
            const trace = g.data.find(t => t.name === 'exercise');
            return Array.from(trace.y).indexOf('Eagle Assault');
        }"""
    )
    assert index >= 0
    point = page.locator('[data-testid="stPlotlyChart"] .scatterlayer .trace').first.locator(".point").nth(index)
    box = point.bounding_box()
    # plotly hit-tests on its drag layer: move there first, then press and release
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(300)
    page.mouse.down()
    page.mouse.up()
    page.wait_for_function("() => document.body.innerText.includes('Map focused on')", timeout=30_000)
    wait_until_idle(page)
    assert "Map focused on Eagle Assault" in page.locator("body").inner_text()
    fills = map_frame(page).evaluate(
        """() => {
            const out = {};
            window.map.eachLayer(l => { if (l.options.className === 'drill-site')
                out[l.getTooltip().getContent()] = l.options.fillOpacity; });
            return out;
        }"""
    )
    assert any(tip.startswith("Eagle Assault") for tip in fills), fills
    assert all(value == 0.9 for tip, value in fills.items() if tip.startswith("Eagle Assault"))
    assert all(value < 0.5 for tip, value in fills.items() if not tip.startswith("Eagle Assault"))
    assert external_requests(page) == []
