"""Prometheus endpoints: auth required by default, fleet figures from the real services, and
a real worker process serving the counters its tasks recorded."""

from __future__ import annotations

import base64
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import redis
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.orm import Session, sessionmaker

from tests.helpers import add_products
from tests.processes import ROOT, CeleryWorker, LoggedProcess, wait_for, worker_env
from worker.config import get_settings
from worker.dispatch import celery_publisher, drain

AUTH = "scraper:s3cret-for-tests"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(port: int, auth: str | None) -> tuple[int, str]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/metrics")
    if auth:
        request.add_header("Authorization", "Basic " + base64.b64encode(auth.encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def samples(body: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    out = {}
    for family in text_string_to_metric_families(body):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def answers(port: int) -> bool:
    try:
        return fetch(port, AUTH)[0] in (200, 401)
    except OSError:
        return False


def test_fleet_exporter_refuses_to_start_without_auth() -> None:
    env = worker_env()
    env.pop("SHELFWRITER_METRICS_AUTH", None)
    env.pop("SHELFWRITER_METRICS_NO_AUTH", None)
    proc = subprocess.run(
        [sys.executable, "-m", "worker.cli", "metrics", "serve", "--port", str(free_port())],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 78
    assert "SHELFWRITER_METRICS_AUTH" in proc.stderr


def test_fleet_exporter_requires_auth_and_reports_the_database(
    factory: sessionmaker[Session], broker: redis.Redis, tmp_path: Path
) -> None:
    add_products(factory, 2)  # two pending events
    port = free_port()
    server = LoggedProcess(
        [sys.executable, "-m", "worker.cli", "metrics", "serve", "--port", str(port),
         "--host", "127.0.0.1"],
        worker_env(SHELFWRITER_METRICS_AUTH=AUTH), tmp_path / "metrics.log",
    )  # fmt: skip
    try:
        wait_for(lambda: answers(port), timeout=60, what="metrics server")
        assert fetch(port, None)[0] == 401
        assert fetch(port, "scraper:wrong")[0] == 401
        status, body = fetch(port, AUTH)
        assert status == 200
        got = samples(body)
        assert got[("shelfwriter_status_up", ())] == 1
        assert got[("shelfwriter_pending_events", ())] == 2
        assert got[("shelfwriter_queue_lag_seconds", ())] >= 0
        queue = get_settings().generate_queue
        assert got[("shelfwriter_queue_depth", (("queue", queue),))] == broker.llen(queue)
    finally:
        server.stop()


@pytest.mark.slow
def test_worker_serves_the_counters_of_its_pool(
    factory: sessionmaker[Session], broker: redis.Redis, tmp_path: Path, tiny_model_dir: Path
) -> None:
    """Prefork children record; the main process serves their sum (multiprocess mode)."""
    port = free_port()
    prom_dir = tmp_path / "prom"
    prom_dir.mkdir()
    worker = CeleryWorker(
        get_settings().generate_queue, tmp_path / "worker.log", concurrency=2,
        env={"SHELFWRITER_MODEL_DIR": str(tiny_model_dir), "SHELFWRITER_METRICS_PORT": str(port),
             "SHELFWRITER_METRICS_AUTH": AUTH, "PROMETHEUS_MULTIPROC_DIR": str(prom_dir)},
    )  # fmt: skip
    try:
        add_products(factory, 4)
        drain(factory, celery_publisher(), claim_limit=100, batch_size=2)

        def units() -> float:
            got = samples(fetch(port, AUTH)[1])
            return sum(v for (name, _), v in got.items() if name == "shelfwriter_units_total")

        # 4 products x 5 units each (the tiny model's gibberish fails: outcome "failed").
        wait_for(lambda: units() == 20, timeout=120, what="unit counters")
        assert fetch(port, None)[0] == 401
        got = samples(fetch(port, AUTH)[1])
        runs = {labels: v for (name, labels), v in got.items()
                if name == "shelfwriter_task_runs_total"}  # fmt: skip
        assert sum(runs.values()) == 2  # two batches, possibly on different children
        failures = sum(v for (name, _), v in got.items()
                       if name == "shelfwriter_unit_failures_total")  # fmt: skip
        failed = sum(
            v for (name, labels), v in got.items()
            if name == "shelfwriter_units_total" and ("outcome", "failed") in labels
        )  # fmt: skip
        assert failures == failed
        assert got[("shelfwriter_generated_tokens_total", ())] > 0
    finally:
        worker.stop()
