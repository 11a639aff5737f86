"""The HTTP API for the shop platform: JSON under /api/, bearer tokens, scoped read or
write. Every action is the CLI's and the desk's (`worker.content.review`), recorded in the
row's history as `api:<token name>`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from sqlalchemy import select

from worker import webhooks
from worker.content import review
from worker.content.review import ContentView, QueueFilter
from worker.models import ContentStatus, Webhook
from worker.web.accounts import TokenInfo
from worker.web.auth import Factory, ReadToken, WriteToken

router = APIRouter(prefix="/api", tags=["content"])


class ContentOut(BaseModel):
    id: int
    sku: str
    kind: str
    segment: str
    locale: str
    status: str
    locked: bool
    source: str
    body: str | None
    error: str | None
    model_version: str | None
    updated_at: dt.datetime | None
    generated_at: dt.datetime | None
    version: str = Field(description="send back as expected_version to refuse a stale write")
    changed_since_edit: bool
    guards: dict[str, Any] | None = Field(default=None, description="the guard report")
    candidates: list[dict[str, Any]] = Field(
        default_factory=list, description="every candidate, its score and refusals"
    )
    history: list[dict[str, Any]] = Field(default_factory=list)

    @classmethod
    def of(cls, v: ContentView) -> ContentOut:
        return cls(
            id=v.id,
            sku=v.sku,
            kind=v.kind,
            segment=v.segment,
            locale=v.locale,
            status=v.status,
            locked=v.locked,
            source=v.source,
            body=v.body,
            error=v.error,
            model_version=v.model_version,
            updated_at=v.updated_at,
            generated_at=v.generated_at,
            version=v.version,
            changed_since_edit=v.changed_since_edit,
            guards=v.quality.get("guards"),
            candidates=list(v.quality.get("candidates", [])),
            history=v.history,
        )


class ProductContentOut(BaseModel):
    sku: str
    locale: str
    title: str
    content: list[ContentOut]


class QueueOut(BaseModel):
    items: list[ContentOut]
    older: int | None = Field(description="pass as older_than for the next page")
    newer: int | None = Field(description="pass as newer_than for the previous page")


class RegenerateIn(BaseModel):
    kinds: list[str] | None = Field(default=None, description="default: every kind")


class RegenerateOut(BaseModel):
    sku: str
    kinds: list[str]
    queued: bool = True


class ExpectIn(BaseModel):
    expected_version: str | None = Field(
        default=None, description="the `version` you read; a changed row answers 409"
    )


class RejectIn(ExpectIn):
    reason: str = Field(min_length=1, max_length=500)


class EditIn(ExpectIn):
    body: str


def _by(token: TokenInfo) -> str:
    return f"api:{token.name}"


def _one(factory: Factory, content_id: int) -> ContentOut:
    return ContentOut.of(review.content_view(factory, content_id))


@router.get("/products/{sku}/content", response_model=ProductContentOut)
def product_content(sku: str, factory: Factory, token: ReadToken) -> ProductContentOut:
    """A product's content: every kind and segment, with status and model version."""
    p = review.product_view(factory, sku)
    return ProductContentOut(
        sku=p.sku, locale=p.locale, title=p.title, content=[ContentOut.of(c) for c in p.content]
    )


@router.post("/products/{sku}/regenerate", response_model=RegenerateOut, status_code=202)
def regenerate(
    sku: str, factory: Factory, token: WriteToken, body: RegenerateIn | None = None
) -> RegenerateOut:
    """Queue the product for generation now (forced). A person's rows stay theirs."""
    kinds = review.regenerate(factory, sku, _by(token), (body or RegenerateIn()).kinds)
    return RegenerateOut(sku=sku, kinds=kinds)


@router.post("/content/{content_id}/approve", response_model=ContentOut)
def approve(
    content_id: int, factory: Factory, token: WriteToken, body: ExpectIn | None = None
) -> ContentOut:
    review.approve(factory, content_id, _by(token), (body or ExpectIn()).expected_version)
    return _one(factory, content_id)


@router.post("/content/{content_id}/reject", response_model=ContentOut)
def reject(content_id: int, body: RejectIn, factory: Factory, token: WriteToken) -> ContentOut:
    review.reject(factory, content_id, _by(token), body.reason, body.expected_version)
    return _one(factory, content_id)


@router.post("/content/{content_id}/edit", response_model=ContentOut)
def edit(content_id: int, body: EditIn, factory: Factory, token: WriteToken) -> ContentOut:
    """Replace the text with a person's; the unit is locked against regeneration."""
    review.edit(factory, content_id, _by(token), body.body, body.expected_version)
    return _one(factory, content_id)


@router.get("/queue", response_model=QueueOut)
def queue(
    factory: Factory,
    token: ReadToken,
    status: ContentStatus | None = None,
    kind: str | None = None,
    locale: str | None = None,
    category: str | None = None,
    reason: str | None = None,
    changed_since_edit: bool = False,
    q: Annotated[str | None, Query(max_length=200)] = None,
    older_than: int | None = None,
    newer_than: int | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> QueueOut:
    """Content units, newest first, with the desk's filters; keyset pages by id."""
    f = QueueFilter(
        status=status.value if status else None,
        kind=kind,
        locale=locale,
        category=category,
        reason=reason,
        changed_since_edit=changed_since_edit,
        q=q,
    )
    page = review.queue_page(factory, f, older_than=older_than, newer_than=newer_than, limit=limit)
    return QueueOut(items=[ContentOut.of(v) for v in page.rows], older=page.older, newer=page.newer)


class WebhookIn(BaseModel):
    url: str = Field(description="http(s) URL that receives content.published events")


class WebhookOut(BaseModel):
    id: int
    url: str
    active: bool
    secret: str | None = Field(
        default=None, description="signing secret: returned once, when the webhook is made"
    )


@router.post("/webhooks", response_model=WebhookOut, status_code=201, tags=["webhooks"])
def add_webhook(body: WebhookIn, factory: Factory, token: WriteToken) -> WebhookOut:
    """Register a receiver; every published unit is POSTed to it, signed with the secret
    (header `Shelfwriter-Signature: t=TIME,v1=HMAC-SHA256(secret, "TIME.BODY")`)."""
    try:
        hook_id, secret = webhooks.add_webhook(factory, body.url)
    except ValueError as exc:
        raise review.InvalidEdit("url", str(exc)) from None
    return WebhookOut(id=hook_id, url=body.url, active=True, secret=secret)


@router.get("/webhooks", response_model=list[WebhookOut], tags=["webhooks"])
def list_webhooks(factory: Factory, token: ReadToken) -> list[WebhookOut]:
    with factory() as session:
        hooks = session.scalars(select(Webhook).order_by(Webhook.id)).all()
        return [WebhookOut(id=h.id, url=h.url, active=h.active) for h in hooks]


@router.delete("/webhooks/{webhook_id}", status_code=204, tags=["webhooks"])
def remove_webhook(webhook_id: int, factory: Factory, token: WriteToken) -> None:
    try:
        webhooks.remove_webhook(factory, webhook_id)
    except LookupError as exc:
        raise review.ReviewError(str(exc)) from None
