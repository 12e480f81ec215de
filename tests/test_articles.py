from datetime import date
from pathlib import Path

import pytest

from geo.core.errors import ArticleError
from geo.text.articles import article_paths, load_article, load_articles, parse_article

HEADED = (
    "Title: Drills near the lake\n"
    "Source: https://example.org/news/1\n"
    "Published: 2023-05-04\n"
    "\n"
    "Troops of two armies trained near the lake on Tuesday.\n"
)


@pytest.mark.parametrize(
    "text, title, published, body_start",
    [
        (HEADED, "Drills near the lake", date(2023, 5, 4), "Troops of two armies"),
        ("Title: Only a title\n\nBody text here.", "Only a title", None, "Body text here."),
        ("Published: not a date\n\nBody.", None, None, "Body."),
        ("Plain text with no header at all.", None, None, "Plain text"),
        ("# A Markdown headline\n\nSome body.", "A Markdown headline", None, "# A Markdown"),
    ],
)
def test_parse_article_reads_header_and_keeps_body(text, title, published, body_start):
    article = parse_article(text, "a.txt")
    assert article.title == title
    assert article.published == published
    assert article.text.startswith(body_start)


def test_body_is_kept_verbatim_so_offsets_hold():
    article = parse_article(HEADED, "a.txt")
    assert article.text == "Troops of two armies trained near the lake on Tuesday.\n"
    assert article.source == "https://example.org/news/1"


def test_html_article_main_text_is_extracted():
    html = (
        "<html><head><title>Exercise Blue Lake begins</title></head><body>"
        "<nav>Home | World | Sport</nav><article><h1>Exercise Blue Lake begins</h1>"
        + "".join(
            f"<p>Paragraph {i}: soldiers from two countries trained together near the river "
            "crossing as the exercise continued into its second week.</p>"
            for i in range(6)
        )
        + "</article><footer>Copyright</footer></body></html>"
    )
    article = parse_article(html, "page.html")
    assert "soldiers from two countries trained together" in article.text
    assert "<p>" not in article.text


PAGE = ("<html><head>{meta}<title>Drills near Brest</title></head><body><article><h1>Drills near Brest</h1>"
        + "<p>Troops began the Iron Lantern 2023 exercise near Brest on Monday, the ministry said, "
          "as the drills continued into their second day with live firing.</p>" * 3
        + "</article></body></html>")


@pytest.mark.parametrize(
    ("meta", "published"),
    [
        ('<meta property="article:published_time" content="2024-07-09T10:00:00Z">', date(2024, 7, 9)),
        # no stated date: none is guessed from the year in a name ("2023" is not 1 Jan 2023)
        ("", None),
    ],
)
def test_html_article_date_only_when_the_page_states_it(meta, published):
    article = parse_article(PAGE.format(meta=meta), "page.html")
    assert article.published == published
    assert article.title == "Drills near Brest"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty file"),
        (b"   \n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
        ("Caf\u00e9 in Brest".encode("latin-1"), "not UTF-8"),
        (b"Title: x\n\n   \n", "header but no body"),
    ],
)
def test_bad_files_raise_one_clear_line(tmp_path: Path, content: bytes, message: str):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError) as info:
        load_article(path)
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    assert str(path) in str(info.value)


def test_huge_file_is_refused(tmp_path: Path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * 5_000_001)
    with pytest.raises(ArticleError, match="too large"):
        load_article(path)


def test_load_articles_keeps_going_after_a_bad_file(tmp_path: Path):
    good = tmp_path / "good.txt"
    good.write_text(HEADED, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    articles, problems = load_articles([bad, good, tmp_path / "missing.txt"])
    assert [a.path for a in articles] == [str(good)]
    assert len(problems) == 2
    assert "empty file" in problems[0] and "cannot read" in problems[1]


def test_article_paths_lists_articles_not_readmes(tmp_path: Path):
    for name in ["b.txt", "a.md", "README.md", ".hidden.txt", "c.html", "data.json"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in article_paths(tmp_path)] == ["a.md", "b.txt", "c.html"]
    with pytest.raises(ArticleError, match="no such folder"):
        article_paths(tmp_path / "nope")


def test_seed_articles_load_with_their_dates():
    root = Path(__file__).resolve().parents[1] / "articles"
    articles, problems = load_articles(article_paths(root))
    assert problems == []
    published = {Path(a.path).name: a.published for a in articles}
    assert published["allied-resolve-2022.txt"] == date(2022, 2, 10)
    assert published["eagle-assault-2024.txt"] == date(2024, 7, 9)
