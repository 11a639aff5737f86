"""Refresh runs count each generate batch once (refresh_run_batches).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "refresh_run_batches",
        sa.Column("run_id", sa.BigInteger, nullable=False),
        sa.Column("first_product_id", sa.BigInteger, nullable=False),
        sa.Column("products", sa.Integer, nullable=False),
        sa.Column("done", sa.Integer, nullable=False),
        sa.Column("skipped", sa.Integer, nullable=False),
        sa.Column("failed", sa.Integer, nullable=False),
        sa.Column(
            "recorded_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("run_id", "first_product_id", name="pk_refresh_run_batches"),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["refresh_runs.id"],
            name="fk_refresh_run_batches_run_id_refresh_runs",
            ondelete="CASCADE",
        ),
    )


def downgrade() -> None:
    op.drop_table("refresh_run_batches")
