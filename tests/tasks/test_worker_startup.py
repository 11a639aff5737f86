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
