"""Exercise names: naming cues, "Name 2024" editions, name keys, and grouping mentions into drafts."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from geo.core.model import Phase, Toponym
from geo.events.sentences import Sentence, is_heading, is_title_case, split_sentences, without_spans
from geo.events.vocabulary import (
    CLOSE_Q,
    EDITION,
    EXERCISE_WORDS,
    INSTITUTION_WORDS,
    NAME,
    NAME_HEAD,
    NAME_WORD,
    NOT_NAME_WORDS,
    OPEN_Q,
)


@dataclass(frozen=True)
class NameMention:
    name: str
    start: int
    end: int
    strong: bool  # found by a naming cue or next to an exercise noun (not just "Name 2024")


@dataclass
class Draft:
    """An exercise while its article is being read (mutable on purpose, never returned)."""

    name: str | None
    key: str
    mentions: list[NameMention] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    segments: list[tuple[Sentence, int, int]] = field(default_factory=list)  # text ranges owned
    phases: list[Phase] = field(default_factory=list)
    home: Toponym | None = None  # a country holding "its own" drills, at home unless a place is named


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=65536)  # merging 10k exercises asks for the same names tens of thousands of times
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
    match = re.fullmatch(r"(.*?)\s+((?:19|20)\d\d[a-z]?|[ivxlc]{2,6}|\d|[ivx])", key)  # "medusa 9", "shaheen x"
    if match and match.group(1):
        return match.group(1), match.group(2)
    return key, None


def clean_name(raw: str) -> str | None:
    name = raw.strip().strip(OPEN_Q + CLOSE_Q + " ,.;:")
    name = re.sub(r"\s+", " ", name)
    name = re.sub(r"(?:['’]s)$", "", name)
    # "NATO's Steadfast Defender 2024", "China's Joint Sword": the owner is no part of the name
    name = re.sub(r"^(?:[A-Z][\w.\-]*\s+){0,2}[A-Z][\w.\-]*['’]s\s+(?=[A-Z])", "", name)
    words = name.split(" ")
    # Leading articles and generic adjectives go; a leading "Northern" or "Pacific" is part of a name.
    while len(words) > 1 and words[0].lower() in NOT_NAME_WORDS and words[0].lower() not in _NAME_STARTERS:
        words = words[1:]
    if words and words[0].lower() in NOT_NAME_WORDS and words[0].lower() not in _NAME_STARTERS:
        words = []
    while words and words[-1].lower() in {"and", "or", "of", "the", "exercise", "exercises", "drills", "drill"}:
        words = words[:-1]
    name = " ".join(words)
    if not name or not re.match(r"[A-Z]", name):
        return None
    if re.match(r"(?:Supreme\s+)?(?:Commander|Comandante|President|General|Admiral|Marshal|Hero)\s+[A-Z]", name):
        return None  # "Supreme Commander Hugo ...": a dedication to a person, not the exercise's name
    if re.fullmatch(r"[\d\s\-–]+", name):
        return None
    lowered = [w.lower().strip("'’") for w in re.split(r"[\s\-–]+", name)]
    if all(w in NOT_NAME_WORDS or re.fullmatch(r"\d+", w) for w in lowered):
        return None
    # "European Union", "Union State" are institutions; a leading name starter stays ("Union Shield")
    institutional = [w for i, w in enumerate(lowered) if w in INSTITUTION_WORDS and not (i == 0 and w in _NAME_STARTERS)]
    if institutional and not re.search(r"\d", name):
        return None
    return name


# Words that may open an exercise name although they are no name on their own.
_NAME_STARTERS = {
    "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west", "pacific",
    "atlantic", "allied", "union", "special", "joint", "coast", "space", "cyber", "rocket", "ground",
    "cold", "winter", "summer", "spring", "autumn", "fall", "new", "steadfast",
}

CUE_NAME = re.compile(
    rf"(?<!so-)(?<!so )\b(?i:dubbed|code-?named|codenamed|called|named|known as|designated|titled|christened|"
    rf"under the (?:code ?)?name|codename|code name)\s+(?i:as\s+)?(?:the\s+)?[{OPEN_Q}]?\s*(?P<name>{NAME})"
    rf"(?:\s*[{CLOSE_Q}])?(?P<more>(?:\s*(?:,|and)\s*[{OPEN_Q}]?(?:{NAME})[{CLOSE_Q}]?)*)"
)
_QUOTED = re.compile(rf"[{OPEN_Q}]\s*(?P<name>{NAME})\s*[,.]?\s*[{CLOSE_Q}]")
_NOUN_THEN_NAME = re.compile(
    rf"\b(?:[Ee]xercises?|[Dd]rills?|[Mm]anoeuvres|[Mm]aneuvers|[Ww]ar ?games|[Oo]peration)\s+"
    rf"[{OPEN_Q}]?(?P<name>{NAME})"
)
MODIFIER = (
    r"(?:joint|military|strategic|command|and|staff|command-and-staff|naval|air|land|sea|annual|large-scale|"
    r"live-fire|live|fire|tactical|nuclear|multinational|international|combined|bilateral|trilateral|"
    r"field|training|amphibious|anti-terror(?:ist|ism)?|counter-terror(?:ist|ism)?|special|forces|aerial|"
    r"maritime|defensive|defense|defence|readiness|combat|army|navy|airborne|missile|exercise|[a-z]+-[a-z]+)"
)
NAME_THEN_NOUN = re.compile(
    rf"(?P<name>{NAME})(?:\s*\((?P<alias>[^()]{{2,30}})\))?(?:,\s*or\s+[A-Z][\w\-]*,)?\s+"
    rf"(?:{MODIFIER}\s+){{0,5}}(?:{NAME_HEAD}|Exercises?|Drills?)\b"  # "the Bolivarian Shield Exercise"
)
_NAME_EDITION = re.compile(rf"\b(?P<name>{NAME_WORD}(?:[\s\-]+{NAME_WORD}){{0,3}}[\s\-–]+(?:\d{{4}}[A-Z]?|\d\d[A-Z]?))\b(?![.,]\d|\s*(?:%|per|percent|km|miles|kilometers|years|days))")
_COPULA = re.compile(
    rf"\b(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}}{EDITION}?)\s+(?:is|was|will be)\s+"
    rf"(?:a|an|the|one of the|(?:[A-Z][\w.’']*\s+){{0,3}}[A-Z][\w.’']*['’]s)\s+(?:[\w\-’']+\s+){{0,6}}(?:{NAME_HEAD})\b"
)
_TAKE_PART_IN = re.compile(
    rf"\b(?:participat\w+ in|take part in|taking part in|took part in|drills? for|exercises? for|"
    rf"as part of|during|while participating in)\s+(?:the\s+)?(?:this year['’]s\s+)?(?P<name>{NAME})"
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
        if word.group(0).lower() in NOT_NAME_WORDS:
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
        name = clean_name(raw)
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
        has_noun = bool(EXERCISE_WORDS.search(s))
        heading = is_heading(sentence)
        if is_title_case(without_spans(s, base, cover)):
            # In a headline every word is capitalised: only quoted names and editions count there.
            for match in _QUOTED.finditer(s):
                add(match["name"], base + match.start("name"), False)
            for match in _NAME_EDITION.finditer(s):
                add(match["name"], base + match.start("name"), repeated(match["name"]))
            continue
        if has_noun:
            for match in CUE_NAME.finditer(s):
                add(match["name"], base + match.start("name"), True, explicit=True)
                for extra in re.finditer(NAME, match["more"] or ""):
                    add(extra.group(0), base + match.start("more") + extra.start(), True)
            for match in _QUOTED.finditer(s):
                window = s[max(0, match.start() - 40): match.end() + 40]
                if re.search(rf"\b(?:{NAME_HEAD})\b", window, re.IGNORECASE):
                    add(match["name"], base + match.start("name"), True, explicit=True)
        for match in _NOUN_THEN_NAME.finditer(s):
            name = clean_name(match["name"])
            at_start = match.start() == 0
            if not name:
                continue
            if (heading or at_start) and not re.search(r"\d|[A-Z]{3,}", name) and s[match.start()].isupper():
                continue  # "Exercise Timing" as a section heading
            add(match["name"], base + match.start("name"), True)
        for match in NAME_THEN_NOUN.finditer(s):
            raw = match["name"]
            name = clean_name(raw)
            if not name:
                continue
            sentence_initial = s.find(name) == 0
            if sentence_initial and " " not in name and not re.search(r"\d", name):
                if not re.search(rf"(?<!^)\b{re.escape(name)}\b", text[: base] + " " + text[base + len(name):]):
                    continue  # "Naval drills began": a capital only because it starts the sentence
            add(raw, base + match.start("name"), True)
            alias = match["alias"]
            if alias and re.fullmatch(rf"{NAME}", alias.strip()):
                add(alias, base + match.start("alias"), True)
        for match in _COPULA.finditer(s):
            add(match["name"], base + match.start("name"), True)
        for match in _TAKE_PART_IN.finditer(s):
            name = clean_name(match["name"])
            if name and re.search(r"\d", name):
                add(match["name"], base + match.start("name"), True)
            elif name and repeated(name):
                add(match["name"], base + match.start("name"), True)
        for match in _NAME_EDITION.finditer(s):
            four_digits = bool(re.search(r"(?:19|20)\d\d[A-Z]?$", match["name"]))
            add(match["name"], base + match.start("name"), (has_noun and four_digits) or repeated(match["name"]))
    found = _join_slashed(text, _dedupe_mentions(found))
    found = _dedupe_mentions(found + _repeated_mentions(text, found))
    return _without_passing_editions(text, _dedupe_mentions(found + _first_word_mentions(text, found)))


# A past edition named only in comparison: "like Aurora 17 before it", "unlike Zapad 2017", "larger
# than the previous Saber Strike 16", "as during the previous—Aurora 17—military exercise".
_PASSING_BEFORE = re.compile(
    r"(?:\b(?:like|unlike|than|as with)\s+(?:the\s+)?(?:(?:previous|last|earlier|past|former)\s*[—–-]?\s*)?"
    r"|\b(?:the|its|their)\s+(?:previous|last|earlier|past|former)\s*[—–-]?\s*"
    r"|\blast\s+year['’]s\s+)$",
    re.IGNORECASE,
)
_PASSING_AFTER = re.compile(r"^\s*(?:before\s+it|before\s+them|[—–]\s*(?:military\s+)?exercise)\b", re.IGNORECASE)


def _in_passing(text: str, mention: NameMention) -> bool:
    """An edition ("Aurora 17", "Saber Strike 16") named in a comparison with an earlier one."""
    if split_edition(name_key(mention.name))[1] is None:
        return False
    before = text[max(0, mention.start - 40): mention.start]
    return bool(_PASSING_BEFORE.search(before) or _PASSING_AFTER.match(text[mention.end: mention.end + 30]))


def _without_passing_editions(text: str, mentions: list[NameMention]) -> list[NameMention]:
    """Drop a name whose every mention is a past edition named in passing: it is no exercise of this
    article (it carries no date, site or participants of its own). Named once in its own right, it stays."""
    passing: dict[str, bool] = {}
    for mention in mentions:
        key = name_key(mention.name)
        passing[key] = passing.get(key, True) and _in_passing(text, mention)
    return [m for m in mentions if not passing[name_key(m.name)]]


def _join_slashed(text: str, mentions: list[NameMention]) -> list[NameMention]:
    """"ZAPAD/INTERACTION-2021": two names joined by a slash are one exercise's double name
    (each side's name for a joint exercise), not two exercises."""
    joined: list[NameMention] = []
    for mention in mentions:
        before = re.search(rf"(?<![\w/-])({NAME_WORD}(?:[\s\-]+{NAME_WORD}){{0,3}})/$", text[max(0, mention.start - 60): mention.start])
        first = clean_name(before.group(1)) if before else None
        if first and before.group(1).endswith(first) and \
                not (joined and joined[-1].end > mention.start - len(first) - 1):
            # "The Steppe Hawk/Amber Gate 2023 drills": the first name is found through the second
            start = mention.start - len(first) - 1
            mention = NameMention(text[start: mention.end], start, mention.end, mention.strong)
        if joined and text[joined[-1].end: mention.start] == "/":
            last = joined[-1]
            joined[-1] = NameMention(text[last.start: mention.end], last.start, mention.end,
                                     last.strong or mention.strong)
            continue
        joined.append(mention)
    return joined


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
            if len(form) >= 4 and form.lower() not in NOT_NAME_WORDS:
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
        if len(word) < 5 or word.lower() in NOT_NAME_WORDS or not word[0].isupper():
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


def group_names(mentions: list[NameMention], text: str) -> list[Draft]:
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
    drafts: list[Draft] = []
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
            drafts.append(Draft(name=_display_name(members), key=key, mentions=members))
    return _fold_sub_names(drafts)


def _acronym_aliases(mentions: list[NameMention], text: str) -> dict[str, str]:
    """"Rim of the Pacific (RIMPAC)": the acronym and the long form are one name."""
    aliases: dict[str, str] = {}
    for mention in mentions:
        after = text[mention.end: mention.end + 40]
        match = re.match(rf"\s*(?:\(|,\s*or\s+)\s*([A-Z]{{2,10}}|{NAME})\s*(?:\)|,)", after)
        if match:
            aliases[split_edition(name_key(match.group(1)))[0]] = split_edition(name_key(mention.name))[0]
    return aliases


def _display_name(members: list[NameMention]) -> str:
    """The fullest form: with its edition when one is written, else the most frequent."""
    counts = Counter(m.name for m in members)
    with_edition = [n for n in counts if split_edition(name_key(n))[1]]
    pool = with_edition or list(counts)
    return max(pool, key=lambda n: (counts[n], -len(n) if not with_edition else len(n)))


def _fold_sub_names(drafts: list[Draft]) -> list[Draft]:
    """"UNITAS Pacific" inside an article about "UNITAS 2017" is a part of it, kept as a phase."""
    bases = {split_edition(d.key)[0]: d for d in drafts}
    kept: list[Draft] = []
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
