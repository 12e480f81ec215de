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
from dataclasses import dataclass, field

from geo.core.model import PlaceMention
from geo.gazetteer.index import Gazetteer, load_gazetteer, name_key

MAX_WORDS = 6

# Words that may sit inside a multi-word name but never start or end one.
CONNECTORS = frozenset(
    "of the and de del della di da das dos do du des la le les los el al am an im upon on sur y en van von".split()
)
# Words that turn a preceding capitalised name into a person or title.
# A capitalised name right after these is a ship's ("the frigate Linyi", "HMS Montrose"), never a place.
SHIP_NOUNS = frozenset("""destroyer destroyers frigate frigates corvette corvettes cruiser submarine warship flagship
    carrier icebreaker minesweeper tanker""".split())
SHIP_PREFIXES = frozenset("USS HMS INS HMAS HMCS HMNZS RFS CNS BNS PNS TCG ROKS KRI BRP JS HNLMS FGS ITS".split())
TITLES = frozenset(
    """mr mrs ms miss dr prof president presidents gen general lt col colonel maj major capt captain sgt
    sergeant adm admiral minister secretary senator sen rep representative gov governor mayor judge justice
    king queen prince princess pope saint sir lord lady chancellor premier ambassador spokesman spokeswoman
    spokesperson commander chief coach officer detective deputy sheriff councilman councilwoman pastor
    rev reverend father brother sister uncle aunt st""".split()
)
# Capitalised words that name something else when they follow a place name
# ("Washington Post", "Texas Rangers", "Paris Club"): the place is embedded in an
# organisation. We still tag the place (news annotators usually do), except for
# the person/brand cases listed in FIRST_NAMES below.
ORG_WORDS = frozenset(
    """post times herald tribune journal gazette daily news press star sun chronicle telegraph record
    university college school schools academy institute hospital clinic club fc united city town rangers
    league council airlines airways bank group company corp inc ltd museum library church cathedral chapel
    stadium airport hall centre center community police pd department dept fire sheriff court courthouse
    district board authority energy sustainable society association foundation trust partnership
    chamber commerce festival market mall park zoo station port harbour harbor bridge street road
    avenue high middle elementary primary county borough municipal public regional national memorial
    medical health care services service water electric gas power transit metro railway railroad
    woman's women's men's children's woman women men children veterans""".split()
)
# Place names that are far more often people's first names or common words when
# they start a capitalised run followed by another capitalised word.
FIRST_NAMES = frozenset(
    """austin jordan jackson charlotte florence chelsea paris victoria eugene orlando troy lincoln madison
    tyler aurora regina beatrice marion clinton warren sydney kent logan dallas houston phoenix savannah
    denver brooklyn camden chester cleveland douglas franklin hamilton harrison hudson jefferson lafayette
    lawrence milton monroe nelson preston raleigh salem shelby sherman stanley washington wellington
    winston york adelaide alexandria augusta caroline elizabeth helena kingston lorraine mesa nancy
    orange pierre sofia valencia vladimir
    john james robert michael william david richard joseph thomas charles christopher daniel matthew anthony
    mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey
    ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory
    alexander frank patrick raymond jack dennis jerry jose adam henry nathan douglas zachary peter kyle
    walter ethan jeremy harold keith christian roger noah gerald carl terry sean arthur lawrence
    dylan jesse bryan joe jordan billy bruce albert willie gabriel alan juan wayne roy ralph randy eugene
    vincent russell louis bobby philip johnny mary patricia jennifer linda barbara susan jessica sarah
    karen lisa nancy betty margaret sandra ashley kimberly emily donna michelle carol amanda dorothy
    melissa deborah stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela
    emma nicole helen samantha katherine christine debra rachel carolyn janet catherine maria heather
    diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith megan
    andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice jean
    abigail alice judy sophia grace denise amber doris marilyn danielle beverly isabella theresa diana
    natalie brittany charlotte marie kayla alexis lori ben sam tom bill jim bob mike dave steve tony
    ahmed mohammed muhammad ali hassan hussein omar ibrahim mustafa abdullah sergei sergey dmitry dmitri
    alexei alexey ivan igor oleg yuri andrei viktor nikolai boris mikhail xi li wang zhang chen liu
    manuel carlos luis jorge pedro miguel francisco antonio""".split()
)
# Capitalised common words that GeoNames also knows as towns somewhere. A hand
# list: there is no trustworthy English word list in the wheels.
STOP_WORDS = frozenset(
    """of the a an in on at by to for from with and or but as if it its is was be he she we they i you
    this that these those there here then than when where what who why how all any some no not one two
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    nice reading mobile police mission hope union liberty independence commerce industry enterprise
    friendship temple young long best man page bay center centre college university school church
    city town village county state province region district street road avenue park lake river
    north south east west northern southern eastern western central president minister government army
    navy naval marine marines airborne tactical joint combat air force military defense defence ministry
    office house senate congress parliament court
    news times post press report reports reporter sources source video photo image images
    said says told according also however meanwhile after before during since while under over about
    more most many much other such only just very well even still new old first last next early late
    home mass sale sales price prices market markets energy power health life love faith grace joy
    victory freedom justice unity progress concord harmony paradise eden goshen bethel canaan zion
    sharon shiloh olive palm pine oak cedar maple
    ash elm laurel rose lily iris violet daisy hazel ivy holly jasmine
    god jesus christ allah lord bible gospel islam muslim christian jewish catholic
    internet online web email twitter facebook google apple amazon windows
    eagle falcon hawk bear wolf fox deer elk moose lion tiger
    gold silver iron steel copper diamond pearl ruby crystal
    deal trade war peace talks summit election elections vote campaign
    tv radio cnn bbc reuters ap afp
    dear welcome thanks please yes okay ok
    chief general major admiral colonel captain sergeant officer officers
    border borders capital capitals coast island islands mountain mountains valley desert forest
    republic kingdom empire federation union commonwealth
    black white green red blue brown gray grey
    man men woman women boy girl child children people family
    time day week month year today tomorrow yesterday morning evening night
    world earth global international national local regional
    live living life death dead
    more most less least
    ex via per vs
    mount mt fort ft port saint st san santa
    ministry department agency committee commission council board bureau service services
    opposition coalition alliance forces troops soldiers units
    spring summer autumn fall winter
    valentine christmas easter
    kill killed strike strikes attack attacks
    marine marines guard guards
    regular federal
    orange lemon apple cherry
    ocean sea gulf strait
    olympic olympics lakes xinhua eta real liberal liberals cup act rex nine ten king queen sen mart abo
    her his him our their them my your fleet fleets army armies corps command brigade division battalion
    regiment squadron rim ballon barca el nino star research bank chamber inc media supreme shell villa conservative labour democrat democrats republican republicans premier champions""".split()
)
# Common surnames that GeoNames also knows as small towns; alone, they are people.
SURNAMES = frozenset(
    """smith johnson williams brown jones miller davis wilson anderson taylor moore martin white harris
    clark lewis robinson walker allen wright green baker adams hill campbell mitchell roberts carter
    phillips evans turner parker collins edwards stewart morris murphy cook rogers morgan cooper peterson
    bailey reed kelly howard cox ward richardson watson brooks wood bennett gray hughes price sanders myers
    ross foster powell jenkins perry sullivan bell coleman butler henderson barnes fisher simmons graham
    marshall owens gibson wallace burns ellis stevens murray ford wells porter hunter hicks crawford boyd
    mason kennedy dixon burke sutton bryant spencer floyd barry meredith warner dunbar nash bush obama
    trump clinton biden rubio castro
    wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo lin he gao luo kim lee park choi
    jung kang cho yoon jang lim garcia rodriguez martinez hernandez lopez gonzalez perez sanchez ramirez
    torres flores rivera gomez diaz reyes cruz morales ortiz gutierrez chavez ramos ruiz alvarez castillo
    jimenez moreno romero herrera medina aguilar vargas suarez villanueva miranda""".split()
)
# Multi-word phrases that look like names of places but are not.
NOT_PLACES = frozenset({"el nino", "la nina", "notre dame", "real madrid", "atletico madrid"})
# Lower-case nouns after a name that make it a product or a type, not a place.
THING_NOUNS = frozenset(
    """missile missiles drone drones system systems jet jets tank tanks launcher launchers rifle rifles
    helicopter helicopters aircraft fighter fighters bomber bombers vehicle vehicles rocket rockets
    howitzer howitzers gun guns engine engines brand model models class complex complexes""".split()
)
REGION_WORDS = {
    "oblast": "region", "oblasts": "region", "voblast": "region", "region": "region", "regions": "region",
    "province": "region", "governorate": "region", "district": "region", "krai": "region", "county": "region",
    "prefecture": "region", "state": "region", "raion": "region", "rayon": "region", "canton": "region",
}
FACILITY_WORDS = ("training ground", "training grounds", "training range", "firing range", "proving ground",
                  "training area", "range", "polygon", "air base", "airbase", "naval base", "base", "airfield")
