"""`shelfwriter import-catalog`: load products from CSV or JSON lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from worker.cli._console import console, progress_bar


def register(app: typer.Typer) -> None:
    app.command("import-catalog")(import_catalog_cmd)


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
    with progress_bar("importing") as progress:
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
