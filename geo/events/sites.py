"""Drill sites and context places: locative phrases governed by an exercise word, borders, hosts."""

from __future__ import annotations

import re
from dataclasses import replace

from geo.core.model import Article, EventLocation, Place, Toponym
from geo.events.names import Draft
from geo.events.places import continent_scale, countries_of, in_span
from geo.events.roles import (
    ACTIVITY_CUE,
    HOST_SUBJECT,
    OTHER_EXERCISE_BEFORE,
    PAST_EDITION,
    another_edition_year,
    observers_clause,
    opens_in_earlier_year,
    role_confidence,
    travel_destination,
)
from geo.events.sentences import Sentence, clause_bounds, evidence_for
from geo.events.vocabulary import (
    CONTEXT_BEFORE,
    DIRECTION_OF,
    DRILL_CUE,
    EQUIPMENT_CODE,
    EQUIPMENT_NAMES,
    EXERCISE_WORDS,
    FACILITY_WORD,
    FORCE_MOTION_CUE,
    FORCE_NOUN,
    HOME_BASE_AFTER,
    LOCATIVE,
    OTHER_EVENT,
    PARTICIPATION,
    PHRASE_GLUE,
    REFERS,
    SHIP_BEFORE,
    STOP_PHRASE,
    names_an_organisation,
)

# A place followed by a speech verb is a government speaking ("Minsk said"), not a site.
_SPEAKS = re.compile(
    r"\s+(?:has\s+|have\s+|had\s+|also\s+)?(?:said|says|warned|warns|announced|announces|claimed|claims|"
    r"accused|accuses|insisted|insists|denied|denies|stated|states|added|reported|told|responded|protested)\b",
    re.IGNORECASE,
)

# A verb right before the place phrase that is not the drill's own: the place is where that happened.
_OTHER_ACT_BEFORE = re.compile(
    r"\b(?:announced|ordered|discussed|agreed|approved|planned|unveiled|critici[sz]ed|condemned|decided|"
    r"signed|revealed|reported|confirmed|denounced)\s+(?:(?:last|this|on|earlier)\s+\w+\s+)?$",
    re.IGNORECASE,
)

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
    if re.search(r"[.;!?()\"“”]", gap) or STOP_PHRASE.search(gap):
        return False
    if re.search(r"\s-\s|—", gap):
        return False
    unknown_run = 0
    for word in re.findall(r"[A-Za-z][\w'’\-]*|\d+", gap):
        lower = word.lower().strip("'’")
        if word[0].isupper() and lower not in _AUXILIARIES:
            unknown_run = 0  # a name's word ("Peacekeeping", "United") is no verb
            continue
        if lower in _AUXILIARIES or lower in _IRREGULAR_VERBS or (lower.endswith(("ing", "ed")) and lower not in PHRASE_GLUE
                                     and lower not in {"designated", "surrounding", "including"}):
            return False  # a verb: the phrase has ended and a new clause begun
        if lower in PHRASE_GLUE or word[0].isupper() or word.isdigit() or lower.endswith("'s"):
            unknown_run = 0
            continue
        unknown_run += 1
        if unknown_run > 2:
            return False
    return len(gap) < 420


# "held in capital Baku", "in the capital, Minsk": a capital named as the place of the verb.
_CAPITAL_AS_SITE = re.compile(r"\b(?:in|at|near|around)\s+(?:the\s+)?(?:\w+\s+)?capital,?\s+(?:city\s+(?:of\s+)?)?$",
                              re.IGNORECASE)

