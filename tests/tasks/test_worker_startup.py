"""A worker without its models refuses to start, saying how to fix it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.processes import ROOT, worker_env


def test_worker_without_models_exits_with_the_fix(tmp_path: Path) -> None:
    env = worker_env(SHELFWRITER_CACHE_DIR=str(tmp_path / "empty-cache"))
    env.pop("SHELFWRITER_MODEL_DIR", None)
    result = subprocess.run(
        [sys.executable, "-m", "celery", "-A", "worker", "worker", "-Q", "nothing", "-c", "1"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 78
    assert "shelfwriter models pull" in result.stderr


def test_worker_with_changed_model_files_exits_naming_the_file(
    tiny_model_dir: Path, tmp_path: Path
) -> None:
    """A host whose model files differ from the export (same size, other bytes) must not
    write content under the export's version."""
    import shutil

    tampered = tmp_path / "tampered"
    shutil.copytree(tiny_model_dir, tampered)
    tokenizer = tampered / "tokenizer.json"
    data = bytearray(tokenizer.read_bytes())
    data[-2] = ord(" ") if data[-2] != ord(" ") else ord("\n")
    tokenizer.write_bytes(bytes(data))
    env = worker_env(SHELFWRITER_MODEL_DIR=str(tampered))
    result = subprocess.run(
        [sys.executable, "-m", "celery", "-A", "worker", "worker", "-Q", "nothing", "-c", "1"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 78, result.stderr[-2000:]
    assert "tokenizer.json differs from the export" in result.stderr
