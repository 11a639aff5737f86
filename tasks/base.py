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

import kombu.exceptions
import redis.exceptions
import sqlalchemy.exc
from celery import Task
from sqlalchemy.orm import Session, sessionmaker

from worker.config import get_settings
from worker.db import session_factory
from worker.metrics import TASK_RUNS, TASK_SECONDS
from worker.runtime.registry import ModelNotExportedError

log = logging.getLogger(__name__)

# Transient: the database or broker is restarting or unreachable. Anything else (a bug,
# bad data) is not retried by Celery: bad data is recorded per product by the domain code.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    sqlalchemy.exc.OperationalError,
    sqlalchemy.exc.InterfaceError,
    sqlalchemy.exc.DisconnectionError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    kombu.exceptions.OperationalError,
    ConnectionError,
    # Models removed under a running worker: an operator fixes it (`shelfwriter models
    # pull`); retrying with backoff keeps the batch instead of dropping it.
    ModelNotExportedError,
)

_settings = get_settings()


class ShelfwriterTask(Task):  # type: ignore[misc]
    abstract = True
    acks_late = True
    ignore_result = True
    autoretry_for = TRANSIENT_ERRORS
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
        except TRANSIENT_ERRORS:
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
