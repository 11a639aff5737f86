"""SQLAlchemy 2 typed models for the tables in docs/architecture.md ("Tables").

The platform owns `products` and `product_reviews`; Shelfwriter only reads them. Shelfwriter
owns `product_content`, `catalog_events` (the outbox the trigger fills), `refresh_runs` and
`segments`. Triggers and functions live in the migrations, not here.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Deterministic constraint names so Alembic migrations can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ContentKind(enum.StrEnum):
    description = "description"
    tags = "tags"
    recommendation_copy = "recommendation_copy"
    review_summary = "review_summary"


class ContentStatus(enum.StrEnum):
    generated = "generated"
    approved = "approved"
    rejected = "rejected"
    edited = "edited"
    failed = "failed"


# A person has touched these rows: the model never overwrites them.
HUMAN_STATUSES = frozenset({ContentStatus.approved, ContentStatus.edited})


class ContentSource(enum.StrEnum):
    model = "model"
    human = "human"


class RefreshStatus(enum.StrEnum):
    running = "running"
    finished = "finished"
    failed = "failed"
    cancelled = "cancelled"


def _now() -> Any:
    return func.now()


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    sku: Mapped[str] = mapped_column(String(128), unique=True)
    locale: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    brand: Mapped[str | None] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(Text)
    attributes: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    keywords: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default=text("'{}'::text[]"))
    price: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=_now())
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=_now())
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        CheckConstraint("jsonb_typeof(attributes) = 'object'", name="attributes_is_object"),
        Index("ix_products_category", "category"),
        # The desk's search by words of a title (pg_trgm, created by migration 0004).
        Index(
            "ix_products_title_trgm",
            "title",
            postgresql_using="gin",
            postgresql_ops={"title": "gin_trgm_ops"},
        ),
    )


class ProductReview(Base):
    __tablename__ = "product_reviews"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    product_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("products.id", ondelete="CASCADE"), index=True
    )
    rating: Mapped[int | None] = mapped_column(SmallInteger)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=_now())

    __table_args__ = (CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),)


class ProductContent(Base):
    """One row per (product, kind, segment, locale). `segment` is '' for kinds without one,
    so the unique key never contains NULL (NULLs would not collide and allow duplicates)."""

    __tablename__ = "product_content"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    product_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("products.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(32))
    segment: Mapped[str] = mapped_column(String(64), server_default="")
    locale: Mapped[str] = mapped_column(String(16))
    body: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    locked: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    source: Mapped[str] = mapped_column(String(16), server_default=ContentSource.model.value)
    model_version: Mapped[str | None] = mapped_column(String(128))
    input_hash: Mapped[str | None] = mapped_column(String(64))
    prompt_version: Mapped[str | None] = mapped_column(String(64))
    quality: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=_now())
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=_now())
    generated_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        UniqueConstraint("product_id", "kind", "segment", "locale", name="uq_product_content_key"),
        CheckConstraint(
            "status IN ('generated','approved','rejected','edited','failed')", name="status_valid"
        ),
        CheckConstraint("source IN ('model','human')", name="source_valid"),
        # The desk's queue pages by id within a status (keyset pagination).
        Index("ix_product_content_status_id", "status", "id"),
    )


class CatalogEvent(Base):
    """Transactional outbox written by the `products` trigger."""

    __tablename__ = "catalog_events"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    # No foreign key: a delete event must outlive the product row it describes.
    product_id: Mapped[int] = mapped_column(BigInteger)
    op: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=_now())
    dispatched_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    task_id: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        # The dispatcher only ever scans pending events; keep that index tiny.
        Index(
            "ix_catalog_events_pending",
            "id",
            postgresql_where=text("dispatched_at IS NULL"),
        ),
        Index("ix_catalog_events_product_id", "product_id"),
    )


class RefreshRun(Base):
    __tablename__ = "refresh_runs"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    reason: Mapped[str] = mapped_column(String(32))
    model_version: Mapped[str | None] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16), server_default=RefreshStatus.running.value)
    force: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    # Keyset cursor: the last product id walked, so a restarted run resumes where it stopped.
    cursor: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    enqueued: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    done: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    skipped: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    failed: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    error: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=_now())
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        # Two runs never overlap: at most one row may be running.
        Index(
            "uq_refresh_runs_one_running",
            "status",
            unique=True,
            postgresql_where=text("status = 'running'"),
        ),
    )


class RefreshRunBatch(Base):
    """One generate batch of a refresh run, counted once. A batch redelivered after its worker
    died (acks_late) or retried after a database restart reports again; the primary key makes
    the second report a no-op, so the run's totals stay exact."""

    __tablename__ = "refresh_run_batches"

    run_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("refresh_runs.id", ondelete="CASCADE"), primary_key=True
    )
    # The walk cuts disjoint batches from an id-ordered page, so the first id names a batch.
    first_product_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    products: Mapped[int] = mapped_column(Integer)
    done: Mapped[int] = mapped_column(Integer)
    skipped: Mapped[int] = mapped_column(Integer)
    failed: Mapped[int] = mapped_column(Integer)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=_now())


