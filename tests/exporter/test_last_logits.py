"""The last-token logits edit: the exported graph computes the LM head for one position per
row, and onnxruntime-genai generates exactly what the builder's graph did, on a right-padded
batch of prompts of different lengths (where the builder's own `prune_lm_head` goes wrong)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from exporter.last_logits import (
    LOGITS_LAST_TOKEN,
    is_pruned,
    prune_lm_head,
    restore_lm_head,
)

PROMPTS = [
    "hello",
    "a red cotton shirt for men with two pockets and long sleeves",
    "wool socks",
    "a blue ceramic mug that holds tea or coffee and goes in the dishwasher",
]


def _model(path: Path) -> tuple[Any, Any]:
    import onnxruntime_genai as og

    config = og.Config(str(path))
    config.clear_providers()
    model = og.Model(config)
    return model, og.Tokenizer(model)


def _run(path: Path, new_tokens: int = 12) -> tuple[np.ndarray, list[list[int]], int]:
    """First-step logits (rows, vocab) and each row's greedy continuation."""
    import onnxruntime_genai as og

    model, tokenizer = _model(path)
    tokens = tokenizer.encode_batch(PROMPTS)
    width = int(tokens.shape()[1])
    params = og.GeneratorParams(model)
    params.set_search_options(
        max_length=width + new_tokens, batch_size=len(PROMPTS), do_sample=False
    )
    generator = og.Generator(model, params)
    generator.append_tokens(tokens)
    first = np.array(generator.get_logits()).reshape(len(PROMPTS), -1)
    while not generator.is_done():
        generator.generate_next_token()
    rows = [[int(t) for t in generator.get_sequence(r)[width:]] for r in range(len(PROMPTS))]
    return first, rows, width


def _builder_graph(tiny_model_dir: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "as-built"
    shutil.copytree(tiny_model_dir, copy)
    assert restore_lm_head(copy / "model.onnx")
    return copy


def test_export_edits_the_head_and_records_it(tiny_model_dir: Path) -> None:
    manifest = json.loads((tiny_model_dir / "manifest.json").read_text())
    assert manifest["target"]["logits"] == LOGITS_LAST_TOKEN
    assert manifest["recipe"]["target"]["logits"] == LOGITS_LAST_TOKEN  # in the version
    assert is_pruned(tiny_model_dir / "model.onnx")


def test_same_tokens_and_logits_as_the_builders_graph_on_a_padded_batch(
    tiny_model_dir: Path, tmp_path: Path
) -> None:
    built = _builder_graph(tiny_model_dir, tmp_path)
    assert not is_pruned(built / "model.onnx")
    pruned_logits, pruned_rows, width = _run(tiny_model_dir)
    built_logits, built_rows, _ = _run(built)
    _, tokenizer = _model(tiny_model_dir)
    lengths = {len(tokenizer.encode(p)) for p in PROMPTS}
    assert len(lengths) > 1 and max(lengths) == width  # a batch with padded rows
    np.testing.assert_allclose(pruned_logits, built_logits, rtol=1e-4, atol=1e-4)
    assert pruned_rows == built_rows


def test_the_edit_is_idempotent_and_undoable(tiny_model_dir: Path, tmp_path: Path) -> None:
    import onnx

    path = tmp_path / "model.onnx"
    shutil.copy(tiny_model_dir / "model.onnx", path)
    assert not prune_lm_head(path)  # already edited at export
    assert restore_lm_head(path) and not restore_lm_head(path)
    graph = onnx.load(str(path), load_external_data=False).graph
    logits = next(o for o in graph.output if o.name == "logits")
    assert logits.type.tensor_type.shape.dim[1].dim_param == "sequence_length"
    assert prune_lm_head(path) and is_pruned(path)


def test_a_graph_without_one_logits_producer_is_refused(tmp_path: Path) -> None:
    import onnx
    from onnx import TensorProto, helper

    from exporter.last_logits import GraphShapeError

    ids = helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["b", "s"])
    mask = helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["b", "t"])
    out = helper.make_tensor_value_info("other", TensorProto.INT64, ["b", "s"])
    graph = helper.make_graph(
        [helper.make_node("Identity", ["input_ids"], ["other"])], "g", [ids, mask], [out]
    )
    path = tmp_path / "model.onnx"
    onnx.save(helper.make_model(graph), str(path))
    with pytest.raises(GraphShapeError, match="logits"):
        prune_lm_head(path)
