"""`shelfwriter generate`: the content step for one product, now, with its guard reports."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape


def register(app: typer.Typer) -> None:
    app.command("generate")(generate_cmd)


def generate_cmd(
    sku: Annotated[str, typer.Option(help="The product to generate for.")],
    kind: Annotated[str | None, typer.Option(help="Only this kind.")] = None,
    segment: Annotated[str | None, typer.Option(help="Only this audience segment.")] = None,
    write: Annotated[
        bool, typer.Option(help="Write the result through the guarded write path.")
    ] = False,
) -> None:
    """Run the content step for one product now and print each result with its guard
    report (for debugging a product; nothing is written without --write)."""

    from worker.content.debug import generate_one
    from worker.db import session_factory

    out = Console()
    results, outcomes = generate_one(
        session_factory(), sku, kind=kind, segment=segment, write=write
    )
    for result in results:
        item = result.item
        label = item.spec.kind.value + (f"/{item.segment_key}" if item.segment_key else "")
        out.rule(f"{escape(sku)} {label}  ({result.model_version[:12]})")
        if result.ok:
            out.print(escape(result.body or ""), highlight=False)
        else:
            out.print(f"[red]failed:[/red] {escape(result.error or '')}")
        for i, cand in enumerate(result.quality.get("candidates", [])):
            verdict = "pass" if not cand["failures"] else "; ".join(cand["failures"])
            out.print(f"  candidate {i}: score {cand['score']}  {escape(verdict)}", highlight=False)
        if "tags" in result.quality:
            paths = ", ".join(t["path"] for t in result.quality["tags"])
            out.print(f"  vocabulary paths: {escape(paths)}", highlight=False)
    if write:
        out.print(json.dumps({k.value: v for k, v in outcomes.items()}))
