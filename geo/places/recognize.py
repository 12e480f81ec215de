"""Stage 2a: find place mentions in text with a gazetteer and rules of news language.

No English NER model on the registries can be trusted here (see STACK.md), so
the recogniser looks up capitalised word runs in the gazetteer, longest first,
and lets the words around a name decide what it is:

* "Brest Oblast", "Kaliningrad region"  -> hint "region"
* "the Brestsky training ground"         -> hint "facility"
* "the Poland-Belarus border", "the Polish border", "Minsk's border with
  Ukraine", "Belarus' western border"   -> hint "border"
* "Belarusian troops"                     -> hint "demonym" (the country)
* "Brest, Belarus", "Springfield, Illinois" -> ``country_hint`` / region hint

and rejects what only looks like a place: people after titles ("President
Jackson"), first names ("Austin Smith"), organisations ("Washington Post"),
common words capitalised at a sentence start ("Reading", "Nice", "Of").
"""

from __future__ import annotations

import re

from geo.core.model import PlaceMention
from geo.gazetteer.index import Gazetteer, load_gazetteer, name_key
from geo.places.tokens import (
    CAMEL,
    CAMEL_PREFIXES,
    EDITION,
    SPEECH,
    Document,
    Token,
    compass_prefix,
    edition_names,
    in_dateline,
    joinable,
    sentence_start,
    split_tokens,
    with_relative_prefix,
)
from geo.places.words import (
    BORDER_AFTER,
    CONNECTORS,
    DIRECTIONS,
    FACILITY,
    FACILITY_PAIR,
    FACILITY_WORDS,
    FIRST_NAMES,
    GENERIC_TAILS,
    LOCAL_UNIT,
    MAX_WORDS,
    NOT_FACILITY_NAMES,
    NOT_PLACES,
    ORG_WORDS,
    REGION_WORDS,
    SHIP_NOUNS,
    SHIP_PREFIXES,
    STOP_WORDS,
    SURNAMES,
    THING_NOUNS,
    TITLES,
    TOKEN,
)


