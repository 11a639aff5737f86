"""The language guard: copy must be in its locale's language, judged by the share of
letters in each script; words the facts explain (brands, units) do not count against it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from worker.catalog.facts import ProductFacts
from worker.catalog.locales import language_of
from worker.content.guards.corpus import FactsText
from worker.content.guards.quantities import LATIN_UNIT_WORDS
from worker.content.guards.results import GuardResult, normalize

_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
_HAN_RUN_RE = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _HAN_RANGES) + "]+")
_LATIN_WORD_RE = re.compile(r"[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ'’\-]*")

# Thresholds (share of letters that are not explained by the facts):
#  zh: Han ≥ 0.70 and at least 2 Han characters and ≤ 2 letters of other scripts (kana,
#      Hangul, Cyrillic…). Human AdvertiseGen copy: Han share ≥ 0.83 in all 770 rows
#      (loanwords like "logo", "chic", "T恤"); English or Japanese copy is far below.
#  en: no Han run that is not in the facts, Latin ≥ 0.90 of letters, at least 3 letters.
#      Myntra descriptions: Latin share 1.00 in all 12,491 rows.
ZH_MIN_HAN_SHARE = 0.70
ZH_MIN_HAN_CHARS = 2
ZH_MAX_OTHER_SCRIPT = 2
EN_MIN_LATIN_SHARE = 0.90
EN_MIN_LATIN_LETTERS = 3


def _is_han(ch: str) -> bool:
    cp = ord(ch)
    return any(a <= cp <= b for a, b in _HAN_RANGES)


def script_counts(text: str, explained_words: frozenset[str] = frozenset()) -> dict[str, int]:
    """Letters by script: han, latin (words not in `explained_words`), other."""
    counts = {"han": 0, "latin": 0, "other": 0}
    for m in _LATIN_WORD_RE.finditer(text):
        if m.group(0).lower().strip("'’-") not in explained_words:
            counts["latin"] += sum(ch.isalpha() for ch in m.group(0))
    for ch in text:
        if _is_han(ch):
            counts["han"] += 1
        elif ch.isalpha() and not ("A" <= ch <= "z" or "À" <= ch <= "ɏ"):
            counts["other"] += 1
    return counts


def check_language(
    text: str, facts: ProductFacts, kind: str = "description", *, extra_facts: Sequence[str] = ()
) -> GuardResult:
    return language_guard(text, facts, FactsText.build(facts, kind, extra_facts))


def language_guard(text: str, facts: ProductFacts, facts_text: FactsText) -> GuardResult:
    """Copy in the language of `facts.locale`, by the thresholds above."""
    lang = language_of(facts.locale)
    norm = normalize(text)
    if lang is None:
        return GuardResult(
            "language",
            False,
            f"locale {facts.locale!r} has no language guard (supported: zh-*, en-*)",
            (f"language:unsupported_locale {facts.locale}",),
        )
    strings, joined = facts_text.strings, facts_text.joined
    if lang == "zh":
        fact_words = (
            frozenset(w.lower() for s in strings for w in _LATIN_WORD_RE.findall(s))
            | LATIN_UNIT_WORDS
        )
        c = script_counts(norm, fact_words)
        total = c["han"] + c["latin"] + c["other"]
        share = c["han"] / total if total else 0.0
        ok = (
            share >= ZH_MIN_HAN_SHARE
            and c["han"] >= ZH_MIN_HAN_CHARS
            and c["other"] <= ZH_MAX_OTHER_SCRIPT
        )
        detail = (
            f"Han share {share:.2f} (min {ZH_MIN_HAN_SHARE}), Han {c['han']}, "
            f"foreign Latin letters {c['latin']}, other-script letters {c['other']}"
        )
        if ok:
            return GuardResult("language", True, detail)
        return GuardResult("language", False, detail, (f"language:not_zh han_share={share:.2f}",))
    # en
    stray = [run for run in _HAN_RUN_RE.findall(norm) if run not in joined]
    c = script_counts(_HAN_RUN_RE.sub(" ", norm))
    total = c["latin"] + c["other"] + sum(len(r) for r in stray)
    share = c["latin"] / total if total else 0.0
    detail = (
        f"Latin share {share:.2f} (min {EN_MIN_LATIN_SHARE}), Latin letters {c['latin']}, "
        f"Han not in facts {''.join(stray)[:40]!r}, other-script letters {c['other']}"
    )
    failures = []
    if stray:
        failures.append(f"language:han_in_en {''.join(stray)[:20]}")
    if share < EN_MIN_LATIN_SHARE or c["latin"] < EN_MIN_LATIN_LETTERS:
        failures.append(f"language:not_en latin_share={share:.2f}")
    return GuardResult("language", not failures, detail, tuple(failures))
