"""The `shelfwriter` command line: `worker/cli/` is where every command is wired together.

This module holds the Typer app, the logging set-up, `main()` (the console script) and the
registration of every command group. Each group lives in its own module here (`db`,
`catalog`, `dispatch`, `status`, `review`, `webhooks`, `generate`, `demo`, `refresh`,
`metrics`, `vocab`, `web`) and exposes `register(app)`; the offline packages (`exporter/`,
`training/`, `evaluation/`) keep their commands beside their code and are wired in here
through their own `register(app)`. Commands import heavy libraries only when they run, so
`--help` is cheap. Shared bits (the stderr console, the progress bar) are in
`worker.cli._console`.
"""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer
from rich.logging import RichHandler

from worker.cli._console import console
from worker.config import get_settings

app = typer.Typer(
    help="Shelfwriter: grounded product content at catalog scale.", no_args_is_help=True
)


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


# `--debug`: expected failures print their traceback too (worker.cli._errors).
_debug = False


@app.callback()
def _main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an expected failure too.")
    ] = False,
) -> None:
    global _debug
    _debug = debug
    _setup_logging()


def _register_all() -> None:
    """Every command, in the order `--help` lists them (commands first, then groups, each in
    registration order)."""
    from evaluation.cli import register as register_evaluation
    from exporter.cli import register as register_exporter
    from training.cli import register as register_training
    from worker.cli import (
        catalog,
        db,
        demo,
        dispatch,
        generate,
        metrics,
        refresh,
        review,
        status,
        vocab,
        web,
        webhooks,
    )

    for register in (
        db.register,
        catalog.register,
        dispatch.register,
        status.register,
        demo.register,
        review.register,
        webhooks.register,
        web.register,
        generate.register,
        register_exporter,
        vocab.register,
        refresh.register,
        metrics.register,
        register_evaluation,
        register_training,
    ):
        register(app)


_register_all()


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        sys.exit(_fail(exc))


def _fail(exc: Exception) -> int:
    """One line for an expected failure (what to do next), the traceback for a bug; the
    traceback too under `--debug` or a DEBUG log level."""
    import os
    import traceback

    from worker.cli._errors import explain
    from worker.config import DEFAULT_BROKER_URL, DEFAULT_DATABASE_URL, Settings

    # The settings themselves may be what failed: fall back to the raw environment.
    try:
        settings: Settings | None = get_settings()
    except Exception:
        settings = None
    explained = explain(
        exc,
        settings.database_url if settings else os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL),
        settings.celery_broker_url
        if settings
        else os.environ.get("CELERY_BROKER_URL", DEFAULT_BROKER_URL),
        settings.cache_dir if settings else Settings.model_fields["cache_dir"].default.expanduser(),
    )
    level = settings.log_level if settings else os.environ.get("SHELFWRITER_LOG_LEVEL", "")
    if explained is None or _debug or level.upper() == "DEBUG":
        traceback.print_exception(exc)
    if explained is None:
        return 1
    print(explained.line(), file=sys.stderr)  # one unwrapped line, greppable in a log
    return explained.code
