"""`shelfwriter webhooks …`: register the shop platform's receivers and look after their
deliveries (`worker.webhooks`)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from worker.cli._console import console

webhooks_app = typer.Typer(
    help="Register webhook receivers and inspect or resend their deliveries.",
    no_args_is_help=True,
)

_STATUSES = ("pending", "failed", "delivered")


def register(app: typer.Typer) -> None:
    app.add_typer(webhooks_app, name="webhooks")


@webhooks_app.command("add")
def webhooks_add(
    url: str,
    secret: Annotated[
        str | None, typer.Option(help="The signing secret (made here when not given).")
    ] = None,
) -> None:
    """Register a receiver; prints its id and signing secret (shown only this once)."""
    from worker.db import session_factory
    from worker.webhooks import add_webhook

    try:
        webhook_id, used = add_webhook(session_factory(), url, secret)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="URL") from exc
    print(f"id: {webhook_id}")
    print(f"secret: {used}")
    console.print("keep the secret: it is not shown again (receivers verify with it)")


@webhooks_app.command("list")
def webhooks_list() -> None:
    """Every receiver with its delivery counts (pending / failed / delivered)."""
    from sqlalchemy import func, select

    from worker.db import session_factory
    from worker.models import Webhook, WebhookDelivery

    with session_factory()() as session:
        hooks = session.execute(
            select(Webhook.id, Webhook.url, Webhook.active).order_by(Webhook.id)
        ).all()
        counts: dict[tuple[int, str], int] = {
            (hook_id, status): n
            for hook_id, status, n in session.execute(
                select(WebhookDelivery.webhook_id, WebhookDelivery.status, func.count()).group_by(
                    WebhookDelivery.webhook_id, WebhookDelivery.status
                )
            ).all()
        }
    table = Table("id", "url", "active", *_STATUSES)
    for hook_id, url, active in hooks:
        table.add_row(
            str(hook_id),
            escape(url),
            "yes" if active else "no",
            *(str(counts.get((hook_id, s), 0)) for s in _STATUSES),
        )
    Console().print(table)


@webhooks_app.command("remove")
def webhooks_remove(webhook_id: int) -> None:
    """Remove a receiver and its delivery records."""
    from worker.db import session_factory
    from worker.webhooks import remove_webhook

    remove_webhook(session_factory(), webhook_id)
    console.print(f"removed webhook {webhook_id}")


@webhooks_app.command("resend")
def webhooks_resend(delivery_id: int) -> None:
    """Send a delivery again (a failed one gets a fresh round of retries)."""
    from worker.db import session_factory
    from worker.webhooks import resend

    resend(session_factory(), delivery_id)
    console.print(f"queued delivery {delivery_id} again")


@webhooks_app.command("deliveries")
def webhooks_deliveries(
    status: Annotated[str | None, typer.Option(help="pending/delivered/failed")] = None,
    limit: Annotated[int, typer.Option(min=1)] = 50,
) -> None:
    """Recent deliveries, newest first (id, webhook, content, status, attempts, last error)."""
    from sqlalchemy import select

    from worker.db import session_factory
    from worker.models import WebhookDelivery

    if status is not None and status not in _STATUSES:
        raise typer.BadParameter(f"one of {', '.join(_STATUSES)}", param_hint="--status")
    stmt = select(WebhookDelivery).order_by(WebhookDelivery.id.desc()).limit(limit)
    if status is not None:
        stmt = stmt.where(WebhookDelivery.status == status)
    with session_factory()() as session:
        rows = list(session.scalars(stmt))
    table = Table(
        "id", "webhook", "content", "trigger", "status", "attempts", "last error", "created"
    )
    for r in rows:
        table.add_row(
            str(r.id),
            str(r.webhook_id),
            str(r.content_id),
            escape(str(r.payload.get("trigger", ""))),
            r.status,
            str(r.attempts),
            escape(r.last_error or ""),
            r.created_at.isoformat(timespec="seconds"),
        )
    Console().print(table)
