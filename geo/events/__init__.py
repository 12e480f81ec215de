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
  per neighbour (``geo.geometry.shapes.border_place``).
* **Context**: every other place of the article is a context location of its
  main exercise, so the map can show summit venues and capitals on request.
* An article counts only if one sentence speaks of a *military* exercise: a
  police patrol, a fire drill or a fraud "Operation" gives nothing.

Places come from ``geo.places.toponyms.find_toponyms``; nothing here reads a gazetteer.

The package, one module per rule family (each imports only those above it):

    vocabulary    word lists and patterns shared by the rules
    sentences     sentences, clauses, evidence
    names         exercise names, name keys, drafts
    places        countries of a place, toponyms in a span
    participants  who takes part
    when          dates tied to clauses, phases
    facts         troops and equipment
    sites         drill sites, context places, hosts
    extract       the article: sentences to exercises, assembly
    merge         one exercise reported by several articles
    milestones    summits, accessions, meetings
"""

from __future__ import annotations

from geo.events.extract import extract_exercises
from geo.events.merge import merge_exercises
from geo.events.milestones import extract_milestones
from geo.events.names import NameMention, find_names, fold, name_key, split_edition
from geo.events.places import countries_of
from geo.events.sentences import Sentence, clause_bounds, evidence_for, split_sentences
from geo.events.vocabulary import names_an_organisation

__all__ = [
    "NameMention",
    "Sentence",
    "clause_bounds",
    "countries_of",
    "evidence_for",
    "extract_exercises",
    "extract_milestones",
    "find_names",
    "fold",
    "merge_exercises",
    "name_key",
    "names_an_organisation",
    "split_edition",
    "split_sentences",
]
