"""`shelfwriter demo`: the whole pipeline on one machine, with nothing installed but Python.

Without DATABASE_URL / CELERY_BROKER_URL it starts a real PostgreSQL and Redis from wheels
(`worker.demo.embedded`); with them it uses those services. Then it migrates, imports a sample
catalog, starts a dispatcher and a worker, and shows content landing as the real path runs:
trigger → outbox → dispatcher → Redis → worker → `product_content`. It edits two products,
shows the regenerated content, and stops every process it started — also on Ctrl-C, on
SIGTERM, and (through parent-death signals) when it is killed.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from worker.catalog.facts import load_facts
from worker.catalog.locales import is_chinese
from worker.cli._console import progress_bar
from worker.config import get_settings
from worker.content.kinds import KINDS
from worker.content.plan import load_segments, units_for
from worker.demo import embedded
from worker.demo.process import ChildProcess, stop_all
from worker.models import ContentStatus, Product, ProductContent

ROOT_ENV = ("DATABASE_URL", "CELERY_BROKER_URL")
# Seconds a worker or dispatcher gets to stop before it is killed.
CHILD_STOP_TIMEOUT_S = 20.0


def sample_catalog() -> Path:
    return Path(str(resources.files("worker") / "samples" / "catalog.jsonl"))


def _spawn(
    name: str,
    argv: list[str],
    env: dict[str, str],
    logs: Path,
    stop_signal: signal.Signals = signal.SIGTERM,
) -> ChildProcess:
    """A worker or dispatcher process, logging to LOGS/NAME.log; if the demo is SIGKILLed, the
    kernel sends it `stop_signal`: nothing outlives us."""
    logs.mkdir(parents=True, exist_ok=True)
    return ChildProcess.start(name, argv, logs / f"{name}.log", stop_signal=stop_signal, env=env)


@contextlib.contextmanager
def _services(data_dir: Path, console: Console) -> Iterator[tuple[dict[str, str], dict[str, int]]]:
    """The URLs to use — configured ones, or embedded servers started (and stopped) here —
    and the pids of the servers started."""
    configured = {k: os.environ[k] for k in ROOT_ENV if os.environ.get(k)}
    if len(configured) == len(ROOT_ENV):
        console.print("using the configured DATABASE_URL and CELERY_BROKER_URL")
        yield configured, {}
        return
    started = time.perf_counter()
    with embedded.embedded_services(data_dir) as services:
        how = "new" if services.initialized else "reused"
        console.print(
            f"embedded PostgreSQL :{services.ports['postgres']}"
            f" and Redis :{services.ports['redis']}"
            f" ({how} data in {data_dir}, {time.perf_counter() - started:.1f}s)"
        )
        urls = {
            "DATABASE_URL": configured.get("DATABASE_URL", services.database_url),
            "CELERY_BROKER_URL": configured.get("CELERY_BROKER_URL", services.broker_url),
        }
        yield urls, dict(services.pids)


def _expected_units(
    factory: sessionmaker[Session], product_ids: list[int]
) -> dict[tuple[int, str, str, str], str]:
    """Every unit these products should have → its current input hash."""
    with factory() as session:
        facts = load_facts(session, product_ids)
        segments = load_segments(session)
    return {
        item.key: item.input_hash
        for f in facts.values()
        if not f.deleted
        for item in units_for(f, segments, KINDS)
    }


def _landed(
    factory: sessionmaker[Session], expected: dict[tuple[int, str, str, str], str]
) -> dict[tuple[int, str, str, str], ProductContent]:
    """Rows done for the expected input hash: generated, failed with a reason, or a failed
    attempt recorded beside the previous good text."""
    ids = sorted({key[0] for key in expected})
    with factory() as session:
        rows = session.scalars(select(ProductContent).where(ProductContent.product_id.in_(ids)))
        return {
            (r.product_id, r.kind, r.segment, r.locale): r
            for r in rows
            if expected.get((r.product_id, r.kind, r.segment, r.locale))
            in (r.input_hash, (r.quality or {}).get("last_failure", {}).get("input_hash"))
            or r.locked
            or r.status in (ContentStatus.approved, ContentStatus.edited)
        }


def _show(console: Console, sku: str, row: ProductContent) -> None:
    label = row.kind + (f"/{row.segment}" if row.segment else "")
    # Copy and product data are plain text: escape them so they cannot inject markup.
    sku = escape(sku)
    if row.status == ContentStatus.failed or row.error:
        console.print(f"  [red]{sku:<10} {label:<32} failed:[/red] {escape(row.error or '')}")
    else:
        body = escape((row.body or "").replace("\n", " "))
        console.print(f"  {sku:<10} [cyan]{label:<32}[/cyan] {body[:200]}", highlight=False)


def _wait_and_show(
    factory: sessionmaker[Session],
    expected: dict[tuple[int, str, str, str], str],
    skus: dict[int, str],
    console: Console,
    children: list[ChildProcess],
    stall_timeout: float,
    title: str,
) -> dict[tuple[int, str, str, str], ProductContent]:
    """Show units as they land; give up only when none has landed for `stall_timeout`
    seconds. A slow CPU (2-6x between machines we measured) still makes progress, and a
    total deadline would fail it half way for no reason."""
    shown: set[tuple[int, str, str, str]] = set()
    landed: dict[tuple[int, str, str, str], ProductContent] = {}
    deadline = time.monotonic() + stall_timeout
    with progress_bar(title, on=console) as progress:
        bar = progress.add_task(title, total=len(expected))
        while len(landed) < len(expected):
            for child in children:
                if child.proc.poll() is not None:
                    raise RuntimeError(
                        f"{child.name} exited with {child.proc.returncode}; see {child.log_path}"
                    )
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"no content landed for {stall_timeout:.0f}s and"
                    f" {len(expected) - len(landed)} content units still missing;"
                    f" see the logs in {children[0].log_path.parent}"
                )
            before = len(landed)
            landed = _landed(factory, expected)
            if len(landed) > before:
                deadline = time.monotonic() + stall_timeout
            for key in sorted(set(landed) - shown):
                _show(progress.console, skus[key[0]], landed[key])
                shown.add(key)
            progress.update(bar, completed=len(landed))
            if len(landed) < len(expected):
                time.sleep(0.5)
    return landed


def _edit_two_products(factory: sessionmaker[Session], product_ids: list[int]) -> list[int]:
    """One edit per locale, as a merchandiser would make: a price cut and a new colour."""
    with factory.begin() as session:
        products = list(
            session.scalars(select(Product).where(Product.id.in_(product_ids)).order_by(Product.id))
        )
        picked: dict[str, Product] = {}
        for p in products:
            picked.setdefault(p.locale, p)
        edited = []
        for p in list(picked.values())[:2]:
            if p.price is not None:
                p.price = (p.price * 8 / 10).quantize(p.price)
            colour_key = "颜色" if is_chinese(p.locale) else "colour"
            new_colour = "森林绿" if is_chinese(p.locale) else "forest green"
            p.attributes = {**p.attributes, colour_key: new_colour}
            edited.append(p.id)
    return edited


def run_demo(
    products_file: Path | None,
    data_dir: Path,
    *,
    timeout: float = 900.0,
    keep_running: bool = False,
    console: Console | None = None,
) -> int:
    console = console or Console()
    started = time.perf_counter()
    products_file = products_file or sample_catalog()
    restore_signals = embedded.exit_on_termination_signals()
    children: list[ChildProcess] = []
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        with _services(data_dir, console) as (urls, server_pids):
            # Everything below — this process and the children — uses these services.
            os.environ.update(urls)
            get_settings.cache_clear()
            from worker.catalog.importer import import_catalog, read_records
            from worker.db import dispose_engines, session_factory
            from worker.migrate import upgrade

            dispose_engines()
            upgrade("head")
            factory = session_factory()
            with factory() as session:
                import_started = session.execute(text("SELECT now()")).scalar_one()
            console.print(f"importing {products_file}")
            report = import_catalog(factory, products_file)
            console.print(
                f"  {report.inserted} new, {report.updated} changed, {report.unchanged} unchanged,"
                f" {len(report.rejected)} rejected"
            )
            for r in report.rejected[:10]:
                sku, reason = escape(r.sku or ""), escape(r.reason)  # data from the file
                console.print(f"  [yellow]line {r.line} ({sku}): {reason}[/yellow]")
            skus_in_file = [
                str(rec["sku"]).strip()
                for _, rec in read_records(products_file)
                if isinstance(rec, dict) and rec.get("sku")
            ]
            with factory() as session:
                rows = session.execute(
                    select(Product.id, Product.sku).where(Product.sku.in_(skus_in_file))
                ).all()
            skus = {pid: sku for pid, sku in rows}
            product_ids = sorted(skus)
            if not product_ids:
                console.print("[red]no valid products to generate for[/red]")
                return 2

            _prepare_generation(factory, product_ids, console)

            env = dict(os.environ)
            logs = data_dir / "logs"
            py = sys.executable
            queue = get_settings().generate_queue
            # Solo pool: one process, no fork, so a killed demo leaves no pool children.
            children.append(
                _spawn(
                    "worker",
                    [
                        py,
                        "-m",
                        "celery",
                        "-A",
                        "worker",
                        "worker",
                        "-Q",
                        queue,
                        "--pool",
                        "solo",
                        "--loglevel",
                        "INFO",
                        "-n",
                        f"demo-{os.getpid()}@%h",
                    ],
                    env,
                    logs,
                    # Cold shutdown: SIGTERM would let a running batch finish first (minutes
                    # on a CPU). The batch is acked late, so it is redelivered, not lost.
                    stop_signal=signal.SIGQUIT,
                )
            )
            children.append(_spawn("dispatch", [py, "-m", "worker.cli", "dispatch"], env, logs))
            # Every process this demo started, for operators (and tests) to check none outlive it.
            pids = {"demo": os.getpid(), **server_pids, **{c.name: c.proc.pid for c in children}}
            (data_dir / "demo.json").write_text(json.dumps({"pids": pids}, indent=2) + "\n")
            _catch_up(factory, product_ids, import_started)

            expected = _expected_units(factory, product_ids)
            console.rule(
                f"generating {len(expected)} content units for {len(product_ids)} products"
            )
            _wait_and_show(factory, expected, skus, console, children, timeout, "content")

            edited = _edit_two_products(factory, product_ids)
            names = ", ".join(skus[p] for p in edited)
            console.rule(f"editing {names}: price −20 %, new colour → regenerated")
            expected_after = _expected_units(factory, edited)
            _wait_and_show(
                factory, expected_after, skus, console, children, timeout, "regenerating"
            )

            with factory() as session:
                counts: dict[str, int] = dict(
                    session.execute(
                        text(
                            "SELECT status, count(*) FROM product_content"
                            " WHERE product_id = ANY(:ids) GROUP BY status"
                        ),
                        {"ids": product_ids},
                    ).all()
                )
            elapsed = time.perf_counter() - started
            console.rule("done")
            console.print(
                f"{len(product_ids)} products, content rows by status: {json.dumps(counts)}"
                f" in {elapsed:.1f}s"
            )
            from worker.ops.status import collect_status

            status = collect_status(factory, broker_url=urls["CELERY_BROKER_URL"])
            console.print(f"shelfwriter status --json: {json.dumps(status, ensure_ascii=False)}")
            db_url, broker_url = urls["DATABASE_URL"], urls["CELERY_BROKER_URL"]
            console.print(f"data: {data_dir}  (server and worker logs in {logs})")
            how = (
                "now, in another terminal"
                if keep_running
                else "with `shelfwriter demo --keep-running`"
            )
            console.print(f"look at it {how}:")
            console.print(
                f"  DATABASE_URL='{db_url}' CELERY_BROKER_URL='{broker_url}' shelfwriter status",
                highlight=False,
            )
            psql_url = db_url.replace("+psycopg2", "")
            query = "SELECT product_id, kind, segment, body FROM product_content"
            console.print(f"  psql '{psql_url}' -c '{query}'", highlight=False)
            console.print(
                f"  CELERY_BROKER_URL='{broker_url}' celery -A worker flower  (Flower: monitoring)",
                highlight=False,
            )
            if keep_running:
                desk_url, password = _start_desk(factory, env, logs, children)
                pids["web"] = children[-1].proc.pid
                (data_dir / "demo.json").write_text(json.dumps({"pids": pids}, indent=2) + "\n")
                console.print(
                    f"review desk: {desk_url}  (sign in as {DEMO_USER} / {password})",
                    highlight=False,
                )
                console.print(
                    "services, dispatcher, worker and desk keep running; Ctrl-C stops them all"
                )
                with contextlib.suppress(KeyboardInterrupt):
                    while all(c.proc.poll() is None for c in children):
                        time.sleep(1)
            return 0
    finally:
        stop_all(children, CHILD_STOP_TIMEOUT_S)
        restore_signals()


DEMO_USER = "demo"


def _start_desk(
    factory: sessionmaker[Session], env: dict[str, str], logs: Path, children: list[ChildProcess]
) -> tuple[str, str]:
    """`shelfwriter web` on a free local port, with a demo reviewer whose password is new
    each run (printed, never a fixed default). Plain HTTP on 127.0.0.1, so cookies are not
    marked Secure (a browser would not send them back over http://)."""
    import secrets

    from worker.models import Role
    from worker.web.accounts import AccountError, add_user, reset_password

    password = secrets.token_urlsafe(9)
    try:
        add_user(factory, DEMO_USER, password, Role.reviewer)
    except AccountError:
        reset_password(factory, DEMO_USER, password)
    port = embedded.free_port()
    web_env = {**env, "SHELFWRITER_WEB_COOKIE_SECURE": "0"}
    argv = [sys.executable, "-m", "worker.cli", "web", "--port", str(port)]
    children.append(_spawn("web", argv, web_env, logs))
    url = f"http://127.0.0.1:{port}/"
    import httpx

    for _ in range(100):  # up within a few seconds; a slow start still prints the URL
        try:
            if httpx.get(url + "healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    return url, password


def _prepare_generation(
    factory: sessionmaker[Session], product_ids: list[int], console: Console
) -> None:
    """Models and vocabularies the content step needs, made ready before the worker starts
    (the first run exports the default models — minutes; later runs find them cached)."""
    settings = get_settings()
    if settings.generator != "model":
        return
    if settings.model_dir is None:
        from exporter.pull import ensure_default_models

        with factory() as session:
            locales = set(
                session.scalars(select(Product.locale).where(Product.id.in_(product_ids)))
            )
        started = time.perf_counter()
        with console.status("preparing models") as status:

            def report(message: str) -> None:
                status.update(f"[{time.perf_counter() - started:5.0f}s] {message}")

            ready = ensure_default_models(locales, device=settings.device, report=report)
        for lang, path in sorted(ready.items()):
            console.print(f"model for {lang}: {path}")
    from worker.tags.defaults import load_default_vocabularies

    with console.status("loading tag vocabularies"):
        reports = load_default_vocabularies(factory)
    for name, r in reports.items():
        console.print(f"tag vocabulary {name}: {r.entries} entries ({r.embedded} embedded now)")


def _catch_up(factory: sessionmaker[Session], product_ids: list[int], since: object) -> None:
    """Send products whose content is not current, and which this run's import did not
    already put through the outbox, straight to the queue.

    A re-run imports nothing new (no events), yet a previous run may have been interrupted
    mid-generation; this makes the demo finish anyway. (A duplicate would be harmless: the
    task skips units that are already current.)"""
    from worker.content.pipeline import default_generator
    from worker.content.plan import plan_batch
    from worker.dispatch import celery_publisher

    generator = default_generator()
    with factory() as session:
        plan = plan_batch(session, load_facts(session, product_ids), generator.version_for)
        in_outbox = set(
            session.scalars(
                text("SELECT DISTINCT product_id FROM catalog_events WHERE created_at >= :t"),
                {"t": since},
            )
        )
    stale = sorted({item.facts.id for item in plan.work} - in_outbox)
    publish = celery_publisher()
    batch = get_settings().generate_batch_size
    for start in range(0, len(stale), batch):
        publish(stale[start : start + batch], f"demo-catch-up-{os.getpid()}-{start}")
