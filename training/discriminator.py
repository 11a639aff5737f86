"""Train the discriminator (`worker.content.discriminator`): human copy against model copy.

Positives are the human references of a dataset's train split; negatives are the default
model's candidates for train-split products (every candidate, published or refused, after
cleaning and sentence grounding: what the scorer will be asked to rank). The test split is
never read, so `bench/discriminator.py` can judge the choice on it.

The model's texts are kept (`--texts`, JSON lines) so the fit can be redone without the
model time. The fit is an L2-regularised logistic regression by Newton's method, its strength chosen
by 5-fold cross-validated AUC, which also says how well it separates. Hand-written: the
project carries no scikit-learn, and with 513 parameters Newton converges in a few steps.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from worker.catalog.locales import serving_language

# Samples per language and class at most: enough for 513 parameters, and the USE forward
# pass over longer copy is the fit's main cost.
MAX_PER_CLASS = 800
# L2 strengths tried; each language keeps the one with the best cross-validated AUC.
L2_GRID = (0.1, 1.0, 10.0)
MIN_CHARS = {"en": 40, "zh": 15}


@dataclass(frozen=True)
class Sample:
    lang: str
    label: int  # 1 human, 0 model
    text: str
    source: str  # dataset file, and for model copy the model version

    def as_json(self) -> dict[str, Any]:
        return {"lang": self.lang, "label": self.label, "text": self.text, "source": self.source}


def human_samples(dataset: str, limit: int) -> list[Sample]:
    from evaluation.dataset import load_dataset, select_split

    examples = select_split(load_dataset(dataset), "train")
    out: list[Sample] = []
    for example in examples:
        lang = serving_language(example.product.locale)
        for reference in example.references[:1]:
            if len(reference) >= MIN_CHARS[lang]:
                out.append(Sample(lang, 1, reference.strip(), Path(dataset).name))
        if len(out) >= limit:
            break
    return out


def model_samples(
    dataset: str, products: int, candidates: int, progress: Callable[[int], None] | None = None
) -> list[Sample]:
    """Every candidate the default model writes for the first `products` train products."""
    from evaluation.dataset import load_dataset, select_split
    from evaluation.generate import facts_for
    from worker.content.generator import GenerationContext
    from worker.content.model_generator import ModelGenerator
    from worker.content.plan import units_for
    from worker.models import ContentKind

    examples = select_split(load_dataset(dataset), "train")[:products]
    generator = ModelGenerator(candidates=candidates)
    out: list[Sample] = []
    chunk = 8
    for start in range(0, len(examples), chunk):
        facts = [facts_for(e, start + i + 1) for i, e in enumerate(examples[start : start + chunk])]
        work = [item for f in facts for item in units_for(f, {}, [ContentKind.description])]
        for result in generator.generate(work, GenerationContext()):
            lang = serving_language(result.item.facts.locale)
            entries = list(result.quality.get("candidates", []))
            entries += result.quality.get("strict_retry", {}).get("candidates", [])
            for entry in entries:
                text = str(entry.get("text", "")).strip()
                if len(text) >= MIN_CHARS[lang]:
                    source = f"{Path(dataset).name}@{result.model_version[:8]}"
                    out.append(Sample(lang, 0, text, source))
        if progress:
            progress(len(facts))
    return out


def read_samples(path: Path) -> list[Sample]:
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [Sample(r["lang"], int(r["label"]), r["text"], r["source"]) for r in rows]


def write_samples(path: Path, samples: Iterable[Sample]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(s.as_json(), ensure_ascii=False) for s in samples]
    path.write_text("\n".join(lines) + "\n", "utf-8")


def fit_logistic(
    x: npt.NDArray[np.float64], y: npt.NDArray[np.float64], l2: float = 1.0
) -> tuple[npt.NDArray[np.float64], float]:
    """Weights and bias minimising class-balanced log loss + l2/2 |w|² (bias unpenalised)."""
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    pos = max(float(y.sum()), 1.0)
    neg = max(float(n - y.sum()), 1.0)
    # Balanced: each class weighs as much as the other whatever the sample sizes.
    sample_w = np.where(y == 1, n / (2 * pos), n / (2 * neg))
    penalty = np.full(d + 1, l2)
    penalty[-1] = 0.0
    theta = np.zeros(d + 1)
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(xb @ theta)))
        grad = xb.T @ (sample_w * (p - y)) + penalty * theta
        hess = (xb * (sample_w * p * (1 - p))[:, None]).T @ xb + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        theta -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return theta[:-1], float(theta[-1])


def auc(scores: Sequence[float], labels: Sequence[int]) -> float:
    """Probability that a random human text scores above a random model text (ties ½)."""
    pos = [s for s, y in zip(scores, labels, strict=True) if y == 1]
    neg = [s for s, y in zip(scores, labels, strict=True) if y == 0]
    if not pos or not neg:
        return float("nan")
    wins = sum((p > q) + 0.5 * (p == q) for p in pos for q in neg)
    return wins / (len(pos) * len(neg))


def cross_validated_auc(
    x: npt.NDArray[np.float64], y: npt.NDArray[np.float64], l2: float, folds: int = 5
) -> float:
    order = list(range(len(y)))
    random.Random(0).shuffle(order)
    scores = np.zeros(len(y))
    for k in range(folds):
        test = np.array(order[k::folds])
        train = np.setdiff1d(np.arange(len(y)), test)
        w, b = fit_logistic(x[train], y[train], l2)
        scores[test] = x[test] @ w + b
    return auc(list(scores), [int(v) for v in y])


def balanced(samples: Sequence[Sample], lang: str) -> list[Sample]:
    out: list[Sample] = []
    for label in (1, 0):
        group = [s for s in samples if s.lang == lang and s.label == label]
        random.Random(label).shuffle(group)
        out.extend(group[:MAX_PER_CLASS])
    return out


def fit(samples: Sequence[Sample]) -> dict[str, Any]:
    """The weights file's content: per language, weights, bias and how they were found."""
    from worker.tags.embeddings import MODEL_ID, embed

    languages: dict[str, Any] = {}
    for lang in sorted({s.lang for s in samples}):
        chosen = balanced(samples, lang)
        y = np.array([s.label for s in chosen], dtype=np.float64)
        if y.sum() == 0 or y.sum() == len(y):
            continue  # one class only: nothing to tell apart
        x = embed([s.text for s in chosen]).astype(np.float64)
        cv = {l2: round(float(cross_validated_auc(x, y, l2)), 4) for l2 in L2_GRID}
        best = max(L2_GRID, key=lambda l2: cv[l2])
        w, b = fit_logistic(x, y, best)
        # Where the model's own copy lies: the content step ranks candidates against it.
        model_logits = x[y == 0] @ w + b
        languages[lang] = {
            "weights": [round(float(v), 6) for v in w],
            "bias": round(b, 6),
            "human": int(y.sum()),
            "model": int(len(y) - y.sum()),
            "cv_auc_by_l2": {str(k): v for k, v in cv.items()},
            "l2": best,
            "model_logit_mean": round(float(model_logits.mean()), 6),
            "model_logit_std": round(float(model_logits.std()), 6),
            "sources": sorted({s.source for s in chosen}),
        }
    return {"embedding": MODEL_ID, "languages": languages}