DIRECTIONS = frozenset("north south east west northern southern eastern western central northeastern "
                       "northwestern southeastern southwestern north-eastern north-western south-eastern "
                       "south-western".split())

# Tokens: dotted abbreviations (U.S., U.K.), then words with inner apostrophes.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:['’][^\W_]+)*")
FACILITY_NOUNS = (
    r"(?i:training grounds?|training ranges?|firing ranges?|proving grounds?|training areas?|test ranges?|"
    r"test sites?|ranges?|polygons?|air ?bases?|air force bases?|naval bases?|military bases?)"
)
_FACILITY = re.compile(r"(?P<name>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?) " + FACILITY_NOUNS + r"\b")
# "the Totsky and Donguz ranges": two facilities sharing one plural noun.
_FACILITY_PAIR = re.compile(
    r"(?P<a>[A-Z][\w’'-]+)(?:,? and |,? or |, )(?P<b>[A-Z][\w’'-]+) "
    r"(?i:training grounds|training ranges|firing ranges|proving grounds|training areas|ranges|polygons)\b"
)
# "Metcalfe County", "Orleans Parish": a named local unit, known to the gazetteer or not.
_LOCAL_UNIT = re.compile(r"(?P<name>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?) (?:County|Parish|Township|Borough)\b")
NOT_FACILITY_NAMES = frozenset("mountain mountains hill hills missile price age".split())
# After a country-like name: "'s border", "' western and southern borders", "–Belarus border",
# "'s border with Ukraine".
_BORDER_AFTER = re.compile(
    r"(?:['’]s?)?(?:\s*[-–—/]\s*(?P<other>[A-Z][\w’']+))?"
    r"(?:\s+(?:(?:north|south|east|west)(?:ern)?|north-?(?:east|west)(?:ern)?|south-?(?:east|west)(?:ern)?"
    r"|and|,|common|shared|state|national|frontier))*"
    r"\s+borders?\b(?:\s+with\s+(?:the\s+)?(?P<with>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?))?"
)
GENERIC_TAILS = frozenset(
    "states countries nations republics sea ocean strait straits gulf peninsula region oblast islands "
    "heights plain gap".split()
)


