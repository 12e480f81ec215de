"""Date expressions of news language, resolved against the article's date.

A small grammar of our own instead of a general parser, because the two
things news about exercises needs most are what general parsers get wrong:
ranges ("September 12 to 16", "14–23 November") and durations ("for 11 days"
is a length, not "11 days ago"). Every resolution is relative to
``published``; when that is None a weekday or a year-less date stays None
(unless the caller knows the year from elsewhere, e.g. "Bright Star 2018").
Nothing is ever guessed from today's clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

DateKind = Literal["day", "range", "weekday", "relative", "month"]
Tense = Literal["past", "future"]

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

WEEKDAYS = {name: index for index, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
)}

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "twenty-one": 21, "thirty": 30, "a": 1, "an": 1,
}

# "Feb." "February" "Sept." (case-insensitive; "may" alone is checked for capitals below)
_MONTH = r"(?P<{0}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DAY = r"(?P<{0}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{0}>(?:19|20)\d\d)"
_DASH = r"\s*(?:-|–|—|to|through|until|till|and)\s*"

_M = lambda n: _MONTH.format(n)  # noqa: E731 - tiny pattern helpers
_D = lambda n: _DAY.format(n)  # noqa: E731
_Y = lambda n: _YEAR.format(n)  # noqa: E731

# Ranges first: they contain the single-date patterns.
_RANGE_PATTERNS = [
    # October 25 to November 7, 2018 / Oct. 25 - Nov. 7
    re.compile(rf"\b{_M('m1')}\s+{_D('d1')}(?:,?\s+{_Y('y1')})?{_DASH}{_M('m2')}\s+{_D('d2')}\b(?:,?\s+{_Y('y2')})?"),
    # 25 October to 7 November 2018
    re.compile(rf"\b{_D('d1')}\s+{_M('m1')}(?:,?\s+{_Y('y1')})?{_DASH}{_D('d2')}\s+{_M('m2')}\b(?:,?\s+{_Y('y2')})?"),
    # September 12 to 16 / September 16-21, 2019 / June 6 - 30
    re.compile(rf"\b{_M('m1')}\s+{_D('d1')}{_DASH}{_D('d2')}\b(?!\s*(?:,\s*)?[A-Z][a-z])(?:,?\s+{_Y('y2')})?"),
    # 14–23 November 2018 / from 8 to 20 September
    re.compile(rf"\b{_D('d1')}{_DASH}{_D('d2')}\s+{_M('m1')}\b(?:,?\s+{_Y('y2')})?"),
]
_SINGLE_PATTERNS = [
    re.compile(rf"\b{_M('m1')}\s+{_D('d1')}\b(?:,?\s+{_Y('y1')})?"),  # Feb. 20 / February 03, 2022
    re.compile(rf"\b{_D('d1')}\s+{_M('m1')}\b(?:,?\s+{_Y('y1')})?"),  # 10 June 2022
    re.compile(r"\b(?P<y1>(?:19|20)\d\d)-(?P<m1>\d\d)-(?P<d1>\d\d)\b"),  # 2022-02-10
]
_WEEKDAY = re.compile(
    r"\b(?:(?P<mod>last|next|this|on|since|until|by)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_RELATIVE = re.compile(r"\b(?P<word>today|yesterday|tomorrow|tonight)\b", re.IGNORECASE)
_MONTH_ONLY = re.compile(
    rf"\b(?:(?P<part>early|mid|late|earlier|later)[- ]?(?:in\s+)?)?{_M('m1')}(?:\s+{_Y('y1')})?\b(?!\s*\d)"
)

_FUTURE = re.compile(
    r"\b(?:will|shall|'ll|is to|are to|is set to|are set to|is due to|are due to|scheduled to|expected to|"
    r"plans? to|planned to|going to|next|upcoming|would)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|began|begun|started|kicked off|launched|held|conducted|carried out|said|told|"
    r"reported|announced|stated|added|noted|joined|met|arrived|ended|concluded|opened|took|came|went|"
    r"saw|showed|posted|ago|last|earlier|previous|yesterday|\w{3,}ed)\b",
    re.IGNORECASE,
)
# "will be concluded on Sunday", "is to be held on Monday": a participle after "will be" is future.
_FUTURE_PASSIVE = re.compile(
    r"\b(?:will|shall|'ll|would|is\s+to|are\s+to|to)\s+(?:be|have\s+been)\s+(?:\w+ly\s+)?(?:\w{3,}ed|held|"
    r"carried\s+out|begun|run)\b",
    re.IGNORECASE,
)
# News uses the simple present for what is scheduled: "the drills end on Thursday" is the
# coming Thursday. Weaker than any explicit marker (see tense_near).
_SCHEDULED_PRESENT = re.compile(
    r"\b(?:begins?|starts?|ends?|runs?|lasts?|continues?|concludes?|finish(?:es)?|kicks? off|takes? place|"
    r"wraps? up)\b",
    re.IGNORECASE,
)
SCHEDULED_PRESENT_PENALTY = 3  # characters of distance: an explicit "will"/"said" nearby wins
_CLAUSE_BREAK = re.compile(r"[;:,]\s|\s(?:that|which|who|while|but|whereas|and then)\s|[\"“”]")


@dataclass(frozen=True)
class DateSpan:
    """A date expression in a text: ``first``..``last`` is the day or days it denotes.

    For a single day ``first == last``. ``kind`` "month" is a whole month
    ("in January"): callers keep it for phases, never as a day.
    """

    text: str
    start: int
    end: int
    first: date | None
    last: date | None
    kind: DateKind


@dataclass(frozen=True)
class Duration:
    """A stated length: "for 11 days" (11), "a three-day drill" (3), "two weeks" (14)."""

    text: str
    start: int
    end: int
    days: int
    approximate: bool  # "roughly 10 days": a length, but no end can be computed from it


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def pick_year(month: int, day: int, published: date | None, year_hint: int | None) -> int | None:
    """The year of a year-less "Feb. 20": the one that puts it nearest the article's date."""
    if published is None:
        return year_hint
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append((abs((date(year, month, day) - published).days), year))
        except ValueError:
            continue
    return min(candidates)[1] if candidates else None


