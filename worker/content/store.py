"""The only code that writes `product_content`.

Each product's results are written in one short transaction that:
1. serialises writers of the same product (transaction advisory lock: two redelivered
   copies of a batch cannot interleave their checks and writes);
2. re-reads the product FOR SHARE and recomputes each unit's input hash — if the product
   changed while the batch was generating, the write is refused (the newer event will
   regenerate it);
3. re-reads the content row FOR UPDATE and never touches one a person owns;
4. skips a unit that is already current (a duplicate delivery);
5. on a failed result keeps the previous good body and records the error beside it;
6. records a webhook delivery (trigger "generated") per active webhook for each unit it
   publishes, sent only after the product's transaction commits (`worker.webhooks`).
"""

from __future__ import annotations

import enum
import json
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import exists, func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session, sessionmaker

from worker import webhooks
from worker.catalog.facts import load_facts
from worker.content.generator import ContentResult
from worker.content.kinds import input_hash
from worker.content.plan import failed_for, is_human_owned, segment_extra
from worker.models import ContentSource, ContentStatus, ProductContent, Webhook

log = logging.getLogger(__name__)

# Namespace for pg_advisory_xact_lock(int, int) so our keys never collide with other users.
_ADVISORY_NAMESPACE = 0x5E1F


class Outcome(enum.StrEnum):
    written = "written"
    failed = "failed"  # a failure recorded on the row
    skipped_current = "skipped_current"
    skipped_human = "skipped_human"
    refused_stale = "refused_stale"
    product_gone = "product_gone"


def write_results(
    factory: sessionmaker[Session], results: Iterable[ContentResult]
) -> Counter[Outcome]:
    by_product: dict[int, list[ContentResult]] = defaultdict(list)
    for result in results:
        by_product[result.item.facts.id].append(result)
    outcomes: Counter[Outcome] = Counter()
    if not by_product:
        return outcomes
    # One cheap query per call: with no active webhook (the common case) the writes below
    # record nothing. A webhook registered while this call runs hears from the next one.
    with factory() as session:
        notify = bool(session.scalar(select(exists().where(Webhook.active.is_(True)))))
    for product_id in sorted(by_product):  # fixed order: no lock-order deadlocks between tasks
        deliveries: list[int] | None = [] if notify else None
        with factory.begin() as session:
            outcomes.update(_write_product(session, product_id, by_product[product_id], deliveries))
        # After the commit, never inside it: a slow broker must not hold the product's locks.
        webhooks.send_later(deliveries or [])
    return outcomes


def record_human_behind(
    factory: sessionmaker[Session], behind: dict[tuple[int, str, str, str], str]
) -> None:
    """Note on a person's row that the product changed since it was written, so a reviewer
    sees it (`quality.stale_since_edit`); body, status and lock are untouched. Written only
    when the pending input hash is new, so repeated runs write nothing."""
    with factory.begin() as session:
        for (pid, kind, segment, locale), pending in sorted(behind.items()):
            note = {
                "input_hash": pending,
                "reason": "the product changed; a person owns this row, so it was not regenerated",
            }
            session.execute(
                text(
                    "UPDATE product_content SET quality = quality || jsonb_build_object("
                    "'stale_since_edit', CAST(:note AS jsonb))"
                    " WHERE product_id = :pid AND kind = :kind AND segment = :segment"
                    " AND locale = :locale"
                    " AND (quality->'stale_since_edit'->>'input_hash') IS DISTINCT FROM :pending"
                ),
                {
                    "note": json.dumps(note),
                    "pid": pid,
                    "kind": kind,
                    "segment": segment,
                    "locale": locale,
                    "pending": pending,
                },
            )


