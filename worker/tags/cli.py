"""`shelfwriter vocab …`: load tag vocabularies into Postgres and try the matcher on a product.

Wired into the main CLI with `register(app)`; heavy imports (numpy model, jieba) happen only
inside the commands."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

ZH_VOCABULARY_FILE = Path(__file__).resolve().parent / "data" / "zh-CN.txt"
TAXONOMY_ENV = "SHELFWRITER_TAXONOMY"
# The checkout layout: ../shared/data beside the project root.
DEFAULT_TAXONOMY = (
    Path(__file__).resolve().parents[3] / "shared" / "data" / "google_product_taxonomy.en-US.txt"
)

console = Console(stderr=True)
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
    with Progress(
        TextColumn(f"[bold]{name}/{locale}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
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
    """Load the default vocabularies: the Google taxonomy (en) and the shipped zh-CN tags."""
    from worker.tags.matcher import DEFAULT_VOCABULARIES

    path = taxonomy or Path(os.environ.get(TAXONOMY_ENV) or DEFAULT_TAXONOMY)
    if not path.is_file():
        console.print(f"[red]taxonomy file not found: {path} (use --taxonomy)[/red]")
        raise typer.Exit(2)
    en_name, en_locale = DEFAULT_VOCABULARIES["en"]
    zh_name, zh_locale = DEFAULT_VOCABULARIES["zh-CN"]
    _load(path, en_name, en_locale, "google", False)
    _load(ZH_VOCABULARY_FILE, zh_name, zh_locale, "lines", False)


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