_PREP = re.compile(
    rf"\b(?:{LOCATIVE}|(?<=moved )to|(?<=shifted )to|(?<=relocated )to|(?<=deployed )to|(?<=redeployed )to|"
    rf"(?<=headed )to|(?<=dispatched )to|(?<=way )to|(?<=way out )to|(?<=heading )to|(?<=heading out )to)\b",
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


def _before_parenthesis(text: str, a: int, segment: str, clause_start: int) -> int:
    """"will be conducted on Tuesday (9 a.m. Japan time) at five locations": a parenthesis does not
    end the clause; the phrase after it still belongs to the verb before it."""
    if text[a:clause_start].rstrip().endswith(")"):
        opening = text.rfind("(", a, clause_start)
        if opening > a:
            return _before_parenthesis(text, a, segment, a + clause_bounds(segment, max(0, opening - a - 1))[0])
    # "at five locations: Nairobi and ...": a colon after a noun of places opens their list
    colon = re.search(r"\b(?:locations|sites|areas|places|regions|ranges|grounds|zones|points|venues)\s*:\s*$",
                      text[a:clause_start])
    if colon and clause_start > a:
        return _before_parenthesis(text, a, segment, a + clause_bounds(segment, colon.start())[0])
    return clause_start


def _drill_role(text: str, a: int, b: int, toponym: Toponym, toponyms: list[Toponym],
                exercise_spans: list[tuple[int, int]], why: dict | None = None) -> bool:
    """Is this place where the exercise happens (a locative phrase that an exercise word governs)?

    ``why``, when given, receives the rule that said yes ("phrase", "facility", "include").
    """
    why = why if why is not None else {}
    why["how"] = "phrase"
    start = toponym.mention.start
    if toponym.mention.hint == "demonym":
        return False  # "Russian troops": a country as an actor, not a place
    if countries_of(toponym.place) and re.match(rf"^(?:['’]s?)?\s+(?:{FORCE_NOUN})\b",
                                                text[toponym.mention.end: toponym.mention.end + 30], re.IGNORECASE):
        return False  # "U.S. forces", "Japan's navy": an actor again
    left = text[max(a, start - 60): start]
    if SHIP_BEFORE.search(left):
        return False
    if CONTEXT_BEFORE.search(text[max(a, start - 40): start]) and not _CAPITAL_AS_SITE.search(
            text[max(a, start - 40): start]):
        return False
    if HOME_BASE_AFTER.match(text[toponym.mention.end: toponym.mention.end + 60]):
        return False
    segment = text[a:b]
    c_a, c_b = clause_bounds(segment, start - a)
    clause_start, clause_end = a + c_a, a + c_b
    clause_start = _before_parenthesis(text, a, segment, clause_start)
    lead = re.fullmatch(r"\s*(?:and|or|as well as)\s+([\w\s,-]*)", text[clause_start:start])
    if lead and clause_start > a and all(w.lower() in PHRASE_GLUE for w in re.findall(r"[\w-]+", lead.group(1))):
        # "the Strait, the northern, eastern, and southern parts of the Island": the list's last item
        # is still in the place phrase of the clause before it
        clause_start = _before_parenthesis(text, a, segment, a + clause_bounds(segment, max(0, clause_start - a - 3))[0])
    # The nearest preposition that opens a phrase reaching this place.
    preps = [m for m in _PREP.finditer(text, clause_start, start)
             if not _WEEKDAY_OR_MONTH.match(text[m.end(): m.end() + 14])]
    names = [(s_, e_) for s_, e_ in exercise_spans if text[s_:s_ + 1].isupper()]
    reach = [m for m in preps if _phrase_reaches(text, m.end(), start, toponyms)
             and not any(m.end() <= s_ < start for s_, _ in names)]  # "in UNITAS 2017, U.S. ..."
    extent = re.search(r"\b(?:stretch\w*|extend\w*|spann?\w*|rang\w*|cover\w*|encompass\w*)\s+(?:[\w.,]+\s+){0,6}?from\s+",
                       text[clause_start:start], re.IGNORECASE)
    # "at the Brestsky training ground": a range or base in a sentence about the drill
    words = text[start: min(clause_end, toponym.mention.end + 30)]
    # Only military sites count here: "the White House said" is a government, not a range.
    if FACILITY_WORD.match(words[len(toponym.mention.text):].lstrip()) or \
            FACILITY_WORD.search(toponym.mention.text):
        # The last preposition decides: "moved from the X range" leaves it, "scheduled to take
        # place at the X range" and "from 8 to 20 May at the X range" are there.
        before = text[max(clause_start, start - 30): start]
        last = re.findall(r"\b(from|to|at|in|on|near|inside|within|outside|into)\b", before, re.IGNORECASE)
        why["how"] = "facility"
        return not (last and last[-1].lower() in ("from", "to"))
    if travel_destination(text, start, toponym.mention.end, a):
        why["how"] = "phrase"
        return True  # "departed ... for the country of Georgia to participate in the exercise"
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
        # A country after "including" is a participant or observer ("countries, including India").
        if toponym.place is not None and re.search(r"\b(?:involv\w*|includ\w*)\s+(?:the\s+)?$", before, re.IGNORECASE) \
                and not PARTICIPATION.search(before) and not countries_of(toponym.place) \
                and not observers_clause(segment):
            why["how"] = "include"
            return bool(REFERS.search(segment) or any(a <= s_ < b for s_, _ in exercise_spans))
        return False
    prep = reach[0] if reach else None
    if prep is not None and prep.group(0).lower() == "between" and countries_of(toponym.place):
        return False  # "cooperation between India and the USA": partners, not a place
    head_start = prep.start() if prep else extent.start() + clause_start  # type: ignore[union-attr]
    # A sentence-opening place phrase ("In the Caspian Sea, forces will practise ...") belongs to
    # the main clause after it.
    if prep is not None and text[clause_start:prep.start()].strip() == "" and clause_start == a:
        rest = segment[start - a:]
        return bool(DRILL_CUE.search(rest[:160]) or EXERCISE_WORDS.search(rest[:160]))
    governor = text[clause_start:head_start]
    if re.fullmatch(r"\s*(?:and|or|as well as|as_well_as|but also|plus)\s*", governor) and clause_start > a:
        # ", and in designated areas of the sea": the phrase shares the verb of the clause before
        previous_start, _ = clause_bounds(segment, max(0, clause_start - a - 3))
        clause_start = _before_parenthesis(text, a, segment, a + previous_start)
        governor = text[clause_start:head_start]
    own_part = governor.rsplit(",", 1)[-1]  # "past editions were in X, this year's is in Y": Y is this one's
    if PAST_EDITION.search(own_part) or OTHER_EXERCISE_BEFORE.search(own_part):
        return False  # "past editions were conducted in X", "after Y concluded an exercise in X"
    cue_window = re.sub(r"\([^()]*\)\s*", "", governor)[-55:]
    if re.search(r"(?:,\s*)?\b(?:and|or|as well as|plus|and also)\s+$", governor):
        # "held in Baku, X bordering Y, as well as in parts of Z": the coordinated phrase shares
        # the verb of the clause's first place phrase
        first = next((m for m in _PREP.finditer(text, clause_start, head_start)
                      if not _WEEKDAY_OR_MONTH.match(text[m.end(): m.end() + 14])), None)
        if first is not None and first.start() < head_start - 55:
            cue_window = text[max(clause_start, first.start() - 55): first.start()] + " " + cue_window
    cues = list(DRILL_CUE.finditer(cue_window)) + list(ACTIVITY_CUE.finditer(cue_window)) + \
        list(FORCE_MOTION_CUE.finditer(cue_window))
    other_event = list(OTHER_EVENT.finditer(cue_window))
    exercise_nouns = list(EXERCISE_WORDS.finditer(cue_window))
    last_cue = max([m.start() for m in exercise_nouns] + [m.start() for m in cues if not _is_generic_cue(m.group(0))],
                   default=-1)
    if other_event and other_event[-1].start() > last_cue:
        return False  # "meetings are taking place in Berlin": the verb belongs to another event
    if _OTHER_ACT_BEFORE.search(governor):
        return False  # "the drills, announced in Moscow": the place is the announcement's
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


def _border_locations(article: Article, draft: Draft, toponyms: list[Toponym],
                      exercise_spans: list[tuple[int, int]]) -> list[tuple[Place, str, Sentence, set[int]]]:
    """"On Belarus' western border, which it shares with Poland and Lithuania": one border each.

    The owner is a country named with "'s ... border" or the first country of
    a border the recogniser found; the partners are the countries after "shares
    with"/"with" in the same sentence (a group gives each member that touches).
    """
    from geo.geometry.shapes import border_place  # lazy: shapely and numpy (~0.35 s) only for borders

    text = article.text
    found: list[tuple[Place, str, Sentence, set[int]]] = []
    for sentence, a, b in draft.segments:
        for toponym in in_span(toponyms, a, b):
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
            for other in in_span(toponyms, phrase_end + with_match.end(), b):
                gap = text[phrase_end + with_match.end(): other.mention.start]
                if re.search(r"[.;]|\bfrom\b", gap):
                    break
                for code in countries_of(other.place):
                    if code != owner:
                        partners.append((code, other))
            mention = text[toponym.mention.start: phrase_end].strip()
            used: set[int] = {toponym.mention.start}
            for code, other in partners:
                border = border_place(owner, code)
                if border is None:
                    continue
                used.add(other.mention.start)
                found.append((border, mention, sentence, set(used)))
    return found


def locations_of(article: Article, draft: Draft, toponyms: list[Toponym],
               all_drafts: list[Draft], year: int | None = None) -> list[EventLocation]:
    """Each place of the draft's sentences with its role; ``year`` is the exercise's, when known."""
    text = article.text
    exercise_spans = [(m.start, m.end) for d in all_drafts for m in d.mentions]
    exercise_spans += [(m.start(), m.end()) for m in EXERCISE_WORDS.finditer(text)]
    locations: list[EventLocation] = []
    seen: set[tuple[str, str, int]] = set()
    border_hits = _border_locations(article, draft, toponyms, exercise_spans)
    border_mentions: set[int] = set()
    for place, mention, sentence, used in border_hits:
        border_mentions |= used
        key = (place.name, "drill", sentence.start)
        if key not in seen:
            seen.add(key)
            locations.append(EventLocation(place, "drill", mention, evidence_for(article, sentence),
                                           role_confidence("drill", place.kind, "border")))
    equipment_spans = [(m.start(), m.end()) for m in EQUIPMENT_NAMES.finditer(text)]
    equipment_spans += [(m.start(), m.end()) for m in EQUIPMENT_CODE.finditer(text)]
    # Words of an exercise name ("Bright Star", "Aurora") are no places, whatever the gazetteer says.
    equipment_spans += [(m.start, m.end) for d in all_drafts for m in d.mentions]
    for sentence, a, b in draft.segments:
        segment_toponyms = [t for t in in_span(toponyms, a, b)
                            if not any(x <= t.mention.start < y for x, y in equipment_spans)]
        reasons: dict[int, dict] = {id(t): {} for t in segment_toponyms}
        drill_here = [t for t in segment_toponyms if t.place is not None and
                      _drill_role(text, a, b, t, toponyms, exercise_spans, reasons[id(t)])]
        direct = set(map(id, drill_here))
        drill_here = _continue_lists(text, segment_toponyms, drill_here)
        if (another_edition_year(sentence.text, year) or opens_in_earlier_year(sentence.text, year)) and not any(
                sentence.start <= m.start < sentence.end for m in draft.mentions):
            drill_here = []  # "It was held in November 2019, off ...": an earlier edition's places
        drill_here = _drop_reference_points(text, drill_here)
        # "..., Minsk said": a government speaking, not a site, even at the end of a list
        drill_here = [t for t in drill_here if not _SPEAKS.match(text, t.mention.end)]
        # "Russia's Interfax", "Japan's navy": a possessive names an owner, not the site
        drill_here = [t for t in drill_here if not re.match(
            r"['’]s?\s+(?!(?:north|south|east|west|central)\w*\b|borders?\b)", text[t.mention.end: t.mention.end + 20],
            re.IGNORECASE) or not countries_of(t.place)]
        for toponym in segment_toponyms:
            if toponym.place is None:
                continue
            is_drill = toponym in drill_here and toponym.mention.start not in border_mentions
            if not is_drill and (names_an_organisation(text, toponym.mention.end) or continent_scale(toponym.place)):
                continue  # "the Shanghai Cooperation Organization", "Europe": no place to draw
            role = "drill" if is_drill else "context"
            if is_drill:
                how = reasons[id(toponym)].get("how", "phrase") if id(toponym) in direct else "list"
            else:
                # Sure when the clause has no drill language at all or the name is an actor ("Russian").
                how = "context" if DRILL_CUE.search(text[a:b]) and toponym.mention.hint != "demonym" else "excluded"
            confidence = role_confidence(role, toponym.place.kind, how)
            key = (toponym.place.name, role, sentence.start)
            if key in seen:
                continue
            seen.add(key)
            evidence = evidence_for(article, sentence)
            locations.append(EventLocation(toponym.place, role, toponym.mention.text, evidence, confidence))
    return _drop_towns_beside_ranges(dedupe_locations(locations))


def _km(a: Place, b: Place) -> float:
    from math import asin, cos, radians, sin, sqrt

    dlat, dlon = radians(b.lat - a.lat), radians(b.lon - a.lon)
    h = sin(dlat / 2) ** 2 + cos(radians(a.lat)) * cos(radians(b.lat)) * sin(dlon / 2) ** 2
    return 2 * 6371.0 * asin(sqrt(h))


def _drop_towns_beside_ranges(locations: list[EventLocation]) -> list[EventLocation]:
    """A range "near Brest" and Brest itself are one site: keep the range, the more precise of the two."""
    ranges = [loc for loc in locations if loc.role == "drill" and loc.place.kind == "facility"]
    kept = []
    for location in locations:
        if location.role == "drill" and location.place.kind == "city" and any(
            _km(location.place, r.place) < 25 and not _listed_with(location, r) for r in ranges
        ):
            kept.append(replace(location, role="context"))
            continue
        kept.append(location)
    return kept


def _listed_with(town: EventLocation, site: EventLocation) -> bool:
    """"the bases of Biza, Farka, Durrës and Zall-Herr": a town listed beside a base is a site of its own."""
    sentence = town.evidence.sentence
    if sentence != site.evidence.sentence:
        return False
    at, other = sentence.find(town.mention), sentence.find(site.mention)
    if at < 0 or other < 0:
        return False
    between = sentence[min(at, other): max(at, other)]
    return bool(re.fullmatch(r"[\w\s,'’.-]*", between)) and re.search(r"(?:,|\band)\s*$", sentence[:at]) is not None


_LIST_LINK = re.compile(
    r"^\s*(?:,|and|or|as well as|plus|,\s*and|,\s*as well as|,\s*(?:especially|particularly|notably|mainly|chiefly))\s*"
    r"(?:in\s+|at\s+|on\s+|around\s+|over\s+)?(?:the\s+)?"
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


# What may stand between a site and an appositive locating it: "the Gorokhovets training
# ground, near Astana", "Brest, 30 km north of Grodno".
_APPOSITIVE_LOCATOR = re.compile(
    r"^(?:\s+(?:training\s+(?:grounds?|areas?|range)|firing\s+range|range|air\s+base|base|polygon))?"
    r",\s*(?:(?:near|outside|close\s+to)\s+|(?:some\s+|about\s+)?\d+\s*(?:km|kilometers|kilometres|miles)\s+"
    r"(?:(?:\w+\s+of)|from)\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)


def _drop_reference_points(text: str, drill: list[Toponym]) -> list[Toponym]:
    """A place that only locates the drill site before it is no drill site itself:
    "at the base, west of Alexandria", "at the X range, near Y", "in X, north of Y"."""
    if len(drill) < 2:
        return drill
    kept = []
    for previous, toponym in zip([None, *drill], drill):
        before = text[max(0, toponym.mention.start - 30): toponym.mention.start]
        if DIRECTION_OF.search(before) and re.search(r",\s*(?:\w+\s+){0,1}\w+\s+of\s+(?:the\s+)?$", before):
            continue
        if previous is not None and previous.place is not None and previous.place.kind in ("city", "facility"):
            between = text[previous.mention.end: toponym.mention.start]
            compass = re.match(r"(?:north|south|east|west)\w*\s+of\b", toponym.mention.text, re.IGNORECASE)
            locator_word = re.search(r"\b(?:near|outside|close\s+to|km|kilomet\w+|miles)\b", between, re.IGNORECASE)
            if _APPOSITIVE_LOCATOR.match(between) and (compass or locator_word):
                continue  # "Brest, Grodno" is a list: both stay
        kept.append(toponym)
    return kept


def dedupe_locations(locations: list[EventLocation]) -> list[EventLocation]:
    """One entry per place and role; a place that is a drill site anywhere is not also context."""
    drill_names = {loc.place.name for loc in locations if loc.role == "drill"}
    out: list[EventLocation] = []
    seen: set[tuple[str, str]] = set()
    points: set[tuple[str, float, float]] = set()
    for location in locations:
        if location.role == "context" and location.place.name in drill_names:
            continue
        key = (location.place.name, location.role)
        # "north Estonia" and "northern Estonia", "the Danube" and "the Danube River": one place, two spellings
        point = (location.role, round(location.place.lon, 2), round(location.place.lat, 2))
        if location.role == "drill" and point in points:
            continue
        points.add(point)
        if key in seen:
            continue
        seen.add(key)
        out.append(location)
    return out


def hosts_of(locations: list[EventLocation]) -> tuple[str, ...]:
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
        sentence = location.evidence.sentence
        host = HOST_SUBJECT.search(sentence)
        if host and location.mention not in host.group("host"):
            continue  # "Kenya will host ... with additional events in Uganda": Kenya hosts, Uganda is a place
        if place.kind == "country":
            hosts.extend(countries_of(place))
        # A town or range gives no host: a river read as a town abroad would add a country.
    return tuple(hosts)
