"""Stage 4: exercise events and dated context events from one article.

    find_toponyms -> extract_exercises / extract_milestones -> merge_exercises

Rules state general facts of news language, never facts of one article:

* **Names** come from naming cues ("dubbed X", "code-named X", "known as
  'X'"), from a capitalised phrase next to an exercise noun ("the Keen Sword
  exercises", "exercise Sea Breeze 2021"), from "Name 2024"/"Name-22"
  editions, and from copulas ("X is the army's annual exercise").
* **Which exercise a sentence is about**: the one it names; otherwise the one
  named last in the same paragraph; otherwise the article's main one. A
  sentence where another country "also" holds "its own" drills opens a
  separate unnamed exercise.
* **Dates** are tied to the verb of their clause: "began on Monday" is a
  start, "will run until Feb. 20" an end, "said on Tuesday" nothing.
  Durations give an end only from a known start and never when approximate.
* **Participants** are subjects of exercise verbs, demonyms with troops,
  participation lists ("troops from X, Y and Z"), "with X", "X-led", and the
  country an exercise is hosted in; never observers or countries that "have
  yet to commit".
* **Drill sites** sit in a locative phrase ("in/at/near/off/over X") that an
  exercise word governs within the same clause; a phrase opened by "from" or
  "to", a home base, headquarters, ship name or dateline is context. "Belarus'
  western border, which it shares with Poland and Lithuania" gives one border
  per neighbour (``geo.geometry.border_place``).
* **Context**: every other place of the article is a context location of its
  main exercise, so the map can show summit venues and capitals on request.
* An article counts only if one sentence speaks of a *military* exercise: a
  police patrol, a fire drill or a fraud "Operation" gives nothing.

Places come from ``geo.resolve.find_toponyms``; nothing here reads a gazetteer.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from datetime import date

from geo.dates import DateSpan, end_from_duration, find_dates, find_durations, year_in_name
from geo.model import (
    Article,
    EventLocation,
    Evidence,
    Exercise,
    Milestone,
    Phase,
    Place,
    Toponym,
    TroopClaim,
)

# ---------------------------------------------------------------- vocabulary

# Nouns that denote an exercise. "operations" and "training" only help to
# recognise a drill sentence; they never head a name ("Special Operations").
_EXERCISE_NOUN = (
    r"exercises?|drills?|war[- ]?games?|manoeuvres?|maneuvers?|manoeuvers?|"
    r"snap (?:inspection|check)s?|(?:joint|air|aerial|naval|strategic) patrols?"
)
_NAME_HEAD = r"exercises?|drills?|war[- ]?games?|manoeuvres|maneuvers|manoeuvers"
_EXERCISE_WORDS = re.compile(rf"\b(?:{_EXERCISE_NOUN}|patrols?|inspection)\b", re.IGNORECASE)
_DRILL_CUE = re.compile(
    r"\b(?:exercises?|exercising|drills?|drilling|drilled|war[- ]?games?|manoeuvres?|maneuvers?|"
    r"manoeuvering|maneuvering|maneuvered|patrols?|patrolled|patrolling|inspection|training|trained|train|"
    r"operations|operated|operate|flights?|sorties|landings?|landed|"
    r"take place|takes place|took place|taking place|taken place|held|hold|holds|holding|conduct|conducts|"
    r"conducted|conducting|stage|staged|staging|carried out|carry out|carrying out|run|runs|ran|running|"
    r"execute|executed|practi[cs]e|practi[cs]ed|practi[cs]ing|begin|began|begun|beginning|start|started|"
    r"starts|starting|kicked off|kick off|kicks off|launched|launch|launches|underway|under way|"
    r"deployed|deploy|gather|gathered|gathering|arrive|arrived|arriving|moved|shifted|"
    r"participate|participated|participating|take part|took part|taking part|"
    r"involve|involves|spread|based|stretching|stretched|extended|spanning|crossings?|advance|"
    r"firing|fire|strikes?|bridging|landing|simulat\w+|rehears\w+|sail\w*|fly|flying|flew|flown)\b",
    re.IGNORECASE,
)
# Verbs whose subject takes part in the exercise.
_PARTICIPANT_VERB = re.compile(
    r"\b(?:hold|holds|held|holding|conduct|conducts|conducted|conducting|begin|begins|began|begun|"
    r"start|starts|started|launch|launches|launched|kick(?:ed|s)? off|stage|stages|staged|carr(?:y|ied|ies) out|"
    r"host|hosts|hosted|hosting|co-?host(?:s|ed|ing)?|lead|leads|led|participate|participates|participated|"
    r"participating|take part|takes part|took part|taking part|join|joins|joined|drill|"
    r"will see|sent|send|deployed|perform(?:s|ed)?|practi[cs]e[sd]?)\b",
    re.IGNORECASE,
)
_FORCE_NOUN = (
    r"troops|forces|soldiers|servicemen|service members|"
    r"military(?!\s+(?:security|cooperation|hardware|aid|spending|budget|alliance|ties|exercises?|drills?|"
    r"manoeuvres?|maneuvers?|war ?games?|patrols?|"
    r"operations?|threats?|presence|build-?up|deployments?|activit\w+|escalation|conflict|power|capabilit\w+|"
    r"infrastructure|bases?|equipment|doctrine|strategy|officials?|leaders?|analysts?|experts?|sources?))|militaries|army|armies|navy|navies|"
    r"air force|marines?|paratroopers|personnel|units|jets|aircraft|warships|ships|vessels|bombers|"
    r"fighters|sailors|armed forces|self-defen[cs]e forces|side|contingent|servicemembers|airmen|"
    r"special forces|counterparts? troops|assets"
)
# Single words of force nouns, for word-by-word checks.
_FORCE_WORDS = (
    r"troops|forces|force|soldiers|servicemen|service|members|military|militaries|army|armies|navy|navies|air|"
    r"marines?|paratroopers|personnel|units|jets|aircraft|warships|ships|vessels|bombers|fighters|sailors|armed|"
    r"self-defen[cs]e|side|contingent|servicemembers|airmen|special"
)
_PARTICIPATION = re.compile(
    r"\b(?:participat\w*|take part|takes part|took part|taking part|join\w*|involv\w*|forces|troops|"
    r"servicemen|service members|militaries|soldiers|countries|nations|participants|personnel|contingents?|"
    r"navies|armies|partners?)\b",
    re.IGNORECASE,
)
_NOT_PARTICIPANT = re.compile(
    r"\b(?:observers?|observing|observe|invited to attend|yet to commit|not (?:take|taking) part|"
    r"declined|refused|not participat\w+|monitor\w*|watch\w*|condemn\w*|criticis\w+|criticiz\w+)\b",
    re.IGNORECASE,
)
_SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|announced|announces|reported|reports|stated|states|added|noted|"
    r"warned|denied|denies|accused|accuses|claimed|claims|believes|believed|insisted|tweeted|posted|"
    r"wrote|according)\b",
    re.IGNORECASE,
)
_START_VERB = re.compile(
    r"\b(?:begin|begins|began|begun|beginning|start|starts|started|starting|kick(?:ed|s|ing)? off|"
    r"launch|launches|launched|launching|open|opens|opened|commence[sd]?|commencing|get(?:s|ting)? underway|"
    r"got underway|gets under way|got under way|underway|from|since)\b",
    re.IGNORECASE,
)
_SINGLE_DAY_VERB = re.compile(
    r"\b(?:conducted|carried out|held|staged|performed|flew|took place|was held|were held)\b", re.IGNORECASE
)
_END_VERB = re.compile(
    r"\b(?:end|ends|ended|ending|conclude|concludes|concluded|concluding|until|till|through|thru|"
    r"wrap(?:s|ped)? up|finish|finishes|finished|close|closes|closed|last until|lasts until|to run until)\b",
    re.IGNORECASE,
)
_PRESENT_PERFECT_START = re.compile(
    r"\b(?:has|have|had) (?:\w+ )?(?:begun|started|kicked off|been launched|commenced|got underway)\b|"
    r"\b(?:is|are) (?:now )?underway\b",
    re.IGNORECASE,
)

_LOCATIVE = (
    r"in and around|in the vicinity of|in|at|near|around|across|over|off|on|along|throughout|within|"
    r"inside|into|onto|outside|between|"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?(?: part)? of"
)
_DIRECTION_OF = re.compile(
    r"\b(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)? of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Words that may sit inside a place phrase between its place names.
_PHRASE_GLUE = {
    "the", "a", "an", "and", "or", "of", "its", "their", "his", "her", "as", "well", "including", "includes",
    "include", "which", "both", "also", "parts", "part", "areas", "area", "region", "regions", "waters",
    "airspace", "coast", "coasts", "islands", "island", "vicinity", "surrounding", "designated", "several",
    "other", "locations", "location", "bases", "base", "ranges", "range", "grounds", "ground", "training",
    "military", "firing", "sites", "site", "zones", "zone", "sea", "seas", "skies", "territory", "northern",
    "southern", "eastern", "western", "central", "north", "south", "east", "west", "northwestern",
    "northeastern", "southwestern", "southeastern", "vast", "near", "in", "at", "around", "on", "off", "over",
    "across", "along", "throughout", "between", "within", "polygon", "polygons", "towns", "town", "villages",
    "cities", "city", "countries", "country", "states", "state", "provinces", "province", "districts",
    "district", "border", "borders", "border", "air", "naval", "station", "field", "fields", "beach",
    "beaches", "shore", "mountains", "river", "rivers", "lake", "bay", "gulf", "strait", "straits",
    "three", "four", "five", "six", "seven", "eight", "nine", "ten", "two", "different", "simultaneously",
    "mostly", "mainly", "largely", "partly", "respectively", "etc", "far", "down", "up",
}
_STOP_PHRASE = re.compile(
    r"\b(?:from|to(?!\s+the\s+(?:north|south|east|west))|towards?|for|against|with|by|ahead|after|before|during|"
    r"since|until|said|says|told|"
    r"according|which|who|whom|where|when|while|but|because|although|though|that|than|like|amid|via|under|"
    r"despite|without|about)\b",
    re.IGNORECASE,
)
_CONTEXT_BEFORE = re.compile(
    r"(?:head-?quarter(?:s|ed)|based|stationed|home base|home port|homeported|capital|embassy|"
    r"ministry|visit(?:ed|ing|s)?|summit|meeting|talks|conference|traveling|travelling|"
    r"carrier|destroyer|frigate|cruiser|corvette|submarine|ship|vessel|warship|uss|hms|ins|js|"
    r"type \d+\w*|flagship)\W+(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)
_SHIP_BEFORE = re.compile(
    r"\b(?:carrier|destroyer|frigates?|cruiser|corvettes?|submarine|ship|vessel|warship|flagship|"
    r"USS|HMS|INS|JS|HMAS|HMCS|RFS|PLANS|Type \d+\w*)\s*(?:[A-Z][\w\-]*\s+){0,2}$"
)
_FACILITY_WORD = re.compile(
    r"\b(?:training grounds?|training areas?|training range|firing range|range|ranges|polygon|proving ground|"
    r"air ?base|air force base|base|bases|airfield|air force station|naval base|test site|"
    r"sand dunes)\b",
    re.IGNORECASE,
)
_HOME_BASE_AFTER = re.compile(r"^\W*(?:\w+\W+){0,4}(?:serving as|as)\s+(?:a\s+|the\s+|its\s+)?home\s+(?:base|port)", re.IGNORECASE)

_PERSON_TITLE = re.compile(
    r"^(?:['’]s)?\s+(?:President|Prime|Premier|Minister|Foreign|Defen[cs]e Minister|leader|Chancellor|King|Queen|"
    r"ambassador|Ambassador|officials?|spokes(?:man|woman|person)|counterparts?|diplomats?|envoy|Secretary)\b"
)
_OTHER_EVENT = re.compile(
    r"\b(?:meetings?|talks|summits?|conferences?|visits?|protests?|elections?|ceremon(?:y|ies)|negotiations|"
    r"consultations|forum|session|standoff|crisis|war|conflict|invasion|attack|assault|build-?up|deployments?)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r";|—|–\s|\s-\s|\(|\)|(?-i::\s(?=[A-Z\"“]))|[\"“”]|"
    r",\s+(?=(?:which|who|whom|where|while|when|but|although|though|as|after|before|because|and\b|"
    r"saying|adding|according|said|a\s+\w+\s+(?:of|that))\b)|"
    r"\s(?:while|whereas|because|although|though|as|when|where|who|whom|given)\s",
    re.IGNORECASE,
)

_NAME_WORD = r"(?:[A-Z][A-Za-z'’]*[a-z][A-Za-z'’]*|[A-Z]{2,}[a-z]?|[A-Z]\.?)"
_EDITION = r"(?:[\s\-–]+(?:(?:19|20)\d\d[A-Z]?|\d{2}[A-Z]?|[IVXLC]{2,6}))"
_NAME = rf"{_NAME_WORD}(?:[\s\-]+(?:of\s+the\s+|of\s+|de\s+|del\s+)?{_NAME_WORD}){{0,4}}{_EDITION}?"
_OPEN_Q = "\"“‘'«"
_CLOSE_Q = "\"”’'»"

# Capitalised words that begin sentences or name institutions, never exercises.
_NOT_NAME_WORDS = {
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "joint",
    "military", "annual", "large", "large-scale", "massive", "major", "naval", "air", "land", "combined",
    "strategic", "tactical", "nuclear", "live", "live-fire", "snap", "new", "first", "second", "third",
    "last", "next", "final", "main", "big", "biggest", "largest", "recent", "latest", "previous", "such",
    "other", "both", "all", "some", "several", "many", "multinational", "international", "bilateral",
    "trilateral", "regular", "routine", "planned", "scheduled", "upcoming", "ongoing", "current", "separate",
    "similar", "parallel", "simultaneous", "in", "on", "at", "during", "after", "before", "for", "with",
    "as", "by", "from", "of", "and", "or", "but", "while", "when", "since", "amid", "ahead", "army", "navy",
    "force", "forces", "ministry", "defense", "defence", "command", "corps", "marine", "marines", "guard",
    "fleet", "armed", "staff", "headquarters", "department", "office", "council", "government", "president",
    "minister", "general", "admiral", "colonel", "officials", "official", "spokesman", "spokeswoman",
    "nato", "eu", "un", "csto", "sco", "otan", "indo", "sino", "russo", "franco", "anglo", "euro", "afro",
    "austro", "greco", "italo", "turco", "pan", "what", "why", "who", "where", "how", "when", "which",
    "exercise", "exercises", "drill", "drills", "war", "cold", "world", "games", "latest", "news",
    "breaking", "update", "updates", "photo", "video", "watch", "read", "more", "related", "stories",
    "russia", "china", "us", "u.s.", "usa", "uk", "u.k.", "summer", "winter", "spring", "autumn", "fall",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "covid", "timing",
    "participation", "troops", "ties", "relations", "provocation", "concerned", "continues", "diplomacy",
    "special", "operations", "operation", "state", "people's", "liberation", "near", "across", "over",
    "off", "along", "around", "into", "inside", "within", "outside", "between", "against", "under",
    "self-defense", "self-defence", "coast", "rocket", "ground", "space", "cyber", "pacific", "atlantic",
    "east", "west", "north", "south", "western", "eastern", "northern", "southern", "central",
    "will", "would", "can", "could", "has", "have", "had", "is", "are", "was", "were", "it", "they",
}
_INSTITUTION_WORDS = {
    "ministry", "army", "navy", "force", "forces", "command", "corps", "guard", "fleet", "department",
    "office", "council", "government", "agency", "university", "institute", "press", "news", "times",
    "post", "journal", "telegraph", "reuters", "tass", "cnn", "bbc", "house", "kremlin", "pentagon",
    "war", "summit", "conference", "organization", "organisation", "alliance", "union", "state",
    "republic",
}
_SECTION_HEADING_MAX = 60
# Capitalised words after a place name that make it part of an organisation's or a
# newspaper's name ("Shanghai Cooperation Organization", "South China Morning Post").
_ORGANISATION_WORDS = {
    "organization", "organisation", "cooperation", "co-operation", "post", "times", "journal", "telegraph",
    "herald", "tribune", "gazette", "morning", "daily", "news", "press", "university", "institute",
    "club", "bank", "company", "group", "foundation", "airlines", "stock",
}
_CAPITALISED_WORD = re.compile(r"\s+([A-Z][\w'’-]*)")


def names_an_organisation(text: str, end: int) -> bool:
    """The capitalised words right after a place name (up to three) name an organisation:
    the place is part of a name and is not where anything happens."""
    for _ in range(3):
        match = _CAPITALISED_WORD.match(text, end)
        if match is None:
            return False
        if match.group(1).lower() in _ORGANISATION_WORDS:
            return True
        end = match.end()
    return False


# ---------------------------------------------------------------- small values


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True)
class NameMention:
    name: str
    start: int
    end: int
    strong: bool  # found by a naming cue or next to an exercise noun (not just "Name 2024")


@dataclass
class _Draft:
    """An exercise while its article is being read (mutable on purpose, never returned)."""

    name: str | None
    key: str
    mentions: list[NameMention] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    segments: list[tuple[Sentence, int, int]] = field(default_factory=list)  # text ranges owned
    phases: list[Phase] = field(default_factory=list)
    home: Toponym | None = None  # a country holding "its own" drills, at home unless a place is named


# ---------------------------------------------------------------- sentences

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


def _is_title_case(text: str) -> bool:
    """A headline: most longer words capitalised ("China, Belarus Conduct Joint Exercises Near ...")."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’\-]*", text) if len(w) > 3 and w.lower() not in _CALENDAR_WORDS]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= 0.75


