"""Dates tied to the verb of their clause (start, end, single day) and an exercise's phases."""

from __future__ import annotations

import re
from datetime import date

from geo.core.model import Article, Phase
from geo.events.names import Draft
from geo.events.sentences import Sentence, clause_bounds, evidence_for
from geo.events.vocabulary import (
    COUNTED_DRILLS,
    END_VERB,
    EXERCISE_WORDS,
    OTHER_EVENT,
    PRESENT_PERFECT_START,
    REFERS,
    SINGLE_DAY_VERB,
    SPEECH,
    START_VERB,
)
from geo.text.dates import DateSpan, end_from_duration, find_dates, find_durations, year_in_name


def _year_hint(draft: Draft) -> int | None:
    return year_in_name(draft.name)


def _clause_of(text: str, a: int, b: int, position: int) -> tuple[int, int]:
    c_a, c_b = clause_bounds(text[a:b], position - a)
    return a + c_a, a + c_b


def _verb_before(text: str, start: int, clause_start: int, pattern: re.Pattern[str]) -> re.Match[str] | None:
    window = text[max(clause_start, start - 70): start]
    matches = list(pattern.finditer(window))
    return matches[-1] if matches else None


_CLOCK = re.compile(r"\s*\d{1,2}(?:[:.]\d\d)?\s*(?:a\.?m\.?|p\.?m\.?|hrs|hours|GMT|UTC|local)|\s*\d\d:\d\d", re.IGNORECASE)


def _not_hours(text: str, start: int, clause_start: int, verb: re.Match[str] | None) -> re.Match[str] | None:
    """"conducted from 8 a.m. to 6 p.m. on Tuesday": "from" before a clock time gives the day's hours,
    not the exercise's first day."""
    if verb is None or verb.group(0).lower() != "from":
        return verb
    window_start = max(clause_start, start - 70)
    return None if _CLOCK.match(text, window_start + verb.end()) else verb


# "The live-fire drill kicked off ...": a part of the exercise as the subject
_PART_SUBJECT = re.compile(
    r"\s*The\s+(?:live[- ]fire|final|closing|concluding|culminating|main|last)\s+(?:drill|exercise|demonstration|"
    r"stage|phase|event|part)\b"
)
_FAR_VERB = re.compile(rf"(?P<start>{START_VERB.pattern})|(?P<end>{END_VERB.pattern})", re.IGNORECASE)


def _far_verb(text: str, clause_start: int, position: int) -> bool | None:
    """The clause's last start (False) or end (True) verb before ``position`` when only a place phrase
    (capitalised names, prepositions, articles) lies between; None when there is none."""
    matches = list(_FAR_VERB.finditer(text, clause_start, position))
    if not matches:
        return None
    last = matches[-1]
    gap = text[last.end(): position]
    words = re.findall(r"[A-Za-z][\w'’-]*", gap)
    if len(gap) > 200 or re.search(r"[,;()]", gap) or not all(
            w[0].isupper() or w.lower() in {"at", "in", "of", "the", "near", "on", "off", "a", "an", "and", "s",
                                           "combined-arms", "tactical", "training", "base", "ground", "range",
                                           "area", "city", "region", "province", "coast", "waters"}
            for w in words):
        return None
    return last.group("end") is not None


_INDEFINITE_SUBJECT = re.compile(r"^\s*(?:A|An)\s+(?:[\w\-()]+\s+){0,4}(?:exercise|drill|war ?game)s?\b")


def _same_edition(day: date, year: int) -> bool:
    """A day of the edition a name's year gives ("Zapad-2021"), allowing a turn of the year."""
    return day.year == year or (day.year == year - 1 and day.month == 12) or (day.year == year + 1 and day.month == 1)


def _opening_clause(segment: str, span: DateSpan, clause: str) -> str:
    """"On April 2, 2025, the navy conducted ...": an opening date belongs to the main clause."""
    if re.fullmatch(r"\W*(?:on|in)?\s*", segment[: span.start], re.IGNORECASE):
        main = re.split(r";|\.(?=\s+[A-Z]|\s*$)", segment[span.end:], maxsplit=1)[0]  # "Oct. 14" goes on
        return main
    return clause


