"""Corpus metrics of generated copy against human references.

Scales: BLEU, chrF and ROUGE-L are 0-100 (sacreBLEU's scale; ROUGE-L F1 × 100 to match);
rates and distinct-n are 0-1; lengths are characters of the stripped text.

- BLEU / chrF: sacreBLEU. BLEU uses its `zh` tokenizer as soon as one example is Chinese
  (it splits Han characters and tokenizes other text like `13a`), `13a` otherwise. chrF is
  character n-grams, language-neutral. Products with several references use all of them.
- ROUGE-L: `rouge-score`, F-measure against the best reference, averaged over products. Its
  default tokenizer drops everything but [a-z0-9], so Chinese text would score on nothing:
  `tokenize` below (lower-cased Latin/digit words, one token per Han character, punctuation
  dropped) is passed instead, for both languages so mixed data scores the same way. No
  stemming.
- distinct-n: unique n-grams / all n-grams over all outputs pooled, with the same tokens
  (words for English, characters for Chinese); n-grams do not cross outputs.
- near-duplicate rate: share of products whose output has at least one other product's output
  within the guard's SimHash distance (`guards.SIMHASH_MAX_DISTANCE`). Two identical outputs
  make both products near-duplicates: 2 of 2 → 1.0. Empty outputs never match.
- fact / language / banned rates: share of outputs the guard (`worker.content.guards`)
  fails, checked against that product's own facts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sacrebleu
from rouge_score import rouge_scorer

from worker.catalog.facts import ProductFacts
from worker.catalog.locales import is_chinese
from worker.content.guards import (
    SIMHASH_MAX_DISTANCE,
    check_banned,
    check_facts,
    check_language,
    hamming,
    run_guards,
    simhash,
)

# One token per Han character (CJK ideographs + extension A + compatibility) or one run of
# Latin letters/digits. Hand-written because no tokenizer in our dependencies does both.
_TOKEN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[a-z0-9]+")


def tokenize(text: str) -> list[str]:
    return _TOKEN_RE.findall(text.lower())


class _Tokenizer:
    """The interface rouge-score wants from a custom tokenizer."""

    def tokenize(self, text: str) -> list[str]:
        return tokenize(text)


def reference_streams(references: Sequence[Sequence[str]]) -> list[list[str | None]]:
    """sacreBLEU's layout: stream k holds every product's k-th reference (None where a
    product has fewer: sacreBLEU allows a variable number of references)."""
    width = max((len(r) for r in references), default=0)
    return [[r[k] if k < len(r) else None for r in references] for k in range(width)]


def bleu(hyps: Sequence[str], references: Sequence[Sequence[str]], *, chinese: bool) -> float:
    if not hyps:
        return 0.0
    metric = sacrebleu.BLEU(tokenize="zh" if chinese else "13a")
    return float(metric.corpus_score(list(hyps), reference_streams(references)).score)  # type: ignore[arg-type]


def chrf(hyps: Sequence[str], references: Sequence[Sequence[str]]) -> float:
    if not hyps:
        return 0.0
    metric = sacrebleu.CHRF()
    return float(metric.corpus_score(list(hyps), reference_streams(references)).score)  # type: ignore[arg-type]


def rouge_l(hyps: Sequence[str], references: Sequence[Sequence[str]]) -> float:
    """Mean over products of the ROUGE-L F-measure against the best reference, × 100."""
    if not hyps:
        return 0.0
    scorer = rouge_scorer.RougeScorer(["rougeL"], tokenizer=_Tokenizer())
    total = 0.0
    for hyp, refs in zip(hyps, references, strict=True):
        total += float(scorer.score_multi(list(refs), hyp)["rougeL"].fmeasure)
    return 100 * total / len(hyps)


def distinct_n(texts: Sequence[str], n: int) -> float:
    grams = [
        tuple(tokens[i : i + n])
        for tokens in map(tokenize, texts)
        for i in range(len(tokens) - n + 1)
    ]
    return len(set(grams)) / len(grams) if grams else 0.0


def near_duplicates(texts: Sequence[str], max_distance: int = SIMHASH_MAX_DISTANCE) -> list[bool]:
    """For each text: does another (non-empty) text lie within `max_distance` bits?"""
    hashes = [simhash(t) for t in texts]
    flagged = [False] * len(texts)
    for i in range(len(hashes)):
        for j in range(i + 1, len(hashes)):
            if hashes[i] and hashes[j] and hamming(hashes[i], hashes[j]) <= max_distance:
                flagged[i] = flagged[j] = True
    return flagged


def near_duplicate_rate(texts: Sequence[str], max_distance: int = SIMHASH_MAX_DISTANCE) -> float:
    flagged = near_duplicates(texts, max_distance)
    return sum(flagged) / len(flagged) if flagged else 0.0


@dataclass(frozen=True)
class GuardRates:
    fact_violation_rate: float
    wrong_language_rate: float
    banned_term_rate: float
    # Share of outputs with each refusal reason of the copy-quality goals (issue 15).
    reasons: dict[str, float]


# Failure-code prefixes → the reason a reader or checker would name. "Clean" copy is
# published and free of all of them.
REASONS = {
    "unsupported_number": ("fact:unsupported_number", "fact:price"),
    "unsupported_spec": (
        "fact:unsupported_material",
        "fact:unsupported_colour",
        "fact:contradicts",
    ),
    "unsupported_claim": ("claim:",),
    "audience_contradiction": ("audience:",),
    "foreign_name": ("entity:",),
    "foreign_type": ("type:",),
    "unsupported_detail": ("specifics:",),
    "banned_term": ("banned:",),
    "filler": ("filler:",),
    "broken_wording": ("wording:",),
    "cut_off": ("style:unfinished",),
    "wrong_language": ("language:",),
    "audience_echo": ("echo:",),
    "foreign_usage": ("usage:",),
}


def refusal_reasons(
    text: str, product: ProductFacts, kind: str, audience: tuple[str, str] | None = None
) -> set[str]:
    """Which of `REASONS` the guards find in `text` (duplicates and length aside);
    `audience`: the (label, description) recommendation copy was written for."""
    failures = run_guards(text, product, kind, audience=audience).failures
    return {
        name for name, prefixes in REASONS.items() if any(f.startswith(prefixes) for f in failures)
    }


def guard_rates(texts: Sequence[str], facts: Sequence[ProductFacts], kind: str) -> GuardRates:
    if not texts:
        return GuardRates(0.0, 0.0, 0.0, dict.fromkeys(REASONS, 0.0))
    fact = language = banned = 0
    reasons: dict[str, int] = dict.fromkeys(REASONS, 0)
    for text, product in zip(texts, facts, strict=True):
        fact += not check_facts(text, product, kind).passed
        language += not check_language(text, product, kind).passed
        banned += not check_banned(text, product, kind).passed
        for name in refusal_reasons(text, product, kind):
            reasons[name] += 1
    n = len(texts)
    return GuardRates(
        fact / n, language / n, banned / n, {f"{k}_rate": v / n for k, v in reasons.items()}
    )


def clean_rate(
    texts: Sequence[str], facts: Sequence[ProductFacts], published: Sequence[bool], kind: str
) -> float:
    """Share of products whose copy is published and free of every refusal reason."""
    clean = sum(
        ok and not refusal_reasons(text, product, kind)
        for text, product, ok in zip(texts, facts, published, strict=True)
    )
    return clean / len(texts) if texts else 0.0


def mean_length(texts: Sequence[str]) -> float:
    return sum(len(t.strip()) for t in texts) / len(texts) if texts else 0.0


def reference_length(references: Sequence[Sequence[str]]) -> float:
    """Mean over products of the mean length of that product's references."""
    per_product = [mean_length(refs) for refs in references if refs]
    return sum(per_product) / len(per_product) if per_product else 0.0


def corpus_metrics(
    hyps: Sequence[str],
    references: Sequence[Sequence[str]],
    facts: Sequence[ProductFacts],
    kind: str,
) -> dict[str, Any]:
    """Every metric `metrics.json` reports for one model (tokens/s is added by the caller)."""
    chinese = any(is_chinese(f.locale) for f in facts)
    rates = guard_rates(hyps, facts, kind)
    return {
        "chrf": chrf(hyps, references),
        "bleu": bleu(hyps, references, chinese=chinese),
        "rouge_l": rouge_l(hyps, references),
        "fact_violation_rate": rates.fact_violation_rate,
        "wrong_language_rate": rates.wrong_language_rate,
        "banned_term_rate": rates.banned_term_rate,
        **rates.reasons,
        "distinct_1": distinct_n(hyps, 1),
        "distinct_2": distinct_n(hyps, 2),
        "near_duplicate_rate": near_duplicate_rate(hyps),
        "avg_length": mean_length(hyps),
        "reference_avg_length": reference_length(references),
        "n": len(hyps),
    }
