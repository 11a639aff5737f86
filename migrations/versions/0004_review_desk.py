"""Review desk and HTTP API: people, API tokens, webhooks and their deliveries; queue indexes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    ts = sa.DateTime(timezone=True)
    now = sa.func.now()
    op.create_table(
        "users",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("created_at", ts, server_default=now, nullable=False),
        sa.Column("password_changed_at", ts, server_default=now, nullable=False),
        sa.CheckConstraint("role IN ('reviewer','viewer')", name="ck_users_role_valid"),
        sa.UniqueConstraint("username", name="uq_users_username"),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("scope", sa.String(8), nullable=False),
        sa.Column("created_at", ts, server_default=now, nullable=False),
        sa.Column("last_used_at", ts),
        sa.Column("revoked_at", ts),
        sa.CheckConstraint("scope IN ('read','write')", name="ck_api_tokens_scope_valid"),
        sa.UniqueConstraint("token_hash", name="uq_api_tokens_token_hash"),
    )
    op.create_table(
        "webhooks",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.PrimaryKeyConstraint("id", name="pk_webhooks"),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("secret", sa.Text, nullable=False),
        sa.Column("active", sa.Boolean, server_default=sa.text("true"), nullable=False),
        sa.Column("created_at", ts, server_default=now, nullable=False),
    )
    op.create_table(
        "webhook_deliveries",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.PrimaryKeyConstraint("id", name="pk_webhook_deliveries"),
        sa.Column("webhook_id", sa.BigInteger, nullable=False),
        sa.Column("event", sa.String(32), nullable=False),
        sa.Column("content_id", sa.BigInteger, nullable=False),
        sa.Column("payload", postgresql.JSONB, nullable=False),
        sa.Column("status", sa.String(16), server_default="pending", nullable=False),
        sa.Column("attempts", sa.Integer, server_default=sa.text("0"), nullable=False),
        sa.Column("response_status", sa.Integer),
        sa.Column("last_error", sa.Text),
        sa.Column("created_at", ts, server_default=now, nullable=False),
        sa.Column("last_attempt_at", ts),
        sa.Column("delivered_at", ts),
        sa.CheckConstraint(
            "status IN ('pending','delivered','failed')",
            name="ck_webhook_deliveries_status_valid",
        ),
        sa.ForeignKeyConstraint(
            ["webhook_id"],
            ["webhooks.id"],
            name="fk_webhook_deliveries_webhook_id_webhooks",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_webhook_deliveries_undelivered",
        "webhook_deliveries",
        ["id"],
        postgresql_where=sa.text("status <> 'delivered'"),
    )
    # The desk's queue pages by id within a status (keyset): (status, id), not (status).
    op.drop_index("ix_product_content_status", table_name="product_content")
    op.create_index("ix_product_content_status_id", "product_content", ["status", "id"])
    # Search by words of a title across a million products: a trigram index. pg_trgm is a
    # trusted extension (a database owner may create it) shipped with PostgreSQL's contrib.
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_index(
        "ix_products_title_trgm",
        "products",
        ["title"],
        postgresql_using="gin",
        postgresql_ops={"title": "gin_trgm_ops"},
    )


def downgrade() -> None:
    op.drop_index("ix_products_title_trgm", table_name="products")
    op.drop_index("ix_product_content_status_id", table_name="product_content")
    op.create_index("ix_product_content_status", "product_content", ["status"])
    op.drop_index("ix_webhook_deliveries_undelivered", table_name="webhook_deliveries")
    op.drop_table("webhook_deliveries")
    op.drop_table("webhooks")
    op.drop_table("api_tokens")
    op.drop_table("users")
