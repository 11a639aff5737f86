"""Run onnxruntime-genai's model builder, the engine of the export.

It is run as `python -m onnxruntime_genai.models.builder` in a child process rather than
imported: its modules import their siblings as top-level packages (`from builders import
...`), and a child keeps its memory peak (the whole fp32 checkpoint) out of our process.
Its `--help` crashes in 0.18.0; the arguments below come from `get_args()` in builder.py.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

Report = Callable[[str], None]

# Milestones the builder prints; everything else (per-tensor progress bars) goes to the log.
_MILESTONE = re.compile(
    r"^(Reading (embedding|layer \d+|final norm|LM head)|Saving \w.*in |Quantiz)"
)


class BuildError(RuntimeError):
    pass


@dataclass(frozen=True)
class BuildResult:
    seconds: float
    command: list[str]
    log_tail: str


def builder_precision(quantize: str, dtype: str) -> str:
    return dtype if quantize == "none" else quantize


def builder_extra_options(quantize: str) -> list[str]:
    # Not prune_lm_head: it would save ~23% of prefill time, but in 0.18 it takes the logits
    # of the last *padded* position, so every right-padded row of a batch got a wrong first
    # token (parity failed 7/8 at batch 8).
    options: list[str] = []
    # int4: quantizing the embedding Gather too makes Qwen 395 MB instead of 834 MB (DESIGN).
    if quantize == "int4":
        options.append("op_types_to_quantize=MatMul/Gather")
    return options


def run_builder(
    hf_dir: Path,
    out_dir: Path,
    *,
    precision: str,
    execution_provider: str,
    extra_options: Sequence[str] = (),
    report: Report = lambda _: None,
) -> BuildResult:
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ortgenai-builder-") as scratch:
        cmd = [
            sys.executable, "-m", "onnxruntime_genai.models.builder",
            "-i", str(hf_dir), "-o", str(out_dir), "-p", precision,
            "-e", execution_provider, "-c", scratch,
        ]  # fmt: skip
        if extra_options:
            cmd += ["--extra_options", *extra_options]
        # Offline: the builder must not reach the Hub for a local folder. GIT_DIR: it stamps
        # `git rev-parse HEAD` of the folder five levels above its own file (here: the
        # checkout holding the virtualenv) into the graph, so each commit exported other
        # bytes; without a repository it stamps its wheel's own commit.
        env = {
            **os.environ,
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "GIT_DIR": os.devnull,
        }
        started = time.perf_counter()
        tail: list[str] = []
        with subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True,
            errors="replace", bufsize=1,
        ) as proc:  # fmt: skip
            assert proc.stdout is not None
            for raw in proc.stdout:
                for line in raw.replace("\r", "\n").splitlines():
                    line = line.strip()
                    if not line:
                        continue
                    tail = [*tail[-40:], line]
                    if _MILESTONE.match(line):
                        report(line)
            code = proc.wait()
        seconds = time.perf_counter() - started
    log_tail = "\n".join(tail)
    if code != 0 or not (out_dir / "genai_config.json").is_file():
        raise BuildError(f"model builder failed (exit {code}):\n{log_tail}")
    return BuildResult(seconds, cmd, log_tail)
