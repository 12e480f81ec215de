"""Review: the facts most worth a look, worst first, each with quick fixes kept as the analyst's edits."""

from dataclasses import replace

import streamlit as st

from dashboard.frame import page
from dashboard.review import analyst_name, reason_filter, show_flash, show_history, show_item
from geo.core.errors import GeoError
from geo.desk.appdata import read_only
from geo.desk.review import describe_edit, edit_history, undo_edit
from geo.review.queue import review_queue

SHOWN = 25

current = page("Review")
show_flash()
editing = not read_only()
author = ""
if not editing:
    st.info("Read-only (EXERCISE_MAP_READONLY=1): the queue is shown, editing is off.")
else:
    author = analyst_name()
    if not author:
        st.stop()
in_view = replace(current.dataset, exercises=tuple(e for e in current.dataset.exercises
                                                   if current.filters.matches(e)))
queue = review_queue(in_view)
items = reason_filter(queue) if queue else []
if not queue:
    st.success("Nothing left to review in this view.")
else:
    st.caption(f"{len(items)} left to review" + (f" of {len(queue)}, for the reasons picked" if items != queue
                                                  else "") + ", worst first"
               + (f"; the first {SHOWN} shown" if len(items) > SHOWN else "")
               + (f" · editing as {author}" if author else ""))
for item in items[:SHOWN]:
    show_item(current.dataset, item, author, editing, online_tiles=current.online_tiles)

history = edit_history()
show_history(in_view.exercises, history)
with st.expander(f"Edits so far ({len(history)})"):
    for edit in reversed(history[-50:]):
        st.text(describe_edit(edit))
    if editing and history and st.button("Undo the last edit", key="review_undo"):
        try:
            undone = undo_edit(author, history[-1].id)
        except GeoError as exc:
            st.warning(f"Not undone: {exc}")
        else:
            st.session_state["review_flash"] = ("success", f"Undone {describe_edit(undone)}" if undone
                                                else "Nothing to undo.")
            st.rerun()