def _without_spans(text: str, base: int, spans: list[tuple[int, int]]) -> str:
    """``text`` (starting at ``base`` in the article) with the given spans blanked out."""
    chars = list(text)
    for a, b in spans:
        for i in range(max(a - base, 0), min(b - base, len(chars))):
            chars[i] = " "
    return "".join(chars)


def _is_heading(sentence: Sentence) -> bool:
    text = sentence.text
    return len(text) <= _SECTION_HEADING_MAX and not re.search(r"[.!?\"”:]$", text)


def clause_bounds(text: str, position: int) -> tuple[int, int]:
    """The clause of ``text`` around ``position``: between the nearest clause breaks."""
    text = re.sub(r"\bas well as\b", "as_well_as", text)  # a list link, not the conjunction "as"
    left = 0
    for match in _CLAUSE_BREAK.finditer(text, 0, position):
        if match.end() <= position:
            left = match.end()
    right_match = _CLAUSE_BREAK.search(text, position)
    right = right_match.start() if right_match else len(text)
    return left, max(right, position)


# ---------------------------------------------------------------- names


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def name_key(name: str) -> str:
    """Normalised name: lower case, accents folded, dashes = spaces, "exercise" dropped, "22" = "2022"."""
    text = fold(name).lower()
    text = re.sub(r"[\"“”‘’'«»]", "", text)
    text = re.sub(r"[\-–—_/.,:()]", " ", text)
    words = [w for w in text.split() if w not in {"exercise", "exercises", "drill", "drills", "the", "operation"}]
    words = [("20" + w if re.fullmatch(r"\d\d", w) else w) for w in words]
    return " ".join(words)


def split_edition(key: str) -> tuple[str, str | None]:
    """("allied resolve", "2022") from "allied resolve 2022"; editions may carry a letter ("2025a")."""
    match = re.fullmatch(r"(.*?)\s+((?:19|20)\d\d[a-z]?|[ivxlc]{2,6})", key)
    if match and match.group(1):
        return match.group(1), match.group(2)
    return key, None


def _clean_name(raw: str) -> str | None:
    name = raw.strip().strip(_OPEN_Q + _CLOSE_Q + " ,.;:")
    name = re.sub(r"\s+", " ", name)
    name = re.sub(r"(?:['’]s)$", "", name)
    words = name.split(" ")
    # Leading articles and generic adjectives go; a leading "Northern" or "Pacific" is part of a name.
    while len(words) > 1 and words[0].lower() in _NOT_NAME_WORDS and words[0].lower() not in _NAME_STARTERS:
        words = words[1:]
    if words and words[0].lower() in _NOT_NAME_WORDS and words[0].lower() not in _NAME_STARTERS:
        words = []
    while words and words[-1].lower() in {"and", "or", "of", "the", "exercise", "exercises", "drills", "drill"}:
        words = words[:-1]
    name = " ".join(words)
    if not name or not re.match(r"[A-Z]", name):
        return None
    if re.fullmatch(r"[\d\s\-–]+", name):
        return None
    lowered = [w.lower().strip("'’") for w in re.split(r"[\s\-–]+", name)]
    if all(w in _NOT_NAME_WORDS or re.fullmatch(r"\d+", w) for w in lowered):
        return None
    if any(w in _INSTITUTION_WORDS for w in lowered) and not re.search(r"\d", name):
        return None
    return name


