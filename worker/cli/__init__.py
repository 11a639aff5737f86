"""The `shelfwriter` command line: `worker/cli/` is where every command is wired together.

This module holds the Typer app, the logging set-up, `main()` (the console script) and the
registration of every command group. Each group lives in its own module here (`db`,
`catalog`, `dispatch`, `status`, `review`, `generate`, `demo`, `refresh`, `metrics`, `vocab`)
and exposes `register(app)`; the offline packages (`exporter/`, `training/`, `evaluation/`)
keep their commands beside their code and are wired in here through their own
`register(app)`. Commands import heavy libraries only when they run, so `--help` is cheap.
Shared bits (the stderr console, the progress bar) are in `worker.cli._console`.
"""

from __future__ import annotations

import logging
import sys

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


@app.callback()
def _main() -> None:
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
    )

    for register in (
        db.register,
        catalog.register,
        dispatch.register,
        status.register,
        demo.register,
        review.register,
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
