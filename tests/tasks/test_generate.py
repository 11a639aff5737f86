"""The generate task in a real Celery worker process, fed through the real broker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import redis
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import fast_restore_env
from tests.helpers import add_products, content_rows, count
from tests.processes import ROOT, CeleryWorker, wait_for, worker_env
from worker.config import get_settings
from worker.dispatch import celery_publisher, drain

UNITS = 5


def _units(factory: sessionmaker[Session]) -> int:
    """Units with a real outcome: generated, or failed with a recorded reason."""
    return count(
        factory,
        "SELECT count(*) FROM product_content WHERE status = 'generated'"
        " OR (status = 'failed' AND error IS NOT NULL)",
    )


def test_worker_consumes_batches_and_writes_rows(
    factory: sessionmaker[Session], celery_worker: CeleryWorker
) -> None:
    ids = add_products(factory, 10)
    stats = drain(factory, celery_publisher(), claim_limit=100, batch_size=4)
    assert stats.tasks == 3
    wait_for(lambda: _units(factory) == 10 * UNITS, timeout=60, what="content rows")
    assert {r.product_id for r in content_rows(factory)} == set(ids)
    log = celery_worker.log()
    assert log.count("succeeded") == 3, log


def test_redelivered_batch_writes_nothing_new(
    factory: sessionmaker[Session], celery_worker: CeleryWorker
) -> None:
    ids = add_products(factory, 3)
    publish = celery_publisher()
    publish(ids, "first-delivery")
    wait_for(lambda: _units(factory) == 3 * UNITS, timeout=60, what="first delivery")
    before = {(r.id, r.updated_at) for r in content_rows(factory)}
    publish(ids, "second-delivery")
    wait_for(
        lambda: "second-delivery] succeeded" in celery_worker.log(),
        timeout=60,
        what="second delivery",
    )
    assert {(r.id, r.updated_at) for r in content_rows(factory)} == before
    summary = celery_worker.log().split("second-delivery] succeeded")[1].splitlines()[0]
    assert "'written': 0" in summary and "'failed': 0" in summary


def test_worker_killed_mid_queue_loses_nothing(
    factory: sessionmaker[Session], broker: redis.Redis, tmp_path: Path, tiny_model_dir: Path
) -> None:
    """SIGKILL the worker (parent and child) with tasks still queued and unacked: a new
    worker finishes them all (acks_late + reject_on_worker_lost; redelivery on restore)."""
    ids = add_products(factory, 40)
    queue = get_settings().generate_queue
    model = {"SHELFWRITER_MODEL_DIR": str(tiny_model_dir)}
    first = CeleryWorker(queue, tmp_path / "w1.log", env=model)
    try:
        drain(factory, celery_publisher(), claim_limit=1000, batch_size=2)
        wait_for(lambda: _units(factory) > 0, timeout=60, what="some progress")
        os.killpg(first.proc.pid, signal.SIGKILL)
        first.proc.wait(10)
    finally:
        first.stop()
    done_at_kill = _units(factory)
    assert done_at_kill < 40 * UNITS, "worker finished before the kill; the test proved nothing"
    # Unacked messages of a dead consumer go back to the queue after the visibility
    # timeout; restore them now instead of waiting an hour.
    env = fast_restore_env(**model)
    second = CeleryWorker(queue, tmp_path / "w2.log", env=env)
    try:
        wait_for(
            # Generous: under a loaded CI machine the restore waits out the 30 s visibility.
            lambda: _units(factory) == 40 * UNITS,
            timeout=300,
            what="all content after restart",
        )
    finally:
        second.stop()
    assert {r.product_id for r in content_rows(factory)} == set(ids)
    dupes = count(
        factory,
        "SELECT count(*) FROM (SELECT 1 FROM product_content"
        " GROUP BY product_id, kind, segment, locale"
        " HAVING count(*) > 1) d",
    )
    assert dupes == 0


def test_trigger_dispatch_loop_worker_end_to_end(
    factory: sessionmaker[Session], celery_worker: CeleryWorker, tmp_path: Path
) -> None:
    """What an operator runs: products change → trigger → `shelfwriter dispatch` (LISTEN)
    → Redis → worker → product_content, then an update regenerates with a new hash."""
    log = (tmp_path / "dispatch.log").open("wb")
    dispatcher = subprocess.Popen(
        [sys.executable, "-m", "worker.cli", "dispatch"],
        cwd=ROOT,
        env=worker_env(SHELFWRITER_DISPATCH_POLL_INTERVAL="30"),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        ids = add_products(factory, 6)
        wait_for(lambda: _units(factory) == 6 * UNITS, timeout=60, what="content for new products")
        old = {r.kind: r.input_hash for r in content_rows(factory, ids[0]) if r.segment == ""}
        with factory.begin() as session:
            session.execute(
                text("UPDATE products SET title = 'Insulated steel bottle' WHERE id = :id"),
                {"id": ids[0]},
            )

        def regenerated() -> bool:
            new = {r.kind: r.input_hash for r in content_rows(factory, ids[0]) if r.segment == ""}
            return all(new[k] != old[k] for k in ("description", "tags"))

        wait_for(regenerated, timeout=60, what="regenerated content (new input hashes)")
        assert _units(factory) == 6 * UNITS
        assert (
            count(factory, "SELECT count(*) FROM catalog_events WHERE dispatched_at IS NULL") == 0
        )
    finally:
        dispatcher.send_signal(signal.SIGTERM)
        assert dispatcher.wait(15) == 0
        log.close()
    assert "stopped:" in (tmp_path / "dispatch.log").read_text()
