"""`shelfwriter finetune DATASET --base MODEL --out DIR`.

`register(app)` adds the command; torch, transformers and peft load only when it runs.
"""

from __future__ import annotations

import json
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from worker.runtime.registry import DTypeOrAuto, QuantizeOrAuto

console = Console(stderr=True)


class SelectionChoice(StrEnum):
    all = "all"
    grounded = "grounded"
    guarded = "guarded"


class PrecisionChoice(StrEnum):
    auto = "auto"
    fp32 = "fp32"
    bf16 = "bf16"


class DeviceChoice(StrEnum):
    auto = "auto"
    cpu = "cpu"
    cuda = "cuda"


def finetune_command(
    dataset: Annotated[
        str,
        typer.Argument(
            help="Import-catalog CSV/JSONL with a `reference`, the Myntra CSV, AdvertiseGen"
            " JSONL, or `postgres` (human-written content rows)"
        ),
    ],
    base: Annotated[
        str,
        typer.Option(
            help="A default model's name, an exported model directory or a Hugging Face folder"
        ),
    ],
    out: Annotated[Path, typer.Option(help="Model directory to write (replaced if present)")],
    steps: Annotated[int, typer.Option(min=1, help="Optimizer steps at most")] = 300,
    lr: Annotated[float, typer.Option(min=0.0, help="Peak learning rate")] = 2e-4,
    lora_r: Annotated[int, typer.Option(min=1, help="LoRA rank (alpha = 2 × rank)")] = 16,
    batch_size: Annotated[int, typer.Option(min=1)] = 8,
    grad_accum: Annotated[int, typer.Option(min=1, help="Gradient accumulation steps")] = 1,
    eval_every: Annotated[int, typer.Option(min=1, help="Steps between dev evaluations")] = 50,
    patience: Annotated[
        int, typer.Option(min=1, help="Evaluations without improvement before stopping")
    ] = 3,
    max_length: Annotated[int, typer.Option(min=16, help="Tokens per pair at most")] = 384,
    limit: Annotated[int | None, typer.Option(min=1, help="Training pairs at most")] = None,
    dev_limit: Annotated[int, typer.Option(min=1, help="Dev pairs evaluated")] = 64,
    select: Annotated[
        SelectionChoice,
        typer.Option(
            help="References to learn from: guarded (pass every description guard: the"
            " model learns publishable copy); grounded (pass the fact, banned-claim and"
            " contact guards); all"
        ),
    ] = SelectionChoice.guarded,
    device: Annotated[DeviceChoice, typer.Option(help="Where to train")] = DeviceChoice.auto,
    precision: Annotated[
        PrecisionChoice,
        typer.Option(
            help="Training precision (auto: bf16 autocast where the GPU or CPU has bf16"
            " hardware, e.g. AMX; fp32 master weights either way)"
        ),
    ] = PrecisionChoice.auto,
    quantize: Annotated[
        QuantizeOrAuto, typer.Option(help="Export quantisation (auto: as the base's build)")
    ] = "auto",
    dtype: Annotated[
        DTypeOrAuto, typer.Option(help="Export precision (auto: as the base's)")
    ] = "auto",
    export_device: Annotated[
        DeviceChoice, typer.Option(help="Build for cpu or cuda (auto: as the base's build)")
    ] = DeviceChoice.auto,
    name: Annotated[str | None, typer.Option(help="Model name in the manifest")] = None,
    seed: Annotated[int, typer.Option()] = 20261122,
) -> None:
    """Fine-tune a model on product facts → human-written copy (LoRA, early stopping on the
    dev split), merge it and export it as a new model directory."""
    from training.finetune import FinetuneOptions, NoImprovementError, finetune
    from training.lora import LoraOptions
    from worker.config import get_settings

    lora = LoraOptions(
        steps=steps, lr=lr, r=lora_r, batch_size=batch_size, grad_accum=grad_accum,
        eval_every=eval_every, patience=patience, max_length=max_length, seed=seed,
        device=device.value, precision=precision.value,
    )  # fmt: skip
    options = FinetuneOptions(
        limit=limit, dev_limit=dev_limit, selection=select.value,
        quantize=quantize, dtype=dtype,
        export_device=export_device.value, name=name,
    )  # fmt: skip
    try:
        result = finetune(
            dataset, base, out, lora, options,
            cache_dir=get_settings().cache_dir, console=console,
        )  # fmt: skip
    except NoImprovementError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc

    training = result.training
    from training.plot import plot_path, plot_training

    plot = plot_training(training, plot_path(result.out_dir))
    table = Table(title=f"fine-tuned {result.manifest['name']} -> {result.out_dir}")
    table.add_column("")
    table.add_column("")
    table.add_row("version", f"{result.manifest['version']} (base {result.base.version or 'n/a'})")
    data = training["dataset"]
    table.add_row("pairs", f"{data['train_pairs']} train, {data['dev_pairs']} dev")
    ended = "stopped early" if training["stopped_early"] else "max steps"
    table.add_row(
        "steps",
        f"{training['steps']} (best {training['best_step']}, {ended}) on {training['device']}"
        f" ({'bf16' if training['bf16'] else 'fp32'})",
    )
    table.add_row(
        "dev loss", f"{training['initial_dev_loss']} -> {training['best_dev_loss']} (best)"
    )
    target = result.manifest["target"]
    build = f"{target['execution_provider']} {target['dtype']} {target['quantization']}"
    table.add_row("build", build)
    table.add_row("seconds", ", ".join(f"{k} {v}" for k, v in result.timings.items()))
    table.add_row("loss curve", str(plot))
    console.print(table)
    # Last line on stdout: machine-readable, like `shelfwriter refresh --wait`.
    print(json.dumps({"model_dir": str(result.out_dir), "version": result.manifest["version"]}))


