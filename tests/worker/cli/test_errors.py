"""Expected failures say one line with what to do next and exit non-zero; `--debug` adds
the traceback. Each case runs the real `shelfwriter` against the real services."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import PG_SERVER
from tests.helpers import add_product
from tests.processes import worker_env
from worker.cli._errors import EX_CANTCREAT, EX_CONFIG, EX_DATAERR, EX_UNAVAILABLE
from worker.db import create_engine_for


def shelfwriter(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "worker.cli", *args],
        env=worker_env(**env),
        capture_output=True,
        text=True,
        timeout=180,
    )


def assert_one_line(done: subprocess.CompletedProcess[str], code: int, *says: str) -> str:
    assert done.returncode == code, (done.returncode, done.stderr[-2000:])
    assert "Traceback" not in done.stderr, done.stderr
    [line] = [x for x in done.stderr.splitlines() if x.startswith("error: ")]
    for phrase in says:
        assert phrase in line, line
    return line


def test_database_unreachable() -> None:
    done = shelfwriter("db", "upgrade", DATABASE_URL="postgresql://postgres@127.0.0.1:1/x")
    assert_one_line(
        done, EX_UNAVAILABLE, "cannot reach the database at 127.0.0.1:1/x", "check DATABASE_URL"
    )


def test_database_refuses_the_user() -> None:
    role = f"nobody_{uuid.uuid4().hex[:6]}"
    done = shelfwriter("db", "upgrade", DATABASE_URL=f"postgresql://{role}@127.0.0.1:5432/x")
    assert_one_line(done, EX_CONFIG, "refused the credentials", "check the user and password")


def test_database_missing_and_not_creatable() -> None:
    role = f"nocreate_{uuid.uuid4().hex[:6]}"
    admin = create_engine_for(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN"))  # no CREATEDB
    try:
        done = shelfwriter(
            "db", "upgrade", DATABASE_URL=f"postgresql://{role}@127.0.0.1:5432/{role}_db"
        )
        assert_one_line(done, EX_CONFIG, "may not create it", "CREATEDB")
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP ROLE {role}"))
        admin.dispose()


def test_a_url_that_is_not_postgres() -> None:
    done = shelfwriter("status", DATABASE_URL="mysql://root@127.0.0.1/shop")
    assert_one_line(done, EX_CONFIG, "DATABASE_URL must be a PostgreSQL URL")


def test_broker_unreachable(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:  # something for the refresh to enqueue
        add_product(session, "ERR-BROKER", title="Desk Lamp")
    done = shelfwriter(
        "refresh", CELERY_BROKER_URL="redis://127.0.0.1:1/0", SHELFWRITER_GENERATOR="placeholder"
    )
    assert_one_line(
        done, EX_UNAVAILABLE, "cannot reach the broker at 127.0.0.1:1/0", "CELERY_BROKER_URL"
    )


def test_model_not_exported_and_unknown_sku(factory: sessionmaker[Session], tmp_path: Path) -> None:
    with factory.begin() as session:
        add_product(session, "ERR-MODEL", title="Desk Lamp")
    empty = str(tmp_path / "empty-cache")
    done = shelfwriter("generate", "--sku", "ERR-MODEL", SHELFWRITER_CACHE_DIR=empty)
    assert_one_line(done, EX_CONFIG, "is not exported", "shelfwriter models pull")
    done = shelfwriter("generate", "--sku", "NO-SUCH-SKU", SHELFWRITER_CACHE_DIR=empty)
    assert_one_line(done, EX_DATAERR, "no product with sku 'NO-SUCH-SKU'")


def test_unwritable_cache_directory(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    done = shelfwriter("models", "pull", SHELFWRITER_CACHE_DIR=str(blocker / "cache"))
    assert_one_line(done, EX_CANTCREAT, "cannot write the cache directory", "SHELFWRITER_CACHE_DIR")


@pytest.mark.parametrize("how", ["--debug", "SHELFWRITER_LOG_LEVEL=DEBUG"])
def test_debug_shows_the_traceback(how: str) -> None:
    env = {"DATABASE_URL": "postgresql://postgres@127.0.0.1:1/x"}
    args = ["db", "upgrade"]
    if how == "--debug":
        args = ["--debug", *args]
    else:
        env["SHELFWRITER_LOG_LEVEL"] = "DEBUG"
    done = shelfwriter(*args, **env)
    assert done.returncode == EX_UNAVAILABLE
    assert "Traceback" in done.stderr and "OperationalError" in done.stderr
    assert done.stderr.rstrip().splitlines()[-1].startswith("error: cannot reach the database")
