"""The discriminator: how much a candidate reads like a person's copy rather than a model's.

The seeds' GAN idea, made practical: a logistic regression over the multilingual sentence
embedding the tag step already loads (`worker.tags.embeddings`, USE v3, zh and en in one
space), trained by `training/discriminator.py` to tell the shared data's human
descriptions from the default model's candidates for the same products (train split only).
The weights are a 512-number vector and a bias per language, kept in
`data/discriminator.json` beside the facts they were fitted on (sizes, held-out AUC, the
model version whose copy was the negative class).

It ranks only candidates the guards passed: it knows style, not facts, so grounding and
coverage stay in the score beside it (`model_generator.score_candidate`). A language with
no weights, or `SHELFWRITER_DISCRIMINATOR=0`, ranks without it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

WEIGHTS_FILE = "discriminator.json"


@functools.cache
def _weights() -> dict[str, tuple[npt.NDArray[np.float32], float]]:
    path = resources.files("worker.content").joinpath(f"data/{WEIGHTS_FILE}")
    if not path.is_file():
        return {}
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    from worker.tags.embeddings import MODEL_ID

    if data.get("embedding") != MODEL_ID:
        # Weights fitted on another embedding model's space mean nothing in this one.
        return {}
    return {
        lang: (np.asarray(entry["weights"], dtype=np.float32), float(entry["bias"]))
        for lang, entry in data["languages"].items()
    }


def available(lang: str) -> bool:
    return lang in _weights()


def logits(vectors: npt.NDArray[np.float32], lang: str) -> npt.NDArray[np.float32]:
    weights, bias = _weights()[lang]
    out: npt.NDArray[np.float32] = vectors @ weights + np.float32(bias)
    return out


def human_likeness(texts: Sequence[str], lang: str) -> list[float]:
    """P(human) per text in [0, 1]; 0.5 each when `lang` has no weights."""
    if not texts:
        return []
    if not available(lang):
        return [0.5] * len(texts)
    from worker.tags.embeddings import embed

    z = logits(embed(list(texts)), lang)
    return [float(p) for p in 1.0 / (1.0 + np.exp(-z))]
