"""An immutable snapshot of the product facts content is generated from.

Everything downstream (prompts, guards, input hashes) reads a `ProductFacts`, never an ORM
row, so a hash computed when the batch was loaded can be recomputed from the row as it is
at write time and compared: that is how stale writes are refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from worker.models import Product, ProductReview


@dataclass(frozen=True)
class Review:
    id: int
    rating: int | None
    text: str


@dataclass(frozen=True)
class ProductFacts:
    id: int
    sku: str
    locale: str
    title: str
    brand: str | None
    category: str | None
    attributes: dict[str, Any]
    keywords: tuple[str, ...]
    price: str | None  # canonical decimal text ("19.90"): floats would make hashes unstable
    currency: str | None
    deleted: bool = False
    reviews: tuple[Review, ...] = field(default=())

    def field_value(self, name: str) -> Any:
        if name == "reviews":
            return [[r.id, r.rating, r.text] for r in self.reviews]
        if name == "keywords":
            return list(self.keywords)
        return getattr(self, name)


def canonical_price(price: Decimal | None) -> str | None:
    return None if price is None else f"{price:.2f}"


def facts_from_row(row: Product, reviews: list[ProductReview] | None = None) -> ProductFacts:
    attributes = row.attributes if isinstance(row.attributes, dict) else {}
    return ProductFacts(
        id=row.id,
        sku=row.sku,
        locale=row.locale,
        title=row.title,
        brand=row.brand,
        category=row.category,
        # Round-trip through sorted JSON so key order never changes a hash.
        attributes=json.loads(json.dumps(attributes, sort_keys=True, ensure_ascii=False)),
        keywords=tuple(row.keywords or ()),
        price=canonical_price(row.price),
        currency=row.currency,
        deleted=row.deleted_at is not None,
        reviews=tuple(
            Review(id=r.id, rating=r.rating, text=r.text)
            for r in sorted(reviews or [], key=lambda r: r.id)
        ),
    )


def load_facts(
    session: Session, product_ids: list[int], *, lock: bool = False
) -> dict[int, ProductFacts]:
    """Facts for the ids that exist (missing ids are simply absent: deleted products).

    `lock=True` takes FOR SHARE on the product rows: the platform cannot change a product
    between our staleness check and our write, while readers are not blocked."""
    if not product_ids:
        return {}
    stmt = select(Product).where(Product.id.in_(product_ids)).order_by(Product.id)
    if lock:
        stmt = stmt.with_for_update(read=True)
    rows = list(session.scalars(stmt))
    reviews: dict[int, list[ProductReview]] = {}
    for review in session.scalars(
        select(ProductReview).where(ProductReview.product_id.in_([r.id for r in rows]))
    ):
        reviews.setdefault(review.product_id, []).append(review)
    return {row.id: facts_from_row(row, reviews.get(row.id)) for row in rows}
