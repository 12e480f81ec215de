"""The timeline at full size, and the milestones it marks."""

import streamlit as st

from geo.timeline import milestones_in
from pages.parts import explain_empty, page, timeline

current = page("Timeline")
if not explain_empty(current):
    selected = timeline(current, key="full-timeline", label_room=120)  # the full page width
    if selected:
        match = [e for e in current.exercises if e.label == selected]
        if match:
            exercise = match[0]
            st.subheader(exercise.label)
            st.write(
                {
                    "dates": f"{exercise.start} – {exercise.end}",
                    "participants": list(exercise.participants),
                    "phases": [f"{p.name}: {p.start} – {p.end}" for p in exercise.phases],
                    "troops": [claim.text for claim in exercise.troops],
                    "articles": list(exercise.articles),
                }
            )
milestones = milestones_in(current.dataset.milestones, current.filters.date_from, current.filters.date_to)
if milestones:
    st.subheader("Context events")
    st.dataframe(
        [{"day": m.day, "event": m.label, "article": m.evidence.article} for m in milestones],
        hide_index=True,
        width="stretch",
    )