def _make_date(year: int | None, month: int | None, day: int | None) -> date | None:
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def tense_near(text: str, position: int) -> Tense | None:
    """Past or future, from the verb nearest ``position`` inside its clause.

    News reports the recent past and announces the near future; which Monday
    "on Monday" means depends on the verb that carries it, not on the sentence.
    """
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, position)), default=0)
    right_break = _CLAUSE_BREAK.search(text, position)
    right = right_break.start() if right_break else len(text)
    best: tuple[int, Tense] | None = None
    markers = ((_FUTURE_PASSIVE, "future", -2), (_FUTURE, "future", -1), (_PAST, "past", 0),
               (_SCHEDULED_PRESENT, "future", SCHEDULED_PRESENT_PENALTY))
    for pattern, tense, penalty in markers:  # a modal outranks a past participle at the same distance
        for match in pattern.finditer(text, left, right):
            distance = min(abs(match.start() - position), abs(match.end() - position)) + penalty
            if best is None or distance < best[0]:
                best = (distance, tense)  # type: ignore[assignment]
    return best[1] if best else None


def resolve_weekday(weekday: int, published: date, tense: Tense | None, modifier: str | None = None) -> date:
    """The Monday a sentence means: the coming one for the future, the last one for the past.

    A weekday equal to the publication day is that day in both tenses ("Russia
    on Thursday is set to begin", written on a Thursday).
    """
    delta = (weekday - published.weekday()) % 7
    if modifier == "next":
        return published + timedelta(days=delta or 7)
    if modifier == "last":
        return published - timedelta(days=(published.weekday() - weekday) % 7 or 7)
    if tense == "future":
        return published + timedelta(days=delta)
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < b and a < end for a, b in spans)


