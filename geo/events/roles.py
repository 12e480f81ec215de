"""Which event a locative phrase belongs to, and how sure a place's role is.

Rules of news language that keep places of *other* events off the map (a past
edition, an exercise that ended before this one, observers sent), that find
drill sites named with words other than "exercise" ("Kenya will host
activities in Nairobi"), and the confidence of every role decision.
"""

from __future__ import annotations

import re

# "some past PANAMAX operations have been conducted in Panama", "the previous edition was held in
# X": the locative phrase belongs to an earlier edition, not the one reported.
PAST_EDITION = re.compile(
    r"\b(?:past|previous|earlier|prior|former|preceding|last\s+year['’]s|first)\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:editions?|iterations?|exercises?|drills?|operations|rounds?|versions?|stagings?)\b",
    re.IGNORECASE,
)

# "a few days after China and Russia concluded a joint exercise in the East China Sea": the
# exercise word belongs to a finished, other exercise that dates or frames the reported one.
OTHER_EXERCISE_BEFORE = re.compile(
    r"\b(?:after|before|following|since|unlike)\s+(?:[\w'’-]+\s+){0,8}?"
    r"(?:concluded|completed|ended|wrapped\s+up|finished|held|conducted|staged|carried\s+out|had)\s+"
    r"(?:an?|their|its|another|a\s+separate)\b",
    re.IGNORECASE,
)

# "will host activities primarily in Nairobi", "with additional events in Uganda", "activities
# will mainly take place in North Estonia": the exercise's activities named without "exercise".
ACTIVITY_CUE = re.compile(
    r"\bhost(?:s|ed|ing)?\s+(?:[\w-]+\s+){0,3}?(?:activities|events|exercises?|drills?|training|manoeuvres|"
    r"maneuvers|phases?)\b|\b(?:additional|other|further|related|side|main|field)\s+(?:events|activities)\b|"
    r"\bactivities\b",
    re.IGNORECASE,
)
# A sentence about the exercise's activities even though it names no exercise.
ACTIVITY_SENTENCE = re.compile(
    r"\b(?:activities|(?:additional|other|further|side)\s+events)\b[^.;]{0,60}?\b(?:take\s+place|takes\s+place|"
    r"will\s+be\s+(?:held|conducted)|in|at)\b|\bhost(?:s|ed|ing)?\s+(?:[\w-]+\s+){0,3}?activities\b",
    re.IGNORECASE,
)

# "were held in November 2019": a dated past occurrence.
_DATED_PAST = re.compile(
    r"\b(?:was|were)\s+(?:\w+\s+){0,2}?(?:held|conducted|staged|organi[sz]ed|carried\s+out)\b|"
    r"\btook\s+place\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:in|since|during|of)\s+(?:(?:early|mid|late)[- ])?(?:(?:January|February|March|April|May|"
                   r"June|July|August|September|October|November|December)\s+)?((?:19|20)\d\d)\b")


def another_edition_year(sentence: str, year: int | None) -> bool:
    """"It was held in November 2019, off the coast of ...": a sentence dated in another year than the
    exercise's, in the past tense of holding, tells of an earlier edition; its places are context."""
    if year is None or not _DATED_PAST.search(sentence):
        return False
    years = {int(m.group(1)) for m in _YEAR.finditer(sentence)}
    return bool(years) and all(y < year for y in years)