# Words that may open an exercise name although they are no name on their own.
_NAME_STARTERS = {
    "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west", "pacific",
    "atlantic", "allied", "union", "special", "joint", "coast", "space", "cyber", "rocket", "ground",
    "cold", "winter", "summer", "spring", "autumn", "fall", "new", "steadfast",
}


_CUE_NAME = re.compile(
    rf"(?<!so-)(?<!so )\b(?i:dubbed|code-?named|codenamed|called|named|known as|designated|titled|christened|"
    rf"under the (?:code ?)?name|codename|code name)\s+(?i:as\s+)?(?:the\s+)?[{_OPEN_Q}]?\s*(?P<name>{_NAME})"
    rf"(?:\s*[{_CLOSE_Q}])?(?P<more>(?:\s*(?:,|and)\s*[{_OPEN_Q}]?(?:{_NAME})[{_CLOSE_Q}]?)*)"
)
_QUOTED = re.compile(rf"[{_OPEN_Q}]\s*(?P<name>{_NAME})\s*[,.]?\s*[{_CLOSE_Q}]")
_NOUN_THEN_NAME = re.compile(
    rf"\b(?:[Ee]xercises?|[Dd]rills?|[Mm]anoeuvres|[Mm]aneuvers|[Ww]ar ?games|[Oo]peration)\s+"
    rf"[{_OPEN_Q}]?(?P<name>{_NAME})"
)
_MODIFIER = (
    r"(?:joint|military|strategic|command|and|staff|command-and-staff|naval|air|land|sea|annual|large-scale|"
    r"live-fire|live|fire|tactical|nuclear|multinational|international|combined|bilateral|trilateral|"
    r"field|training|amphibious|anti-terror(?:ist|ism)?|counter-terror(?:ist|ism)?|special|forces|aerial|"
    r"maritime|defensive|defense|defence|readiness|combat|army|navy|airborne|missile|exercise|[a-z]+-[a-z]+)"
)
_NAME_THEN_NOUN = re.compile(
    rf"(?P<name>{_NAME})(?:\s*\((?P<alias>[^()]{{2,30}})\))?(?:,\s*or\s+[A-Z][\w\-]*,)?\s+"
    rf"(?:{_MODIFIER}\s+){{0,5}}(?:{_NAME_HEAD})\b"
)
_NAME_EDITION = re.compile(rf"\b(?P<name>{_NAME_WORD}(?:[\s\-]+{_NAME_WORD}){{0,3}}[\s\-–]+(?:(?:19|20)\d\d[A-Z]?|\d\d[A-Z]?))\b(?![.,]\d|\s*(?:%|per|percent|km|miles|kilometers|years|days))")
_COPULA = re.compile(
    rf"\b(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}{_EDITION}?)\s+(?:is|was|will be)\s+"
    rf"(?:a|an|the|one of the|(?:[A-Z][\w.’']*\s+){{0,3}}[A-Z][\w.’']*['’]s)\s+(?:[\w\-’']+\s+){{0,6}}(?:{_NAME_HEAD})\b"
)
_TAKE_PART_IN = re.compile(
    rf"\b(?:participat\w+ in|take part in|taking part in|took part in|drills? for|exercises? for|"
    rf"as part of|during|while participating in)\s+(?:the\s+)?(?:this year['’]s\s+)?(?P<name>{_NAME})"
)


def _toponym_cover(toponyms: list[Toponym]) -> list[tuple[int, int]]:
    return [(t.mention.start, t.mention.end) for t in toponyms]


def _only_places(name: str, start: int, cover: list[tuple[int, int]], text: str) -> bool:
    """True when every word of the candidate is a place or demonym ("Russian-Belarusian").

    A name with an edition ("Aurora 23", "Bright Star 2018") is a name even when
    its words are also towns somewhere.
    """
    if re.search(r"\d", name):
        return False
    for word in re.finditer(r"[A-Za-z][\w'’.]*", text[start:start + len(name)]):
        a, b = start + word.start(), start + word.end()
        if word.group(0).lower() in _NOT_NAME_WORDS:
            continue
        if not any(x <= a and b <= y for x, y in cover):
            return False
    return True


def find_names(text: str, toponyms: list[Toponym], sentences: list[Sentence] | None = None,
               title: str | None = None) -> list[NameMention]:
    """Every mention of an exercise name, by the naming rules of news language.

    ``title`` only counts repetitions: a name the headline repeats is a name.
    """
    sentences = sentences if sentences is not None else split_sentences(text)
    corpus = text + "\n" + (title or "")

    def repeated(name: str) -> bool:
        return len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", corpus)) >= 2

    cover = _toponym_cover(toponyms)
    found: list[NameMention] = []

    def add(raw: str, start: int, strong: bool, explicit: bool = False) -> None:
        """``explicit``: named by quotes or a naming verb, so even a place name ("Vostok") is the name."""
        name = _clean_name(raw)
        if not name:
            return
        offset = text.find(name, start)
        offset = offset if offset >= 0 and offset - start < len(raw) + 5 else start
        if not explicit and _only_places(name, offset, cover, text):
            return
        if re.fullmatch(r"[A-Z][A-Za-z]{0,3}[\s\-–]\d+[A-Z]{0,2}", name):
            return  # "Su-35", "F-16", "Type 055": equipment, not exercises
        found.append(NameMention(name, offset, offset + len(name), strong))

    for sentence in sentences:
        s = sentence.text
        base = sentence.start
        has_noun = bool(_EXERCISE_WORDS.search(s))
        heading = _is_heading(sentence)
        if _is_title_case(_without_spans(s, base, cover)):
            # In a headline every word is capitalised: only quoted names and editions count there.
            for match in _QUOTED.finditer(s):
                add(match["name"], base + match.start("name"), False)
            for match in _NAME_EDITION.finditer(s):
                add(match["name"], base + match.start("name"), repeated(match["name"]))
            continue
        if has_noun:
            for match in _CUE_NAME.finditer(s):
                add(match["name"], base + match.start("name"), True, explicit=True)
                for extra in re.finditer(_NAME, match["more"] or ""):
                    add(extra.group(0), base + match.start("more") + extra.start(), True)
            for match in _QUOTED.finditer(s):
                window = s[max(0, match.start() - 40): match.end() + 40]
                if re.search(rf"\b(?:{_NAME_HEAD})\b", window, re.IGNORECASE):
                    add(match["name"], base + match.start("name"), True, explicit=True)
        for match in _NOUN_THEN_NAME.finditer(s):
            name = _clean_name(match["name"])
            at_start = match.start() == 0
            if not name:
                continue
            if (heading or at_start) and not re.search(r"\d|[A-Z]{3,}", name) and s[match.start()].isupper():
                continue  # "Exercise Timing" as a section heading
            add(match["name"], base + match.start("name"), True)
        for match in _NAME_THEN_NOUN.finditer(s):
            raw = match["name"]
            name = _clean_name(raw)
            if not name:
                continue
            sentence_initial = s.find(name) == 0
            if sentence_initial and " " not in name and not re.search(r"\d", name):
                if not re.search(rf"(?<!^)\b{re.escape(name)}\b", text[: base] + " " + text[base + len(name):]):
                    continue  # "Naval drills began": a capital only because it starts the sentence
            add(raw, base + match.start("name"), True)
            alias = match["alias"]
            if alias and re.fullmatch(rf"{_NAME}", alias.strip()):
                add(alias, base + match.start("alias"), True)
        for match in _COPULA.finditer(s):
            add(match["name"], base + match.start("name"), True)
        for match in _TAKE_PART_IN.finditer(s):
            name = _clean_name(match["name"])
            if name and re.search(r"\d", name):
                add(match["name"], base + match.start("name"), True)
            elif name and repeated(name):
                add(match["name"], base + match.start("name"), True)
        for match in _NAME_EDITION.finditer(s):
            four_digits = bool(re.search(r"(?:19|20)\d\d[A-Z]?$", match["name"]))
            add(match["name"], base + match.start("name"), (has_noun and four_digits) or repeated(match["name"]))
    found = _dedupe_mentions(found)
    found = _dedupe_mentions(found + _repeated_mentions(text, found))
    return _dedupe_mentions(found + _first_word_mentions(text, found))


def _repeated_mentions(text: str, found: list[NameMention]) -> list[NameMention]:
    """Once a name is known, every later use of it (with or without its edition) is a mention too.

    "UNITAS Amphibious", "the Bright Star operations": the rules that found the
    name need an exercise word nearby; repetitions of a known name do not.
    """
    extra: list[NameMention] = []
    known: dict[str, str] = {}
    for mention in found:
        if not mention.strong:
            continue
        bare = re.sub(r"[\s\-–]+(?:(?:19|20)\d\d[A-Z]?|\d\d[A-Z]?)$", "", mention.name).strip()
        for form in {mention.name, bare}:
            if len(form) >= 4 and form.lower() not in _NOT_NAME_WORDS:
                known.setdefault(form, mention.name)
    for form, full in sorted(known.items(), key=lambda item: -len(item[0])):
        for match in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
            taken = [*found, *extra]
            if any(m.start < match.end() and match.start() < m.end for m in taken):
                continue
            extra.append(NameMention(full if form == full else form, match.start(), match.end(), True))
    return extra


_FIRST_WORD_VERB = re.compile(
    r"\s+(?:will|would|is|was|has|had|began|begins|involves?|involved|includes?|included|brings|brought|"
    r"features?|kicked|started|starts|ended|ends|continues|runs|ran|took|takes)\b"
)


def _first_word_mentions(text: str, found: list[NameMention]) -> list[NameMention]:
    """"Talisman will involve ...": news shortens a two-word name to its first word once it is known."""
    extra: list[NameMention] = []
    firsts: dict[str, str] = {}
    for mention in found:
        if " " in mention.name and mention.strong:
            firsts.setdefault(mention.name.split()[0], mention.name)
    for word, full in firsts.items():
        if len(word) < 5 or word.lower() in _NOT_NAME_WORDS or not word[0].isupper():
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
            if any(m.start <= match.start() < m.end for m in found):
                continue
            if _FIRST_WORD_VERB.match(text, match.end()):
                # Stored under the full name, so it joins that exercise; the span is the word.
                extra.append(NameMention(full, match.start(), match.end(), True))
    return extra


def _dedupe_mentions(mentions: list[NameMention]) -> list[NameMention]:
    """Overlapping finds of one name keep the longest span (strong if any find was strong)."""
    ordered = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[NameMention] = []
    for mention in ordered:
        if kept and mention.start < kept[-1].end:
            last = kept[-1]
            if mention.end > last.end and name_key(mention.name).startswith(name_key(last.name)):
                kept[-1] = NameMention(mention.name, last.start, mention.end, last.strong or mention.strong)
            elif mention.strong and not last.strong:
                kept[-1] = replace(last, strong=True)
            continue
        kept.append(mention)
    return kept


