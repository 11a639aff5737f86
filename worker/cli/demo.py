"""`shelfwriter demo`: the whole pipeline on one machine (see worker.demo)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command("demo")(demo_cmd)


def demo_cmd(
    products: Annotated[
        Path | None,
        typer.Option(exists=True, dir_okay=False, help="Your own catalog (CSV or JSON lines)."),
    ] = None,
    data_dir: Annotated[
        Path | None, typer.Option(help="Where embedded PostgreSQL/Redis keep their data.")
    ] = None,
    timeout: Annotated[
        float, typer.Option(help="Give up when no content has landed for this many seconds.")
    ] = 900.0,
    keep_running: Annotated[
        bool, typer.Option(help="Keep services, dispatcher and worker up until Ctrl-C.")
    ] = False,
) -> None:
    """Run the whole pipeline on a sample catalog, on embedded PostgreSQL and Redis unless
    DATABASE_URL and CELERY_BROKER_URL are set, and show the content as it lands."""
    from rich.console import Console

    from worker.demo.embedded import default_data_dir
    from worker.demo.run import run_demo

    code = run_demo(
        products,
        data_dir or default_data_dir(),
        timeout=timeout,
        keep_running=keep_running,
        console=Console(),
    )
    raise typer.Exit(code)
