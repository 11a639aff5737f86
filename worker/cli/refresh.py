"""`shelfwriter refresh`: start (or resume) a catalog refresh run from the command line."""

from __future__ import annotations

import json
import time
from typing import Annotated

import typer

from worker.cli._console import console
from worker.refresh import RefreshReason, RunTotals

# Seconds between looks at the run's row while --wait blocks (one indexed read each).
WAIT_POLL_SECONDS = 1.0
# How long --wait rides out a database it cannot reach (a restart, a failover) before giving
# up: the run itself survives any outage (tasks retry), so the waiting command should too.
WAIT_OUTAGE_SECONDS = 300.0


def register(app: typer.Typer) -> None:
    app.command("refresh")(refresh_cmd)


def _progress(run: RunTotals) -> str:
    walked = "walk complete" if run.walk_complete else f"walked to id {run.cursor}"
    return (
        f"run {run.run_id} {run.status}: {walked}, enqueued {run.enqueued}, done {run.done},"
        f" skipped {run.skipped}, failed {run.failed}"
    )


def refresh_cmd(
    reason: Annotated[
        RefreshReason, typer.Option(help="Recorded on the run: manual, nightly or model-change.")
    ] = RefreshReason.manual,
    force: Annotated[
        bool, typer.Option("--force", help="Regenerate everything a person does not own.")
    ] = False,
    wait: Annotated[
        bool,
        typer.Option("--wait", help="Block until the run ends; print its totals as JSON last."),
    ] = False,
    cancel_running: Annotated[
        bool,
        typer.Option(
            "--cancel",
            help="Give up on the running run (e.g. its queue was purged) instead of starting.",
        ),
    ] = False,
) -> None:
    """Walk the catalog now and enqueue stale content (missing, changed inputs, a new model
    version, or older than SHELFWRITER_REFRESH_MAX_AGE_DAYS). Resumes the running run if
    there is one: two runs never overlap."""
    from worker.db import session_factory
    from worker.errors import TRANSIENT_ERRORS
    from worker.refresh import cancel, get_run, refresh, running_run

    factory = session_factory()
    if cancel_running:
        current = running_run(factory)
        if current is None:
            console.print("no refresh run is running")
            raise typer.Exit(1)
        cancel(factory, current.run_id)
        cancelled = get_run(factory, current.run_id)
        assert cancelled is not None
        print(json.dumps(cancelled.as_json()), flush=True)
        return
    shown = [""]

    def show(run: RunTotals) -> None:
        line = _progress(run)
        if line != shown[0]:
            console.print(line, highlight=False)
            shown[0] = line

    # A failure here (database, broker, models) is explained in one line by worker.cli.main;
    # the run stays `running` and the next `shelfwriter refresh` resumes it.
    run = refresh(factory, reason, force=force, on_page=show)
    show(run)
    unreachable_since: float | None = None
    while wait and run.status == "running":
        time.sleep(WAIT_POLL_SECONDS)
        try:
            current = get_run(factory, run.run_id)
        except TRANSIENT_ERRORS as exc:
            now = time.monotonic()
            unreachable_since = unreachable_since or now
            if now - unreachable_since > WAIT_OUTAGE_SECONDS:
                console.print(f"[red]database unreachable for {WAIT_OUTAGE_SECONDS:.0f} s:[/red]"
                              f" {type(exc).__name__}")  # fmt: skip
                raise typer.Exit(1) from None
            continue
        unreachable_since = None
        assert current is not None
        run = current
        show(run)
    print(json.dumps(run.as_json()), flush=True)
    if run.status == "failed":
        raise typer.Exit(1)
