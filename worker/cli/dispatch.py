"""`shelfwriter dispatch`: turn pending catalog events into `generate` tasks."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from worker.cli._console import console
from worker.config import get_settings


def register(app: typer.Typer) -> None:
    app.command("dispatch")(dispatch_cmd)


def dispatch_cmd(
    once: Annotated[bool, typer.Option("--once", help="Drain what is pending and exit.")] = False,
) -> None:
    """Turn pending catalog events into `generate` tasks (LISTEN + periodic poll)."""
    import kombu.exceptions

    from worker.db import session_factory
    from worker.dispatch import Dispatcher, celery_publisher, drain
    from worker.errors import BROKER_ERRORS

    settings = get_settings()
    factory = session_factory()
    publish = celery_publisher(settings)
    if once:
        try:
            stats = drain(
                factory,
                publish,
                claim_limit=settings.dispatch_claim_limit,
                batch_size=settings.generate_batch_size,
            )
        except (*BROKER_ERRORS, kombu.exceptions.KombuError) as exc:  # type: ignore[misc]
            console.print(f"[red]broker unavailable; events stay pending:[/red] {exc}")
            raise typer.Exit(3) from None
        print(
            json.dumps({"events": stats.events, "products": stats.products, "tasks": stats.tasks})
        )
        return
    dispatcher = Dispatcher(factory, publish, settings)
    dispatcher.install_signal_handlers()
    console.print(
        f"dispatching to queue {settings.generate_queue!r}"
        f" (poll every {settings.dispatch_poll_interval}s)"
    )
    total = dispatcher.run()
    console.print(f"stopped: {total.events} events → {total.tasks} tasks")
