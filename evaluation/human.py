"""Judging by people: every output for reading, and a blind side-by-side sheet to fill in.

Metrics against references say whether copy resembles what copywriters wrote; whether it is
*better* copy is for people to say. `shelfwriter evaluate` therefore also writes:

- `outputs.jsonl`: one line per product with its facts, the references and each model's
  output (published or not, why not, and the guard failures of the text scored, the
  near-duplicate check aside: it depends on the category's other copy), so a reviewer can
  read everything a metric summarises.
- with two or more models, `review.csv` + `review_key.json`: for each product where a model's
  copy differs from the first model's, the facts and both texts as A and B, sides drawn
  from a hash of the product and the model so a rater cannot learn which side is the
  fine-tuned one. The rater fills `preferred` (a, b or tie) and `notes`; the key stays
  with whoever ran the evaluation.

`shelfwriter evaluate-review DIR` reads the filled-in sheet back: each model's wins,
losses and ties against the first, its win rate, and a two-sided sign test, into
`human.json` (and `metrics.json`'s `human` section) and a table.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from evaluation.generate import ModelRun

OUTPUTS = "outputs.jsonl"
SHEET = "review.csv"
KEY = "review_key.json"
HUMAN = "human.json"
SHEET_COLUMNS = ("item", "sku", "facts", "text_a", "text_b", "preferred", "notes")
CHOICES = ("a", "b", "tie")
# Excel reads a CSV as the local code page unless it starts with a BOM: Chinese copy would
# arrive garbled on the content team's laptops.
SHEET_ENCODING = "utf-8-sig"


class ReviewError(ValueError):
    """The review sheet cannot be tallied (missing, edited structure, unknown answers)."""


def write_outputs(out_dir: Path, runs: dict[str, ModelRun], kind: str) -> Path:
    """`outputs.jsonl`: every product with every model's output and its guard failures."""
    from worker.content.guards import run_guards

    labels = list(runs)
    path = out_dir / OUTPUTS
    with path.open("w", encoding="utf-8") as fh:
        for i, first in enumerate(runs[labels[0]].outputs):
            example = first.example
            row = {
                "key": example.key,
                "sku": example.product.sku,
                "category": example.category,
                "product": example.product.model_dump(mode="json"),
                "references": list(example.references),
                "outputs": {
                    label: {
                        "text": (o := runs[label].outputs[i]).text,
                        "published": o.published,
                        "error": o.error,
                        "guard_failures": run_guards(o.text, o.facts, kind).failures,
                    }
                    for label in labels
                },
            }
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def side_is_swapped(sku: str, challenger: str) -> bool:
    """Whether the challenger is shown as A: a hash, not a coin, so rerunning the same
    evaluation writes the same sheet, and about half the rows put each model on each side."""
    return hashlib.sha256(f"{sku}\0{challenger}".encode()).digest()[0] & 1 == 1


