"""The catalog refresh: walk every product, enqueue only stale work, track the run.

A run is one `refresh_runs` row. At most one is `running` (a unique partial index), so two
runs never overlap: starting while one runs returns that one, and a start after a crash
resumes it from its keyset `cursor` (the last product id walked).

The walk reads one page of products at a time (`id > cursor ORDER BY id LIMIT PAGE`), asks
the same planner the generate task uses which products have stale units (reading model
manifests only, no model load), publishes `generate` tasks for them, then advances
`cursor` and `enqueued` in Postgres. Publishing happens before that commit: a crash in
between publishes the page again on resume, which is harmless because generate tasks are
idempotent (current units are skipped) and a batch is counted once (below).

Progress is written by the generate tasks themselves (`record_batch`), not by chords.
Counters count products: each product id a task gets ends in exactly one of done (all its
units generated), failed (at least one unit failed, with the reason on the content row) or
skipped (nothing to do any more). Each batch is recorded once, keyed by (run, first product
id) in `refresh_run_batches`, in the same transaction as the run's `done = done + n`: a batch
redelivered after its worker was killed, or republished by a resumed walk, adds nothing the
second time, so the totals are exact. The run is finished by whichever comes last, the end
of the walk or the last task: the walk sets `cursor` to `WALK_COMPLETE`, and a run whose
walk is complete and whose done + skipped + failed >= enqueued is marked finished in the
same UPDATE.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from worker.catalog.facts import ProductFacts, load_facts
from worker.content.generator import ContentGenerator, ContentResult, GenerationContext
from worker.content.plan import VersionFor, WorkItem, is_human_owned, memo_versions, plan_batch
from worker.errors import TRANSIENT_ERRORS
from worker.models import Product, ProductContent, RefreshRun, RefreshStatus

log = logging.getLogger(__name__)

# Products per page of the walk. One page = one short read transaction (facts, reviews and
# content rows of PAGE products, ~5 content rows each) plus the page's tasks. Measured on
# the 2-core dev box with 2,000 current products: pages of 100 / 500 / 2,000 walked 1,800 /
# 4,200 / 2,800 products/s, i.e. ~0.12 s per page of 500 (a 1 M catalog in ~4 min, 2,000
# cursor commits). Larger pages buy nothing and widen the work re-published after a crash.
PAGE = 500

# `cursor` once the walk has passed every product: larger than any bigint id, so resuming a
# run whose walk is complete walks nothing.
WALK_COMPLETE = 2**63 - 1

# Namespace for pg_try_advisory_lock(int, int): one walker per run at a time.
_WALK_LOCK_NAMESPACE = 0x5E20


class RefreshReason(enum.StrEnum):
    nightly = "nightly"
    manual = "manual"
    model_change = "model-change"


# publish(product_ids, force, run_id) sends one generate task; raising stops the walk with
# the page uncommitted (it is re-published on resume).
RefreshPublisher = Callable[[list[int], bool, int], None]


@dataclass(frozen=True)
class RunTotals:
    run_id: int
    status: str
    reason: str
    force: bool
    model_version: str | None
    cursor: int
    enqueued: int
    done: int
    skipped: int
    failed: int
    error: str | None

    @property
    def walk_complete(self) -> bool:
        return self.cursor == WALK_COMPLETE

    def as_json(self) -> dict[str, Any]:
        """The totals `shelfwriter refresh --wait` prints (and `status` may reuse)."""
        return {
            "run_id": self.run_id,
            "status": self.status,
            "enqueued": self.enqueued,
            "done": self.done,
            "skipped": self.skipped,
            "failed": self.failed,
        }


def _totals(run: RefreshRun) -> RunTotals:
    return RunTotals(
        run_id=run.id,
        status=run.status,
        reason=run.reason,
        force=run.force,
        model_version=run.model_version,
        cursor=run.cursor,
        enqueued=run.enqueued,
        done=run.done,
        skipped=run.skipped,
        failed=run.failed,
        error=run.error,
    )


def get_run(factory: sessionmaker[Session], run_id: int) -> RunTotals | None:
    with factory() as session:
        run = session.get(RefreshRun, run_id)
        return None if run is None else _totals(run)


def latest_run(factory: sessionmaker[Session]) -> RunTotals | None:
    """The newest run, running or not (the desk's overview shows its progress)."""
    with factory() as session:
        run = session.scalars(select(RefreshRun).order_by(RefreshRun.id.desc()).limit(1)).first()
        return None if run is None else _totals(run)


def running_run(factory: sessionmaker[Session]) -> RunTotals | None:
    with factory() as session:
        run = session.scalars(
            select(RefreshRun).where(RefreshRun.status == RefreshStatus.running.value)
        ).one_or_none()
        return None if run is None else _totals(run)


def describe_versions(factory: sessionmaker[Session], version_for: VersionFor) -> str:
    """`locale=version,…` for the catalog's locales (what the run regenerates towards);
    also fails early, before a run row exists, when a locale has no exported model."""
    with factory() as session:
        locales = list(
            session.scalars(select(Product.locale).where(Product.deleted_at.is_(None)).distinct())
        )
    pairs = sorted({f"{locale}={version_for(locale)}" for locale in locales})
    return ",".join(pairs)[:128]


def start_or_resume(
    factory: sessionmaker[Session],
    reason: RefreshReason,
    *,
    force: bool = False,
    model_version: str | None = None,
) -> tuple[RunTotals, bool]:
    """The running run (resumed as it is: its own reason and force) or a new one.
    Returns (run, created)."""
    while True:
        with factory.begin() as session:
            # The unique partial index admits one running row: a concurrent start loses the
            # insert and takes the winner's row below.
            new_id = session.execute(
                text(
                    "INSERT INTO refresh_runs (reason, force, model_version, status)"
                    " VALUES (:reason, :force, :version, 'running')"
                    " ON CONFLICT DO NOTHING RETURNING id"
                ),
                {"reason": reason.value, "force": force, "version": model_version},
            ).scalar_one_or_none()
            run_id = new_id or session.scalar(
                select(RefreshRun.id).where(RefreshRun.status == RefreshStatus.running.value)
            )
        if run_id is not None:
            run = get_run(factory, run_id)
            assert run is not None
            return run, new_id is not None
        # The running run finished between our insert and our read: try again.


def try_finish(session: Session, run_id: int) -> bool:
    """Mark the run finished if its walk is complete and every enqueued product is
    accounted for. One UPDATE: of the walk's end and the last task, whichever commits last
    sees the other's effect (row lock) and finishes the run."""
    finished = session.execute(
        text(
            "UPDATE refresh_runs SET status = 'finished', finished_at = now()"
            " WHERE id = :id AND status = 'running' AND cursor = :complete"
            " AND done + skipped + failed >= enqueued RETURNING id"
        ),
        {"id": run_id, "complete": WALK_COMPLETE},
    ).scalar_one_or_none()
    if finished is not None:
        log.info("refresh run %d finished", run_id)
    return finished is not None


def _add(session: Session, run_id: int, done: int, skipped: int, failed: int) -> None:
    session.execute(
        text(
            "UPDATE refresh_runs SET done = done + :done, skipped = skipped + :skipped,"
            " failed = failed + :failed WHERE id = :id"
        ),
        {"id": run_id, "done": done, "skipped": skipped, "failed": failed},
    )


def batch_outcomes(product_ids: list[int], results: list[ContentResult]) -> dict[str, int]:
    """done / skipped / failed per product of a batch, from its units' results."""
    ok: dict[int, bool] = {}
    for result in results:
        pid = result.item.facts.id
        ok[pid] = ok.get(pid, True) and result.ok
    products = set(product_ids)
    failed = sum(1 for pid in products if ok.get(pid) is False)
    done = sum(1 for pid in products if ok.get(pid) is True)
    return {"done": done, "skipped": len(products) - done - failed, "failed": failed}


def record_batch(
    factory: sessionmaker[Session], run_id: int, product_ids: list[int], outcomes: dict[str, int]
) -> bool:
    """Count one generate batch into its run, once. Returns True if this call finished the
    run. A second report of the same batch (redelivery, retry, republished page) is a no-op."""
    products = sorted(set(product_ids))
    if not products:
        return False
    with factory.begin() as session:
        inserted = session.execute(
            text(
                "INSERT INTO refresh_run_batches"
                " (run_id, first_product_id, products, done, skipped, failed)"
                " VALUES (:run, :first, :n, :done, :skipped, :failed)"
                " ON CONFLICT DO NOTHING RETURNING run_id"
            ),
            {"run": run_id, "first": products[0], "n": len(products), **outcomes},
        ).scalar_one_or_none()
        if inserted is None:
            log.info("refresh run %d: batch from product %d already counted", run_id, products[0])
            return False
        _add(session, run_id, outcomes["done"], outcomes["skipped"], outcomes["failed"])
        return try_finish(session, run_id)


class OutcomeRecorder:
    """Wraps a generator to see each unit's result, so a refresh batch can be counted as
    done, failed or skipped per product once the batch is over."""

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


def mark_failed(factory: sessionmaker[Session], run_id: int, error: str) -> None:
    with factory.begin() as session:
        session.execute(
            text(
                "UPDATE refresh_runs SET status = 'failed', error = :error, finished_at = now()"
                " WHERE id = :id AND status = 'running'"
            ),
            {"id": run_id, "error": error[:2000]},
        )


def cancel(factory: sessionmaker[Session], run_id: int) -> None:
    """Give up on a running run (e.g. its tasks were purged, so it would never finish);
    the next start creates a new one. Tasks still queued keep counting into it, harmlessly."""
    with factory.begin() as session:
        session.execute(
            text(
                "UPDATE refresh_runs SET status = 'cancelled', finished_at = now()"
                " WHERE id = :id AND status = 'running'"
            ),
            {"id": run_id},
        )


@dataclass
class PageDecision:
    """A page's stale products: `regenerate` go out as ordinary tasks (the task's planner
    finds the same stale units); `forced` need force=True because the planner alone would
    call them current (content older than the age limit, or a forced run)."""

    regenerate: list[int]
    forced: list[int]


def stale_products(
    session: Session,
    facts: dict[int, ProductFacts],
    version_for: VersionFor,
    *,
    force: bool,
    max_age_days: int,
) -> PageDecision:
    if force:
        # Everything not owned by a person: the forced planner lists exactly those units.
        plan = plan_batch(session, facts, version_for, force=True)
        return PageDecision([], sorted({w.facts.id for w in plan.work}))
    plan = plan_batch(session, facts, version_for)
    stale = {w.facts.id for w in plan.work}
    aged: set[int] = set()
    if max_age_days > 0:
        candidates = [pid for pid, f in facts.items() if pid not in stale and not f.deleted]
        rows = session.scalars(
            select(ProductContent).where(
                ProductContent.product_id.in_(candidates),
                text(
                    "COALESCE(product_content.generated_at, product_content.updated_at)"
                    " < now() - make_interval(days => :days)"
                ).bindparams(days=max_age_days),
            )
        )
        aged = {row.product_id for row in rows if not is_human_owned(row)}
    return PageDecision(sorted(stale), sorted(aged))


@contextmanager
def _walk_lock(factory: sessionmaker[Session], run_id: int) -> Iterator[bool]:
    """A session advisory lock, on a connection held for the whole walk: a second walker
    of the same run (beat firing while `shelfwriter refresh` runs) does not walk it twice.
    The lock goes with the connection, so a killed walker never leaves it held."""
    engine: Engine = factory.kw["bind"]
    key = {"ns": _WALK_LOCK_NAMESPACE, "id": run_id % 2**31}
    with engine.connect() as conn:
        got = bool(
            conn.execute(
                text("SELECT pg_try_advisory_lock(:ns, CAST(:id AS integer))"), key
            ).scalar_one()
        )
        conn.commit()  # the session lock outlives the transaction; hold no snapshot
        try:
            yield got
        finally:
            if got:
                conn.execute(text("SELECT pg_advisory_unlock(:ns, CAST(:id AS integer))"), key)
                conn.commit()


def walk(
    factory: sessionmaker[Session],
    run_id: int,
    publish: RefreshPublisher,
    version_for: VersionFor,
    *,
    batch_size: int,
    max_age_days: int,
    page_size: int = PAGE,
    on_page: Callable[[RunTotals], None] | None = None,
) -> RunTotals:
    """Walk the catalog from the run's cursor to the end, then try to finish the run."""
    version_for = memo_versions(version_for)
    with _walk_lock(factory, run_id) as got:
        if not got:
            log.info("refresh run %d is being walked by another process", run_id)
            run = get_run(factory, run_id)
            assert run is not None
            return run
        while True:
            run = get_run(factory, run_id)
            if run is None or run.status != RefreshStatus.running.value or run.walk_complete:
                break
            with factory.begin() as session:
                ids = list(
                    session.scalars(
                        select(Product.id)
                        .where(Product.id > run.cursor, Product.deleted_at.is_(None))
                        .order_by(Product.id)
                        .limit(page_size)
                    )
                )
                decision = (
                    stale_products(
                        session,
                        load_facts(session, ids),
                        version_for,
                        force=run.force,
                        max_age_days=max_age_days,
                    )
                    if ids
                    else PageDecision([], [])
                )
            enqueued = 0
            for products, forced in ((decision.regenerate, False), (decision.forced, True)):
                for start in range(0, len(products), batch_size):
                    batch = products[start : start + batch_size]
                    publish(batch, forced, run_id)
                    enqueued += len(batch)
            cursor = ids[-1] if len(ids) == page_size else WALK_COMPLETE
            with factory.begin() as session:
                session.execute(
                    text(
                        "UPDATE refresh_runs SET cursor = :cursor, enqueued = enqueued + :n"
                        " WHERE id = :id"
                    ),
                    {"cursor": cursor, "n": enqueued, "id": run_id},
                )
                if cursor == WALK_COMPLETE:
                    try_finish(session, run_id)
            if on_page is not None:
                page = get_run(factory, run_id)
                assert page is not None
                on_page(page)
    final = get_run(factory, run_id)
    assert final is not None
    return final


def celery_refresh_publisher(queue: str | None = None) -> RefreshPublisher:
    from worker.celery import GENERATE_TASK, app
    from worker.config import get_settings

    target = queue or get_settings().generate_queue

    def publish(product_ids: list[int], force: bool, run_id: int) -> None:
        app.send_task(
            GENERATE_TASK,
            args=(product_ids,),
            kwargs={"force": force, "refresh_run_id": run_id},
            task_id=f"refresh-{run_id}-{product_ids[0]}{'-f' if force else ''}",
            queue=target,
        )

    return publish


def refresh(
    factory: sessionmaker[Session],
    reason: RefreshReason,
    *,
    force: bool = False,
    publish: RefreshPublisher | None = None,
    version_for: VersionFor | None = None,
    batch_size: int | None = None,
    max_age_days: int | None = None,
    page_size: int = PAGE,
    on_page: Callable[[RunTotals], None] | None = None,
) -> RunTotals:
    """Start (or resume) a run and walk it. Defaults come from settings: the Celery
    publisher, the default generator's model versions, the generate batch size and the age
    limit. Transient errors (database, broker) leave the run running to be resumed; any
    other error marks it failed."""
    from worker.config import get_settings

    settings = get_settings()
    if version_for is None:
        from worker.content.pipeline import default_generator

        version_for = default_generator().version_for
    version_for = memo_versions(version_for)
    publish = publish or celery_refresh_publisher()
    versions = describe_versions(factory, version_for)
    run, created = start_or_resume(factory, reason, force=force, model_version=versions)
    log.info(
        "%s refresh run %d (reason %s%s)",
        "started" if created else "resuming",
        run.run_id,
        run.reason,
        ", forced" if run.force else "",
    )
    try:
        return walk(
            factory,
            run.run_id,
            publish,
            version_for,
            batch_size=batch_size or settings.generate_batch_size,
            max_age_days=(settings.refresh_max_age_days if max_age_days is None else max_age_days),
            page_size=page_size,
            on_page=on_page,
        )
    except Exception as exc:
        # Database or broker unreachable: the run stays running, resumed by the next start.
        if isinstance(exc, TRANSIENT_ERRORS):
            log.warning("refresh run %d interrupted, resume it later: %s", run.run_id, exc)
        else:
            mark_failed(factory, run.run_id, f"{type(exc).__name__}: {exc}")
        raise
