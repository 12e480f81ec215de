"""The dashboard frame, shared by app.py and the pages: data, sidebar filters, page heading.

``frame()`` runs once per script run. app.py calls it before ``st.navigation``.
A page calls ``page(title)``. When app.py did not run first (Streamlit's legacy
multipage mode: a bookmarked page URL on a fresh server, every run under
AppTest), ``view()`` reruns through app.py, or builds the frame itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from datetime import date
from pathlib import Path

import streamlit as st

from dashboard.markdown import literal
from dashboard.navigation import app_pages
from geo.core.countries import country_name
from geo.core.errors import GeoError, StoreError
from geo.core.model import Dataset
from geo.desk import appdata
from geo.desk.appdata import (
    View,
    article_folder,
    country_options,
    date_extent,
    folder_signature,
    palette_for,
    synthetic_count,
)
from geo.desk.sync import FolderSyncer, SyncState
from geo.desk.synthetic import synthetic_dataset
from geo.render.filters import Filters
from geo.render.mapview import install_basemap
from geo.render.offline import install_leaflet

HERE = Path(__file__).resolve().parent.parent
_THIS_RUN: ContextVar[View | None] = ContextVar("dashboard_view", default=None)
_NAVIGATION_DECLARED = "navigation_declared"
FILTER_KEYS = ("country", "from", "to", "exercise", "context")
MAX_PROBLEMS_SHOWN = 5

@st.cache_resource
def _static_files() -> str:
    """Leaflet and the basemap into ./static once per server (served at /app/static/)."""
    install_basemap(HERE / "static")
    return str(install_leaflet(HERE / "static"))


@st.cache_data(show_spinner="Loading the exercises from the store…")
def _dataset(folder: str, signature: tuple) -> Dataset:
    """Keyed by the folder's files (path, mtime, size) and the store's revision (articles,
    extractions and the analyst's edits): a changed file, an upload, a withdrawn file or a
    saved edit reloads."""
    return appdata.load_dataset(signature)  # looked up per call: tests replace it


# One background sync per articles folder per server. A rerun with unchanged files costs one
# stat per file; a page waits this long for a sync before serving what the store already holds.
_SYNCER = FolderSyncer()
SYNC_WAIT_SECONDS = 20.0


@st.fragment(run_every=2)
def _sync_progress(state: SyncState) -> None:
    """The sync's progress in the sidebar; the whole app reruns when it is done."""
    if not state.running:
        st.rerun(scope="app")
    st.progress(state.done / state.total if state.total else 0.0, text=state.describe())


def _sync(folder: Path, files: tuple) -> tuple[str, ...]:
    """Sync ``articles/`` into the store when its files changed; the unreadable files' problems."""
    state = _SYNCER.ensure(folder, files, wait=SYNC_WAIT_SECONDS)
    if state.running:
        with st.sidebar:
            _sync_progress(state)
    if state.error:
        raise StoreError(state.error)
    return state.problems


@st.cache_data(show_spinner="Generating synthetic exercises…")
def _synthetic(count: int) -> Dataset:
    return synthetic_dataset(count)


def load() -> tuple[Dataset, str]:
    """The dataset and where it came from; a GeoError becomes a message and an empty dataset."""
    count = synthetic_count()
    if count:
        return _synthetic(count), f"{count} synthetic exercises"
    folder = article_folder()
    try:
        files = folder_signature(folder)
        problems = _sync(folder, files)
        dataset = _dataset(str(folder.resolve()), (files, appdata.store_revision()))
        return replace(dataset, problems=problems + dataset.problems) if problems else dataset, str(folder)
    except GeoError as exc:
        st.error(f"Could not load the articles: {exc}")
        return Dataset(), str(folder)


def sidebar_filters(dataset: Dataset) -> tuple[Filters, bool]:
    """Widgets seeded from the URL; returns the Filters they describe and the tiles toggle."""
    url = Filters.from_query_params(st.query_params.to_dict())
    extent = date_extent(dataset.exercises)
    labels = sorted({e.label for e in dataset.exercises})
    with st.sidebar:
        st.header("Filters")
        countries = st.multiselect(
            "Countries (participant or drill site)",
            options=country_options(dataset, also=url.countries),
            default=list(url.countries),
            format_func=country_name,
            key="f_countries",
        )
        default_range = (url.date_from or extent[0], url.date_to or extent[1]) if extent else ()
        picked = st.date_input("Dates", value=default_range, key="f_dates", format="YYYY-MM-DD")
        exercises = st.multiselect(
            "Exercises", options=sorted(set(labels) | set(url.exercises)), default=list(url.exercises),
            key="f_exercises",
        )
        show_context = st.checkbox("Show places only mentioned", value=url.show_context, key="f_context")
        online = st.toggle("Online map tiles (OpenStreetMap)", value=False, key="f_tiles",
                           help="Off: Natural Earth countries only; nothing leaves this machine.")
    date_from, date_to = _date_bounds(picked, extent)
    filters = Filters(tuple(sorted(countries)), date_from, date_to, tuple(exercises), show_context)
    return filters, online


def _date_bounds(picked: object, extent: tuple[date, date] | None) -> tuple[date | None, date | None]:
    """The widget's range as filter bounds; the dataset's own extent means 'no bound'."""
    days = list(picked) if isinstance(picked, (list, tuple)) else [picked] if picked else []
    if not days or extent is None:
        return None, None
    start = days[0] if days[0] != extent[0] else None
    end = days[1] if len(days) > 1 and days[1] != extent[1] else None
    return start, end


def mirror_in_url(filters: Filters) -> None:
    """Write the filters into the query parameters, leaving page parameters (``article``) alone."""
    wanted = filters.to_query_params()
    for key in FILTER_KEYS:
        if key in wanted and st.query_params.get(key) != wanted[key]:
            st.query_params[key] = wanted[key]
        elif key not in wanted and key in st.query_params:
            del st.query_params[key]


def show_problems(problems: tuple[str, ...]) -> None:
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        st.warning(problem, icon="⚠️")
    if len(problems) > MAX_PROBLEMS_SHOWN:
        with st.expander(f"{len(problems) - MAX_PROBLEMS_SHOWN} more files could not be read"):
            st.text("\n".join(problems[MAX_PROBLEMS_SHOWN:]))


def frame() -> View:
    """Page config, data, sidebar filters and URL mirror; returns the View."""
    # No page_icon: a material icon as favicon is fetched from fonts.gstatic.com.
    st.set_page_config(page_title="Military exercises: map and timeline",
                       layout="wide")
    _static_files()
    dataset, source = load()
    filters, online = sidebar_filters(dataset)
    mirror_in_url(filters)
    current = View(
        dataset=dataset,
        filters=filters,
        palette=palette_for(dataset),
        exercises=tuple(filters.apply(dataset.exercises)),
        online_tiles=online,
        source=source,
    )
    return current


@contextmanager
def framed(current: View) -> Iterator[None]:
    """The View of this script run, for the page app.py runs inside this block."""
    token = _THIS_RUN.set(current)
    try:
        yield
    finally:
        _THIS_RUN.reset(token)


def view() -> View:
    """The View of this run: app.py's, or, when Streamlit ran the page without app.py, the page's own.

    A page URL opened first on a fresh server runs the page alone, under the
    navigation Streamlit builds from ``pages/`` (its legacy multipage mode,
    which only a call of ``st.navigation`` ends). The page then declares the
    app's navigation and reruns once: the rerun goes through app.py, which
    serves the same page (both modes key pages by URL path).
    """
    current = _THIS_RUN.get()
    if current is not None:
        return current
    if not st.session_state.get(_NAVIGATION_DECLARED):
        st.session_state[_NAVIGATION_DECLARED] = True
        st.navigation(app_pages())
        st.rerun()
    return frame()


# Streamlit's default top padding (6rem) leaves ~110 px above every title: a 1280x800 screen then
# shows the map's top half only. Public API only: a style-only st.html takes no room on the page.
COMPACT_TOP = (
    "<style>"
    '[data-testid="stMainBlockContainer"], .block-container {padding-top: 2.25rem; padding-bottom: 1rem;}'
    "</style>"
)


def page(title: str) -> View:
    """The View of this run under the page's title, the filters' sentence and unreadable files."""
    current = view()
    st.html(COMPACT_TOP)
    st.title(title)
    shown, total = len(current.exercises), len(current.dataset.exercises)
    st.caption(f"{literal(current.filters.describe())} · {shown} of {total} exercises · source: {literal(current.source)}")
    show_problems(current.dataset.problems)
    return current
