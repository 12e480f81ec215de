"""The articles a view rests on, cited in full: title, outlet, date, URL, and a flag when the
outlet is state-affiliated (``geo/data/state_media.json``, a small curated table with its sources).

An article's ``source`` header is an outlet's name ("Reuters") or a URL; a URL names its
outlet by its domain.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit

from geo.core.countries import country_name
from geo.core.model import Article
from geo.core.paths import DATA_DIR

STATE_MEDIA = DATA_DIR / "state_media.json"


@dataclass(frozen=True)
class SourceEntry:
    title: str
    outlet: str | None
    published: date | None
    url: str | None
    state: str | None  # "state-affiliated (Russia)", or None

    @property
    def line(self) -> str:
        parts = [f"“{self.title}”", self.outlet or "outlet not recorded",
                 f"{self.published:%d %b %Y}" if self.published else "date not recorded",
                 self.url or "no URL recorded"]
        flag = f"  [{self.state.upper()}]" if self.state else ""
        return ", ".join(parts) + flag


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, dict], dict[str, dict]]:
    """(by lower-case name, by domain) over the curated outlets."""
    data = json.loads(STATE_MEDIA.read_text("utf-8"))
    names: dict[str, dict] = {}
    domains: dict[str, dict] = {}
    for outlet in data["outlets"]:
        for name in outlet["names"]:
            names[name.casefold()] = outlet
        for domain in outlet["domains"]:
            domains[domain] = outlet
    return names, domains


def _domain(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def state_affiliation(source: str | None) -> str | None:
    """"state-affiliated (Russia)" when ``source`` (an outlet's name or a URL) is in the table."""
    if not source:
        return None
    names, domains = _table()
    outlet = names.get(source.strip().casefold())
    if outlet is None and "://" in source:
        host = _domain(source)
        outlet = next((o for d, o in domains.items() if host == d or host.endswith("." + d)), None)
    if outlet is None:
        return None
    note = f", {outlet['note']}" if outlet.get("note") else ""
    return f"state-affiliated ({country_name(outlet['country'])}{note})"


def source_entry(article: Article) -> SourceEntry:
    source = (article.source or "").strip() or None
    url = source if source and "://" in source else None
    outlet = _domain(url) if url else source
    return SourceEntry(article.label, outlet, article.published, url, state_affiliation(source))


def source_entries(paths: Iterable[str], articles: Iterable[Article]) -> list[SourceEntry]:
    """One entry per path, in order; a path with no article is cited by its file name."""
    by_path = {a.path: a for a in articles}
    entries = []
    for path in dict.fromkeys(paths):
        article = by_path.get(path) or Article(path=path, text="")
        entries.append(source_entry(article))
    return entries
