"""What the benchmarks share: a report that is printed and kept, progress on stderr, and
scratch databases on the machine's PostgreSQL (dropped and made again by name)."""

from __future__ import annotations

import sys
import time

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from worker.db import create_engine_for


def say(lines: list[str], line: str = "") -> None:
    """Print a report line and keep it for the results file."""
    print(line, flush=True)
    lines.append(line)


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def admin_engine(url: str) -> Engine:
    """An autocommit engine on the server's `postgres` database (CREATE/DROP DATABASE)."""
    return create_engine_for(
        make_url(url).set(database="postgres").render_as_string(hide_password=False),
        isolation_level="AUTOCOMMIT",
    )


def drop_database(url: str) -> None:
    admin = admin_engine(url)
    try:
        with admin.connect() as conn:
            quoted = admin.dialect.identifier_preparer.quote(make_url(url).database or "")
            conn.execute(text(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)"))
    finally:
        admin.dispose()
