"""Overview: the map beside the timeline, both on the filtered exercises.

Selecting a bar focuses the map on that exercise; clicking a map feature shows
its details beside the map. The search box jumps to an exercise (focused), a
place (centred) or a phrase (its article, the sentence outlined).
"""

import streamlit as st

from dashboard.markdown import literal
from dashboard.parts import explain_empty, folium_map, page, search_box, site_details, timeline, warn_unplaced

# Map and legend above the fold at 1280x800: the map opens the left column (it carries its own
# title box), the search box heads the right one, and the map's height fits an 800 px screen.
MAP_HEIGHT = 560

current = page("Military exercises")
if not explain_empty(current):
    warn_unplaced(current)
    left, right = st.columns([3, 2], gap="medium")
    with right:  # drawn first: the map needs the search and the timeline's selection
        hit = search_box(current)
        found = hit.exercise if hit and hit.kind == "exercise" else None
        center = hit.point if hit and hit.kind == "place" else None
        st.subheader("Timeline")
        focus = timeline(current, key="overview-timeline", focus=found) or found
        if focus:
            st.caption(f"Map focused on **{literal(focus)}**; click the bar again or empty space to clear.")
        details = st.container()
    with left:
        site = folium_map(current, key="overview-map", height=MAP_HEIGHT, focus=focus, center=center)
    with details:
        st.subheader("Details")
        site_details(current, site)
