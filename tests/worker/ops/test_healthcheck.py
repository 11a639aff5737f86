"""`python -m worker.ops.healthcheck` (the compose file's check for dispatcher and beat) on the
real services, and against ports where nothing listens."""

from __future__ import annotations

import subprocess
import sys

import pytest
import redis
import sqlalchemy.exc

from tests.processes import ROOT, worker_env
from worker.ops.healthcheck import check_broker, check_db, main


def test_healthy_on_the_real_services(database_url: str) -> None:
    assert main(["--db", "--broker"]) == 0


def test_unreachable_dependencies_fail() -> None:
    with pytest.raises(sqlalchemy.exc.OperationalError):
        check_db("postgresql+psycopg2://postgres@127.0.0.1:1/x", timeout=2)
    with pytest.raises(redis.exceptions.ConnectionError):
        check_broker("redis://127.0.0.1:1/0", timeout=2)


def test_module_exit_status_and_message(database_url: str) -> None:
    env = worker_env(DATABASE_URL="postgresql+psycopg2://postgres@127.0.0.1:1/x")
    result = subprocess.run(
        [sys.executable, "-m", "worker.ops.healthcheck", "--db", "--broker", "--timeout", "2"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("unhealthy: database:")
    assert len(result.stderr.strip().splitlines()) == 1
    with pytest.raises(SystemExit):
        main([])
