"""Alembic from code: `shelfwriter db upgrade` works from any directory, installed or not."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import pool

import migrations
from worker.config import get_settings, normalise_database_url
from worker.db import create_engine_for, ensure_database


def _url(database_url: str | None) -> str:
    return normalise_database_url(database_url) if database_url else get_settings().database_url


def alembic_config(database_url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(migrations.__file__).parent))
    # ConfigParser interpolation: a literal % in a password must be doubled.
    cfg.set_main_option("sqlalchemy.url", _url(database_url).replace("%", "%%"))
    return cfg


def upgrade(revision: str = "head", database_url: str | None = None) -> None:
    url = _url(database_url)
    ensure_database(url)
    command.upgrade(alembic_config(url), revision)


def downgrade(revision: str, database_url: str | None = None) -> None:
    command.downgrade(alembic_config(database_url), revision)


def current_revision(database_url: str | None = None) -> str | None:
    engine = create_engine_for(_url(database_url), poolclass=pool.NullPool)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()
