"""The dispatcher: coalescing, batching, concurrent dispatchers, and a broker that is down."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections import Counter

import pytest
import redis
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from tests.helpers import add_products, count, events, queued_tasks
from tests.processes import ROOT, wait_for, worker_env
from worker.config import get_settings
from worker.dispatch import Dispatcher, celery_publisher, dispatch_round, drain

QUEUE = get_settings().generate_queue


def test_coalesces_events_of_one_product_and_batches(
    factory: sessionmaker[Session], broker: redis.Redis
) -> None:
    ids = add_products(factory, 5)
    with factory.begin() as session:  # two more events for the first product
        session.execute(text("UPDATE products SET title = 'x' WHERE id = :id"), {"id": ids[0]})
        session.execute(text("UPDATE products SET title = 'y' WHERE id = :id"), {"id": ids[0]})
    stats = drain(factory, celery_publisher(), claim_limit=100, batch_size=2)
    assert (stats.events, stats.products, stats.tasks) == (7, 5, 3)
    tasks = queued_tasks(broker, QUEUE)
    assert [p for _, batch in tasks for p in batch] == ids  # each product once, in order
    assert all(e.dispatched_at is not None for e in events(factory))
    # All three events of the first product went out in the same task.
    assert len({e.task_id for e in events(factory) if e.product_id == ids[0]}) == 1


def test_nothing_pending_sends_nothing(factory: sessionmaker[Session], broker: redis.Redis) -> None:
    stats = drain(factory, celery_publisher(), claim_limit=10, batch_size=2)
    assert stats.tasks == 0
    assert broker.llen(QUEUE) == 0


def test_two_concurrent_dispatchers_send_each_event_once(
    factory: sessionmaker[Session], broker: redis.Redis
) -> None:
    """Two real `shelfwriter dispatch --once` processes race over 3,000 events in small
    claims. Every event is dispatched, by exactly one task, and every task on the broker
    is the one recorded for its events."""
    add_products(factory, 1500)
    with factory.begin() as session:
        session.execute(text("UPDATE products SET title = title || ' v2'"))  # 1,500 more
    env = worker_env(SHELFWRITER_DISPATCH_CLAIM_LIMIT="40", SHELFWRITER_BATCH_SIZE="7")
    cmd = [sys.executable, "-m", "worker.cli", "dispatch", "--once"]
    procs = [
        subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outs = [json.loads(p.communicate(timeout=120)[0].strip().splitlines()[-1]) for p in procs]
    assert all(p.returncode == 0 for p in procs)
    # Both really took part (otherwise the test proves nothing about concurrency).
    assert all(o["events"] > 0 for o in outs), outs
    assert sum(o["events"] for o in outs) == 3000

    evs = events(factory)
    assert len(evs) == 3000 and all(e.dispatched_at and e.task_id for e in evs)
    queued = queued_tasks(broker, QUEUE)
    assert len(queued) == sum(o["tasks"] for o in outs)
    assert Counter(tid for tid, _ in queued).most_common(1)[0][1] == 1  # no task sent twice
    by_task: dict[str, set[int]] = {}
    for e in evs:
        by_task.setdefault(e.task_id or "", set()).add(e.product_id)
    assert {tid: set(batch) for tid, batch in queued} == by_task


def test_broker_down_keeps_events_pending_then_sends(
    factory: sessionmaker[Session], broker: redis.Redis
) -> None:
    ids = add_products(factory, 3)
    env = worker_env(CELERY_BROKER_URL="redis://127.0.0.1:1/0")  # nothing listens on port 1
    cmd = [sys.executable, "-m", "worker.cli", "dispatch", "--once"]
    down = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert down.returncode == 3, down.stderr
    assert "events stay pending" in down.stderr
    assert count(factory, "SELECT count(*) FROM catalog_events WHERE dispatched_at IS NULL") == 3

    up = subprocess.run(
        cmd, cwd=ROOT, env=worker_env(), capture_output=True, text=True, timeout=120
    )
    assert up.returncode == 0, up.stderr
    assert json.loads(up.stdout)["events"] == 3
    assert sorted(p for _, batch in queued_tasks(broker, QUEUE) for p in batch) == ids


def test_publish_failure_mid_round_rolls_back_the_round(
    factory: sessionmaker[Session], broker: redis.Redis
) -> None:
    """The first batch is published, the second fails: the whole round stays pending and
    the next round re-sends both (the duplicate is absorbed by the idempotent task)."""
    add_products(factory, 4)
    publish = celery_publisher()
    calls = {"n": 0}

    def flaky(batch: list[int], task_id: str) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise ConnectionError("broker went away")
        publish(batch, task_id)

    with pytest.raises(ConnectionError):
        dispatch_round(factory, flaky, claim_limit=100, batch_size=2)
    assert count(factory, "SELECT count(*) FROM catalog_events WHERE dispatched_at IS NULL") == 4
    stats = dispatch_round(factory, flaky, claim_limit=100, batch_size=2)
    assert stats.events == 4
    assert count(factory, "SELECT count(*) FROM catalog_events WHERE dispatched_at IS NULL") == 0


def test_loop_wakes_on_notify(factory: sessionmaker[Session], broker: redis.Redis) -> None:
    """The long-running loop dispatches within moments of a commit, long before its poll."""
    settings = get_settings().model_copy(
        update={"dispatch_poll_interval": 60.0, "dispatch_linger": 0.0}
    )
    dispatcher = Dispatcher(factory, celery_publisher(settings), settings)
    thread = threading.Thread(target=dispatcher.run, daemon=True)
    thread.start()
    try:
        wait_for(
            lambda: (
                count(
                    factory,
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND query LIKE 'LISTEN%'",
                )
                > 0
            ),
            timeout=10,
            what="dispatcher listening",
        )
        add_products(factory, 2)
        wait_for(lambda: broker.llen(QUEUE) == 1, timeout=10, what="task on the broker")
    finally:
        dispatcher.stopping.set()
        thread.join(10)
    assert not thread.is_alive()
    assert dispatcher.total.events == 2


def test_env_isolated() -> None:
    # Guard against a test run ever dispatching into the production queue.
    assert os.environ["SHELFWRITER_GENERATE_QUEUE"] != "generate"
