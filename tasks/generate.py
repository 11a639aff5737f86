"""The `generate` queue: one task per batch of product ids."""

from __future__ import annotations

import logging

from tasks.base import TASK_RETRY_ERRORS, ShelfwriterTask
from worker.celery import app
from worker.content.pipeline import default_generator, run_batch
from worker.ops.metrics import generation_counters, record_results
from worker.refresh import OutcomeRecorder, batch_outcomes, record_batch

log = logging.getLogger(__name__)


# Celery ships no type hints, so its decorator is untyped.
@app.task(  # type: ignore[untyped-decorator]
    base=ShelfwriterTask, bind=True, name="tasks.generate.generate_batch"
)
def generate_batch(
    self: ShelfwriterTask,
    product_ids: list[int],
    force: bool = False,
    refresh_run_id: int | None = None,
    kinds: list[str] | None = None,
) -> dict[str, int | float]:
    """Generate content for these products. Idempotent: current units are skipped, so a
    redelivered or twice-dispatched batch writes nothing new. With `refresh_run_id`, the
    batch is counted into that refresh run (once) when it is over. `kinds` limits the
    batch to those content kinds (a reviewer's "regenerate the description")."""
    ids = [int(p) for p in product_ids]
    generator = default_generator()
    recorder = OutcomeRecorder(generator)
    before = generation_counters(generator)
    try:
        report = run_batch(self.sessions, ids, recorder, force=force, kinds=kinds)
    except TASK_RETRY_ERRORS:
        if refresh_run_id is not None and self.request.retries >= self.max_retries:
            _count_failed(self, refresh_run_id, ids)
        raise
    except Exception:
        if refresh_run_id is not None:
            _count_failed(self, refresh_run_id, ids)
        raise
    record_results(recorder.results, before, generation_counters(generator))
    summary = report.as_dict()
    log.info("batch of %d products: %s", len(ids), summary)
    if refresh_run_id is not None:
        record_batch(self.sessions, refresh_run_id, ids, batch_outcomes(ids, recorder.results))
    return summary


def _count_failed(task: ShelfwriterTask, run_id: int, ids: list[int]) -> None:
    """A batch that will not be retried still counts, or its run would never finish."""
    outcomes = {"done": 0, "skipped": 0, "failed": len(set(ids))}
    try:
        record_batch(task.sessions, run_id, ids, outcomes)
    except Exception:  # the database may be what failed: the original error matters more
        log.exception("could not count failed batch into refresh run %d", run_id)
