"""Each article's text with the recognised places highlighted, and what they resolved to."""

import streamlit as st

from dashboard.frame import page
from geo.desk.appdata import highlighted_html, parse_cite, toponym_rows, toponym_spans

current = page("Articles")
articles = current.dataset.articles
if not articles:
    st.info(f"No articles in {current.source}. Put news articles (.txt, .md or .html) there and reload.")
    st.stop()

paths = [a.path for a in articles]
in_view = {path for e in current.exercises for path in e.articles}
wanted = st.query_params.get("article")
index = paths.index(wanted) if wanted in paths else 0
chosen = st.selectbox(
    "Article",
    options=paths,
    index=index,
    format_func=lambda p: ("● " if p in in_view else "○ ") + next(a.label for a in articles if a.path == p),
    help="● reports an exercise that matches the filters",
)
article = next(a for a in articles if a.path == chosen)
toponyms = current.dataset.toponyms.get(chosen, ())
# The sentence a map popup cited, outlined; another article chosen here cites nothing.
cited = parse_cite(st.query_params.get("cite"), len(article.text)) if chosen == wanted else None
if st.query_params.get("article") != chosen:
    st.query_params["article"] = chosen
    st.query_params.pop("cite", None)

meta = [article.source or "source not given", str(article.published or "date not given"), article.path]
st.caption(" · ".join(meta))
text_col, table_col = st.columns([3, 2], gap="medium")
with text_col:
    st.markdown(
        "Places are highlighted by confidence: green ≥ 0.8, amber ≥ 0.5, red lower, grey unresolved. "
        "Hover a place to see what it resolved to."
        + (" The sentence the map cited is outlined in yellow." if cited else "")
    )
    body = highlighted_html(article.text, toponym_spans(toponyms), cited)
    st.html(f'<div class="article-text" style="line-height:1.6">{body}</div>')
with table_col:
    st.subheader(f"{len(toponyms)} place mentions")
    if toponyms:
        st.dataframe(toponym_rows(toponyms), hide_index=True, width="stretch")
    else:
        st.info("No place was recognised in this article.")
