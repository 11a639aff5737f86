"""`shelfwriter status`: what an operator asks first (see worker.ops.status)."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from worker.cli._console import console


def register(app: typer.Typer) -> None:
    app.command("status")(status_cmd)


def status_cmd(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Pending events and queue lag, queue depths, the refresh run's progress, content by
    kind and status, failures by reason, and the model version and provider in use."""
    from worker.db import session_factory
    from worker.ops.status import collect_status

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
