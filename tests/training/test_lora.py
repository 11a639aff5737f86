"""LoRA training on the tiny checkpoint: what the loss sees, and early stopping."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from evaluation.dataset import load_dataset
from tests.training.data import write_dataset
from training.lora import (
    IGNORE_INDEX,
    LoraOptions,
    answer_logits_start,
    answer_loss,
    encode_pair,
    render_prompt,
    train_lora,
)
from training.pairs import Pair, build_pairs
from worker.runtime import load_model

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pairs(tmp_path_factory: pytest.TempPathFactory) -> list[Pair]:
    path = write_dataset(tmp_path_factory.mktemp("ft-data") / "data.jsonl", train=8, dev=4)
    # Short template copy: grounded, but under the description length guard's minimum.
    return build_pairs(load_dataset(str(path)), selection="grounded").pairs


def _tokenizer(hf_dir: Path) -> Any:
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(hf_dir))


def test_loss_is_only_on_the_assistant_turn(
    tiny_hf_dir: Path, tiny_model_dir: Path, pairs: list[Pair]
) -> None:
    tokenizer = _tokenizer(tiny_hf_dir)
    pair = pairs[0]
    encoded = encode_pair(tokenizer, pair, max_length=4096)
    assert encoded is not None
    n = encoded.prompt_length
    # The prompt is masked, everything after it is learnt: the reference, then end of turn.
    assert encoded.labels[:n] == [IGNORE_INDEX] * n
    assert encoded.labels[n:] == encoded.input_ids[n:]
    assert tokenizer.decode(encoded.labels[n:]) == pair.target + "<|im_end|>"
    # The masked part is exactly the tokens the ONNX runtime feeds the model in production.
    model = load_model(tiny_model_dir, "cpu")
    assert model.render(pair.prompt) == render_prompt(tokenizer, pair)
    assert model.encode(model.render(pair.prompt)) == encoded.input_ids[:n]
    # Too long for the budget: left out whole rather than cut mid-reference.
    assert encode_pair(tokenizer, pair, max_length=n) is None


def test_early_stopping_ends_before_max_steps_when_dev_loss_stalls(
    tiny_hf_dir: Path, pairs: list[Pair]
) -> None:
    """lr=0: the dev loss never improves, so training stops after `patience` evaluations
    past the first, far short of the step budget, and reports no improvement."""
    train = [p for p in pairs if p.split == "train"]
    dev = [p for p in pairs if p.split == "dev"]
    options = LoraOptions(
        steps=40, lr=0.0, r=4, batch_size=2, eval_every=2, patience=2, max_length=1024
    )
    result = train_lora(tiny_hf_dir, train, dev, options)
    assert result.stopped_early
    assert result.steps == 6  # evaluations at 2 (best), 4 and 6 (no improvement twice)
    assert [e.step for e in result.history] == [2, 4, 6]
    assert result.best_step is None  # nothing beat the untrained model
    assert result.best_dev_loss == pytest.approx(result.initial_dev_loss)


def test_answer_logits_start_is_the_first_scored_position_of_any_row() -> None:
    import torch

    x = IGNORE_INDEX
    labels = torch.tensor([[x, x, x, x, 5, 6], [x, x, 7, 8, 9, x]])
    # Row 2's first label (7) sits at index 2, so it is predicted from position 1.
    assert answer_logits_start(labels) == 1
    assert answer_logits_start(torch.full((2, 4), x)) == 3  # nothing scored: one position


def test_answer_only_loss_equals_the_full_loss(tiny_hf_dir: Path, pairs: list[Pair]) -> None:
    """Cutting the prompt's logits changes the work, not the loss: on a padded batch of
    pairs with different prompt lengths it matches transformers' own loss."""
    import torch
    from transformers import AutoModelForCausalLM, DataCollatorForSeq2Seq

    tokenizer = _tokenizer(tiny_hf_dir)
    tokenizer.pad_token = tokenizer.pad_token or tokenizer.eos_token
    encoded = [encode_pair(tokenizer, p, max_length=4096) for p in pairs[:4]]
    features = [e.as_features() for e in encoded if e is not None]
    assert len({len(f["input_ids"]) for f in features}) > 1  # padding really happens
    batch = DataCollatorForSeq2Seq(tokenizer, padding=True, label_pad_token_id=IGNORE_INDEX)(
        features
    )
    model: Any = AutoModelForCausalLM.from_pretrained(str(tiny_hf_dir), dtype=torch.float32)
    model.eval()
    with torch.no_grad():
        full = model(**batch).loss
        ours, outputs = answer_loss(model, batch)
    assert outputs.logits.shape[1] < batch["input_ids"].shape[1]  # fewer positions computed
    assert ours.item() == pytest.approx(full.item(), rel=1e-5)
