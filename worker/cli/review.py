"""`shelfwriter review …`: inspect generated content and act on it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from worker.cli._console import console

review_app = typer.Typer(help="Inspect generated content and act on it.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
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


@review_app.command("unlock")
def review_unlock(content_id: int) -> None:
    """Hand a person's row back to the model (its text stays live until replaced)."""
    from worker.content.review import unlock
    from worker.db import session_factory

    unlock(session_factory(), content_id, _reviewer())
    console.print(f"unlocked {content_id}")


@review_app.command("regenerate")
def review_regenerate(
    sku: str,
    kind: Annotated[list[str] | None, typer.Option(help="Only these kinds (repeatable).")] = None,
) -> None:
    """Queue a product for generation now, forced (a person's rows are skipped)."""
    from worker.content.review import regenerate
    from worker.db import session_factory

    kinds = regenerate(session_factory(), sku, _reviewer(), kind)
    console.print(f"queued {sku} ({', '.join(kinds)})")
