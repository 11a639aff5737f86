"""The filler guard: stock phrases a copywriter strikes because they say nothing about this
product ("a must-have", "high-quality", "性价比高", "不二之选"). Unless the facts carry the
phrase (a product line called "Premium"), copy with them is not clean copy.

Adjectives that only pad a noun phrase ("this high-quality cotton shirt") are cut from the
sentence by `strip_filler_adjectives`; phrases that make up a whole claim ("a must-have for
every wardrobe") fail the sentence, which sentence grounding then drops.
"""

from __future__ import annotations

import re

from worker.content.guards.corpus import FactsText
from worker.content.guards.results import GuardResult, hits_result, normalize

# Padding adjectives: removable without breaking the sentence ("的" goes with the zh ones).
_ADJECTIVES_RE = re.compile(
    r"(?<![A-Za-z])(?:high[- ]quality|top[- ]quality|top[- ]notch|premium[- ]quality|"
    r"superior[- ]quality|first[- ]class|world[- ]class)\s+"
    # Chinese only before 的: cutting 卓越 out of 品质卓越 leaves a broken phrase.
    r"|(?:高品质|高质量|优质|上乘)的",
    re.IGNORECASE,
)
# Whole stock claims: empty praise, urgency and value talk with no reason given.
_PHRASES_RE = re.compile(
    r"(?<![a-z])(?:a\s+)?must[- ]have|look no further|perfect addition|(?:a\s+)?game[- ]changer|"
    r"elevate your (?:style|look|wardrobe|game|experience)|take (?:your|it) to the next level|"
    r"second to none|unmatched|unparalleled|unbeatable|value for money|great value|"
    r"you won'?t regret|don'?t miss|order (?:now|today)|buy (?:now|today)|"
    r"high[- ]quality|premium quality|top[- ]notch|the ultimate|finest|top[- ]selling|"
    r"most (?:prestigious|popular|trusted)|world'?s most|leading (?:brand|company|maker)|"
    r"(?:exceptional|superior|outstanding|unrivall?ed) (?:quality|craftsmanship|performance)|"
    r"性价比(?:很|超|非常|极)?高|高性价比|物超所值|不二之选|必备单品|必入|闭眼入|超值|良心|"
    r"赶快下单|赶紧入手|不容错过|值得拥有|高品质|高质量|品质保证|品质上乘|领先品牌|知名品牌|大牌|品质卓越|"
    r"必备",
    re.IGNORECASE,
)


def strip_filler_adjectives(text: str, facts_text: FactsText) -> str:
    """`text` without padding adjectives the facts do not carry, spaces tidied."""

    def cut(m: re.Match[str]) -> str:
        return m.group(0) if m.group(0).strip().lower() in facts_text.lower else ""

    return re.sub(r"[ \t]{2,}", " ", _ADJECTIVES_RE.sub(cut, text))


def find_filler(text: str, facts_text: FactsText) -> list[tuple[str, int, int]]:
    return [
        (m.group(0), m.start(), m.end())
        for m in _PHRASES_RE.finditer(text)
        if m.group(0).lower() not in facts_text.lower
    ]


def check_filler(text: str, facts_text: FactsText) -> GuardResult:
    norm = normalize(text)
    hits = [(f"filler:{s.strip().lower()}", s, a, b) for s, a, b in find_filler(norm, facts_text)]
    return hits_result("filler", hits, norm, "no stock filler")
