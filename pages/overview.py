"""Overview: the map beside the timeline, both on the filtered exercises.

Selecting a bar focuses the map on that exercise; clicking a map feature shows
its details beside the map.
"""

import streamlit as st

from dashboard.parts import explain_empty, folium_map, page, site_details, timeline, warn_unplaced

current = page("Military exercises")
if not explain_empty(current):
    warn_unplaced(current)
    left, right = st.columns([3, 2], gap="medium")
    with right:  # drawn first: the map needs the timeline's selection
        st.subheader("Timeline")
        focus = timeline(current, key="overview-timeline")
        if focus:
            st.caption(f"Map focused on **{focus}**; click the bar again or empty space to clear.")
        details = st.container()
    with left:
        st.subheader("Map")
        site = folium_map(current, key="overview-map", height=560, focus=focus)
    with details:
        st.subheader("Details")
        site_details(current, site)
