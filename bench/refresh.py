"""Refresh bench: how long `shelfwriter refresh` takes when it finds nothing to do, and when
a few products changed. The nightly refresh walks the whole catalog; on a quiet night
nearly everything is current, so the walk itself (not generation) is its whole cost, and
this is where that cost is measured (goal: an unchanged 100,000-product catalog under 30 s).

    python -m bench.refresh [--products 100000] [--changed 1000] [--repeats 3] [--fresh]
                            [--generator placeholder|model]
                            [--database-url postgresql://postgres@127.0.0.1:5432/shelfwriter_bench_refresh]
                            [--out bench/results/refresh.txt]

Not a test: it prints numbers; it exits 1 only when a refresh enqueued something other than
what it should have. Steps:

1. A scratch database (`shelfwriter_bench_refresh`), migrated to head. Products come from
   one `INSERT … SELECT generate_series` (ids 1..N, `en` and `zh-CN` alternating, titles,
   brand, category, attributes, keywords and price from word lists; two reviews on every
   fourth product), with the products/reviews triggers disabled. Current content is then
   written for every unit the real planner plans (`worker.content.plan.plan_batch` over id
   pages of an empty `product_content`: every kind, every active segment, review summaries
   where there are reviews), with the planner's `input_hash` and the `version_for(locale)`
   of the generator `shelfwriter refresh` uses (`default_generator()`, picked by
   SHELFWRITER_GENERATOR: `placeholder` by default, which needs no model files; `model`
   reads the exported manifests in ~/.cache/shelfwriter), COPYed in. catalog_events is
   emptied, VACUUM ANALYZE. The database's comment records a complete, current load; a rerun
   reuses it (`--fresh` rebuilds).
2. Unchanged: `shelfwriter refresh --wait` as a subprocess (the real CLI, its own Redis DB 14
   and queue `bench-refresh-generate`, so nothing real is touched), `--repeats` times; the
   median is `unchanged_100k_s` (the whole command: interpreter start, imports, walk). A run
   that enqueues nothing finishes at the end of its walk, so `--wait` returns at once. The
   queue must stay empty.
3. Where the time goes: the same walk in-process (`worker.refresh.refresh` with a no-op
   publisher) with every SQL statement timed, then the walk's steps timed one by one with
   the functions the walk calls, then under cProfile. EXPLAIN (ANALYZE, BUFFERS) of each
   statement the walk ran for its second page, with the real ids and parameters.
4. Changed: `--changed` random products get a new price or a new attribute (catalog_events
   emptied again: the dispatcher is not what is measured), then `shelfwriter refresh`
   WITHOUT `--wait` (with no worker running, `--wait` would wait for the batches to be
   generated: shown with a 5 s timeout). The queued messages must name exactly the changed
   products. The run is then cancelled and the changes reverted, so the catalog is current
   again for the next run.

The database and the CLI share the machine's CPUs; before each timed step the bench waits
until no other benchmark (bench.web_load, bench.pipeline) runs, and reports the load
average. Output: the steps' numbers, plans and profile, and, last, one JSON line
{"products": N, "unchanged_100k_s": …, "changed_1k_s": …, "changed_enqueued": …,
"unchanged_enqueued": 0, "projected_1m_s": …} (the projection is linear in the products
walked per second measured here).
"""

from __future__ import annotations

import argparse
import base64
import cProfile
import csv
import io
import json
import os
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Before any worker module reads its settings: a broker DB and queue of the bench's own.
BROKER_URL = "redis://127.0.0.1:6379/14"
QUEUE = "bench-refresh-generate"
os.environ["CELERY_BROKER_URL"] = BROKER_URL
os.environ["SHELFWRITER_GENERATE_QUEUE"] = QUEUE
os.environ.setdefault("SHELFWRITER_GENERATOR", "placeholder")

import redis  # noqa: E402
from sqlalchemy import Engine, event, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.orm import Session, sessionmaker  # noqa: E402

from bench.scratch import (  # noqa: E402
    comment_on_database,
    database_comment,
    drop_database,
    explain_analyze,
    progress,
    say,
    sql_text_array,
)
from worker.catalog.facts import ProductFacts, facts_from_row, load_facts  # noqa: E402
from worker.config import get_settings  # noqa: E402
from worker.content.generator import PLACEHOLDER_MARK  # noqa: E402
from worker.content.kinds import KINDS  # noqa: E402
from worker.content.plan import (  # noqa: E402
    VersionFor,
    is_human_owned,
    load_segments,
    memo_versions,
    plan_batch,
    units_for,
)
from worker.db import create_engine_for, session_factory  # noqa: E402
from worker.models import Product, ProductContent, ProductReview  # noqa: E402
from worker.refresh import PAGE, RefreshReason, cancel, get_run, refresh, running_run  # noqa: E402

