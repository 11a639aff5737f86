"""PostgreSQL crashes (immediate shutdown: every backend dies, crash recovery on start) in the
middle of a refresh run, while the worker is generating its batches: the tasks that hit it
retry and succeed, and `shelfwriter refresh --wait` ends with every product counted once."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from tests.faults.servers import (
    PrivatePostgres,
    census,
    fast_redelivery,
    insert_products,
    settled,
)
from tests.processes import ROOT, CeleryWorker, wait_for
from worker.config import get_settings

pytestmark = pytest.mark.slow

PRODUCTS = 80


def test_postgres_restart_mid_refresh_keeps_totals_exact(
    fault_factory: sessionmaker[Session],
    fault_env: Callable[..., dict[str, str]],
    private_pg: PrivatePostgres,
    tmp_path: Path,
    tiny_model_dir: Path,
) -> None:
    env = fault_env(
        SHELFWRITER_MODEL_DIR=str(tiny_model_dir),
        SHELFWRITER_CANDIDATES="1",
        SHELFWRITER_BATCH_SIZE="10",
        SHELFWRITER_REFRESH_MAX_AGE_DAYS="0",
        # 30 s: the hard limit (29 s) must hold a batch of 10 products beside the demo test
        # (at 16 s, batches of 12-14 s hit the 15 s limit and the refresh never finished).
        **fast_redelivery(visibility=30),
    )
    insert_products(fault_factory, PRODUCTS, "P")  # no dispatcher: only the refresh runs
    worker = CeleryWorker(
        get_settings().generate_queue, tmp_path / "worker.log", concurrency=2, env=env
    )
    out = (tmp_path / "refresh.out").open("wb")
    err = (tmp_path / "refresh.err").open("wb")
    refresh = subprocess.Popen(
        [sys.executable, "-m", "worker.cli", "refresh", "--reason", "manual", "--wait"],
        cwd=ROOT, env=env, stdout=out, stderr=err,
    )  # fmt: skip
    try:
        # Crash once the walk is over and the first batches are done: later batches are
        # mid-generation or queued, and will hit a dead or recovering database.
        wait_for(lambda: worker.log().count("] succeeded") >= 2, 90, "first batches done")
        crashed_at = time.monotonic()
        # Down until a task has met the dead database (at least 3 s): on a loaded machine
        # every batch in flight may still be inside the model for a fixed outage.
        private_pg.crash()
        time.sleep(3)
        wait_for(lambda: "] retry" in worker.log(), 60, "a task to meet the dead database")
        private_pg.start()
        rc = refresh.wait(150)  # bounded: retries back off at most 5 s
        # The run's row is the truth (the CLI only polls it): wait for it to end.
        wait_for(lambda: _run(fault_factory)["status"] != "running", 150, "the run to end")
        wait_for(settled(fault_factory, outbox=False), 60, "every product current")
        recovered_s = time.monotonic() - crashed_at
    finally:
        if refresh.poll() is None:
            refresh.kill()
        worker.stop()
        out.close()
        err.close()
    stdout = (tmp_path / "refresh.out").read_text()
    stderr = (tmp_path / "refresh.err").read_text()
    retried = worker.log().count("] retry")
    run = _run(fault_factory)
    counts, examples = census(fault_factory)
    print(
        f"\npostgres crash + restart mid-refresh: {retried} task retries, run over"
        f" {recovered_s:.0f}s after the crash, refresh --wait exit {rc}; run {run}:",
        json.dumps(counts.as_dict()),
        flush=True,
    )
    assert run["status"] == "finished" and run["enqueued"] == PRODUCTS, run
    accounted = run["done"] + run["skipped"] + run["failed"]  # type: ignore[operator]
    assert accounted >= PRODUCTS, run  # nothing enqueued goes uncounted
    assert retried > 0, "no task met the dead database: the test proved nothing"
    assert (counts.lost, counts.stale, counts.duplicated) == (0, 0, 0), examples
    assert counts.content + counts.failed == PRODUCTS * 5
    # Each batch is counted once (refresh_run_batches), retries and redeliveries included.
    assert accounted == PRODUCTS, run
    # --wait rides out the restart and prints the run's totals last.
    assert rc == 0, stderr[-2000:]
    totals = json.loads(stdout.strip().splitlines()[-1])
    assert totals == {"run_id": run["id"], **{k: run[k] for k in _TOTALS}}


_TOTALS = ("status", "enqueued", "done", "skipped", "failed")


def _run(factory: sessionmaker[Session]) -> dict[str, object]:
    with factory() as session:
        row = session.execute(
            text(
                "SELECT id, status, enqueued, done, skipped, failed FROM refresh_runs"
                " ORDER BY id DESC LIMIT 1"
            )
        ).one()
    return dict(row._mapping)
