"""The places of the exercises in view: what each is, where we learnt it, how sure, which
exercises use it. Least sure first, so a wrong place is seen before it reaches a briefing."""

import pandas as pd
import streamlit as st

from dashboard.frame import page
from dashboard.markdown import literal
from geo.desk.appdata import CONFIDENT, PLAUSIBLE, confidence_colour, place_rows

current = page("Places")
search = st.text_input("Search places by name", key="places_search", placeholder="e.g. Brest")
rows = place_rows(current.dataset, current.exercises, show_context=current.filters.show_context, search=search)
if not rows:
    if search:
        st.info(f"No place in view is named like “{literal(search)}”.")
    elif current.dataset.exercises:
        st.info("No place is resolved for the exercises that match the filters.")
    else:
        st.info(f"No place has been resolved in {current.source} yet. Add articles that name places.")
    st.stop()
st.caption(
    f"{len(rows)} places, those of the exercises in view, least sure first. Confidence: green ≥ {CONFIDENT}, "
    f"amber ≥ {PLAUSIBLE}, red lower, the same as the Articles page's highlights."
)
table = pd.DataFrame([row.__dict__ for row in rows])
styled = table.style.map(lambda value: f"background-color: {confidence_colour(value)}", subset=["confidence"])
st.dataframe(styled.format({"confidence": "{:.2f}", "lat": "{:.4f}", "lon": "{:.4f}"}), hide_index=True,
             width="stretch")
