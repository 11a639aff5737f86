"""The blind review sheet: written blind and reproducibly, tallied back exactly, and a sheet
that cannot be trusted is refused with the line that is wrong."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from evaluation.dataset import Example, load_dataset
from evaluation.generate import ModelRun, Output, facts_for
from evaluation.human import (
    SHEET_COLUMNS,
    SHEET_ENCODING,
    ReviewError,
    sign_test,
    tally_review,
    write_outputs,
    write_review_sheet,
)
from worker.cli import app
from worker.content.guards import run_guards

BASE, TUNED = "base@00000000", "tuned@11111111"


def test_sign_test_against_hand_computed_values() -> None:
    assert sign_test(0, 0) == 1.0
    assert sign_test(6, 0) == pytest.approx(2 / 64)  # 2 × (1/2)^6
    # 8 of 10: 2 × (C(10,0) + C(10,1) + C(10,2)) / 2^10 = 2 × 56 / 1024
    assert sign_test(8, 2) == pytest.approx(112 / 1024)
    assert sign_test(2, 8) == sign_test(8, 2)
    assert sign_test(5, 5) == 1.0


def examples(tmp_path: Path, n: int) -> list[Example]:
    path = tmp_path / "products.jsonl"
    rows = [
        {"sku": f"sku-{i}", "locale": "zh-CN", "title": f"白色T恤 {i}", "category": "上衣",
         "attributes": {"颜色": "白色"}, "reference": "一件白色T恤。"}
        for i in range(n)
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    return load_dataset(str(path))


def run(label: str, items: list[Example], texts: list[str]) -> ModelRun:
    out = ModelRun(label, [])
    for i, (example, text) in enumerate(zip(items, texts, strict=True)):
        out.outputs.append(Output(example, facts_for(example, i + 1), text, True))
    return out


@pytest.fixture
def report(tmp_path: Path) -> tuple[Path, dict[str, ModelRun]]:
    items = examples(tmp_path, 20)
    base = run(BASE, items, [f"这款白色T恤第{i}号，简洁百搭。" for i in range(20)])
    # The tuned model writes the same copy for the first two products.
    tuned_texts = [
        o.text if i < 2 else f"白色T恤{i}，清爽舒适。" for i, o in enumerate(base.outputs)
    ]
    runs = {BASE: base, TUNED: run(TUNED, items, tuned_texts)}
    out = tmp_path / "report"
    out.mkdir()
    facts = {e.product.sku: f"title={e.product.title}" for e in items}
    assert write_review_sheet(out, runs, facts) == [out / "review.csv", out / "review_key.json"]
    return out, runs


def read_sheet(out: Path) -> list[dict[str, str]]:
    with (out / "review.csv").open(encoding=SHEET_ENCODING, newline="") as fh:
        return list(csv.DictReader(fh))


def write_sheet(out: Path, rows: list[dict[str, str]]) -> None:
    with (out / "review.csv").open("w", encoding=SHEET_ENCODING, newline="") as fh:
        writer = csv.DictWriter(fh, SHEET_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def test_sheet_is_blind_and_reproducible(report: tuple[Path, dict[str, ModelRun]]) -> None:
    out, runs = report
    raw = (out / "review.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens the Chinese text correctly
    rows = read_sheet(out)
    key = json.loads((out / "review_key.json").read_text("utf-8"))
    assert key["identical"] == {TUNED: 2} and len(rows) == 18
    assert BASE not in raw.decode("utf-8-sig") and TUNED not in raw.decode("utf-8-sig")
    texts = {label: {o.example.product.sku: o.text for o in r.outputs} for label, r in runs.items()}
    sides = []
    for row in rows:
        entry = key["items"][row["item"]]
        assert entry["sku"] == row["sku"] and {entry["a"], entry["b"]} == {BASE, TUNED}
        assert row["text_a"] == texts[entry["a"]][row["sku"]]
        assert row["text_b"] == texts[entry["b"]][row["sku"]]
        assert row["preferred"] == ""
        sides.append(entry["a"])
    assert BASE in sides and TUNED in sides  # not always on the same side

    again = out / "again"
    again.mkdir()
    facts = {o.example.product.sku: f"title={o.example.product.title}" for o in runs[BASE].outputs}
    write_review_sheet(again, runs, facts)
    assert (again / "review.csv").read_bytes() == raw


def test_tally_counts_each_answer_for_the_right_model(
    report: tuple[Path, dict[str, ModelRun]],
) -> None:
    out, _ = report
    key = json.loads((out / "review_key.json").read_text("utf-8"))
    rows = read_sheet(out)
    # The rater prefers the tuned copy on 12 rows, the base on 3, ties 2, skips 1.
    for i, row in enumerate(rows):
        tuned_side = "a" if key["items"][row["item"]]["a"] == TUNED else "b"
        base_side = "b" if tuned_side == "a" else "a"
        row["preferred"] = (
            tuned_side.upper() if i < 12 else base_side if i < 15 else " tie " if i < 17 else ""
        )
    write_sheet(out, rows)
    metrics = out / "metrics.json"
    metrics.write_text(json.dumps({"models": {}}), "utf-8")

    result = tally_review(out)
    tally = result["systems"][TUNED]
    assert (tally["wins"], tally["losses"], tally["ties"], tally["unrated"]) == (12, 3, 2, 1)
    assert tally["identical"] == 2
    assert tally["win_rate"] == pytest.approx(0.8)
    assert tally["p_value"] == pytest.approx(sign_test(12, 3), abs=1e-6)
    assert json.loads((out / "human.json").read_text("utf-8")) == result
    assert json.loads(metrics.read_text("utf-8"))["human"] == result

    cli = CliRunner().invoke(app, ["evaluate-review", str(out)])
    assert cli.exit_code == 0, cli.output
    assert "0.80" in cli.output and "12" in cli.output


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda rows: rows[3].update(preferred="maybe"), "line 5: preferred is 'maybe'"),
        (lambda rows: rows[0].update(sku="other"), "line 2: item '1' / sku 'other'"),
        (lambda rows: rows.append(dict(rows[0])), "appears twice"),
        (lambda rows: rows.pop(), "1 of 18 items are missing"),
    ],
)
def test_a_sheet_that_cannot_be_trusted_is_refused(
    report: tuple[Path, dict[str, ModelRun]], edit: object, message: str
) -> None:
    out, _ = report
    rows = read_sheet(out)
    edit(rows)  # type: ignore[operator]
    write_sheet(out, rows)
    with pytest.raises(ReviewError, match=message.replace("(", r"\(")):
        tally_review(out)
    assert not (out / "human.json").exists()
    cli = CliRunner().invoke(app, ["evaluate-review", str(out)])
    assert cli.exit_code == 2
    assert "review sheet error" in cli.output


def test_outputs_file_has_every_model_per_product(
    report: tuple[Path, dict[str, ModelRun]],
) -> None:
    out, runs = report
    path = write_outputs(out, runs, "description")
    lines = [json.loads(x) for x in path.read_text("utf-8").splitlines()]
    assert [line["sku"] for line in lines] == [o.example.product.sku for o in runs[BASE].outputs]
    assert sorted(line["sku"] for line in lines) == sorted(f"sku-{i}" for i in range(20))
    assert lines[5]["outputs"][TUNED]["text"] == "白色T恤5，清爽舒适。"
    assert lines[5]["product"]["attributes"] == {"颜色": "白色"}
    assert lines[5]["references"] == ["一件白色T恤。"]
    # The guards' verdict on each text as scored.
    output = next(o for o in runs[TUNED].outputs if o.example.product.sku == lines[5]["sku"])
    verdict = run_guards(output.text, output.facts, "description").failures
    assert lines[5]["outputs"][TUNED]["guard_failures"] == verdict
    # A text that fails records why (its "5" is in no fact of this product).
    assert any(f.startswith("fact:") for f in verdict), verdict
