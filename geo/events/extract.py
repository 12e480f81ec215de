"""The article: which exercise each sentence is about, and assembling each exercise's facts."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import lru_cache

from geo.core.model import Article, EventLocation, Evidence, Exercise, Toponym
from geo.events.facts import equipment_of, troops_of
from geo.events.names import CUE_NAME, NAME_THEN_NOUN, Draft, NameMention, clean_name, find_names, group_names
from geo.events.participants import participants_of, subject_countries
from geo.events.places import continent_scale, countries_of, in_span
from geo.events.roles import ACTIVITY_SENTENCE, OTHER_EXERCISE_BEFORE, holding_country, role_confidence
from geo.events.sentences import Sentence, evidence_for, split_sentences
from geo.events.sites import hosts_of, locations_of
from geo.events.vocabulary import (
    COUNTED_DRILLS,
    DRILL_CUE,
    EXERCISE_WORDS,
    FORCES_AT_WORK,
    REFERS,
    names_an_organisation,
)
from geo.events.when import date_facts, phases_of


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
    drafts = group_names(names, text + "\n" + (article.title or ""))
    if not drafts:
        drafts = [Draft(name=None, key="")]
    _assign_sentences(drafts, sentences, names)
    drafts = _split_own_drills(drafts, sentences, toponyms, text)
    main = _main_draft(drafts)
    built: list[tuple[Draft, Exercise]] = []
    for draft in drafts:
        exercise = _build(article, draft, toponyms, drafts)
        if exercise is None:
            continue
        if draft is main:
            exercise = _with_other_mentions(article, exercise, sentences, toponyms, drafts)
        built.append((draft, exercise))
    return _components_in_umbrella_area(article, built, main, sentences, toponyms)


def _components_in_umbrella_area(article: Article, built: list[tuple[Draft, Exercise]], main: Draft,
                                 sentences: list[Sentence], toponyms: list[Toponym]) -> list[Exercise]:
    """"From 1 to 6 September, five joint drills will be held in the country. A joint exercise dubbed
    X will ...; Y will ...": component exercises named after a count of drills held in a place, with
    no site of their own, are held there (the umbrella exercise's country for "the country")."""
    exercises = [exercise for _, exercise in built]
    umbrella = next((exercise for draft, exercise in built if draft is main), None)
    if len(built) < 2 or umbrella is None:
        return exercises
    for sentence in sentences:
        match = COUNTED_DRILLS.search(sentence.text)
        if not match:
            continue
        at = sentence.start + match.end()
        if match["where"]:
            # "the country": the umbrella's country named last before the count
            areas = [loc for loc in umbrella.locations if loc.role == "drill" and loc.place.kind == "country"
                     and loc.evidence.start < sentence.start]
            areas = sorted(areas, key=lambda loc: loc.evidence.start)[-1:]
        else:
            first = next((t for t in in_span(toponyms, at, sentence.end) if t.mention.start - at < 40), None)
            areas = [loc for loc in umbrella.locations if first is not None and loc.role == "drill"
                     and loc.mention == first.mention.text]
        if len(areas) != 1:
            continue
        area = replace(areas[0], evidence=evidence_for(article, sentence),
                       confidence=role_confidence("drill", areas[0].place.kind, "home"))
        for index, (draft, exercise) in enumerate(built):
            if draft is main or not draft.mentions or any(loc.role == "drill" for loc in exercise.locations):
                continue
            first_named = min(m.start for m in draft.mentions)
            if not sentence.end <= first_named < sentence.end + 700:
                continue
            exercises[index] = replace(exercise, locations=(area,) + tuple(
                loc for loc in exercise.locations if loc.place.name != area.place.name))
    return exercises


def _with_other_mentions(article: Article, exercise: Exercise, sentences: list[Sentence],
                         toponyms: list[Toponym], drafts: list[Draft]) -> Exercise:
    """Places named in sentences about no exercise ("Beijing and Minsk have strengthened ties")
    are context of the article's main exercise: the map shows them only on request."""
    owned = {s.start for d in drafts for s in d.sentences}
    name_spans = [(m.start, m.end) for d in drafts for m in d.mentions]
    known = {loc.place.name for loc in exercise.locations}
    extra: list[EventLocation] = []
    for sentence in sentences:
        if sentence.start in owned:
            continue
        for toponym in in_span(toponyms, sentence.start, sentence.end):
            place = toponym.place
            if place is None or toponym.mention.hint == "demonym" or place.name in known:
                continue
            if names_an_organisation(article.text, toponym.mention.end) or continent_scale(place):
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
    return any(clean_name(m["name"]) for m in NAME_THEN_NOUN.finditer(sentence)) or any(
        clean_name(m["name"]) for m in CUE_NAME.finditer(sentence) if _STRICT_EXERCISE.search(sentence)
    )


def _names_a_water(text: str, toponym: Toponym) -> bool:
    """"Oman Sea", "Gulf of Oman": a country's name inside a sea's name is the sea, not the country."""
    if not countries_of(toponym.place):
        return False
    after = text[toponym.mention.end: toponym.mention.end + 8]
    before = text[max(0, toponym.mention.start - 12): toponym.mention.start]
    return bool(re.match(r"\s+(?:Sea|Gulf|Ocean|Strait|Straits|Bay)\b", after)
                or re.search(r"\b(?:Gulf|Sea|Bay|Strait|Straits) of\s+(?:the\s+)?$", before))


def _main_draft(drafts: list[Draft]) -> Draft:
    return max(drafts, key=lambda d: (len(d.mentions), -min((m.start for m in d.mentions), default=0)))


def _assign_sentences(drafts: list[Draft], sentences: list[Sentence], names: list[NameMention]) -> None:
    """Give each sentence about an exercise to the exercise it names, or the one in focus."""
    main = _main_draft(drafts)
    owner_of: dict[tuple[int, int], Draft] = {}
    for draft in drafts:
        for mention in draft.mentions:
            owner_of[(mention.start, mention.end)] = draft
    focus = main
    paragraph = -1
    last_about = -10  # index of the last sentence given to an exercise
    for index, sentence in enumerate(sentences):
        if index and any(sentences[index - 1] in d.sentences for d in drafts):
            last_about = index - 1
        if sentence.paragraph != paragraph:
            paragraph = sentence.paragraph
            focus = main
        named = [
            (span, draft) for span, draft in owner_of.items() if sentence.start <= span[0] < sentence.end
        ]
        if named:
            owners: list[Draft] = []
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
        if index and OTHER_EXERCISE_BEFORE.search(sentences[index - 1].text) and \
                not re.search(r"\b(?:this|new|latest|upcoming|current)\s+(?:[\w-]+\s+)?(?:exercise|drill|war ?game|manoeuvre|maneuver)",
                              sentence.text, re.IGNORECASE):
            # "... days after China and Russia concluded a joint exercise in the East China Sea. Held between
            # 21 and 27 December, the bilateral exercise ...": the exercise just named is that other one
            continue
        # "the drills", "training", or a sentence opened by "It"/"They" right after one about the exercise
        pronoun_opening = re.match(r"\s*(?:It|They)\b", sentence.text)
        # "Kenya will host activities in Nairobi": the exercise's activities, named without "exercise"
        if REFERS.search(sentence.text) or (DRILL_CUE.search(sentence.text) and pronoun_opening) or \
                ACTIVITY_SENTENCE.search(sentence.text) or _PARTICIPANTS_NAMED.search(sentence.text) or \
                (FORCES_AT_WORK.search(sentence.text) and index - last_about <= 3):
            # the forces at work close after a sentence about the exercise are its forces
            focus.sentences.append(sentence)
            focus.segments.append((sentence, sentence.start, sentence.end))


_COPULA_BEFORE = re.compile(r"\b(?:will\s+be|is|was|are|were)\s+(?:the\s+|an?\s+)?$")


# "the 12 nations are Bulgaria, France ...": the exercise's participants, named without "exercise"
_PARTICIPANTS_NAMED = re.compile(
    r"\b(?:the|these|those)\s+(?:\d+\s+|[a-z]+\s+){0,2}(?:nations|countries|states|participants|partners)\s+"
    r"(?:are|were)\s+(?:the\s+)?[A-Z]"
)


def _split_between(sentence: Sentence, named: list[tuple[tuple[int, int], Draft]]) -> None:
    """A sentence naming two exercises: each clause goes to the name nearest to it."""
    cuts = [sentence.start]
    for match in re.finditer(r",\s+and\s+|;\s+|,\s+while\s+|\.{2,}|…", sentence.text):
        cuts.append(sentence.start + match.end())
    first_owner = min(named, key=lambda item: item[0])[1]
    stage_of: dict[int, Draft] = {}
    for span, draft in named:
        # "The final stage of A will be the B drills in Kyrgyzstan": what follows the name after
        # the copula is B's, and A's too when B is named as a stage or part of A
        before = sentence.text[: span[0] - sentence.start]
        if draft is not first_owner and _COPULA_BEFORE.search(before):
            cuts.append(span[0])
            if re.search(r"\b(?:stage|phase|part|component|culmination)\s+of\s+(?:the\s+)?[A-Z]", before):
                stage_of[span[0]] = first_owner
    cuts = sorted(set(cuts))
    cuts.append(sentence.end)
    pieces = [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]
    for a, b in pieces:
        inside = [(span, d) for span, d in named if a <= span[0] < b]
        if inside:
            owner = inside[0][1]
        else:
            owner = min(named, key=lambda item: min(abs(item[0][0] - a), abs(item[0][0] - b)))[1]
        for draft in [owner] + ([stage_of[a]] if a in stage_of and stage_of[a] is not owner else []):
            if sentence not in draft.sentences:
                draft.sentences.append(sentence)
            draft.segments.append((sentence, a, b))


_OWN_DRILLS = re.compile(
    r"\b(?:its own|their own|own|separate|parallel|also (?:hold|start|begin|launch|conduct|stage)\w*|mirroring)\b",
    re.IGNORECASE,
)


def _split_own_drills(drafts: list[Draft], sentences: list[Sentence], toponyms: list[Toponym],
                      text: str) -> list[Draft]:
    """"Ukraine will also start its own drills": another country's separate, unnamed exercise.

    Only when the sentence names no exercise and its subject countries take no
    part in the exercise the article is about.
    """
    if not drafts or drafts[0].name is None:
        return drafts
    named_spans = [(m.start, m.end) for d in drafts for m in d.mentions]
    extra: list[Draft] = []
    for draft in drafts:
        # Who takes part, judged without the candidate sentences themselves.
        plain = Draft(draft.name, draft.key, draft.mentions, [], [
            seg for seg in draft.segments if not _OWN_DRILLS.search(seg[0].text)
            or any(seg[0].start <= s < seg[0].end for s, _ in named_spans)
        ])
        participants = set(participants_of(plain, toponyms, text))
        for sentence in list(draft.sentences):
            if any(sentence.start <= s < sentence.end for s, _ in named_spans):
                continue
            if not (_OWN_DRILLS.search(sentence.text) and EXERCISE_WORDS.search(sentence.text)):
                continue
            subjects = set(subject_countries(sentence.start, sentence.end, toponyms, text))
            if not subjects or subjects & participants:
                continue
            new = Draft(name=None, key="")
            new.home = next(
                (t for t in in_span(toponyms, sentence.start, sentence.end)
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


def _move_followers(source: Draft, target: Draft, first: Sentence, subjects: set[str],
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


def _edition_year(name: str | None) -> int | None:
    """"Sea Shield 2024" -> 2024: the year a name carries, if any."""
    match = re.search(r"\b((?:19|20)\d\d)\b", name or "")
    return int(match.group(1)) if match else None


def _build(article: Article, draft: Draft, toponyms: list[Toponym], drafts: list[Draft]) -> Exercise | None:
    if not draft.segments:
        if draft.name is None:
            return None
    start, end, date_sentences = date_facts(draft, article)
    phases = phases_of(draft, article)
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
    year = start.year if start else (_edition_year(draft.name) or (article.published.year if article.published else None))
    locations = locations_of(article, draft, toponyms, drafts, year=year)
    if draft.home is not None and draft.home.place is not None and not any(l.role == "drill" for l in locations):
        first = draft.sentences[0]
        home = EventLocation(draft.home.place, "drill", draft.home.mention.text, evidence_for(article, first),
                             role_confidence("drill", draft.home.place.kind, "home"))
        locations = [home] + [l for l in locations if l.place.name != draft.home.place.name]
    if not any(loc.role == "drill" for loc in locations) and draft.sentences:
        # "Venezuela is carrying out the X exercise" and no site named: the drill is in that country
        holder = holding_country(article.text, draft.segments, toponyms)
        if holder is not None and holder.place is not None:
            sentence = next(s for s, a, b in draft.segments if a <= holder.mention.start < b)
            home = EventLocation(holder.place, "drill", holder.mention.text, evidence_for(article, sentence),
                                 role_confidence("drill", holder.place.kind, "home"))
            locations = [home] + [loc for loc in locations if loc.place.name != holder.place.name]
    hosts = hosts_of(locations)
    participants = set(participants_of(draft, toponyms, article.text, year)) | set(hosts)
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
        troops=tuple(troops_of(draft, article)),
        equipment=tuple(equipment_of(draft, article)),
        sources=tuple(dict.fromkeys(sources)),
        articles=(article.path,),
    )
