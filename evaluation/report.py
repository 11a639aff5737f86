"""What `shelfwriter evaluate` writes: `metrics.json`, `report.md`, PNG plots, and the
summary table on the console.

`metrics.json`: {"models": {label: {the metrics below}}, "dataset", "split", "kind", ...,
"per_category": {label: {category: {"n", "chrf"}}}, "runs": {label: run details}}.
The human references appear only in `report.md` samples, which lives in the (gitignored)
output directory, never in the repository.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.table import Table

MODEL_KEYS = (
    "chrf",
    "bleu",
    "rouge_l",
    "publish_rate",
    "clean_rate",
    "unsupported_number_rate",
    "unsupported_spec_rate",
    "unsupported_claim_rate",
    "audience_contradiction_rate",
    "foreign_name_rate",
    "foreign_type_rate",
    "unsupported_detail_rate",
    "filler_rate",
    "broken_wording_rate",
    "audience_echo_rate",
    "foreign_usage_rate",
    "cut_off_rate",
    "fact_violation_rate",
    "wrong_language_rate",
    "banned_term_rate",
    "distinct_1",
    "distinct_2",
    "near_duplicate_rate",
    "avg_length",
    "reference_avg_length",
    "tokens_per_s",
    "n",
)
# What `shelfwriter evaluate` adds to `corpus_metrics` from the run itself.
RUN_KEYS = frozenset({"publish_rate", "clean_rate", "tokens_per_s"})
SCORE_KEYS = ("chrf", "bleu", "rouge_l")  # 0-100
RATE_KEYS = (
    "publish_rate",
    "clean_rate",
    "unsupported_claim_rate",
    "fact_violation_rate",
    "wrong_language_rate",
    "banned_term_rate",
    "near_duplicate_rate",
    "distinct_1",
    "distinct_2",
)  # 0-1
PLOTS = ("metrics.png", "lengths.png", "categories.png")
# Fonts with Han glyphs, if the machine has one; else Chinese labels are numbered instead.
_CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Droid Sans Fallback",
)


# --------------------------------------------------------------------------- markdown


# Enough for text inside one list item: emphasis, code, links, table cells, strikethrough
# (HTML, and so raw tags and `<>`, is escaped before).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md_escape(text: str) -> str:
    """Model output as inert markdown: HTML escaped, markdown syntax backslashed, one line."""
    text = html.escape(text, quote=False)
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _fmt(key: str, value: Any) -> str:
    if not isinstance(value, int | float):
        return str(value)
    if key == "n":
        return str(int(value))
    if key in SCORE_KEYS or key.endswith("length") or key == "tokens_per_s":
        return f"{value:.1f}"
    return f"{value:.3f}"


def _significance(section: dict[str, Any] | None) -> list[str]:
    if not section:
        return []
    out = [
        "",
        f"## Significance against {md_escape(section['baseline'])}",
        "",
        f"{section['test']}: p is the chance of a difference this large between two"
        " equally good models; below 0.05 the difference is unlikely to be noise.",
        "",
        "| model | metric | difference | score (mean ± 95% CI) | p |",
        "|---|---|---:|---:|---:|",
    ]
    for label, by_metric in section["systems"].items():
        for key, r in by_metric.items():
            out.append(
                f"| {md_escape(label)} | {key} | {r['delta']:+.2f} |"
                f" {r['mean']:.1f} ± {r['ci']:.1f} | {r['p_value']:.4f} |"
            )
    return out


def markdown(payload: dict[str, Any], samples: Sequence[dict[str, Any]]) -> str:
    models: dict[str, dict[str, Any]] = payload["models"]
    labels = list(models)
    out = [
        "# Evaluation report",
        "",
        f"Dataset `{payload['dataset']}`, split `{payload['split']}` ({payload['n']} products,"
        f" kind `{payload['kind']}`), device {payload['device']}, {payload['created']}.",
        f"Command: `{payload['command']}`",
        "",
        "BLEU, chrF, ROUGE-L: 0-100 against every reference of a product (BLEU tokenized"
        f" `{payload['bleu_tokenize']}`; ROUGE-L on words / Han characters). Rates: share of"
        " products. Near-duplicate: share of products whose output is within the guard's"
        " SimHash distance of another product's output. Lengths: characters. Tokens/s: every"
        " sampled candidate's tokens over the time in generate calls. The scored output is"
        " what the content step would publish, or its first candidate where no candidate"
        " passed the guards (publish rate below).",
        "",
        "## Metrics",
        "",
        "| metric | " + " | ".join(md_escape(label) for label in labels) + " |",
        "|---|" + "---:|" * len(labels),
    ]
    for key in MODEL_KEYS:
        out.append(
            f"| {key} | " + " | ".join(_fmt(key, models[m].get(key, "–")) for m in labels) + " |"
        )
    runs = payload["runs"]
    out.append("| wall s | " + " | ".join(f"{runs[m]['wall_seconds']:.1f}" for m in labels) + " |")
    out.extend(_significance(payload.get("significance")))
    out += ["", "![metrics](metrics.png)", "", "![lengths](lengths.png)", ""]
    out += ["## chrF per category", ""]
    categories = _categories(payload)
    out += [
        "| # | category | n | " + " | ".join(md_escape(label) for label in labels) + " |",
        "|---:|---|---:|" + "---:|" * len(labels),
    ]
    for k, (category, n) in enumerate(categories, 1):
        cells = [_fmt("chrf", payload["per_category"][m][category]["chrf"]) for m in labels]
        out.append(f"| {k} | {md_escape(category)} | {n} | " + " | ".join(cells) + " |")
    out += ["", "![categories](categories.png)", "", "## Samples", ""]
    for i, sample in enumerate(samples, 1):
        out += [
            f"### {i}. {md_escape(sample['sku'])}",
            "",
            f"- **Facts:** {md_escape(sample['facts'])}",
        ]
        for label in labels:
            published = (
                "" if sample["published"][label] else " *(not published: failed the guards)*"
            )
            out.append(
                f"- **{md_escape(label)}:** {md_escape(sample['outputs'][label])}{published}"
            )
        for ref in sample["references"]:
            out.append(f"- **Reference:** {md_escape(ref)}")
        out.append("")
    return "\n".join(out) + "\n"


def _categories(payload: dict[str, Any]) -> list[tuple[str, int]]:
    """Categories by size (largest first), as recorded for the first model."""
    per: dict[str, dict[str, Any]] = next(iter(payload["per_category"].values()), {})
    return sorted(((c, int(v["n"])) for c, v in per.items()), key=lambda cn: (-cn[1], cn[0]))


# --------------------------------------------------------------------------- plots


def _cjk_font() -> str | None:
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in _CJK_FONTS if name in names), None)


def write_plots(
    out_dir: Path,
    payload: dict[str, Any],
    lengths: dict[str, list[int]],
    reference_lengths: list[int],
) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")  # files only: no display on a worker
    import matplotlib.pyplot as plt
    import numpy as np

    cjk = _cjk_font()
    models: dict[str, dict[str, Any]] = payload["models"]
    labels = list(models)
    width = 0.8 / max(len(labels), 1)
    paths: list[Path] = []

    def label_of(text: str, index: int) -> str:
        # No Han glyphs on this machine: number the label (report.md's table has the names).
        return text if cjk or text.isascii() else f"#{index + 1}"

    with plt.rc_context():
        if cjk:
            plt.rcParams["font.sans-serif"] = [cjk, "DejaVu Sans"]
        # Metric by model: scores 0-100 left, rates 0-1 right.
        fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.5))
        for axis, keys in ((left, SCORE_KEYS), (right, RATE_KEYS)):
            x = np.arange(len(keys))
            for i, label in enumerate(labels):
                values = [float(models[label].get(k, 0.0)) for k in keys]
                axis.bar(x + i * width - 0.4 + width / 2, values, width, label=label)
            axis.set_xticks(x, [k.replace("_rate", "").replace("_", " ") for k in keys])
            axis.tick_params(axis="x", labelrotation=30)
        left.set_title("scores (0-100)")
        right.set_title("rates and distinct-n (0-1)")
        right.set_ylim(0, 1)
        left.legend(fontsize="small")
        fig.tight_layout()
        paths.append(out_dir / "metrics.png")
        fig.savefig(paths[-1], dpi=100)
        plt.close(fig)

        # Length distribution: each model's outputs against the references.
        fig, axis = plt.subplots(figsize=(8, 4.5))
        everything = [n for ns in lengths.values() for n in ns] + reference_lengths
        bins = [float(b) for b in np.linspace(0, max(everything, default=1) or 1, 30)]
        axis.hist(reference_lengths, bins=bins, alpha=0.35, label="references", color="grey")
        for label, ns in lengths.items():
            axis.hist(ns, bins=bins, histtype="step", linewidth=1.8, label=label)
        axis.set_xlabel("characters")
        axis.set_ylabel("texts")
        axis.set_title("output length vs references")
        axis.legend(fontsize="small")
        fig.tight_layout()
        paths.append(out_dir / "lengths.png")
        fig.savefig(paths[-1], dpi=100)
        plt.close(fig)

        # chrF per category (the 12 largest).
        categories = _categories(payload)[:12]
        fig, axis = plt.subplots(figsize=(8, 1.2 + 0.45 * max(len(categories), 1)))
        y = np.arange(len(categories))
        for i, label in enumerate(labels):
            values = [float(payload["per_category"][label][c]["chrf"]) for c, _ in categories]
            axis.barh(y + i * width - 0.4 + width / 2, values, width, label=label)
        axis.set_yticks(y, [f"{label_of(c, k)} (n={n})" for k, (c, n) in enumerate(categories)])
        axis.invert_yaxis()
        axis.set_xlabel("chrF")
        axis.set_title("chrF per category")
        axis.legend(fontsize="small", loc="best")
        fig.tight_layout()
        paths.append(out_dir / "categories.png")
        fig.savefig(paths[-1], dpi=100)
        plt.close(fig)
    return paths


# --------------------------------------------------------------------------- console, files


def summary_table(payload: dict[str, Any]) -> Table:
    models: dict[str, dict[str, Any]] = payload["models"]
    table = Table(
        title=f"{payload['dataset']} · {payload['split']} · n={payload['n']}",
        title_justify="left",
    )
    table.add_column("metric")
    for label in models:
        table.add_column(label, justify="right")
    for key in MODEL_KEYS:
        table.add_row(key, *(_fmt(key, models[m].get(key, "–")) for m in models))
    section = payload.get("significance")
    if section:
        for key in ("chrf", "bleu"):
            cells = [
                f"p={section['systems'][m][key]['p_value']:.4f}" if m in section["systems"] else ""
                for m in models
            ]
            table.add_row(f"{key} vs first (p)", *cells)
    return table


def write_report(
    out_dir: Path,
    payload: dict[str, Any],
    samples: Sequence[dict[str, Any]],
    lengths: dict[str, list[int]],
    reference_lengths: list[int],
) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    metrics_path = out_dir / "metrics.json"
    metrics_path.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    report_path = out_dir / "report.md"
    report_path.write_text(markdown(payload, samples), encoding="utf-8")
    return [metrics_path, report_path, *write_plots(out_dir, payload, lengths, reference_lengths)]
