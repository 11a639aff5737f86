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
from rich.markup import escape
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
            table.add_row(str(r.line), escape(r.sku or ""), escape(r.reason))  # file data
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
    """Pending events and queue lag, queue depths, the refresh run's progress, content by
    kind and status, failures by reason, and the model version and provider in use."""
    from worker.db import session_factory
    from worker.status import collect_status

    status = collect_status(session_factory())
    if as_json:
        print(json.dumps(status, ensure_ascii=False, default=str))
        return
    console.print(
        f"pending events: {status['pending_events']} (oldest {status['oldest_pending_age_s']} s)"
    )
    depths = ", ".join(
        f"{q} {'unreachable' if n is None else n}" for q, n in status["queues"].items()
    )
    console.print(f"queues: {depths}")
    run = status["refresh_run"]
    if run:
        console.print(
            f"refresh run {run['run_id']} ({run['reason']}) {run['status']}: enqueued"
            f" {run['enqueued']}, done {run['done']}, skipped {run['skipped']},"
            f" failed {run['failed']}",
            highlight=False,
        )
    models = status.get("models", {})
    if "versions" in models:
        versions = ", ".join(f"{lang} {v[:16]}" for lang, v in models["versions"].items())
        console.print(f"models: {models['provider']} ({models['device']}): {versions}")
    elif models:
        console.print(f"models: {escape(json.dumps(models))}")
    table = Table("kind", "status", "rows", title="product_content", title_justify="left")
    for row in status["content"]:
        table.add_row(row["kind"], row["status"], str(row["rows"]))
    console.print(table)
    if status["failures"]:
        # One line per reason, not a table: a long reason stays one piece of text (a wrapped
        # table cell interleaves it with the counts, hard to read and to grep).
        console.print("failures (rows, reason):")
        for row in status["failures"]:
            console.print(f"{row['rows']:>7}  {escape(row['error'])}", highlight=False,
                          soft_wrap=True)  # fmt: skip


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


review_app = typer.Typer(help="Inspect generated content and act on it.", no_args_is_help=True)
app.add_typer(review_app, name="review")


def _reviewer() -> str:
    import getpass

    return getpass.getuser()


@review_app.command("list")
def review_list(
    status: Annotated[
        str | None, typer.Option(help="generated/approved/rejected/edited/failed")
    ] = None,
    kind: Annotated[str | None, typer.Option()] = None,
    sku: Annotated[str | None, typer.Option()] = None,
    limit: Annotated[int, typer.Option()] = 50,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List content rows (id, product, kind, status, body or error)."""

    from worker.content.review import list_content
    from worker.db import session_factory

    rows = list_content(session_factory(), status=status, kind=kind, sku=sku, limit=limit)
    if as_json:
        for r in rows:
            print(json.dumps(r.__dict__, ensure_ascii=False, default=str))
        return
    table = Table("id", "sku", "kind", "status", "body / error", show_lines=True)
    for r in rows:
        kind_label = r.kind + (f"/{r.segment}" if r.segment else "")
        status_label = r.status + (" 🔒" if r.locked else "")
        # Copy is plain text: escape it so a body can never inject terminal markup.
        text_value = escape(r.body if r.body is not None else f"[{r.error}]")
        table.add_row(str(r.id), escape(r.sku), kind_label, status_label, text_value)
    Console().print(table)


@review_app.command("approve")
def review_approve(content_id: int) -> None:
    """Approve a row: it is published as is and never overwritten by the model."""
    from worker.content.review import approve
    from worker.db import session_factory

    approve(session_factory(), content_id, _reviewer())
    console.print(f"approved {content_id}")


@review_app.command("reject")
def review_reject(
    content_id: int, reason: Annotated[str, typer.Option(help="Why (kept on the row).")]
) -> None:
    """Reject a row; it is regenerated when the product or the model changes."""
    from worker.content.review import reject
    from worker.db import session_factory

    reject(session_factory(), content_id, _reviewer(), reason)
    console.print(f"rejected {content_id}")


@review_app.command("edit")
def review_edit(
    content_id: int,
    body: Annotated[str | None, typer.Option(help="The new text.")] = None,
    file: Annotated[Path | None, typer.Option(exists=True, dir_okay=False)] = None,
) -> None:
    """Replace a row's text with a person's; the row is locked against regeneration."""
    from worker.content.review import edit
    from worker.db import session_factory

    if (body is None) == (file is None):
        raise typer.BadParameter("give exactly one of --body or --file")
    text_value = body if body is not None else file.read_text(encoding="utf-8")  # type: ignore[union-attr]
    edit(session_factory(), content_id, _reviewer(), text_value)
    console.print(f"edited and locked {content_id}")


@app.command("generate")
def generate_cmd(
    sku: Annotated[str, typer.Option(help="The product to generate for.")],
    kind: Annotated[str | None, typer.Option(help="Only this kind.")] = None,
    segment: Annotated[str | None, typer.Option(help="Only this audience segment.")] = None,
    write: Annotated[
        bool, typer.Option(help="Write the result through the guarded write path.")
    ] = False,
) -> None:
    """Run the content step for one product now and print each result with its guard
    report (for debugging a product; nothing is written without --write)."""

    from worker.content.debug import generate_one
    from worker.db import session_factory

    out = Console()
    results, outcomes = generate_one(
        session_factory(), sku, kind=kind, segment=segment, write=write
    )
    for result in results:
        item = result.item
        label = item.spec.kind.value + (f"/{item.segment_key}" if item.segment_key else "")
        out.rule(f"{escape(sku)} {label}  ({result.model_version[:12]})")
        if result.ok:
            out.print(escape(result.body or ""), highlight=False)
        else:
            out.print(f"[red]failed:[/red] {escape(result.error or '')}")
        for i, cand in enumerate(result.quality.get("candidates", [])):
            verdict = "pass" if not cand["failures"] else "; ".join(cand["failures"])
            out.print(f"  candidate {i}: score {cand['score']}  {escape(verdict)}", highlight=False)
        if "tags" in result.quality:
            paths = ", ".join(t["path"] for t in result.quality["tags"])
            out.print(f"  vocabulary paths: {escape(paths)}", highlight=False)
    if write:
        out.print(json.dumps({k.value: v for k, v in outcomes.items()}))


def _register_optional() -> None:
    """Commands from other packages; each imports heavy libraries only when run."""
    from exporter.cli import register as register_exporter
    from worker.tags.cli import register as register_tags

    register_exporter(app)
    register_tags(app)
    from worker.metrics_cli import register as register_metrics
    from worker.refresh_cli import register as register_refresh

    register_refresh(app)
    register_metrics(app)
    from evaluation.cli import register as register_evaluation

    register_evaluation(app)
    from training.cli import register as register_training

    register_training(app)


_register_optional()


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
