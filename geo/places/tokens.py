"""Words of a text with their offsets, and what the words around a name say about it
(dateline, sentence start, "30 km north of", a compass word before it)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from geo.core.model import PlaceMention
from geo.gazetteer.index import name_key
from geo.places.words import TOKEN


@dataclass
class Document:
    """What the recogniser learns while reading one text."""

    text: str
    tokens: list
    lowercase_words: set[str]
    persons: set[str] = field(default_factory=set)  # name keys seen used as people's names


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def split_tokens(text: str) -> list[Token]:
    tokens = []
    for match in TOKEN.finditer(text):
        word, start = match.group(), match.start()
        # A possessive is not part of the name: "Minsk's" -> "Minsk".
        if word[-2:] in ("'s", "’s") and len(word) > 2:
            word = word[:-2]
        tokens.append(Token(word, start, start + len(word)))
    return tokens


POSSESSIVE_NAME_TAILS = frozenset("bay island islands point harbour harbor sound creek head peak cove".split())


def joinable(text: str, left: Token, right: Token) -> bool:
    gap = text[left.end:right.start]
    if gap in (" ", "-", "‐"):
        return True
    if gap in ("'s ", "’s "):
        # "People's Republic of China", "Richard’s Bay": one name, not "Republic of China" or the
        # region "Bay" (the lookup is longest first and needs the joined name in the index)
        return left.lower == "people" or right.lower in POSSESSIVE_NAME_TAILS
    # "St. Petersburg", "Mt. Hood": an abbreviation dot inside a name.
    return gap in (". ", ".") and left.lower in ("st", "mt", "ft", "pt")


CAMEL = re.compile(r"[a-z][A-Z]")
EDITION = re.compile(r"(?: |-|‐|–)(?:\d{2}|\d{4})\b(?![.,:/]\d)")
CAMEL_PREFIXES = ("Mc", "Mac", "De", "La", "Le", "Di", "Du", "Van", "Von", "St")
SPEECH = re.compile(r"(?:,? (?:who |had |has |also )?(?:said|says|told|added|explained|asked|wrote|argued|noted))\b")


EDITION_NAME = re.compile(r"((?:[A-Z][\w’'-]+ ){0,3}[A-Z][\w’'-]+)(?: |-|‐|–)(?:\d{2}|\d{4})\b(?![.,:/]\d)")


def edition_names(text: str) -> set[str]:
    """Names this text gives an edition number ("Sea Breeze 2021", "Aurora 23"): events, not places.

    A one-word name counts alone; a longer one counts as its two-word and longer
    endings, so "Defender Europe 21" never disqualifies Europe.
    """
    names: set[str] = set()
    for match in EDITION_NAME.finditer(text):
        words = match.group(1).split()
        if len(words) == 1:
            names.add(name_key(words[0]))
        for k in range(len(words) - 1):
            names.add(name_key(" ".join(words[k:])))
    return names


def in_dateline(text: str, first: Token, last: Token) -> bool:
    """An all-capitals name opening a line or sentence, then "," "(" or a dash: "WASHINGTON (AP) -"."""
    line_start = text.rfind("\n", 0, first.start) + 1
    before = text[line_start:first.start]
    opens = not before.strip() or before.isupper() or sentence_start(text, first)
    if not opens:
        return False
    after = text[last.end:last.end + 3]
    return bool(re.match(r"\s*(?:,|\(|[-–—]|:)", after)) or (not before.strip() and bool(re.match(r" [A-Z]", after)))


# "30 km north of Minsk", "east of Taiwan", "some 50 miles south-west of the": where a place is
# said to lie relative to a known one.
RELATIVE_BEFORE = re.compile(
    r"(?:(?:some |about |around |roughly |nearly |just )?\d+(?:[.,]\d+)?\s*-?\s*"
    r"(?:km|kilometers|kilometres|miles|mi)\s+)?"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def with_relative_prefix(text: str, mention: PlaceMention) -> PlaceMention:
    """Extend a plain mention over "30 km north of" before it, so the point can move with it."""
    if mention.hint is not None:  # borders, facilities, regions and demonyms keep their own span
        return mention
    match = RELATIVE_BEFORE.search(text, max(0, mention.start - 45), mention.start)
    if match is None or match.end() != mention.start:
        return mention
    start = match.start()
    if text[start:start + 1].isspace():
        start += 1
    article = re.search(r"\bthe\s+$", text[max(0, start - 5):start], re.IGNORECASE)
    if article:
        if re.match(r"\d", text[start:start + 1]):
            return mention
        start = max(0, start - 5) + article.start()  # "the north of Belarus": a part of it, not beyond it
    return PlaceMention(text[start:mention.end], start, mention.end, mention.hint, mention.country_hint)


COMPASS_WORDS = frozenset(
    "north south east west northern southern eastern western central northeastern northwestern southeastern "
    "southwestern north-eastern north-western south-eastern south-western".split()
)


def compass_prefix(text: str, prev: Token, name: Token) -> bool:
    return prev.lower in COMPASS_WORDS and text[prev.end:name.start] == " "


def sentence_start(text: str, token: Token) -> bool:
    before = text[max(0, token.start - 3):token.start].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?\n:;—–-" or token.start == 0
