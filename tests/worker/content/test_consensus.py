"""Consensus ranking: a candidate is scored by its agreement with the unit's other samples,
so what only one sample says loses to what most say."""

from __future__ import annotations

import pytest

from worker.content.consensus import agreement, consensus
from worker.content.model_generator import WEIGHTS_PLAIN, combine

SHIRT = [
    "A navy cotton crew neck t-shirt for everyday wear.",
    "This navy t-shirt is made of cotton with a crew neck.",
    "A cotton crew neck t-shirt in navy.",
    "This cotton t-shirt in navy is designed specifically for Navy personnel at sea.",
]
TEA = [
    "这款乌龙茶250克罐装，茶香浓郁。",
    "乌龙茶，250克罐装，适合日常冲泡。",
    "这是一款250克罐装的乌龙茶。",
    "这款乌龙茶适合在户外运动时补充体力，能够缓解疲劳。",
]


@pytest.mark.parametrize("texts", [SHIRT, TEA])
def test_the_sample_that_strays_from_the_others_is_least_central(texts: list[str]) -> None:
    scores = consensus(texts, range(len(texts)))
    assert max(scores.values()) == 1.0
    assert min(scores, key=scores.__getitem__) == 3
    assert all(0 < v <= 1 for v in scores.values())


def test_refused_samples_are_evidence_but_are_not_scored() -> None:
    scores = consensus(SHIRT, [0, 3])
    assert set(scores) == {0, 3}
    assert scores[0] == 1.0 and scores[3] < 1.0
    # Without the others, the two judged ones are each other's only evidence: symmetric.
    alone = consensus(SHIRT[:1] + SHIRT[3:], [0, 1])
    assert alone[0] == pytest.approx(alone[1], abs=0.05)


def test_agreement_is_zero_with_no_evidence_and_one_with_itself() -> None:
    assert agreement("A cotton tee.", []) == 0.0
    assert agreement("", ["A cotton tee."]) == 0.0
    assert agreement("A cotton tee.", ["A cotton tee."]) == pytest.approx(1.0)
    assert consensus(["", "A tee."], [1]) == {1: 1.0}  # empty samples are no evidence


def test_consensus_weighs_in_the_score_as_its_weight_says() -> None:
    parts = {"coverage": 1.0, "fluency": 1.0, "distinctness": 1.0, "consensus": 0.6}
    plain = {k: v for k, v in parts.items() if k != "consensus"}
    assert combine(parts, WEIGHTS_PLAIN) == pytest.approx(combine(plain, WEIGHTS_PLAIN))
    assert combine(parts, WEIGHTS_PLAIN, consensus_weight=0.5) == pytest.approx(
        combine(plain, WEIGHTS_PLAIN) * 0.8
    )
