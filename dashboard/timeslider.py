"""The Map page's time slider: drag or play through the days; the map shows what was under way.

The map, the Play button and the slider are one fragment: while playing it reruns
alone every ``PLAY_SECONDS`` and moves the day on to the next one on which an
exercise starts or ends (``geo.render.days.next_change``). Pressing Play or Pause
reruns the whole page once, which turns the fragment's timer on or off.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import streamlit as st

from dashboard.markdown import literal
from dashboard.parts import folium_map, site_details
from geo.core.errors import GeoError
from geo.desk.appdata import View
from geo.render.briefing import briefing_png
from geo.render.days import day_filters, day_range, next_change, under_way

PLAY_SECONDS = 1.5
DAY_KEY = "map_day"
PLAYING_KEY = "map_playing"


def _toggle() -> None:
    st.session_state[PLAYING_KEY] = not st.session_state.get(PLAYING_KEY, False)


def day_view(current: View, day: date) -> View:
    """The view narrowed to the exercises under way on ``day``."""
    return replace(current, filters=day_filters(current.filters, day),
                   exercises=tuple(under_way(current.exercises, day)))


def map_through_time(current: View, *, key: str, height: int) -> None:
    """Slider (and Play) over the view's days, the map of the chosen day, its details and its PNG."""
    span = day_range(current.exercises)
    if span is None or span[0] == span[1]:  # nothing to move through
        site = folium_map(current, key=key, height=height)
        st.subheader("Details")
        site_details(current, site)
        return
    first, last = span
    playing = st.session_state.get(PLAYING_KEY, False)

    @st.fragment(run_every=PLAY_SECONDS if playing else None)
    def frame() -> None:
        if st.session_state.get(PLAYING_KEY, False) != playing:  # Play or Pause pressed: the timer
            st.rerun(scope="app")                                 # is set on a run of the whole page
        day = st.session_state.get(DAY_KEY)
        if not isinstance(day, date) or not first <= day <= last:
            day = st.session_state[DAY_KEY] = first
        elif playing:
            following = next_change(current.exercises, day)
            if following is None:  # the end: stop the timer
                st.session_state[PLAYING_KEY] = False
                st.rerun(scope="app")
            st.session_state[DAY_KEY] = day = following
        # The map first, its controls under it (as in kepler.gl): map and legend above the fold.
        map_slot = st.container()
        play, slider = st.columns([1, 4], vertical_alignment="bottom")
        play.button("⏸ Pause" if playing else "▶ Play", key="map_play", on_click=_toggle,
                    help="Play through the days on which an exercise starts or ends.")
        slider.slider("Day", min_value=first, max_value=last, key=DAY_KEY, format="YYYY-MM-DD",
                      help="The map shows the exercises under way on this day (from their start to their end).")
        shown = day_view(current, day)
        names = ", ".join(literal(e.label) for e in shown.exercises)
        st.caption(f"Under way on {day:%d %b %Y}: {names or 'no exercise'}")
        with map_slot:
            site = folium_map(shown, key=key, height=height, fit=current.exercises,
                              title=f"{current.filters.describe()}: under way on {day:%d %b %Y}")
        st.download_button(
            "Map of this day (PNG)",
            lambda: _day_png(current, day),
            file_name=f"map-{day.isoformat()}.png",
            mime="image/png",
            on_click="ignore",
        )
        st.subheader("Details")
        site_details(shown, site)

    frame()


def _day_png(current: View, day: date) -> bytes:
    """The briefing's map renderer on that day's filters."""
    filters = day_filters(current.filters, day)
    try:
        return briefing_png(current.dataset, filters, map_only=True,
                            title=f"{current.filters.describe()}: under way on {day:%d %b %Y}")
    except GeoError as exc:
        st.error(f"The map image could not be drawn: {exc}")
        return b""
