"""Participants: subjects of exercise verbs, demonyms with troops, participation lists, "with X"."""

from __future__ import annotations

import re

from geo.core.model import Toponym
from geo.events.names import MODIFIER, Draft
from geo.events.places import countries_of, in_span
from geo.events.roles import ACTIVITY_SENTENCE, opens_in_earlier_year
from geo.events.sentences import clause_bounds, is_title_case
from geo.events.vocabulary import (
    EXERCISE_NOUN,
    EXERCISE_WORDS,
    FORCE_NOUN,
    FORCE_WORDS,
    NAME_HEAD,
    NOT_PARTICIPANT,
    PARTICIPANT_VERB,
    PARTICIPATION,
    PERSON_TITLE,
    SPEECH,
)


def subject_countries(a: int, b: int, toponyms: list[Toponym], text: str) -> list[str]:
    """Countries that are the subject of an exercise verb in text[a:b] ("China and Belarus have begun")."""
    found: list[str] = []
    for toponym in in_span(toponyms, a, b):
        codes = countries_of(toponym.place)
        if not codes:
            continue
        if re.search(r"\b(?:in|at|from|to|with|of|for|on|by|near|over|against|into|across|between|than|leave|"
                     r"invade|attack|towards?)\s+(?:the\s+)?(?:[A-Z][\w.’']*\s+(?:and|,)\s+)*$",
                     text[max(a, toponym.mention.start - 40): toponym.mention.start], re.IGNORECASE):
            continue  # the object of a preposition or verb is no subject
        # Parentheses ("the Navy (PLAN) conducted") do not end the subject.
        rest = re.sub(r"\([^()]{0,40}\)", lambda m: " " * len(m.group(0)), text[toponym.mention.end: b])
        left_a, left_b = clause_bounds(rest, 0)
        after = rest[:left_b]
        verb = PARTICIPANT_VERB.search(after)
        if not verb or verb.start() > 90:
            continue
        between = after[: verb.start()]
        # "Ukraine has said it will start drills": the reporting frame keeps its subject
        between = re.sub(r"^\s*(?:has|have|had)?\s*(?:also\s+)?(?:said|says|announced|stated)\s+(?:that\s+)?(?:it|they)\s+",
                         " ", between)
        if SPEECH.search(between) or re.search(r"\b(?:that|which|who|if|not|never|no longer|allowed|refused|declined)\b|n['’]t\b",
                                                between):
            continue
        # Only names, "and", possessives, force nouns, auxiliaries and adverbs may sit between.
        words = re.findall(r"[A-Za-z][\w'’.\-]*", between)
        allowed = re.compile(
            rf"^(?:and|the|’s|'s|s|has|have|had|will|would|is|are|was|were|set|to|due|also|on|in|"
            rf"jointly|together|now|reportedly|recently|today|both|its|their|{FORCE_WORDS}|"
            rf"[A-Z][\w'’.\-]*|monday|tuesday|wednesday|thursday|friday|saturday|sunday|earlier|later|"
            rf"this|week|month|year|again|already|officially|first|will|expected|scheduled|plans?|planned|"
            rf"going|about|soon|each|other|mainly|largely|ministry|defen[cs]e)$",
            re.IGNORECASE,
        )
        if len(words) > 10 or not all(allowed.match(w) for w in words):
            continue
        found.extend(codes)
    return found


