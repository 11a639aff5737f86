"""Tag vocabulary: the platform's allowed tags per vocabulary and locale, with embeddings.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tag_vocabulary",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("vocabulary", sa.String(64), nullable=False),
        sa.Column("locale", sa.String(16), nullable=False),
        sa.Column("tag", sa.Text, nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("external_id", sa.String(64)),
        # float32 little-endian, L2-normalised; NULL until embedded.
        sa.Column("embedding", sa.LargeBinary),
        sa.Column("embedding_model", sa.String(64)),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.PrimaryKeyConstraint("id", name="pk_tag_vocabulary"),
        # Also serves the matcher's only query (vocabulary, locale): no separate index.
        sa.UniqueConstraint("vocabulary", "locale", "path", name="uq_tag_vocabulary_key"),
    )


def downgrade() -> None:
    op.drop_table("tag_vocabulary")
