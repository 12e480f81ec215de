"""The review page's Streamlit pieces: the analyst's name, the reason filter, one queue item with its
quick actions, the history table. The item being worked on (its map, candidates, split) is in
``dashboard.review_work``.

Actions run as button callbacks whose arguments were bound when the item was
drawn, so an edit carries the value its analyst saw; a conflict (someone changed
it meanwhile) shows the current value and the refreshed item asks again.
"""

from __future__ import annotations

import html

import streamlit as st

from dashboard.markdown import literal
from dashboard.review_work import FLASH, fields_form, save, show_work
from geo.core.model import Dataset, Exercise
from geo.desk.appdata import highlighted_html
from geo.desk.review import history_rows
from geo.review import ROLE_WORDS, Edit, EditError, exercise_history, exercise_key
from geo.review.queue import (
    REASON_WORDS,
    QueueItem,
    add_site_edit,
    article_places,
    cited_site_edit,
    merge_edit,
    move_edit,
    phrase_places,
    place_label,
    reason_counts,
    reason_label,
    role_edit,
    search_places,
    with_reasons,
)

AUTHOR = "review_author"
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


def _picked(key: str) -> str:
    index = st.session_state.get(key)
    if index is None:
        raise EditError("pick the exercise it is the same as first")
    return index


def show_flash() -> None:
    if FLASH in st.session_state:
        level, message = st.session_state.pop(FLASH)
        getattr(st, level)(message)


def reason_filter(items: list[QueueItem]) -> list[QueueItem]:
    """The reasons to show (none picked: all), each labelled with how many items it queues."""
    counts = reason_counts(items)
    kinds = st.multiselect("Show only items queued for", list(REASON_WORDS), key="review_reasons",
                           format_func=lambda kind: reason_label(kind, counts),
                           placeholder="every reason: pick some to narrow the queue")
    return with_reasons(items, kinds)


def show_history(exercises: tuple[Exercise, ...] | list[Exercise], edits: list[Edit]) -> None:
    """A table of one exercise's edits (who, when, what, before → after, note)."""
    labels = {e.label: e for e in exercises}
    picked = st.selectbox("History of exercise", sorted(labels), index=None, key="review_history_exercise",
                          placeholder="pick an exercise to see every edit of it")
    if picked is None:
        return
    rows = history_rows(exercise_history(edits, exercise_key(labels[picked])))
    if rows:
        st.dataframe(rows, hide_index=True, key="review_history_table", use_container_width=True)
    else:
        st.caption(f"No edit of {literal(picked)} yet: it is as the pipeline found it.")


def show_item(dataset: Dataset, item: QueueItem, author: str, editing: bool, *, working: bool = False,
              online_tiles: bool = False) -> None:
    """One queue item; ``working``: its map, candidates and split are open at first (else the analyst
    opens them: a map drawn only on demand keeps the page fast, and its first report back to the
    server cannot rerun the page under an analyst's click)."""
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
                col.button(label, key=f"{role}-{label}-{k}", on_click=save,
                           args=(lambda role=role: role_edit(item, role, author),))
            left, right = st.columns([3, 1])
            left.text_input("Move to (lat, lon)", key=f"move-{k}", placeholder="52.10, 23.70")
            right.button("Move", key=f"move-btn-{k}", on_click=save,
                         args=(lambda: move_edit(item, st.session_state.get(f"move-{k}", ""), author),))
        else:
            _add_site(dataset, item, author)
            _merge(dataset, item, author)
            fields_form(item.exercise, k, author)
        show_work(dataset, item, author, working=working, online_tiles=online_tiles)


def _add_site(dataset: Dataset, item: QueueItem, author: str) -> None:
    k, exercise = item.key, item.exercise
    named = article_places(dataset, exercise)
    if named:
        left, right = st.columns([3, 1])
        left.selectbox("Or a place the article names", range(len(named)), index=None, key=f"named-{k}",
                       format_func=lambda i: named[i].label, placeholder="places found in the article's text")
        right.button("Add as drill site", key=f"named-add-{k}", on_click=save, args=(lambda: _cite(
            dataset, exercise, named, st.session_state.get(f"named-{k}"), author),))
    phrase = st.text_input("Add a drill site from the article text: the words that name it", key=f"phrase-{k}",
                           placeholder="copy the words from the article, e.g. near the Brestsky training ground")
    if phrase:
        try:
            found = phrase_places(dataset, exercise, phrase)
        except EditError as exc:
            st.caption(literal(f"{exc}."))
        else:
            if found:
                left, right = st.columns([3, 1])
                left.selectbox("Place those words name", range(len(found)), key=f"phrase-pick-{k}",
                               format_func=lambda i: found[i].label)
                right.button("Add as drill site", key=f"phrase-add-{k}", on_click=save, args=(lambda: _cite(
                    dataset, exercise, found, st.session_state.get(f"phrase-pick-{k}"), author),))
                st.caption(f"Cited: “{literal(found[0].sentence)}”")
            else:
                st.caption(f"The gazetteer knows no place named by “{literal(phrase)}”; search it by name below, "
                           "or type the place's own name as the article writes it.")
    query = st.text_input("Add a drill site: search the gazetteer by name", key=f"search-{k}")
    found_places = search_places(query) if query else []
    if found_places:
        st.selectbox("Place", range(len(found_places)), format_func=lambda i: place_label(found_places[i]),
                     key=f"pick-{k}")
        st.button("Add as drill site", key=f"add-{k}", on_click=save,
                  args=(lambda: add_site_edit(dataset, exercise, found_places[st.session_state[f"pick-{k}"]],
                                              author),))
    elif query:
        st.caption(f"No place named “{literal(query)}” in the gazetteer.")


def _cite(dataset: Dataset, exercise: Exercise, places: list, index: int | None, author: str) -> Edit:
    if index is None:
        raise EditError("pick the place first")
    chosen = places[index]
    return cited_site_edit(dataset, exercise, chosen.place, chosen.article, (chosen.start, chosen.end), author)


def _merge(dataset: Dataset, item: QueueItem, author: str) -> None:
    k = item.key
    others = {e.label: e for e in dataset.exercises if e.label != item.exercise.label}
    if others:
        left, right = st.columns([3, 1])
        left.selectbox("Or it is the same exercise as", sorted(others), index=None, key=f"same-{k}")
        right.button("Merge into it", key=f"merge-{k}", on_click=save, args=(lambda: merge_edit(
            others[_picked(f"same-{k}")], item.exercise, author),))
