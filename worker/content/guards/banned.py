"""The banned-terms guard: superlatives and absolute claims that advertising law and
platform rules forbid in copy ("最佳", "第一", "best", "No. 1"), unless a fact carries them
(a brand, "100% cotton")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from worker.catalog.facts import ProductFacts
from worker.content.guards.corpus import FactsText
from worker.content.guards.results import GuardResult, in_context, make_result, normalize

# Chinese Advertising Law art. 9(3) bans "国家级/最高级/最佳" and the like; these are the
# terms the market regulator's guidance and platform rules list most often. 最 is banned as a
# prefix except in temporal words (最近 recently, 最后 finally, 最初, 最终), which are not
# superlative claims; 第一 is allowed in 第一眼/第一时间/第一次 (not a ranking).
ZH_BANNED_TERMS = (
    "全网最低", "最佳", "最好", "最优", "最高级", "最低价", "第一", "国家级", "国际级", "世界级",
    "顶级", "顶尖", "极致", "首个", "首家", "首选", "唯一", "万能", "绝对", "史无前例",
    "全球首发", "全国首发", "销量冠军", "百分之百", "填补国内空白", "独一无二",
)  # fmt: skip
ZH_SUPERLATIVE_PREFIX = "最"
ZH_ALLOWED_COMPOUNDS = ("最近", "最后", "最初", "最终", "第一眼", "第一时间", "第一次")
EN_BANNED_PATTERNS: tuple[tuple[str, str], ...] = (
    ("best", r"\bbest\b"),
    ("bestseller", r"\bbest[- ]?sell(?:er|ers|ing)\b"),
    ("No. 1", r"\bno\.?\s*1(?![\d.,]?\d)"),
    ("#1", r"#\s*1(?!\d)"),
    ("number one", r"\bnumber[\s-]+one\b"),
    ("world's first", r"\bworld['’]?s\s+first\b"),
    ("guaranteed", r"\bguarantee(?:d|s)?\b"),
    ("cheapest", r"\bcheapest\b"),
    ("lowest price", r"\blowest\s+prices?\b"),
    ("100%", r"(?<![\d.])100\s*%"),
)
_EN_BANNED = [(term, re.compile(p, re.IGNORECASE)) for term, p in EN_BANNED_PATTERNS]
# Usage instructions, not claims ("for best results, apply to damp hair").
EN_ALLOWED_PHRASES = re.compile(
    r"\bfor\s+(?:the\s+)?best\s+results\b|\bbest\s+before\b", re.IGNORECASE
)


def in_allowed_compound(text: str, start: int, term: str) -> bool:
    for compound in ZH_ALLOWED_COMPOUNDS:
        offset = compound.find(term)
        if offset >= 0 and start >= offset and text.startswith(compound, start - offset):
            return True
    return False


def find_banned(text: str, facts_lower: str = "") -> list[tuple[str, int, int]]:
    """(term, start, end) for each banned hit in NFKC text not covered by the facts."""
    hits: list[tuple[str, int, int]] = []
    covered: list[tuple[int, int]] = []

    def add(term: str, start: int, end: int, window: str) -> None:
        if window.lower() in facts_lower:  # a fact ("最生活" brand, "100% cotton") is allowed
            return
        hits.append((term, start, end))
        covered.append((start, end))

    for term in ZH_BANNED_TERMS:
        for m in re.finditer(re.escape(term), text):
            if in_allowed_compound(text, m.start(), term):
                continue
            add(term, m.start(), m.end(), term)
    for m in re.finditer(ZH_SUPERLATIVE_PREFIX, text):
        i = m.start()
        if any(a <= i < b for a, b in covered) or in_allowed_compound(text, i, "最"):
            continue
        add(ZH_SUPERLATIVE_PREFIX, i, i + 1, text[i : i + 2])
    allowed = [(m.start(), m.end()) for m in EN_ALLOWED_PHRASES.finditer(text)]
    for term, pattern in _EN_BANNED:
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in allowed):
                continue
            surface = re.sub(r"\s+", " ", m.group(0))
            window = surface if term != "100%" else "100%"
            add(term, m.start(), m.end(), window)
    return sorted(hits, key=lambda h: h[1])


def check_banned(
    text: str, facts: ProductFacts, kind: str = "description", *, extra_facts: Sequence[str] = ()
) -> GuardResult:
    return banned_guard(text, FactsText.build(facts, kind, extra_facts))


def banned_guard(text: str, facts_text: FactsText) -> GuardResult:
    """No banned term that the facts do not carry."""
    norm = normalize(text)
    hits = find_banned(norm, facts_text.lower)
    failures = list(dict.fromkeys(f"banned:{term}" for term, _, _ in hits))
    details = [f"'{norm[a:b]}' in {in_context(norm, a, b)}" for _, a, b in hits[:10]]
    return make_result("banned_terms", failures, details, "no banned advertising terms")
