"""The queue item being worked on: its small map (click to move the place), the other places of its
name, the exercise's name, dates and participants, and splitting the exercise in two.

Only items the analyst opens ("Work on this item") draw a map and ask the gazetteer for candidates,
so a long queue stays fast.
"""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from geo.core.countries import all_countries, country_name
from geo.core.errors import GeoError
from geo.core.model import Dataset, Exercise
from geo.desk.appdata import sorted_by_name
from geo.desk.review import describe_edit, save_edit
from geo.render.mapview import BASEMAP_URL, MapPoint, build_point_map, clicked_point
from geo.review import EditConflict
from geo.review.queue import (
    QueueItem,
    fields_edit,
    location_label,
    move_edit,
    other_candidates,
    place_label,
    split_edit,
)

FLASH = "review_flash"
MAP_HEIGHT = 320


def save(make) -> None:
    """Button callback: build and store one edit; the outcome is said on the next run."""
    try:
        saved = save_edit(make())
    except EditConflict as exc:
        st.session_state[FLASH] = ("warning", f"Not saved: {exc}")
    except GeoError as exc:
        st.session_state[FLASH] = ("error", f"Not saved: {exc}")
    else:
        st.session_state[FLASH] = ("success", f"Saved {describe_edit(saved)}")


def show_work(dataset: Dataset, item: QueueItem, author: str, *, working: bool, online_tiles: bool) -> None:
    k = item.key
    if item.location is None and len(item.exercise.locations) < 2:
        return  # no place to draw, none to split off
    if not st.toggle("Work on this item: map, other candidates, split", value=working, key=f"work-{k}"):
        return
    if item.location is not None:
        _place_map(item, author, online_tiles)
        with st.expander("The exercise: name, dates, participants"):
            fields_form(item.exercise, k, author)
    if len(item.exercise.locations) >= 2:
        with st.expander("Split this exercise in two"):
            _split_form(dataset, item, author)


def _place_map(item: QueueItem, author: str, online_tiles: bool) -> None:
    k, location = item.key, item.location
    assert location is not None
    candidates = other_candidates(location)
    others = [loc for loc in item.exercise.drill_locations() if loc is not location]
    points = ([MapPoint(location.place, "current")] + [MapPoint(p, "candidate", place_label(p)) for p in candidates]
              + [MapPoint(o.place, "site") for o in others])
    st.caption("Red: drawn here now · orange: other places of that name · blue: the exercise's other sites. "
               "Click the map to move the place there.")
    try:
        fmap = build_point_map(points, basemap_url=BASEMAP_URL, online_tiles=online_tiles)
    except GeoError as exc:
        st.error(f"The map could not be drawn: {exc}")
        return
    state = st_folium(fmap, key=f"map-view-{k}", height=MAP_HEIGHT, returned_objects=["last_clicked"],
                      use_container_width=True) or {}
    clicked = clicked_point(state.get("last_clicked"))
    if clicked is not None:
        st.session_state[f"clicked-{k}"] = clicked  # (lon, lat); kept while other widgets rerun the page
    at = st.session_state.get(f"clicked-{k}")
    if at is not None:
        left, right = st.columns([3, 1])
        left.caption(f"Clicked {at[1]:.4f}, {at[0]:.4f} (lat, lon)")
        right.button("Move here", key=f"move-here-{k}", on_click=save,
                     args=(lambda: move_edit(item, "", author, at=(float(at[0]), float(at[1]))),))
    if candidates:
        left, right = st.columns([3, 1])
        left.selectbox("Or another place of that name", range(len(candidates)), key=f"cand-{k}",
                       format_func=lambda i: place_label(candidates[i]))
        right.button("Move to this place", key=f"cand-btn-{k}", on_click=save, args=(lambda: move_edit(
            item, "", author, place=candidates[st.session_state.get(f"cand-{k}") or 0]),))


def fields_form(exercise: Exercise, k: str, author: str) -> None:
    """Name, start and end dates, participants of the exercise, saved together."""
    codes = sorted_by_name(set(all_countries()) | set(exercise.participants))
    with st.form(f"fields-{k}"):
        st.text_input("Name", value=exercise.name or "", key=f"name-{k}")
        start, end = st.columns(2)
        start.date_input("Start", value=exercise.start, key=f"start-{k}", format="YYYY-MM-DD")
        end.date_input("End", value=exercise.end, key=f"end-{k}", format="YYYY-MM-DD")
        st.multiselect("Participants", codes, default=list(exercise.participants), key=f"participants-{k}",
                       format_func=lambda code: f"{country_name(code)} ({code})")
        st.form_submit_button("Save name, dates and participants", on_click=save, args=(lambda: fields_edit(
            exercise, author, name=st.session_state.get(f"name-{k}"), start=st.session_state.get(f"start-{k}"),
            end=st.session_state.get(f"end-{k}"), participants=st.session_state.get(f"participants-{k}")),))


def _split_form(dataset: Dataset, item: QueueItem, author: str) -> None:
    k, exercise = item.key, item.exercise
    locations = exercise.locations
    with st.form(f"split-form-{k}"):
        st.multiselect("Places that go to the new exercise", range(len(locations)), key=f"split-sites-{k}",
                       format_func=lambda i: location_label(locations[i]))
        st.text_input("Name of the new exercise", key=f"split-name-{k}")
        start, end = st.columns(2)
        start.date_input("Its start (empty: the same as now)", value=None, key=f"split-start-{k}",
                         format="YYYY-MM-DD")
        end.date_input("Its end (empty: the same as now)", value=None, key=f"split-end-{k}", format="YYYY-MM-DD")
        st.form_submit_button("Split", key=f"split-{k}", on_click=save, args=(lambda: split_edit(
            dataset, exercise, [locations[i] for i in st.session_state.get(f"split-sites-{k}") or []],
            st.session_state.get(f"split-name-{k}") or "", author, start=st.session_state.get(f"split-start-{k}"),
            end=st.session_state.get(f"split-end-{k}")),))
