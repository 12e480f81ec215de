"""Fresh server time to first map: seconds from `streamlit run app.py` to a Leaflet map with markers.

    .venv/bin/python bench/bench_first_map.py [--articles articles] [--warm-runs 2]

Each run starts its own server on a free local port on the shipped articles and opens the
dashboard in headless Chromium (Debian's /usr/bin/chromium through Playwright); the clock
starts when the server process is started and stops when the map's frame holds a drill
marker. Runs:

- cold: an empty cache folder (EXERCISE_MAP_CACHE: the gazetteer index is built) and an
  empty store (EXERCISE_MAP_DB: every article is read and extracted);
- warm index: the cache folder of the cold run kept (the index is built), a new empty store;
- warm: cache and store both kept (a restart on an unchanged folder).

"next visitor": once the first map is up, a second browser context opens the dashboard on the
same server (the imports, the store and the static files are warm): what every later analyst waits.

Figures only: the issue's target is under 3 s once the gazetteer index is built.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
MARKERS = ".leaflet-interactive.drill-site, .drill-shape-icon"
TIMEOUT_S = 300


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _open_until_markers(browser, url: str, started: float) -> float:
    """Seconds from ``started`` until a new browser context shows markers on the map."""
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    page = context.new_page()
    page.goto(url, wait_until="domcontentloaded")
    while not any(_has_markers(frame) for frame in page.frames):
        if time.perf_counter() - started > TIMEOUT_S:
            raise RuntimeError("no marker on the map")
        page.wait_for_timeout(50)
    shown = time.perf_counter() - started
    context.close()
    return shown


def first_map(browser, articles: Path, cache: Path, store: Path) -> tuple[float, float, float]:
    """(seconds to a healthy server, seconds to markers on the map, seconds a second visitor
    then waits for the map in a new browser context) for one fresh server."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "BROWSER": "none", "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
           "EXERCISE_MAP_CACHE": str(cache), "EXERCISE_MAP_DB": f"sqlite:///{store / 'exercise-map.sqlite'}",
           "EXERCISE_MAP_ARTICLES": str(articles)}
    env.pop("EXERCISE_MAP_SYNTHETIC", None)
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        while not _healthy(url):
            if process.poll() is not None or time.perf_counter() - started > TIMEOUT_S:
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        healthy = time.perf_counter() - started
        shown = _open_until_markers(browser, url, started)
        again = time.perf_counter()
        next_visitor = _open_until_markers(browser, url, again)
        return healthy, shown, next_visitor
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _has_markers(frame) -> bool:
    from playwright.sync_api import Error

    try:
        return frame.query_selector(MARKERS) is not None
    except Error:  # the frame went away with a rerun
        return False


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=ROOT / "articles")
    parser.add_argument("--warm-runs", type=int, default=2)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    articles = args.articles.resolve()
    print(f"articles: {articles} ({sum(1 for p in articles.iterdir() if p.is_file())} files)")
    print(f"{'run':<12} {'server up (s)':>14} {'first map (s)':>14} {'next visitor (s)':>17}")
    with sync_playwright() as playwright, tempfile.TemporaryDirectory(prefix="bench-first-map-") as work:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        cache, store = Path(work) / "cache", Path(work) / "store-cold"
        cache.mkdir()
        store.mkdir()
        runs = [("cold", store)]
        runs += [("warm index", Path(tempfile.mkdtemp(dir=work, prefix="store-"))) for _ in range(args.warm_runs)]
        runs += [("warm", store)] * args.warm_runs
        for name, folder in runs:
            healthy, shown, next_visitor = first_map(browser, articles, cache, folder)
            print(f"{name:<12} {healthy:>14.2f} {shown:>14.2f} {next_visitor:>17.2f}", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
