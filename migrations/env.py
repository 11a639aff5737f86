"""Alembic environment: URL from Shelfwriter settings (or the caller's config), models'
metadata for autogenerate comparisons."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from worker.config import database_url_or_default
from worker.models import Base

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    return database_url_or_default(config.get_main_option("sqlalchemy.url"))


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = create_engine(_url(), poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
