"""`shelfwriter db …`: the database schema (Alembic migrations)."""

from __future__ import annotations

from typing import Annotated

import typer

from worker.cli._console import console

db_app = typer.Typer(help="Database schema (Alembic migrations).", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")


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