get_settings.cache_clear()

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/shelfwriter_bench_refresh"
# Written as the database's comment after a complete load; bump it when the data changes.
LAYOUT = "bench.refresh layout 1"
# Products planned and COPYed per transaction while writing the current content.
LOAD_PAGE = 2_000
# Other benchmarks whose load would skew a timing (the bench waits them out).
OTHER_BENCHES = r"bench\.(web_load|pipeline)"
CHANGED_ATTRIBUTE = "bench_finish"

# Word lists for the catalog. Only these constants are interpolated into the load SQL.
BRANDS_EN = ["Northwind", "Acme", "Bluebird", "Harbor", "Kestrel", "Lumen", "Oakridge", "Quill",
             "Summit", "Willow"]  # fmt: skip
COLOURS_EN = ["black", "white", "navy", "olive", "beige", "grey", "red", "teal"]
MATERIALS_EN = ["cotton", "linen", "wool", "leather", "canvas", "stainless steel", "ceramic"]
NOUNS_EN = ["t-shirt", "hoodie", "dress", "sneakers", "backpack", "mug", "teapot", "headphones"]
BRANDS_ZH = ["北辰", "云朵", "小鹿", "青木", "星河", "暖阳", "山野", "素然"]
COLOURS_ZH = ["黑色", "白色", "藏青", "军绿", "米色", "灰色", "红色"]
MATERIALS_ZH = ["纯棉", "亚麻", "羊毛", "真皮", "帆布", "不锈钢", "陶瓷"]
NOUNS_ZH = ["T恤", "卫衣", "连衣裙", "运动鞋", "双肩包", "马克杯", "茶壶", "耳机"]
CATEGORIES = ["apparel/tops", "apparel/dresses", "shoes", "bags", "home/kitchen",
              "electronics/audio"]  # fmt: skip
SIZES = ["XS", "S", "M", "L", "XL", "350 ml", "500 ml", "one size"]
REVIEWS_EN = ["Fits well and feels sturdy.", "Colour is a bit darker than the photo.",
              "Would buy again."]  # fmt: skip
REVIEWS_ZH = ["质量不错，做工扎实。", "颜色比图片深一点。", "会回购。"]


def _any(values: list[str]) -> str:
    """SQL for one of `values` at random, per row."""
    return f"({sql_text_array(values)})[1 + floor(random() * {len(values)})::int]"


def _pick(en: list[str], zh: list[str]) -> str:
    return f"CASE WHEN loc = 'en' THEN {_any(en)} ELSE {_any(zh)} END"


def _products_sql() -> str:
    return f"""
    INSERT INTO products (id, sku, locale, title, brand, category, attributes, keywords,
                          price, currency)
    SELECT i, 'RF-' || lpad(i::text, 8, '0'), loc,
           CASE WHEN loc = 'en' THEN concat_ws(' ', brand, colour, material, noun)
                ELSE concat(brand, colour, material, noun) END,
           brand, category,
           jsonb_build_object('colour', colour, 'material', material, 'size', size),
           ARRAY[noun, material, colour],
           round((5 + random() * 295)::numeric, 2),
           CASE WHEN loc = 'en' THEN 'USD' ELSE 'CNY' END
    FROM (
        SELECT i, loc,
               {_pick(BRANDS_EN, BRANDS_ZH)} AS brand,
               {_pick(COLOURS_EN, COLOURS_ZH)} AS colour,
               {_pick(MATERIALS_EN, MATERIALS_ZH)} AS material,
               {_pick(NOUNS_EN, NOUNS_ZH)} AS noun,
               {_any(CATEGORIES)} AS category,
               {_any(SIZES)} AS size
        FROM (SELECT i, CASE WHEN i % 2 = 0 THEN 'en' ELSE 'zh-CN' END AS loc
              FROM generate_series(1, :n) i) s
        OFFSET 0
    ) g
    """  # noqa: S608


def _reviews_sql() -> str:
    return f"""
    INSERT INTO product_reviews (product_id, rating, text)
    SELECT p.id, 1 + (p.id + k) % 5,
           CASE WHEN p.locale = 'en' THEN ({sql_text_array(REVIEWS_EN)})[k]
                ELSE ({sql_text_array(REVIEWS_ZH)})[k] END
    FROM products p CROSS JOIN generate_series(1, 2) k
    WHERE p.id % 4 = 0
    ORDER BY p.id, k
    """  # noqa: S608