def train_discriminator_command(
    datasets: Annotated[
        list[str],
        typer.Argument(help="Datasets with human references (Myntra CSV, AdvertiseGen JSONL…)"),
    ],
    texts: Annotated[
        Path, typer.Option(help="JSON lines of the model's texts, reused when present")
    ] = Path("training/data/discriminator-model-texts.jsonl"),
    out: Annotated[Path | None, typer.Option(help="Weights file to write")] = None,
    products: Annotated[
        int, typer.Option(min=1, help="Train products per dataset the model writes for")
    ] = 48,
    candidates: Annotated[int, typer.Option(min=1, max=16, help="Candidates per product")] = 4,
    humans: Annotated[int, typer.Option(min=1, help="Human references per dataset")] = 800,
    regenerate: Annotated[
        bool, typer.Option(help="Write the model's texts again even if --texts exists")
    ] = False,
) -> None:
    """Train the discriminator that ranks candidates: human copy against the default
    model's copy, on the datasets' train split (worker/content/discriminator.py)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from training import discriminator as disc
    from worker.content.discriminator import WEIGHTS_FILE

    target = out or Path(__file__).resolve().parents[1] / "worker/content/data" / WEIGHTS_FILE
    # The model's texts cost model time, so they are kept; people's come from the datasets.
    humans_ = [s for dataset in datasets for s in disc.human_samples(dataset, humans)]
    if texts.exists() and not regenerate:
        model = disc.read_samples(texts)
        console.print(f"{texts}: {len(model)} model texts (--regenerate writes them again)")
    else:
        model = []
        with Progress(
            BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console
        ) as bar:
            for dataset in datasets:
                task = bar.add_task(dataset, total=products)
                model += disc.model_samples(
                    dataset, products, candidates, progress=partial(bar.advance, task)
                )
        disc.write_samples(texts, model)
        console.print(f"wrote {len(model)} model texts to {texts}")
    samples = humans_ + model
    weights = disc.fit(samples)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(weights, ensure_ascii=False) + "\n", "utf-8")
    table = Table("language", "human", "model", "cross-validated AUC by L2")
    for lang, entry in weights["languages"].items():
        table.add_row(lang, str(entry["human"]), str(entry["model"]), str(entry["cv_auc_by_l2"]))
    console.print(table)
    console.print(f"wrote {target}")


def register(app: typer.Typer) -> None:
    app.command("finetune")(finetune_command)
    app.command("train-discriminator")(train_discriminator_command)