@dataclass
class _Document:
    """What the recogniser learns while reading one text."""

    text: str
    tokens: list
    lowercase_words: set[str]
    persons: set[str] = field(default_factory=set)  # name keys seen used as people's names


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        word, start = match.group(), match.start()
        # A possessive is not part of the name: "Minsk's" -> "Minsk".
        if word[-2:] in ("'s", "’s") and len(word) > 2:
            word = word[:-2]
        tokens.append(_Token(word, start, start + len(word)))
    return tokens


_POSSESSIVE_NAME_TAILS = frozenset("bay island islands point harbour harbor sound creek head peak cove".split())


def _joinable(text: str, left: _Token, right: _Token) -> bool:
    gap = text[left.end:right.start]
    if gap in (" ", "-", "‐"):
        return True
    if gap in ("'s ", "’s "):
        # "People's Republic of China", "Richard’s Bay": one name, not "Republic of China" or the
        # region "Bay" (the lookup is longest first and needs the joined name in the index)
        return left.lower == "people" or right.lower in _POSSESSIVE_NAME_TAILS
    # "St. Petersburg", "Mt. Hood": an abbreviation dot inside a name.
    return gap in (". ", ".") and left.lower in ("st", "mt", "ft", "pt")


_CAMEL = re.compile(r"[a-z][A-Z]")
_EDITION = re.compile(r"(?: |-|‐|–)(?:\d{2}|\d{4})\b(?![.,:/]\d)")
_CAMEL_PREFIXES = ("Mc", "Mac", "De", "La", "Le", "Di", "Du", "Van", "Von", "St")
_SPEECH = re.compile(r"(?:,? (?:who |had |has |also )?(?:said|says|told|added|explained|asked|wrote|argued|noted))\b")


