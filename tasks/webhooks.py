"""Webhook deliveries (maintenance queue): thin wrappers over `worker.webhooks`."""

from __future__ import annotations

from tasks.base import ShelfwriterTask
from worker.celery import app
from worker.config import get_settings
from worker.webhooks import DeliveryError, deliver, give_up, send_later, stale_pending


@app.task(  # type: ignore[untyped-decorator]
    base=ShelfwriterTask, bind=True, name="tasks.webhooks.deliver"
)
def deliver_task(self: ShelfwriterTask, delivery_id: int) -> bool:
    """Send one delivery; on failure retry with exponential backoff (base × 2^n, jitter-free
    so a receiver's operator can predict the next try), then mark it failed."""
    settings = get_settings()
    try:
        return deliver(self.sessions, int(delivery_id), settings.webhook_timeout)
    except DeliveryError as exc:
        if self.request.retries >= settings.webhook_max_retries:
            give_up(self.sessions, int(delivery_id))
            return False
        countdown = settings.webhook_retry_base * 2**self.request.retries
        raise self.retry(
            exc=exc, countdown=countdown, max_retries=settings.webhook_max_retries
        ) from exc


@app.task(  # type: ignore[untyped-decorator]
    base=ShelfwriterTask, bind=True, name="tasks.webhooks.sweep_deliveries"
)
def sweep_deliveries(self: ShelfwriterTask) -> int:
    ids = stale_pending(self.sessions)
    send_later(ids)
    return len(ids)
