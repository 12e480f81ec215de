"""Every resolved place: what it is, where we learnt it, how sure, which exercises use it."""

import streamlit as st

from dashboard.frame import page
from geo.desk.appdata import place_rows

current = page("Places")
rows = place_rows(current.dataset, current.exercises)
if not rows:
    st.info(f"No place has been resolved in {current.source} yet. Add articles that name places.")
    st.stop()
used = sum(1 for row in rows if row.exercises)
st.caption(f"{len(rows)} places, {used} used by the exercises that match the filters (column “exercises”).")
st.dataframe(
    [row.__dict__ for row in rows],
    hide_index=True,
    width="stretch",
    column_config={
        # "auto": green above one half, red below, in line with the Articles page's highlights
        "confidence": st.column_config.ProgressColumn("confidence", min_value=0.0, max_value=1.0, color="auto"),
    },
)
