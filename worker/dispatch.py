"""Outbox dispatcher: pending `catalog_events` → `generate` tasks on the broker.

Each round, in one transaction: claim up to `claim_limit` pending events with
FOR UPDATE SKIP LOCKED (concurrent dispatchers never claim the same event and never wait
on each other), coalesce the events of one product into one unit, cut the products into
batches, publish one task per batch, mark the events dispatched, commit.

Nothing is lost: if publishing fails (broker down), the transaction rolls back and every
claimed event stays pending for the next round. The price is that a batch published
before the failure is published again later; that is harmless because the task is
idempotent (`worker.content.plan`: units whose input hash and model version are current
are skipped, and the guarded write in `worker.content.store` refuses duplicates).

NOTIFY is only a wake-up hint: the loop also polls, so a missed notification (dispatcher
restarting, connection lost) only delays events by one poll interval.
"""

from __future__ import annotations

import logging
import select
import signal
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

import psycopg2
import psycopg2.extensions
from sqlalchemy import func, update
from sqlalchemy import select as sa_select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from worker.config import Settings, get_settings
from worker.errors import BROKER_ERRORS, DATABASE_ERRORS
from worker.models import CatalogEvent

log = logging.getLogger(__name__)

NOTIFY_CHANNEL = "shelfwriter_catalog_events"

# publish(product_ids, task_id) sends one task; raising leaves the whole round pending.
Publisher = Callable[[list[int], str], None]

# The LISTEN connection is raw psycopg2, so its failures arrive unwrapped by SQLAlchemy.
LISTEN_ERRORS: tuple[type[BaseException], ...] = (*DATABASE_ERRORS, psycopg2.Error)


@dataclass
class DispatchStats:
    events: int = 0
    products: int = 0
    tasks: int = 0
    task_ids: list[str] = field(default_factory=list)

    def add(self, other: DispatchStats) -> None:
        self.events += other.events
        self.products += other.products
        self.tasks += other.tasks
        self.task_ids.extend(other.task_ids)


def celery_publisher(settings: Settings | None = None) -> Publisher:
    from worker.celery import GENERATE_TASK, app

    queue = (settings or get_settings()).generate_queue

    def publish(product_ids: list[int], task_id: str) -> None:
        app.send_task(GENERATE_TASK, args=(product_ids,), task_id=task_id, queue=queue)

    return publish


def dispatch_round(
    factory: sessionmaker[Session], publish: Publisher, *, claim_limit: int, batch_size: int
) -> DispatchStats:
    """Claim, coalesce, publish and mark one round of pending events (one transaction)."""
    stats = DispatchStats()
    with factory.begin() as session:
        rows = session.execute(
            sa_select(CatalogEvent.id, CatalogEvent.product_id)
            .where(CatalogEvent.dispatched_at.is_(None))
            .order_by(CatalogEvent.id)
            .limit(claim_limit)
            .with_for_update(skip_locked=True)
        ).all()
        if not rows:
            return stats
        # Coalesce: one unit per product, in the order its first event arrived.
        events_by_product: dict[int, list[int]] = {}
        for event_id, product_id in rows:
            events_by_product.setdefault(product_id, []).append(event_id)
        products = list(events_by_product)
        for start in range(0, len(products), batch_size):
            batch = products[start : start + batch_size]
            task_id = str(uuid.uuid4())
            publish(batch, task_id)
            event_ids = [e for p in batch for e in events_by_product[p]]
            session.execute(
                update(CatalogEvent)
                .where(CatalogEvent.id.in_(event_ids))
                .values(dispatched_at=func.now(), task_id=task_id)
            )
            stats.tasks += 1
            stats.task_ids.append(task_id)
        stats.events = len(rows)
        stats.products = len(products)
    return stats


def drain(
    factory: sessionmaker[Session],
    publish: Publisher,
    *,
    claim_limit: int,
    batch_size: int,
) -> DispatchStats:
    """Dispatch rounds until a round claims less than a full page."""
    total = DispatchStats()
    while True:
        stats = dispatch_round(factory, publish, claim_limit=claim_limit, batch_size=batch_size)
        total.add(stats)
        if stats.events < claim_limit:
            return total


def _listen_connection(database_url: str) -> psycopg2.extensions.connection:
    url = make_url(database_url)
    args: dict[str, Any] = {"connect_timeout": 10, "application_name": "shelfwriter-dispatch"}
    # The URL's query options (sslmode=require, sslrootcert=…) are libpq's own keywords.
    args.update({k: v if isinstance(v, str) else v[-1] for k, v in url.query.items()})
    args.update(url.translate_connect_args(username="user", database="dbname"))
    conn: psycopg2.extensions.connection = psycopg2.connect(**args)
    conn.set_isolation_level(psycopg2.extensions.ISOLATION_LEVEL_AUTOCOMMIT)
    with conn.cursor() as cur:
        cur.execute(f"LISTEN {NOTIFY_CHANNEL}")
    return conn


class Dispatcher:
    """The long-running loop behind `shelfwriter dispatch`."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        publish: Publisher,
        settings: Settings | None = None,
    ) -> None:
        self.factory = factory
        self.publish = publish
        self.settings = settings or get_settings()
        self.stopping = threading.Event()
        self.total = DispatchStats()

    def install_signal_handlers(self) -> None:
        def stop(signum: int, frame: FrameType | None) -> None:
            log.info("signal %d: stopping after the current round", signum)
            self.stopping.set()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)

    def run(self) -> DispatchStats:
        s = self.settings
        backoff = 1.0
        conn: psycopg2.extensions.connection | None = None
        while not self.stopping.is_set():
            try:
                if conn is None:
                    conn = _listen_connection(s.database_url)
                stats = drain(
                    self.factory,
                    self.publish,
                    claim_limit=s.dispatch_claim_limit,
                    batch_size=s.generate_batch_size,
                )
                if stats.events:
                    log.info(
                        "dispatched %d events → %d products in %d tasks",
                        stats.events,
                        stats.products,
                        stats.tasks,
                    )
                self.total.add(stats)
                backoff = 1.0
                if self._wait_for_notify(conn, s.dispatch_poll_interval) and s.dispatch_linger:
                    # Let the rest of a burst arrive so it coalesces into fuller batches.
                    self.stopping.wait(s.dispatch_linger)
            except BROKER_ERRORS as exc:
                log.warning(
                    "broker unavailable, events stay pending (retry in %.0fs): %s", backoff, exc
                )
                self.stopping.wait(backoff)
                backoff = min(backoff * 2, 30.0)
            except LISTEN_ERRORS as exc:
                log.warning("database unavailable (retry in %.0fs): %s", backoff, exc)
                if conn is not None:
                    conn.close()
                conn = None
                self.stopping.wait(backoff)
                backoff = min(backoff * 2, 30.0)
        if conn is not None:
            conn.close()
        return self.total

    def _wait_for_notify(self, conn: psycopg2.extensions.connection, timeout: float) -> bool:
        """Block until a NOTIFY arrives or `timeout` passes (the periodic poll)."""
        deadline = time.monotonic() + timeout
        while not self.stopping.is_set():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            # Wake at least once a second to notice a stop request.
            ready, _, _ = select.select([conn], [], [], min(remaining, 1.0))
            if ready:
                conn.poll()
                if conn.notifies:
                    conn.notifies.clear()
                    return True
        return False
