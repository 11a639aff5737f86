"""The discriminator: its fit separates what it should, the shipped weights tell people's
copy from the model's on texts they never saw, and the content step ranks with it only where
it was trained (descriptions) and when it is on."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tests.worker.content.guards.samples import ADGEN, MYNTRA
from training.discriminator import auc, fit_logistic
from worker.config import get_settings
from worker.content import discriminator
from worker.content.model_generator import (
    WEIGHTS_DISCRIMINATOR,
    WEIGHTS_PLAIN,
    ModelGenerator,
    combine,
)
from worker.models import ContentKind

RESULTS = Path(__file__).resolve().parents[2] / "evaluation" / "results"


def test_auc_counts_ordered_pairs() -> None:
    assert auc([0.9, 0.8, 0.1], [1, 1, 0]) == 1.0
    assert auc([0.1, 0.9], [1, 0]) == 0.0
    assert auc([0.5, 0.5], [1, 0]) == 0.5


def test_fit_separates_classes_and_weighs_them_equally() -> None:
    rng = np.random.default_rng(0)
    # 300 of one class, 60 of the other, shifted along the first axis only.
    x = np.vstack([rng.normal(0, 1, (300, 8)) + np.eye(8)[0] * 2, rng.normal(0, 1, (60, 8))])
    y = np.array([1.0] * 300 + [0.0] * 60)
    w, b = fit_logistic(x, y, l2=1.0)
    assert auc(list(x @ w + b), [int(v) for v in y]) > 0.9
    assert abs(w[0]) > 2 * float(np.abs(w[1:]).max())
    # Balanced weights: the boundary sits between the class means, not pushed toward the
    # smaller class (an unweighted fit would call almost everything the larger class).
    boundary = -b / w[0]
    assert 0.5 < boundary < 1.5


def _held_out_human(path: Path, n: int) -> list[str]:
    from evaluation.dataset import load_dataset, select_split

    if not path.exists():
        pytest.skip(f"{path} not present")
    return [e.references[0] for e in select_split(load_dataset(str(path)), "test")[:n]]


@pytest.mark.parametrize(("lang", "data"), [("en", MYNTRA), ("zh", ADGEN)])
def test_shipped_weights_score_unseen_human_copy_above_model_copy(lang: str, data: Path) -> None:
    """Human references of the test split (the fit reads only the train split) against the
    default model's published copy of the sparse catalogs (written before the fit)."""
    assert discriminator.available(lang)
    report = json.loads((RESULTS / f"sparse-{lang}.copy-quality.json").read_text("utf-8"))
    model = [
        o["text"] for run in report["runs"].values() for o in run["outputs"] if o["published"]
    ][:40]
    human = _held_out_human(data, 40)
    scores = discriminator.human_likeness(human + model, lang)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert auc(scores, [1] * len(human) + [0] * len(model)) > 0.75


def test_the_content_step_ranks_descriptions_with_it_when_on() -> None:
    texts = ["A merino wool sweater in navy.", "A cotton T-shirt."]
    on = ModelGenerator(get_settings().model_copy(update={"discriminator": True}))
    off = ModelGenerator(get_settings().model_copy(update={"discriminator": False}))
    scores = on._human_likeness(texts, "en-US", ContentKind.description)
    assert scores is not None and len(scores) == 2
    assert on._human_likeness(texts, "en-US", ContentKind.recommendation_copy) is None
    assert off._human_likeness(texts, "en-US", ContentKind.description) is None


def test_human_likeness_moves_the_score_and_coverage_keeps_the_largest_share() -> None:
    parts = {"coverage": 0.5, "fluency": 0.9, "distinctness": 1.0}
    assert combine({**parts, "human": 0.9}, WEIGHTS_DISCRIMINATOR) > combine(
        {**parts, "human": 0.1}, WEIGHTS_DISCRIMINATOR
    )
    assert WEIGHTS_DISCRIMINATOR[0] == max(WEIGHTS_DISCRIMINATOR)
    assert combine(parts, WEIGHTS_PLAIN) == pytest.approx(0.25 + 0.27 + 0.2)


def test_train_discriminator_fits_from_kept_texts(tmp_path: Path) -> None:
    """The command as an ML engineer reruns it: texts already written, no model time."""
    from typer.testing import CliRunner

    from training.discriminator import Sample, write_samples
    from worker.cli import app

    if not MYNTRA.exists():
        pytest.skip(f"{MYNTRA} not present")
    report = json.loads((RESULTS / "sparse-en.copy-quality.json").read_text("utf-8"))
    model = [
        Sample("en", 0, o["text"], "sparse-en")
        for run in report["runs"].values()
        for o in run["outputs"]
        if o["published"] and o["kind"] == "description"
    ]
    texts = tmp_path / "texts.jsonl"
    write_samples(texts, model)
    out = tmp_path / "weights.json"
    args = ["train-discriminator", str(MYNTRA), "--texts", str(texts), "--out", str(out)]
    result = CliRunner().invoke(app, [*args, "--humans", "60"])
    assert result.exit_code == 0, result.output
    weights = json.loads(out.read_text("utf-8"))
    entry = weights["languages"]["en"]
    assert len(entry["weights"]) == 512 and entry["human"] == 60 and entry["model"] == len(model)
    assert max(entry["cv_auc_by_l2"].values()) > 0.7
