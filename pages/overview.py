"""Overview: the map beside the timeline, both on the filtered exercises.

Selecting a bar focuses the map on that exercise; clicking a map feature shows
its details beside the map. The search box jumps to an exercise (focused), a
place (centred) or a phrase (its article, the sentence outlined).
"""

import streamlit as st

from dashboard.parts import explain_empty, folium_map, page, search_box, site_details, timeline, warn_unplaced

current = page("Military exercises")
if not explain_empty(current):
    warn_unplaced(current)
    hit = search_box(current)
    found = hit.exercise if hit and hit.kind == "exercise" else None
    center = hit.point if hit and hit.kind == "place" else None
    left, right = st.columns([3, 2], gap="medium")
    with right:  # drawn first: the map needs the timeline's selection
        st.subheader("Timeline")
        focus = timeline(current, key="overview-timeline", focus=found) or found
        if focus:
            st.caption(f"Map focused on **{focus}**; click the bar again or empty space to clear.")
        details = st.container()
    with left:
        st.subheader("Map")
        site = folium_map(current, key="overview-map", height=560, focus=focus, center=center)
    with details:
        st.subheader("Details")
        site_details(current, site)
