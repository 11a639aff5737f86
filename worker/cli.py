"""`shelfwriter` command line."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from worker.config import get_settings

app = typer.Typer(
    help="Shelfwriter: grounded product content at catalog scale.", no_args_is_help=True
)
db_app = typer.Typer(help="Database schema (Alembic migrations).", no_args_is_help=True)
app.add_typer(db_app, name="db")

console = Console(stderr=True)


def _setup_logging() -> None:
    level = get_settings().log_level.upper()
    logging.basicConfig(
        level=level,
        format="%(message)s",
        handlers=[RichHandler(console=console, show_path=False, rich_tracebacks=False)],
    )
    # Alembic logs its plugin set-up at INFO; keep only the migration steps.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    logging.getLogger("alembic.runtime.migration").setLevel(logging.INFO)


@app.callback()
def _main() -> None:
    _setup_logging()


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Create the database if needed and migrate it to REVISION (default: head)."""
    from worker.migrate import upgrade

    upgrade(revision)
    console.print(f"database at revision {revision}")


@db_app.command("downgrade")
def db_downgrade(revision: Annotated[str, typer.Argument()]) -> None:
    """Migrate down to REVISION (`base` drops everything Shelfwriter created)."""
    from worker.migrate import downgrade

    downgrade(revision)


@db_app.command("current")
def db_current() -> None:
    """Print the database's current revision."""
    from worker.migrate import current_revision

    print(current_revision() or "none")


@app.command("import-catalog")
def import_catalog_cmd(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    rejects: Annotated[
        Path | None,
        typer.Option(help="Write every rejected row (line, sku, reason) as JSON lines here."),
    ] = None,
) -> None:
    """Load products from CSV or JSON lines (upsert by sku), reporting rejected rows and why."""
    from worker.catalog.importer import count_records, import_catalog
    from worker.db import session_factory

    total = count_records(file)
    with Progress(
        TextColumn("[bold]importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        bar = progress.add_task("import", total=total)
        report = import_catalog(session_factory(), file, lambda n: progress.advance(bar, n))
    console.print(
        f"{report.rows} rows: {report.inserted} inserted, {report.updated} updated, "
        f"{report.unchanged} unchanged, {len(report.rejected)} rejected"
    )
    if report.rejected:
        table = Table("line", "sku", "reason", title="rejected rows", title_justify="left")
        for r in report.rejected[:20]:
            table.add_row(str(r.line), r.sku or "", r.reason)
        console.print(table)
        if len(report.rejected) > 20:
            console.print(
                f"… and {len(report.rejected) - 20} more" + ("" if rejects else " (see --rejects)")
            )
    if rejects:
        with rejects.open("w", encoding="utf-8") as fh:
            for r in report.rejected:
                fh.write(
                    json.dumps(
                        {"line": r.line, "sku": r.sku, "reason": r.reason}, ensure_ascii=False
                    )
                    + "\n"
                )


@app.command("dispatch")
def dispatch_cmd(
    once: Annotated[bool, typer.Option("--once", help="Drain what is pending and exit.")] = False,
) -> None:
    """Turn pending catalog events into `generate` tasks (LISTEN + periodic poll)."""
    import kombu.exceptions

    from worker.db import session_factory
    from worker.dispatch import BROKER_ERRORS, Dispatcher, celery_publisher, drain

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


@app.command("status")
def status_cmd(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Pending events, content by kind and status, failures by reason."""
    from worker.db import session_factory
    from worker.status import collect_status

    status = collect_status(session_factory())
    if as_json:
        print(json.dumps(status, ensure_ascii=False, default=str))
        return
    console.print(
        f"pending events: {status['pending_events']} (oldest {status['oldest_pending_age_s']} s)"
    )
    table = Table("kind", "status", "rows", title="product_content", title_justify="left")
    for row in status["content"]:
        table.add_row(row["kind"], row["status"], str(row["rows"]))
    console.print(table)
    if status["failures"]:
        failures = Table("reason", "rows", title="failures", title_justify="left")
        for row in status["failures"]:
            failures.add_row(row["error"], str(row["rows"]))
        console.print(failures)


@app.command("demo")
def demo_cmd(
    products: Annotated[
        Path | None,
        typer.Option(exists=True, dir_okay=False, help="Your own catalog (CSV or JSON lines)."),
    ] = None,
    data_dir: Annotated[
        Path | None, typer.Option(help="Where embedded PostgreSQL/Redis keep their data.")
    ] = None,
    timeout: Annotated[float, typer.Option(help="Give up after this many seconds.")] = 1800.0,
    keep_running: Annotated[
        bool, typer.Option(help="Keep services, dispatcher and worker up until Ctrl-C.")
    ] = False,
) -> None:
    """Run the whole pipeline on a sample catalog, on embedded PostgreSQL and Redis unless
    DATABASE_URL and CELERY_BROKER_URL are set, and show the content as it lands."""
    from rich.console import Console

    from worker.demo import run_demo
    from worker.embedded import default_data_dir

    code = run_demo(
        products,
        data_dir or default_data_dir(),
        timeout=timeout,
        keep_running=keep_running,
        console=Console(),
    )
    raise typer.Exit(code)


def _register_optional() -> None:
    """Commands from other packages; each imports heavy libraries only when run."""
    try:
        from exporter.cli import register
    except ImportError:
        return
    register(app)


_register_optional()


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