def write_review_sheet(
    out_dir: Path, runs: dict[str, ModelRun], facts_line: dict[str, str]
) -> list[Path]:
    """`review.csv` and `review_key.json` for every model against the first one.
    `facts_line`: the product's facts as one line, by sku."""
    labels = list(runs)
    if len(labels) < 2:
        return []
    baseline = labels[0]
    rows: list[tuple[str, ...]] = []
    items: dict[str, dict[str, str]] = {}
    identical: dict[str, int] = {}
    for challenger in labels[1:]:
        identical[challenger] = 0
        for base_out, chal_out in zip(
            runs[baseline].outputs, runs[challenger].outputs, strict=True
        ):
            sku = base_out.example.product.sku
            if base_out.text.strip() == chal_out.text.strip():
                identical[challenger] += 1  # nothing for a person to choose between
                continue
            a, b = (challenger, baseline) if side_is_swapped(sku, challenger) else (
                baseline, challenger
            )  # fmt: skip
            texts = {baseline: base_out.text, challenger: chal_out.text}
            item = str(len(rows) + 1)
            items[item] = {"sku": sku, "a": a, "b": b}
            rows.append((item, sku, facts_line[sku], texts[a], texts[b], "", ""))
    sheet = out_dir / SHEET
    with sheet.open("w", encoding=SHEET_ENCODING, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(SHEET_COLUMNS)
        writer.writerows(rows)
    key = out_dir / KEY
    payload = {"baseline": baseline, "challengers": labels[1:], "identical": identical}
    key.write_text(
        json.dumps({**payload, "items": items}, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return [sheet, key]


def sign_test(wins: int, losses: int) -> float:
    """Two-sided exact sign test (binomial, p = 1/2) on the decided pairs; ties left out.

    Written out because it is one sum: scipy.stats.binomtest gives the same value, but
    scipy would be a large dependency for it."""
    n = wins + losses
    if n == 0:
        return 1.0
    tail: float = sum(math.comb(n, k) for k in range(min(wins, losses) + 1)) / 2**n
    return min(1.0, 2 * tail)


@dataclass(frozen=True)
class Tally:
    wins: int  # the challenger preferred
    losses: int  # the first model preferred
    ties: int
    unrated: int
    identical: int  # same text from both: not on the sheet

    @property
    def win_rate(self) -> float | None:
        decided = self.wins + self.losses
        return self.wins / decided if decided else None

    def as_json(self) -> dict[str, Any]:
        rate = self.win_rate
        return {
            **asdict(self),
            "win_rate": round(rate, 4) if rate is not None else None,
            "p_value": round(sign_test(self.wins, self.losses), 6),
        }


def tally_review(out_dir: Path) -> dict[str, Any]:
    """Read the filled-in sheet against its key; write `human.json` (and `human` in
    `metrics.json` when there is one). Raises ReviewError on a sheet it cannot trust."""
    sheet, key_path = out_dir / SHEET, out_dir / KEY
    for path in (sheet, key_path):
        if not path.is_file():
            raise ReviewError(
                f"{path}: not found (run `shelfwriter evaluate` with two or more --model first)"
            )
    key = json.loads(key_path.read_text(encoding="utf-8"))
    items: dict[str, dict[str, str]] = key["items"]
    counts = {c: {"wins": 0, "losses": 0, "ties": 0, "unrated": 0} for c in key["challengers"]}
    seen: set[str] = set()
    with sheet.open(encoding=SHEET_ENCODING, newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"item", "sku", "preferred"} - set(reader.fieldnames or ())
        if missing:
            raise ReviewError(f"{sheet}: columns {sorted(missing)} are missing")
        for line, row in enumerate(reader, start=2):
            item, sku = (row["item"] or "").strip(), (row["sku"] or "").strip()
            entry = items.get(item)
            if entry is None or entry["sku"] != sku:
                raise ReviewError(
                    f"{sheet} line {line}: item {item!r} / sku {sku!r} is not in {KEY}"
                    " (a sheet from another evaluation, or edited ids?)"
                )
            if item in seen:
                raise ReviewError(f"{sheet} line {line}: item {item!r} appears twice")
            seen.add(item)
            answer = (row["preferred"] or "").strip().lower()
            challenger = entry["a"] if entry["b"] == key["baseline"] else entry["b"]
            bucket = counts[challenger]
            if not answer:
                bucket["unrated"] += 1
            elif answer == "tie":
                bucket["ties"] += 1
            elif answer in ("a", "b"):
                bucket["wins" if entry[answer] == challenger else "losses"] += 1
            else:
                raise ReviewError(
                    f"{sheet} line {line}: preferred is {row['preferred']!r};"
                    f" write one of {', '.join(CHOICES)} (or leave it empty)"
                )
    if len(seen) != len(items):
        raise ReviewError(f"{sheet}: {len(items) - len(seen)} of {len(items)} items are missing")
    result = {
        "baseline": key["baseline"],
        "test": "two-sided exact sign test on decided pairs (ties left out)",
        "systems": {
            c: Tally(**counts[c], identical=int(key["identical"].get(c, 0))).as_json()
            for c in key["challengers"]
        },
    }
    (out_dir / HUMAN).write_text(json.dumps(result, ensure_ascii=False, indent=2), "utf-8")
    metrics_path = out_dir / "metrics.json"
    if metrics_path.is_file():
        metrics = json.loads(metrics_path.read_text(encoding="utf-8"))
        metrics["human"] = result
        metrics_path.write_text(json.dumps(metrics, ensure_ascii=False, indent=2), "utf-8")
    return result


def summary_rows(result: dict[str, Any]) -> Sequence[tuple[str, ...]]:
    """(model, wins, losses, ties, unrated, win rate, p) per challenger, as printed."""
    out = []
    for label, t in result["systems"].items():
        rate = "n/a" if t["win_rate"] is None else f"{t['win_rate']:.2f}"
        out.append(
            (label, str(t["wins"]), str(t["losses"]), str(t["ties"]), str(t["unrated"]),
             rate, f"{t['p_value']:.4f}")
        )  # fmt: skip
    return out