def _group_names(mentions: list[NameMention], text: str) -> list[_Draft]:
    """One draft per exercise: same base name and edition; a bare name joins its main edition."""
    confirmed = {split_edition(name_key(m.name))[0] for m in mentions if m.strong}
    mentions = [m for m in mentions if m.strong or split_edition(name_key(m.name))[0] in confirmed
                or len(re.findall(re.escape(m.name), text)) >= 2]
    aliases = _acronym_aliases(mentions, text)
    by_base: dict[str, list[NameMention]] = {}
    for mention in mentions:
        base, _ = split_edition(name_key(mention.name))
        base = aliases.get(base, base)
        by_base.setdefault(base, []).append(mention)
    drafts: list[_Draft] = []
    for base, group in by_base.items():
        editions = Counter(split_edition(name_key(m.name))[1] for m in group)
        editions.pop(None, None)
        main_edition = editions.most_common(1)[0][0] if editions else None
        for edition in [main_edition, *[e for e in editions if e != main_edition]]:
            members = [
                m for m in group
                if split_edition(name_key(m.name))[1] == edition
                or (edition == main_edition and split_edition(name_key(m.name))[1] is None)
            ]
            if not members:
                continue
            key = f"{base} {edition or ''}".strip()
            drafts.append(_Draft(name=_display_name(members), key=key, mentions=members))
    return _fold_sub_names(drafts)


def _acronym_aliases(mentions: list[NameMention], text: str) -> dict[str, str]:
    """"Rim of the Pacific (RIMPAC)": the acronym and the long form are one name."""
    aliases: dict[str, str] = {}
    for mention in mentions:
        after = text[mention.end: mention.end + 40]
        match = re.match(rf"\s*(?:\(|,\s*or\s+)\s*([A-Z]{{2,10}}|{_NAME})\s*(?:\)|,)", after)
        if match:
            aliases[split_edition(name_key(match.group(1)))[0]] = split_edition(name_key(mention.name))[0]
    return aliases


def _display_name(members: list[NameMention]) -> str:
    """The fullest form: with its edition when one is written, else the most frequent."""
    counts = Counter(m.name for m in members)
    with_edition = [n for n in counts if split_edition(name_key(n))[1]]
    pool = with_edition or list(counts)
    return max(pool, key=lambda n: (counts[n], -len(n) if not with_edition else len(n)))


def _fold_sub_names(drafts: list[_Draft]) -> list[_Draft]:
    """"UNITAS Pacific" inside an article about "UNITAS 2017" is a part of it, kept as a phase."""
    bases = {split_edition(d.key)[0]: d for d in drafts}
    kept: list[_Draft] = []
    for draft in drafts:
        base = split_edition(draft.key)[0]
        parent = next(
            (p for b, p in bases.items() if b != base and base.startswith(b + " ") and p is not draft), None
        )
        if parent is not None and split_edition(draft.key)[1] is None:
            parent.mentions.extend(draft.mentions)
            parent.phases.append(Phase(name=draft.name or base, start=None, end=None))
            continue
        kept.append(draft)
    return kept


# ---------------------------------------------------------------- places


def countries_of(place: Place | None) -> tuple[str, ...]:
    """The countries a country-like place stands for (a group gives all its members)."""
    if place is None:
        return ()
    key = place.geometry_key or ""
    if place.kind == "group" or key.startswith("group:"):
        return tuple(code for code in key.removeprefix("group:").split("|") if code)
    if place.kind == "country":
        if key.startswith("country:"):
            return (key.removeprefix("country:"),)
        return (place.country,) if place.country else ()
    return ()


# ---------------------------------------------------------------- the article


def extract_exercises(article: Article, toponyms: list[Toponym]) -> list[Exercise]:
    """The exercises one article reports, each fact with the sentence it came from."""
    return list(_extract_cached(article, tuple(toponyms)))


@lru_cache(maxsize=16)  # extract_milestones needs the same exercises right after; values are frozen
def _extract_cached(article: Article, toponyms_in: tuple[Toponym, ...]) -> tuple[Exercise, ...]:
    return tuple(_extract(article, list(toponyms_in)))


def _extract(article: Article, toponyms: list[Toponym]) -> list[Exercise]:
    text = article.text
    sentences = split_sentences(text)
    toponyms = sorted((t for t in toponyms if 0 <= t.mention.start < t.mention.end <= len(text)
                       and not _names_a_water(text, t)), key=lambda t: t.mention.start)
    if not any(_is_military_exercise_sentence(s.text) for s in sentences):
        return []  # a police patrol, a fire drill, an "Operation" against fraud: not our subject
    names = find_names(text, toponyms, sentences, article.title)
    drafts = _group_names(names, text + "\n" + (article.title or ""))
    if not drafts:
        drafts = [_Draft(name=None, key="")]
    _assign_sentences(drafts, sentences, names)
    drafts = _split_own_drills(drafts, sentences, toponyms, text)
    main = _main_draft(drafts)
    exercises: list[Exercise] = []
    for draft in drafts:
        exercise = _build(article, draft, toponyms, drafts)
        if exercise is None:
            continue
        if draft is main:
            exercise = _with_other_mentions(article, exercise, sentences, toponyms, drafts)
        exercises.append(exercise)
    return exercises


def _with_other_mentions(article: Article, exercise: Exercise, sentences: list[Sentence],
                         toponyms: list[Toponym], drafts: list[_Draft]) -> Exercise:
    """Places named in sentences about no exercise ("Beijing and Minsk have strengthened ties")
    are context of the article's main exercise: the map shows them only on request."""
    owned = {s.start for d in drafts for s in d.sentences}
    name_spans = [(m.start, m.end) for d in drafts for m in d.mentions]
    known = {loc.place.name for loc in exercise.locations}
    extra: list[EventLocation] = []
    for sentence in sentences:
        if sentence.start in owned:
            continue
        for toponym in _in_span(toponyms, sentence.start, sentence.end):
            place = toponym.place
            if place is None or toponym.mention.hint == "demonym" or place.name in known:
                continue
            if names_an_organisation(article.text, toponym.mention.end):
                continue
            if any(a <= toponym.mention.start < b for a, b in name_spans):
                continue
            known.add(place.name)
            extra.append(EventLocation(place, "context", toponym.mention.text, evidence_for(article, sentence)))
    return replace(exercise, locations=exercise.locations + tuple(extra)) if extra else exercise


_MILITARY = re.compile(
    r"\b(?:military|militaries|troops|soldiers|servicemen|service members|army|armies|navy|navies|naval|air force|"
    r"armed forces|self-defen[cs]e forces|defen[cs]e ministry|ministry of defen[cs]e|marines|warships?|fighter jets?|"
    r"bombers?|missiles?|tanks|artillery|battalions?|brigades?|regiments?|nato|paratroopers|infantry|combat|"
    r"fleet|submarines?|aircraft carriers?|strategic|nuclear|live-fire|amphibious|air defen[cs]e|war ?games?|"
    r"manoeuvres?|maneuvers?|bundeswehr|pla)\b",
    re.IGNORECASE,
)
_STRICT_EXERCISE = re.compile(
    r"\b(?:exercises?|drills?|war ?games?|manoeuvres?|maneuvers?|snap (?:inspection|check)s?|"
    r"(?:joint|air|aerial|strategic|naval) patrols?)\b",
    re.IGNORECASE,
)


def _is_military_exercise_sentence(sentence: str) -> bool:
    """An exercise word with a military word beside it in the same sentence ("joint military drills")."""
    for match in _STRICT_EXERCISE.finditer(sentence):
        rest = sentence[: match.start()] + " " + sentence[match.end():]
        if _MILITARY.search(rest) or re.match(r"(?:war ?games?|manoeuvres?|maneuvers?|snap|joint|air|aerial|strategic|naval)",
                                              match.group(0), re.IGNORECASE):
            return True
    # "the Steppe Eagle drills": a named drill is a military one
    return any(_clean_name(m["name"]) for m in _NAME_THEN_NOUN.finditer(sentence)) or any(
        _clean_name(m["name"]) for m in _CUE_NAME.finditer(sentence) if _STRICT_EXERCISE.search(sentence)
    )


def _names_a_water(text: str, toponym: Toponym) -> bool:
    """"Oman Sea", "Gulf of Oman": a country's name inside a sea's name is the sea, not the country."""
    if not countries_of(toponym.place):
        return False
    after = text[toponym.mention.end: toponym.mention.end + 8]
    before = text[max(0, toponym.mention.start - 12): toponym.mention.start]
    return bool(re.match(r"\s+(?:Sea|Gulf|Ocean|Strait|Straits|Bay)\b", after)
                or re.search(r"\b(?:Gulf|Sea|Bay|Strait|Straits) of\s+(?:the\s+)?$", before))


def _main_draft(drafts: list[_Draft]) -> _Draft:
    return max(drafts, key=lambda d: (len(d.mentions), -min((m.start for m in d.mentions), default=0)))


def _assign_sentences(drafts: list[_Draft], sentences: list[Sentence], names: list[NameMention]) -> None:
    """Give each sentence about an exercise to the exercise it names, or the one in focus."""
    main = _main_draft(drafts)
    owner_of: dict[tuple[int, int], _Draft] = {}
    for draft in drafts:
        for mention in draft.mentions:
            owner_of[(mention.start, mention.end)] = draft
    focus = main
    paragraph = -1
    for sentence in sentences:
        if sentence.paragraph != paragraph:
            paragraph = sentence.paragraph
            focus = main
        named = [
            (span, draft) for span, draft in owner_of.items() if sentence.start <= span[0] < sentence.end
        ]
        if named:
            owners: list[_Draft] = []
            for _, draft in sorted(named, key=lambda item: item[0]):
                if draft not in owners:
                    owners.append(draft)
            if len(owners) == 1:
                owners[0].sentences.append(sentence)
                owners[0].segments.append((sentence, sentence.start, sentence.end))
            else:
                _split_between(sentence, named)
            focus = owners[-1]
            continue
        # "the drills", "training", or a sentence opened by "It"/"They" right after one about the exercise
        pronoun_opening = re.match(r"\s*(?:It|They)\b", sentence.text)
        if _REFERS.search(sentence.text) or (_DRILL_CUE.search(sentence.text) and pronoun_opening):
            focus.sentences.append(sentence)
            focus.segments.append((sentence, sentence.start, sentence.end))


