"""Webhooks: tell the shop platform when a unit is published (generated and passed,
approved, or edited).

An outbox, like catalog events: the publishing transaction inserts one
`webhook_deliveries` row per active webhook, and only after it commits is a Celery task
(`tasks.webhooks.deliver`) asked to send it. A slow or dead receiver therefore never
blocks or fails a write, and a delivery whose task was never enqueued (broker down at that
moment) is picked up by the minute sweep.

Signing follows the scheme Stripe and GitHub popularised: header
`Shelfwriter-Signature: t=<unix time>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`; the time
inside the signed text lets a receiver refuse replays (`verify`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
import time
from collections.abc import Sequence
from typing import Any

import httpx
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from worker.models import DeliveryStatus, Product, ProductContent, Webhook, WebhookDelivery

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "Shelfwriter-Signature"
DELIVERY_HEADER = "Shelfwriter-Delivery"
EVENT = "content.published"
DELIVER_TASK = "tasks.webhooks.deliver"


class DeliveryError(RuntimeError):
    """The receiver did not take the event (non-2xx, timeout, refused): retried."""


def add_webhook(
    factory: sessionmaker[Session], url: str, secret: str | None = None
) -> tuple[int, str]:
    """Register a receiver; returns (id, secret). The secret is made here unless given."""
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"a webhook URL must be http(s)://…, not {url!r}")
    secret = secret or secrets.token_urlsafe(32)
    with factory.begin() as session:
        hook = Webhook(url=url, secret=secret)
        session.add(hook)
        session.flush()
        return hook.id, secret


def remove_webhook(factory: sessionmaker[Session], webhook_id: int) -> None:
    with factory.begin() as session:
        hook = session.get(Webhook, webhook_id)
        if hook is None:
            raise LookupError(f"no webhook with id {webhook_id}")
        session.delete(hook)


def payload_for(session: Session, row: ProductContent, trigger: str) -> dict[str, Any]:
    sku = session.scalar(select(Product.sku).where(Product.id == row.product_id))
    return {
        "event": EVENT,
        "trigger": trigger,  # generated | approved | edited
        "content_id": row.id,
        "sku": sku,
        "kind": row.kind,
        "segment": row.segment,
        "locale": row.locale,
        "status": row.status,
        "body": row.body,
        "model_version": row.model_version,
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def record(session: Session, row: ProductContent, trigger: str) -> list[int]:
    """Inside the publishing transaction: one pending delivery per active webhook. Returns
    their ids for `send_later` (a no-op list when no webhook is registered)."""
    hooks = session.scalars(select(Webhook.id).where(Webhook.active.is_(True))).all()
    if not hooks:
        return []
    payload = payload_for(session, row, trigger)
    ids = []
    for hook_id in hooks:
        delivery = WebhookDelivery(
            webhook_id=hook_id, event=EVENT, content_id=row.id, payload=payload
        )
        session.add(delivery)
        session.flush()
        ids.append(delivery.id)
    return ids


def send_later(delivery_ids: Sequence[int]) -> None:
    """After commit: enqueue each delivery. A broker failure is logged, not raised: the row
    is committed and pending, and the sweep sends it."""
    if not delivery_ids:
        return
    from worker.celery import app

    for delivery_id in delivery_ids:
        try:
            app.send_task(DELIVER_TASK, args=(delivery_id,))
        except Exception:
            log.warning("could not enqueue webhook delivery %d; the sweep will", delivery_id)


def sign(secret: str, body: bytes, timestamp: int | None = None) -> str:
    t = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


def verify(secret: str, body: bytes, header: str, tolerance_s: int = 300) -> bool:
    """What a receiver runs (and the tests): the signature matches and is recent."""
    try:
        parts = dict(p.split("=", 1) for p in header.split(","))
        t = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(time.time() - t) > tolerance_s:
        return False
    return hmac.compare_digest(sign(secret, body, t), header)


def deliver(factory: sessionmaker[Session], delivery_id: int, timeout: float) -> bool:
    """Send one delivery. True when delivered (or already delivered, or its webhook gone);
    raises DeliveryError for the task to retry. The attempt is recorded either way."""
    with factory() as session:
        row = session.get(WebhookDelivery, delivery_id)
        if row is None or row.status == DeliveryStatus.delivered:
            return True
        hook = session.get(Webhook, row.webhook_id)
        if hook is None or not hook.active:
            return True
        url, secret = hook.url, hook.secret
        body = json.dumps(row.payload, ensure_ascii=False, sort_keys=True).encode()
    headers = {
        "Content-Type": "application/json",
        SIGNATURE_HEADER: sign(secret, body),
        DELIVERY_HEADER: str(delivery_id),
        "User-Agent": "Shelfwriter-Webhook/1",
    }
    status: int | None = None
    error: str | None = None
    try:
        response = httpx.post(url, content=body, headers=headers, timeout=timeout)
        status = response.status_code
        if not response.is_success:
            error = f"HTTP {status}"
    except httpx.HTTPError as exc:
        error = f"{type(exc).__name__}: {exc}"[:500]
    ok = error is None
    values: dict[str, Any] = {
        "attempts": WebhookDelivery.attempts + 1,
        "response_status": status,
        "last_error": error,
        "last_attempt_at": dt.datetime.now(dt.UTC),
    }
    if ok:
        values |= {
            "status": DeliveryStatus.delivered.value,
            "delivered_at": dt.datetime.now(dt.UTC),
        }
    with factory.begin() as session:
        session.execute(
            update(WebhookDelivery).where(WebhookDelivery.id == delivery_id).values(**values)
        )
    if not ok:
        raise DeliveryError(f"webhook delivery {delivery_id} to {url}: {error}")
    return True


def give_up(factory: sessionmaker[Session], delivery_id: int) -> None:
    """Retries spent: the delivery is failed, visible in the desk, and can be resent."""
    with factory.begin() as session:
        session.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.id == delivery_id, WebhookDelivery.status != "delivered")
            .values(status=DeliveryStatus.failed.value)
        )


def resend(factory: sessionmaker[Session], delivery_id: int) -> None:
    with factory.begin() as session:
        row = session.get(WebhookDelivery, delivery_id, with_for_update=True)
        if row is None:
            raise LookupError(f"no webhook delivery with id {delivery_id}")
        row.status = DeliveryStatus.pending.value
    send_later([delivery_id])


def stale_pending(
    factory: sessionmaker[Session], older_than_s: float = 120, limit: int = 500
) -> list[int]:
    """Pending deliveries nobody is working on: never attempted and older than a couple of
    minutes (a task that is retrying has a recent attempt)."""
    cutoff = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=older_than_s)
    with factory() as session:
        return list(
            session.scalars(
                select(WebhookDelivery.id)
                .where(
                    WebhookDelivery.status == DeliveryStatus.pending.value,
                    WebhookDelivery.created_at < cutoff,
                    WebhookDelivery.last_attempt_at.is_(None),
                )
                .order_by(WebhookDelivery.id)
                .limit(limit)
            )
        )