def _mark(products: int, versions: str) -> str:
    return f"{LAYOUT}, {products} products, content current for {versions}"


def _holds(url: str, mark: str, products: int) -> bool:
    """True when the database exists and holds exactly this load, all of it current."""
    if database_comment(url) != mark:  # also None: no such database
        return False
    engine = create_engine_for(url)
    try:
        with engine.connect() as conn:
            count = conn.scalar(text("SELECT count(*) FROM products"))
            return bool(count == products)
    finally:
        engine.dispose()


def _versions(version_for: VersionFor) -> str:
    return ",".join(f"{loc}={version_for(loc)}" for loc in ("en", "zh-CN"))


def write_current(factory: sessionmaker[Session], version_for: VersionFor, total: int) -> int:
    """Current content for every unit the planner plans, COPYed in pages. The planner runs
    over an empty product_content, so it lists every unit with its input hash."""
    version_for = memo_versions(version_for)
    stamp = datetime.now(UTC).isoformat()
    columns = (
        "product_id, kind, segment, locale, body, status, source, model_version, input_hash,"
        " prompt_version, quality, attempts, created_at, updated_at, generated_at"
    )
    rows, cursor, started = 0, 0, time.monotonic()
    while True:
        with factory.begin() as session:
            ids = list(
                session.scalars(
                    select(Product.id).where(Product.id > cursor).order_by(Product.id)
                    .limit(LOAD_PAGE)
                )
            )  # fmt: skip
            if not ids:
                break
            plan = plan_batch(session, load_facts(session, ids), version_for)
            buf = io.StringIO()
            out = csv.writer(buf, quoting=csv.QUOTE_ALL)  # "" stays '' (segment), not NULL
            for item in plan.work:
                pid, kind, segment, locale = item.key
                label = f" ({item.segment.label})" if item.segment else ""
                out.writerow(
                    [pid, kind, segment, locale,
                     f"{PLACEHOLDER_MARK} {kind}{label}: {item.facts.title}",
                     "generated", "model", version_for(locale), item.input_hash,
                     item.spec.prompt_version, '{"placeholder": true}', 1, stamp, stamp, stamp]
                )  # fmt: skip
            buf.seek(0)
            dbapi: Any = session.connection().connection.dbapi_connection
            with dbapi.cursor() as cur:
                cur.copy_expert(f"COPY product_content ({columns}) FROM STDIN (FORMAT csv)", buf)
            rows += len(plan.work)
            cursor = ids[-1]
        if cursor % 20_000 < LOAD_PAGE or cursor >= total:
            progress(
                f"content: {cursor:,}/{total:,} products, {rows:,} rows"
                f" ({time.monotonic() - started:.0f} s)"
            )
    return rows


def load(url: str, products: int, fresh: bool, version_for: VersionFor, seed: float) -> None:
    from worker.migrate import upgrade

    mark = _mark(products, _versions(version_for))
    if not fresh and _holds(url, mark, products):
        progress(f"reusing {make_url(url).database}: {products:,} products, content current")
        return
    drop_database(url)
    progress(f"creating {make_url(url).database} and migrating to head")
    upgrade("head", url)
    engine = create_engine_for(url)
    started = time.monotonic()
    try:
        with engine.begin() as conn:
            # One catalog_events row and a NOTIFY per row otherwise (0001's triggers).
            conn.execute(text("ALTER TABLE products DISABLE TRIGGER USER"))
            conn.execute(text("ALTER TABLE product_reviews DISABLE TRIGGER USER"))
            conn.execute(text("SET LOCAL synchronous_commit = off"))
            conn.execute(text("SELECT setseed(:s)"), {"s": seed})
            progress(f"products: inserting {products:,}")
            conn.execute(text(_products_sql()), {"n": products})
            conn.execute(text(_reviews_sql()))
            conn.execute(text("ALTER TABLE products ENABLE TRIGGER USER"))
            conn.execute(text("ALTER TABLE product_reviews ENABLE TRIGGER USER"))
            conn.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence('products', 'id'),"
                    " (SELECT max(id) FROM products))"
                )
            )
        progress(f"products and reviews done in {time.monotonic() - started:.0f} s")
        factory = sessionmaker(engine, expire_on_commit=False)
        with factory() as session:
            session.execute(text("ANALYZE products"))
            session.execute(text("ANALYZE product_reviews"))
            session.commit()
        rows = write_current(factory, version_for, products)
        progress(f"content: {rows:,} current rows in {time.monotonic() - started:.0f} s")
        with engine.begin() as conn:
            conn.execute(text("TRUNCATE catalog_events"))
    finally:
        engine.dispose()
    progress("VACUUM ANALYZE")
    vacuum = create_engine_for(url, isolation_level="AUTOCOMMIT")
    try:
        with vacuum.connect() as conn:
            conn.execute(
                text("VACUUM (ANALYZE) products, product_reviews, product_content, catalog_events")
            )
    finally:
        vacuum.dispose()
    comment_on_database(url, mark)
    progress(f"loaded in {time.monotonic() - started:.0f} s")


