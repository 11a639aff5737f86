"""End-to-end throughput: products through the real path — import → outbox trigger →
dispatch → Redis → a real Celery worker with the default models → guarded write to
Postgres — and where the worker's time and the model's compute went.

    python -m bench.pipeline [--products 50] [--label baseline] [--batch-size 16]
    python -m bench.pipeline --products 20 --baseline builder,genai --label cached

`--baseline` runs the catalog once per named baseline before the current setup, in one
invocation, and prints each with `units_per_s_ratio` (current over that baseline):
`builder` is the model as onnxruntime-genai's builder made it (logits for every prompt
position) on onnxruntime-genai's decode loop, what the worker ran before issue 18;
`genai` is today's export (exporter/last_logits.py) on onnxruntime-genai's loop, without
the shared prefill of worker/runtime/cached.py.

What a shop pays for is units written per machine-hour, so this times the whole path, not
the model alone. The catalog is the demo's (repeated with new skus past 50 products); the
database is a scratch one on the machine's PostgreSQL, the broker a spare Redis database.
The worker runs with a solo pool (one process, as a GPU host runs one per GPU) and serves
its Prometheus metrics, which this script reads at the end:

- `model_time_share`: the worker's seconds inside model generation over the wall time from
  the first dispatch to the last unit written;
- `padding_share`: token slots the model computed that were not real tokens — prefill
  padded to a batch's longest prompt, and decode rows riding along after their end (or
  past a stop sequence) until the batch's longest row ends;
- `bound_units_per_s`: the model's best batched tokens/s, measured in this run on the same
  CPU, divided by the tokens a written unit needs (tokens kept per unit): what the path
  would do if the model never waited and nothing were thrown away.

Prints progress, then, last, one JSON object on one line; `--out` (default
bench/results/pipeline-LABEL.json) keeps it. Nothing else may run on the machine meanwhile.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DB_NAME = "shelfwriter_bench_pipeline"
PG = os.environ.get("SHELFWRITER_BENCH_PG", "postgresql://postgres@127.0.0.1:5432")
os.environ["DATABASE_URL"] = f"{PG}/{DB_NAME}"
os.environ["CELERY_BROKER_URL"] = os.environ.get(
    "SHELFWRITER_BENCH_REDIS", "redis://127.0.0.1:6379/13"
)
os.environ["SHELFWRITER_GENERATE_QUEUE"] = "bench-pipeline-generate"
os.environ.setdefault("SHELFWRITER_DEVICE", "cpu")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import httpx  # noqa: E402
import redis  # noqa: E402
from rich.console import Console  # noqa: E402
from sqlalchemy import func, select, text  # noqa: E402

from worker.config import get_settings  # noqa: E402
from worker.db import create_engine_for, dispose_engines, session_factory  # noqa: E402
from worker.demo import embedded  # noqa: E402
from worker.demo.process import ChildProcess  # noqa: E402
from worker.demo.run import _expected_units, _landed, _prepare_generation  # noqa: E402
from worker.models import ContentStatus, Product, ProductContent  # noqa: E402
from worker.runtime import clear_model_cache  # noqa: E402

console = Console(stderr=True)


def fresh_database() -> None:
    admin = create_engine_for(f"{PG}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)'))
    admin.dispose()
    from worker.migrate import upgrade

    upgrade("head")


def catalog_file(n: int, workdir: Path) -> Path:
    """The demo catalog's first n products, repeated under new skus when n > 50."""
    from worker.demo.run import sample_catalog

    records = [json.loads(line) for line in sample_catalog().read_text().splitlines() if line]
    out = []
    for i in range(n):
        rec = dict(records[i % len(records)])
        if i >= len(records):
            rec["sku"] = f"{rec['sku']}-r{i // len(records)}"
        out.append(json.dumps(rec, ensure_ascii=False))
    path = workdir / "catalog.jsonl"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def scrape(port: int) -> dict[str, float]:
    """The worker's counters: name{labels} → value."""
    body = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=10).text
    values: dict[str, float] = {}
    for line in body.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        key, _, value = line.rpartition(" ")
        try:
            values[key] = float(value)
        except ValueError:
            continue
    return values


