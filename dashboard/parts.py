"""Streamlit pieces shared by several pages (not a page: app.py does not list it).

Each function renders one thing from ``geo`` builders; no logic of its own.
"""

from __future__ import annotations

import html
from datetime import date

import streamlit as st
from streamlit_folium import st_folium

from dashboard.frame import page  # noqa: F401 - re-exported for the pages
from dashboard.markdown import literal
from geo.core.errors import GeoError
from geo.desk.appdata import View, without_place
from geo.render.mapview import BASEMAP_URL, Site, article_link, build_map, site_at, site_popup, title_box_html
from geo.render.search import Hit, search
from geo.render.timeline import (
    LABEL_ROOM,
    build_timeline,
    limit_rows,
    nothing_to_draw,
    selected_exercise,
    undated,
)

RETURNED = ["last_object_clicked", "last_object_clicked_tooltip"]


def explain_empty(current: View) -> bool:
    """Say why nothing is drawn; True when there is nothing to draw."""
    if not current.dataset.exercises:
        if current.dataset.articles:
            st.info(f"The {len(current.dataset.articles)} articles in {current.source} report no "
                    "exercise that could be recognised. Add articles that name or date a drill.")
        else:
            st.info(f"No articles in {current.source}. Put news articles (.txt, .md or .html) in that "
                    "folder, or set EXERCISE_MAP_ARTICLES to another folder, then reload.")
        return True
    if not current.exercises:
        st.info(f"No exercise matches “{literal(current.filters.describe())}”. Widen the dates or clear "
                "a country or exercise filter in the sidebar.")
        return True
    return False


def warn_unplaced(current: View) -> None:
    missing = without_place(current.exercises)
    if missing:
        names = ", ".join(literal(e.label) for e in missing[:5])
        st.warning(f"{len(missing)} exercise(s) have no resolved place and are not on the map: {names}.")


def folium_map(current: View, *, key: str, height: int, focus: str | None = None,
               center: tuple[float, float] | None = None, title: str | None = None,
               fit: tuple | None = None) -> Site | None:
    """The map; returns the site the user last clicked (or None). ``center``: open on that point;
    ``title``: the title box's sentence (the filters' by default); ``fit``: exercises to frame."""
    try:
        keep = current.filters.to_query_params()  # the article link keeps the view's filters
        titles = {a.path: a.label for a in current.dataset.articles}
        title = title_box_html(title or current.filters.describe(), current.exercises, titles, date.today())
        fmap = build_map(current.exercises, current.palette, online_tiles=current.online_tiles, focus=focus,
                         link=lambda path, cite: article_link(path, cite, keep), title_html=title,
                         basemap_url=BASEMAP_URL, articles={a.path: a for a in current.dataset.articles},
                         center=center, fit=fit)
    except GeoError as exc:
        st.error(f"The map could not be drawn: {exc}")
        return None
    state = st_folium(fmap, key=key, height=height, returned_objects=RETURNED, use_container_width=True)
    state = state or {}
    return site_at(current.exercises, state.get("last_object_clicked"), state.get("last_object_clicked_tooltip"))


def site_details(current: View, site: Site | None) -> None:
    if site is None:
        st.caption("Click a marker, border or area on the map to see its details here.")
        return
    articles = {a.path: a for a in current.dataset.articles}
    keep = current.filters.to_query_params()
    popup = site_popup(site, lambda path, cite: article_link(path, cite, keep), articles)
    st.html(f'<div class="site-details">{popup}</div>')


def timeline(current: View, *, key: str, focus: str | None = None, label_room: int = LABEL_ROOM) -> str | None:
    """The timeline; returns the exercise label of the selected bar (or None)."""
    shown, hidden = limit_rows(current.exercises)
    if hidden:
        st.info(f"The timeline shows the {len(shown)} latest of {len(shown) + hidden} exercises; "
                "narrow the filters to see the others.")
    milestones = current.filters.apply_milestones(current.dataset.milestones, current.exercises)
    empty = nothing_to_draw(shown, milestones)
    if empty:
        st.info(empty)
        return None
    figure = build_timeline(shown, milestones, current.palette, focus=focus, label_room=label_room)
    event = st.plotly_chart(figure, key=key, on_select="rerun", selection_mode=("points",),
                            width="stretch", config={"displaylogo": False})
    for exercise in undated(current.exercises)[:5]:
        st.info(f"“{literal(exercise.label)}” has no reported dates, so it is not on the timeline.")
    return selected_exercise(event)


def search_box(current: View) -> Hit | None:
    """An exercise, place or phrase: the chosen hit (the map jumps to it) and a link to its sentence."""
    query = st.text_input("Search", key="search", placeholder="an exercise, a place or a phrase",
                          help="Exercises and places in this view, and phrases in the articles.")
    if not query.strip():
        return None
    hits = search(current.exercises, current.dataset.articles, query)
    if not hits:
        st.caption("Nothing in this view matches that search.")
        return None
    hit = st.selectbox("Jump to", hits, format_func=lambda h: f"{h.kind}: {h.text}", key="search_hit")
    if hit.article:
        keep = current.filters.to_query_params()
        url = article_link(hit.article, hit.cite, keep)
        st.html(f'<a class="search-article" href="{html.escape(url)}" target="_blank" rel="noopener">'
                "Open the article at this sentence ↗</a>")
    return hit
