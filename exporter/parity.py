"""Parity: greedy tokens of the exported ONNX model against the PyTorch model.

fp32 exports must match exactly on every prompt (and render the chat template and tokenize
exactly like transformers), or the export fails. Quantized exports cannot match exactly, so
they report the agreement rate and a quality proxy instead of pretending: the mean negative
log-likelihood that the PyTorch fp32 model assigns to each side's continuation. A quantized
model whose text the reference finds much less likely has degraded (ppl_ratio >> 1).
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from exporter.prompts import PRODUCTS, product_prompts
from worker.runtime.device import Device
from worker.runtime.generation import GenerationParams
from worker.runtime.model import OnnxModel


class ParityError(RuntimeError):
    pass


def _first_divergence(a: Sequence[int], b: Sequence[int]) -> int | None:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return i
    return None if len(a) == len(b) else min(len(a), len(b))


def _cut_eos(ids: Sequence[int], eos: frozenset[int]) -> list[int]:
    out = []
    for t in ids:
        if t in eos:
            break
        out.append(int(t))
    return out


def check_parity(
    hf_dir: Path,
    onnx_dir: Path,
    *,
    exact: bool,
    device: Device = "cpu",
    max_new_tokens: int = 32,
    threads: int = 0,
) -> dict[str, Any]:
    """Compare greedy generation on the fixed product prompts; return the report.

    `onnx_dir` must already hold a manifest (a provisional one is fine).
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from worker.runtime.device import cpu_threads

    prompts = product_prompts()
    onnx = OnnxModel(onnx_dir, device, threads=cpu_threads(threads))
    eos = onnx.eos_token_ids
    ends = onnx.end_token_ids  # both sides' outputs are cut at the same tokens

    tokenizer = AutoTokenizer.from_pretrained(str(hf_dir))
    hf_texts = [
        tokenizer.apply_chat_template(p, add_generation_prompt=True, tokenize=False)
        for p in prompts
    ]
    og_texts = [onnx.render(p) for p in prompts]
    hf_ids = [tokenizer(t, add_special_tokens=False)["input_ids"] for t in hf_texts]
    og_ids = [onnx.encode(t) for t in og_texts]
    template_match = sum(a == b for a, b in zip(hf_texts, og_texts, strict=True))
    ids_match = sum(list(a) == b for a, b in zip(hf_ids, og_ids, strict=True))

    started = time.perf_counter()
    results = onnx.generate(
        prompts,
        GenerationParams(max_new_tokens=max_new_tokens, max_batch_size=len(prompts)),
    )
    onnx_seconds = time.perf_counter() - started
    onnx_tokens = [r.token_ids[0] for r in results]

    # Any: transformers' stubs don't type generate()/eval() on the Auto class result.
    ref: Any = AutoModelForCausalLM.from_pretrained(str(hf_dir), dtype=torch.float32)
    ref.eval()
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else min(eos)
    torch_tokens: list[list[int]] = []
    started = time.perf_counter()
    with torch.inference_mode():
        # One prompt at a time: the reference must not depend on padding.
        for ids in hf_ids:
            input_ids = torch.tensor([list(ids)])
            out = ref.generate(
                input_ids=input_ids,
                attention_mask=torch.ones_like(input_ids),
                max_new_tokens=max_new_tokens,
                do_sample=False,
                num_beams=1,
                repetition_penalty=1.0,
                eos_token_id=sorted(eos),
                pad_token_id=pad,
            )
            torch_tokens.append(_cut_eos(out[0, input_ids.shape[1] :].tolist(), ends))
    torch_seconds = time.perf_counter() - started

    def mean_nll(prompt_ids: Sequence[int], continuation: Sequence[int]) -> float | None:
        if not continuation:
            return None
        full = torch.tensor([[*prompt_ids, *continuation]])
        with torch.inference_mode():
            logits = ref(input_ids=full).logits[0, len(prompt_ids) - 1 : -1].float()
        nll = torch.nn.functional.cross_entropy(logits, torch.tensor(list(continuation)))
        return float(nll)

    per_prompt = []
    for i, (t_ids, o_ids) in enumerate(zip(torch_tokens, onnx_tokens, strict=True)):
        div = _first_divergence(t_ids, o_ids)
        entry: dict[str, Any] = {
            "locale": PRODUCTS[i]["locale"],
            "identical": div is None,
            "first_divergence": div,
            "torch_tokens": len(t_ids),
            "onnx_tokens": len(o_ids),
            "prefix_agreement": 1.0 if div is None else div / max(len(t_ids), 1),
        }
        if not exact:
            entry["ref_nll_torch"] = mean_nll(hf_ids[i], t_ids)
            entry["ref_nll_onnx"] = mean_nll(hf_ids[i], o_ids)
        per_prompt.append(entry)

    identical = sum(e["identical"] for e in per_prompt)
    report: dict[str, Any] = {
        "mode": "exact" if exact else "agreement",
        "prompts": len(prompts),
        "max_new_tokens": max_new_tokens,
        "device": device,
        "chat_template_match": template_match,
        "prompt_tokens_match": ids_match,
        "identical": identical,
        "agreement_rate": identical / len(prompts),
        "mean_prefix_agreement": sum(e["prefix_agreement"] for e in per_prompt) / len(prompts),
        "torch_seconds": round(torch_seconds, 2),
        "onnx_seconds": round(onnx_seconds, 2),
        "per_prompt": per_prompt,
    }
    if not exact:
        pairs = [
            (e["ref_nll_torch"], e["ref_nll_onnx"])
            for e in per_prompt
            if e["ref_nll_torch"] is not None and e["ref_nll_onnx"] is not None
        ]
        if pairs:
            nll_t = sum(p[0] for p in pairs) / len(pairs)
            nll_o = sum(p[1] for p in pairs) / len(pairs)
            report.update(
                ref_nll_torch=round(nll_t, 4),
                ref_nll_onnx=round(nll_o, 4),
                # exp(mean NLL difference): how much less likely the reference finds the
                # quantized model's text than its own greedy text (1.0 = as likely).
                ppl_ratio=round(math.exp(nll_o - nll_t), 4),
            )
    report["passed"] = (
        identical == len(prompts) and template_match == len(prompts) and ids_match == len(prompts)
        if exact
        else template_match == len(prompts) and ids_match == len(prompts)
    )
    return report


def describe_failure(report: dict[str, Any]) -> str:
    n = report["prompts"]
    lines = [
        f"parity check failed: {report['identical']}/{n} prompts gave identical greedy tokens,"
        f" chat template matched on {report['chat_template_match']}/{n},"
        f" prompt tokens on {report['prompt_tokens_match']}/{n}."
    ]
    for i, e in enumerate(report["per_prompt"]):
        if not e["identical"]:
            lines.append(
                f"  prompt {i} ({e['locale']}): first divergence at generated token"
                f" {e['first_divergence']} (torch {e['torch_tokens']} tokens,"
                f" onnx {e['onnx_tokens']})"
            )
    return "\n".join(lines)