def _range_from_match(match: re.Match[str], published: date | None, year_hint: int | None) -> DateSpan:
    groups = match.groupdict()
    month1 = month_number(groups["m1"])
    month2 = month_number(groups["m2"]) if groups.get("m2") else month1
    day1, day2 = int(groups["d1"]), int(groups["d2"])
    year2 = int(groups["y2"]) if groups.get("y2") else None
    year1 = int(groups["y1"]) if groups.get("y1") else year2
    if year2 is None and year1 is not None:
        year2 = year1
    if year1 is None and month1:
        year1 = pick_year(month1, day1, published, year_hint)
    if year2 is None and month2:
        year2 = year1 if year1 is not None and (month2, day2) >= (month1 or 0, day1) else (
            year1 + 1 if year1 is not None else None
        )
    first = _make_date(year1, month1, day1)
    last = _make_date(year2, month2, day2)
    if first and last and last < first:
        first, last = None, None  # "June 30 - 6" is not a range we can trust
    return DateSpan(match.group(0), match.start(), match.end(), first, last, "range")


def find_dates(text: str, published: date | None, year_hint: int | None = None) -> list[DateSpan]:
    """Every date expression in ``text``, in order, resolved where the text allows.

    ``year_hint`` is a year known from elsewhere in the article (an exercise
    called "Bright Star 2018"); it is used only when ``published`` is None.
    """
    found: list[DateSpan] = []
    taken: list[tuple[int, int]] = []

    def add(span: DateSpan) -> None:
        found.append(span)
        taken.append((span.start, span.end))

    for pattern in _RANGE_PATTERNS:
        for match in pattern.finditer(text):
            if _overlaps(taken, match.start(), match.end()) or not _is_month_word(match, "m1"):
                continue
            add(_range_from_match(match, published, year_hint))
    for pattern in _SINGLE_PATTERNS:
        for match in pattern.finditer(text):
            if _overlaps(taken, match.start(), match.end()) or not _is_month_word(match, "m1"):
                continue
            groups = match.groupdict()
            month = int(groups["m1"]) if groups["m1"].isdigit() else month_number(groups["m1"])
            day = int(groups["d1"])
            year = int(groups["y1"]) if groups.get("y1") else (
                pick_year(month, day, published, year_hint) if month else None
            )
            day_value = _make_date(year, month, day)
            add(DateSpan(match.group(0), match.start(), match.end(), day_value, day_value, "day"))
    for match in _WEEKDAY.finditer(text):
        if _overlaps(taken, match.start(), match.end()):
            continue
        after = text[match.end(): match.end() + 12]
        if re.match(r",?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|[0-3]?\d\b)", after):
            # "Sunday, May 6": the date that follows is the real one
            taken.append((match.start(), match.end()))
            continue
        value = None
        if published is not None:
            weekday = WEEKDAYS[match["wd"].lower()]
            tense = tense_near(text, match.start())
            if tense is None and (match["mod"] or "").lower() == "until":
                tense = "future"  # "from today, Friday, until Sunday": with no verb to say, a limit lies ahead
            value = resolve_weekday(weekday, published, tense, match["mod"])
            nth = re.match(r",?\s+the\s+([0-3]?\d)(?:st|nd|rd|th)\b", text[match.end(): match.end() + 14])
            if nth and value.day != int(nth.group(1)):
                # "until Sunday, the 7th": the Sunday that falls on the 7th, near the article's date
                value = next((published + timedelta(days=k) for k in sorted(range(-21, 22), key=abs)
                              if (published + timedelta(days=k)).weekday() == weekday
                              and (published + timedelta(days=k)).day == int(nth.group(1))), value)
        add(DateSpan(match.group(0), match.start(), match.end(), value, value, "weekday"))
    for match in _RELATIVE.finditer(text):
        if _overlaps(taken, match.start(), match.end()):
            continue
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[match["word"].lower()]
        value = published + timedelta(days=offset) if published else None
        add(DateSpan(match.group(0), match.start(), match.end(), value, value, "relative"))
    for match in _MONTH_ONLY.finditer(text):
        if _overlaps(taken, match.start(), match.end()) or not _is_month_word(match, "m1"):
            continue
        if match["m1"].lower().rstrip(".") in ("mar", "may", "jun", "jul", "sep", "dec") and not match["y1"]:
            if not match["m1"][0].isupper() or match["m1"] in ("May", "Mar"):
                continue  # "may", "March" verbs and words: only with a year or part ("mid-May 2020")
        month = month_number(match["m1"])
        year = int(match["y1"]) if match["y1"] else (pick_year(month, 15, published, year_hint) if month else None)
        first = _make_date(year, month, 1)
        last = (_make_date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)) if first and year else None
        add(DateSpan(match.group(0), match.start(), match.end(), first, last, "month"))
    return sorted(found, key=lambda span: span.start)