def best_tokens_per_s(rows: int, new_tokens: int) -> dict[str, float]:
    """Each default model's batched decode rate on this CPU: `rows` sampled rows of a
    description prompt, `new_tokens` each, no stops (the runtime benchmark's setting)."""
    from worker.content.model_generator import ModelGenerator
    from worker.runtime import GenerationParams

    generator = ModelGenerator()  # this run's settings (--baseline runs two models)
    prompt = [{"role": "user", "content": "Write a short product description of a steel bottle."}]
    rates = {}
    for lang, locale in (("en", "en"), ("zh", "zh-CN")):
        model = generator.model_for(locale)
        params = GenerationParams(
            max_new_tokens=new_tokens, do_sample=True, num_candidates=rows, max_batch_size=rows
        )
        model.generate([prompt], params)  # warm-up
        started = time.perf_counter()
        (result,) = model.generate([prompt], params)
        rates[lang] = result.total_completion_tokens / (time.perf_counter() - started)
    return rates


def builders_graph_dir(model_dir: Path, workdir: Path) -> Path:
    """`model_dir` with the LM head as onnxruntime-genai's builder made it (logits for
    every position, exporter/last_logits.py undone): the "before" of that change. The
    weights are hard links (or copies across file systems); its manifest lists the restored
    graph and a version of its own, so it is a model of its own to the worker."""
    from exporter.last_logits import decoder_filename, restore_lm_head
    from worker.runtime.manifest import MANIFEST_NAME, file_sha256, read_manifest

    out = workdir / f"{model_dir.name}-builders-graph"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    graph = decoder_filename(model_dir)
    for path in model_dir.iterdir():
        if path.name in (MANIFEST_NAME, graph):
            continue
        try:
            os.link(path, out / path.name)
        except OSError:
            shutil.copy2(path, out / path.name)
    shutil.copy2(model_dir / graph, out / graph)
    if not restore_lm_head(out / graph):
        raise SystemExit(f"{model_dir} has no last-token edit to undo: nothing to compare")
    manifest = read_manifest(model_dir)
    manifest["version"] = manifest["version"] + "-builders-graph"
    manifest["target"] = {**manifest["target"], "logits": "every_position"}
    manifest["files"][graph] = {
        "sha256": file_sha256(out / graph),
        "size": (out / graph).stat().st_size,
    }
    (out / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=50)
    parser.add_argument("--label", default="run")
    parser.add_argument("--batch-size", type=int, default=None, help="products per task")
    parser.add_argument("--timeout", type=float, default=3600.0)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/shelfwriter-bench-pipeline"))
    parser.add_argument(
        "--baseline",
        default="",
        help="comma-separated baselines to run first: builder (the builder's graph on"
        " onnxruntime-genai's loop), genai (today's export on onnxruntime-genai's loop)",
    )
    args = parser.parse_args(argv)
    out_path = args.out or ROOT / "bench" / "results" / f"pipeline-{args.label}.json"
    args.workdir.mkdir(parents=True, exist_ok=True)
    baselines = [b for b in args.baseline.split(",") if b]
    unknown = set(baselines) - {"builder", "genai"}
    if unknown:
        raise SystemExit(f"unknown baseline(s): {', '.join(sorted(unknown))}")
    if not baselines:
        result = run(args, args.label)
    else:
        from worker.content.model_generator import ModelGenerator

        get_settings.cache_clear()
        generator = ModelGenerator()
        dirs = {generator.model_dir_for(loc) for loc in ("en", "zh-CN")}
        if len(dirs) != 1:
            raise SystemExit("--baseline compares one default model; these locales use two")
        model_dir = dirs.pop()
        before: dict[str, dict[str, Any]] = {}
        for name in baselines:
            graph = builders_graph_dir(model_dir, args.workdir) if name == "builder" else None
            before[name] = run(args, name, graph, decoder="genai")
        after = run(args, args.label)
        result = {"label": args.label, "baselines": before, "after": after}
        for name, base in before.items():
            ratio = round(after["units_per_s"] / base["units_per_s"], 3)
            result[f"units_per_s_ratio_vs_{name}"] = ratio
            result[f"wall_s_ratio_vs_{name}"] = round(after["wall_s"] / base["wall_s"], 3)
            console.print(
                f"units/s: {name} {base['units_per_s']} -> {after['units_per_s']} (x{ratio})"
            )
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(result, indent=2) + "\n")
    console.print(f"kept in {out_path}")
    if baselines:
        plot = plot_runs({**result["baselines"], args.label: result["after"]}, out_path)
        console.print(f"plot: {plot}")
    print(json.dumps(result))
    return 0


