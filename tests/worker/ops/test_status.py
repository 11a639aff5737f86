"""`shelfwriter status --json` against real Postgres and Redis: every figure it prints is
checked against what the test put there."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import redis
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from tests.helpers import add_products
from tests.processes import ROOT, worker_env
from worker.config import get_settings
from worker.refresh import RefreshReason, record_batch, start_or_resume
from worker.runtime.manifest import read_manifest

ERRORS = [
    "no candidate passed the guards: fact:number 12 not in the facts",
    "no candidate passed the guards: language:wrong script",
    "bad product data: title is empty",
]


def _content(factory: sessionmaker[Session], product_ids: list[int]) -> None:
    with factory.begin() as session:
        for pid, error in zip(product_ids, ERRORS, strict=True):
            session.execute(
                text(
                    "INSERT INTO product_content (product_id, kind, locale, status, error)"
                    " VALUES (:pid, 'description', 'en', 'failed', :error)"
                ),
                {"pid": pid, "error": error},
            )
        session.execute(
            text(
                "INSERT INTO product_content (product_id, kind, locale, status, body,"
                " model_version) VALUES (:pid, 'tags', 'en', 'generated', 'a, b, c', 'v1')"
            ),
            {"pid": product_ids[0]},
        )


def test_status_json_reports_queues_run_failures_and_models(
    factory: sessionmaker[Session], broker: redis.Redis, tiny_model_dir: Path
) -> None:
    settings = get_settings()
    ids = add_products(factory, 3)  # the triggers write 3 pending events
    _content(factory, ids)
    broker.delete(settings.generate_queue, settings.maintenance_queue)
    for _ in range(4):
        broker.lpush(settings.generate_queue, b"{}")
    broker.lpush(settings.maintenance_queue, b"{}")
    run, _ = start_or_resume(factory, RefreshReason.manual)
    with factory.begin() as session:
        session.execute(text("UPDATE refresh_runs SET enqueued = 5 WHERE id = :id"),
                        {"id": run.run_id})  # fmt: skip
    record_batch(factory, run.run_id, [*ids, ids[-1] + 1], {"done": 2, "skipped": 1, "failed": 1})

    out = subprocess.run(
        [sys.executable, "-m", "worker.cli", "status", "--json"],
        cwd=ROOT, env=worker_env(SHELFWRITER_MODEL_DIR=str(tiny_model_dir)),
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    status = json.loads(out.stdout.strip().splitlines()[-1])
    broker.delete(settings.generate_queue, settings.maintenance_queue)

    assert status["pending_events"] == 3
    assert status["oldest_pending_age_s"] >= 0
    assert status["queues"] == {settings.generate_queue: 4, settings.maintenance_queue: 1}
    progress = status["refresh_run"]
    assert (progress["run_id"], progress["status"], progress["reason"]) == (
        run.run_id, "running", "manual",
    )  # fmt: skip
    assert [progress[k] for k in ("enqueued", "done", "skipped", "failed")] == [5, 2, 1, 1]
    assert status["failures_by_reason"] == {"no candidate passed the guards": 2,
                                            "bad product data": 1}  # fmt: skip
    assert {(r["kind"], r["status"], r["rows"]) for r in status["content"]} == {
        ("description", "failed", 3), ("tags", "generated", 1),
    }  # fmt: skip
    assert status["model_versions"] == {"v1": 1}
    tiny = read_manifest(tiny_model_dir)["version"]
    models = status["models"]
    assert models["provider"] == "CPUExecutionProvider" and models["device"] == "cpu"
    assert set(models["versions"].values()) == {tiny}


def test_status_survives_a_dead_broker(factory: sessionmaker[Session]) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "worker.cli", "status", "--json"],
        cwd=ROOT, env=worker_env(CELERY_BROKER_URL="redis://127.0.0.1:1/0"),
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    status = json.loads(out.stdout.strip().splitlines()[-1])
    assert set(status["queues"].values()) == {None}
    assert status["pending_events"] == 0
