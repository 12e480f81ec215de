"""Briefing: the current filtered view as a one-page image and as data files.

Every file is rendered by ``geo`` (matplotlib, kaleido, inlined Leaflet), never
screenshotted, so no Streamlit chrome reaches a slide. Heavy files are built
only when their button is clicked (``data`` given as a callable).
"""

import streamlit as st

from dashboard.parts import explain_empty, page
from geo.core.errors import GeoError
from geo.render.briefing import briefing_png, timeline_image
from geo.render.exports import csv_text, geojson_text, map_html

SIZES = {
    "1600 × 1000 (16:10)": (1600, 1000),
    "1600 × 1200 (4:3)": (1600, 1200),
    "1200 × 900 (4:3)": (1200, 900),
}

current = page("Briefing")
dataset, filters = current.dataset, current.filters


@st.cache_data(show_spinner="Drawing the briefing…", max_entries=16)
def _briefing(key: tuple, title: str, size: tuple[int, int], map_only: bool) -> bytes:
    """PNG bytes; ``key`` stands for the view (the dataset itself is not hashed)."""
    return briefing_png(dataset, filters, title=title, size=size, map_only=map_only)


explain_empty(current)
title = st.text_input("Title", value=filters.describe())  # no key: the default follows the filters
size = SIZES[st.radio("Image size", list(SIZES), horizontal=True)]
view_key = (
    current.source,
    len(dataset.articles),
    tuple(sorted(filters.to_query_params().items())),
    tuple(e.label for e in current.exercises),
)
try:
    preview = _briefing(view_key, title, size, False)
except GeoError as exc:
    st.error(f"The briefing could not be drawn: {exc}")
    st.stop()
st.image(preview, caption="One-page briefing (map, timeline, facts per exercise)", width="stretch")

# column heading -> (button label, data or a callable that makes it, file name, MIME type)
DOWNLOADS = {
    "Images": [
        ("Briefing PNG", preview, "briefing.png", "image/png"),
        ("Map PNG", lambda: _briefing(view_key, title, size, True), "briefing-map.png", "image/png"),
    ],
    "Timeline": [
        ("Timeline PNG", lambda: timeline_image(dataset, filters, "png"), "timeline.png", "image/png"),
        ("Timeline SVG", lambda: timeline_image(dataset, filters, "svg"), "timeline.svg", "image/svg+xml"),
    ],
    "Data": [
        (
            "HTML map (opens offline)",
            lambda: map_html(dataset, filters, title=title),
            "map.html",
            "text/html",
        ),
        ("GeoJSON", lambda: geojson_text(dataset, filters), "events.geojson", "application/geo+json"),
        ("CSV", lambda: csv_text(dataset, filters), "events.csv", "text/csv"),
    ],
}
for column, (heading, buttons) in zip(st.columns(len(DOWNLOADS)), DOWNLOADS.items()):
    with column:
        st.subheader(heading)
        for label, data, file_name, mime in buttons:
            # "ignore": a download needs no rerun (the preview would be drawn again)
            st.download_button(label, data, file_name=file_name, mime=mime, on_click="ignore")
st.caption(
    "Distances to the NATO border are measured on Natural Earth 1:10m boundaries, against the "
    "alliance as it stood on each exercise's start date, and given only within 1,500 km of it."
)
