"""Fixtures for fault tests: a private PostgreSQL cluster (per test session) and a private
Redis (per test) that the tests may crash and restart, and the environment of the worker,
dispatcher and CLI processes pointed at them."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import APP_TABLES
from tests.faults.servers import PrivatePostgres, PrivateRedis, service_env


@pytest.fixture(scope="session")
def fault_dir() -> Iterator[Path]:
    """Under the system temp dir, not pytest's: as root PostgreSQL runs as the service user,
    who must traverse every parent, and each pytest session resets /tmp/pytest-of-root to
    mode 700 (see tests/worker/demo/test_embedded.py)."""
    base = Path(tempfile.mkdtemp(prefix="shelfwriter-faults-"))
    yield base
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def private_pg(fault_dir: Path) -> Iterator[PrivatePostgres]:
    pg = PrivatePostgres(fault_dir / "pg")
    pg.init()
    pg.start()
    yield pg
    pg.stop()


@pytest.fixture(scope="session")
def fault_db_url(private_pg: PrivatePostgres) -> Iterator[str]:
    from worker.db import dispose_engines
    from worker.migrate import upgrade

    url = private_pg.url("shelfwriter_faults")
    upgrade("head", url)
    yield url
    dispose_engines()


@pytest.fixture
def fault_factory(private_pg: PrivatePostgres, fault_db_url: str) -> sessionmaker[Session]:
    """A session factory on the private cluster, emptied; the server is (re)started if an
    earlier test left it down."""
    from worker.db import session_factory

    if private_pg.proc is None or private_pg.proc.poll() is not None:
        private_pg.start()
    factory = session_factory(fault_db_url)
    with factory.begin() as session:
        session.execute(text(f"TRUNCATE {APP_TABLES} RESTART IDENTITY CASCADE"))
    return factory


@pytest.fixture
def private_redis(fault_dir: Path, request: pytest.FixtureRequest) -> Iterator[PrivateRedis]:
    redis_dir = fault_dir / f"redis-{request.node.name[:40]}"
    shutil.rmtree(redis_dir, ignore_errors=True)
    server = PrivateRedis(redis_dir)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def fault_env(fault_db_url: str, private_redis: PrivateRedis) -> Callable[..., dict[str, str]]:
    """env(**extra) for processes on the private servers."""

    def make(**extra: str) -> dict[str, str]:
        return service_env(fault_db_url, private_redis.url(), **extra)

    return make