# -- the machine ---------------------------------------------------------------------------


def _other_benches() -> list[str]:
    found = subprocess.run(
        ["pgrep", "-af", OTHER_BENCHES], capture_output=True, text=True, check=False
    ).stdout.splitlines()
    return [line for line in found if not line.startswith(f"{os.getpid()} ")]


def wait_until_quiet(wait: bool = True) -> str:
    """Wait out other benchmarks (`wait`); returns what the machine looked like when timing
    began."""
    waited = 0
    while others := _other_benches():
        if not wait:
            load1, _, _ = os.getloadavg()
            return f"NOT IDLE, load average {load1:.2f}: {'; '.join(others)[:160]}"
        if waited % 60 == 0:
            progress(f"waiting for other benchmarks to end: {'; '.join(others)[:200]}")
        time.sleep(10)
        waited += 10
    load1, load5, _ = os.getloadavg()
    note = f"no other benchmark running; load average {load1:.2f} (1 min), {load5:.2f} (5 min)"
    return note + (f", after waiting {waited} s for one" if waited else "")


# -- the CLI ---------------------------------------------------------------------------------


@dataclass
class CliRun:
    argv: list[str]
    seconds: float
    rc: int | None  # None: killed at the timeout
    stdout: str
    stderr: str

    @property
    def totals(self) -> dict[str, Any]:
        lines = [line for line in self.stdout.splitlines() if line.strip()]
        return cast(dict[str, Any], json.loads(lines[-1])) if lines else {}

    @property
    def last_progress(self) -> str:
        lines = [line for line in self.stderr.splitlines() if line.startswith("run ")]
        return lines[-1] if lines else ""


def cli_argv(*args: str) -> list[str]:
    exe = shutil.which("shelfwriter", path=str(Path(sys.executable).parent))
    return [exe, *args] if exe else [sys.executable, "-m", "worker.cli", *args]


def run_cli(argv: list[str], env: dict[str, str], timeout: float) -> CliRun:
    started = time.perf_counter()
    try:
        done = subprocess.run(
            argv, env=env, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        err = exc.stderr.decode() if isinstance(exc.stderr, bytes) else (exc.stderr or "")
        return CliRun(argv, time.perf_counter() - started, None, out, err)
    return CliRun(argv, time.perf_counter() - started, done.returncode, done.stdout, done.stderr)


# -- the queue -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Queued:
    task_id: str
    product_ids: list[int]
    force: bool


def queued(client: redis.Redis, queue: str) -> list[Queued]:
    """Every message waiting in the Celery queue (tests/helpers.py `queued_tasks`)."""
    out = []
    for raw in cast(list[bytes], client.lrange(queue, 0, -1)):
        message = json.loads(raw)
        args, kwargs = json.loads(base64.b64decode(message["body"]))[:2]
        out.append(
            Queued(message["headers"]["id"], list(args[0]), bool(kwargs.get("force", False)))
        )
    return out


def clear_queue(client: redis.Redis) -> None:
    # Only the bench's own queue: DB 14 may also serve a test worker (tests use DBs 1-15).
    client.delete(QUEUE)


def cancel_running(factory: sessionmaker[Session]) -> None:
    current = running_run(factory)
    if current is not None:
        progress(f"cancelling run {current.run_id}, left running by an earlier bench")
        cancel(factory, current.run_id)


# -- where the time goes ------------------------------------------------------------------


@dataclass
class SqlLog:
    seconds: float = 0.0
    statements: int = 0
    page: int = 0
    # Statement shape → the latest (statement, parameters) seen in the first two pages.
    captured: dict[str, tuple[str, Any]] | None = None


@contextmanager
def sql_timing(engine: Engine, log: SqlLog) -> Iterator[None]:
    """Time every statement's execute (psycopg2 fetches the rows inside it) on `engine`."""

    def before(conn: Any, cursor: Any, statement: str, params: Any, ctx: Any, many: bool) -> None:
        conn.info.setdefault("bench_started", []).append(time.perf_counter())
        if log.captured is not None and log.page <= 1:
            shape = re.sub(r"%\(\w+\)s(, %\(\w+\)s)*", "?", statement)
            log.captured[shape] = (statement, params)

    def after(conn: Any, cursor: Any, statement: str, params: Any, ctx: Any, many: bool) -> None:
        log.seconds += time.perf_counter() - conn.info["bench_started"].pop()
        log.statements += 1

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        yield
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)


