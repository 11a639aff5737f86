"""`shelfwriter metrics serve`: the fleet's Prometheus exporter (see worker.ops.metrics)."""

from __future__ import annotations

import signal
import threading
from typing import Annotated

import typer

from worker.cli._console import console

metrics_app = typer.Typer(help="Prometheus metrics.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(metrics_app, name="metrics")


@metrics_app.command("serve")
def serve_cmd(
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 9808,
    host: Annotated[str, typer.Option(help="Address to bind.")] = "0.0.0.0",
) -> None:
    """Serve fleet metrics read from Postgres and Redis at each scrape: pending events, queue
    lag and depth, the refresh run's progress, content rows, failures by reason. Requires
    SHELFWRITER_METRICS_AUTH=user:password (or SHELFWRITER_METRICS_NO_AUTH=1)."""
    from prometheus_client import CollectorRegistry

    from worker.db import session_factory
    from worker.ops.metrics import AuthMissingError, FleetCollector, serve
    from worker.ops.status import collect_status

    factory = session_factory()
    registry = CollectorRegistry()
    # Model versions read manifests from disk: not per scrape (the status command has them).
    registry.register(FleetCollector(lambda: collect_status(factory, include_models=False)))
    try:
        server = serve(registry, port, host, daemon=False)
    except AuthMissingError as exc:
        console.print(f"[red]refusing to start:[/red] {exc}")
        raise typer.Exit(78) from None
    console.print(f"serving fleet metrics on http://{host}:{server.server_port}/metrics")
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    server.shutdown()
