"""Add articles from the browser: upload files or paste text, see what is extracted, then store it."""

from datetime import date

import streamlit as st

from dashboard.frame import page
from geo.core.errors import GeoError
from geo.desk.appdata import highlighted_html, toponym_spans
from geo.desk.intake import extraction_rows, stored_message
from geo.store import add_article, open_store, preview_article

FLASH = "add_flash"


@st.cache_data(show_spinner="Extracting…", max_entries=64)
def _preview(raw: bytes, name: str | None, title: str, url: str, published: date | None, origin: str):
    return preview_article(raw, name, title or None, url or None, published, origin)


def candidate(raw: bytes, name: str | None, origin: str, title="", url="", published=None) -> None:
    """Preview one article (or its one-line refusal) and offer to store it."""
    label = name or "Pasted article"
    try:
        found = _preview(raw, name, title, url, published, origin)
    except GeoError as exc:
        st.error(f"{label}: not added. {exc}", icon="🚫")
        return
    with st.expander(f"{label}: {len(found.exercises)} exercise(s) found", expanded=True):
        st.dataframe(extraction_rows(found.exercises), hide_index=True, width="stretch")
        st.html(f'<div class="article-preview">{highlighted_html(found.article.text, toponym_spans(found.toponyms))}</div>')
        if st.button(f"Store {label}", key=f"store-{origin}-{label}", type="primary"):
            try:
                with open_store() as store:
                    result = add_article(store, raw, name, title or None, url or None, published, origin)
            except GeoError as exc:
                st.error(f"{label}: not added. {exc}", icon="🚫")
                return
            st.session_state[FLASH] = (stored_message(label, result.exercises) if result.added
                                       else f"{label} is already in the store: {result.reason}.")
            st.rerun()  # the frame reloads the store: map and timeline show it


page("Add articles")
if FLASH in st.session_state:
    st.success(st.session_state.pop(FLASH))
upload, paste = st.tabs(["Upload files", "Paste text"])
with upload:
    files = st.file_uploader("News articles (.txt, .md or .html, up to 5 MB each)",
                             type=["txt", "md", "html", "htm"], accept_multiple_files=True)
    for file in files or []:
        candidate(file.getvalue(), file.name, "upload")
with paste:
    title = st.text_input("Title")
    url = st.text_input("Source URL")
    published = st.date_input("Published", value=None, format="YYYY-MM-DD")
    text = st.text_area("Article text", height=220)
    if text.strip():
        candidate(text.encode("utf-8"), None, "paste", title, url, published)