_EDITION_NAME = re.compile(r"((?:[A-Z][\w’'-]+ ){0,3}[A-Z][\w’'-]+)(?: |-|‐|–)(?:\d{2}|\d{4})\b(?![.,:/]\d)")


def _edition_names(text: str) -> set[str]:
    """Names this text gives an edition number ("Sea Breeze 2021", "Aurora 23"): events, not places.

    A one-word name counts alone; a longer one counts as its two-word and longer
    endings, so "Defender Europe 21" never disqualifies Europe.
    """
    names: set[str] = set()
    for match in _EDITION_NAME.finditer(text):
        words = match.group(1).split()
        if len(words) == 1:
            names.add(name_key(words[0]))
        for k in range(len(words) - 1):
            names.add(name_key(" ".join(words[k:])))
    return names


def _dateline(text: str, first: _Token, last: _Token) -> bool:
    """An all-capitals name opening a line or sentence, then "," "(" or a dash: "WASHINGTON (AP) -"."""
    line_start = text.rfind("\n", 0, first.start) + 1
    before = text[line_start:first.start]
    opens = not before.strip() or before.isupper() or _sentence_start(text, first)
    if not opens:
        return False
    after = text[last.end:last.end + 3]
    return bool(re.match(r"\s*(?:,|\(|[-–—]|:)", after)) or (not before.strip() and bool(re.match(r" [A-Z]", after)))


