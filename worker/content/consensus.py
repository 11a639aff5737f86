"""Consensus among a unit's candidates: minimum-Bayes-risk selection with chrF as the utility.

Sampled candidates are draws from what the model believes about the product. What most of
them say (the product, its facts, the plain phrasing) is what the model is sure of; what
only one says ("designed specifically for Navy personnel" of a navy T-shirt, 适合在户外使用
of calcium tablets) is a slip of that one draw. So each candidate is scored by its mean chrF
against the other candidates: the one nearest the centre of the samples says least that the
others do not (Kumar & Byrne 2004; Freitag et al. 2022 for MBR with neural metrics). chrF
comes from sacrebleu (characters, so Chinese needs no segmenter); the selection is ours, since
no library here does MBR over a list of strings.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import sacrebleu


@functools.cache
def _metric() -> sacrebleu.CHRF:
    # beta=1: precision and recall alike. The default beta=2 weighs recall, so the longest
    # candidate, which holds most of what the others say plus its own slips, came out as
    # the centre.
    return sacrebleu.CHRF(beta=1)


def agreement(text: str, others: Sequence[str]) -> float:
    """`text`'s mean chrF (0-1) against each of `others` (0 when there are none)."""
    if not text or not others:
        return 0.0
    metric = _metric()
    total = sum(float(metric.sentence_score(text, [o]).score) for o in others)
    return total / (100 * len(others))


def consensus(texts: Sequence[str], judged: Sequence[int]) -> dict[int, float]:
    """For each index in `judged` (the candidates the guards passed): its agreement with
    every other non-empty candidate (passing or not: each is evidence of what the model
    says of this product), relative to the most central of them (1.0)."""
    raw = {i: agreement(texts[i], [t for j, t in enumerate(texts) if j != i and t]) for i in judged}
    top = max(raw.values(), default=0.0)
    return {i: (v / top if top > 0 else 1.0) for i, v in raw.items()}
