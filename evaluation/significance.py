"""Is model B really better than model A on this test split? sacreBLEU's paired
approximate randomization test (its recommended one): swap the two models' outputs for
random products 10,000 times and count how often the score difference is as large as the
real one (the p-value); plus a bootstrap 95% confidence interval of B's score.

With tens of test products a one-point chrF gain can be noise; the report says which.
sacreBLEU counts only shuffles whose difference exceeds the real one, not ties: that
understates p only when the models differ on a handful of products.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from typing import Any

import sacrebleu
from sacrebleu.significance import PairedTest

from evaluation.metrics import reference_streams

TRIALS = 10_000  # sacreBLEU's default for randomization
CI_SAMPLES = 1_000  # and for the bootstrap confidence interval
SEED = "20261122"  # sacreBLEU reads its resampling seed from the environment


def paired_bootstrap(
    baseline: Sequence[str],
    systems: dict[str, Sequence[str]],
    references: Sequence[Sequence[str]],
    *,
    chinese: bool,
) -> dict[str, dict[str, dict[str, Any]]]:
    """{system label: {"chrf" | "bleu": {"delta", "mean", "ci", "p_value"}}} against
    `baseline`, all on the same products in the same order."""
    if not systems or not baseline:
        return {}
    os.environ.setdefault("SACREBLEU_SEED", SEED)  # the same resamples on every run
    metrics = {
        "chrf": sacrebleu.CHRF(),
        "bleu": sacrebleu.BLEU(tokenize="zh" if chinese else "13a"),
    }
    named: list[tuple[str, Sequence[str]]] = [("baseline", list(baseline))]
    named += [(label, list(hyps)) for label, hyps in systems.items()]
    quiet = logging.getLogger("sacrebleu")
    level = quiet.level
    quiet.setLevel(logging.WARNING)  # it logs each step at INFO, through the rich progress
    try:
        test = PairedTest(
            named,
            metrics,
            reference_streams(references),  # type: ignore[arg-type]
            test_type="ar",
            n_samples=TRIALS,
            n_ar_confidence=CI_SAMPLES,
        )
        _, scores = test()
    finally:
        quiet.setLevel(level)
    # Columns come back in `metrics` order, named by each metric's own name ("chrF2", "BLEU").
    columns = [name for name in scores if name != "System"]
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for row, label in enumerate(systems, start=1):
        out[label] = {}
        for key, column in zip(metrics, columns, strict=True):
            base, result = scores[column][0], scores[column][row]
            assert not isinstance(base, str) and not isinstance(result, str)
            p_value = float(result.p_value) if result.p_value is not None else None
            if list(systems[label]) == list(baseline):
                # sacreBLEU gives identical outputs its smallest p (a zero difference is
                # "not attributed to chance"); for a reader that reads as significant.
                p_value = 1.0
            out[label][key] = {
                "delta": round(float(result.score) - float(base.score), 2),
                "mean": round(float(result.mean), 2) if result.mean is not None else None,
                "ci": round(float(result.ci), 2) if result.ci is not None else None,  # ±
                "p_value": p_value,
            }
    return out
