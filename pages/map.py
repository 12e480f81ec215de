"""The map at full size, with the details of the clicked feature below it."""

import streamlit as st

from dashboard.parts import explain_empty, folium_map, page, site_details, warn_unplaced

current = page("Map")
if not explain_empty(current):
    warn_unplaced(current)
    site = folium_map(current, key="full-map", height=760)
    st.subheader("Details")
    site_details(current, site)
