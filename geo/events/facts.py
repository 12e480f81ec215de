"""Troop numbers and equipment an exercise reports."""

from __future__ import annotations

import re

from geo.core.model import Article, TroopClaim
from geo.events.names import Draft
from geo.events.sentences import evidence_for
from geo.events.vocabulary import EQUIPMENT_CODE, EQUIPMENT_NAMES

_TROOPS = re.compile(
    r"(?P<claim>(?:(?i:around|about|some|up to|more than|over|almost|nearly|roughly|approximately|"
    r"an expected|an estimated|at least|as many as|a total of|total of)\s+)?"
    r"(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s*(?:thousand|million))?|\d+)\s+"
    r"(?:[A-Z][\w\-]*\s+|combat\s+|military\s+|foreign\s+|allied\s+)?"
    r"(?i:troops|soldiers|servicemen|service members|servicemembers|military personnel|personnel|"
    r"paratroopers|sailors|marines|participants|combat troops))\b",
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


def troops_of(draft: Draft, article: Article) -> list[TroopClaim]:
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


def equipment_of(draft: Draft, article: Article) -> list[str]:
    found: list[str] = []
    for _, a, b in draft.segments:
        segment = article.text[a:b]
        for match in EQUIPMENT_CODE.finditer(segment):
            code = match["code"]
            code = re.sub(r"^SU-", "Su-", code)
            code = re.sub(r"^TU-", "Tu-", code)
            if re.fullmatch(r"(?:COVID|Zapad|Tsentr)-\d+", code):
                continue
            found.append(code)
        found.extend(m.group(0) for m in EQUIPMENT_NAMES.finditer(segment))
    unique: list[str] = []
    for item in found:
        if item.lower() not in {u.lower() for u in unique}:
            unique.append(item)
    return unique
