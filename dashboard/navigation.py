"""The pages app.py registers, in menu order: the one list both app.py and a page opened alone use."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES_DIR = Path(__file__).resolve().parent.parent / "pages"
# (file in pages/, title in the menu); the first is the default page.
PAGES = (
    ("overview.py", "Overview"),
    ("map.py", "Map"),
    ("timeline.py", "Timeline"),
    ("articles.py", "Articles"),
    ("places.py", "Places"),
    ("review.py", "Review"),
    ("briefing.py", "Briefing"),
    ("add.py", "Add articles"),
)


def app_pages() -> list[st.Page]:
    # No page icons: the current page's icon becomes the favicon, and a material icon
    # favicon is fetched from fonts.gstatic.com (a request that leaves the machine).
    return [
        st.Page(PAGES_DIR / name, title=title, default=index == 0)
        for index, (name, title) in enumerate(PAGES)
    ]