class Recogniser:
    """Finds ``PlaceMention``s; build once per gazetteer and reuse."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gaz = gazetteer or load_gazetteer()
        self._abbreviations_by_first: dict[str, list[str]] = {}
        for abbreviation in sorted(self.gaz.abbreviations, key=len, reverse=True):
            first = TOKEN.match(abbreviation)
            if first:
                self._abbreviations_by_first.setdefault(first.group(), []).append(abbreviation)

    def find(self, text: str) -> list[PlaceMention]:
        tokens = split_tokens(text)
        state = Document(text, tokens, {t.text for t in tokens if t.text.islower()})
        state.persons.update(edition_names(text))
        mentions = self._facilities(text, state.lowercase_words)
        mentions += self._local_units(text, mentions)
        covered = sorted((m.start, m.end) for m in mentions)
        c = 0  # covered spans before this one end before the current token
        i = 0
        while i < len(tokens):
            while c < len(covered) and covered[c][1] <= tokens[i].start:
                c += 1
            if c < len(covered) and covered[c][0] <= tokens[i].start:
                i += 1
                continue
            found = self._abbreviation_at(text, tokens, i) or self._match_at(state, i)
            if found is None:
                i += 1
                continue
            mention, next_i = found
            mentions.append(with_relative_prefix(text, mention))
            i = next_i
        return self._national_guard_states(text, _shared_unit_word(text, sorted(mentions, key=lambda m: m.start)))

    def _national_guard_states(self, text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
        """"Georgia National Guardsmen", "the Georgia Army National Guard": the National Guard is a US
        state's, so the name is that state (not the country of Georgia)."""
        out = []
        for mention in mentions:
            if _NATIONAL_GUARD.match(text, mention.end) and mention.hint is None and any(
                    entry.kind == "region" and entry.country == "USA" for entry, _ in self.gaz.lookup(name_key(mention.text))):
                mention = PlaceMention(mention.text, mention.start, mention.end, "region", "USA")
            out.append(mention)
        return out

    def _abbreviation_at(self, text: str, tokens: list[Token], i: int) -> tuple[PlaceMention, int] | None:
        """"Glasgow, Ky." / "Kelowna, B.C.": an AP-style state or province abbreviation after a comma."""
        after_comma = i > 0 and text[tokens[i - 1].end:tokens[i].start] == ", "
        start = tokens[i].start
        for abbreviation in self._abbreviations_by_first.get(tokens[i].text, ()):
            # "B.C.", "N.J." are unmistakable anywhere; "Ky.", "KY", "Ind." only after a town and a comma.
            dotted = abbreviation.count(".") >= 2
            # "BC" alone is British Columbia unless a year precedes it ("300 BC"); "NSW" is unmistakable.
            if abbreviation == "BC" and not re.search(r"\d\s*$", text[max(0, start - 6):start]):
                dotted = True
            if abbreviation.isupper() and len(abbreviation) >= 3 and abbreviation.isalpha():
                dotted = True
            if not (after_comma or dotted):
                continue
            end = start + len(abbreviation)
            if abbreviation.isalpha() and end < len(text) and text[end].isalnum():
                continue
            if text.startswith(abbreviation, start):
                end = start + len(abbreviation)
                next_i = i
                while next_i < len(tokens) and tokens[next_i].start < end:
                    next_i += 1
                return PlaceMention(abbreviation, start, end, "region", None), next_i
        return None

    def _facilities(self, text: str, lowercase_words: set[str] = frozenset()) -> list[PlaceMention]:
        """"the Brestsky training ground", "the Totsky and Donguz ranges": names before a facility noun."""
        found: list[PlaceMention] = []
        for match in FACILITY_PAIR.finditer(text):
            if self._facility_name_ok(match.group("a")) and self._facility_name_ok(match.group("b")):
                found.append(PlaceMention(match.group("a"), match.start("a"), match.end("a"), "facility", None))
                found.append(PlaceMention(text[match.start("b"):match.end()], match.start("b"), match.end(),
                                          "facility", None))
        for match in FACILITY.finditer(text):
            start, name = match.start(), match.group("name")
            if name.startswith("The "):
                start, name = start + 4, name[4:]
            words = name.split()
            if len(words) == 2 and (words[0].lower() in lowercase_words or not self.gaz.has(name_key(words[0]))) \
                    and name_key(name) not in self.gaz.index:
                # "Visits Mulino Training Ground": a headline's capitals, then the real name
                start, name = start + len(words[0]) + 1, words[1]
            if not name or not self._facility_name_ok(name) or name.lower() in lowercase_words:
                continue
            if any(m.start <= start < m.end or start <= m.start < match.end() for m in found):
                continue
            found.append(PlaceMention(text[start:match.end()], start, match.end(), "facility", None))
        return found

    def _local_units(self, text: str, taken: list[PlaceMention]) -> list[PlaceMention]:
        found = []
        for match in LOCAL_UNIT.finditer(text):
            start, name = match.start(), match.group("name")
            if name.split()[0] in ("The", "A", "In", "Of"):
                start, name = start + len(name.split()[0]) + 1, " ".join(name.split()[1:])
            if not name or name.split()[0].lower() in STOP_WORDS or name.split()[0].lower() in TITLES:
                continue
            if any(m.start < match.end() and start < m.end for m in taken):
                continue
            if match.group(0).endswith("counties") and "-" not in name:
                continue  # "Harju and Tartu counties": the list's region words do it; "Ida-Viru counties" stays whole
            found.append(PlaceMention(text[start:match.end()], start, match.end(), "region", None))
        return found

    @staticmethod
    def _facility_name_ok(name: str) -> bool:
        words = name.lower().split()
        return not (words[0] in STOP_WORDS or name.lower() in TITLES or words[-1] in NOT_FACILITY_NAMES)

    # --- matching -------------------------------------------------------------

    def _match_at(self, doc: Document, i: int) -> tuple[PlaceMention, int] | None:
        text, tokens = doc.text, doc.tokens
        first = tokens[i]
        if not first.capitalised:
            return None
        if i > 0 and tokens[i - 1].lower in TITLES and text[tokens[i - 1].end:first.start] in (" ", ". "):
            doc.persons.add(name_key(first.text))
            return None
        if i > 0 and (tokens[i - 1].lower in SHIP_NOUNS or tokens[i - 1].text in SHIP_PREFIXES) and \
                text[tokens[i - 1].end:first.start] == " ":
            return None  # "the destroyer Urumqi", "USS Chicago": warships are named after places
        if first.text in SHIP_PREFIXES and i + 1 < len(tokens) and tokens[i + 1].capitalised:
            return None  # "HMS" of "HMS Montrose" is no abbreviation of a place
        for j in range(min(len(tokens), i + MAX_WORDS), i, -1):
            span = tokens[i:j]
            if not self._well_formed(text, span):
                continue
            start, end = span[0].start, span[-1].end
            surface = text[start:end]
            key = name_key(surface)
            is_demonym = key in self.gaz.demonyms
            if not (key in self.gaz.index or is_demonym):
                continue
            if not self._acceptable(doc, i, j, surface, key):
                continue
            hint, country_hint, end, next_j = self._context(text, tokens, i, j, end, key, is_demonym)
            if hint is None and i > 0 and (self._has_extent(key) or self._is_sea(key)) and \
                    compass_prefix(text, tokens[i - 1], first):
                start = tokens[i - 1].start  # "western Belarus", "the eastern Mediterranean": a part of the place
            return PlaceMention(text[start:end], start, end, hint, country_hint), next_j
        return None

    def _has_extent(self, key: str) -> bool:
        """A country or region: something with parts ("western Belarus"), unlike a town."""
        return any(e.kind in ("country", "region") and e.gid in self.gaz.extents for e, _ in self.gaz.lookup(key))

    def _is_sea(self, key: str) -> bool:
        """A sea has parts too ("the central Mediterranean"), resolved to the part, not the whole sea."""
        return any(e.kind == "sea" for e, _ in self.gaz.lookup(key))

    def _well_formed(self, text: str, span: list[Token]) -> bool:
        for left, right in zip(span, span[1:]):
            if not joinable(text, left, right):
                return False
        return all(t.capitalised or t.lower in CONNECTORS for t in span[:-1]) and (
            span[-1].capitalised or (len(span) > 1 and span[-1].lower in GENERIC_TAILS)
        )

    def _acceptable(self, doc: Document, i: int, j: int, surface: str, key: str) -> bool:
        """Whether tokens i..j, found in the gazetteer, are used as a place name here."""
        if key in self.gaz.case_sensitive:
            return surface.replace(".", "").isupper()
        letters = surface.replace(".", "").replace(" ", "")
        if letters.isupper() and len(letters) > 1 and not in_dateline(doc.text, doc.tokens[i], doc.tokens[j - 1]):
            return False  # "AL", "NATO", "ID": abbreviations, not names
        if key in NOT_PLACES:
            return False
        if key in self.gaz.demonyms:
            return True
        if j - i == 1 and self._common_word(doc, i, j):
            return False
        major = self._major(key)
        if self._personal_name(doc, i, j, key, major):
            return False
        if EDITION.match(doc.text, doc.tokens[j - 1].end) and not self._is_country(key):
            return False  # "Aurora 23", "Zapad-2025", "Sea Breeze 2021": an exercise or event, not the town
        return major or not self._weak_small_place(doc, j, key)

    def _common_word(self, doc: Document, i: int, j: int) -> bool:
        """A single capitalised word that is an ordinary word here ("Reading", "Mission", "MoD")."""
        text, tokens = doc.text, doc.tokens
        word = tokens[i].lower
        if CAMEL.search(tokens[i].text) and not tokens[i].text.startswith(CAMEL_PREFIXES):
            return True  # "MoD", "VerDi": brands and acronyms, not towns
        if len(word) <= 2 or word in TITLES:
            return True
        region_follows = j < len(tokens) and tokens[j].lower in REGION_WORDS and tokens[j].capitalised
        if word in STOP_WORDS and not region_follows and not self._country_after_comma(text, tokens, j):
            return True
        # A word also written in lower case in this very text is a common word here.
        return word in doc.lowercase_words

    def _personal_name(self, doc: Document, i: int, j: int, key: str, major: bool) -> bool:
        """A person's name that a town shares: "Austin Smith", "Hillary Clinton", "Murphy" alone.

        What is learnt is remembered for the rest of the text (``doc.persons``).
        """
        text, tokens = doc.text, doc.tokens
        if not major and key in doc.persons:
            return True  # a person's name seen here
        if j - i == 1 and (key in SURNAMES or key in FIRST_NAMES) and (not major or self._spelt_otherwise(doc, i, key)):
            return True  # a common given name or surname on its own ("Bush" is not Būsh, Egypt)
        nxt = tokens[j] if j < len(tokens) else None
        if nxt is not None and nxt.capitalised and joinable(text, tokens[j - 1], nxt):
            nxt_key = name_key(nxt.text)
            placeish = (
                nxt.lower in REGION_WORDS
                or self.gaz.has(nxt_key)
                or self._names_an_organisation(text, tokens, j)  # "Slidell PD", "Cavan Town Hall"
            )
            only_alternate = not any(primary for _, primary in self.gaz.lookup(key))
            first_name = key in FIRST_NAMES and not self._is_country(key)
            if not placeish and (not major or only_alternate or first_name):
                doc.persons.add(nxt_key)  # "Austin Smith": Smith is a person from now on
                return True
        prev = tokens[i - 1] if i > 0 else None
        if (
            prev is not None
            and prev.capitalised
            and not prev.text.isupper()  # "CBC Toronto", "CTV Edmonton": an acronym, then the place
            and prev.lower not in STOP_WORDS
            and joinable(text, prev, tokens[i])
            and (not major or not sentence_start(text, prev))
            and prev.lower not in DIRECTIONS
            and prev.lower not in CONNECTORS
            and not self.gaz.has(name_key(prev.text))
            and (not major or ((key in FIRST_NAMES or prev.lower in FIRST_NAMES) and not self._is_country(key)))
        ):
            doc.persons.add(key)
            return True  # "Hillary Clinton", "Andrew Jackson": a surname
        if not major and SPEECH.match(text, tokens[j - 1].end):
            doc.persons.add(key)
            return True  # "Steele said": people speak, small towns rarely do
        return False

    def _spelt_otherwise(self, doc: Document, i: int, key: str) -> bool:
        """Every place of this name is spelt with diacritics the text does not use ("Bush" vs Būsh)."""
        written = doc.tokens[i].text
        entries = [entry for entry, _ in self.gaz.lookup(key)]
        return bool(entries) and written.isascii() and all(
            name_key(entry.name) == key and not entry.name.isascii() for entry in entries
        )

    def _weak_small_place(self, doc: Document, j: int, key: str) -> bool:
        """A small town's name used for a product, or known only as an alternate spelling."""
        tokens = doc.tokens
        nxt = tokens[j] if j < len(tokens) else None
        if nxt is not None and nxt.lower in THING_NOUNS and joinable(doc.text, tokens[j - 1], nxt):
            return True  # "Iskander missiles", "Bayraktar drones": a product named like a town
        # Only an alternate spelling of a small town is too weak on its own.
        entries = self.gaz.lookup(key)
        if not all(not primary and e.population < 50_000 for e, primary in entries):
            return False
        return not self._other_transliteration(doc, j, key, [e for e, _ in entries])

    def _other_transliteration(self, doc: Document, j: int, key: str, entries: list) -> bool:
        """"near Starokonstantinov" in a text about Ukraine: a long single-word alternate spelling (Russian
        vs Ukrainian transliteration) after a locative preposition, of a town in a country the text names."""
        if " " in key or len(key) < 8:
            return False
        if not re.search(r"\b(?:in|near|at|outside|around)\s+$", doc.text[max(0, doc.tokens[j - 1].start - 12):
                                                                             doc.tokens[j - 1].start]):
            return False
        for entry in entries:
            country = self.gaz.country(entry.country) if entry.country else None
            if country is not None and re.search(rf"\b{re.escape(country.name)}\b", doc.text):
                return True
        return False

    @staticmethod
    def _names_an_organisation(text: str, tokens: list[Token], j: int) -> bool:
        """The capitalised words after a name include an organisation word or an acronym."""
        k = j
        while k < len(tokens) and k < j + 4 and tokens[k].capitalised and joinable(text, tokens[k - 1], tokens[k]):
            word = tokens[k]
            if word.lower in ORG_WORDS or (word.text.isupper() and len(word.text) >= 2):
                return True
            k += 1
        return False

    def _major(self, key: str) -> bool:
        """A country, sea, group, well-known region or city of 100,000+: rarely a person's name in news."""
        return any(self._major_entry(e) for e, _ in self.gaz.lookup(key))

    def _major_entry(self, entry) -> bool:  # noqa: ANN001 - gazetteer Entry
        if entry.kind == "city":
            return entry.population >= 100_000
        if entry.kind == "region" and entry.admin1:
            # A parish of a small country ("Paul", "Patrick") is no reason to doubt a first name.
            country = self.gaz.country(entry.country) if entry.country else None
            return country is not None and country.population >= 5_000_000
        return True

    def _is_country(self, key: str) -> bool:
        return any(e.kind == "country" for e, _ in self.gaz.lookup(key))

    def _context(
        self, text: str, tokens: list[Token], i: int, j: int, end: int, key: str, is_demonym: bool
    ) -> tuple[str | None, str | None, int, int]:
        """(hint, country_hint, end offset, next token index) from the words after the name."""
        following = text[end:end + 40]
        lower_following = following.lower()
        word_after = tokens[j].lower if j < len(tokens) else ""
        if (
            not is_demonym
            and word_after in REGION_WORDS
            and joinable(text, tokens[j - 1], tokens[j])
            # "Washington state" is a region; "the Union state", "a Russian state" are not.
            and (word_after not in ("state", "states") or tokens[j].capitalised or self._is_admin1(key))
        ):
            return "region", None, tokens[j].end, j + 1
        for phrase in FACILITY_WORDS:
            if lower_following.startswith(" " + phrase) and (
                len(following) == len(phrase) + 1 or not following[len(phrase) + 1].isalpha()
            ):
                if phrase in ("base", "range") and not self._is_facility_name(key):
                    break
                words = len(phrase.split())
                return "facility", None, tokens[j + words - 1].end, j + words
        if tokens[j - 1].lower in REGION_WORDS and j - i > 1:
            return "region", None, end, j  # the gazetteer knows "Kaliningrad Region" as one name
        border = self._border_after(text, tokens, j, end, key, is_demonym)
        if border is not None:
            return border
        # "Brest, Belarus" anchors a town; "France, Ukraine and Russia" is only a list.
        country_hint = None if self._is_country(key) else self._country_after_comma(text, tokens, j)
        if is_demonym:
            return "demonym", self.gaz.demonyms[key], end, j
        return None, country_hint, end, j

    def _border_after(
        self, text: str, tokens: list[Token], j: int, end: int, key: str, is_demonym: bool
    ) -> tuple[str | None, str | None, int, int] | None:
        owner = self.gaz.demonyms.get(key) if is_demonym else self._country_code(key)
        if owner is None:
            return None
        match = BORDER_AFTER.match(text, end)
        if match is None:
            return None
        other = match.group("other")
        if other and not self._country_code(name_key(other)) and name_key(other) not in self.gaz.demonyms:
            return None
        new_end = match.end()
        next_j = j
        while next_j < len(tokens) and tokens[next_j].start < new_end:
            next_j += 1
        return "border", owner, new_end, next_j

    def _country_code(self, key: str) -> str | None:
        """The country a name stands for: the country itself, or its capital ("Minsk's border")."""
        for entry, _ in self.gaz.lookup(key):
            if entry.kind == "country":
                return entry.country
        return self.gaz.capitals.get(key)

    def _is_admin1(self, key: str) -> bool:
        return any(e.kind == "region" and e.admin1 for e, _ in self.gaz.lookup(key))

    def _is_facility_name(self, key: str) -> bool:
        return any(e.kind == "facility" for e, _ in self.gaz.lookup(key))

    def _country_after_comma(self, text: str, tokens: list[Token], j: int) -> str | None:
        """"Brest, Belarus" -> "BLR"; "Springfield, Illinois" -> "USA"."""
        if j >= len(tokens) or text[tokens[j - 1].end:tokens[j].start] != ", ":
            return None
        for width in (3, 2, 1):
            span = tokens[j:j + width]
            if not span or not all(t.capitalised for t in span):
                continue
            key = name_key(text[span[0].start:span[-1].end])
            for entry, _ in self.gaz.lookup(key):
                if entry.kind in ("country", "region") and entry.country:
                    return entry.country
        return None


_DEFAULT: Recogniser | None = None


_NATIONAL_GUARD = re.compile(r"\s+(?:Army\s+|Air\s+)?National\s+Guard")
_PLURAL_UNIT = re.compile(r"\s(?:regions|oblasts|voblasts|provinces|prefectures|counties|districts)$", re.IGNORECASE)
_LIST_GLUE = re.compile(r",\s*|\s+and\s+|,\s+and\s+|\s+or\s+")


def _shared_unit_word(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """"the Brest, Grodno and Minsk regions": a plural unit word after a list makes each
    plain name of the list a region."""
    out = list(mentions)
    for k, mention in enumerate(out):
        if mention.hint != "region" or not _PLURAL_UNIT.search(mention.text):
            continue
        j = k - 1
        while j >= 0 and out[j].hint is None and _LIST_GLUE.fullmatch(text[out[j].end:out[j + 1].start]):
            out[j] = PlaceMention(out[j].text, out[j].start, out[j].end, "region", out[j].country_hint)
            j -= 1
    return out


def find_mentions(text: str) -> list[PlaceMention]:
    """Every place mention in ``text`` (offsets are Python str indices)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Recogniser()
    return _DEFAULT.find(text)