def _split_between(sentence: Sentence, named: list[tuple[tuple[int, int], _Draft]]) -> None:
    """A sentence naming two exercises: each clause goes to the name nearest to it."""
    cuts = [sentence.start]
    for match in re.finditer(r",\s+and\s+|;\s+|,\s+while\s+|\.{2,}|…", sentence.text):
        cuts.append(sentence.start + match.end())
    cuts.append(sentence.end)
    pieces = [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]
    for a, b in pieces:
        inside = [(span, d) for span, d in named if a <= span[0] < b]
        if inside:
            owner = inside[0][1]
        else:
            owner = min(named, key=lambda item: min(abs(item[0][0] - a), abs(item[0][0] - b)))[1]
        if sentence not in owner.sentences:
            owner.sentences.append(sentence)
        owner.segments.append((sentence, a, b))


_OWN_DRILLS = re.compile(
    r"\b(?:its own|their own|own|separate|parallel|also (?:hold|start|begin|launch|conduct|stage)\w*|mirroring)\b",
    re.IGNORECASE,
)


def _split_own_drills(drafts: list[_Draft], sentences: list[Sentence], toponyms: list[Toponym],
                      text: str) -> list[_Draft]:
    """"Ukraine will also start its own drills": another country's separate, unnamed exercise.

    Only when the sentence names no exercise and its subject countries take no
    part in the exercise the article is about.
    """
    if not drafts or drafts[0].name is None:
        return drafts
    named_spans = [(m.start, m.end) for d in drafts for m in d.mentions]
    extra: list[_Draft] = []
    for draft in drafts:
        # Who takes part, judged without the candidate sentences themselves.
        plain = _Draft(draft.name, draft.key, draft.mentions, [], [
            seg for seg in draft.segments if not _OWN_DRILLS.search(seg[0].text)
            or any(seg[0].start <= s < seg[0].end for s, _ in named_spans)
        ])
        participants = set(_participants(plain, toponyms, text))
        for sentence in list(draft.sentences):
            if any(sentence.start <= s < sentence.end for s, _ in named_spans):
                continue
            if not (_OWN_DRILLS.search(sentence.text) and _EXERCISE_WORDS.search(sentence.text)):
                continue
            subjects = set(_subject_countries(sentence.start, sentence.end, toponyms, text))
            if not subjects or subjects & participants:
                continue
            new = _Draft(name=None, key="")
            new.home = next(
                (t for t in _in_span(toponyms, sentence.start, sentence.end)
                 if set(countries_of(t.place)) & subjects and t.place and t.place.kind == "country"),
                None,
            )
            new.sentences.append(sentence)
            new.segments.append((sentence, sentence.start, sentence.end))
            _move_followers(draft, new, sentence, subjects, toponyms, named_spans)
            draft.sentences = [s for s in draft.sentences if s not in new.sentences]
            draft.segments = [seg for seg in draft.segments if seg[0] not in new.sentences]
            extra.append(new)
    return drafts + extra


def _move_followers(source: _Draft, target: _Draft, first: Sentence, subjects: set[str],
                    toponyms: list[Toponym], named_spans: list[tuple[int, int]]) -> None:
    """The next sentences of the same paragraph that speak of the same country follow it."""
    for sentence in source.sentences:
        if sentence.start <= first.start or sentence.paragraph != first.paragraph:
            continue
        if any(sentence.start <= s < sentence.end for s, _ in named_spans):
            break
        countries = {c for t in toponyms if sentence.start <= t.mention.start < sentence.end
                     for c in countries_of(t.place)}
        mentions_country = bool(countries & subjects) or re.search(r"\bthe country['’]s\b", sentence.text)
        if not mentions_country:
            break
        target.sentences.append(sentence)
        target.segments.append((sentence, sentence.start, sentence.end))


# ---------------------------------------------------------------- participants


def _in_span(toponyms: list[Toponym], a: int, b: int) -> list[Toponym]:
    return [t for t in toponyms if a <= t.mention.start and t.mention.end <= b]


def _subject_countries(a: int, b: int, toponyms: list[Toponym], text: str) -> list[str]:
    """Countries that are the subject of an exercise verb in text[a:b] ("China and Belarus have begun")."""
    found: list[str] = []
    for toponym in _in_span(toponyms, a, b):
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
        verb = _PARTICIPANT_VERB.search(after)
        if not verb or verb.start() > 90:
            continue
        between = after[: verb.start()]
        # "Ukraine has said it will start drills": the reporting frame keeps its subject
        between = re.sub(r"^\s*(?:has|have|had)?\s*(?:also\s+)?(?:said|says|announced|stated)\s+(?:that\s+)?(?:it|they)\s+",
                         " ", between)
        if _SPEECH.search(between) or re.search(r"\b(?:that|which|who|if|not|never|no longer|allowed|refused|declined)\b|n['’]t\b",
                                                between):
            continue
        # Only names, "and", possessives, force nouns, auxiliaries and adverbs may sit between.
        words = re.findall(r"[A-Za-z][\w'’.\-]*", between)
        allowed = re.compile(
            rf"^(?:and|the|’s|'s|s|has|have|had|will|would|is|are|was|were|set|to|due|also|on|in|"
            rf"jointly|together|now|reportedly|recently|today|both|its|their|{_FORCE_WORDS}|"
            rf"[A-Z][\w'’.\-]*|monday|tuesday|wednesday|thursday|friday|saturday|sunday|earlier|later|"
            rf"this|week|month|year|again|already|officially|first|will|expected|scheduled|plans?|planned|"
            rf"going|about|soon|each|other|mainly|largely|ministry|defen[cs]e)$",
            re.IGNORECASE,
        )
        if len(words) > 10 or not all(allowed.match(w) for w in words):
            continue
        found.extend(codes)
    return found


def _participants(draft: _Draft, toponyms: list[Toponym], text: str) -> list[str]:
    """Countries the article names as taking part (hosts are added by the caller)."""
    found: list[str] = []
    for sentence, a, b in draft.segments:
        segment = text[a:b]
        named = any(a <= m.start < b for m in draft.mentions)
        if not (_EXERCISE_WORDS.search(segment) or named or _PARTICIPATION.search(segment)):
            continue
        # Place names masked, so "Republic of Korea" does not open a list with its "of".
        masked = segment
        for toponym in _in_span(toponyms, a, b):
            s_, e_ = toponym.mention.start - a, toponym.mention.end - a
            masked = masked[:s_] + "X" * (e_ - s_) + masked[e_:]
        if _is_title_case(masked.replace("X", "")) and len(segment.split()) <= 16 and not named:
            continue  # a headline's capitals hide its grammar
        found.extend(_subject_countries(a, b, toponyms, text))
        for toponym in _in_span(toponyms, a, b):
            codes = countries_of(toponym.place)
            if not codes:
                continue
            start, end = toponym.mention.start, toponym.mention.end
            c_a, c_b = clause_bounds(segment, start - a)
            clause = segment[c_a:c_b]
            if _NOT_PARTICIPANT.search(clause):
                continue
            before = text[max(a, start - 60): start]
            after = text[end: min(b, end + 40)]
            if _PERSON_TITLE.match(after):
                continue  # "Ukrainian President Zelensky": a person, not the country taking part
            has_exercise = bool(_EXERCISE_WORDS.search(segment)) or any(a <= m.start < b for m in draft.mentions)
            # "Belarusian and Russian troops", "U.S. forces", "Russian-Belarusian exercises"
            if has_exercise and re.match(
                rf"^(?:['’]s?)?(?:\s*(?:and|,|-|–)\s*[A-Z][\w.]*(?:['’]s)?)*\s*"
                rf"(?:(?:[A-Z][\w’'\-]*|armed|special|ground|naval|air|own|national|regular|elite|combat)\s+){{0,3}}"
                rf"(?i:{_FORCE_NOUN})\b",
                text[end: min(b, end + 90)],
            ):
                found.extend(codes)
                continue
            if has_exercise and re.match(
                rf"^(?:\s*(?:-|–|and|,)\s*[A-Z][\w.]*)*(?:-led|-hosted)?\s+(?:{_MODIFIER}\s+){{0,4}}(?:{_EXERCISE_NOUN})\b",
                after, re.IGNORECASE,
            ):
                found.extend(codes)
                continue
            if re.match(r"^-(?:led|hosted|organi[sz]ed)\b", after):
                found.extend(codes)
                continue
            if re.search(rf"\b(?:{_EXERCISE_NOUN}|{_NAME_HEAD})\b[^.;]{{0,40}}\b(?:hosted|led|organi[sz]ed) by\s+(?:the\s+)?$",
                         before, re.IGNORECASE) or (named and re.search(r"\b(?:hosted|organi[sz]ed) by\s+(?:the\s+)?$", before)):
                found.extend(codes)
                continue
            if has_exercise and not re.search(r"\b(?:coincid|overlap|clash|compar|link|connect|tension)\w*\s+with\b",
                                                 before, re.IGNORECASE) and re.search(
                rf"\b(?:{_EXERCISE_NOUN}|patrol)\b[^.;]{{0,40}}\b(?:with|between)\s+(?:its\s+\w+\s+|their\s+\w+\s+|the\s+)?"
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
    intros = list(re.finditer(r"\b(?:from|include|includes|included|including|such as|of)\b|:\s", left, re.IGNORECASE))
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
        if introduced or (followed and intro is None):
            window = before_intro + segment[offset: offset + 120]
            return not _NOT_PARTICIPANT.search(window)
    if followed:
        return not _NOT_PARTICIPANT.search(segment[offset: offset + 120])
    return False


# ---------------------------------------------------------------- dates


def _year_hint(draft: _Draft) -> int | None:
    return year_in_name(draft.name)


def _clause_of(text: str, a: int, b: int, position: int) -> tuple[int, int]:
    c_a, c_b = clause_bounds(text[a:b], position - a)
    return a + c_a, a + c_b


def _verb_before(text: str, start: int, clause_start: int, pattern: re.Pattern[str]) -> re.Match[str] | None:
    window = text[max(clause_start, start - 70): start]
    matches = list(pattern.finditer(window))
    return matches[-1] if matches else None


_REFERS = re.compile(
    rf"\b(?:{_EXERCISE_NOUN}|patrols?|inspection|training|manoeuvres?|maneuvers?|take part|taking part|took part|phase|"
    rf"will join|joining|"
    rf"participat\w+)\b|^\s*(?:It|They|The event)\b",
    re.IGNORECASE,
)
_INDEFINITE_SUBJECT = re.compile(r"^\s*(?:A|An)\s+(?:[\w\-()]+\s+){0,4}(?:exercise|drill|war ?game)s?\b")


def _opening_clause(segment: str, span: DateSpan, clause: str) -> str:
    """"On April 2, 2025, the navy conducted ...": an opening date belongs to the main clause."""
    if re.fullmatch(r"\W*(?:on|in)?\s*", segment[: span.start], re.IGNORECASE):
        main = re.split(r";|\.(?=\s+[A-Z]|\s*$)", segment[span.end:], maxsplit=1)[0]  # "Oct. 14" goes on
        return main
    return clause


def _date_facts(draft: _Draft, article: Article) -> tuple[date | None, date | None, list[Sentence]]:
    text = article.text
    hint = _year_hint(draft)
    starts: list[tuple[int, date, Sentence]] = []  # (priority, day, sentence); lower priority wins
    ends: list[tuple[int, date, Sentence]] = []
    single_days: list[tuple[date, Sentence]] = []
    durations: list[tuple[int, Sentence]] = []
    unplaced = False
    for sentence, a, b in draft.segments:
        segment = text[a:b]
        names_here = any(a <= m.start < b for m in draft.mentions)
        if not (_REFERS.search(segment) or names_here):
            continue
        if draft.name and not names_here and _INDEFINITE_SUBJECT.match(segment):
            continue  # "A command post exercise will be held ...": another event inside the article
        spans = find_dates(segment, article.published, hint)
        for span in spans:
            if span.first is None and span.kind in ("weekday", "relative", "day"):
                unplaced = True  # a day the text gives but we cannot place: nothing may be derived over it
            if span.first is None or span.kind == "month":
                continue
            position = a + span.start
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
                         re.IGNORECASE):
                ends.append((1, span.first, sentence))
                continue
            start_verb = _verb_before(text, position, c_a, _START_VERB)
            end_verb = _verb_before(text, position, c_a, _END_VERB)
            speech = _verb_before(text, position, c_a, _SPEECH)
            after_verb = _START_VERB.match(after.lstrip()) or re.match(r"^\s*(?:is|are)?\s*(?:set|due|scheduled|expected) to (?:begin|start|kick off)", after)
            # "..., the ministry said" after a comma is an attribution of the whole clause, not the date's verb
            speech_after = re.match(r"^\s+(?:the\s+\w+\s+)?(?:said|told|reported|announced)", after)
            if not (start_verb or end_verb or speech):
                # "have begun joint drills, known as 'X', on Monday": look past the apposition
                sentence_start = a
                start_verb = _verb_before(text, position, sentence_start, _START_VERB)
                end_verb = _verb_before(text, position, sentence_start, _END_VERB)
                speech = _verb_before(text, position, sentence_start, _SPEECH)
            nearest = max(
                [(m.end(), kind) for m, kind in ((start_verb, "start"), (end_verb, "end"), (speech, "speech")) if m],
                default=None,
            )
            if nearest and nearest[1] == "end":
                ends.append((2, span.first, sentence))
            elif nearest and nearest[1] == "start":
                starts.append((2, span.first, sentence))
            elif after_verb and not speech_after:
                starts.append((2, span.first, sentence))
            elif _opening_clause(segment, span, clause) is not clause and re.search(
                r"\b(?:started|began|launched|kicked off|(?:is|are)\s+(?:\w+ing\b[^.;]{0,60}?\bto\s+)?(?:conduct|hold|stage)\w*)",
                _opening_clause(segment, span, clause)[:160], re.IGNORECASE,
            ):
                starts.append((3, span.first, sentence))  # "Today (Oct. 14), the command is ... to conduct drills"
            elif _SINGLE_DAY_VERB.search(_opening_clause(segment, span, clause)) and not speech and not speech_after and \
                    re.search(r"\b(?:exercise|drill|patrol|manoeuvre|maneuver|war ?game)", _opening_clause(segment, span, clause),
                              re.IGNORECASE):
                single_days.append((span.first, sentence))
            elif (speech or speech_after) and _PRESENT_PERFECT_START.search(segment):
                starts.append((4, span.first, sentence))
        for duration in find_durations(segment):
            if not duration.approximate:
                durations.append((duration.days, sentence))
    start = min(starts, key=lambda item: (item[0], item[1]))[1] if starts else None
    end = min(ends, key=lambda item: (item[0], -item[1].toordinal()))[1] if ends else None
    if start is None and single_days:
        start = single_days[0][0]
        if end is None and not durations:
            end = start
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


