"""Engine and sessions. One engine per process, created lazily so forked pool children
never share a parent's connections."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from worker.config import database_url_or_default, normalise_database_url

_engines: dict[tuple[str, int], Engine] = {}


def get_engine(url: str | None = None) -> Engine:
    """The process's engine for `url` (default: settings). Keyed by pid: after a fork the
    child builds its own pool instead of reusing sockets owned by the parent."""
    url = database_url_or_default(url)
    key = (url, os.getpid())
    engine = _engines.get(key)
    if engine is None:
        engine = create_engine(
            url,
            pool_pre_ping=True,  # a Postgres restart leaves dead sockets in the pool
            pool_size=5,
            max_overflow=5,
            connect_args={"application_name": "shelfwriter", "connect_timeout": 10},
        )
        _engines[key] = engine
    return engine


def create_engine_for(url: str, **kwargs: Any) -> Engine:
    """An unpooled-by-choice engine (admin, migrations, health checks) on any accepted form
    of a database URL; `get_engine` is the process's shared one."""
    return create_engine(normalise_database_url(url), **kwargs)


def dispose_engines() -> None:
    for engine in _engines.values():
        engine.dispose()
    _engines.clear()


def session_factory(url: str | None = None) -> sessionmaker[Session]:
    return sessionmaker(get_engine(url), expire_on_commit=False)


def ensure_database(url: str) -> bool:
    """Create the database named in `url` if it does not exist. Returns True if created.

    Lets `shelfwriter db upgrade` work on a fresh server without a manual createdb."""
    target = make_url(normalise_database_url(url))
    name = target.database
    if not name:
        raise ValueError(f"DATABASE_URL has no database name: {target!r}")
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
            ).scalar()
            if exists:
                return False
            # Identifiers cannot be bound parameters; quote it through the dialect.
            quoted = admin.dialect.identifier_preparer.quote(name)
            conn.execute(text(f"CREATE DATABASE {quoted} ENCODING 'UTF8' TEMPLATE template0"))
            return True
    finally:
        admin.dispose()


@dataclass
class UpsertCounts:
    """What an idempotent load did, row by row (catalog import, vocabulary load): re-running
    the same file must show everything unchanged."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