def _is_month_word(match: re.Match[str], group: str) -> bool:
    """A month name must be capitalised: "may 20" is a verb and a number."""
    word = match.groupdict().get(group)
    return word is None or word.isdigit() or word[0].isupper()


_NUMBER = r"(?P<n>\d{1,3}|" + "|".join(sorted((w for w in NUMBER_WORDS if len(w) > 2), key=len, reverse=True)) + r")"
_APPROX = re.compile(r"(?:roughly|about|around|some|nearly|almost|up to|more than|over|less than|at least|approximately|several|few)\s+$", re.IGNORECASE)
_DURATION_PATTERNS = [
    re.compile(rf"\b{_NUMBER}[- ](?P<unit>day|week)s?[- ]long\b", re.IGNORECASE),
    re.compile(rf"\b{_NUMBER}-(?P<unit>day|week)\b", re.IGNORECASE),
    re.compile(rf"\b{_NUMBER}\s+(?P<unit>day|week)s?\b", re.IGNORECASE),
    re.compile(r"\b(?P<n>a)\s+(?P<unit>fortnight|week)\b", re.IGNORECASE),
    re.compile(r"\b(?P<n>)(?P<unit>fortnight|week)-long\b", re.IGNORECASE),
]


def find_durations(text: str) -> list[Duration]:
    """Stated lengths of time ("for 11 days", "10 days of", "three-day", "two weeks")."""
    found: list[Duration] = []
    taken: list[tuple[int, int]] = []
    for pattern in _DURATION_PATTERNS:
        for match in pattern.finditer(text):
            if _overlaps(taken, match.start(), match.end()):
                continue
            after = text[match.end(): match.end() + 12].lower()
            before = text[max(0, match.start() - 12): match.start()].lower()
            if re.match(r"\s*(?:ago|later|earlier|before|after)\b", after) or re.search(r"\b(?:within|in)\s+$", before):
                continue  # "two days ago", "within a week": distances in time, not lengths
            count_word = match["n"].lower()
            count = int(count_word) if count_word.isdigit() else NUMBER_WORDS.get(count_word, 1 if not count_word else 0)
            if not count:
                continue
            unit = match["unit"].lower()
            days = count * (14 if unit == "fortnight" else 7 if unit == "week" else 1)
            approximate = bool(_APPROX.search(text[max(0, match.start() - 20): match.start()]))
            taken.append((match.start(), match.end()))
            found.append(Duration(match.group(0), match.start(), match.end(), days, approximate))
    return sorted(found, key=lambda d: d.start)


def end_from_duration(start: date, days: int) -> date:
    """Day N of an N-day event that starts on ``start`` (the first day counts)."""
    return start + timedelta(days=days - 1)


def year_in_name(name: str | None) -> int | None:
    """The edition year an exercise name carries: "Bright Star 2018", "Zapad-21", "Aurora 23"."""
    if not name:
        return None
    match = re.search(r"(?:^|[\s\-–])((?:19|20)\d\d|\d\d)[A-Z]?$", name.strip())
    if not match:
        return None
    value = int(match.group(1))
    if value > 1900:
        return value
    # Two digits name a year of this century up to next year; "Velayat 97" counts in
    # another calendar (1397), and a guessed year would pin every date of the article.
    return 2000 + value if value <= date.today().year % 100 + 1 else None
