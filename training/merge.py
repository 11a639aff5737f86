"""Fold a trained LoRA adapter into its base weights and save a plain Hugging Face folder
(fp32 safetensors, tokenizer, chat template, generation config): what the exporter reads."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import torch


def save_adapter(peft_model: Any, out_dir: Path) -> Path:
    """The adapter alone (a few MB): kept beside the merged folder, for provenance."""
    peft_model.save_pretrained(str(out_dir))
    return out_dir


def merge_to_hf(peft_model: Any, tokenizer: Any, out_dir: Path) -> Path:
    """Write the merged checkpoint to `out_dir` (replaced whole, so a crash never leaves a
    half-written folder under the final name). The peft model is consumed: its base
    weights now hold the merged ones."""
    merged: Any = peft_model.merge_and_unload()
    merged = merged.to(device="cpu", dtype=torch.float32)
    tmp = out_dir.with_name(f".{out_dir.name}.{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    merged.save_pretrained(str(tmp))
    tokenizer.save_pretrained(str(tmp))  # tokenizer files and the chat template
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp.replace(out_dir)
    return out_dir
