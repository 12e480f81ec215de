"""The dashboard frame: page config, data, the shared sidebar filters, navigation.

Run with ``streamlit run app.py``. Every page reads one ``geo.appdata.View``
from ``st.session_state["view"]`` (set here on each run, before the page runs):
the dataset, the ``Filters``, the palette and the filtered exercises. The
filters live in the URL's query parameters, so a link reproduces the view.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import streamlit as st

from geo.appdata import (
    View,
    article_folder,
    country_options,
    date_extent,
    folder_signature,
    load_dataset,
    palette_for,
    synthetic_count,
)
from geo.countries import country_name
from geo.errors import GeoError
from geo.filters import Filters
from geo.model import Dataset
from geo.offline import install_leaflet

HERE = Path(__file__).parent
FILTER_KEYS = ("country", "from", "to", "exercise", "context")
MAX_PROBLEMS_SHOWN = 5

st.set_page_config(page_title="Military exercises: map and timeline", page_icon=":material/map:", layout="wide")


@st.cache_resource
def _leaflet() -> str:
    """Copy Leaflet into ./static once per server (served at /app/static/leaflet/)."""
    return str(install_leaflet(HERE / "static"))


@st.cache_data(show_spinner="Reading and geoparsing the articles…")
def _dataset(signature: tuple[tuple[str, int, int], ...]) -> Dataset:
    return load_dataset(signature)


@st.cache_data(show_spinner="Generating synthetic exercises…")
def _synthetic(count: int) -> Dataset:
    from geo.synthetic import synthetic_dataset

    return synthetic_dataset(count)


def load() -> tuple[Dataset, str]:
    """The dataset and where it came from; a GeoError becomes a message and an empty dataset."""
    count = synthetic_count()
    if count:
        return _synthetic(count), f"{count} synthetic exercises"
    folder = article_folder()
    try:
        return _dataset(folder_signature(folder)), str(folder)
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
            options=sorted(set(country_options(dataset)) | set(url.countries)),
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


_leaflet()
dataset, source = load()
filters, online = sidebar_filters(dataset)
mirror_in_url(filters)
st.session_state["view"] = View(
    dataset=dataset,
    filters=filters,
    palette=palette_for(dataset),
    exercises=tuple(filters.apply(dataset.exercises)),
    online_tiles=online,
    source=source,
)
st.session_state["filters"] = filters  # for pages that only need the filters
st.session_state["dataset"] = dataset

pages = [
    st.Page(HERE / "pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page(HERE / "pages/map.py", title="Map", icon=":material/map:"),
    st.Page(HERE / "pages/timeline.py", title="Timeline", icon=":material/timeline:"),
    st.Page(HERE / "pages/articles.py", title="Articles", icon=":material/article:"),
    st.Page(HERE / "pages/places.py", title="Places", icon=":material/place:"),
]
if (HERE / "pages/briefing.py").is_file():  # written by the exports engineer
    pages.append(st.Page(HERE / "pages/briefing.py", title="Briefing", icon=":material/print:"))
navigation = st.navigation(pages)
st.caption(f"{filters.describe()} · {len(st.session_state['view'].exercises)} of "
           f"{len(dataset.exercises)} exercises · source: {source}")
show_problems(dataset.problems)
navigation.run()