def plot_runs(runs: dict[str, dict[str, Any]], out_path: Path) -> Path:
    """units/s per setup, and where the model's token slots went (prefill computed, shared,
    decode kept and riding), side by side: one picture of what each change bought."""
    import matplotlib

    matplotlib.use("Agg")  # files only
    import matplotlib.pyplot as plt

    names = list(runs)
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    rates = [runs[n]["units_per_s"] for n in names]
    left.bar(names, rates, color="#4c72b0")
    for i, rate in enumerate(rates):
        left.text(i, rate, f"{rate:.3f}", ha="center", va="bottom")
    left.set_ylabel("units/s, end to end")
    left.set_title(f"{runs[names[-1]]['units']} units through the real path")
    parts: dict[str, Callable[[dict[str, Any]], float]] = {
        "prefill computed": lambda r: r["slots"]["prefill_computed"],
        "prefill shared (not computed)": lambda r: (
            r["slots"]["prefill_computed"]
            * r["prefill_shared_share"]
            / (1 - r["prefill_shared_share"])
            if r.get("prefill_shared_share")
            else 0
        ),
        "decode kept": lambda r: r["slots"]["decode_kept"],
        "decode riding": lambda r: r["slots"]["decode_computed"] - r["slots"]["decode_kept"],
    }
    bottom = [0.0] * len(names)
    for label, value in parts.items():
        heights = [float(value(runs[n])) for n in names]
        hatch = "//" if "shared" in label else None
        right.bar(names, heights, bottom=bottom, label=label, hatch=hatch, alpha=0.85)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    right.set_ylabel("token slots")
    right.set_title("where the model's work went")
    right.legend(fontsize=8)
    fig.tight_layout()
    path = out_path.with_suffix(".png")
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def run(
    args: argparse.Namespace,
    label: str,
    model_dir: Path | None = None,
    *,
    decoder: str | None = None,
) -> dict[str, Any]:
    """One pass of the catalog through the real path; `model_dir`: the model for every
    locale (SHELFWRITER_MODEL_DIR), else the defaults; `decoder`: SHELFWRITER_CPU_DECODER
    (else the default)."""
    for name, value in (("SHELFWRITER_MODEL_DIR", model_dir), ("SHELFWRITER_CPU_DECODER", decoder)):
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = str(value)
    console.rule(f"{label}: {model_dir or 'default models'}")
    get_settings.cache_clear()
    clear_model_cache()  # the other run's model leaves memory
    settings = get_settings()
    broker = redis.Redis.from_url(settings.celery_broker_url)
    broker.flushdb()
    fresh_database()
    factory = session_factory()

    from worker.catalog.importer import import_catalog

    report = import_catalog(factory, catalog_file(args.products, args.workdir))
    console.print(f"imported {report.inserted} products")
    with factory() as session:
        product_ids = list(session.scalars(select(Product.id).order_by(Product.id)))
    _prepare_generation(factory, product_ids, console)
    expected = _expected_units(factory, product_ids)

    port = embedded.free_port()
    env = {
        **os.environ,
        "SHELFWRITER_METRICS_PORT": str(port),
        "SHELFWRITER_METRICS_NO_AUTH": "1",
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    if args.batch_size:
        env["SHELFWRITER_BATCH_SIZE"] = str(args.batch_size)
    worker_log = args.workdir / "worker.log"
    worker = ChildProcess.start(
        "worker",
        [sys.executable, "-m", "celery", "-A", "worker", "worker", "-Q",
         settings.generate_queue, "--pool", "solo", "--loglevel", "INFO",
         "-n", f"bench-{os.getpid()}@%h"],
        worker_log,
        env=env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while "ready." not in worker_log.read_text(errors="replace"):
            if time.monotonic() > deadline or worker.proc.poll() is not None:
                raise SystemExit(f"worker did not start; see {worker_log}")
            time.sleep(0.5)
        # The worker loads its models lazily, in its first task: that load is inside the
        # wall time (once per worker start, as in the demo; `model_load_s` reports it).
        from worker.dispatch import celery_publisher, drain

        started = time.perf_counter()
        stats = drain(
            factory,
            celery_publisher(settings),
            claim_limit=settings.dispatch_claim_limit,
            batch_size=args.batch_size or settings.generate_batch_size,
        )
        console.print(f"dispatched {stats.events} events in {stats.tasks} tasks")
        done = 0
        last_print = 0.0
        while True:
            done = len(_landed(factory, expected))
            if done >= len(expected):
                break
            if time.monotonic() > deadline + args.timeout:
                raise SystemExit(f"timed out with {done}/{len(expected)} units")
            if worker.proc.poll() is not None:
                raise SystemExit(f"worker exited; see {worker_log}")
            now = time.perf_counter()
            if now - last_print > 15:
                console.print(f"[{now - started:6.0f}s] {done}/{len(expected)} units")
                last_print = now
            time.sleep(1.0)
        wall = time.perf_counter() - started
        metrics = scrape(port)
    finally:
        worker.stop(20)
    dispose_engines()

    with factory() as session:
        rows = session.execute(
            select(ProductContent.status, func.count()).group_by(ProductContent.status)
        ).all()
        published = list(
            session.scalars(
                select(ProductContent).where(
                    ProductContent.status == ContentStatus.generated.value,
                    ProductContent.product_id.in_(product_ids),
                )
            )
        )
    by_status = {status: int(n) for status, n in rows}
    load_s = sum(
        float(m) for m in re.findall(r"loaded model .* in ([0-9.]+)s", worker_log.read_text())
    )

    from worker.content.model_generator import ModelGenerator

    generator = ModelGenerator()
    kept = 0
    for row in published:
        if row.body is None or row.kind == "tags":  # tags are matched, not copied out
            continue
        model = generator.model_for(row.locale)
        kept += len(model.encode(row.body))
    rates = best_tokens_per_s(rows=32, new_tokens=64)

    def metric(name: str) -> float:
        return sum(v for k, v in metrics.items() if re.fullmatch(name, k))

    generated = metric(r"shelfwriter_generated_tokens_total")
    model_seconds = metric(r"shelfwriter_generation_seconds_total")
    task_seconds = metric(r"shelfwriter_task_seconds_sum\{.*\}")
    slots = {
        (phase, use): metric(
            rf'shelfwriter_generation_slots_total\{{phase="{phase}",use="{use}"\}}'
        )
        for phase in ("prefill", "decode")
        for use in ("computed", "kept")
    }
    # Prompt tokens rows needed but did not compute (the cached loop's shared prefill).
    prefill_shared = metric(r'shelfwriter_generation_slots_total\{phase="prefill",use="shared"\}')
    computed = slots[("prefill", "computed")] + slots[("decode", "computed")]
    real = slots[("prefill", "kept")] + slots[("decode", "kept")]
    units = len(expected)
    written = by_status.get("generated", 0)
    best = max(rates.values())
    per_unit = kept / max(written, 1)
    result: dict[str, Any] = {
        "label": label,
        "products": len(product_ids),
        "units": units,
        "by_status": by_status,
        "wall_s": round(wall, 1),
        "model_load_s": round(load_s, 1),
        "units_per_s": round(units / wall, 4),
        "products_per_s": round(len(product_ids) / wall, 4),
        "tokens_generated": int(generated),
        "tokens_kept": kept,
        "kept_share": round(kept / generated, 3) if generated else None,
        "padding_share": round(1 - real / computed, 3) if computed else None,
        "prefill_shared_share": round(
            prefill_shared / (prefill_shared + slots[("prefill", "computed")]), 3
        )
        if prefill_shared
        else 0.0,
        "prefill_padding_share": round(
            1 - slots[("prefill", "kept")] / slots[("prefill", "computed")], 3
        )
        if slots[("prefill", "computed")]
        else None,
        "decode_riding_share": round(
            1 - slots[("decode", "kept")] / slots[("decode", "computed")], 3
        )
        if slots[("decode", "computed")]
        else None,
        "slots": {f"{phase}_{use}": int(n) for (phase, use), n in slots.items()},
        "model_time_share": round(model_seconds / wall, 3),
        "model_share_of_task_time": round(model_seconds / task_seconds, 3)
        if task_seconds
        else None,
        "tokens_per_s_in_model": round(generated / model_seconds, 1) if model_seconds else None,
        "best_tokens_per_s": {k: round(v, 1) for k, v in rates.items()},
        "bound_units_per_s": round(best / per_unit, 4) if per_unit else None,
    }
    return result


if __name__ == "__main__":
    raise SystemExit(main())