# ---------------------------------------------------------------- phases

_PHASE = re.compile(
    r"(?:the\s+)?(?:[\"“‘](?P<quoted>[^\"”’]{3,40})[\"”’]\s+phase|"
    r"(?P<ordinal>first|second|third|fourth|final|main|active|initial|last|practical|sea|harbou?r|land|air|"
    r"field|live|preparatory|command|theoretical)\s+phase|"
    r"[Pp]hase\s+(?P<number>one|two|three|four|1|2|3|4|I{1,3}|IV))",
    re.IGNORECASE,
)


def _phases(draft: _Draft, article: Article) -> list[Phase]:
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
                if _END_VERB.search(window[: span.start]):
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


# ---------------------------------------------------------------- troops and equipment

_TROOPS = re.compile(
    r"(?P<claim>(?:(?i:around|about|some|up to|more than|over|almost|nearly|roughly|approximately|"
    r"an expected|an estimated|at least|as many as|a total of|total of)\s+)?"
    r"(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s*(?:thousand|million))?|\d+)\s+"
    r"(?:[A-Z][\w\-]*\s+|combat\s+|military\s+|foreign\s+|allied\s+)?"
    r"(?i:troops|soldiers|servicemen|service members|servicemembers|military personnel|personnel|"
    r"paratroopers|sailors|marines|participants|combat troops))\b",
)
_EQUIPMENT_CODE = re.compile(
    r"\b(?P<code>(?:S|Su|SU|MiG|F|Tu|TU|Il|IL|J|JH|H|B|KJ|Y|Z|CV|MV|KC|C|A|E|P|AH|UH|CH|MH|T|BMP|BTR|"
    r"Tor|Buk|Mi|Ka|Yak|An|HQ|DF|K|M|RS)-\d{1,3}[A-Z]{0,3}(?:/[A-Z]{1,2})?)(?:s\b)?"
)
_EQUIPMENT_NAMES = re.compile(
    r"\b(?:Iskander(?:-M)?|Bayraktar(?: TB2)?|Javelin|NLAW|HIMARS|Patriot|Pantsir(?:-S1)?|Kinzhal|Kalibr|"
    r"Osprey|Eurofighter Typhoon|Typhoon|Rafale|Gripen|Leopard(?: 2)?|Abrams|Bradley|Stryker|Apache|"
    r"Black Hawk|Chinook|Tornado|Harrier|Tomahawk|Harpoon|Aegis|THAAD|Avangard|Sarmat|Yars|Topol(?:-M)?|"
    r"Bulava|Zircon|Tsirkon|Onyx|Kh-\d+\w*|Shahed|ATMOS|Caesar|Krab|K9 Thunder|Reaper|Global Hawk|"
    r"Poseidon|Hawkeye|Super Hornet|Hornet|Lightning II|Tu-\d+\w*)\b"
)


def _parse_count(raw: str) -> int | None:
    raw = raw.replace(",", "").strip()
    multiplier = 1
    if raw.endswith("thousand"):
        multiplier, raw = 1000, raw.removesuffix("thousand").strip()
    elif raw.endswith("million"):
        multiplier, raw = 1_000_000, raw.removesuffix("million").strip()
    try:
        return int(float(raw) * multiplier)
    except ValueError:
        return None


def _troops(draft: _Draft, article: Article) -> list[TroopClaim]:
    claims: list[TroopClaim] = []
    seen: set[str] = set()
    for sentence, a, b in draft.segments:
        for match in _TROOPS.finditer(article.text[a:b]):
            count = _parse_count(match["number"])
            if not count or count < 10:
                continue
            claim = match["claim"].strip()
            if claim in seen:
                continue
            seen.add(claim)
            claims.append(TroopClaim(count=count, text=claim, evidence=evidence_for(article, sentence)))
    return claims


def _equipment(draft: _Draft, article: Article) -> list[str]:
    found: list[str] = []
    for _, a, b in draft.segments:
        segment = article.text[a:b]
        for match in _EQUIPMENT_CODE.finditer(segment):
            code = match["code"]
            code = re.sub(r"^SU-", "Su-", code)
            code = re.sub(r"^TU-", "Tu-", code)
            if re.fullmatch(r"(?:COVID|Zapad|Tsentr)-\d+", code):
                continue
            found.append(code)
        found.extend(m.group(0) for m in _EQUIPMENT_NAMES.finditer(segment))
    unique: list[str] = []
    for item in found:
        if item.lower() not in {u.lower() for u in unique}:
            unique.append(item)
    return unique


# ---------------------------------------------------------------- locations


_AUXILIARIES = {
    "is", "are", "was", "were", "be", "been", "being", "will", "would", "has", "have", "had", "can", "could",
    "should", "may", "might", "must", "shall", "do", "does", "did",
}


_IRREGULAR_VERBS = {
    "met", "meet", "meets", "went", "came", "saw", "said", "says", "told", "took", "gave", "made", "held", "began",
    "begun", "ran", "flew", "sent", "left", "got", "put", "led", "won", "lost", "spoke", "wrote", "brought",
    "thought", "found", "stood", "kept", "visit", "visits", "sign", "signs", "signed",
}


def _phrase_reaches(text: str, prep_end: int, target_start: int, toponyms: list[Toponym]) -> bool:
    """Does the place phrase opened by a preposition at ``prep_end`` run on to ``target_start``?

    The phrase may hold other place names, glue words ("the surrounding areas
    of", "including", "as well as") and short lists, but no verb-like word
    and no "from"/"to"/"which" that would start a new phrase.
    """
    gap = text[prep_end:target_start]
    for toponym in toponyms:
        s, e = toponym.mention.start, toponym.mention.end
        if prep_end <= s and e <= target_start:
            gap = gap[: s - prep_end] + " " * (e - s) + gap[e - prep_end:]
    if re.search(r"[.;!?()\"“”]", gap) or _STOP_PHRASE.search(gap):
        return False
    if re.search(r"\s-\s|—", gap):
        return False
    unknown_run = 0
    for word in re.findall(r"[A-Za-z][\w'’\-]*|\d+", gap):
        lower = word.lower().strip("'’")
        if lower in _AUXILIARIES or lower in _IRREGULAR_VERBS or (lower.endswith(("ing", "ed")) and lower not in _PHRASE_GLUE
                                     and lower not in {"designated", "surrounding", "including"}):
            return False  # a verb: the phrase has ended and a new clause begun
        if lower in _PHRASE_GLUE or word[0].isupper() or word.isdigit() or lower.endswith("'s"):
            unknown_run = 0
            continue
        unknown_run += 1
        if unknown_run > 2:
            return False
    return len(gap) < 420


