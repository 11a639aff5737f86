"""`shelfwriter evaluate` end to end: the real content step with the tiny test model (two
copies side by side, as fine-tuned vs untuned would be), the files it writes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import matplotlib.image
from typer.testing import CliRunner

from evaluation.dataset import split_of
from evaluation.report import MODEL_KEYS, PLOTS
from worker.cli import app
from worker.runtime.manifest import read_manifest

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def write_dataset(path: Path, n: int) -> list[str]:
    """n English products that all fall in the test split (their skus are chosen so)."""
    skus = [s for s in (f"eval-{i}" for i in range(200)) if split_of(s) == "test"][:n]
    rows = [
        {
            "sku": sku,
            "locale": "en",
            "title": f"Canvas Tote Bag {i}",
            "category": "Bags" if i % 2 else "Totes",
            # An origin no rule of the title's lead says: the model writes the copy.
            "attributes": {"colour": "blue", "material": "canvas", "origin": "Portugal"},
            "price": "15.00",
            "currency": "USD",
            "reference": ["A blue canvas tote bag.", "A sturdy canvas bag in blue."],
        }
        for i, sku in enumerate(skus)
    ]
    # One training product: never evaluated on the test split.
    train = next(s for s in (f"train-{i}" for i in range(50)) if split_of(s) == "train")
    rows.append({"sku": train, "locale": "en", "title": "Mug", "reference": "A mug."})
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return skus


def test_evaluate_two_models_side_by_side(tiny_model_dir: Path, tmp_path: Path) -> None:
    dataset = tmp_path / "products.jsonl"
    skus = write_dataset(dataset, 3)
    second = tmp_path / "tiny-finetuned"
    shutil.copytree(tiny_model_dir, second)
    out = tmp_path / "report"

    result = CliRunner().invoke(
        app,
        ["evaluate", str(dataset), "--model", str(tiny_model_dir), "--model", str(second),
         "--out", str(out), "--samples", "2"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output

    version = str(read_manifest(tiny_model_dir)["version"])[:8]
    labels = [f"{tiny_model_dir.name}@{version}", f"tiny-finetuned@{version}"]
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert list(metrics["models"]) == labels
    assert metrics["split"] == "test" and metrics["n"] == 3 and metrics["kind"] == "description"
    for label in labels:
        model = metrics["models"][label]
        assert set(model) == set(MODEL_KEYS)
        assert model["n"] == 3
        assert model["tokens_per_s"] > 0
        assert 0 <= model["chrf"] <= 100 and 0 <= model["fact_violation_rate"] <= 1
        assert model["reference_avg_length"] == (23 + 28) / 2
        assert set(metrics["per_category"][label]) == {"Bags", "Totes"}
    # Same weights, same seed, same products: the copy scores exactly the same.
    assert metrics["models"][labels[0]] | {"tokens_per_s": 0} == metrics["models"][labels[1]] | {
        "tokens_per_s": 0
    }

    # The copy against the first model: no difference, and not called significant.
    significance = metrics["significance"]
    assert significance["baseline"] == labels[0]
    assert list(significance["systems"]) == [labels[1]]
    for key in ("chrf", "bleu"):
        assert significance["systems"][labels[1]][key]["delta"] == 0
        assert significance["systems"][labels[1]][key]["p_value"] == 1.0

    report = (out / "report.md").read_text(encoding="utf-8")
    assert "## Metrics" in report and "## Samples" in report
    assert f"## Significance against {labels[0]}" in report.replace("\\", "")
    assert sum(sku in report for sku in skus) == 2  # --samples 2
    assert report.count("**Reference:**") == 2 * 2  # 2 samples × 2 references
    for name in PLOTS:
        data = (out / name).read_bytes()
        assert data.startswith(PNG_SIGNATURE), name
        image = matplotlib.image.imread(out / name)
        assert image.shape[0] > 100 and image.shape[1] > 100
    assert labels[0] in result.output  # the summary table

    # Every output for reading: one line per product, each model's text and guard verdict.
    lines = [json.loads(x) for x in (out / "outputs.jsonl").read_text("utf-8").splitlines()]
    assert sorted(line["sku"] for line in lines) == sorted(skus)
    for line in lines:
        assert list(line["outputs"]) == labels
        assert line["references"] == ["A blue canvas tote bag.", "A sturdy canvas bag in blue."]
        for output in line["outputs"].values():
            assert output["published"] == (output["error"] is None)
            assert isinstance(output["guard_failures"], list)
    # Identical copy from both models: nothing for a person to judge on the blind sheet.
    key = json.loads((out / "review_key.json").read_text(encoding="utf-8"))
    assert key["baseline"] == labels[0] and key["identical"] == {labels[1]: 3}
    assert (out / "review.csv").read_text("utf-8-sig").splitlines() == [
        "item,sku,facts,text_a,text_b,preferred,notes"
    ]


def test_evaluate_reports_bad_rows(tmp_path: Path) -> None:
    dataset = tmp_path / "bad.jsonl"
    dataset.write_text('{"sku": "A", "locale": "en", "title": "Lamp"}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", str(dataset), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    # rich wraps at its width, anywhere in a long path: compare without whitespace.
    assert "bad.jsonl:1:noreference" in "".join(result.output.split())
    assert not (tmp_path / "o").exists()
