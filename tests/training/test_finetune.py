"""`shelfwriter finetune` end to end on the tiny model, and the roll-out: the new
directory's version makes the base model's content stale, and the refresh's planner sends
it out again."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from tests.helpers import add_products, content_rows
from tests.training.data import write_dataset
from worker.catalog.facts import load_facts
from worker.config import get_settings
from worker.content.model_generator import ModelGenerator
from worker.content.pipeline import run_batch
from worker.refresh import stale_products
from worker.runtime import GenerationParams, load_model, read_manifest
from worker.runtime.manifest import check_files

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def finetuned(
    tiny_model_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, str]]:
    """The tiny exported model fine-tuned through the CLI: (model dir, CLI stdout). The base
    is given as the exported directory, so --base resolves it through its manifest."""
    from worker.cli import app

    work = tmp_path_factory.mktemp("finetune")
    data = write_dataset(work / "data.jsonl", train=8, dev=4)
    out = work / "tiny-ft"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SHELFWRITER_CACHE_DIR", str(work / "cache"))  # merged checkpoint here
        get_settings.cache_clear()
        result = CliRunner().invoke(
            app,
            [
                "finetune", str(data), "--base", str(tiny_model_dir), "--out", str(out),
                "--steps", "6", "--eval-every", "3", "--lr", "0.01", "--lora-r", "4",
                "--batch-size", "4", "--max-length", "1024", "--device", "cpu",
                "--select", "grounded",  # the short template copy is under the length guard
            ],
        )  # fmt: skip
    get_settings.cache_clear()
    assert result.exit_code == 0, result.output + repr(result.exception)
    yield out, result.stdout


def test_finetune_writes_a_loadable_model_with_a_new_version(
    finetuned: tuple[Path, str], tiny_model_dir: Path
) -> None:
    out, stdout = finetuned
    base = read_manifest(tiny_model_dir)
    manifest = read_manifest(out)
    assert json.loads(stdout.strip().splitlines()[-1]) == {
        "model_dir": str(out),
        "version": manifest["version"],
    }
    assert manifest["version"] != base["version"]
    # New weights, not just new metadata: the files that hold them changed.
    weights = [n for n in base["files"] if n.startswith("model.onnx")]
    assert any(manifest["files"][n]["sha256"] != base["files"][n]["sha256"] for n in weights)
    assert manifest["target"]["quantization"] == base["target"]["quantization"]  # auto

    training: dict[str, Any] = manifest["training"]
    assert training["base"]["version"] == base["version"]
    assert training["dataset"]["train_pairs"] == 8 and training["dataset"]["dev_pairs"] == 4
    assert training["steps"] == 6 and training["best_step"] in (3, 6)
    assert training["best_dev_loss"] < training["initial_dev_loss"]
    assert manifest["parity"]["passed"]  # fp32: the export matches PyTorch token for token

    model = load_model(out, "cpu")
    [result] = model.generate(["Acme bottle"], GenerationParams(max_new_tokens=4))
    assert result.completion_tokens[0] > 0


def test_finetune_plots_its_loss_curve_beside_the_model(finetuned: tuple[Path, str]) -> None:
    """The curve is a real PNG next to the directory, never inside it: a stray file there
    would fail the manifest's full check and is not part of the version."""
    out, _ = finetuned
    plot = out.with_name(f"{out.name}.training.png")
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert plot.stat().st_size > 5_000  # axes, lines and labels, not an empty canvas
    check_files(out, read_manifest(out), full=True)


def test_content_of_the_base_model_is_stale_under_the_finetuned_one(
    factory: sessionmaker[Session],
    tiny_model_dir: Path,
    finetuned: tuple[Path, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out, _ = finetuned
    ids = add_products(factory, 3)
    run_batch(factory, ids, ModelGenerator(model_dir=tiny_model_dir, candidates=1))
    assert {r.model_version for r in content_rows(factory)} == {
        read_manifest(tiny_model_dir)["version"]
    }

    def stale(generator: ModelGenerator) -> list[int]:
        with factory() as session:
            facts = load_facts(session, ids)
            decision = stale_products(
                session, facts, generator.version_for, force=False, max_age_days=0
            )
        return decision.regenerate

    assert stale(ModelGenerator(model_dir=tiny_model_dir, candidates=1)) == []
    # Roll out: the workers' setting points at the fine-tuned directory.
    monkeypatch.setenv("SHELFWRITER_MODEL_DIR", str(out))
    get_settings.cache_clear()
    try:
        deployed = ModelGenerator(candidates=1)
        assert stale(deployed) == ids
        run_batch(factory, ids, deployed)
        # Every unit was generated again by the new model: written with its version, or
        # (the tiny model's gibberish fails guards) a failed attempt recorded with it while
        # the previous good text stays published.
        new = read_manifest(out)["version"]
        for row in content_rows(factory):
            attempt = (row.quality or {}).get("last_failure", {}).get("model_version")
            assert new in (row.model_version, attempt), (row.kind, row.segment)
        assert stale(deployed) == []
    finally:
        monkeypatch.delenv("SHELFWRITER_MODEL_DIR")
        get_settings.cache_clear()