def date_facts(draft: Draft, article: Article) -> tuple[date | None, date | None, list[Sentence]]:
    text = article.text
    hint = _year_hint(draft)
    starts: list[tuple[int, date, Sentence]] = []  # (priority, day, sentence); lower priority wins
    ends: list[tuple[int, date, Sentence]] = []
    single_days: list[tuple[date, Sentence]] = []
    durations: list[tuple[int, Sentence]] = []
    unplaced = False
    named_ends: list[date] = []  # ends given by a clause naming the exercise
    part_starts: list[date] = []  # starts of a part of it ("the live-fire drill kicked off")
    for sentence, a, b in draft.segments:
        segment = text[a:b]
        names_here = any(a <= m.start < b for m in draft.mentions)
        if not (REFERS.search(segment) or names_here):
            continue
        if draft.name and not names_here and _INDEFINITE_SUBJECT.match(segment):
            continue  # "A command post exercise will be held ...": another event inside the article
        if draft.name and not names_here and COUNTED_DRILLS.search(segment):
            continue  # "From 1 to 6 September, five joint drills will be held": the dates of its parts as a group
        spans = find_dates(segment, article.published, hint)
        for span in spans:
            if span.first is None and span.kind in ("weekday", "relative", "day"):
                unplaced = True  # a day the text gives but we cannot place: nothing may be derived over it
            if span.first is None or span.kind == "month":
                continue
            if hint and not _same_edition(span.first, hint):
                continue  # "Iron Shield 2023 ... the previous one, on June 3, 2021": another edition's day
            position = a + span.start
            near_before = text[max(a, position - 40): position]
            other = list(OTHER_EVENT.finditer(near_before))
            if other and not EXERCISE_WORDS.search(near_before[other[-1].end():]):
                continue  # "began on Monday, a day after talks in Minsk on Sunday": the talks' day
            c_a, c_b = _clause_of(text, a, b, position)
            clause = text[c_a:c_b]
            before = text[max(c_a, position - 70): position]
            after = text[a + span.end: c_b]
            if span.kind == "range":
                starts.append((0, span.first, sentence))
                if span.last:
                    ends.append((0, span.last, sentence))
                continue
            if re.search(r"\b(?:until|till|through|thru|to|ending|ends?|concludes?|concluded)\s+(?:on\s+)?$", before,
                         re.IGNORECASE) or re.match(r"(?:until|till)\b", span.text, re.IGNORECASE):
                ends.append((1, span.first, sentence))
                continue
            start_verb = _not_hours(text, position, c_a, _verb_before(text, position, c_a, START_VERB))
            end_verb = _verb_before(text, position, c_a, END_VERB)
            speech = _verb_before(text, position, c_a, SPEECH)
            after_verb = START_VERB.match(after.lstrip()) or re.match(r"^\s*(?:is|are)?\s*(?:set|due|scheduled|expected) to (?:begin|start|kick off)", after)
            # "..., the ministry said" after a comma is an attribution of the whole clause, not the date's verb
            speech_after = re.match(r"^\s+(?:the\s+\w+\s+)?(?:said|told|reported|announced)", after)
            if not (start_verb or end_verb or speech):
                # "have begun joint drills, known as 'X', on Monday": look past the apposition
                sentence_start = a
                start_verb = _not_hours(text, position, sentence_start,
                                        _verb_before(text, position, sentence_start, START_VERB))
                end_verb = _verb_before(text, position, sentence_start, END_VERB)
                speech = _verb_before(text, position, sentence_start, SPEECH)
            if not (start_verb or end_verb or speech) and names_here:
                # "X wrapped up at the training base of ... in Y on Friday": the clause's verb, however long
                # the place phrase after it, when nothing but places and names stand between
                verb = _far_verb(text, c_a, position)
                if verb is not None:
                    (ends if verb else starts).append((2, span.first, sentence))
                    if verb:
                        named_ends.append(span.first)
                    continue
            # "the army said the drills, dubbed 'X', took place on Thursday": the date is the drill's
            held = _verb_before(text, position, a, SINGLE_DAY_VERB)
            held_at = max(a, position - 70) + held.start() if held else None  # the match is on a window
            drill_held = held_at is not None and re.search(
                r"\b(?:exercise|drill|patrol|manoeuvre|maneuver|war ?game)", text[a:held_at], re.IGNORECASE)
            speech_at = text.rfind(speech.group(0), a, position) if speech else -1
            if speech and drill_held and held_at > speech_at:
                speech = None
            nearest = max(
                [(m.end(), kind) for m, kind in ((start_verb, "start"), (end_verb, "end"), (speech, "speech")) if m],
                default=None,
            )
            if nearest and nearest[1] == "end":
                ends.append((2, span.first, sentence))
                if names_here:
                    named_ends.append(span.first)
            elif nearest and nearest[1] == "start":
                starts.append((2, span.first, sentence))
                if not names_here and _PART_SUBJECT.match(segment):
                    part_starts.append(span.first)
            elif after_verb and not speech_after:
                starts.append((2, span.first, sentence))
            elif _opening_clause(segment, span, clause) is not clause and re.search(
                r"\b(?:started|began|launched|kicked off|(?:is|are)\s+(?:\w+ing\b[^.;]{0,60}?\bto\s+)?(?:conduct|hold|stage)\w*)",
                _opening_clause(segment, span, clause)[:160], re.IGNORECASE,
            ):
                starts.append((3, span.first, sentence))  # "Today (Oct. 14), the command is ... to conduct drills"
            elif not speech and not speech_after and (drill_held or (
                    SINGLE_DAY_VERB.search(_opening_clause(segment, span, clause)) and
                    re.search(r"\b(?:exercise|drill|patrol|manoeuvre|maneuver|war ?game)",
                              _opening_clause(segment, span, clause), re.IGNORECASE))):
                single_days.append((span.first, sentence))
            elif (speech or speech_after) and PRESENT_PERFECT_START.search(segment):
                starts.append((4, span.first, sentence))
        for duration in find_durations(segment):
            if not duration.approximate:
                durations.append((duration.days, sentence))
    start = min(starts, key=lambda item: (item[0], item[1]))[1] if starts else None
    end = min(ends, key=lambda item: (item[0], -item[1].toordinal()))[1] if ends else None
    if start is not None and start == end and start in part_starts and end in named_ends and \
            all(day == start for _, day, _ in starts):
        # "X wrapped up on Friday. The live-fire drill kicked off on Friday morning": the closing
        # day's drill, not the exercise's first day; nor is the day of its closing ceremony
        start = None
        single_days = [(day, sentence) for day, sentence in single_days if day != end]
    if start is None and single_days:
        # "held on Thursday and Friday": the first and last of the days given
        start = min(day for day, _ in single_days)
        if end is None and not durations:
            end = max(day for day, _ in single_days)
    if start is not None and end is None and durations:
        days = durations[0][0]
        end = end_from_duration(start, days)
    elif start is None and end is not None and durations and not unplaced:
        # "the fortnight-long exercise concluded on Saturday": count back from the end
        start = date.fromordinal(end.toordinal() - durations[0][0] + 1)
    if start and end and end < start:
        end = None
    evidence = [s for _, _, s in starts + ends] + [s for _, s in single_days] + [s for _, s in durations]
    return start, end, evidence


