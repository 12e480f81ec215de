"""Checks on an article handed to the store (upload, paste, CLI ``add``).

Everything is refused whole with one ``ArticleError`` line that names the fix.
The size limit and the parser are ``geo.text.articles``'s; this module adds what a
file from outside the articles folder needs: its name, its encoding (said,
not just refused) and active HTML.
"""

from __future__ import annotations

import hashlib
import re

from geo.core.errors import ArticleError
from geo.text.articles import MAX_BYTES

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SCRIPT = re.compile(rb"<script", re.IGNORECASE)


def check_file_name(name: str) -> str:
    """A plain file name, or ArticleError."""
    if not name or not name.strip():
        raise ArticleError("empty file name; give the article a name like article.txt")
    if _CONTROL.search(name):
        raise ArticleError(f"file name {name!r} contains control characters; rename it to plain text like article.txt")
    if ".." in name.replace("\\", "/").split("/") or "../" in name or "..\\" in name:
        raise ArticleError(f"file name {name!r} points outside the folder ('../'); give a plain name like article.txt")
    if "/" in name or "\\" in name:
        raise ArticleError(f"file name {name!r} contains a path separator; give a plain name like article.txt")
    if name in {".", ".."} or name.startswith("."):
        raise ArticleError(f"file name {name!r} is hidden or special; give a plain name like article.txt")
    if len(name.encode("utf-8")) > 255:
        raise ArticleError("file name longer than 255 bytes; shorten it")
    return name


def _guess_encoding(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 (it starts with a UTF-16 byte-order mark)"
    if len(raw) >= 200:  # enough text for a statistical guess (short snippets fool it)
        try:
            from charset_normalizer import from_bytes

            best = from_bytes(raw[:65536]).best()
            if best is not None and best.encoding not in {"utf_8", "ascii"}:
                return best.encoding.replace("_", "-")
        except Exception:  # the guess is a courtesy; the refusal stands without it
            pass
    try:
        raw.decode("cp1252")
        return "cp1252 (Windows Western European)"
    except UnicodeDecodeError:
        return "latin-1"


def decode_article(raw: bytes | str, label: str, *, allow_script: bool = False) -> str:
    """The text of an article given as bytes or str, or ArticleError saying why it is not one."""
    if isinstance(raw, str):
        text = raw
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_BYTES:
            raise ArticleError(f"{label}: {size / 1e6:.1f} MB is too large for an article "
                               f"(limit {MAX_BYTES / 1e6:.0f} MB); split it")
        if "\x00" in text:
            raise ArticleError(f"{label}: binary content (NUL characters), not text; paste the article text")
        data = text.encode("utf-8", "surrogatepass")
    else:
        data = bytes(raw)
        if len(data) > MAX_BYTES:
            raise ArticleError(f"{label}: {len(data) / 1e6:.1f} MB is too large for an article "
                               f"(limit {MAX_BYTES / 1e6:.0f} MB); split it")
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise ArticleError(f"{label}: not UTF-8, looks like {_guess_encoding(data)}; re-save the file as UTF-8")
        if b"\x00" in data[:8192]:
            raise ArticleError(f"{label}: binary file, not text; give a .txt, .md or .html article")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ArticleError(
                f"{label}: not UTF-8 (bad byte at offset {exc.start}), looks like {_guess_encoding(data)}; "
                "re-save the file as UTF-8"
            ) from exc
    if not text.strip():
        raise ArticleError(f"{label}: empty; add the article text")
    if not allow_script and _SCRIPT.search(data):
        raise ArticleError(f"{label}: HTML with <script> is not accepted; save the article as text or "
                           "remove the scripts")
    return text


def content_hash(raw: bytes | str) -> str:
    """SHA-256 of the article's bytes (a str is hashed as UTF-8; a BOM is not part of the text)."""
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else bytes(raw)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return hashlib.sha256(data).hexdigest()