class Segment(Base):
    """An audience for recommendation copy; `description` goes into the prompt, per locale."""

    __tablename__ = "segments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64))
    locale: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))

    __table_args__ = (UniqueConstraint("key", "locale", name="uq_segments_key_locale"),)


class TagVocabulary(Base):
    """One allowed tag of a platform vocabulary (e.g. the Google product taxonomy), per locale.

    `tag` is what is shown (the leaf), `path` the full taxonomy path and the entry's identity.
    `embedding` is float32 little-endian, L2-normalised, from `embedding_model`: a row embedded
    by another model is stale and is re-embedded on the next load (mixing spaces is silent)."""

    __tablename__ = "tag_vocabulary"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    vocabulary: Mapped[str] = mapped_column(String(64))
    locale: Mapped[str] = mapped_column(String(16))
    tag: Mapped[str] = mapped_column(Text)
    path: Mapped[str] = mapped_column(Text)
    external_id: Mapped[str | None] = mapped_column(String(64))
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary)
    embedding_model: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=_now())

    __table_args__ = (
        UniqueConstraint("vocabulary", "locale", "path", name="uq_tag_vocabulary_key"),
    )


class Role(enum.StrEnum):
    reviewer = "reviewer"  # acts on content
    viewer = "viewer"  # reads


class User(Base):
    """A person who signs in to the review desk (`shelfwriter users add`)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)  # argon2id
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=_now())
    # A session issued before this instant is void: a reset password signs everyone out.
    password_changed_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=_now()
    )

    __table_args__ = (CheckConstraint("role IN ('reviewer','viewer')", name="role_valid"),)


class TokenScope(enum.StrEnum):
    read = "read"
    write = "write"


class ApiToken(Base):
    """A platform's API token. Only its sha256 is stored: the token is 32 random bytes, so a
    fast hash is enough (a slow password hash would only slow every API call)."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))  # shown in listings, never enough to use
    scope: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=_now())
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (CheckConstraint("scope IN ('read','write')", name="scope_valid"),)


class Webhook(Base):
    """A URL the shop platform registered to hear of published content. The secret signs
    each delivery (HMAC-SHA256), so it is kept as given: a hash could not sign."""

    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    secret: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=_now())


class DeliveryStatus(enum.StrEnum):
    pending = "pending"
    delivered = "delivered"
    failed = "failed"  # retries spent; shown in the desk


class WebhookDelivery(Base):
    """One event for one webhook: an outbox row written in the publishing transaction, sent
    afterwards by a Celery task (a slow receiver never blocks a write)."""

    __tablename__ = "webhook_deliveries"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    webhook_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("webhooks.id", ondelete="CASCADE")
    )
    event: Mapped[str] = mapped_column(String(32))
    # No foreign key: the record of what was sent outlives the content row.
    content_id: Mapped[int] = mapped_column(BigInteger)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    status: Mapped[str] = mapped_column(String(16), server_default=DeliveryStatus.pending.value)
    attempts: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    response_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=_now())
    last_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        CheckConstraint("status IN ('pending','delivered','failed')", name="status_valid"),
        Index(
            "ix_webhook_deliveries_undelivered",
            "id",
            postgresql_where=text("status <> 'delivered'"),
        ),
    )
