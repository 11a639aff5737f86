"""Soak: N catalog events through the real dispatcher, Redis and Celery workers while faults
are injected at random, then a census of what came out.

    python bench/soak.py --events 20000 [--seed 7] [--generator placeholder|tiny]
                         [--products N] [--rate 100] [--fault-every 4.0] [--settle-timeout 180]

Everything runs on private, throwaway servers (a PostgreSQL cluster and a Redis of its own,
from the project's own wheels; see tests/faults/servers.py, shared with the fault tests so
both inject faults the same way), never on the machine's shared services. Faults, one every
`--fault-every` seconds on average while events flow: SIGKILL the worker (parent and pool)
and start a new one, crash and restart Redis, crash (immediate shutdown) and restart
PostgreSQL. The events themselves are inserts and concurrent updates of random products,
written while batches for the same products are being generated.

The generator is the placeholder by default (delivery is what is soaked; no model load);
`--generator tiny` exports the tests' tiny random ONNX model first (~20 s, needs the
`export` extra) and runs the real content step, whose gibberish mostly ends `failed`.

Prints progress and the faults injected, then, last, one JSON object on one line with
exactly the keys events, content, lost, duplicated, stale, failed (tests/faults/servers.py
`Census` says what each counts). Exit status 1 when anything was lost, duplicated or stale.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# This process's own settings (queue name, device) before any worker module reads them.
os.environ["SHELFWRITER_GENERATE_QUEUE"] = "soak-generate"
os.environ.setdefault("SHELFWRITER_DEVICE", "cpu")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from rich.console import Console  # noqa: E402
from rich.progress import (  # noqa: E402
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from sqlalchemy.orm import Session, sessionmaker  # noqa: E402

from tests.faults.servers import (  # noqa: E402
    PrivatePostgres,
    PrivateRedis,
    census,
    fast_redelivery,
    insert_products,
    pending_events,
    service_env,
    settled,
    update_products,
)
from tests.processes import CeleryWorker, LoggedProcess, start_dispatcher, wait_for  # noqa: E402

console = Console(stderr=True)
QUEUE = "soak-generate"


def tiny_model(workdir: Path) -> Path:
    from exporter.convert import export
    from tests.fixtures_models import build_tiny_hf_model

    hf = build_tiny_hf_model(workdir / "tiny-hf")
    out = workdir / "tiny-onnx"
    export(str(hf), out, cache_dir=workdir / "tiny-cache")
    return out


class Soak:
    def __init__(self, args: argparse.Namespace, workdir: Path) -> None:
        self.args = args
        self.rng = random.Random(args.seed)
        self.workdir = workdir
        self.faults: Counter[str] = Counter()
        self.pg = PrivatePostgres(workdir / "pg")
        self.redis = PrivateRedis(workdir / "redis")
        self.worker: LoggedProcess | None = None
        self.dispatcher: LoggedProcess | None = None
        self.env: dict[str, str] = {}
        self.factory: sessionmaker[Session] | None = None
        self.ids: list[int] = []
        self.written = 0
        self.rounds = 0
        self.worker_n = 0

    # -- setup --------------------------------------------------------------------------

    def start(self) -> None:
        from worker.db import session_factory
        from worker.migrate import upgrade

        self.pg.init()
        self.pg.start()
        self.redis.start()
        url = self.pg.url("shelfwriter_soak")
        upgrade("head", url)
        self.factory = session_factory(url)
        extra = {
            "SHELFWRITER_BATCH_SIZE": str(self.args.batch_size),
            "SHELFWRITER_DISPATCH_POLL_INTERVAL": "1",
            "SHELFWRITER_GENERATE_QUEUE": QUEUE,
            **fast_redelivery(visibility=16),
        }
        if self.args.generator == "tiny":
            extra["SHELFWRITER_MODEL_DIR"] = str(tiny_model(self.workdir))
            extra["SHELFWRITER_CANDIDATES"] = "1"
        else:
            extra["SHELFWRITER_GENERATOR"] = "placeholder"
        self.env = service_env(url, self.redis.url(), **extra)
        self.dispatcher = start_dispatcher(self.env, self.workdir / "dispatch.log")
        self._start_worker()

    def _start_worker(self) -> None:
        self.worker = CeleryWorker(
            QUEUE, self.workdir / f"worker-{self.worker_n}.log", concurrency=2, env=self.env
        )
        self.worker_n += 1

    def stop(self) -> None:
        for service in (self.worker, self.dispatcher):
            if service is not None:
                service.stop()
        self.redis.stop()
        self.pg.stop()

    # -- traffic and faults ---------------------------------------------------------------

    def write_events(self, n: int) -> int:
        """Insert or update up to n products (one event each). The platform retries a write
        that met a restarting database, as a real one would; returns the events written."""
        assert self.factory is not None
        inserting = not self.ids or self.rng.random() < self.args.products / self.args.events
        for _ in range(20):
            try:
                if inserting and len(self.ids) < self.args.products:
                    n = min(n, self.args.products - len(self.ids))
                    self.ids += insert_products(self.factory, n, f"S{len(self.ids)}-")
                else:
                    n = min(n, len(self.ids))
                    # A round number never used before: every update really changes inputs.
                    self.rounds += 1
                    update_products(self.factory, self.rng.sample(self.ids, n), self.rounds)
                return n
            except Exception:  # database restarting: try again shortly
                time.sleep(0.5)
        raise RuntimeError("the database did not come back within 10 s")

    def supervise(self) -> None:
        """Restart a service that died on its own, as compose's `restart: unless-stopped`
        would; each such death is counted (it is a finding, not an injected fault)."""
        assert self.worker is not None and self.dispatcher is not None
        if not self.worker.alive():
            self.faults["worker-died-by-itself"] += 1
            self.worker.stop()
            self._start_worker()
        if not self.dispatcher.alive():
            self.faults["dispatcher-died-by-itself"] += 1
            self.dispatcher.stop()
            self.dispatcher = start_dispatcher(self.env, self.workdir / "dispatch.log")

    def inject(self) -> str:
        fault = self.rng.choice(["kill-worker", "restart-redis", "restart-postgres"])
        if fault == "kill-worker":
            assert self.worker is not None
            self.worker.kill()
            self._start_worker()
        elif fault == "restart-redis":
            self.redis.restart(down_for=self.rng.uniform(0.2, 2.0))
        else:
            self.pg.restart(down_for=self.rng.uniform(0.2, 2.0))
        self.faults[fault] += 1
        return fault

    def run(self) -> None:
        assert self.factory is not None
        columns = (
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[faults]}"),
        )
        with Progress(*columns, console=console) as progress:
            bar = progress.add_task("events", total=self.args.events, faults="")
            next_fault = time.monotonic() + self.rng.expovariate(1 / self.args.fault_every)
            while self.written < self.args.events:
                n = min(self.rng.randint(1, 50), self.args.events - self.written)
                self.written += self.write_events(n)
                progress.update(bar, completed=self.written)
                self.supervise()
                if time.monotonic() >= next_fault:
                    self.inject()
                    progress.update(bar, faults=dict(self.faults))
                    next_fault = time.monotonic() + self.rng.expovariate(1 / self.args.fault_every)
                # Paced at --rate events/s on average, so faults land among the traffic.
                time.sleep(self.rng.expovariate(self.args.rate / n))
            progress.update(bar, description="settling")
            started = time.monotonic()
            check = settled(self.factory)

            def done() -> bool:
                self.supervise()
                return check()

            try:
                wait_for(done, self.args.settle_timeout, "every product current", 2.0)
            except TimeoutError as exc:
                console.print(f"[red]{exc}[/red]")
            console.print(
                f"settled in {time.monotonic() - started:.0f}s after the last event;"
                f" pending events {pending_events(self.factory)}",
                highlight=False,
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--generator", choices=["placeholder", "tiny"], default="placeholder")
    parser.add_argument("--products", type=int, default=0, help="default: events / 5")
    parser.add_argument("--batch-size", type=int, default=20)
    parser.add_argument("--rate", type=float, default=100.0, help="mean events per second")
    parser.add_argument("--fault-every", type=float, default=4.0, help="mean seconds")
    parser.add_argument("--settle-timeout", type=float, default=180.0)
    parser.add_argument("--keep", action="store_true", help="keep the servers' dir and logs")
    args = parser.parse_args(argv)
    args.products = args.products or max(1, args.events // 5)

    workdir = Path(tempfile.mkdtemp(prefix="shelfwriter-soak-"))
    soak = Soak(args, workdir)
    started = time.monotonic()
    try:
        soak.start()
        soak.run()
        assert soak.factory is not None
        counts, examples = census(soak.factory)
    finally:
        soak.stop()
        if args.keep:
            console.print(f"logs and data in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    console.print(
        f"{args.events} events ({args.products} products, seed {args.seed}, generator"
        f" {args.generator}) in {time.monotonic() - started:.0f}s; faults injected:"
        f" {dict(soak.faults)}",
        highlight=False,
    )
    for problem in ("lost", "stale"):
        if examples[problem]:
            console.print(f"{problem} e.g. {examples[problem]}", highlight=False)
    print(counts.line(), flush=True)
    return 1 if counts.lost or counts.duplicated or counts.stale else 0


if __name__ == "__main__":
    sys.exit(main())
