"""Dated context events beside the exercises: accessions, summits, meetings."""

from __future__ import annotations

import re
from datetime import date

from geo.core.model import Article, Milestone, Toponym
from geo.events.extract import extract_exercises
from geo.events.sentences import clause_bounds, evidence_for, split_sentences
from geo.text.dates import find_dates

_JOINED = re.compile(
    r"(?P<who>(?:[A-Z][\w’'.\-]*\s+){0,3}?[A-Z][\w’'.\-]*)\s+(?:officially\s+|formally\s+)?"
    r"(?P<verb>joined|joins|became a (?:full )?member of|acceded to)\s+(?:the\s+)?"
    r"(?P<what>(?:[A-Z][\w’'\-]*\s*){1,6}(?:\([A-Z]{2,6}\))?)"
)
_SUMMIT = re.compile(
    r"(?P<who>[A-Z][\w’'\-]*(?:['’]s)?)\s+(?:(?:\d+\w*|[a-z\-]+)\s+){0,3}?(?P<what>summit|conference)\b"
    r"(?:[^.;]{0,60}?\bin\s+(?P<where>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?))?",
)
_MEETING = re.compile(r"\b(?:meet|meets|met|meeting|talks)\b[^.;]{0,80}?\bin\s+(?P<where>[A-Z][\w\-]+)")


def extract_milestones(article: Article, toponyms: list[Toponym]) -> list[Milestone]:
    """Dated context events (a summit, an accession) with a day the text gives.

    "On the eve of the summit" dates the summit from the day the drills began;
    a clause without a date gives no milestone.
    """
    if article.published is None and not re.search(r"\b(?:19|20)\d\d\b", article.text):
        return []
    text = article.text
    milestones: list[Milestone] = []
    sentences = split_sentences(text)
    first_days = {e.start for e in extract_exercises(article, toponyms) if e.start}
    for sentence in sentences:
        s = sentence.text
        for match in _JOINED.finditer(s):
            day = _clause_day(s, match.start(), article.published)
            who = match["who"].strip()
            if day is None or who.lower() in {"it", "he", "she", "they"}:
                continue
            what = match["what"].strip()
            milestones.append(Milestone(f"{who} joins {what}", day, evidence_for(article, sentence)))
        for match in _SUMMIT.finditer(s):
            who = match["who"].rstrip("’'s").strip() if match["who"].endswith(("’s", "'s")) else match["who"]
            where = match["where"]
            label = f"{who} {match['what']}" + (f" in {where}" if where else "")
            day = None
            eve = re.search(r"\bon the eve of\b", s[: match.start()])
            if eve and len(first_days) == 1 and re.search(r"\b(?:drills?|exercises?)\b", s, re.IGNORECASE):
                start = next(iter(first_days))
                day = date.fromordinal(start.toordinal() + 1)
            if day is None:
                day = _clause_day(s, match.start(), article.published)
            if day is not None:
                milestones.append(Milestone(label, day, evidence_for(article, sentence)))
        for match in _MEETING.finditer(s):
            day = _clause_day(s, match.start(), article.published)
            if day is not None and not re.search(r"\b(?:drills?|exercises?)\b", s, re.IGNORECASE):
                milestones.append(Milestone(f"Meeting in {match['where']}", day, evidence_for(article, sentence)))
    unique: dict[tuple[str, date], Milestone] = {}
    for milestone in sorted(milestones, key=lambda m: -len(m.label)):
        # "NATO summit" on the day of "NATO summit in Washington" is the same event said shorter
        if any(day == milestone.day and label.startswith(milestone.label) for label, day in unique):
            continue
        unique[(milestone.label, milestone.day)] = milestone
    return sorted(unique.values(), key=lambda m: (m.day, m.label))


def _clause_day(sentence: str, position: int, published: date | None) -> date | None:
    a, b = clause_bounds(sentence, position)
    spans = [s for s in find_dates(sentence, published) if a <= s.start < b + 40 and s.kind != "month" and s.first]
    if not spans:
        return None
    return spans[0].first if spans[0].kind != "range" else None
