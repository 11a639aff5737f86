"""The `generate` queue: one task per batch of product ids."""

from __future__ import annotations

import logging

from tasks.base import ShelfwriterTask
from worker.celery import app
from worker.content.pipeline import run_batch

log = logging.getLogger(__name__)


# Celery ships no type hints, so its decorator is untyped.
@app.task(  # type: ignore[untyped-decorator]
    base=ShelfwriterTask, bind=True, name="tasks.generate.generate_batch"
)
def generate_batch(
    self: ShelfwriterTask, product_ids: list[int], force: bool = False
) -> dict[str, int | float]:
    """Generate content for these products. Idempotent: current units are skipped, so a
    redelivered or twice-dispatched batch writes nothing new."""
    report = run_batch(self.sessions, [int(p) for p in product_ids], force=force)
    summary = report.as_dict()
    log.info("batch of %d products: %s", len(product_ids), summary)
    return summary
