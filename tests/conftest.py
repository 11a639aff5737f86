"""Shared fixtures. Everything runs on the real services: a fresh Postgres database per
test session (per xdist worker), its own Redis database and queue names, and real Celery
worker subprocesses.

The environment is set here, at import time, before any Shelfwriter module reads its
settings (they are read once per process and cached).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

ROOT = Path(__file__).resolve().parent.parent
# The bare form every platform hands out (not postgresql+psycopg2://): the whole suite reads
# it through worker.config.normalise_database_url, as production does.
PG_SERVER = os.environ.get("SHELFWRITER_TEST_PG", "postgresql://postgres@127.0.0.1:5432")
REDIS_SERVER = os.environ.get("SHELFWRITER_TEST_REDIS", "redis://127.0.0.1:6379")

_worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
_worker_n = int(_worker.removeprefix("gw") or 0)
RUN_ID = uuid.uuid4().hex[:8]
TEST_DB = f"shelfwriter_test_{RUN_ID}_{_worker}"
# Redis DBs 1-15 for tests (0 stays the default for real use); queues named per session.
REDIS_DB = 1 + (_worker_n % 15)

os.environ["DATABASE_URL"] = f"{PG_SERVER}/{TEST_DB}"
os.environ["CELERY_BROKER_URL"] = f"{REDIS_SERVER}/{REDIS_DB}"
os.environ["SHELFWRITER_GENERATE_QUEUE"] = f"generate-{RUN_ID}-{_worker}"
os.environ["SHELFWRITER_MAINTENANCE_QUEUE"] = f"maintenance-{RUN_ID}-{_worker}"
os.environ.setdefault("SHELFWRITER_LOG_LEVEL", "INFO")
# CI has no GPU: take the CPU provider directly (the runtime tests cover auto/cuda choice).
os.environ.setdefault("SHELFWRITER_DEVICE", "cpu")

pytest_plugins: list[str] = []
if (ROOT / "tests" / "fixtures_models.py").exists():
    pytest_plugins.append("tests.fixtures_models")

from tests.processes import CeleryWorker  # noqa: E402
from worker.config import get_settings  # noqa: E402  (after the environment is set)
from worker.db import create_engine_for  # noqa: E402

APP_TABLES = (
    "products, product_reviews, product_content, catalog_events, refresh_runs,"
    " webhooks, webhook_deliveries"
)


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    from worker.migrate import upgrade

    url = os.environ["DATABASE_URL"]
    upgrade("head", url)
    yield url
    from worker.db import dispose_engines

    dispose_engines()
    admin = create_engine_for(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{TEST_DB}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def scratch_url() -> Iterator[str]:
    """URL of a database that does not exist yet (migrations create it); dropped after."""
    name = f"shelfwriter_scratch_{uuid.uuid4().hex[:8]}"
    yield f"{PG_SERVER}/{name}"
    admin = create_engine_for(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def factory(database_url: str) -> Iterator[sessionmaker[Session]]:
    """A session factory on an emptied catalog (segments, the seeded data, are kept)."""
    from worker.db import session_factory

    factory = session_factory(database_url)
    with factory.begin() as session:
        session.execute(text(f"TRUNCATE {APP_TABLES} RESTART IDENTITY CASCADE"))
    yield factory


@pytest.fixture
def broker() -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(os.environ["CELERY_BROKER_URL"])
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


def fast_restore_env(**extra: str) -> dict[str, str]:
    """Worker settings that redeliver a dead consumer's unacked tasks in ~30 s instead of an
    hour: a short visibility timeout (and hard limit below it) and a sweep every second.
    Long enough that a loaded CI machine does not hit the limits mid-task."""
    return {
        "SHELFWRITER_BROKER_VISIBILITY_TIMEOUT": "30",
        "SHELFWRITER_TASK_TIME_LIMIT": "25",
        "SHELFWRITER_TASK_SOFT_TIME_LIMIT": "20",
        "SHELFWRITER_BROKER_RESTORE_INTERVAL": "1",
        "SHELFWRITER_BROKER_RESTORE_THROTTLE": "1",
        **extra,
    }


@pytest.fixture
def celery_worker(
    database_url: str, broker: redis.Redis, tmp_path: Path, tiny_model_dir: Path
) -> Iterator[CeleryWorker]:
    """A real worker process running the real content step on the tiny ONNX model (its
    gibberish fails the guards: rows end `failed` with reasons, which is what the plumbing
    tests need — real rows, statuses and hashes — at a fraction of the default model's cost)."""
    worker = CeleryWorker(
        get_settings().generate_queue,
        tmp_path / "worker.log",
        env={"SHELFWRITER_MODEL_DIR": str(tiny_model_dir)},
    )
    yield worker
    worker.stop()


def server_url(database_url: str) -> str:
    return str(make_url(database_url).set(database="postgres"))
