"""What the benchmarks share: a report that is printed and kept, progress on stderr, and
scratch databases on the machine's PostgreSQL (dropped and made again by name)."""

from __future__ import annotations

import sys
import time
from typing import Any

from psycopg2 import sql
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


def comment_on_database(url: str, comment: str) -> None:
    """Mark a scratch database with what it holds (a rerun reads it to reuse the data)."""
    engine = create_engine_for(url, isolation_level="AUTOCOMMIT")
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(make_url(url).database or ""), sql.Literal(comment)
            )
        )
        cur.close()
    finally:
        raw.close()
        engine.dispose()


def explain_analyze(cursor: Any, statement: str, params: Any) -> list[str]:
    """EXPLAIN (ANALYZE, BUFFERS) of a statement the application itself sent (SQLAlchemy's
    compiled text, parameters bound separately): `sql.SQL` is psycopg2's marker for SQL
    written by the program, never data."""
    query = sql.SQL("EXPLAIN (ANALYZE, BUFFERS) {}").format(sql.SQL(statement))
    cursor.execute(query, params)
    return [str(row[0]) for row in cursor.fetchall()]


def sql_literal(value: str) -> str:
    """A string constant for the benches' generated-data SQL (generate_series loads, where
    the words are the script's own constants, not input); standard_conforming_strings."""
    return "'" + value.replace("'", "''") + "'"


def sql_text_array(values: list[str]) -> str:
    return "ARRAY[" + ", ".join(sql_literal(v) for v in values) + "]::text[]"


def database_comment(url: str) -> str | None:
    """What `comment_on_database` left on a scratch database; None when there is no such
    database (or no comment)."""
    admin = admin_engine(url)
    try:
        with admin.connect() as conn:
            found = conn.scalar(
                text(
                    "SELECT shobj_description(oid, 'pg_database') FROM pg_database"
                    " WHERE datname = :n"
                ),
                {"n": make_url(url).database},
            )
    finally:
        admin.dispose()
    return None if found is None else str(found)