def _write_product(
    session: Session,
    product_id: int,
    results: list[ContentResult],
    deliveries: list[int] | None = None,
) -> list[Outcome]:
    """`deliveries`: where the webhook deliveries of published units are collected (None:
    no active webhook, record nothing)."""
    session.execute(
        text("SELECT pg_advisory_xact_lock(:ns, hashtext(CAST(:pid AS text)))"),
        {"ns": _ADVISORY_NAMESPACE, "pid": product_id},
    )
    current = load_facts(session, [product_id], lock=True).get(product_id)
    if current is None or current.deleted:
        return [Outcome.product_gone] * len(results)
    outcomes = []
    for result in results:
        item = result.item
        if input_hash(item.spec, current, segment_extra(item.segment)) != item.input_hash:
            log.info("refused stale write for %s: product changed while generating", item.key)
            outcomes.append(Outcome.refused_stale)
            continue
        pid, kind, segment, locale = item.key
        row = session.scalars(
            select(ProductContent)
            .where(
                ProductContent.product_id == pid,
                ProductContent.kind == kind,
                ProductContent.segment == segment,
                ProductContent.locale == locale,
            )
            .with_for_update()
        ).one_or_none()
        if row is not None and is_human_owned(row):
            outcomes.append(Outcome.skipped_human)
        elif row is not None and (
            (
                row.input_hash == item.input_hash
                and row.model_version == result.model_version
                and (row.status == ContentStatus.generated or not result.ok)
            )
            or (not result.ok and failed_for(row, item.input_hash, result.model_version))
        ):
            outcomes.append(Outcome.skipped_current)
        elif result.ok:
            _upsert(session, result, deliveries)
            outcomes.append(Outcome.written)
        else:
            _record_failure(session, result, row)
            outcomes.append(Outcome.failed)
    return outcomes


def _upsert(session: Session, result: ContentResult, deliveries: list[int] | None = None) -> None:
    written = _write_row(
        session,
        result,
        {
            "body": result.body,
            "status": ContentStatus.generated.value,
            "quality": result.quality,
            "error": None,
            "generated_at": func.now(),
        },
        protected=(ContentStatus.approved, ContentStatus.edited),
    )
    if deliveries is None or written is None:
        return  # no webhook, or the conflict clause kept a person's row: nothing published
    # The Core statement bypassed the session: re-read the row (populate_existing) so the
    # payload is what was just written, not a copy loaded before it.
    row = session.get(ProductContent, written, populate_existing=True)
    assert row is not None  # written in this transaction, under its lock
    deliveries.extend(webhooks.record(session, row, "generated"))


def _write_row(
    session: Session,
    result: ContentResult,
    values: dict[str, Any],
    protected: tuple[ContentStatus, ...],
) -> int | None:
    """Insert or update the unit's row; returns its id, or None when the conflict clause
    left it alone. The clause repeats the caller's checks in SQL (belt and braces): even
    past them, a person's row or a `protected` status is never overwritten."""
    item = result.item
    pid, kind, segment, locale = item.key
    values = {
        "source": ContentSource.model.value,
        "model_version": result.model_version,
        "input_hash": item.input_hash,
        "prompt_version": item.spec.prompt_version,
        "updated_at": func.now(),
        **values,
    }
    stmt = insert(ProductContent).values(
        product_id=pid, kind=kind, segment=segment, locale=locale, attempts=1, **values
    )
    written: int | None = session.execute(
        stmt.on_conflict_do_update(
            constraint="uq_product_content_key",
            set_={**values, "attempts": ProductContent.attempts + 1},
            where=(ProductContent.locked.is_(False))
            & (ProductContent.status.not_in([s.value for s in protected]))
            & (ProductContent.source != ContentSource.human.value),
        ).returning(ProductContent.id)
    ).scalar_one_or_none()
    return written


def _record_failure(session: Session, result: ContentResult, row: ProductContent | None) -> None:
    failure = {"error": result.error, **result.quality}
    if row is None or row.body is None or row.status == ContentStatus.failed:
        # Nothing good to keep: the row itself says failed, with the reason. input_hash and
        # model_version are recorded so the same inputs are not retried in a storm.
        _write_row(
            session,
            result,
            {"body": None, "status": ContentStatus.failed.value, "quality": failure,
             "error": result.error},
            protected=(ContentStatus.approved, ContentStatus.edited, ContentStatus.generated),
        )  # fmt: skip
    else:
        # The previous good content stays published; the failure is visible beside it and
        # the row keeps its old input_hash. The failed attempt's inputs and model are noted
        # so the planner does not retry the same inputs in a storm (a change or --force does).
        row.error = result.error
        row.attempts = row.attempts + 1
        attempt = {
            **failure,
            "input_hash": result.item.input_hash,
            "model_version": result.model_version,
        }
        row.quality = {**(row.quality or {}), "last_failure": attempt}
