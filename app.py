"""The dashboard: ``streamlit run app.py``.

app.py builds the frame (data, sidebar filters mirrored in the URL; see
``pages/frame.py``) and the navigation over the pages. Every page reads one
``geo.appdata.View`` through ``pages.frame.page(title)``: the dataset, the
``Filters``, the palette and the filtered exercises.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from pages.frame import frame

HERE = Path(__file__).parent

frame()
pages = [
    st.Page(HERE / "pages/overview.py", title="Overview", default=True),
    st.Page(HERE / "pages/map.py", title="Map"),
    st.Page(HERE / "pages/timeline.py", title="Timeline"),
    st.Page(HERE / "pages/articles.py", title="Articles"),
    st.Page(HERE / "pages/places.py", title="Places"),
    st.Page(HERE / "pages/briefing.py", title="Briefing"),
]
# No page icons: the current page's icon becomes the favicon, and a material icon
# favicon is fetched from fonts.gstatic.com (a request that leaves the machine).
st.navigation(pages).run()
