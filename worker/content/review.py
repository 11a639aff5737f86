"""What a person does with generated content: list it, approve, reject, edit.

An approved or edited row belongs to a person from then on: `worker.content.store` never
overwrites it (edit also locks it). A rejected row stays rejected for its inputs and model:
it is regenerated when the product or the model changes, or with `--force`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from worker.models import ContentSource, ContentStatus, Product, ProductContent


class ReviewError(LookupError):
    pass


@dataclass(frozen=True)
class ContentView:
    id: int
    sku: str
    kind: str
    segment: str
    locale: str
    status: str
    locked: bool
    body: str | None
    error: str | None
    quality: dict[str, Any]


def list_content(
    factory: sessionmaker[Session],
    *,
    status: str | None = None,
    kind: str | None = None,
    sku: str | None = None,
    limit: int = 50,
) -> list[ContentView]:
    stmt = (
        select(ProductContent, Product.sku)
        .join(Product, Product.id == ProductContent.product_id)
        .order_by(ProductContent.id)
        .limit(limit)
    )
    if status:
        stmt = stmt.where(ProductContent.status == status)
    if kind:
        stmt = stmt.where(ProductContent.kind == kind)
    if sku:
        stmt = stmt.where(Product.sku == sku)
    with factory() as session:
        return [
            ContentView(
                c.id,
                s,
                c.kind,
                c.segment,
                c.locale,
                c.status,
                c.locked,
                c.body,
                c.error,
                c.quality or {},
            )
            for c, s in session.execute(stmt).all()
        ]


def _row(session: Session, content_id: int) -> ProductContent:
    row = session.get(ProductContent, content_id, with_for_update=True)
    if row is None:
        raise ReviewError(f"no content row with id {content_id}")
    return row


def _note(row: ProductContent, action: str, reviewer: str, reason: str | None) -> None:
    history = list((row.quality or {}).get("review", []))
    history.append({"action": action, "by": reviewer, "reason": reason})
    row.quality = {**(row.quality or {}), "review": history}
    row.updated_at = func.now()


def approve(factory: sessionmaker[Session], content_id: int, reviewer: str) -> None:
    with factory.begin() as session:
        row = _row(session, content_id)
        if row.body is None:
            raise ReviewError(f"content {content_id} has no body to approve ({row.status})")
        row.status = ContentStatus.approved.value
        _note(row, "approve", reviewer, None)


def reject(factory: sessionmaker[Session], content_id: int, reviewer: str, reason: str) -> None:
    with factory.begin() as session:
        row = _row(session, content_id)
        row.status = ContentStatus.rejected.value
        _note(row, "reject", reviewer, reason)


def edit(factory: sessionmaker[Session], content_id: int, reviewer: str, body: str) -> None:
    """A person's text replaces the model's; the row is locked against regeneration."""
    body = body.strip()
    if not body:
        raise ReviewError("an edit needs a non-empty body")
    with factory.begin() as session:
        row = _row(session, content_id)
        row.body = body
        row.status = ContentStatus.edited.value
        row.source = ContentSource.human.value
        row.locked = True
        row.error = None
        _note(row, "edit", reviewer, None)
