"""Article text inside Streamlit's Markdown (captions, info boxes): shown as typed, never as markup."""

from __future__ import annotations

_MARKS = "\\`*_{}[]()#+-.!|~<>$&"


def literal(text: str) -> str:
    """``text`` with every Markdown mark escaped ($…$ would be LaTeX, [..](..) a link)."""
    return "".join("\\" + char if char in _MARKS else char for char in text)
