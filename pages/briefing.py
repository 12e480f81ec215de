"""Briefing: the current filtered view as a one-page image and as data files.

Every file is rendered by ``geo`` (matplotlib, kaleido, inlined Leaflet), never
screenshotted, so no Streamlit chrome reaches a slide. Heavy files are built
only when their button is clicked (``data`` given as a callable).
"""

import streamlit as st

from geo.briefing import briefing_png, timeline_image
from geo.errors import GeoError
from geo.exports import csv_text, geojson_text, map_html
from pages.parts import explain_empty, view

SIZES = {"1600 × 1000 (16:10)": (1600, 1000), "1600 × 1200 (4:3)": (1600, 1200), "1200 × 900 (4:3)": (1200, 900)}

current = view()
dataset, filters = current.dataset, current.filters


@st.cache_data(show_spinner="Drawing the briefing…", max_entries=16)
def _briefing(key: tuple, title: str, size: tuple[int, int], map_only: bool) -> bytes:
    """PNG bytes; ``key`` stands for the view (the dataset itself is not hashed)."""
    return briefing_png(dataset, filters, title=title, size=size, map_only=map_only)


st.title("Briefing")
explain_empty(current)
# No widget key: when the filters change, the default title follows them.
title = st.text_input("Title", value=filters.describe())
size = SIZES[st.radio("Image size", list(SIZES), horizontal=True)]
view_key = (current.source, len(dataset.articles), tuple(sorted(filters.to_query_params().items())),
            tuple(e.label for e in current.exercises))

try:
    preview = _briefing(view_key, title, size, False)
except GeoError as exc:
    st.error(f"The briefing could not be drawn: {exc}")
    st.stop()

st.image(preview, caption="One-page briefing (map, timeline, facts per exercise)", width="stretch")

stem = "briefing"
left, middle, right = st.columns(3)
with left:
    st.subheader("Images")
    st.download_button("Briefing PNG", preview, file_name=f"{stem}.png", mime="image/png", icon="🖼️")
    st.download_button("Map PNG", lambda: _briefing(view_key, title, size, True), file_name=f"{stem}-map.png",
                       mime="image/png", icon="🗺️")
with middle:
    st.subheader("Timeline")
    st.download_button("Timeline PNG", lambda: timeline_image(dataset, filters, "png"),
                       file_name=f"{stem}-timeline.png", mime="image/png", icon="📅")
    st.download_button("Timeline SVG", lambda: timeline_image(dataset, filters, "svg"),
                       file_name=f"{stem}-timeline.svg", mime="image/svg+xml", icon="📐")
with right:
    st.subheader("Data")
    st.download_button("HTML map (opens offline)", lambda: map_html(dataset, filters, title=title),
                       file_name=f"{stem}-map.html", mime="text/html", icon="🌐")
    st.download_button("GeoJSON", lambda: geojson_text(dataset, filters), file_name=f"{stem}.geojson",
                       mime="application/geo+json", icon="📍")
    st.download_button("CSV", lambda: csv_text(dataset, filters), file_name=f"{stem}.csv", mime="text/csv",
                       icon="📄")
st.caption("Distances to the NATO border are measured on Natural Earth 1:10m boundaries, against the "
           "alliance as it stood on each exercise's start date.")
