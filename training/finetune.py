"""`shelfwriter finetune`: dataset → pairs → LoRA → merged checkpoint → exported model
directory whose manifest records how it was trained.

The result is a normal model directory: its `version` is the hash of its files (new
weights, new version), so pointing `SHELFWRITER_MODEL_DIR` at it makes every unit written
by the base model stale and the refresh regenerates them.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from rich.console import Console

from evaluation.dataset import load_dataset
from training.base import BaseModel, resolve_base
from training.pairs import Pair, Pairs, Selection, build_pairs
from worker.runtime.manifest import file_sha256
from worker.runtime.registry import DTypeOrAuto, QuantizeOrAuto

if TYPE_CHECKING:
    from training.lora import LoraOptions

ExportDevice = Literal["auto", "cpu", "cuda"]


class NoImprovementError(RuntimeError):
    """No evaluation beat the base model's dev loss: there is nothing worth exporting."""


@dataclass(frozen=True)
class ExportTarget:
    quantize: str
    dtype: str
    device: str

    @classmethod
    def choose(
        cls, base: BaseModel, quantize: QuantizeOrAuto, dtype: DTypeOrAuto, device: ExportDevice
    ) -> ExportTarget:
        """`auto`: the base's own build (the default CPU build for a default model's name:
        fp32 SmolLM2, int8 Qwen), so the fine-tuned model replaces it like for like."""
        target = base.target or {}
        dev = device if device != "auto" else str(target.get("execution_provider", "cpu"))
        dt = dtype if dtype != "auto" else str(target.get("dtype", "fp32"))
        if dt == "fp16" and dev != "cuda":
            dt = "fp32"  # the builder has no fp16 CPU target
        q = quantize if quantize != "auto" else str(target.get("quantization", "none"))
        return cls(q, dt, dev)


@dataclass(frozen=True)
class FinetuneOptions:
    limit: int | None = None  # training pairs (the first N in hash order)
    dev_limit: int | None = 64  # dev pairs evaluated each time: bounds evaluation cost
    selection: Selection = "guarded"
    quantize: QuantizeOrAuto = "auto"
    dtype: DTypeOrAuto = "auto"
    export_device: ExportDevice = "auto"
    name: str | None = None  # the manifest's name; default `<base>-ft-<dataset stem>`
    parity_tokens: int = 32


@dataclass
class FinetuneResult:
    out_dir: Path
    manifest: dict[str, Any]
    base: BaseModel
    training: dict[str, Any]
    timings: dict[str, float] = field(default_factory=dict)


def load_pairs(dataset: str, options: FinetuneOptions) -> tuple[Pairs, list[Pair], list[Pair]]:
    pairs = build_pairs(load_dataset(dataset), selection=options.selection)
    train = pairs.split("train")[: options.limit]
    dev = pairs.split("dev")[: options.dev_limit]
    return pairs, train, dev


def finetune(
    dataset: str,
    base_spec: str,
    out_dir: Path,
    lora: LoraOptions,
    options: FinetuneOptions,
    *,
    cache_dir: Path,
    console: Console | None = None,
) -> FinetuneResult:
    """Fine-tune `base_spec` on `dataset` and export the result to `out_dir`."""
    from exporter.convert import export
    from exporter.manifest import update_manifest
    from training.lora import train_lora
    from training.merge import merge_to_hf, save_adapter

    console = console or Console(stderr=True)
    report: Callable[[str], None] = console.log
    timings: dict[str, float] = {}
    t0 = time.perf_counter()

    pairs, train, dev = load_pairs(dataset, options)
    console.log(
        f"{dataset}: {len(train)} train / {len(dev)} dev pairs ({options.selection});"
        f" {pairs.dropped_references} references left out, failing:"
        f" {dict(pairs.dropped) or 'nothing'}"
    )
    if not train or not dev:
        raise ValueError(f"{dataset}: need train and dev pairs, got {len(train)} and {len(dev)}")
    base = resolve_base(base_spec, cache_dir, report)
    target = ExportTarget.choose(base, options.quantize, options.dtype, options.export_device)
    console.log(f"base {base.name} (version {base.version or 'n/a'}) from {base.hf_dir}")
    timings["prepare"] = round(time.perf_counter() - t0, 1)

    result = train_lora(base.hf_dir, train, dev, lora, console=console)
    timings["train"] = result.seconds
    if result.best_step is None:
        raise NoImprovementError(
            f"dev loss never went below the base model's {result.initial_dev_loss:.4f} in"
            f" {result.steps} steps: nothing exported (try another --lr or more --steps)"
        )

    t0 = time.perf_counter()
    name = options.name or f"{base.name}-ft-{Path(dataset).stem}"
    # Named by the adapter's hash: runs that learnt the same thing share one folder.
    adapter_tmp = cache_dir / "hf" / f".{name}-adapter-{time.time_ns()}"
    save_adapter(result.model, adapter_tmp)
    adapter_hash = file_sha256(adapter_tmp / "adapter_model.safetensors")[:12]
    merged_dir = cache_dir / "hf" / f"{name}-{adapter_hash}"
    adapter_dir = merged_dir.with_name(f"{merged_dir.name}-adapter")
    shutil.rmtree(adapter_dir, ignore_errors=True)
    adapter_tmp.replace(adapter_dir)
    merge_to_hf(result.model, result.tokenizer, merged_dir)
    timings["merge"] = round(time.perf_counter() - t0, 1)

    exported = export(
        str(merged_dir), out_dir, quantize=target.quantize, dtype=target.dtype,  # type: ignore[arg-type]
        device=target.device, cache_dir=cache_dir, parity_tokens=options.parity_tokens,  # type: ignore[arg-type]
        name=name, report=report,
    )  # fmt: skip
    timings["export"] = exported.timings.get("total", 0.0)

    training = {
        "base": base.describe(),
        "dataset": {
            "source": str(dataset),
            "sha256": file_sha256(Path(dataset)) if Path(dataset).is_file() else None,
            "selection": options.selection,
            "train_pairs": result.train_pairs,
            "dev_pairs": result.dev_pairs,
            "left_out": pairs.dropped_references,
            "left_out_failing": dict(pairs.dropped),
            "too_long": result.skipped_too_long,
        },
        "lora": {**lora.lora_config(), "adapter": str(adapter_dir)},
        "optimizer": {
            "lr": lora.lr,
            "batch_size": lora.batch_size,
            "grad_accum": lora.grad_accum,
            "max_steps": lora.steps,
            "eval_every": lora.eval_every,
            "patience": lora.patience,
            "max_length": lora.max_length,
            "seed": lora.seed,
            "precision": lora.precision,
        },
        "device": result.device,
        "bf16": result.bf16,
        "steps": result.steps,
        "stopped_early": result.stopped_early,
        "best_step": result.best_step,
        "initial_dev_loss": round(result.initial_dev_loss, 4),
        "best_dev_loss": round(result.best_dev_loss, 4) if result.best_dev_loss else None,
        "history": [
            {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(e).items()}
            for e in result.history
        ],
        "seconds": timings,
    }
    # The manifest is not part of the version: recording training there changes nothing
    # the workers compare; the new weights already gave the directory a new version.
    manifest = update_manifest(exported.out_dir, training=training)
    if base.version is not None and manifest["version"] == base.version:
        console.log("[yellow]the exported weights equal the base's: same version[/yellow]")
    return FinetuneResult(exported.out_dir, manifest, base, training, timings)