# "30 km north of Minsk", "east of Taiwan", "some 50 miles south-west of the": where a place is
# said to lie relative to a known one.
_RELATIVE_BEFORE = re.compile(
    r"(?:(?:some |about |around |roughly |nearly |just )?\d+(?:[.,]\d+)?\s*-?\s*"
    r"(?:km|kilometers|kilometres|miles|mi)\s+)?"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _with_relative_prefix(text: str, mention: PlaceMention) -> PlaceMention:
    """Extend a plain mention over "30 km north of" before it, so the point can move with it."""
    if mention.hint is not None:  # borders, facilities, regions and demonyms keep their own span
        return mention
    match = _RELATIVE_BEFORE.search(text, max(0, mention.start - 45), mention.start)
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


def _compass_prefix(text: str, prev: _Token, name: _Token) -> bool:
    return prev.lower in COMPASS_WORDS and text[prev.end:name.start] == " "


def _sentence_start(text: str, token: _Token) -> bool:
    before = text[max(0, token.start - 3):token.start].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?\n:;—–-" or token.start == 0


class Recogniser:
    """Finds ``PlaceMention``s; build once per gazetteer and reuse."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gaz = gazetteer or load_gazetteer()
        self._abbreviations_by_first: dict[str, list[str]] = {}
        for abbreviation in sorted(self.gaz.abbreviations, key=len, reverse=True):
            first = _TOKEN.match(abbreviation)
            if first:
                self._abbreviations_by_first.setdefault(first.group(), []).append(abbreviation)

    def find(self, text: str) -> list[PlaceMention]:
        tokens = _tokens(text)
        state = _Document(text, tokens, {t.text for t in tokens if t.text.islower()})
        state.persons.update(_edition_names(text))
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
            mentions.append(_with_relative_prefix(text, mention))
            i = next_i
        return _shared_unit_word(text, sorted(mentions, key=lambda m: m.start))

    def _abbreviation_at(self, text: str, tokens: list[_Token], i: int) -> tuple[PlaceMention, int] | None:
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
        for match in _FACILITY_PAIR.finditer(text):
            if self._facility_name_ok(match.group("a")) and self._facility_name_ok(match.group("b")):
                found.append(PlaceMention(match.group("a"), match.start("a"), match.end("a"), "facility", None))
                found.append(PlaceMention(text[match.start("b"):match.end()], match.start("b"), match.end(),
                                          "facility", None))
        for match in _FACILITY.finditer(text):
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
        for match in _LOCAL_UNIT.finditer(text):
            start, name = match.start(), match.group("name")
            if name.split()[0] in ("The", "A", "In", "Of"):
                start, name = start + len(name.split()[0]) + 1, " ".join(name.split()[1:])
            if not name or name.split()[0].lower() in STOP_WORDS or name.split()[0].lower() in TITLES:
                continue
            if any(m.start < match.end() and start < m.end for m in taken):
                continue
            found.append(PlaceMention(text[start:match.end()], start, match.end(), "region", None))
        return found

    @staticmethod
    def _facility_name_ok(name: str) -> bool:
        words = name.lower().split()
        return not (words[0] in STOP_WORDS or name.lower() in TITLES or words[-1] in NOT_FACILITY_NAMES)

    # --- matching -------------------------------------------------------------

    def _match_at(self, doc: _Document, i: int) -> tuple[PlaceMention, int] | None:
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
                    _compass_prefix(text, tokens[i - 1], first):
                start = tokens[i - 1].start  # "western Belarus", "the eastern Mediterranean": a part of the place
            return PlaceMention(text[start:end], start, end, hint, country_hint), next_j
        return None

    def _has_extent(self, key: str) -> bool:
        """A country or region: something with parts ("western Belarus"), unlike a town."""
        return any(e.kind in ("country", "region") and e.gid in self.gaz.extents for e, _ in self.gaz.lookup(key))

    def _is_sea(self, key: str) -> bool:
        """A sea has parts too ("the central Mediterranean"), resolved to the part, not the whole sea."""
        return any(e.kind == "sea" for e, _ in self.gaz.lookup(key))

    def _well_formed(self, text: str, span: list[_Token]) -> bool:
        for left, right in zip(span, span[1:]):
            if not _joinable(text, left, right):
                return False
        return all(t.capitalised or t.lower in CONNECTORS for t in span[:-1]) and (
            span[-1].capitalised or (len(span) > 1 and span[-1].lower in GENERIC_TAILS)
        )

    def _acceptable(self, doc: _Document, i: int, j: int, surface: str, key: str) -> bool:
        """Whether tokens i..j, found in the gazetteer, are used as a place name here."""
        if key in self.gaz.case_sensitive:
            return surface.replace(".", "").isupper()
        letters = surface.replace(".", "").replace(" ", "")
        if letters.isupper() and len(letters) > 1 and not _dateline(doc.text, doc.tokens[i], doc.tokens[j - 1]):
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
        if _EDITION.match(doc.text, doc.tokens[j - 1].end) and not self._is_country(key):
            return False  # "Aurora 23", "Zapad-2025", "Sea Breeze 2021": an exercise or event, not the town
        return major or not self._weak_small_place(doc, j, key)

    def _common_word(self, doc: _Document, i: int, j: int) -> bool:
        """A single capitalised word that is an ordinary word here ("Reading", "Mission", "MoD")."""
        text, tokens = doc.text, doc.tokens
        word = tokens[i].lower
        if _CAMEL.search(tokens[i].text) and not tokens[i].text.startswith(_CAMEL_PREFIXES):
            return True  # "MoD", "VerDi": brands and acronyms, not towns
        if len(word) <= 2 or word in TITLES:
            return True
        region_follows = j < len(tokens) and tokens[j].lower in REGION_WORDS and tokens[j].capitalised
        if word in STOP_WORDS and not region_follows and not self._country_after_comma(text, tokens, j):
            return True
        # A word also written in lower case in this very text is a common word here.
        return word in doc.lowercase_words

    def _personal_name(self, doc: _Document, i: int, j: int, key: str, major: bool) -> bool:
        """A person's name that a town shares: "Austin Smith", "Hillary Clinton", "Murphy" alone.

        What is learnt is remembered for the rest of the text (``doc.persons``).
        """
        text, tokens = doc.text, doc.tokens
        if not major and key in doc.persons:
            return True  # a person's name seen here
        if j - i == 1 and (key in SURNAMES or key in FIRST_NAMES) and (not major or self._spelt_otherwise(doc, i, key)):
            return True  # a common given name or surname on its own ("Bush" is not Būsh, Egypt)
        nxt = tokens[j] if j < len(tokens) else None
        if nxt is not None and nxt.capitalised and _joinable(text, tokens[j - 1], nxt):
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
            and _joinable(text, prev, tokens[i])
            and (not major or not _sentence_start(text, prev))
            and prev.lower not in DIRECTIONS
            and prev.lower not in CONNECTORS
            and not self.gaz.has(name_key(prev.text))
            and (not major or ((key in FIRST_NAMES or prev.lower in FIRST_NAMES) and not self._is_country(key)))
        ):
            doc.persons.add(key)
            return True  # "Hillary Clinton", "Andrew Jackson": a surname
        if not major and _SPEECH.match(text, tokens[j - 1].end):
            doc.persons.add(key)
            return True  # "Steele said": people speak, small towns rarely do
        return False

    def _spelt_otherwise(self, doc: _Document, i: int, key: str) -> bool:
        """Every place of this name is spelt with diacritics the text does not use ("Bush" vs Būsh)."""
        written = doc.tokens[i].text
        entries = [entry for entry, _ in self.gaz.lookup(key)]
        return bool(entries) and written.isascii() and all(
            name_key(entry.name) == key and not entry.name.isascii() for entry in entries
        )

    def _weak_small_place(self, doc: _Document, j: int, key: str) -> bool:
        """A small town's name used for a product, or known only as an alternate spelling."""
        tokens = doc.tokens
        nxt = tokens[j] if j < len(tokens) else None
        if nxt is not None and nxt.lower in THING_NOUNS and _joinable(doc.text, tokens[j - 1], nxt):
            return True  # "Iskander missiles", "Bayraktar drones": a product named like a town
        # Only an alternate spelling of a small town is too weak on its own.
        return all(not primary and e.population < 50_000 for e, primary in self.gaz.lookup(key))

    @staticmethod
    def _names_an_organisation(text: str, tokens: list[_Token], j: int) -> bool:
        """The capitalised words after a name include an organisation word or an acronym."""
        k = j
        while k < len(tokens) and k < j + 4 and tokens[k].capitalised and _joinable(text, tokens[k - 1], tokens[k]):
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
        self, text: str, tokens: list[_Token], i: int, j: int, end: int, key: str, is_demonym: bool
    ) -> tuple[str | None, str | None, int, int]:
        """(hint, country_hint, end offset, next token index) from the words after the name."""
        following = text[end:end + 40]
        lower_following = following.lower()
        word_after = tokens[j].lower if j < len(tokens) else ""
        if (
            not is_demonym
            and word_after in REGION_WORDS
            and _joinable(text, tokens[j - 1], tokens[j])
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
        self, text: str, tokens: list[_Token], j: int, end: int, key: str, is_demonym: bool
    ) -> tuple[str | None, str | None, int, int] | None:
        owner = self.gaz.demonyms.get(key) if is_demonym else self._country_code(key)
        if owner is None:
            return None
        match = _BORDER_AFTER.match(text, end)
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

    def _country_after_comma(self, text: str, tokens: list[_Token], j: int) -> str | None:
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


_PLURAL_UNIT = re.compile(r"\s(?:regions|oblasts|voblasts|provinces|prefectures)$", re.IGNORECASE)
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
