"""Base class for Shelfwriter tasks (after Warehouse's `WarehouseTask`).

Unlike Warehouse, a task does not run inside one database transaction: generation takes
minutes and must not hold row locks, so the domain code opens short transactions itself.
The base class gives every task the same retry policy for transient infrastructure
errors, logging with timings, and Prometheus counters.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from celery import Task
from sqlalchemy.orm import Session, sessionmaker

from worker.config import get_settings
from worker.db import session_factory
from worker.errors import TRANSIENT_ERRORS
from worker.ops.metrics import TASK_RUNS, TASK_SECONDS
from worker.runtime.registry import ModelNotExportedError

log = logging.getLogger(__name__)

# Transient database/broker failures (worker.errors), plus models removed under a running
# worker: an operator fixes that (`shelfwriter models pull`), and retrying with backoff keeps
# the batch instead of dropping it.
TASK_RETRY_ERRORS: tuple[type[BaseException], ...] = (*TRANSIENT_ERRORS, ModelNotExportedError)

_settings = get_settings()


class ShelfwriterTask(Task):  # type: ignore[misc]
    abstract = True
    acks_late = True
    ignore_result = True
    autoretry_for = TASK_RETRY_ERRORS
    retry_backoff = 2  # seconds, doubled per retry
    retry_backoff_max = _settings.task_retry_backoff_max
    retry_jitter = True  # full jitter: a restarted Postgres is not hit by every worker at once
    max_retries = _settings.task_max_retries

    @property
    def sessions(self) -> sessionmaker[Session]:
        return session_factory()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        outcome = "ok"
        try:
            return super().__call__(*args, **kwargs)
        except TASK_RETRY_ERRORS:
            outcome = "retry"
            raise
        except Exception:
            outcome = "error"
            raise
        finally:
            elapsed = time.perf_counter() - started
            TASK_RUNS.labels(self.name, outcome).inc()
            TASK_SECONDS.labels(self.name).observe(elapsed)
            log.info("%s[%s] %s in %.2fs", self.name, self.request.id, outcome, elapsed)
