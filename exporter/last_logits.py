"""Logits for each row's last real token only: a graph edit after the model builder.

The builder's graph computes the LM head (896 x 151,936 for Qwen2.5-0.5B, a quarter of the
model's multiply-adds per token) for every prompt position, and the runtime keeps one
position per row. In prefill, which is most of a worker's time on product prompts of ~300
tokens (bench/pipeline.py), that head and its 600 KB of logits per position are waste.

The builder's own `prune_lm_head` option takes position -1, which is wrong for a batch:
onnxruntime-genai pads prompts on the right, so a shorter row's last position is padding
(its first token came out different, measured). This edit gathers, per row, the hidden
state at `sum(attention_mask) - 1 - past_length`, clipped into the step's positions (in a
decode step that is position 0), and feeds only that to the head. onnxruntime-genai reads
logits of sequence length 1 as the rows' last-token logits, so the runtime is unchanged;
greedy tokens match the unedited graph (tests/exporter/test_last_logits.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

# Names of everything this edit adds start with this, so the edit is found (and undone).
PREFIX = "/lm_head/last_row/"
LOGITS = "logits"
# The manifest's `target.logits` for an edited export (part of the recipe, so the version).
LOGITS_LAST_TOKEN = "last_token"


class GraphShapeError(ValueError):
    """The graph is not a decoder the edit understands (no logits from one MatMul)."""


def _logits_node(graph: Any) -> Any:
    producers = [n for n in graph.node if LOGITS in n.output]
    if len(producers) != 1:
        raise GraphShapeError(f"expected one node producing {LOGITS!r}, found {len(producers)}")
    return producers[0]


def decoder_filename(model_dir: Path) -> str:
    config = json.loads((model_dir / "genai_config.json").read_text(encoding="utf-8"))
    return str(config["model"]["decoder"].get("filename", "model.onnx"))


def is_current(manifest: dict[str, Any]) -> bool:
    """An export made with this edit (older ones are exported again by `models pull`)."""
    return bool(manifest.get("target", {}).get("logits") == LOGITS_LAST_TOKEN)


def is_pruned(onnx_path: Path) -> bool:
    import onnx

    graph = onnx.load(str(onnx_path), load_external_data=False).graph
    return any(n.name.startswith(PREFIX) for n in graph.node)


def prune_lm_head(onnx_path: Path) -> bool:
    """Edit `onnx_path` in place (its external weights untouched). False if already edited."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(onnx_path), load_external_data=False)
    graph = model.graph
    if any(n.name.startswith(PREFIX) for n in graph.node):
        return False
    inputs = {i.name for i in graph.input}
    if not {"input_ids", "attention_mask"} <= inputs:
        raise GraphShapeError(f"{onnx_path} lacks input_ids or attention_mask: {sorted(inputs)}")
    head = _logits_node(graph)
    hidden = head.input[0]

    def const(name: str, values: list[int]) -> str:
        graph.initializer.append(
            numpy_helper.from_array(np.array(values, dtype=np.int64), PREFIX + name)
        )
        return PREFIX + name

    one, zero = const("one", [1]), const("zero", [0])
    axis1, axis2 = const("axis1", [1]), const("axis2", [2])
    keep_bh, seq_one = const("keep_bh", [1, 0, 1]), const("seq_one", [0, 1, 0])

    def node(op: str, ins: list[str], out: str, **attrs: Any) -> str:
        graph.node.insert(
            list(graph.node).index(head),
            helper.make_node(op, ins, [PREFIX + out], name=PREFIX + out, **attrs),
        )
        return PREFIX + out

    mask = node("Cast", ["attention_mask"], "mask", to=TensorProto.INT64)
    lengths = node("ReduceSum", [mask, axis1], "lengths", keepdims=1)  # (B, 1)
    step = node("Gather", [node("Shape", ["input_ids"], "ids_shape"), one], "step", axis=0)
    total = node("Gather", [node("Shape", ["attention_mask"], "mask_shape"), one], "total", axis=0)
    past = node("Sub", [total, step], "past")
    last = node("Sub", [node("Sub", [lengths, past], "end"), one], "last")
    clipped = node("Max", [node("Min", [last, node("Sub", [step, one], "top")], "low"), zero], "at")
    # (B, 1) -> (B, 1, H): GatherElements wants an index of the data's rank.
    hidden_shape = node("Shape", [hidden], "hidden_shape")
    shape = node("Add", [node("Mul", [hidden_shape, keep_bh], "bh"), seq_one], "b1h")
    index = node("Expand", [node("Unsqueeze", [clipped, axis2], "at3"), shape], "index")
    head.input[0] = node("GatherElements", [hidden, index], "hidden", axis=1)

    out = next((o for o in graph.output if o.name == LOGITS), None)
    if out is None:
        raise GraphShapeError(f"{onnx_path} has no {LOGITS!r} output")
    dim = out.type.tensor_type.shape.dim[1]
    dim.ClearField("dim_param")
    dim.dim_value = 1
    onnx.save(model, str(onnx_path))
    return True


def restore_lm_head(onnx_path: Path) -> bool:
    """Undo `prune_lm_head` (bench/pipeline.py's baseline: the graph as the builder made
    it). False if there was nothing to undo."""
    import onnx

    model = onnx.load(str(onnx_path), load_external_data=False)
    graph = model.graph
    added = [n for n in graph.node if n.name.startswith(PREFIX)]
    if not added:
        return False
    gather = next(n for n in added if n.op_type == "GatherElements")
    head = _logits_node(graph)
    head.input[0] = gather.input[0]
    for n in added:
        graph.node.remove(n)
    for init in [i for i in graph.initializer if i.name.startswith(PREFIX)]:
        graph.initializer.remove(init)
    out = next(o for o in graph.output if o.name == LOGITS)
    out.type.tensor_type.shape.dim[1].dim_param = "sequence_length"
    onnx.save(model, str(onnx_path))
    return True
