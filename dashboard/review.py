"""The review page's Streamlit pieces: the analyst's name, one queue item with its quick actions.

Actions run as button callbacks whose arguments were bound when the item was
drawn, so an edit carries the value its analyst saw; a conflict (someone changed
it meanwhile) shows the current value and the refreshed item asks again.
"""

from __future__ import annotations

import html

import streamlit as st

from geo.core.errors import GeoError
from geo.core.model import Dataset
from geo.desk.appdata import highlighted_html
from geo.desk.review import ROLE_WORDS, describe_edit, save_edit
from geo.review import EditConflict, EditError
from geo.review.queue import (
    QueueItem,
    add_site_edit,
    fields_edit,
    merge_edit,
    move_edit,
    place_label,
    role_edit,
    search_places,
)

AUTHOR = "review_author"
FLASH = "review_flash"
MARK = "#ffe08a"


def analyst_name() -> str:
    """The analyst's name, asked once per browser session."""
    if st.session_state.get(AUTHOR):
        return st.session_state[AUTHOR]

    def keep() -> None:
        st.session_state[AUTHOR] = st.session_state.get("review_name", "").strip()

    st.text_input("Your name, kept with every edit you make", key="review_name", on_change=keep)
    st.button("Start reviewing", key="review_start", on_click=keep)
    return ""


def _save(make) -> None:
    """Button callback: build and store one edit; the outcome is said on the next run."""
    try:
        saved = save_edit(make())
    except EditConflict as exc:
        st.session_state[FLASH] = ("warning", f"Not saved: {exc}")
    except GeoError as exc:
        st.session_state[FLASH] = ("error", f"Not saved: {exc}")
    else:
        st.session_state[FLASH] = ("success", f"Saved {describe_edit(saved)}")


def _picked(key: str) -> str:
    index = st.session_state.get(key)
    if index is None:
        raise EditError("pick the exercise it is the same as first")
    return index


def show_flash() -> None:
    if FLASH in st.session_state:
        level, message = st.session_state.pop(FLASH)
        getattr(st, level)(message)


def show_item(dataset: Dataset, item: QueueItem, author: str, editing: bool) -> None:
    k = item.key
    with st.container(border=True, key=f"item-{k}"):
        where = ""
        if item.location is not None:
            where = f" · {item.location.place.name} ({ROLE_WORDS[item.location.role]})"
        st.html(f"<b>{html.escape(item.exercise.label + where)}</b><br><i>{html.escape(item.why)}</i>")
        excerpt = item.excerpt()
        if excerpt:
            sentence, spans = excerpt
            st.html(f'<div class="review-sentence">'
                    f'{highlighted_html(sentence, [(s, e, MARK, "the mention") for s, e in spans])}</div>')
        if not editing:
            return
        if item.location is not None:
            cols = st.columns(4)
            for col, (role, label) in zip(cols, [(item.location.role, "Correct as is"), ("drill", "Drill site"),
                                                 ("context", "Only mentioned"), ("none", "Not a place")]):
                col.button(label, key=f"{role}-{label}-{k}", on_click=_save,
                           args=(lambda role=role: role_edit(item, role, author),))
            left, right = st.columns([3, 1])
            left.text_input("Move to (lat, lon)", key=f"move-{k}", placeholder="52.10, 23.70")
            right.button("Move", key=f"move-btn-{k}", on_click=_save,
                         args=(lambda: move_edit(item, st.session_state.get(f"move-{k}", ""), author),))
            return
        query = st.text_input("Add a drill site: search the gazetteer by name", key=f"search-{k}")
        found = search_places(query) if query else []
        if found:
            st.selectbox("Place", range(len(found)), format_func=lambda i: place_label(found[i]), key=f"pick-{k}")
            st.button("Add as drill site", key=f"add-{k}", on_click=_save,
                      args=(lambda: add_site_edit(dataset, item.exercise, found[st.session_state[f"pick-{k}"]],
                                                  author),))
        elif query:
            st.caption(f"No place named “{query}” in the gazetteer.")
        others = {e.label: e for e in dataset.exercises if e.label != item.exercise.label}
        if others:
            left, right = st.columns([3, 1])
            left.selectbox("Or it is the same exercise as", sorted(others), index=None, key=f"same-{k}")
            right.button("Merge into it", key=f"merge-{k}", on_click=_save, args=(lambda: merge_edit(
                others[_picked(f"same-{k}")], item.exercise, author),))
        with st.form(f"fields-{k}"):
            st.text_input("Name", value=item.exercise.name or "", key=f"name-{k}")
            start, end = st.columns(2)
            start.date_input("Start", value=item.exercise.start, key=f"start-{k}", format="YYYY-MM-DD")
            end.date_input("End", value=item.exercise.end, key=f"end-{k}", format="YYYY-MM-DD")
            st.form_submit_button("Save name and dates", on_click=_save, args=(lambda: fields_edit(
                item.exercise, author, name=st.session_state.get(f"name-{k}"),
                start=st.session_state.get(f"start-{k}"), end=st.session_state.get(f"end-{k}")),))
