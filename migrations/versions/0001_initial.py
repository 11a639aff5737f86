"""Initial schema: catalog, content, outbox with triggers, refresh runs, segments.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOTIFY_CHANNEL = "shelfwriter_catalog_events"

# The product fields any content kind's prompt may use. An UPDATE that changes none of these
# (e.g. a stock count the platform adds later, or `updated_at` alone) emits no event.
CONTENT_FIELDS = (
    "locale",
    "title",
    "brand",
    "category",
    "attributes",
    "keywords",
    "price",
    "currency",
    "deleted_at",
)


def _tuple(prefix: str) -> str:
    return "(" + ", ".join(f"{prefix}.{f}" for f in CONTENT_FIELDS) + ")"


def upgrade() -> None:
    ts = sa.DateTime(timezone=True)
    op.create_table(
        "products",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("sku", sa.String(128), nullable=False),
        sa.Column("locale", sa.String(16), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("brand", sa.Text),
        sa.Column("category", sa.Text),
        sa.Column(
            "attributes",
            postgresql.JSONB,
            nullable=False,
            server_default=sa.text("'{}'::jsonb"),
        ),
        sa.Column(
            "keywords",
            postgresql.ARRAY(sa.Text),
            nullable=False,
            server_default=sa.text("'{}'::text[]"),
        ),
        sa.Column("price", sa.Numeric(14, 2)),
        sa.Column("currency", sa.String(3)),
        sa.Column("created_at", ts, nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", ts, nullable=False, server_default=sa.func.now()),
        sa.Column("deleted_at", ts),
        sa.PrimaryKeyConstraint("id", name="pk_products"),
        sa.UniqueConstraint("sku", name="uq_products_sku"),
        sa.CheckConstraint(
            "jsonb_typeof(attributes) = 'object'", name="ck_products_attributes_is_object"
        ),
    )
    op.create_index("ix_products_category", "products", ["category"])

    op.create_table(
        "product_reviews",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("product_id", sa.BigInteger, nullable=False),
        sa.Column("rating", sa.SmallInteger),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_at", ts, nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("id", name="pk_product_reviews"),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            ondelete="CASCADE",
            name="fk_product_reviews_product_id_products",
        ),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name="ck_product_reviews_rating_range"),
    )
    op.create_index("ix_product_reviews_product_id", "product_reviews", ["product_id"])

    op.create_table(
        "product_content",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("product_id", sa.BigInteger, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("segment", sa.String(64), nullable=False, server_default=""),
        sa.Column("locale", sa.String(16), nullable=False),
        sa.Column("body", sa.Text),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("locked", sa.Boolean, nullable=False, server_default=sa.text("false")),
        sa.Column("source", sa.String(16), nullable=False, server_default="model"),
        sa.Column("model_version", sa.String(128)),
        sa.Column("input_hash", sa.String(64)),
        sa.Column("prompt_version", sa.String(64)),
        sa.Column(
            "quality", postgresql.JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")
        ),
        sa.Column("error", sa.Text),
        sa.Column("attempts", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("created_at", ts, nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", ts, nullable=False, server_default=sa.func.now()),
        sa.Column("generated_at", ts),
        sa.PrimaryKeyConstraint("id", name="pk_product_content"),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            ondelete="CASCADE",
            name="fk_product_content_product_id_products",
        ),
        sa.UniqueConstraint(
            "product_id", "kind", "segment", "locale", name="uq_product_content_key"
        ),
        sa.CheckConstraint(
            "status IN ('generated','approved','rejected','edited','failed')",
            name="ck_product_content_status_valid",
        ),
        sa.CheckConstraint("source IN ('model','human')", name="ck_product_content_source_valid"),
    )
    op.create_index("ix_product_content_status", "product_content", ["status"])

    op.create_table(
        "catalog_events",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("product_id", sa.BigInteger, nullable=False),
        sa.Column("op", sa.String(16), nullable=False),
        sa.Column("created_at", ts, nullable=False, server_default=sa.func.now()),
        sa.Column("dispatched_at", ts),
        sa.Column("task_id", sa.String(64)),
        sa.PrimaryKeyConstraint("id", name="pk_catalog_events"),
    )
    op.create_index(
        "ix_catalog_events_pending",
        "catalog_events",
        ["id"],
        postgresql_where=sa.text("dispatched_at IS NULL"),
    )
    op.create_index("ix_catalog_events_product_id", "catalog_events", ["product_id"])

    op.create_table(
        "refresh_runs",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("model_version", sa.String(128)),
        sa.Column("status", sa.String(16), nullable=False, server_default="running"),
        sa.Column("force", sa.Boolean, nullable=False, server_default=sa.text("false")),
        sa.Column("cursor", sa.BigInteger, nullable=False, server_default=sa.text("0")),
        sa.Column("enqueued", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("done", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("skipped", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("failed", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("error", sa.Text),
        sa.Column("started_at", ts, nullable=False, server_default=sa.func.now()),
        sa.Column("finished_at", ts),
        sa.PrimaryKeyConstraint("id", name="pk_refresh_runs"),
    )
    op.create_index(
        "uq_refresh_runs_one_running",
        "refresh_runs",
        ["status"],
        unique=True,
        postgresql_where=sa.text("status = 'running'"),
    )

    segments = op.create_table(
        "segments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("locale", sa.String(16), nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.text("true")),
        sa.PrimaryKeyConstraint("id", name="pk_segments"),
        sa.UniqueConstraint("key", "locale", name="uq_segments_key_locale"),
    )
    # Starter audiences so recommendation copy works out of the box; shops edit these rows.
    op.bulk_insert(
        segments,
        [
            {
                "key": "students",
                "locale": "en",
                "label": "Students",
                "description": (
                    "students on a budget who want practical, durable things"
                    " for study and campus life"
                ),
            },
            {
                "key": "gift_buyers",
                "locale": "en",
                "label": "Gift buyers",
                "description": (
                    "people choosing a present for someone else who care about"
                    " presentation and appeal"
                ),
            },
            {
                "key": "budget_shoppers",
                "locale": "en",
                "label": "Budget shoppers",
                "description": "price-conscious shoppers who compare value for money",
            },
            {
                "key": "students",
                "locale": "zh-CN",
                "label": "学生",
                "description": "预算有限、注重实用和耐用的在校学生",
            },
            {
                "key": "gift_buyers",
                "locale": "zh-CN",
                "label": "送礼人群",
                "description": "为他人挑选礼物、看重品质和心意的消费者",
            },
            {
                "key": "budget_shoppers",
                "locale": "zh-CN",
                "label": "精打细算的消费者",
                "description": "注重性价比、会货比三家的消费者",
            },
        ],
    )

    # Outbox triggers: the event row is written in the same transaction as the product
    # change, so a committed change always has its event and a rolled-back one never does.
    # NOTIFY carries a constant payload: Postgres folds identical notifications within a
    # transaction, so a 10,000-row import sends one wake-up, not 10,000.
    # Only module constants are interpolated into this DDL, no input.
    op.execute(
        f"""
        CREATE FUNCTION shelfwriter_product_event() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
            v_op text;
            v_id bigint;
        BEGIN
            IF TG_OP = 'INSERT' THEN
                v_op := 'insert'; v_id := NEW.id;
            ELSIF TG_OP = 'DELETE' THEN
                v_op := 'delete'; v_id := OLD.id;
            ELSIF OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL THEN
                v_op := 'delete'; v_id := NEW.id;
            ELSE
                v_op := 'update'; v_id := NEW.id;
            END IF;
            INSERT INTO catalog_events (product_id, op) VALUES (v_id, v_op);
            PERFORM pg_notify('{NOTIFY_CHANNEL}', '');
            RETURN NULL;
        END
        $$;

        CREATE TRIGGER products_event_insert_delete
            AFTER INSERT OR DELETE ON products
            FOR EACH ROW EXECUTE FUNCTION shelfwriter_product_event();

        -- The WHEN clause keeps irrelevant updates from even calling the function.
        CREATE TRIGGER products_event_update
            AFTER UPDATE ON products
            FOR EACH ROW
            WHEN ({_tuple("OLD")} IS DISTINCT FROM {_tuple("NEW")})
            EXECUTE FUNCTION shelfwriter_product_event();

        CREATE FUNCTION shelfwriter_review_event() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO catalog_events (product_id, op)
            VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD.product_id ELSE NEW.product_id END,
                    'reviews');
            PERFORM pg_notify('{NOTIFY_CHANNEL}', '');
            RETURN NULL;
        END
        $$;

        CREATE TRIGGER product_reviews_event
            AFTER INSERT OR DELETE OR UPDATE OF text, rating ON product_reviews
            FOR EACH ROW EXECUTE FUNCTION shelfwriter_review_event();
        """  # noqa: S608
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS product_reviews_event ON product_reviews")
    op.execute("DROP TRIGGER IF EXISTS products_event_update ON products")
    op.execute("DROP TRIGGER IF EXISTS products_event_insert_delete ON products")
    op.execute("DROP FUNCTION IF EXISTS shelfwriter_review_event()")
    op.execute("DROP FUNCTION IF EXISTS shelfwriter_product_event()")
    for table in (
        "segments",
        "refresh_runs",
        "catalog_events",
        "product_content",
        "product_reviews",
        "products",
    ):
        op.drop_table(table)
