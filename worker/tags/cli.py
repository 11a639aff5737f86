"""`shelfwriter vocab …`: load tag vocabularies into Postgres and try the matcher on a product.

Wired into the main CLI with `register(app)`; heavy imports (numpy model, jieba) happen only
inside the commands."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from worker.tags.vocabulary import LoadReport

ZH_VOCABULARY_FILE = Path(__file__).resolve().parent / "data" / "zh-CN.txt"
# The project's own English vocabulary: used for `en` when the Google taxonomy is not found.
EN_VOCABULARY_FILE = Path(__file__).resolve().parent / "data" / "en.txt"
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


@dataclass(frozen=True)
class VocabularySource:
    """What `vocab defaults` loads for one product locale."""

    name: str
    locale: str
    path: Path
    fmt: Literal["google", "lines"]
    # Delete rows of the vocabulary that the file no longer lists.
    prune: bool = False

    @property
    def description(self) -> str:
        kind = "Google product taxonomy" if self.fmt == "google" else "shipped vocabulary"
        return f"{self.name}/{self.locale} from the {kind} {self.path}"


def default_sources(taxonomy: Path | None = None) -> dict[str, VocabularySource]:
    """Product locale → what `load_default_vocabularies` loads for it.

    English: the Google taxonomy (`taxonomy`, else $SHELFWRITER_TAXONOMY, else ../shared) when
    that file exists, else the shipped en.txt, under the same vocabulary name and locale, so the
    matcher needs no change. Either way the English vocabulary is pruned to exactly that file:
    switching between the two never leaves a mix. zh-CN: the shipped zh-CN.txt."""
    from worker.tags.matcher import DEFAULT_VOCABULARIES

    en_name, en_locale = DEFAULT_VOCABULARIES["en"]
    zh_name, zh_locale = DEFAULT_VOCABULARIES["zh-CN"]
    path = taxonomy or Path(os.environ.get(TAXONOMY_ENV) or DEFAULT_TAXONOMY)
    if path.is_file():
        en = VocabularySource(en_name, en_locale, path, "google", prune=True)
    else:
        en = VocabularySource(en_name, en_locale, EN_VOCABULARY_FILE, "lines", prune=True)
    return {"en": en, "zh-CN": VocabularySource(zh_name, zh_locale, ZH_VOCABULARY_FILE, "lines")}


def load_default_vocabularies(
    factory: sessionmaker[Session],
    taxonomy: Path | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, LoadReport]:
    """Load the default vocabularies (see `default_sources`); product locale → its report.

    Idempotent and cheap when nothing changed: unchanged rows are neither re-embedded nor
    rewritten. `progress(locale, n, total)` is called after each batch of `n` entries."""
    from worker.tags.vocabulary import load_vocabulary, read_vocabulary

    reports: dict[str, LoadReport] = {}
    for key, src in default_sources(taxonomy).items():
        entries = read_vocabulary(src.path, src.fmt)
        total = len(entries)

        def advance(n: int, key: str = key, total: int = total) -> None:
            if progress is not None:
                progress(key, n, total)

        reports[key] = load_vocabulary(
            factory, entries, name=src.name, locale=src.locale, prune=src.prune, progress=advance
        )
    return reports


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
    """Load the default vocabularies: English from the Google taxonomy where found (else the
    shipped en.txt) and the shipped zh-CN tags."""
    from worker.db import session_factory

    if taxonomy is not None and not taxonomy.is_file():
        # Asked for by name: a typo must not quietly switch to the shipped vocabulary.
        console.print(f"[red]taxonomy file not found: {taxonomy}[/red]")
        raise typer.Exit(2)
    sources = default_sources(taxonomy)
    if sources["en"].fmt != "google":
        console.print(
            "[yellow]Google product taxonomy not found"
            f" ({os.environ.get(TAXONOMY_ENV) or DEFAULT_TAXONOMY}): using the shipped"
            " English vocabulary instead[/yellow]"
        )
    for src in sources.values():
        console.print(f"loading {src.description}")
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as bar:
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
