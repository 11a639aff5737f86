"""The export pipeline: resolve SOURCE -> (dequantize GGUF) -> model builder -> parity ->
manifest, into a staging directory that replaces OUT only when everything passed."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from exporter.build import builder_extra_options, builder_precision, run_builder
from exporter.gguf import gguf_to_hf
from exporter.last_logits import LOGITS_LAST_TOKEN, decoder_filename, prune_lm_head
from exporter.manifest import update_manifest, write_manifest
from exporter.parity import ParityError, check_parity, describe_failure
from exporter.recipe import build_recipe
from exporter.sources import resolve_source
from worker.config import get_settings
from worker.runtime.device import Device, cuda_status
from worker.runtime.registry import DType, Quantize

Report = Callable[[str], None]

SUPPORTED_MODEL_TYPES = ("llama", "qwen2", "gemma", "gemma2", "gemma3_text")


@dataclass
class ExportResult:
    out_dir: Path
    manifest: dict[str, Any]
    timings: dict[str, float] = field(default_factory=dict)


def _check_family(hf_dir: Path) -> str:
    config = json.loads((hf_dir / "config.json").read_text(encoding="utf-8"))
    model_type = str(config.get("model_type", ""))
    if model_type not in SUPPORTED_MODEL_TYPES:
        raise ValueError(
            f"{hf_dir}: model_type {model_type!r} is not a supported decoder-only family"
            f" ({', '.join(SUPPORTED_MODEL_TYPES)})"
        )
    return model_type


def export(
    source: str,
    out_dir: Path,
    *,
    quantize: Quantize = "none",
    dtype: DType = "fp32",
    device: Device | None = None,
    cache_dir: Path | None = None,
    parity_tokens: int = 32,
    name: str | None = None,
    report: Report = lambda _: None,
) -> ExportResult:
    """Export SOURCE to `out_dir`. Raises ParityError (and leaves `out_dir` untouched) when an
    fp32 export's greedy tokens differ from PyTorch's."""
    device = device or ("cuda" if dtype == "fp16" else "cpu")
    if dtype == "fp16" and device != "cuda":
        raise ValueError(
            "fp16 is a CUDA build (the builder has no fp16 CPU target); use --device cuda"
        )
    cache_dir = (cache_dir or get_settings().cache_dir).expanduser()
    out_dir = out_dir.expanduser().resolve()
    timings: dict[str, float] = {}
    started = time.perf_counter()

    def stage(label: str, t0: float) -> None:
        timings[label] = round(time.perf_counter() - t0, 2)
        report(f"{label}: {timings[label]:.1f} s")

    t0 = time.perf_counter()
    src = resolve_source(source, cache_dir, report)
    stage("fetch", t0)

    if src.kind == "hf":
        hf_dir = src.path
    else:
        t0 = time.perf_counter()
        assert src.sha256 is not None
        hf_dir = cache_dir / "hf" / f"{src.name}-{src.sha256[:12]}"
        report(f"dequantizing {src.path.name} with transformers -> {hf_dir}")
        gguf_to_hf(src.path, hf_dir)
        stage("dequantize", t0)
    model_type = _check_family(hf_dir)

    staging = out_dir.with_name(f".{out_dir.name}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    precision = builder_precision(quantize, dtype)
    extra = builder_extra_options(quantize)
    report(f"building {precision} for {device} with onnxruntime-genai's model builder")
    t0 = time.perf_counter()
    built = run_builder(
        hf_dir, staging, precision=precision, execution_provider=device,
        extra_options=extra, report=report,
    )  # fmt: skip
    stage("build", t0)
    # Logits for the last real token only: a third off prefill (exporter/last_logits.py).
    prune_lm_head(staging / decoder_filename(staging))

    fields: dict[str, Any] = {
        "name": name or src.name,
        "source": src.describe(),
        "model_type": model_type,
        "target": {
            "execution_provider": device,
            "dtype": dtype,
            "quantization": quantize,
            "builder_precision": precision,
            "builder_extra_options": extra,
            "logits": LOGITS_LAST_TOKEN,
        },
        "builder_command": [Path(built.command[0]).name, *built.command[1:]],
    }
    recipe = build_recipe(src, hf_dir, staging, model_type, fields["target"])
    # Provisional manifest: the runtime loads only directories that have one.
    write_manifest(staging, recipe, fields)

    exact = quantize == "none" and dtype == "fp32"
    can_run = device == "cpu" or cuda_status()[0]
    t0 = time.perf_counter()
    if can_run:
        report(f"parity: greedy tokens vs PyTorch on the product prompts ({parity_tokens} tokens)")
        parity = check_parity(
            hf_dir, staging, exact=exact, device=device, max_new_tokens=parity_tokens
        )
        stage("parity", t0)
    else:
        parity = {"mode": "skipped", "passed": None, "reason": "CUDA build, no usable GPU here"}
        report("parity skipped: CUDA build and no usable GPU on this machine")
    if exact and not parity["passed"]:
        shutil.rmtree(staging, ignore_errors=True)
        raise ParityError(f"{source} -> {out_dir}: " + describe_failure(parity))

    timings["total"] = round(time.perf_counter() - started, 2)
    manifest = update_manifest(staging, parity=parity, timings=timings)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging.replace(out_dir)
    return ExportResult(out_dir, manifest, timings)
