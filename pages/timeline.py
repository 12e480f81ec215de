"""The timeline at full size, the facts of the selected exercise, and the milestones it marks."""

import html

import streamlit as st

from dashboard.parts import explain_empty, page, timeline
from geo.render.briefing import exercise_facts
from geo.render.rows import location_rows

current = page("Timeline")
if not explain_empty(current):
    selected = timeline(current, key="full-timeline", label_room=120)  # the full page width
    match = [e for e in current.exercises if e.label == selected]
    if match:
        st.subheader(selected)
        facts = exercise_facts(match[0], location_rows(match, current.dataset.articles),
                               {a.path: a.label for a in current.dataset.articles})
        st.html("<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in facts) + "</ul>")
    else:
        st.caption("Select a bar to see that exercise's facts here.")
milestones = current.filters.apply_milestones(current.dataset.milestones, current.exercises)
if milestones:
    st.subheader("Context events")
    st.dataframe(
        [{"day": m.day, "event": m.label, "article": m.evidence.article} for m in milestones],
        hide_index=True,
        width="stretch",
    )
