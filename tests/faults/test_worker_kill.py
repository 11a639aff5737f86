"""1,000 catalog events flow through the real dispatcher, Redis and workers (the real content
step on the tiny ONNX model) while the worker is SIGKILLed, parent and pool children, several
times with batches in flight: every unit ends with an outcome (content or a recorded failure)
for its product's current inputs, no key has two rows, nothing stale is left."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from tests.faults.servers import (
    census,
    fast_redelivery,
    insert_products,
    settled,
    update_products,
)
from tests.processes import CeleryWorker, LoggedProcess, start_dispatcher, wait_for
from worker.config import get_settings

pytestmark = pytest.mark.slow

PRODUCTS = 100
UPDATE_ROUNDS = 9  # 100 inserts + 9 x 100 updates = 1,000 events (more if a worker ran dry)
KILL_AFTER_ROUNDS = (2, 5, 8)  # the last kill comes after the last write
MAX_KILL_TRIES = 5

_TASK_RE = re.compile(r"\[([0-9a-f-]{36})\] (received|succeeded)")


def _tasks(worker: LoggedProcess) -> tuple[set[str], set[str]]:
    """(received, succeeded) task ids in a worker's log."""
    seen: dict[str, set[str]] = {"received": set(), "succeeded": set()}
    for task_id, what in _TASK_RE.findall(worker.log()):
        seen[what].add(task_id)
    return seen["received"], seen["succeeded"]


def _in_flight(worker: LoggedProcess) -> set[str]:
    received, succeeded = _tasks(worker)
    return received - succeeded


def test_sigkilled_workers_lose_nothing_and_write_nothing_stale(
    fault_factory: sessionmaker[Session],
    fault_env: Callable[..., dict[str, str]],
    tmp_path: Path,
    tiny_model_dir: Path,
) -> None:
    env = fault_env(
        SHELFWRITER_MODEL_DIR=str(tiny_model_dir),
        SHELFWRITER_CANDIDATES="1",
        SHELFWRITER_BATCH_SIZE="10",
        SHELFWRITER_DISPATCH_POLL_INTERVAL="1",
        # 30 s: the hard time limit (29 s) must hold a batch of 10 products (50 units)
        # with both cores busy (the demo test beside it): at 8 s a slow batch hit the
        # limit on every delivery and never finished.
        **fast_redelivery(visibility=30),
    )
    queue = get_settings().generate_queue
    dispatcher = start_dispatcher(env, tmp_path / "dispatch.log")
    worker = CeleryWorker(queue, tmp_path / "worker-0.log", concurrency=2, env=env)
    killed: list[CeleryWorker] = []  # kills that cut a batch mid-flight
    missed: list[CeleryWorker] = []  # kills whose batch had just ended
    cut: set[str] = set()  # tasks a SIGKILL interrupted
    rounds = 0  # update rounds written (more than UPDATE_ROUNDS when a worker ran dry)
    try:
        ids = insert_products(fault_factory, PRODUCTS, "K")

        def busy(w: CeleryWorker) -> bool:
            """This worker has finished a batch and holds another. A worker can run dry
            before that (the queue drained while it loaded, or a fresh worker after a
            missed kill found one batch left): then another round of updates gives it work,
            so the wait is bounded by work, not by how fast this machine is."""
            nonlocal rounds
            for _ in range(6):
                try:
                    wait_for(
                        lambda: _tasks(w)[1] and _in_flight(w),
                        30,
                        "a finished batch and one in flight",
                        interval=0.05,
                    )
                    return True
                except TimeoutError:
                    if not _in_flight(w):
                        update_products(fault_factory, ids, rounds)
                        rounds += 1
            return False

        for round_ in range(UPDATE_ROUNDS):
            update_products(fault_factory, ids, rounds)
            rounds += 1
            if round_ in KILL_AFTER_ROUNDS:
                # Kill only once this worker has finished a batch and holds another:
                # a kill mid-generation, not before the first task or on an idle queue.
                # A batch with nothing left to write ends in milliseconds, and one may
                # end between the look and the SIGKILL: such a kill cut nothing, so it
                # is not counted and the next worker is killed instead (bounded).
                for _ in range(MAX_KILL_TRIES):
                    assert busy(worker), worker.log()[-3000:]
                    worker.kill()
                    hit = _in_flight(worker)
                    (killed if hit else missed).append(worker)
                    cut |= hit
                    worker = CeleryWorker(
                        queue,
                        tmp_path / f"worker-{len(killed) + len(missed)}.log",
                        concurrency=2,
                        env=env,
                    )
                    if hit:
                        break
            else:
                time.sleep(0.3)  # let events flow between rounds
        started = time.monotonic()
        # Bounded: the killed workers' unacked batches come back after the 30 s visibility
        # timeout; the rest is a few seconds of generation.
        wait_for(settled(fault_factory), 150, "every product current", interval=1.0)
        settle_s = time.monotonic() - started
    finally:
        worker.stop()
        dispatcher.stop()
    finished_later: set[str] = set()
    for w in [*killed, *missed, worker]:
        finished_later |= _tasks(w)[1]
    redelivered = cut & finished_later
    counts, examples = census(fault_factory)
    print(
        f"\nworker SIGKILL x{len(killed)} (+{len(missed)} between batches): {len(cut)}"
        f" batches cut mid-flight, {len(redelivered)} redelivered and finished;"
        f" settled {settle_s:.0f}s after the last write:",
        json.dumps(counts.as_dict()),
        flush=True,
    )
    assert counts.events == PRODUCTS * (1 + rounds)
    assert len(killed) == len(KILL_AFTER_ROUNDS)
    # Each kill cut at least one batch, and cut batches really came back (acks_late).
    assert len(cut) >= len(killed) and redelivered, (cut, finished_later)
    assert (counts.lost, counts.stale, counts.duplicated) == (0, 0, 0), examples
    assert counts.content + counts.failed == PRODUCTS * 5  # description, tags, 3 segments
