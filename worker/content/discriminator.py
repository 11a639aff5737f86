"""The discriminator: how much a candidate reads like a person's copy rather than a model's.

The seeds' GAN idea, made practical: a logistic regression over the multilingual sentence
embedding the tag step already loads (`worker.tags.embeddings`, USE v3, zh and en in one
space), trained by `training/discriminator.py` to tell the shared data's human
descriptions from the default model's candidates for the same products (train split only).
The weights are a 512-number vector and a bias per language, kept in
`data/discriminator.json` beside the facts they were fitted on (sizes, held-out AUC, the
model version whose copy was the negative class).

`human_likeness` is centred on the model's own copy (see there). It ranks only candidates
the guards passed: it knows style, not facts, so grounding and
coverage stay in the score beside it (`model_generator.score_candidate`). A language with
no weights, or `SHELFWRITER_DISCRIMINATOR=0`, ranks without it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

WEIGHTS_FILE = "discriminator.json"


@dataclass(frozen=True)
class _Fit:
    weights: npt.NDArray[np.float32]
    bias: float
    model_mean: float  # the model's own training copy's logits: where a score is centred
    model_std: float


@functools.cache
def _weights() -> dict[str, _Fit]:
    path = resources.files("worker.content").joinpath(f"data/{WEIGHTS_FILE}")
    if not path.is_file():
        return {}
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    from worker.tags.embeddings import MODEL_ID

    if data.get("embedding") != MODEL_ID:
        # Weights fitted on another embedding model's space mean nothing in this one.
        return {}
    return {
        lang: _Fit(
            np.asarray(entry["weights"], dtype=np.float32),
            float(entry["bias"]),
            float(entry["model_logit_mean"]),
            max(float(entry["model_logit_std"]), 1e-6),
        )
        for lang, entry in data["languages"].items()
    }


def available(lang: str) -> bool:
    return lang in _weights()


def logits(vectors: npt.NDArray[np.float32], lang: str) -> npt.NDArray[np.float32]:
    fit = _weights()[lang]
    out: npt.NDArray[np.float32] = vectors @ fit.weights + np.float32(fit.bias)
    return out


def human_likeness(texts: Sequence[str], lang: str) -> list[float]:
    """How much more a text reads like a person's copy than the model's usual copy, in
    [0, 1]: 0.5 at the median of the model's training candidates, towards 1 what few of
    them reach. Not the raw P(human): people's and the model's copy separate so well
    (cross-validated AUC 0.99+) that every candidate's P(human) is near 0, and ranking
    among candidates needs the spread within the model's own copy. 0.5 each when `lang`
    has no weights."""
    if not texts:
        return []
    if not available(lang):
        return [0.5] * len(texts)
    from worker.tags.embeddings import embed

    fit = _weights()[lang]
    z = (logits(embed(list(texts)), lang) - fit.model_mean) / fit.model_std
    # 1.7: the logistic curve's closest match to the normal CDF (a percentile, roughly).
    return [float(p) for p in 1.0 / (1.0 + np.exp(-1.7 * z))]
