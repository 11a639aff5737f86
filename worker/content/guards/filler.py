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
    r"必备|优质|精心(?:制作|打造|制造|设计)|精工细作|匠心",
    re.IGNORECASE,
)


# Stock clauses said of any product: "适合各种场合" was in 15% of the default model's
# sparse-catalog texts and 0.3% of AdvertiseGen's human ones (50 times as often;
# evaluation/results/README.md, guards-8). Cut with the example list that follows it
# ("，如旅行、商务活动等"): the clause says nothing, and the rest of the sentence stands.
_STOCK_CLAUSE_RE = re.compile(
    # A whole clause: after a sentence's start, an end mark or a comma (group 1).
    r"(^|[，,。！？]|[.!?]\s)\s*(?:"
    r"(?:它|其)?(?:也)?(?:非常|十分)?(?:适合|适用于)(?:在)?(?:各种|各类|所有|不同|多种)(?:的)?场合"
    r"(?:下)?(?:使用|穿着|选择|佩戴|食用)?(?:[，,]\s*(?:如|比如|例如)[^，。！？,.!?]*)?"
    r"|(?:it is |it's )?(?:(?:and |making it )?(?:suitable|perfect|ideal|great) )?"
    r"for (?:all|any|various|every) occasions?"
    r")(?=[，。！？,.!?]|$)",
    re.IGNORECASE,
)


_OCCASIONS_RE = re.compile(
    r"(?:各种|各类|所有|不同|多种)(?:的)?场合|(?:all|any|various|every) occasions?"
)


def strip_filler_adjectives(text: str, facts_text: FactsText) -> str:
    """`text` without padding adjectives and stock clauses the facts do not carry, spaces
    and punctuation tidied; a sentence left with nothing but punctuation goes."""

    def cut(m: re.Match[str]) -> str:
        return m.group(0) if m.group(0).strip().lower() in facts_text.lower else ""

    def cut_clause(m: re.Match[str]) -> str:
        said = _OCCASIONS_RE.search(m.group(0).lower())
        if said and said.group(0) in facts_text.lower:  # "All Occasions Greeting Cards"
            return m.group(0)
        return "" if m.group(1) in "，," else m.group(1)  # a comma goes with its clause

    text = _STOCK_CLAUSE_RE.sub(cut_clause, _ADJECTIVES_RE.sub(cut, text))
    # A sentence that was all stock clause leaves its end mark behind.
    text = re.sub(r"^\s*[，,。！？.!?]+", "", text)
    text = re.sub(r"([。！？.!?])(\s*)[，,。！？.!?]+", r"\1\2", text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()


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


# Single words of the phrases above, which grounded decoding bars (`filler_words`): cheaper
# than spending a candidate on a sentence the guard then drops.
_WORDS = (
    "优质", "高品质", "高质量", "品质卓越", "必备", "超值", "物超所值", "不二之选", "匠心", "大牌",
    "unmatched", "unparalleled", "unbeatable", "finest",
)  # fmt: skip


def filler_words(facts_text: FactsText) -> set[str]:
    """Filler words the facts do not carry: what grounded decoding bars."""
    return {w for w in _WORDS if w not in facts_text.lower}
