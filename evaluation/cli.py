"""`shelfwriter evaluate DATASET [--model DIR]... [--kind description] [--out report/eval]`.

Generates the test split's outputs with each model (side by side: the main use is comparing
an untuned model with a fine-tuned one on the same products), scores them against the
human references and writes `metrics.json`, `report.md` and PNG plots to `--out`.
"""

from __future__ import annotations

import shlex
import time
from collections import defaultdict
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

if TYPE_CHECKING:
    from evaluation.dataset import Split
    from evaluation.generate import ModelRun
    from worker.models import ContentKind

# Registered on every `shelfwriter` start: metrics, plots and models load only when run.
SPLITS = ("train", "dev", "test")
KINDS = ("description",)  # evaluation.generate.EVAL_KINDS (checked there too)
console = Console(stderr=True)
NO_CATEGORY = "(none)"


def score(run: ModelRun, kind: ContentKind) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """(the model's metrics as metrics.json names them, chrF per category)."""
    from evaluation.metrics import chrf, clean_rate, corpus_metrics

    hyps = [o.text for o in run.outputs]
    refs = [o.example.references for o in run.outputs]
    facts = [o.facts for o in run.outputs]
    metrics = corpus_metrics(hyps, refs, facts, kind.value)
    metrics["publish_rate"] = run.publish_rate
    metrics["clean_rate"] = clean_rate(hyps, facts, [o.published for o in run.outputs], kind.value)
    metrics["tokens_per_s"] = run.tokens_per_s
    groups: dict[str, list[int]] = defaultdict(list)
    for i, output in enumerate(run.outputs):
        groups[output.example.category or NO_CATEGORY].append(i)
    per_category = {
        category: {
            "n": len(idx),
            "chrf": chrf([hyps[i] for i in idx], [refs[i] for i in idx]),
        }
        for category, idx in groups.items()
    }
    return metrics, per_category


def _unique(label: str, taken: dict[str, Any]) -> str:
    out, k = label, 2
    while out in taken:
        out, k = f"{label} ({k})", k + 1
    return out


def run_evaluation(
    dataset: str,
    models: list[Path | None],
    *,
    kind: str = "description",
    out: Path = Path("report/eval"),
    limit: int | None = None,
    split: Split = "test",
    samples: int = 5,
    voice: bool = True,
    command: str = "",
) -> dict[str, Any]:
    """Evaluate each model (None: the default model per language); returns metrics.json."""
    from evaluation.dataset import DatasetError, load_dataset, select_split
    from evaluation.generate import generate_outputs
    from evaluation.report import summary_table, write_report
    from worker.catalog.locales import is_chinese
    from worker.config import get_settings
    from worker.models import ContentKind
    from worker.runtime.device import resolve_device

    content_kind = ContentKind(kind)
    started = time.perf_counter()
    settings = get_settings()
    everything = load_dataset(dataset, kind=kind)
    examples = select_split(everything, split, limit)
    if not examples:
        raise DatasetError(f"{dataset}: no {split} examples")
    # The shop's existing copy: human references of the train split, never the scored split;
    # only when the generator would put examples in its prompts (SHELFWRITER_VOICE_EXAMPLES).
    use_voice = voice and settings.voice_examples > 0 and split != "train"
    shop_copy = select_split(everything, "train") if use_voice else []
    console.print(f"{dataset}: {len(examples)} {split} products")

    runs: dict[str, ModelRun] = {}
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as bar:
        for model_dir in models:
            task = bar.add_task(str(model_dir or "default models"), total=len(examples))
            run = generate_outputs(
                examples,
                model_dir=model_dir,
                kind=content_kind,
                settings=settings,
                progress=partial(bar.advance, task),
                shop_copy=shop_copy,
            )
            bar.update(task, description=run.label)
            runs[_unique(run.label, runs)] = run

    scored = {label: score(run, content_kind) for label, run in runs.items()}
    chinese = any(is_chinese(e.product.locale) for e in examples)
    payload: dict[str, Any] = {
        "models": {label: metrics for label, (metrics, _) in scored.items()},
        "dataset": dataset,
        "split": split,
        "kind": kind,
        "n": len(examples),
        "limit": limit,
        "voice": bool(shop_copy),
        "device": resolve_device(settings.device),
        "bleu_tokenize": "zh" if chinese else "13a",
        "created": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "command": command,
        "per_category": {label: per for label, (_, per) in scored.items()},
        "runs": {
            label: {
                "model_dirs": [str(d) for d in run.model_dirs],
                "publish_rate": run.publish_rate,
                "completion_tokens": run.tokens,
                "generation_seconds": round(run.seconds, 2),
                "wall_seconds": round(run.wall_seconds, 2),
            }
            for label, run in runs.items()
        },
    }
    labels = list(runs)
    first = runs[labels[0]]
    if len(labels) > 1:
        from evaluation.significance import paired_bootstrap

        # Against the first --model: the untuned base in the usual "base vs tuned" call.
        payload["significance"] = {
            "baseline": labels[0],
            "test": "paired approximate randomization (sacreBLEU), bootstrap 95% CI",
            "systems": paired_bootstrap(
                [o.text for o in first.outputs],
                {label: [o.text for o in runs[label].outputs] for label in labels[1:]},
                [o.example.references for o in first.outputs],
                chinese=chinese,
            ),
        }
    sample_rows = [
        {
            "sku": output.example.product.sku,
            "facts": _facts_line(output.example.product.model_dump(mode="json")),
            "outputs": {label: run.outputs[i].text for label, run in runs.items()},
            "published": {label: run.outputs[i].published for label, run in runs.items()},
            "references": list(output.example.references),
        }
        for i, output in enumerate(first.outputs[:samples])
    ]
    lengths = {label: [len(o.text.strip()) for o in run.outputs] for label, run in runs.items()}
    reference_lengths = [len(r.strip()) for e in examples for r in e.references]
    payload["total_seconds"] = round(time.perf_counter() - started, 2)
    paths = write_report(out, payload, sample_rows, lengths, reference_lengths)
    from evaluation.human import write_outputs, write_review_sheet

    paths.append(write_outputs(out, runs, kind))
    facts_lines = {e.product.sku: _facts_line(e.product.model_dump(mode="json")) for e in examples}
    paths += write_review_sheet(out, runs, facts_lines)
    Console().print(summary_table(payload))
    console.print(f"wrote {', '.join(str(p) for p in paths)} ({payload['total_seconds']:.1f} s)")
    return payload


