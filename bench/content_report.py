"""Content report: the real content step on real products from ../shared/data, side by side
with the human-written reference. Not a test: it prints numbers, it asserts nothing.

    python bench/content_report.py [--n 10] [--languages en,zh] [--segment students]
                                   [--data-dir ../shared/data] [--out report/content-report]

Products (test split only, chosen deterministically so every run agrees):
- English: `myntra_products_catalog.csv`. Facts: Product_Name (title), Product_Brand
  (brand), Gender and Primary_Color (attributes), Price (INR). Num_Images is not a fact about
  the product and the Description column is the human reference, never an input.
- Chinese: `advertisegen_dev.jsonl`, one product per distinct `content` ("类型#上衣*材质#牛仔布
  *…" → attributes; 类型 → category; title composed from the 类型 or a more specific shape
  and two distinctive values, e.g. 牛仔布白色外套). Rows whose reference contains `<UNK>` or
  the `BRAND` placeholder are skipped: the reference is shown beside the output.

Loading and split: `evaluation.dataset` (shared with `shelfwriter evaluate` and fine-tuning):
sha256 of the product id (English) / input text (Chinese); the first 8 hex digits mod 100
give the bucket: 0-79 train, 80-89 dev, 90-99 test. The first N test rows in hash order are
taken; a product with several references shows the first.

The products are written into a scratch database (`shelfwriter_report_<random>`, migrated,
default tag vocabularies loaded, dropped at the end) and generated with
`worker.content.pipeline.run_batch` and the default `ModelGenerator` (SHELFWRITER_DEVICE
defaults to cpu here). Output: a console summary plus `<out>.md` and `<out>.json`. Guard pass
rates are over ALL sampled candidates (not just the winners), grouped by the failure code's
prefix (`fact:…`, `language:…`, …).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

os.environ.setdefault("SHELFWRITER_DEVICE", "cpu")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rich.console import Console  # noqa: E402
from rich.markup import escape  # noqa: E402
from rich.progress import (  # noqa: E402
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table  # noqa: E402
from sqlalchemy import create_engine, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.orm import Session, sessionmaker  # noqa: E402

from evaluation.dataset import Example, load_dataset, select_split  # noqa: E402
from evaluation.report import md_escape  # noqa: E402
from worker.catalog.locales import serving_language  # noqa: E402
from worker.content.model_generator import ModelGenerator, _Unit  # noqa: E402
from worker.models import ContentKind, Product, ProductContent  # noqa: E402
from worker.runtime import GenerationParams, GenerationResult, OnnxModel  # noqa: E402

console = Console(stderr=True)
# Results on stdout; at least 160 columns so the tables stay readable in a log file.
stdout = Console(width=max(Console().width, 160))

# Guard groups: the prefix of a failure code before ':' (worker.content.guards).
GUARDS = ("fact", "language", "banned", "contact", "markup", "length", "style", "duplicate")
LANGUAGES = {"en": "en", "zh": "zh-CN"}  # report language → product locale
KINDS = (ContentKind.description, ContentKind.tags, ContentKind.recommendation_copy)


# --------------------------------------------------------------------------- sampling


@dataclass
class Sample:
    """One real product: the facts the model sees and the human reference it does not."""

    language: str
    source_id: str
    sku: str
    title: str
    brand: str | None
    category: str | None
    attributes: dict[str, Any]
    price: Decimal | None
    currency: str | None
    reference: str

    @property
    def locale(self) -> str:
        return LANGUAGES[self.language]

    def facts_line(self) -> str:
        parts = [f"title={self.title}"]
        if self.brand:
            parts.append(f"brand={self.brand}")
        if self.category:
            parts.append(f"category={self.category}")
        for key, value in self.attributes.items():
            shown = "/".join(value) if isinstance(value, list) else str(value)
            parts.append(f"{key}={shown}")
        if self.price is not None:
            parts.append(f"price={self.price} {self.currency or ''}".rstrip())
        return "; ".join(parts)


def _sample(language: str, example: Example) -> Sample:
    product = example.product
    return Sample(
        language,
        product.sku.split("-", 1)[1],
        product.sku,
        product.title,
        product.brand,
        product.category,
        dict(product.attributes),
        product.price,
        product.currency,
        example.references[0],
    )


def english_samples(data_dir: Path, n: int) -> list[Sample]:
    examples = load_dataset(str(data_dir / "myntra_products_catalog.csv"))
    return [_sample("en", e) for e in select_split(examples, "test", n)]


def chinese_samples(data_dir: Path, n: int) -> list[Sample]:
    examples = load_dataset(str(data_dir / "advertisegen_dev.jsonl"))
    return [_sample("zh", e) for e in select_split(examples, "test", n)]


# --------------------------------------------------------------------------- database


@contextmanager
def scratch_database() -> Iterator[str]:
    """A fresh, migrated database; dropped afterwards whatever happens."""
    from worker.config import get_settings
    from worker.db import dispose_engines, ensure_database
    from worker.migrate import upgrade

    base = make_url(get_settings().database_url)
    name = f"shelfwriter_report_{secrets.token_hex(4)}"
    url = base.set(database=name).render_as_string(hide_password=False)
    ensure_database(url)
    try:
        upgrade(database_url=url)
        yield url
    finally:
        dispose_engines()
        admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                quoted = admin.dialect.identifier_preparer.quote(name)
                conn.execute(text(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)"))
        finally:
            admin.dispose()


def insert_products(factory: sessionmaker[Session], samples: list[Sample]) -> dict[str, int]:
    with factory.begin() as session:
        rows = [
            Product(
                sku=s.sku,
                locale=s.locale,
                title=s.title,
                brand=s.brand,
                category=s.category,
                attributes=s.attributes,
                keywords=[],
                price=s.price,
                currency=s.currency,
            )
            for s in samples
        ]
        session.add_all(rows)
        session.flush()
        return {row.sku: row.id for row in rows}


# --------------------------------------------------------------------------- generation


@dataclass
class KindTiming:
    tokens: int = 0
    seconds: float = 0.0
    calls: int = 0


class ReportingGenerator(ModelGenerator):
    """The default generator, plus progress and per (language, kind) token timings."""

    def __init__(self, progress: Progress, task: TaskID) -> None:
        super().__init__()
        self.progress = progress
        self.task = task
        self.timings: dict[tuple[str, str], KindTiming] = defaultdict(KindTiming)

    def _run(
        self,
        model: OnnxModel,
        kind: ContentKind,
        units: list[_Unit],
        params: GenerationParams | None = None,
        *,
        lexical: bool = False,
    ) -> list[GenerationResult | Exception]:
        lang = serving_language(units[0].facts.locale)
        self.progress.update(self.task, description=f"{lang} {kind.value} ×{len(units)}")
        started = time.perf_counter()
        outputs = super()._run(model, kind, units, params, lexical=lexical)
        timing = self.timings[(lang, kind.value)]
        timing.seconds += time.perf_counter() - started
        timing.tokens += sum(
            o.total_completion_tokens for o in outputs if isinstance(o, GenerationResult)
        )
        timing.calls += 1
        self.progress.advance(self.task, len(units))
        return outputs


# --------------------------------------------------------------------------- analysis


def code_name(code: str) -> str:
    """`fact:unsupported_number 5` → `fact:unsupported_number` (the value varies)."""
    return code.split(" ", 1)[0]


@dataclass
class KindStats:
    units: int = 0
    generated: int = 0
    failed: int = 0
    other: int = 0  # no row written (skipped, refused)
    candidates: int = 0
    passed_all: int = 0
    guard_fail: Counter[str] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)
    tokens: int = 0
    seconds: float = 0.0

    def add_row(self, row: ProductContent) -> None:
        if row.status == "generated":
            self.generated += 1
        elif row.status == "failed":
            self.failed += 1
            if row.error:
                self.errors[row.error.split(":", 1)[0]] += 1
        for candidate in (row.quality or {}).get("candidates", []):
            failures = [str(f) for f in candidate.get("failures", [])]
            self.candidates += 1
            self.passed_all += not failures
            for prefix in {f.split(":", 1)[0] for f in failures}:
                self.guard_fail[prefix] += 1
            for code in failures:
                self.codes[code_name(code)] += 1
                self.examples.setdefault(code_name(code), code)

    def pass_rates(self) -> dict[str, float | None]:
        if not self.candidates:
            return {g: None for g in (*GUARDS, "all")}
        rates: dict[str, float | None] = {
            g: 1 - self.guard_fail[g] / self.candidates for g in GUARDS
        }
        for other in sorted(set(self.guard_fail) - set(GUARDS)):
            rates[other] = 1 - self.guard_fail[other] / self.candidates
        rates["all"] = self.passed_all / self.candidates
        return rates

    def as_json(self) -> dict[str, Any]:
        return {
            "units": self.units,
            "generated": self.generated,
            "failed": self.failed,
            "not_written": self.other,
            "candidates": self.candidates,
            "pass_rates": {k: _round(v) for k, v in self.pass_rates().items()},
            "failure_codes": [
                {"code": c, "count": n, "example": self.examples[c]}
                for c, n in self.codes.most_common()
            ],
            "unit_errors": dict(self.errors.most_common()),
            "completion_tokens": self.tokens,
            "generation_seconds": round(self.seconds, 2),
            "tokens_per_s": round(self.tokens / self.seconds, 1) if self.seconds else None,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


@dataclass
class ProductView:
    sample: Sample
    description: str
    tags: str
    recommendation: str


def _render_unit(row: ProductContent | None) -> str:
    if row is None:
        return "(no row written)"
    if row.status == "generated" and row.body is not None:
        if row.kind == ContentKind.tags.value:
            return ", ".join(json.loads(row.body))
        return row.body
    return f"FAILED: {row.error or row.status}"


def collect(
    factory: sessionmaker[Session],
    samples: dict[str, list[Sample]],
    ids: dict[str, int],
    segment: str,
    generator: ReportingGenerator,
    planned: dict[str, Counter[str]],
) -> tuple[dict[str, dict[str, KindStats]], dict[str, list[ProductView]]]:
    with factory() as session:
        rows = list(session.scalars(select(ProductContent)))
    by_key = {(r.product_id, r.kind, r.segment): r for r in rows}
    stats: dict[str, dict[str, KindStats]] = {}
    views: dict[str, list[ProductView]] = {}
    for lang, group in samples.items():
        product_ids = {ids[s.sku] for s in group}
        stats[lang] = {}
        for kind in KINDS:
            ks = KindStats(units=planned[lang][kind.value])
            for row in rows:
                if row.product_id in product_ids and row.kind == kind.value:
                    ks.add_row(row)
            ks.other = ks.units - ks.generated - ks.failed
            timing = generator.timings.get((lang, kind.value), KindTiming())
            ks.tokens, ks.seconds = timing.tokens, timing.seconds
            stats[lang][kind.value] = ks
        views[lang] = [
            ProductView(
                s,
                _render_unit(by_key.get((ids[s.sku], ContentKind.description.value, ""))),
                _render_unit(by_key.get((ids[s.sku], ContentKind.tags.value, ""))),
                _render_unit(
                    by_key.get((ids[s.sku], ContentKind.recommendation_copy.value, segment))
                ),
            )
            for s in group
        ]
    return stats, views


# --------------------------------------------------------------------------- output


def pass_rate_table(stats: dict[str, dict[str, KindStats]]) -> Table:
    table = Table(title="Units and guard pass rates over all candidates", title_justify="left")
    for col in ("lang", "kind", "units", "ok", "failed", "cands", *GUARDS, "all", "tok/s"):
        table.add_column(col, justify="left" if col in ("lang", "kind") else "right")
    for lang, kinds in stats.items():
        for kind, ks in kinds.items():
            rates = ks.pass_rates()
            tps = f"{ks.tokens / ks.seconds:.0f}" if ks.seconds else "—"
            table.add_row(
                lang,
                kind,
                str(ks.units),
                str(ks.generated),
                str(ks.failed),
                str(ks.candidates),
                *(_pct(rates[g]) for g in GUARDS),
                _pct(rates["all"]),
                tps,
            )
    return table


def markdown(
    meta: dict[str, Any],
    stats: dict[str, dict[str, KindStats]],
    views: dict[str, list[ProductView]],
    segment: str,
) -> str:
    out = [
        "# Content report",
        "",
        f"Generated {meta['date']} on {meta['machine']} (device {meta['device']}, "
        f"{meta['candidates']} candidates per unit). Command: `{meta['command']}`.",
        "",
        f"{meta['n']} products per language from the test split of `../shared/data/` "
        "(sha256 bucket 90-99, first N in hash order). Guard pass rates are over every sampled "
        "candidate (tags are one greedy proposal list matched against the vocabulary, so they "
        "have no guarded candidates). Human references are read from `../shared/data/` at run "
        "time and appear only in this generated (gitignored) report.",
        "",
        "## Summary",
        "",
        "| lang | kind | units | generated | failed | candidates | "
        + " | ".join(GUARDS)
        + " | all guards | tokens/s | gen s |",
        "|---|---|---:|---:|---:|---:|" + "---:|" * len(GUARDS) + "---:|---:|---:|",
    ]
    for lang, kinds in stats.items():
        for kind, ks in kinds.items():
            rates = ks.pass_rates()
            tps = f"{ks.tokens / ks.seconds:.1f}" if ks.seconds else "—"
            out.append(
                f"| {lang} | {kind} | {ks.units} | {ks.generated} | {ks.failed} | "
                f"{ks.candidates} | "
                + " | ".join(_pct(rates[g]) for g in GUARDS)
                + f" | {_pct(rates['all'])} | {tps} | {ks.seconds:.1f} |"
            )
    out += ["", "Wall time (load + plan + generate + write, per language, incl. model load):", ""]
    for lang, seconds in meta["wall_seconds"].items():
        out.append(f"- {lang}: {seconds:.1f} s")
    out.append(f"- total script: {meta['total_seconds']:.1f} s")
    out += ["", "## Most common failure codes", ""]
    for lang, kinds in stats.items():
        for kind, ks in kinds.items():
            if not ks.codes and not ks.errors:
                continue
            out.append(f"**{lang} / {kind}**")
            out.append("")
            for code, count in ks.codes.most_common(8):
                out.append(f"- `{code}` × {count} (e.g. `{ks.examples[code]}`)")
            for error, count in ks.errors.most_common(5):
                out.append(f"- unit error `{error}` × {count}")
            out.append("")
    for lang, group in views.items():
        out += [f"## Products: {lang}", ""]
        for i, view in enumerate(group, 1):
            out += [
                # Model output and shop data are text, never markup in the report.
                f"### {i}. {md_escape(view.sample.sku)}",
                "",
                f"- **Facts:** {md_escape(view.sample.facts_line())}",
                f"- **Description:** {md_escape(view.description)}",
                f"- **Tags:** {md_escape(view.tags)}",
                f"- **Recommendation ({segment}):** {md_escape(view.recommendation)}",
                f"- **Human reference:** {md_escape(view.sample.reference)}",
                "",
            ]
    return "\n".join(out) + "\n"


def print_failure_codes(stats: dict[str, dict[str, KindStats]], top: int = 5) -> None:
    for lang, kinds in stats.items():
        for kind, ks in kinds.items():
            if ks.codes:
                codes = ", ".join(f"{c} ×{n}" for c, n in ks.codes.most_common(top))
                stdout.print(f"[bold]{lang} {kind}[/bold] most common failures: {codes}")


def print_examples(views: dict[str, list[ProductView]], segment: str) -> None:
    for lang, group in views.items():
        table = Table(
            "facts",
            "generated",
            "human reference",
            title=f"Products: {lang}",
            title_justify="left",
            show_lines=True,
        )
        for view in group:
            generated = (
                f"[bold]description[/bold]: {escape(view.description)}\n"
                f"[bold]tags[/bold]: {escape(view.tags)}\n"
                f"[bold]{segment}[/bold]: {escape(view.recommendation)}"
            )
            table.add_row(
                escape(view.sample.facts_line()), generated, escape(view.sample.reference)
            )
        stdout.print(table)


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=10, help="products per language")
    parser.add_argument("--languages", default="en,zh", help="comma list of en, zh")
    parser.add_argument("--segment", default="students", help="recommendation segment shown")
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "report" / "content-report")
    args = parser.parse_args(argv)
    languages = [lang.strip() for lang in args.languages.split(",") if lang.strip()]
    unknown = set(languages) - set(LANGUAGES)
    if unknown:
        parser.error(f"unknown languages: {sorted(unknown)}")

    from worker.catalog.facts import load_facts
    from worker.config import get_settings
    from worker.content.pipeline import run_batch
    from worker.content.plan import load_segments, units_for
    from worker.db import session_factory
    from worker.runtime.device import resolve_device
    from worker.tags.defaults import load_default_vocabularies

    started = time.perf_counter()
    loaders = {"en": english_samples, "zh": chinese_samples}
    samples = {lang: loaders[lang](args.data_dir, args.n) for lang in languages}
    for lang, group in samples.items():
        console.print(f"{lang}: {len(group)} test-split products")

    wall: dict[str, float] = {}
    planned: dict[str, Counter[str]] = {}
    batch_reports: dict[str, dict[str, int | float]] = {}
    with scratch_database() as url:
        console.print(f"scratch database {make_url(url).database}")
        factory = session_factory(url)
        ids = insert_products(factory, [s for group in samples.values() for s in group])
        progress_columns = (
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*progress_columns, console=console) as bar:
            vocab_tasks: dict[str, TaskID] = {}

            def advance(key: str, n: int, total: int) -> None:
                if key not in vocab_tasks:
                    vocab_tasks[key] = bar.add_task(f"vocabulary {key}", total=total)
                bar.advance(vocab_tasks[key], n)

            load_default_vocabularies(factory, progress=advance)

        with Progress(*progress_columns, console=console) as bar:
            task = bar.add_task("generating", total=None)
            generator = ReportingGenerator(bar, task)
            with factory() as session:
                segments = load_segments(session)
                facts = load_facts(session, sorted(ids.values()))
            for lang, group in samples.items():
                planned[lang] = Counter(
                    item.spec.kind.value
                    for s in group
                    for item in units_for(facts[ids[s.sku]], segments, KINDS)
                )
            bar.update(task, total=sum(sum(c.values()) for c in planned.values()))
            for lang, group in samples.items():
                t0 = time.perf_counter()
                report = run_batch(factory, [ids[s.sku] for s in group], generator)
                wall[lang] = time.perf_counter() - t0
                batch_reports[lang] = report.as_dict()
            bar.update(task, description="done")

        stats, views = collect(factory, samples, ids, args.segment, generator, planned)

    settings = get_settings()
    total = time.perf_counter() - started
    meta: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "machine": f"{platform.machine()} {os.cpu_count()} cores",
        "device": resolve_device(settings.device),
        "candidates": generator.candidates,
        "models": {lang: generator.version_for(LANGUAGES[lang]) for lang in languages},
        "command": " ".join(["python", "bench/content_report.py", *sys.argv[1:]]),
        "n": args.n,
        "wall_seconds": wall,
        "total_seconds": total,
    }

    stdout.print(pass_rate_table(stats))
    print_failure_codes(stats)
    for lang, seconds in wall.items():
        console.print(f"{lang}: wall {seconds:.1f} s  batch {batch_reports[lang]}")
    print_examples(views, args.segment)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    md_path, json_path = args.out.with_suffix(".md"), args.out.with_suffix(".json")
    md_path.write_text(markdown(meta, stats, views, args.segment), encoding="utf-8")
    payload = {
        **meta,
        "wall_seconds": {k: round(v, 2) for k, v in wall.items()},
        "total_seconds": round(total, 2),
        "batch_reports": batch_reports,
        "stats": {
            lang: {k: ks.as_json() for k, ks in kinds.items()} for lang, kinds in stats.items()
        },
        "products": {
            lang: [
                {
                    "sku": v.sample.sku,
                    "source_id": v.sample.source_id,
                    "facts": v.sample.facts_line(),
                    "description": v.description,
                    "tags": v.tags,
                    "recommendation_copy": {args.segment: v.recommendation},
                    "reference": v.sample.reference,
                }
                for v in group
            ]
            for lang, group in views.items()
        },
    }
    json_path.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    console.print(f"wrote {md_path} and {json_path} ({total:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
