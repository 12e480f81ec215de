"""Fixtures for browser tests: a real ``streamlit run app.py`` and headless Chromium.

Reusable by any test in tests/e2e:

- ``dashboard_url``: base URL of a Streamlit server started once per session on
  the real ``articles/`` folder (a free port, headless, stopped at the end).
- ``browser``: Debian's Chromium through Playwright (never ``playwright install``),
  one per test module.
- ``page``: a fresh page whose every request is recorded in ``page.requests``
  (a list of URLs); ``external_requests(page)`` lists those not to localhost.
- ``open_dashboard(page, url, query="")``: goes to the URL and waits until
  Streamlit has finished running the script.
- ``map_frame(page)``: the component frame holding ``.leaflet-container``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
SERVER_START_TIMEOUT = 120  # seconds; the first run builds the gazetteer index


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_health(url: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit did not answer on {url} within {timeout} s")


def start_streamlit(env_overrides: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    """Start ``streamlit run app.py`` on a free port; returns the process and its URL."""
    port = _free_port()
    env = {**os.environ, "BROWSER": "none", "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
           # a store of its own per server, never the project's data/ one
           "EXERCISE_MAP_DB": f"sqlite:///{tempfile.mkdtemp(prefix='e2e-store-')}/exercise-map.sqlite"}
    env.update(env_overrides or {})
    ARTIFACTS.mkdir(exist_ok=True)  # a fresh checkout has no test-artifacts/ yet
    log = open(ARTIFACTS / f"streamlit-{port}.log", "w")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_health(url, process, SERVER_START_TIMEOUT)
    except RuntimeError:
        process.kill()
        raise
    return process, url


@pytest.fixture(scope="session")
def dashboard_url() -> Iterator[str]:
    ARTIFACTS.mkdir(exist_ok=True)
    process, url = start_streamlit()
    yield url
    stop_streamlit(process)


def stop_streamlit(process: subprocess.Popen, timeout: float = 15) -> None:
    """Stop a server started by ``start_streamlit``: politely, then for good."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()


# Module scope, not session: a live sync Playwright keeps an asyncio loop running,
# and any later test in the session that starts its own sync_playwright() fails.
@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1500, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    context.on("request", lambda request: page.requests.append(request.url))  # type: ignore[attr-defined]
    yield page
    context.close()


def external_requests(page) -> list[str]:
    """Recorded request URLs whose host is not this machine (data: and blob: are local)."""
    outside = []
    for url in page.requests:
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob", "about", "chrome-extension"):
            continue
        if parsed.hostname not in LOCAL_HOSTS:
            outside.append(url)
    return outside


def wait_until_idle(page, timeout_ms: int = 90_000) -> None:
    """Wait until Streamlit has no script running (its status widget is gone)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && document.querySelector('[data-testid=\"stAppViewContainer\"]')",
        timeout=timeout_ms,
    )
    page.wait_for_timeout(500)  # let component iframes receive their render message


def open_dashboard(page, url: str, query: str = "", path: str = "") -> None:
    page.goto(f"{url}/{path}{'?' + query if query else ''}", wait_until="domcontentloaded")
    wait_until_idle(page)


def map_frame(page, timeout_s: float = 60):
    """The iframe whose document holds the Leaflet map (waits for it to appear)."""
    from playwright.sync_api import Error

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.query_selector(".leaflet-container"):
                    # fitBounds animates the zoom: wait until the map has settled
                    frame.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')")
                    page.wait_for_timeout(400)
                    return frame
            except Error:  # the frame detached while we looked (a rerun replaced it)
                continue
        page.wait_for_timeout(300)
    raise AssertionError("no frame with a .leaflet-container appeared")


def seed_articles_env(folder: Path) -> dict[str, str]:
    """A copy of the seed articles in ``folder`` and a store of its own: the server's settings
    (start it again with them and it finds the same store)."""
    for article in (ROOT / "articles").glob("*.txt"):
        shutil.copy(article, folder / article.name)
    store = f"sqlite:///{tempfile.mkdtemp(prefix='e2e-store-')}/exercise-map.sqlite"
    return {"EXERCISE_MAP_ARTICLES": str(folder), "EXERCISE_MAP_DB": store}


@contextmanager
def seed_articles_server(folder: Path) -> Iterator[str]:
    """A server of its own on a copy of the seed articles in ``folder`` and a store of its own."""
    process, url = start_streamlit(seed_articles_env(folder))
    try:
        yield url
    finally:
        stop_streamlit(process)
