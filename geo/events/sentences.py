"""Sentences and clauses: splitting an article, evidence for a sentence, clause bounds, headings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.core.model import Article, Evidence
from geo.events.vocabulary import CLAUSE_BREAK, SECTION_HEADING_MAX


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


_ABBREVIATIONS = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr", "mrs", "ms",
    "dr", "gen", "lt", "col", "maj", "capt", "adm", "sgt", "cmdr", "cdr", "rear", "vice", "st", "no", "co",
    "corp", "inc", "ltd", "jr", "sr", "vs", "approx", "gov", "sen", "rep", "prof", "ret", "brig", "cpl",
    "pvt", "fig", "mt", "ft", "ave", "u.s", "u.k", "u.n", "e.g", "i.e", "etc",
}
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9#])")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with their offsets; a line break ends one (scraped text, headings) unless the
    next line goes on in lower case (a sentence wrapped by the scraper)."""
    sentences: list[Sentence] = []
    paragraph = 0
    position = 0
    for line in re.split(r"\n(?=[^a-z])|\n$", text):
        line_start = position
        position += len(line) + 1
        if not line.strip():
            paragraph += 1
            continue
        cut = 0
        for match in _SENTENCE_END.finditer(line):
            before = line[:match.start()].rstrip("\"”’')]")
            word = re.search(r"([\w.]+)\.$", before)
            if word and (word.group(1).lower().rstrip(".") in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", word.group(1))):
                continue
            if word and re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?", word.group(1) + "."):
                continue  # "U.S." ends no sentence often enough to be worth the misses
            if line.count("(", cut, match.start()) > line.count(")", cut, match.start()):
                continue  # "(9 a.m. to 7 p.m. Japan time)": no sentence ends inside a parenthesis
            _add_sentence(sentences, line, line_start, cut, match.start(), paragraph)
            cut = match.end()
        _add_sentence(sentences, line, line_start, cut, len(line), paragraph)
        paragraph += 1
    return sentences


def _add_sentence(out: list[Sentence], line: str, line_start: int, a: int, b: int, paragraph: int) -> None:
    piece = line[a:b]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    start = line_start + a + lead
    out.append(Sentence(start, start + len(stripped), stripped, paragraph))


def evidence_for(article: Article, sentence: Sentence) -> Evidence:
    return Evidence(article=article.path, sentence=sentence.text, start=sentence.start, end=sentence.end)


_CALENDAR_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "june", "july", "august", "september", "october", "november", "december",
}


def is_title_case(text: str) -> bool:
    """A headline: most longer words capitalised ("China, Belarus Conduct Joint Exercises Near ...")."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’\-]*", text) if len(w) > 3 and w.lower() not in _CALENDAR_WORDS]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= 0.75


def without_spans(text: str, base: int, spans: list[tuple[int, int]]) -> str:
    """``text`` (starting at ``base`` in the article) with the given spans blanked out."""
    chars = list(text)
    for a, b in spans:
        for i in range(max(a - base, 0), min(b - base, len(chars))):
            chars[i] = " "
    return "".join(chars)


def is_heading(sentence: Sentence) -> bool:
    text = sentence.text
    return len(text) <= SECTION_HEADING_MAX and not re.search(r"[.!?\"”:]$", text)


def clause_bounds(text: str, position: int) -> tuple[int, int]:
    """The clause of ``text`` around ``position``: between the nearest clause breaks."""
    text = re.sub(r"\bas well as\b", "as_well_as", text)  # a list link, not the conjunction "as"
    left = 0
    for match in CLAUSE_BREAK.finditer(text, 0, position):
        if match.end() <= position:
            left = match.end()
    right_match = CLAUSE_BREAK.search(text, position)
    right = right_match.start() if right_match else len(text)
    return left, max(right, position)
