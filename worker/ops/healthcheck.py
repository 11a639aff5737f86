"""Container health checks: `python -m worker.ops.healthcheck [--db] [--broker]`.

Exit 0 when every requested dependency answers within the timeout, 1 otherwise (one line on
stderr saying which). Used by the compose file for processes that have no endpoint of their
own (dispatcher, beat); workers use `celery inspect ping`, Flower its `/healthcheck`.
"""

from __future__ import annotations

import argparse
import sys

import redis
from sqlalchemy import pool, text

from worker.config import get_settings
from worker.db import create_engine_for


def check_db(url: str, timeout: int) -> None:
    engine = create_engine_for(
        url, poolclass=pool.NullPool, connect_args={"connect_timeout": timeout}
    )
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    finally:
        engine.dispose()


def check_broker(url: str, timeout: int) -> None:
    client = redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout)
    try:
        client.ping()
    finally:
        client.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m worker.ops.healthcheck")
    parser.add_argument("--db", action="store_true", help="Postgres answers SELECT 1")
    parser.add_argument("--broker", action="store_true", help="the Redis broker answers PING")
    parser.add_argument("--timeout", type=int, default=5, help="seconds per check")
    args = parser.parse_args(argv)
    settings = get_settings()
    checks = []
    if args.db:
        checks.append(("database", check_db, settings.database_url))
    if args.broker:
        checks.append(("broker", check_broker, settings.celery_broker_url))
    if not checks:
        parser.error("nothing to check: pass --db and/or --broker")
    for name, check, url in checks:
        try:
            check(url, args.timeout)
        except Exception as exc:
            first_line = (str(exc).strip().splitlines() or [""])[0]
            print(f"unhealthy: {name}: {type(exc).__name__}: {first_line}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