def _noop_publish(product_ids: list[int], force: bool, run_id: int) -> None:
    raise AssertionError(f"the unchanged walk published {len(product_ids)} products")


def walk_in_process(
    factory: sessionmaker[Session], version_for: VersionFor, log: SqlLog
) -> tuple[float, int]:
    """The real walk (`worker.refresh.refresh`), no publisher: (seconds, pages)."""
    engine: Engine = factory.kw["bind"]

    def on_page(_: Any) -> None:
        log.page += 1

    cancel_running(factory)
    started = time.perf_counter()
    with sql_timing(engine, log):
        totals = refresh(
            factory, RefreshReason.manual, publish=_noop_publish, version_for=version_for,
            on_page=on_page,
        )  # fmt: skip
    seconds = time.perf_counter() - started
    assert totals.status == "finished" and totals.enqueued == 0, totals
    return seconds, log.page


def step_times(
    factory: sessionmaker[Session], version_for: VersionFor, max_age_days: int
) -> dict[str, float]:
    """The walk's steps timed one by one, page by page, with the functions the walk calls
    (`walk` → `load_facts` → `stale_products` → `plan_batch`), in the same order and
    transactions. The run bookkeeping (get_run, cursor UPDATE, commit) is left out."""
    version_for = memo_versions(version_for)
    kinds = tuple(KINDS)
    spent: dict[str, float] = defaultdict(float)
    cursor = 0

    def lap(name: str, since: float) -> float:
        now = time.perf_counter()
        spent[name] += now - since
        return now

    while True:
        with factory.begin() as session:
            t = time.perf_counter()
            ids = list(
                session.scalars(
                    select(Product.id)
                    .where(Product.id > cursor, Product.deleted_at.is_(None))
                    .order_by(Product.id)
                    .limit(PAGE)
                )
            )
            t = lap("page ids query", t)
            if not ids:
                break
            products = list(
                session.scalars(select(Product).where(Product.id.in_(ids)).order_by(Product.id))
            )
            t = lap("load_facts: products query + ORM rows", t)
            reviews: dict[int, list[ProductReview]] = {}
            for review in session.scalars(
                select(ProductReview).where(ProductReview.product_id.in_(ids))
            ):
                reviews.setdefault(review.product_id, []).append(review)
            t = lap("load_facts: reviews query + ORM rows", t)
            facts: dict[int, ProductFacts] = {
                row.id: facts_from_row(row, reviews.get(row.id)) for row in products
            }
            t = lap("load_facts: facts_from_row", t)
            segments = load_segments(session)
            t = lap("plan_batch: segments query", t)
            existing = {
                (r.product_id, r.kind, r.segment, r.locale): r
                for r in session.scalars(
                    select(ProductContent).where(ProductContent.product_id.in_(list(facts)))
                )
            }
            t = lap("plan_batch: content query + ORM rows", t)
            units = [(f, units_for(f, segments, kinds)) for f in facts.values() if not f.deleted]
            t = lap("plan_batch: units_for (input_hash)", t)
            stale: set[int] = set()
            for product, items in units:
                version = version_for(product.locale)
                for item in items:
                    row = existing.get(item.key)
                    if (
                        row is None
                        or is_human_owned(row)
                        or not (row.input_hash == item.input_hash and row.model_version == version)
                    ):
                        stale.add(product.id)
            t = lap("plan_batch: compare with rows", t)
            if max_age_days > 0:
                candidates = [pid for pid in facts if pid not in stale]
                list(
                    session.scalars(
                        select(ProductContent).where(
                            ProductContent.product_id.in_(candidates),
                            text(
                                "COALESCE(product_content.generated_at,"
                                " product_content.updated_at)"
                                " < now() - make_interval(days => :days)"
                            ).bindparams(days=max_age_days),
                        )
                    )
                )
                t = lap("stale_products: aged-content query", t)
            cursor = ids[-1]
        lap("commit", t)
    return dict(spent)