def _facts_line(product: dict[str, Any]) -> str:
    parts = [f"{key}={product[key]}" for key in ("title", "brand", "category") if product[key]]
    parts += [
        f"{key}={'/'.join(map(str, v)) if isinstance(v, list) else v}"
        for key, v in product["attributes"].items()
    ]
    if product["price"] is not None:
        parts.append(f"price={product['price']} {product['currency'] or ''}".rstrip())
    return "; ".join(parts)


def evaluate_cmd(
    dataset: Annotated[
        str,
        typer.Argument(
            help="CSV / JSON lines (import-catalog rows + `reference`; the Myntra and"
            " AdvertiseGen files are recognised), or `postgres` for products with"
            " human-written content."
        ),
    ],
    model: Annotated[
        list[Path] | None,
        typer.Option(
            exists=True,
            file_okay=False,
            help="Exported model directory; repeat to compare models side by side."
            " Default: the default model per language.",
        ),
    ] = None,
    with_default: Annotated[
        bool, typer.Option(help="Also evaluate the default models beside the --model ones.")
    ] = False,
    kind: Annotated[str, typer.Option(help="Content kind.")] = "description",
    out: Annotated[Path, typer.Option(help="Output directory.")] = Path("report/eval"),
    limit: Annotated[
        int | None, typer.Option(min=1, help="First N examples of the split, in hash order.")
    ] = None,
    split: Annotated[str, typer.Option(help="train, dev or test.")] = "test",
    samples: Annotated[int, typer.Option(min=0, help="Sample outputs in report.md.")] = 5,
    voice: Annotated[
        bool,
        typer.Option(
            help="Offer the train split's human references as the shop's own approved copy"
            " (used when SHELFWRITER_VOICE_EXAMPLES > 0, as in production)."
        ),
    ] = True,
) -> None:
    """Score models against human-written references: BLEU, chrF, ROUGE-L, guard
    violation rates, distinct-n, near-duplicates, length, tokens/s."""
    from evaluation.dataset import DatasetError
    from worker.runtime import ManifestError, ModelNotExportedError

    if kind not in KINDS:
        raise typer.BadParameter(f"one of {list(KINDS)}", param_hint="--kind")
    if split not in SPLITS:
        raise typer.BadParameter(f"one of {list(SPLITS)}", param_hint="--split")
    models: list[Path | None] = list(model or [])
    if not models or with_default:
        models.insert(0, None)
    argv = ["shelfwriter", "evaluate", dataset]
    for m in model or []:
        argv += ["--model", str(m)]
    argv += ["--with-default"] if with_default else []
    argv += ["--kind", kind, "--out", str(out), "--split", split]
    argv += ["--limit", str(limit)] if limit else []
    argv += [] if voice else ["--no-voice"]
    try:
        run_evaluation(
            dataset,
            models,
            kind=kind,
            out=out,
            limit=limit,
            split=split,  # type: ignore[arg-type]  # checked against SPLITS above
            samples=samples,
            voice=voice,
            command=shlex.join(argv),
        )
    except DatasetError as exc:
        console.print(f"[red]dataset error:[/red] {exc}")
        raise typer.Exit(2) from None
    except (ModelNotExportedError, ManifestError) as exc:  # a model that is not there
        console.print(f"[red]model error:[/red] {exc}")
        raise typer.Exit(2) from None


def evaluate_review_cmd(
    report: Annotated[
        Path,
        typer.Argument(
            exists=True, file_okay=False, help="The --out directory of `shelfwriter evaluate`."
        ),
    ],
) -> None:
    """Tally a filled-in blind review sheet (review.csv: preferred = a, b or tie) against
    its key: each model's wins, losses and ties against the first, win rate, sign test."""
    from rich.table import Table

    from evaluation.human import HUMAN, ReviewError, summary_rows, tally_review

    try:
        result = tally_review(report)
    except ReviewError as exc:
        console.print(f"[red]review sheet error:[/red] {exc}")
        raise typer.Exit(2) from None
    table = Table(title=f"people's preferences against {result['baseline']}")
    for column in ("model", "wins", "losses", "ties", "unrated", "win rate", "p (sign test)"):
        table.add_column(column, justify="left" if column == "model" else "right")
    for row in summary_rows(result):
        table.add_row(*row)
    Console().print(table)
    console.print(f"wrote {report / HUMAN}")


def register(app: typer.Typer) -> None:
    app.command("evaluate")(evaluate_cmd)
    app.command("evaluate-review")(evaluate_review_cmd)
