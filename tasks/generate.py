"""The `generate` queue: one task per batch of product ids."""

from __future__ import annotations

import logging

from tasks.base import TRANSIENT_ERRORS, ShelfwriterTask
from worker.celery import app
from worker.content.generator import ContentGenerator, ContentResult, GenerationContext
from worker.content.pipeline import default_generator, run_batch
from worker.content.plan import WorkItem

log = logging.getLogger(__name__)


class _Recording:
    """Wraps the process's generator to see each unit's result, so a refresh run can count
    its products as done (every unit generated), failed (a unit failed) or skipped
    (nothing was stale any more)."""

    def __init__(self, inner: ContentGenerator) -> None:
        self.inner = inner
        self.results: list[ContentResult] = []

    def version_for(self, locale: str) -> str:
        return self.inner.version_for(locale)

    def generate(
        self, work: list[WorkItem], context: GenerationContext | None = None
    ) -> list[ContentResult]:
        results = self.inner.generate(work, context)
        self.results.extend(results)
        return results


def _product_outcomes(product_ids: list[int], results: list[ContentResult]) -> dict[str, int]:
    ok: dict[int, bool] = {}
    for result in results:
        pid = result.item.facts.id
        ok[pid] = ok.get(pid, True) and result.ok
    products = set(product_ids)
    failed = sum(1 for pid in products if ok.get(pid) is False)
    done = sum(1 for pid in products if ok.get(pid) is True)
    return {"done": done, "skipped": len(products) - done - failed, "failed": failed}


# Celery ships no type hints, so its decorator is untyped.
@app.task(  # type: ignore[untyped-decorator]
    base=ShelfwriterTask, bind=True, name="tasks.generate.generate_batch"
)
def generate_batch(
    self: ShelfwriterTask,
    product_ids: list[int],
    force: bool = False,
    refresh_run_id: int | None = None,
) -> dict[str, int | float]:
    """Generate content for these products. Idempotent: current units are skipped, so a
    redelivered or twice-dispatched batch writes nothing new. With `refresh_run_id`, the
    batch's products are counted into that refresh run when the batch is over."""
    ids = [int(p) for p in product_ids]
    recording = _Recording(default_generator())
    try:
        report = run_batch(self.sessions, ids, recording, force=force)
    except TRANSIENT_ERRORS:
        if refresh_run_id is not None and self.request.retries >= self.max_retries:
            _count_failed(self, refresh_run_id, ids)
        raise
    except Exception:
        if refresh_run_id is not None:
            _count_failed(self, refresh_run_id, ids)
        raise
    summary = report.as_dict()
    log.info("batch of %d products: %s", len(ids), summary)
    if refresh_run_id is not None:
        from worker.refresh import record_progress

        outcomes = _product_outcomes(ids, recording.results)
        record_progress(self.sessions, refresh_run_id, **outcomes)
    return summary


def _count_failed(task: ShelfwriterTask, run_id: int, ids: list[int]) -> None:
    """A batch that will not be retried still counts, or its run would never finish."""
    from worker.refresh import record_progress

    try:
        record_progress(task.sessions, run_id, done=0, skipped=0, failed=len(set(ids)))
    except Exception:  # the database may be what failed: the original error matters more
        log.exception("could not count failed batch into refresh run %d", run_id)
