"""Benchmark: torch eager `generate` vs the ONNX runtime (onnxruntime-genai), same prompts,
same machine, same run. Not a test: it prints numbers, it asserts nothing.

    python bench/runtime.py [--models smollm2,qwen] [--batches 1,8,32] [--new-tokens 64]
                            [--threads N] [--json report/bench-runtime.json]

For each model: tokens/s and products/s at each batch size for torch fp32, ONNX fp32 and
ONNX int8; the ratio to torch at the same batch; whether greedy outputs equal torch's
batch-1 output (the reference); and the CPU roofline (compute and memory bound) with the
fraction of it reached. Batches are the 8 fixed product prompts (zh and en) repeated to fill
the batch. Exports missing models into the cache first (not timed).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from exporter.prompts import PRODUCTS, product_prompts
from worker.config import get_settings
from worker.runtime import GenerationParams, load_model
from worker.runtime.device import cpu_threads
from worker.runtime.registry import QWEN_CODER, SMOLLM2, ModelVariant, variant_dir

MODELS = {"smollm2": SMOLLM2, "qwen": QWEN_CODER}


def ensure_export(name: str, quantize: str) -> Path:
    from exporter.convert import export

    path = variant_dir(ModelVariant(name, "cpu", quantize, "fp32"), get_settings().cache_dir)  # type: ignore[arg-type]
    if not (path / "manifest.json").is_file():
        print(f"  exporting {path.name} (not timed)", flush=True)
        export(name, path, quantize=quantize, cache_dir=get_settings().cache_dir)  # type: ignore[arg-type]
    return path


def hf_dir_for(name: str) -> Path:
    from exporter.sources import PYPI_MODELS

    return get_settings().cache_dir / "hf" / f"{name}-{PYPI_MODELS[name].sha256[:12]}"


def batch_prompts(batch: int) -> list[list[dict[str, str]]]:
    base = product_prompts()
    return [base[i % len(base)] for i in range(max(batch, len(base)))]


# -- torch eager ---------------------------------------------------------------------------


class TorchRunner:
    def __init__(self, hf_dir: Path, threads: int, eos: set[int]) -> None:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        torch.set_num_threads(threads)
        self.torch = torch
        self.tok: Any = AutoTokenizer.from_pretrained(str(hf_dir))
        self.tok.padding_side = "left"  # decoder-only batching pads on the left in HF
        model: Any = AutoModelForCausalLM.from_pretrained(str(hf_dir), dtype=torch.float32)
        model.eval()
        self.model = model
        self.eos = eos
        self.pad = self.tok.pad_token_id if self.tok.pad_token_id is not None else min(eos)

    def generate(
        self, prompts: list[list[dict[str, str]]], batch: int, new: int
    ) -> list[list[int]]:
        texts = [
            self.tok.apply_chat_template(p, add_generation_prompt=True, tokenize=False)
            for p in prompts
        ]
        outs: list[list[int]] = []
        with self.torch.inference_mode():
            for i in range(0, len(texts), batch):
                enc = self.tok(texts[i : i + batch], return_tensors="pt", padding=True,
                               add_special_tokens=False)  # fmt: skip
                out = self.model.generate(
                    **enc, max_new_tokens=new, do_sample=False, num_beams=1,
                    eos_token_id=sorted(self.eos), pad_token_id=self.pad,
                )  # fmt: skip
                for row in out[:, enc["input_ids"].shape[1] :].tolist():
                    ids = []
                    for t in row:
                        if t in self.eos:
                            break
                        ids.append(t)
                    outs.append(ids)
        return outs


# -- roofline ------------------------------------------------------------------------------


def cpu_info() -> dict[str, Any]:
    info: dict[str, Any] = {"cores": cpu_threads(0), "machine": platform.machine()}
    try:
        text = Path("/proc/cpuinfo").read_text()
        info["model"] = re.search(r"model name\s*:\s*(.*)", text).group(1)  # type: ignore[union-attr]
        info["mhz"] = float(re.search(r"cpu MHz\s*:\s*(.*)", text).group(1))  # type: ignore[union-attr]
        flags = set(re.search(r"flags\s*:\s*(.*)", text).group(1).split())  # type: ignore[union-attr]
        info["avx512f"] = "avx512f" in flags
        info["avx512_vnni"] = "avx512_vnni" in flags
        family = re.search(r"cpu family\s*:\s*(\d+)", text)
        info["family"] = int(family.group(1)) if family else None
    except (OSError, AttributeError):
        pass
    return info


def _ort_matmul_rate(m: int, k: int, n: int, threads: int, seconds: float = 2.0) -> float:
    """Seconds per MatMul [m,k]x[k,n] in onnxruntime's CPU provider (the kernels the model
    runs on), with the same thread count."""
    import numpy as np
    import onnxruntime as ort
    from onnx import TensorProto, helper, numpy_helper

    weight = numpy_helper.from_array(np.random.rand(k, n).astype(np.float32), "W")
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "W"], ["y"])], "mm",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [m, k])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [m, n])], [weight],
    )  # fmt: skip
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    session = ort.InferenceSession(model.SerializeToString(), options, ["CPUExecutionProvider"])
    x = np.random.rand(m, k).astype(np.float32)
    session.run(None, {"x": x})
    runs, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        session.run(None, {"x": x})
        runs += 1
    return (time.perf_counter() - started) / runs


def measured_peaks(threads: int) -> dict[str, float]:
    """What this machine sustains with onnxruntime's own kernels: a large fp32 GEMM (compute
    bound) and a GEMV over a 256 MB weight (memory bound, like a batch-1 decode step)."""
    gemm = 2 * 2048**3 / _ort_matmul_rate(2048, 2048, 2048, threads)
    gemv_bytes = 8192 * 8192 * 4
    bandwidth = gemv_bytes / _ort_matmul_rate(1, 8192, 8192, threads)
    return {"gemm_fp32_flops": gemm, "memory_bytes_per_s": bandwidth}


def model_costs(hf_dir: Path) -> dict[str, float]:
    """FLOPs per generated token (2 per weight of every matmul, lm_head included) and the
    fp32 weight bytes each decode step must stream (the embedding is a gather, not a read)."""
    cfg = json.loads((hf_dir / "config.json").read_text())
    h, inter, layers = cfg["hidden_size"], cfg["intermediate_size"], cfg["num_hidden_layers"]
    heads, kv = (
        cfg["num_attention_heads"],
        cfg.get("num_key_value_heads", cfg["num_attention_heads"]),
    )
    head_dim = cfg.get("head_dim") or h // heads
    per_layer = h * heads * head_dim + 2 * h * kv * head_dim + heads * head_dim * h + 3 * h * inter
    matmul_params = layers * per_layer + h * cfg["vocab_size"]
    return {"flops_per_token": 2.0 * matmul_params, "weight_bytes_fp32": 4.0 * matmul_params}


# -- main ----------------------------------------------------------------------------------


def keep_fastest(
    timings: dict[str, tuple[float, list[list[int]]]],
    label: str,
    seconds: float,
    ids: list[list[int]],
) -> None:
    if label not in timings or seconds < timings[label][0]:
        timings[label] = (seconds, ids)


def identical(a: list[list[int]], ref: list[list[int]]) -> int:
    return sum(x == y for x, y in zip(a, ref, strict=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", default="smollm2")
    parser.add_argument("--batches", default="1,8,32")
    parser.add_argument("--new-tokens", type=int, default=64)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--skip-torch", action="store_true")
    # Best of N: this machine is shared, and the fastest run is the least disturbed one.
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    threads = cpu_threads(args.threads)
    batches = [int(b) for b in args.batches.split(",")]
    new = args.new_tokens

    info = cpu_info()
    peaks = measured_peaks(threads)
    # Zen 4/5 and recent Xeons: 2 FMA pipes x 16 fp32 lanes (AVX-512) x 2 FLOP per cycle.
    lanes = 16 if info.get("avx512f") else 8
    theoretical = threads * info.get("mhz", 0.0) * 1e6 * 2 * lanes * 2
    print(f"CPU: {info.get('model')} ({threads} threads used, {info.get('mhz')} MHz)")
    print(
        f"roofline inputs: theoretical fp32 peak {theoretical / 1e9:.0f} GFLOP/s"
        f" ({threads} cores x {info.get('mhz', 0) / 1e3:.2f} GHz x 2 FMA x {lanes} lanes x 2);"
        f" onnxruntime fp32 GEMM 2048^3 {peaks['gemm_fp32_flops'] / 1e9:.0f} GFLOP/s;"
        f" fp32 GEMV over 256 MB {peaks['memory_bytes_per_s'] / 1e9:.1f} GB/s"
    )
    report: dict[str, Any] = {"cpu": info, "peaks": peaks, "theoretical_fp32_flops": theoretical,
                              "threads": threads, "new_tokens": new, "models": {}}  # fmt: skip

    for key in args.models.split(","):
        name = MODELS[key]
        print(
            f"\n== {name}: {new} new tokens, greedy, 8 product prompts (zh+en) repeated to fill"
            f" the batch; best of {args.repeat}; load average {os.getloadavg()[0]:.2f}"
        )
        dirs = {"onnx-fp32": ensure_export(name, "none"), "onnx-int8": ensure_export(name, "int8")}
        hf_dir = hf_dir_for(name)
        costs = model_costs(hf_dir)
        onnx_models = {k: load_model(p, "cpu", threads=threads) for k, p in dirs.items()}
        eos = set(onnx_models["onnx-fp32"].eos_token_ids)
        rows: list[dict[str, Any]] = []

        runner = None if args.skip_torch else TorchRunner(hf_dir, threads, eos)
        reference: list[list[int]] | None = None
        if runner is not None:
            runner.generate(product_prompts()[:1], 1, 4)  # warm-up
        for batch in batches:
            prompts = batch_prompts(batch)
            fp32_model = onnx_models["onnx-fp32"]
            prompt_tokens = sum(len(fp32_model.encode(fp32_model.render(p))) for p in prompts)
            timings: dict[str, tuple[float, list[list[int]]]] = {}
            for _ in range(args.repeat):
                if runner is not None:
                    t0 = time.perf_counter()
                    ids = runner.generate(prompts, batch, new)
                    keep_fastest(timings, "torch-fp32", time.perf_counter() - t0, ids)
                    if batch == 1:
                        reference = ids
                for label, model in onnx_models.items():
                    model.generate(prompts[:1], GenerationParams(max_new_tokens=4))  # warm-up
                    t0 = time.perf_counter()
                    results = model.generate(
                        prompts, GenerationParams(max_new_tokens=new, max_batch_size=batch)
                    )
                    seconds = time.perf_counter() - t0
                    keep_fastest(timings, label, seconds, [r.token_ids[0] for r in results])
            base = timings.get("torch-fp32")
            base_tps = sum(len(x) for x in base[1]) / base[0] if base else None
            for label, (seconds, ids) in timings.items():
                tokens = sum(len(x) for x in ids)
                tps = tokens / seconds
                compute_bound = peaks["gemm_fp32_flops"] / costs["flops_per_token"]
                memory_bound = batch * peaks["memory_bytes_per_s"] / costs["weight_bytes_fp32"]
                roof = min(compute_bound, memory_bound)
                row: dict[str, Any] = {
                    "runtime": label, "batch": batch, "seconds": round(seconds, 2),
                    "tokens": tokens, "tokens_per_s": round(tps, 1),
                    "products_per_s": round(len(prompts) / seconds, 2),
                    "vs_torch": round(tps / base_tps, 2) if base_tps else None,
                    "identical_to_torch_b1": (
                        f"{identical(ids[: len(PRODUCTS)], reference)}/{len(PRODUCTS)}"
                        if reference else None
                    ),
                    "fp32_roofline_tokens_per_s": round(roof, 0),
                    "fraction_of_fp32_roofline": round(tps / roof, 3),
                    # Model FLOP utilisation: prompt and generated tokens' matmul FLOPs over
                    # the measured GEMM peak (prefill is most of the work for product copy).
                    "mfu": round(
                        (prompt_tokens + tokens) * costs["flops_per_token"]
                        / seconds / peaks["gemm_fp32_flops"], 3,
                    ),
                }  # fmt: skip
                rows.append(row)
                print(
                    f"  batch {batch:>2} {label:<10} {tps:7.1f} tok/s {row['products_per_s']:6.2f}"
                    f" products/s  x{row['vs_torch'] or 0:5.2f} vs torch"
                    f"  identical {row['identical_to_torch_b1']}"
                    f"  decode roofline {roof:5.0f} tok/s"
                    f" ({100 * row['fraction_of_fp32_roofline']:.0f}%)"
                    f"  MFU {100 * row['mfu']:.0f}%",
                    flush=True,
                )
        print(f"  load average after: {os.getloadavg()[0]:.2f} (2.0 = both cores busy elsewhere)")
        report["models"][name] = {"costs": costs, "rows": rows, "loadavg": os.getloadavg()}

    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2))
        print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