# "departed ... for the country of Georgia to participate in", "flew to Kenya to take part in": the
# destination of forces travelling to the exercise is where it is.
_TRAVEL_BEFORE = re.compile(
    r"\b(?:depart\w*|left|leav(?:e|es|ing)|fl(?:y|ies|ew|own)|jet(?:ted|s)?|head(?:s|ed|ing)?|sail(?:s|ed|ing)?|"
    r"travel+(?:s|ed|ing)?|set\s+(?:off|out|sail)|arriv(?:e|es|ed|ing)|deploy(?:s|ed|ing)?|redeploy\w*|"
    r"dispatch\w*)\b[^.;]{0,80}?\b(?:for|to|in)\s+(?:the\s+(?:country|republic|island|kingdom)\s+of\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
_TO_TAKE_PART = re.compile(
    r"[^.;]{0,25}?\bto\s+(?:participate|take\s+part|join|train|drill|exercise)\s+(?:in|with|at)\b", re.IGNORECASE
)


def travel_destination(text: str, start: int, end: int, lower: int) -> bool:
    """"Guardsmen departed ... for the country of Georgia to participate in the exercise": forces on
    their way to take part; the place they travel to is a drill site (its country the host)."""
    return bool(_TRAVEL_BEFORE.search(text[max(lower, start - 140): start]) and _TO_TAKE_PART.match(text, end))


# "Kenya will host activities in Nairobi, with additional events in Uganda": the subject hosts.
HOST_SUBJECT = re.compile(r"(?:^|[.;]\s+)\W*(?P<host>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})\s+(?:will\s+|is\s+to\s+|would\s+)?"
                          r"(?:co-?)?host(?:s|ed|ing)?\b")


_OPENING_YEAR = re.compile(r"\W*(?:In|During|Back\s+in)\s+(?:(?:early|mid|late)[- ])?(?:(?:January|February|March|April|May|"
                           r"June|July|August|September|October|November|December)\s+)?((?:19|20)\d\d)\b")


def opens_in_earlier_year(sentence: str, year: int | None) -> bool:
    """"In 2016, Russia and China conducted a joint naval exercise with India ...": a sentence set in an
    earlier year than the exercise's tells of another exercise; its countries and places are not this one's."""
    match = _OPENING_YEAR.match(sentence)
    return bool(year and match and int(match.group(1)) < year)


def observers_clause(text: str) -> bool:
    """"... including Saudi Arabia, Germany and India, are sending observers": not participants,
    not sites."""
    return bool(re.search(r"\b(?:observers?|observing|observer status)\b", text, re.IGNORECASE))


def role_confidence(role: str, kind: str, how: str) -> float:
    """A rule-based confidence for a role decision.

    ``how`` says which rule decided: "phrase" (a locative phrase an exercise word or verb
    governs), "facility" (a range or base in a sentence about the drill), "list" (a list
    continued after a drill site), "border" (a border phrase), "include" ("will involve
    Norfolk Island"), "home" (the country holding an exercise with no site named), and for
    context "context" (no governing exercise phrase) or "excluded" (a rule said another event
    or an actor, not a site).
    """
    if role == "drill":
        base = {"phrase": 0.85, "facility": 0.85, "border": 0.8, "list": 0.75, "include": 0.65,
                "home": 0.5}.get(how, 0.7)
        if kind == "country":
            base -= 0.1  # a country is often named as an actor or host, and drawn only as an outline
        elif kind in ("city", "facility"):
            base += 0.05
        return round(max(0.05, min(0.99, base)), 2)
    return {"excluded": 0.9, "context": 0.7}.get(how, 0.7)


_HOLDS = re.compile(
    r"\s+(?:(?:is|are|was|were|will|has|have|had)\s+(?:be\s+|been\s+)?)?(?:now\s+)?"
    r"(?:holding|holds|held|hold|carrying\s+out|carries\s+out|carried\s+out|conducting|conducts|conducted|"
    r"staging|stages|staged|launch(?:es|ed|ing)?|begins|began|begun|started|starts|kicked\s+off|kicks\s+off)\b",
    re.IGNORECASE,
)


def holding_country(text: str, segments, toponyms):  # noqa: ANN001, ANN201 - (Sentence, a, b), Toponym lists
    """"Venezuela is carrying out the X exercise": the country that opens a sentence (or the
    exercise's own clause of it) as the subject of a holding verb. With no site named anywhere,
    the drill is in it."""
    for sentence, a, b in segments:
        if a != sentence.start:
            continue  # a clause given to this exercise out of a sentence about two: its subject is the other's
        opening = a + len(re.match(r"\W*", text[a:b]).group(0))
        for toponym in toponyms:
            place = toponym.place
            if toponym.mention.start != opening or place is None or place.kind != "country":
                continue
            if toponym.mention.hint == "demonym":
                continue
            if _HOLDS.match(text, toponym.mention.end):
                return toponym
    return None