def profile_walk(factory: sessionmaker[Session], version_for: VersionFor, lines: list[str]) -> None:
    cancel_running(factory)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    totals = refresh(factory, RefreshReason.manual, publish=_noop_publish, version_for=version_for)
    profiler.disable()
    seconds = time.perf_counter() - started
    assert totals.enqueued == 0, totals
    say(lines, f"walk under cProfile: {seconds:.1f} s (profiling inflates Python-heavy code)")
    for order, count in (("tottime", 22), ("cumulative", 30)):
        buf = io.StringIO()
        stats = pstats.Stats(profiler, stream=buf)
        stats.strip_dirs().sort_stats(order).print_stats(count)
        body = buf.getvalue()
        body = body[body.find("   ncalls") :]
        say(lines, f"### cProfile, top {count} by {order}")
        for line in body.rstrip().splitlines():
            say(lines, line.rstrip()[:150])
        say(lines)


# -- EXPLAIN ---------------------------------------------------------------------------------


def _label(statement: str) -> str | None:
    s = " ".join(statement.split())
    if s.startswith("SELECT pg_") or s.startswith("INSERT"):
        return None  # advisory locks; the run's INSERT (one per run)
    if "FROM products WHERE products.id >" in s:
        return "walk: page of product ids"
    if "SELECT DISTINCT products.locale" in s:
        return "describe_versions: catalog locales (once per run)"
    if "FROM products WHERE products.id IN" in s:
        return "load_facts: products"
    if "FROM product_reviews" in s:
        return "load_facts: reviews"
    if "FROM segments" in s:
        return "plan_batch: segments"
    if "FROM product_content" in s and "COALESCE" in s:
        return "stale_products: aged content"
    if "FROM product_content" in s:
        return "plan_batch: content rows"
    if s.startswith("UPDATE refresh_runs SET cursor"):
        return "walk: cursor UPDATE (rolled back)"
    if s.startswith("UPDATE refresh_runs SET status"):
        return "try_finish UPDATE (rolled back)"
    if "FROM refresh_runs" in s:
        return "get_run / running_run"
    return s[:60]


def explain(engine: Engine, captured: dict[str, tuple[str, Any]], lines: list[str]) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of each statement the walk ran, as it ran it (its second
    page's ids and parameters), in one transaction that is rolled back."""
    say(lines, "## EXPLAIN (ANALYZE, BUFFERS) of the walk's statements (second page, warm)")
    summary: list[str] = []
    raw = engine.raw_connection()
    try:
        cur: Any = raw.cursor()
        seen: set[str] = set()
        for statement, params in captured.values():
            label = _label(statement)
            if label is None or label in seen:
                continue
            seen.add(label)
            plan = explain_analyze(cur, statement, params)
            scans = re.findall(
                r"((?:Index Only|Index|Bitmap Index) Scan(?: Backward)? (?:using|on) \w+"
                r"|Seq Scan on \w+)",
                "\n".join(plan),
            )
            took = next((p for p in plan if p.startswith("Execution Time")), "")
            rows = re.search(r"rows=(\d+) loops", plan[0])
            summary.append(
                f"{label:52s} {took.removeprefix('Execution Time: '):>10s}"
                f"  rows {rows.group(1) if rows else '?':>5s}  {', '.join(dict.fromkeys(scans))}"
            )
            say(lines, f"### {label}")
            say(lines, "    " + " ".join(statement.split())[:200])
            for line in plan:
                say(lines, "    " + line[:180])
            say(lines)
        raw.rollback()
    finally:
        raw.close()
    say(lines, "## EXPLAIN summary: statement, execution time, rows, scans")
    for line in summary:
        say(lines, line)
    say(lines)


# -- the changed catalog ---------------------------------------------------------------------


def change(engine: Engine, ids: list[int], revert: bool) -> None:
    """A new price on the even-indexed half of `ids`, a new attribute on the other half (or
    both undone); catalog_events emptied after, so the dispatcher is not what is measured."""
    prices, attributes = ids[0::2], ids[1::2]
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE products SET price = price + :d WHERE id = ANY(:i)"),
            {"d": -1 if revert else 1, "i": prices},
        )
        conn.execute(
            text(
                "UPDATE products SET attributes = attributes - CAST(:k AS text) WHERE id = ANY(:i)"
                if revert
                else "UPDATE products SET attributes = attributes || jsonb_build_object("
                " CAST(:k AS text), 'matte') WHERE id = ANY(:i)"
            ),
            {"k": CHANGED_ATTRIBUTE, "i": attributes},
        )
        conn.execute(text("TRUNCATE catalog_events"))


