"""The `maintenance` queue (a CPU pool): the catalog refresh walk and the outbox sweep.

Both are thin: the work lives in `worker.refresh` and `worker.dispatch`. Both are safe to
run twice: a second refresh resumes (or finds) the one running run, and a sweep claims
events with SKIP LOCKED beside the dispatcher loop.
"""

from __future__ import annotations

import logging
from typing import Any

from tasks.base import ShelfwriterTask
from worker.celery import app
from worker.config import get_settings

log = logging.getLogger(__name__)


@app.task(  # type: ignore[untyped-decorator]
    base=ShelfwriterTask, bind=True, name="tasks.maintenance.refresh_catalog"
)
def refresh_catalog(
    self: ShelfwriterTask, reason: str = "nightly", force: bool = False
) -> dict[str, Any]:
    """Start or resume a refresh run and walk the catalog (reads model manifests, so this
    pool needs the same SHELFWRITER_MODEL_DIR / model cache as the generate workers).
    A transient error is retried by the base class and the retry resumes the run."""
    from worker.refresh import RefreshReason, refresh

    run = refresh(self.sessions, RefreshReason(reason), force=force)
    log.info("refresh run %d walked: %s", run.run_id, run.as_json())
    return run.as_json()


@app.task(  # type: ignore[untyped-decorator]
    base=ShelfwriterTask, bind=True, name="tasks.maintenance.dispatch_sweep"
)
def dispatch_sweep(self: ShelfwriterTask) -> dict[str, int]:
    """One drain of the outbox: catches events the dispatcher loop missed or was not
    running for."""
    from worker.dispatch import celery_publisher, drain

    settings = get_settings()
    stats = drain(
        self.sessions,
        celery_publisher(settings),
        claim_limit=settings.dispatch_claim_limit,
        batch_size=settings.generate_batch_size,
    )
    if stats.events:
        log.info("sweep dispatched %d events in %d tasks", stats.events, stats.tasks)
    return {"events": stats.events, "products": stats.products, "tasks": stats.tasks}
