"""`shelfwriter vocab …`: load tag vocabularies into Postgres and try the matcher on a product.

Heavy imports (numpy model, jieba) happen only inside the commands; what `vocab defaults`
loads is decided in worker.tags.defaults."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import TaskID
from rich.table import Table

from worker.cli._console import console, progress_bar
from worker.tags.defaults import TAXONOMY_ENV, configured_taxonomy, default_sources

vocab_app = typer.Typer(
    help="Tag vocabularies (the platform's allowed tags).", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(vocab_app, name="vocab")


def _load(file: Path, name: str, locale: str, fmt: str, prune: bool) -> None:
    from worker.db import session_factory
    from worker.tags.vocabulary import load_vocabulary, read_vocabulary

    if fmt not in ("google", "lines"):
        raise typer.BadParameter("--format must be google or lines")
    try:
        entries = read_vocabulary(file, "google" if fmt == "google" else "lines")
    except ValueError as exc:
        console.print(f"[red]{file}: {exc}[/red]")
        raise typer.Exit(2) from None
    with progress_bar(f"{name}/{locale}") as progress:
        bar = progress.add_task("load", total=len(entries))
        report = load_vocabulary(
            session_factory(),
            entries,
            name=name,
            locale=locale,
            prune=prune,
            progress=lambda n: progress.advance(bar, n),
        )
    console.print(
        f"{name}/{locale}: {report.entries} entries: {report.inserted} inserted, "
        f"{report.updated} updated, {report.unchanged} unchanged, {report.embedded} embedded"
        + (f", {report.pruned} pruned" if prune else "")
    )


@vocab_app.command("load")
def load_cmd(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    name: Annotated[str, typer.Option("--name", help="Vocabulary name, e.g. google.")],
    locale: Annotated[str, typer.Option("--locale", help="Locale of its tags, e.g. en, zh-CN.")],
    fmt: Annotated[
        str, typer.Option("--format", help="google (`id - A > B`) or lines (a tag or path)")
    ] = "lines",
    prune: Annotated[
        bool, typer.Option(help="Delete entries of this vocabulary missing from FILE.")
    ] = False,
) -> None:
    """Load (upsert) a vocabulary file; only new or changed entries are embedded."""
    _load(file, name, locale, fmt, prune)


@vocab_app.command("defaults")
def defaults_cmd(
    taxonomy: Annotated[
        Path | None,
        typer.Option(help=f"Google product taxonomy file (default: ${TAXONOMY_ENV} or shared/)."),
    ] = None,
) -> None:
    """Load the default vocabularies: English from the Google taxonomy where found (else the
    shipped en.txt) and the shipped zh-CN tags."""
    from worker.db import session_factory
    from worker.tags.defaults import load_default_vocabularies

    if taxonomy is not None and not taxonomy.is_file():
        # Asked for by name: a typo must not quietly switch to the shipped vocabulary.
        console.print(f"[red]taxonomy file not found: {taxonomy}[/red]")
        raise typer.Exit(2)
    sources = default_sources(taxonomy)
    if sources["en"].fmt != "google":
        console.print(
            "[yellow]Google product taxonomy not found"
            f" ({configured_taxonomy()}): using the shipped"
            " English vocabulary instead[/yellow]"
        )
    for src in sources.values():
        console.print(f"loading {src.description}")
    with progress_bar("{task.description}") as bar:
        tasks: dict[str, TaskID] = {}

        def advance(key: str, n: int, total: int) -> None:
            if key not in tasks:
                src = sources[key]
                tasks[key] = bar.add_task(f"{src.name}/{src.locale}", total=total)
            bar.advance(tasks[key], n)

        try:
            reports = load_default_vocabularies(session_factory(), taxonomy, advance)
        except ValueError as exc:
            console.print(f"[red]{exc}[/red]")
            raise typer.Exit(2) from None
    for key, report in reports.items():
        src = sources[key]
        console.print(
            f"{src.name}/{src.locale} ({src.path.name}): {report.entries} entries:"
            f" {report.inserted} inserted, {report.updated} updated,"
            f" {report.unchanged} unchanged, {report.embedded} embedded"
            + (f", {report.pruned} pruned" if src.prune else "")
        )


@vocab_app.command("match")
def match_cmd(
    sku: Annotated[str, typer.Option("--sku", help="The product to tag.")],
    propose: Annotated[
        list[str] | None, typer.Option("--propose", help="A tag the model proposed (repeat).")
    ] = None,
) -> None:
    """Print the tags the vocabulary gives a product, with score and reason."""
    from sqlalchemy import select

    from worker.catalog.facts import facts_from_row
    from worker.db import session_factory
    from worker.models import Product
    from worker.tags.matcher import match_product

    with session_factory()() as session:
        row = session.scalar(select(Product).where(Product.sku == sku))
        if row is None:
            console.print(f"[red]no product with sku {sku!r}[/red]")
            raise typer.Exit(1)
        try:
            tags = match_product(session, facts_from_row(row), propose or ())
        except LookupError as exc:
            console.print(f"[red]{exc}[/red]")
            raise typer.Exit(2) from None
    table = Table(
        "tag", "score", "why", "path", title=f"{sku} ({row.locale})", title_justify="left"
    )
    for t in tags:
        table.add_row(t.tag, f"{t.score:.3f}", t.why, t.path)
    Console().print(table)