def still_stale(factory: sessionmaker[Session], version_for: VersionFor, ids: list[int]) -> int:
    with factory() as session:
        return len(plan_batch(session, load_facts(session, ids), version_for).work)


# -- main ------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--changed", type=int, default=1_000)
    parser.add_argument("--repeats", type=int, default=3, help="timed unchanged refreshes")
    parser.add_argument("--generator", choices=("placeholder", "model"), default="placeholder")
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--fresh", action="store_true", help="drop and rebuild the database")
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile walk")
    parser.add_argument(
        "--no-wait", dest="wait", action="store_false",
        help="time even while another benchmark runs (the output says so)",
    )  # fmt: skip
    parser.add_argument("--timeout", type=float, default=600.0, help="per CLI run, seconds")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/refresh.txt")
    args = parser.parse_args()

    url: str = args.database_url
    n: int = args.products
    os.environ["DATABASE_URL"] = url
    os.environ["SHELFWRITER_GENERATOR"] = args.generator
    get_settings.cache_clear()
    from worker.content.pipeline import default_generator

    version_for = memo_versions(default_generator().version_for)
    load(url, n, args.fresh, version_for, (args.seed % 100) / 100)

    factory = session_factory(url)
    engine: Engine = factory.kw["bind"]
    client = redis.Redis.from_url(BROKER_URL)
    env = {**os.environ}
    ok = True
    lines: list[str] = []
    with factory() as session:
        content_rows = int(session.scalar(text("SELECT count(*) FROM product_content")) or 0)
        reviewed = int(
            session.scalar(text("SELECT count(DISTINCT product_id) FROM product_reviews")) or 0
        )
    say(lines, f"# bench.refresh: {n:,} products ({reviewed:,} with reviews),"
                f" {content_rows:,} current content rows, generator {args.generator}"
                f" ({_versions(version_for)})")  # fmt: skip
    say(lines, f"# {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs shared with other"
                f" work; PostgreSQL on the same machine; page size {PAGE},"
                f" max age {get_settings().refresh_max_age_days} days")  # fmt: skip
    say(lines)

    # -- 1. unchanged --------------------------------------------------------------------
    say(lines, "## Unchanged catalog: shelfwriter refresh --wait")
    argv = cli_argv("refresh", "--wait")
    say(lines, f"command: DATABASE_URL={url} CELERY_BROKER_URL={BROKER_URL}"
                f" SHELFWRITER_GENERATE_QUEUE={QUEUE} SHELFWRITER_GENERATOR={args.generator}"
                f" {' '.join(argv)}")  # fmt: skip
    unchanged: list[float] = []
    unchanged_enqueued = 0
    for i in range(args.repeats):
        cancel_running(factory)
        clear_queue(client)
        note = wait_until_quiet(args.wait)
        progress(f"unchanged refresh {i + 1}/{args.repeats}")
        run = run_cli(argv, env, args.timeout)
        waiting = client.llen(QUEUE)
        totals = run.totals if run.rc is not None else {}
        enqueued = int(totals.get("enqueued", -1))
        unchanged_enqueued = max(unchanged_enqueued, enqueued, waiting)
        say(lines, f"run {i + 1}: {run.seconds:.2f} s, rc {run.rc}, {waiting} messages queued;"
                    f" {note}")  # fmt: skip
        say(lines, f"    {run.last_progress}")
        say(lines, f"    {run.stdout.strip().splitlines()[-1] if run.stdout.strip() else ''}")
        if run.rc is None:
            say(lines, f"    BLOCKED: --wait did not return within {args.timeout:.0f} s")
            ok = False
            break
        if run.rc != 0 or enqueued != 0 or waiting != 0 or totals.get("status") != "finished":
            say(lines, f"    UNEXPECTED: {run.stderr.strip()[-600:]}")
            ok = False
        unchanged.append(run.seconds)
    unchanged_s = statistics.median(unchanged) if unchanged else float("nan")
    say(lines, f"unchanged: median {unchanged_s:.2f} s of {len(unchanged)} runs"
                f" ({n / unchanged_s:,.0f} products/s, whole command)")  # fmt: skip
    say(lines)

    # -- 2. where the time goes ------------------------------------------------------------
    say(lines, "## Where the unchanged walk's time goes (in-process, no subprocess)")
    wait_until_quiet(args.wait)
    log = SqlLog(captured={})
    walk_s, pages = walk_in_process(factory, version_for, log)
    say(lines, f"walk in-process (worker.refresh.refresh, no-op publisher): {walk_s:.2f} s,"
                f" {pages} pages, {log.statements} SQL statements"
                f" ({log.statements / max(pages, 1):.1f} per page),"
                f" SQL execute+fetch {log.seconds:.2f} s"
                f" ({100 * log.seconds / walk_s:.0f}%)")  # fmt: skip
    if unchanged:
        say(lines, f"CLI overhead (interpreter, imports, progress lines):"
                    f" ~{unchanged_s - walk_s:.2f} s")  # fmt: skip
    spent = step_times(factory, version_for, get_settings().refresh_max_age_days)
    total = sum(spent.values())
    say(lines, f"### the walk's steps, timed one by one (sum {total:.2f} s; run bookkeeping"
                " not included)")  # fmt: skip
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        say(lines, f"{name:44s} {seconds:7.2f} s  {100 * seconds / total:5.1f}%"
                    f"  {1000 * seconds / max(pages, 1):7.2f} ms/page")  # fmt: skip
    say(lines)
    if not args.no_profile:
        wait_until_quiet(args.wait)
        profile_walk(factory, version_for, lines)
    if log.captured:
        explain(engine, log.captured, lines)

    # -- 3. changed ------------------------------------------------------------------------
    k = min(args.changed, n)
    say(lines, f"## {k:,} changed products: shelfwriter refresh (no --wait)")
    changed = sorted(random.Random(args.seed).sample(range(1, n + 1), k))
    comment_on_database(url, f"{LAYOUT}, {n} products, changes applied (rebuild)")
    change(engine, changed, revert=False)
    cancel_running(factory)
    clear_queue(client)
    argv = cli_argv("refresh")
    say(lines, f"command: (same environment) {' '.join(argv)}")
    note = wait_until_quiet(args.wait)
    run = run_cli(argv, env, args.timeout)
    totals = run.totals if run.rc is not None else {}
    messages = queued(client, QUEUE)
    enqueued_ids = [pid for m in messages for pid in m.product_ids]
    changed_s = run.seconds
    say(lines, f"{changed_s:.2f} s, rc {run.rc}; {note}")
    say(lines, f"    {run.last_progress}")
    say(lines, f"    {run.stdout.strip().splitlines()[-1] if run.stdout.strip() else ''}")
    say(lines, f"queued: {len(messages)} messages, {len(enqueued_ids)} product ids"
                f" ({len(set(enqueued_ids))} distinct), {sum(m.force for m in messages)} forced;"
                f" batch size {get_settings().generate_batch_size}, cut per page")  # fmt: skip
    exact = sorted(enqueued_ids) == changed and int(totals.get("enqueued", -1)) == k
    say(lines, "enqueued exactly the changed products" if exact else
                f"MISMATCH: {len(set(enqueued_ids) - set(changed))} unexpected,"
                f" {len(set(changed) - set(enqueued_ids))} missing")  # fmt: skip
    ok = ok and exact and run.rc == 0
    run_id = totals.get("run_id")
    if isinstance(run_id, int):
        # What --wait would do now: the run waits for workers to count its batches.
        blocked = run_cli(cli_argv("refresh", "--wait"), env, 5.0)
        outcome = (
            "still waiting after 5 s (no worker generates the batches), killed"
            if blocked.rc is None
            else f"returned rc {blocked.rc}: {blocked.stdout.strip()}"
        )
        say(lines, f"refresh --wait on this run: {outcome}")
        cancel(factory, run_id)
        state = get_run(factory, run_id)
        say(lines, f"run {run_id} then cancelled ({state.status if state else '?'})")
    clear_queue(client)
    change(engine, changed, revert=True)
    left = still_stale(factory, version_for, changed)
    if left == 0:
        comment_on_database(url, _mark(n, _versions(version_for)))
    say(lines, f"changes reverted; {left} units of the changed products still stale")
    say(lines)

    projected = unchanged_s * 1_000_000 / n
    say(lines, f"projected 1M unchanged: {projected:.0f} s (linear in the measured"
                f" {n / unchanged_s:,.0f} products/s, whole command)")  # fmt: skip
    summary = {
        "products": n,
        "unchanged_100k_s": round(unchanged_s, 2),
        "changed_1k_s": round(changed_s, 2),
        "changed_enqueued": len(enqueued_ids),
        "unchanged_enqueued": unchanged_enqueued,
        "projected_1m_s": round(projected, 1),
    }
    say(lines)
    say(lines, json.dumps(summary))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    progress(f"wrote {args.out}")
    client.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
