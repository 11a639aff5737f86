"""Fine-tuning step benchmark: seconds per LoRA optimizer step on real training pairs, for
the two things `training/lora.py` does to make a CPU fine-tune affordable, against the
plain fp32 step in the same run. Not a test: it prints numbers, it asserts nothing.

    python bench/finetune_step.py [--dataset FILE] [--base NAME] [--batch-size 8]
                                  [--repeats 2] [--out FILE.json]

Configurations, each on the same batch (the first `--batch-size` train pairs, production
prompts, padded as the Trainer pads them), with the same LoRA adapters and AdamW:
- fp32, logits everywhere: transformers' own loss (`labels=`), the baseline;
- fp32, answer-only logits: `training.lora.answer_loss`;
- bf16 autocast, logits everywhere;
- bf16 autocast, answer-only logits: what `shelfwriter finetune` does on AMX/AVX512-BF16.

bf16 is only worth it where the hardware multiplies bf16 (`training.lora.bf16_native`);
elsewhere the bench still runs it, to show the cost.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "advertisegen_dev.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", default=str(DATA))
    parser.add_argument("--base", default="qwen2.5-coder-0.5b-instruct")
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=2, help="timed steps per config")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()

    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorForSeq2Seq

    from evaluation.dataset import load_dataset
    from training.base import resolve_base
    from training.lora import IGNORE_INDEX, LoraOptions, answer_loss, bf16_native, encode_pair
    from training.pairs import build_pairs
    from worker.config import get_settings

    cache = get_settings().cache_dir
    base = resolve_base(args.base, cache)
    tokenizer: Any = AutoTokenizer.from_pretrained(str(base.hf_dir))
    tokenizer.pad_token = tokenizer.pad_token or tokenizer.eos_token
    pairs = build_pairs(load_dataset(args.dataset)).split("train")
    options = LoraOptions()
    encoded = [encode_pair(tokenizer, p, options.max_length) for p in pairs]
    features = [e.as_features() for e in encoded if e is not None][: args.batch_size]
    collate = DataCollatorForSeq2Seq(tokenizer, padding=True, label_pad_token_id=IGNORE_INDEX)
    batch = collate(features)
    length = int(batch["input_ids"].shape[1])
    answer_tokens = int((batch["labels"] != IGNORE_INDEX).sum())
    print(
        f"{base.name}: batch {len(features)} × {length} tokens ({answer_tokens} answer tokens),"
        f" {torch.get_num_threads()} threads, bf16 native: {bf16_native('cpu')}",
        flush=True,
    )

    torch.manual_seed(options.seed)
    model: Any = AutoModelForCausalLM.from_pretrained(str(base.hf_dir), dtype=torch.float32)
    model = get_peft_model(model, LoraConfig(task_type="CAUSAL_LM", **options.lora_config()))
    model.train()
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-5)

    def step(bf16: bool, answer_only: bool) -> float:
        loss: Any  # a Tensor, whose backward() torch leaves untyped
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            if answer_only:
                loss, _ = answer_loss(model, batch)
            else:
                loss = model(**batch).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        return float(loss.detach())

    rows: list[dict[str, Any]] = []
    for bf16 in (False, True):
        for answer_only in (False, True):
            step(bf16, answer_only)  # warm-up: oneDNN picks its kernels on the first call
            started = time.perf_counter()
            losses = [step(bf16, answer_only) for _ in range(args.repeats)]
            seconds = (time.perf_counter() - started) / args.repeats
            rows.append(
                {
                    "precision": "bf16" if bf16 else "fp32",
                    "logits": "answer only" if answer_only else "all positions",
                    "seconds_per_step": round(seconds, 2),
                    "loss": round(losses[-1], 4),
                }
            )
    baseline = rows[0]["seconds_per_step"]
    print(f"{'precision':<10}{'logits':<16}{'s/step':>8}{'speed-up':>10}{'loss':>9}")
    for row in rows:
        row["speedup"] = round(baseline / row["seconds_per_step"], 2)
        print(
            f"{row['precision']:<10}{row['logits']:<16}{row['seconds_per_step']:>8.2f}"
            f"{row['speedup']:>9.2f}×{row['loss']:>9.4f}"
        )
    if args.out:
        meta = {"base": base.name, "batch": len(features), "length": length}
        args.out.write_text(json.dumps({**meta, "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
