"""Connection URLs as platforms hand them out: every PostgreSQL form on psycopg2, Redis with
a password or TLS, read through the one function each (worker.config)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import kombu.exceptions
import pytest
from kombu.connection import Connection
from sqlalchemy import text
from sqlalchemy.engine import make_url

from tests.processes import worker_env
from worker.config import (
    Settings,
    SettingsError,
    normalise_broker_url,
    normalise_database_url,
)
from worker.db import create_engine_for


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://app:placeholder%40x@db.example:6543/shop?sslmode=require",
        "postgres://app:placeholder%40x@db.example:6543/shop?sslmode=require",
        "postgresql+psycopg2://app:placeholder%40x@db.example:6543/shop?sslmode=require",
    ],
)
def test_every_postgres_form_runs_on_psycopg2_with_its_options(url: str) -> None:
    parsed = make_url(normalise_database_url(url))
    assert parsed.drivername == "postgresql+psycopg2"
    assert (parsed.username, parsed.password) == ("app", "placeholder@x")
    assert (parsed.host, parsed.port, parsed.database) == ("db.example", 6543, "shop")
    assert parsed.query == {"sslmode": "require"}
    assert Settings(DATABASE_URL=url).database_url == normalise_database_url(url)


@pytest.mark.parametrize("url", ["mysql://a@b/c", "sqlite:///x.db", "not a url"])
def test_other_databases_are_refused_with_the_form_to_write(url: str) -> None:
    with pytest.raises(SettingsError, match="postgresql://"):
        normalise_database_url(url)


def test_broker_urls() -> None:
    assert (
        normalise_broker_url("redis://:placeholder@cache:6379/2")
        == "redis://:placeholder@cache:6379/2"
    )
    assert (
        normalise_broker_url("rediss://:placeholder@cache:6380/0")
        == "rediss://:placeholder@cache:6380/0?ssl_cert_reqs=required"
    )
    # An explicit choice is kept.
    assert normalise_broker_url("rediss://c:6380/0?ssl_cert_reqs=none").endswith("=none")
    with pytest.raises(SettingsError, match="redis://") as refused:
        normalise_broker_url("amqp://guest:placeholder-amqp@rabbit//")
    assert "placeholder-amqp" not in str(refused.value)  # the error never shows a password


def test_bare_postgres_urls_with_options_work_end_to_end(scratch_url: str) -> None:
    """`shelfwriter db upgrade` on `postgres://…?sslmode=disable&application_name=…`: the
    database is created and migrated, and connections carry the URL's options."""
    name = make_url(scratch_url).database
    url = f"postgres://postgres@127.0.0.1:5432/{name}?sslmode=disable&application_name=urltest"
    done = subprocess.run(
        ["python", "-m", "worker.cli", "db", "upgrade"],
        env=worker_env(DATABASE_URL=url),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    engine = create_engine_for(url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT current_setting('application_name')")).scalar() == (
                "urltest"
            )
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        engine.dispose()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_a_password_protected_redis_is_reached_through_the_broker_url(tmp_path: Path) -> None:
    """A real redis-server that requires a password: the normalised URL connects the way
    Celery's transport does; a wrong password is refused."""
    server = shutil.which("redis-server")
    assert server, "redis-server is installed on every machine that runs the tests"
    port = _free_port()
    proc = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--requirepass", "placeholder-s3cret", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        url = normalise_broker_url(f"redis://:placeholder-s3cret@127.0.0.1:{port}/0")
        deadline = time.monotonic() + 20
        while True:
            try:
                with Connection(url, connect_timeout=2) as conn:  # type: ignore[no-untyped-call]
                    conn.ensure_connection(max_retries=1)
                    with conn.SimpleQueue("shelfwriter-url-test") as queue:
                        queue.put({"ok": 1})
                        assert queue.get(timeout=5).payload == {"ok": 1}
                break
            except kombu.exceptions.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        wrong = normalise_broker_url(f"redis://:placeholder-wrong@127.0.0.1:{port}/0")
        with (
            pytest.raises(Exception, match=r"(?i)invalid|auth|WRONGPASS"),
            Connection(wrong, connect_timeout=2) as conn,  # type: ignore[no-untyped-call]
        ):
            conn.ensure_connection(max_retries=1)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