_PREP = re.compile(
    rf"\b(?:{_LOCATIVE}|(?<=moved )to|(?<=shifted )to|(?<=relocated )to|(?<=deployed )to|(?<=redeployed )to|"
    rf"(?<=headed )to|(?<=dispatched )to)\b",
    re.IGNORECASE,
)
_WEEKDAY_OR_MONTH = re.compile(
    r"^\s*(?:the\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
    r"May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"\d+|the eve|the sidelines|behalf|the occasion|condition|the phone|the issue|the way|the basis|the day)\b"
)


def _is_generic_cue(word: str) -> bool:
    """Verbs any event can take ("take place", "held"): they say nothing about which event it is."""
    return bool(re.fullmatch(r"take place|takes place|took place|taking place|taken place|held|hold|holds|holding|"
                             r"underway|under way|begin|began|begun|beginning|start|started|starts|starting|"
                             r"continue|continues|run|runs|ran|running", word, re.IGNORECASE))


def _drill_role(text: str, a: int, b: int, toponym: Toponym, toponyms: list[Toponym],
                exercise_spans: list[tuple[int, int]]) -> bool:
    """Is this place where the exercise happens (a locative phrase that an exercise word governs)?"""
    start = toponym.mention.start
    if toponym.mention.hint == "demonym":
        return False  # "Russian troops": a country as an actor, not a place
    if countries_of(toponym.place) and re.match(rf"^(?:['’]s?)?\s+(?:{_FORCE_NOUN})\b",
                                                text[toponym.mention.end: toponym.mention.end + 30], re.IGNORECASE):
        return False  # "U.S. forces", "Japan's navy": an actor again
    left = text[max(a, start - 60): start]
    if _SHIP_BEFORE.search(left):
        return False
    if _CONTEXT_BEFORE.search(text[max(a, start - 40): start]):
        return False
    if _HOME_BASE_AFTER.match(text[toponym.mention.end: toponym.mention.end + 60]):
        return False
    segment = text[a:b]
    c_a, c_b = clause_bounds(segment, start - a)
    clause_start, clause_end = a + c_a, a + c_b
    # The nearest preposition that opens a phrase reaching this place.
    preps = [m for m in _PREP.finditer(text, clause_start, start)
             if not _WEEKDAY_OR_MONTH.match(text[m.end(): m.end() + 14])]
    names = [(s_, e_) for s_, e_ in exercise_spans if text[s_:s_ + 1].isupper()]
    reach = [m for m in preps if _phrase_reaches(text, m.end(), start, toponyms)
             and not any(m.end() <= s_ < start for s_, _ in names)]  # "in UNITAS 2017, U.S. ..."
    extent = re.search(r"\b(?:stretch\w*|extend\w*|spann?\w*|rang\w*|cover\w*)\s+(?:[\w.,]+\s+){0,6}?from\s+",
                       text[clause_start:start], re.IGNORECASE)
    # "at the Brestsky training ground": a range or base in a sentence about the drill
    words = text[start: min(clause_end, toponym.mention.end + 30)]
    # Only military sites count here: "the White House said" is a government, not a range.
    if _FACILITY_WORD.match(words[len(toponym.mention.text):].lstrip()) or \
            _FACILITY_WORD.search(toponym.mention.text):
        before = text[max(clause_start, start - 30): start]
        return not re.search(r"\b(?:from|to)\s+(?:the\s+)?(?:[\w.’']+\s+){0,4}$", before, re.IGNORECASE)
    if not reach and re.match(r"(?:north|south|east|west)\w*(?:\s+part)?\s+of\b", toponym.mention.text, re.IGNORECASE):
        # The recogniser kept "east of Taiwan" whole: the phrase opens the mention itself.
        reach = [re.compile(r"").match(text, start)]  # an empty match standing at the mention's start
    if extent and not reach:
        # "the battlefield stretches from X across Y to Z": every place of the extent is a drill area
        gap = text[clause_start + extent.end(): start]
        words = re.findall(r"[A-Za-z]+", gap)
        return not re.search(r"[.;]", gap) and len(words) <= 30 and not any(w.lower() in _AUXILIARIES for w in words)
    if not reach:
        # "will even involve Norfolk Island": a place (not a country, which would be a participant)
        before = text[max(clause_start, start - 45): start]
        if toponym.place is not None and re.search(r"\b(?:involv\w*|includ\w*)\s+(?:the\s+)?$", before, re.IGNORECASE) \
                and not _PARTICIPATION.search(before):
            return bool(_REFERS.search(segment) or any(a <= s_ < b for s_, _ in exercise_spans))
        return False
    prep = reach[0] if reach else None
    if prep is not None and prep.group(0).lower() == "between" and countries_of(toponym.place):
        return False  # "cooperation between India and the USA": partners, not a place
    head_start = prep.start() if prep else extent.start() + clause_start  # type: ignore[union-attr]
    # A sentence-opening place phrase ("In the Caspian Sea, forces will practise ...") belongs to
    # the main clause after it.
    if prep is not None and text[clause_start:prep.start()].strip() == "" and clause_start == a:
        rest = segment[start - a:]
        return bool(_DRILL_CUE.search(rest[:160]) or _EXERCISE_WORDS.search(rest[:160]))
    governor = text[clause_start:head_start]
    if re.fullmatch(r"\s*(?:and|or|as well as|as_well_as|but also|plus)\s*", governor) and clause_start > a:
        # ", and in designated areas of the sea": the phrase shares the verb of the clause before
        previous_start, _ = clause_bounds(segment, max(0, clause_start - a - 3))
        clause_start = a + previous_start
        governor = text[clause_start:head_start]
    cue_window = governor[-55:]
    cues = list(_DRILL_CUE.finditer(cue_window))
    other_event = list(_OTHER_EVENT.finditer(cue_window))
    exercise_nouns = list(_EXERCISE_WORDS.finditer(cue_window))
    last_cue = max([m.start() for m in exercise_nouns] + [m.start() for m in cues if not _is_generic_cue(m.group(0))],
                   default=-1)
    if other_event and other_event[-1].start() > last_cue:
        return False  # "meetings are taking place in Berlin": the verb belongs to another event
    named_here = any(max(clause_start, head_start - 55) <= s < head_start for s, _ in exercise_spans)
    if not cues and not named_here:
        if prep is not None and re.search(r"\b(?:involve|include)\w*\s*$", governor):
            return True
        return False
    # A "based in"/"headquartered in" governor makes a home base, unless the exercise itself is based there.
    if re.search(r"\b(?:based|headquartered|stationed)\s+$", governor, re.IGNORECASE):
        return bool(re.search(r"\b(?:exercise|drills?|training)\s+(?:will\s+be\s+|is\s+|are\s+)?based\s+$", governor,
                              re.IGNORECASE))
    return True


def _border_locations(article: Article, draft: _Draft, toponyms: list[Toponym],
                      exercise_spans: list[tuple[int, int]]) -> list[tuple[Place, str, Sentence, set[int]]]:
    """"On Belarus' western border, which it shares with Poland and Lithuania": one border each.

    The owner is a country named with "'s ... border" or the first country of
    a border the recogniser found; the partners are the countries after "shares
    with"/"with" in the same sentence (a group gives each member that touches).
    """
    from geo import geometry

    text = article.text
    found: list[tuple[Place, str, Sentence, set[int]]] = []
    for sentence, a, b in draft.segments:
        for toponym in _in_span(toponyms, a, b):
            place = toponym.place
            if place is None:
                continue
            if place.kind == "border" and place.country:
                owner, phrase_end = place.country, toponym.mention.end
            else:
                owners = countries_of(place)
                if len(owners) != 1:
                    continue
                after = text[toponym.mention.end: b]
                match = re.match(
                    r"(?:['’]s?|['’])\s*(?:(?:north|south|east|west)\w*\s*(?:(?:and|,)\s*)?){0,3}borders?\b", after,
                    re.IGNORECASE,
                )
                if not match:
                    continue
                owner, phrase_end = owners[0], toponym.mention.end + match.end()
            if not _drill_role(text, a, b, toponym, toponyms, exercise_spans):
                continue
            tail = text[phrase_end: b]
            with_match = re.match(r"[^.;]{0,40}?\b(?:shares? with|with)\b", tail)
            if not with_match:
                continue
            partners: list[tuple[str, Toponym]] = []
            for other in _in_span(toponyms, phrase_end + with_match.end(), b):
                gap = text[phrase_end + with_match.end(): other.mention.start]
                if re.search(r"[.;]|\bfrom\b", gap):
                    break
                for code in countries_of(other.place):
                    if code != owner:
                        partners.append((code, other))
            mention = text[toponym.mention.start: phrase_end].strip()
            used: set[int] = {toponym.mention.start}
            for code, other in partners:
                border = geometry.border_place(owner, code)
                if border is None:
                    continue
                used.add(other.mention.start)
                found.append((border, mention, sentence, set(used)))
    return found


