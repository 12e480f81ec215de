"""Article text in Streamlit Markdown is shown as typed (dashboard.markdown.literal)."""

import pytest

from dashboard.markdown import literal


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Iron Lantern 2031", "Iron Lantern 2031"),
        ("costs $5 and $6", "costs \\$5 and \\$6"),  # not LaTeX
        ("[click](javascript:alert(1))", "\\[click\\]\\(javascript:alert\\(1\\)\\)"),  # not a link
        ("**bold** _it_ <b>x</b>", "\\*\\*bold\\*\\* \\_it\\_ \\<b\\>x\\</b\\>"),
        ("# heading", "\\# heading"),
        ("Unnamed exercise (BLR, 2031-03-02)", "Unnamed exercise \\(BLR, 2031\\-03\\-02\\)"),
    ],
)
def test_markdown_marks_are_escaped(text, shown):
    assert literal(text) == shown