_PHASE = re.compile(
    r"(?:the\s+)?(?:[\"“‘](?P<quoted>[^\"”’]{3,40})[\"”’]\s+phase|"
    r"(?P<ordinal>first|second|third|fourth|final|main|active|initial|last|practical|sea|harbou?r|land|air|"
    r"field|live|preparatory|command|theoretical)\s+phase|"
    r"[Pp]hase\s+(?P<number>one|two|three|four|1|2|3|4|I{1,3}|IV))",
    re.IGNORECASE,
)


def phases_of(draft: Draft, article: Article) -> list[Phase]:
    """Named or numbered phases with the dates of their own clause."""
    text = article.text
    found: dict[str, Phase] = {}
    for sentence, a, b in draft.segments:
        segment = text[a:b]
        for match in _PHASE.finditer(segment):
            if match["quoted"]:
                label = match["quoted"]
            elif match["ordinal"]:
                label = f"{match['ordinal'].lower()} phase"
            else:
                label = f"phase {match['number'].lower()}"
            # A quoted name right after explains the phase: "the first phase of which (the 'X' phase)".
            if match["quoted"] is None and re.match(r"[^.;]{0,20}\(\s*the\s+[\"“‘]", segment[match.end():]):
                continue
            # "the second phase of testing ...": a phase of something else
            if match["quoted"] is None and re.match(r"\s+of\s+(?!the\s+(?:exercise|drill|manoeuvre|maneuver)|which|it\b)",
                                                     segment[match.end():]):
                continue
            window = segment[match.end(): match.end() + 120]
            span = _first_phase_date(window, article.published, _year_hint(draft))
            start, end = (span.first, span.last) if span and span.kind in ("range",) else (None, None)
            if span and span.kind in ("day", "weekday", "relative"):
                # "the sea phase will conclude on Friday" ends the phase; other verbs start it
                if END_VERB.search(window[: span.start]):
                    end = span.first
                else:
                    start = span.first
            label_text = label
            if span and span.kind == "month" and span.first:
                label_text = f"{label} ({span.first.strftime('%B %Y')})"
            phase = Phase(name=label_text, start=start, end=end, evidence=evidence_for(article, sentence))
            key = label.lower()
            if key not in found or (found[key].start is None and phase.start is not None):
                found[key] = phase
    return list(found.values())


def _first_phase_date(window: str, published: date | None, hint: int | None) -> DateSpan | None:
    cut = re.search(r"[.;]|\bwith the\b|\band (?:the|four|\w+ countries)\b", window)
    window = window[: cut.start()] if cut else window
    spans = find_dates(window, published, hint)
    return spans[0] if spans else None
