"""Stage 1: read article files into ``Article`` values.

Formats: the seed format (``Title:``/``Source:``/``Published:`` header lines,
a blank line, then the body), plain text, Markdown (a leading ``# heading`` is
the title) and HTML (main text via trafilatura). The body is kept exactly as
written, because every offset downstream indexes into it.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from geo.core.errors import ArticleError
from geo.core.model import Article

MAX_BYTES = 5_000_000  # a news article is ~10 kB; anything this large is not one
ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ""}

_HEADER = re.compile(r"^(Title|Source|Published|Date|URL):[ \t]*(.*)$", re.IGNORECASE)
_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<article)", re.IGNORECASE)
_MD_TITLE = re.compile(r"^#\s+(.+?)\s*#*\s*$")


def read_text(path: Path) -> str:
    """Decode a file as UTF-8 text or say precisely why it is not an article."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read ({exc.strerror}); check the path") from exc
    if len(raw) > MAX_BYTES:
        raise ArticleError(
            f"{path}: {len(raw) / 1e6:.1f} MB is too large for an article "
            f"(limit {MAX_BYTES / 1e6:.0f} MB); split it or remove it"
        )
    if b"\x00" in raw[:8192]:
        raise ArticleError(f"{path}: binary file, not text; remove it from the articles folder")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"{path}: not UTF-8 (bad byte at offset {exc.start}); re-save the file as UTF-8"
        ) from exc
    if not text.strip():
        raise ArticleError(f"{path}: empty file; add the article text or remove the file")
    return text


def parse_date(value: str) -> date | None:
    match = re.search(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def parse_article(text: str, path: str = "<text>") -> Article:
    """Turn file content into an Article (header lines are optional)."""
    if _HTML_START.match(text):
        return _parse_html(text, path)
    fields: dict[str, str] = {}
    lines = text.split("\n")
    body_start = 0
    for index, line in enumerate(lines):
        match = _HEADER.match(line.rstrip("\r"))
        if match:
            fields[match[1].lower()] = match[2].strip()
            continue
        if fields and not line.strip():
            body_start = index + 1
        break
    if not fields:
        return _parse_plain(text, path)
    body = "\n".join(lines[body_start:])
    if not body.strip():
        raise ArticleError(f"{path}: header but no body; add the text after a blank line")
    published = fields.get("published") or fields.get("date")
    return Article(
        path=path,
        text=body,
        title=fields.get("title") or None,
        source=fields.get("source") or fields.get("url") or None,
        published=parse_date(published) if published else None,
    )


def _parse_plain(text: str, path: str) -> Article:
    first = text.lstrip().split("\n", 1)[0]
    md = _MD_TITLE.match(first)
    return Article(path=path, text=text, title=md[1] if md else None)


def _parse_html(html: str, path: str) -> Article:
    import trafilatura  # imported lazily: only HTML articles need it

    body = trafilatura.extract(html, include_comments=False, include_tables=False)
    if not body or not body.strip():
        raise ArticleError(f"{path}: HTML without readable main text; save the article as text")
    # Only a date the page states (its metadata): htmldate's extensive search guesses one from
    # any year in the text ("Iron Lantern 2023" -> 1 Jan 2023), and a guessed date would place
    # every "on Monday" in the article.
    meta = trafilatura.extract_metadata(html, date_config={"extensive_search": False, "original_date": True},
                                        extensive=False)
    published = parse_date(meta.date) if meta is not None and meta.date else None
    return Article(
        path=path,
        text=body,
        title=(meta.title if meta is not None else None) or None,
        source=(meta.url if meta is not None else None) or None,
        published=published,
    )


def load_article(path: str | Path) -> Article:
    path = Path(path)
    return parse_article(read_text(path), str(path))


def article_paths(folder: str | Path) -> list[Path]:
    """The article files in a folder, in a stable order (README files excluded)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ArticleError(f"{folder}: no such folder; create it and put articles in it")
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and p.suffix.lower() in ARTICLE_SUFFIXES
        and not p.name.startswith(".")
        and p.stem.upper() != "README"
    )


def load_articles(paths: list[str | Path]) -> tuple[list[Article], list[str]]:
    """Read every path; a bad file becomes one line in ``problems``, the rest go on."""
    articles: list[Article] = []
    problems: list[str] = []
    for path in paths:
        try:
            articles.append(load_article(path))
        except ArticleError as exc:
            problems.append(str(exc))
    return articles, problems