def _locations(article: Article, draft: _Draft, toponyms: list[Toponym],
               all_drafts: list[_Draft]) -> list[EventLocation]:
    text = article.text
    exercise_spans = [(m.start, m.end) for d in all_drafts for m in d.mentions]
    exercise_spans += [(m.start(), m.end()) for m in _EXERCISE_WORDS.finditer(text)]
    locations: list[EventLocation] = []
    seen: set[tuple[str, str, int]] = set()
    border_hits = _border_locations(article, draft, toponyms, exercise_spans)
    border_mentions: set[int] = set()
    for place, mention, sentence, used in border_hits:
        border_mentions |= used
        key = (place.name, "drill", sentence.start)
        if key not in seen:
            seen.add(key)
            locations.append(EventLocation(place, "drill", mention, evidence_for(article, sentence)))
    equipment_spans = [(m.start(), m.end()) for m in _EQUIPMENT_NAMES.finditer(text)]
    equipment_spans += [(m.start(), m.end()) for m in _EQUIPMENT_CODE.finditer(text)]
    # Words of an exercise name ("Bright Star", "Aurora") are no places, whatever the gazetteer says.
    equipment_spans += [(m.start, m.end) for d in all_drafts for m in d.mentions]
    for sentence, a, b in draft.segments:
        segment_toponyms = [t for t in _in_span(toponyms, a, b)
                            if not any(x <= t.mention.start < y for x, y in equipment_spans)]
        drill_here = [t for t in segment_toponyms if t.place is not None and
                      _drill_role(text, a, b, t, toponyms, exercise_spans)]
        drill_here = _continue_lists(text, segment_toponyms, drill_here)
        drill_here = _drop_reference_points(text, drill_here)
        # "Russia's Interfax", "Japan's navy": a possessive names an owner, not the site
        drill_here = [t for t in drill_here if not re.match(
            r"['’]s?\s+(?!(?:north|south|east|west|central)\w*\b|borders?\b)", text[t.mention.end: t.mention.end + 20],
            re.IGNORECASE) or not countries_of(t.place)]
        for toponym in segment_toponyms:
            if toponym.place is None:
                continue
            is_drill = toponym in drill_here and toponym.mention.start not in border_mentions
            if not is_drill and names_an_organisation(text, toponym.mention.end):
                continue  # "the Shanghai Cooperation Organization": no place to draw
            role = "drill" if is_drill else "context"
            key = (toponym.place.name, role, sentence.start)
            if key in seen:
                continue
            seen.add(key)
            evidence = evidence_for(article, sentence)
            locations.append(EventLocation(toponym.place, role, toponym.mention.text, evidence))
    return _drop_towns_beside_ranges(_dedupe_locations(locations))


def _km(a: Place, b: Place) -> float:
    from math import asin, cos, radians, sin, sqrt

    dlat, dlon = radians(b.lat - a.lat), radians(b.lon - a.lon)
    h = sin(dlat / 2) ** 2 + cos(radians(a.lat)) * cos(radians(b.lat)) * sin(dlon / 2) ** 2
    return 2 * 6371.0 * asin(sqrt(h))


def _drop_towns_beside_ranges(locations: list[EventLocation]) -> list[EventLocation]:
    """A range "near Brest" and Brest itself are one site: keep the range, the more precise of the two."""
    ranges = [loc.place for loc in locations if loc.role == "drill" and loc.place.kind == "facility"]
    kept = []
    for location in locations:
        if location.role == "drill" and location.place.kind == "city" and any(
            _km(location.place, r) < 25 for r in ranges
        ):
            kept.append(replace(location, role="context"))
            continue
        kept.append(location)
    return kept


_LIST_LINK = re.compile(
    r"^\s*(?:,|and|or|as well as|plus|,\s*and|,\s*as well as)\s*(?:in\s+|at\s+|on\s+|around\s+)?(?:the\s+)?"
    r"(?:(?:island|islands|port|city|town|region|waters|coast|base) of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)


def _continue_lists(text: str, toponyms: list[Toponym], drill: list[Toponym]) -> list[Toponym]:
    """"Over Belgium, the United Kingdom, and the North Sea": a list goes on after a comma."""
    drill = list(drill)
    ordered = [t for t in toponyms if t.place is not None]
    for previous, current in zip(ordered, ordered[1:]):
        if previous in drill and current not in drill and current.mention.hint != "demonym":
            if _LIST_LINK.match(text[previous.mention.end: current.mention.start]):
                drill.append(current)
    return drill


def _drop_reference_points(text: str, drill: list[Toponym]) -> list[Toponym]:
    """"At the base, west of Alexandria": a city after "west of" locates another site, it is not one."""
    if len(drill) < 2:
        return drill
    kept = []
    for toponym in drill:
        before = text[max(0, toponym.mention.start - 30): toponym.mention.start]
        if _DIRECTION_OF.search(before) and re.search(r",\s*(?:\w+\s+){0,1}\w+\s+of\s+(?:the\s+)?$", before):
            continue
        kept.append(toponym)
    return kept


def _dedupe_locations(locations: list[EventLocation]) -> list[EventLocation]:
    """One entry per place and role; a place that is a drill site anywhere is not also context."""
    drill_names = {loc.place.name for loc in locations if loc.role == "drill"}
    out: list[EventLocation] = []
    seen: set[tuple[str, str]] = set()
    for location in locations:
        if location.role == "context" and location.place.name in drill_names:
            continue
        key = (location.place.name, location.role)
        if key in seen:
            continue
        seen.add(key)
        out.append(location)
    return out


def _hosts(locations: list[EventLocation]) -> tuple[str, ...]:
    """The country an exercise is held in takes part in it (the host nation)."""
    hosts: list[str] = []
    for location in locations:
        if location.role != "drill":
            continue
        place = location.place
        if place.kind == "sea":
            continue
        if re.search(rf"\b(?:(?:north|south|east|west)\w*\s+of|around|near|off|surrounding|encircling|close to)\s+"
                     rf"(?:the\s+)?(?:coast\s+of\s+)?{re.escape(location.mention)}",
                     location.evidence.sentence, re.IGNORECASE):
            continue  # "east of Taiwan", "around Taiwan": a reference point, not the host
        if place.kind == "group":
            continue  # "the Caucasus": a region that happens to span countries, not a host
        if place.kind == "country":
            hosts.extend(countries_of(place))
        # A town or range gives no host: a river read as a town abroad would add a country.
    return tuple(hosts)


# ---------------------------------------------------------------- assembly


def _build(article: Article, draft: _Draft, toponyms: list[Toponym], drafts: list[_Draft]) -> Exercise | None:
    if not draft.segments:
        if draft.name is None:
            return None
    start, end, date_sentences = _date_facts(draft, article)
    phases = _phases(draft, article)
    phases += [p for p in draft.phases if p.name not in {q.name for q in phases}]
    dated = [p for p in phases if p.start]
    if start is None and dated:
        start = min(p.start for p in dated if p.start)
        ends = [p.end for p in dated if p.end]
        if end is None and ends and len(ends) == len(dated):
            end = max(ends)
    if start and dated and len(dated) >= 2 and all(p.end for p in dated):
        end = max(end or start, *[p.end for p in dated if p.end])
    if end and dated:
        # The last phase that has begun runs to the exercise's end ("the active phase ... until Feb. 20").
        last = max(dated, key=lambda p: p.start or date.min)
        if last.end is None and last.start and last.start <= end:
            phases = [replace(p, end=end) if p is last else p for p in phases]
    locations = _locations(article, draft, toponyms, drafts)
    if draft.home is not None and draft.home.place is not None and not any(l.role == "drill" for l in locations):
        first = draft.sentences[0]
        home = EventLocation(draft.home.place, "drill", draft.home.mention.text, evidence_for(article, first))
        locations = [home] + [l for l in locations if l.place.name != draft.home.place.name]
    hosts = _hosts(locations)
    participants = set(_participants(draft, toponyms, article.text)) | set(hosts)
    sources: list[Evidence] = []
    for sentence in draft.sentences:
        if any(sentence.start <= m.start < sentence.end for m in draft.mentions) or sentence in date_sentences:
            sources.append(evidence_for(article, sentence))
    if not sources and draft.sentences:
        sources.append(evidence_for(article, draft.sentences[0]))
    return Exercise(
        name=draft.name,
        start=start,
        end=end,
        participants=tuple(sorted(participants)),
        locations=tuple(locations),
        phases=tuple(phases),
        troops=tuple(_troops(draft, article)),
        equipment=tuple(_equipment(draft, article)),
        sources=tuple(dict.fromkeys(sources)),
        articles=(article.path,),
    )


# ---------------------------------------------------------------- merging


def _edition_of(exercise: Exercise) -> str | None:
    return split_edition(name_key(exercise.name))[1] if exercise.name else None


def _same_exercise(a: Exercise, b: Exercise) -> bool:
    if a.name and b.name:
        base_a, edition_a = split_edition(name_key(a.name))
        base_b, edition_b = split_edition(name_key(b.name))
        if base_a != base_b:
            # Transliterations differ by a letter ("Anakonda 2016", "Anaconda-16"): same edition, near-same name.
            from difflib import SequenceMatcher

            similar = SequenceMatcher(None, base_a, base_b).ratio() >= 0.85
            return similar and edition_a is not None and edition_a == edition_b
        if edition_a and edition_b:
            return edition_a == edition_b
        # One report writes the edition, another does not: the same when their dates agree.
        return _dates_overlap(a, b, days=3) or not (a.start and b.start) or (
            a.start is not None and b.start is not None and a.start.year == b.start.year
        )
    if a.name or b.name:
        return False
    if not (a.start and b.start):
        return False
    shared = set(a.participants) & set(b.participants)
    union = set(a.participants) | set(b.participants)
    return _dates_overlap(a, b, days=1) and (not union or len(shared) / len(union) >= 0.5)


def _dates_overlap(a: Exercise, b: Exercise, days: int) -> bool:
    if not (a.start and b.start):
        return False
    a_end, b_end = a.end or a.start, b.end or b.start
    return a.start.toordinal() - days <= b_end.toordinal() and b.start.toordinal() - days <= a_end.toordinal()


def _merge_pair(a: Exercise, b: Exercise) -> Exercise:
    name = a.name
    if a.name and b.name and _edition_of(b) and not _edition_of(a):
        name = b.name
    locations = list(a.locations)
    for location in b.locations:
        if not any(l.place.name == location.place.name and l.role == location.role for l in locations):
            locations.append(location)
    phases = list(a.phases) + [p for p in b.phases if p.name not in {q.name for q in a.phases}]
    troops = list(a.troops) + [t for t in b.troops if t.text not in {u.text for u in a.troops}]
    equipment = list(a.equipment) + [e for e in b.equipment if e not in a.equipment]
    return Exercise(
        name=name,
        start=a.start or b.start,
        end=a.end or b.end,
        participants=tuple(sorted(set(a.participants) | set(b.participants))),
        locations=tuple(_dedupe_locations(locations)),
        phases=tuple(phases),
        troops=tuple(troops),
        equipment=tuple(equipment),
        sources=tuple(dict.fromkeys(a.sources + b.sources)),
        articles=tuple(dict.fromkeys(a.articles + b.articles)),
    )


def merge_exercises(exercises: list[Exercise]) -> list[Exercise]:
    """The same exercise reported by several articles becomes one, with every source.

    Same normalised name (editions must agree when both are written), or both
    unnamed with overlapping dates and mostly the same participants. Dates: the
    first report that gives one (reports rarely disagree; when they do the
    sources show it).
    """
    merged: list[Exercise] = []
    for exercise in exercises:
        for index, existing in enumerate(merged):
            if _same_exercise(existing, exercise):
                merged[index] = _merge_pair(existing, exercise)
                break
        else:
            merged.append(exercise)
    return merged


# ---------------------------------------------------------------- milestones

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