def participants_of(draft: Draft, toponyms: list[Toponym], text: str, year: int | None = None) -> list[str]:
    """Countries the article names as taking part (hosts are added by the caller); ``year`` is the
    exercise's, when known."""
    found: list[str] = []
    for sentence, a, b in draft.segments:
        segment = text[a:b]
        named = any(a <= m.start < b for m in draft.mentions)
        if not named and opens_in_earlier_year(segment, year):
            continue  # "In 2016, Russia and China conducted a joint exercise with India": another exercise
        if not (EXERCISE_WORDS.search(segment) or named or PARTICIPATION.search(segment)
                or ACTIVITY_SENTENCE.search(segment)):
            continue
        # Place names masked, so "Republic of Korea" does not open a list with its "of".
        masked = segment
        for toponym in in_span(toponyms, a, b):
            s_, e_ = toponym.mention.start - a, toponym.mention.end - a
            masked = masked[:s_] + "X" * (e_ - s_) + masked[e_:]
        if is_title_case(masked.replace("X", "")) and len(segment.split()) <= 16 and not named:
            continue  # a headline's capitals hide its grammar
        found.extend(subject_countries(a, b, toponyms, text))
        for toponym in in_span(toponyms, a, b):
            codes = countries_of(toponym.place)
            if not codes:
                continue
            start, end = toponym.mention.start, toponym.mention.end
            c_a, c_b = clause_bounds(segment, start - a)
            clause = segment[c_a:c_b]
            if NOT_PARTICIPANT.search(clause):
                continue
            before = text[max(a, start - 60): start]
            after = text[end: min(b, end + 40)]
            if PERSON_TITLE.match(after):
                continue  # "Ukrainian President Zelensky": a person, not the country taking part
            has_exercise = bool(EXERCISE_WORDS.search(segment)) or any(a <= m.start < b for m in draft.mentions)
            # "Belarusian and Russian troops", "U.S. forces", "Russian-Belarusian exercises"
            if has_exercise and re.match(
                rf"^(?:['’]s?)?(?:\s*(?:and|,|-|–)\s*[A-Z][\w.]*(?:['’]s)?)*\s*"
                rf"(?:(?:[A-Z][\w’'\-]*|armed|special|ground|naval|air|own|national|regular|elite|combat)\s+){{0,3}}"
                rf"(?i:{FORCE_NOUN})\b",
                text[end: min(b, end + 90)],
            ):
                found.extend(codes)
                continue
            if has_exercise and re.match(
                rf"^(?:\s*(?:-|–|and|,)\s*[A-Z][\w.]*)*(?:-led|-hosted)?\s+(?:{MODIFIER}\s+){{0,4}}(?:{EXERCISE_NOUN})\b",
                after, re.IGNORECASE,
            ):
                found.extend(codes)
                continue
            if re.match(r"^-(?:led|hosted|organi[sz]ed)\b", after):
                found.extend(codes)
                continue
            if re.search(rf"\b(?:{EXERCISE_NOUN}|{NAME_HEAD})\b[^.;]{{0,40}}\b(?:hosted|led|organi[sz]ed) by\s+(?:the\s+)?$",
                         before, re.IGNORECASE) or (named and re.search(r"\b(?:hosted|organi[sz]ed) by\s+(?:the\s+)?$", before)):
                found.extend(codes)
                continue
            if has_exercise and not re.search(r"\b(?:coincid|overlap|clash|compar|link|connect|tension)\w*\s+with\b",
                                                 before, re.IGNORECASE) and re.search(
                rf"\b(?:{EXERCISE_NOUN}|patrol)\b[^.;]{{0,40}}\b(?:with|between)\s+(?:its\s+\w+\s+|their\s+\w+\s+|the\s+)?"
                rf"(?:[A-Z][\w.]*\s+(?:and|,)\s+)*$",
                before, re.IGNORECASE,
            ):
                found.extend(codes)
                continue
            if _in_participation_list(masked, start - a):
                found.extend(codes)
    return found


def _in_participation_list(segment: str, offset: int) -> bool:
    """A country inside "troops from X, Y and Z" / "participants include X, Y" / "X and Y will take part"."""
    left = segment[:offset]
    intros = list(re.finditer(r"\b(?:from|include|includes|included|including|such as|of|are|were)\b|:\s", left,
                              re.IGNORECASE))
    after = segment[offset:]
    list_end = re.match(r"(?:[^.;:]*?(?:,|\band\b|\bthe\b|[A-Z][\w.’']*|\s)+)?", after)
    rest = after[list_end.end() if list_end else 0:][:80]
    followed = re.match(
        r"^[\s,]*(?:etc\.?\s*)?(?:,\s*)?(?:will|would|are|were|is|have|has)?\s*(?:also\s+)?(?:set to\s+|expected to\s+|due to\s+)?"
        r"(?:participate|take part|join|send|contribute|be taking part|took part|participated|joined)\b",
        rest, re.IGNORECASE,
    )
    for intro in reversed([None, *intros]):
        list_start = intro.end() if intro else 0
        between = left[list_start:]
        if re.search(r"[.;]|\b(?:said|which|who|that|where|while|but|to|with|against)\b", between) or \
                len(re.findall(r"\b[a-z]{4,}\b", between)) > 3:
            break  # the list, if any, ended before this country
        before_intro = left[max(0, (intro.start() if intro else 0) - 60): intro.start() if intro else 0]
        opener = before_intro + (intro.group(0) if intro else "")
        introduced = intro is not None and re.search(
            r"\b(?:troops|forces|servicemen|service members|militaries|soldiers|participants?|personnel|contingents?|"
            r"navies|armies|units|ships|vessels|aircraft|bombers|jets|fighters|warships|countries|nations|partners|"
            r"participation|involvement|participating|taking part|involving|involves?|include|includes|including)\b"
            r"(?:\s+(?:\d+|[a-z\-]+)){0,3}(?:\s+in\s+total)?\s*,?\s*(?:from|include|includes|included|including|such as|of|:)\s*$",
            opener, re.IGNORECASE,
        ) and not re.search(r"\bagainst\b", opener, re.IGNORECASE)
        # "the 12 nations are Bulgaria, France and ...": the participants named by a copula
        introduced = introduced or (intro is not None and intro.group(0).lower() in ("are", "were") and re.search(
            r"\b(?:the|these|those)\s+(?:\d+\s+|[a-z]+\s+){0,2}(?:nations|countries|states|participants|partners|"
            r"participating\s+(?:nations|countries|states))\s+(?:are|were)$", opener, re.IGNORECASE))
        if introduced or (followed and intro is None):
            window = before_intro + _own_clause(segment[offset: offset + 120])
            return not NOT_PARTICIPANT.search(window)
    if followed:
        return not NOT_PARTICIPANT.search(_own_clause(segment[offset: offset + 120]))
    return False


def _own_clause(after: str) -> str:
    """The text after a country up to its clause's end: ", while observers from Serbia watched"
    speaks of someone else."""
    cut = re.search(r"[.;]|,?\s+(?:while|whereas|but|although)\b", after, re.IGNORECASE)
    return after[: cut.start()] if cut else after
