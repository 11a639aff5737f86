"""What a person does with generated content: list it, approve, reject, edit, unlock,
regenerate. The CLI (`shelfwriter review`), the review desk and the HTTP API (`worker.web`)
all call these functions, so every action takes the same path and lands in the row's
review history (`quality.review`).

An approved or edited row belongs to a person from then on: `worker.content.store` never
overwrites it (edit also locks it). A rejected row stays rejected for its inputs and model:
it is regenerated when the product or the model changes, or with `--force`. Unlock hands a
person's row back to the model: its text stays live until the model writes a replacement.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from worker import webhooks
from worker.content.guards.style import LENGTH_LIMITS
from worker.models import (
    HUMAN_STATUSES,
    ContentKind,
    ContentSource,
    ContentStatus,
    Product,
    ProductContent,
)

_Sel = TypeVar("_Sel", bound="Select[*tuple[Any, ...]]")


class ReviewError(LookupError):
    """No such row or product (the desk and API answer 404)."""


class InvalidEdit(ValueError):
    """A person's input that cannot be taken (422, naming the field)."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


class StaleError(RuntimeError):
    """The row changed since the person loaded it (409): nothing is overwritten."""


# A kind without a guard length (tags) still gets a ceiling: an edit is copy, not a document.
EDIT_MAX_CHARS_DEFAULT = 1000
# Markup in a body would render on the shop's pages; copy is plain text.
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|&[a-zA-Z]+;|&#\d+;")


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
    product_id: int = 0
    title: str = ""
    category: str | None = None
    source: str = ContentSource.model.value
    model_version: str | None = None
    updated_at: dt.datetime | None = None
    generated_at: dt.datetime | None = None

    @property
    def version(self) -> str:
        """What a form carries to detect a stale page: the row's last change."""
        return version_of(self.updated_at)

    @property
    def changed_since_edit(self) -> bool:
        return "stale_since_edit" in self.quality and self.status in HUMAN_STATUSES

    @property
    def history(self) -> list[dict[str, Any]]:
        return list(self.quality.get("review", []))


def version_of(updated_at: dt.datetime | None) -> str:
    return updated_at.isoformat() if updated_at is not None else ""


@dataclass(frozen=True)
class QueueFilter:
    """The desk's and the API's queue filters (all optional)."""

    status: str | None = None
    kind: str | None = None
    locale: str | None = None
    category: str | None = None
    # A guard failure prefix ("claim:", "audience:") or a whole code, found in the error.
    reason: str | None = None
    changed_since_edit: bool = False
    q: str | None = None  # sku (exact) or words of the title
    sku: str | None = None


@dataclass
class Page:
    rows: list[ContentView]
    # Keyset cursors (ids): newest first, so "older" pages go below the last id shown.
    older: int | None = None
    newer: int | None = None
    filters: QueueFilter = field(default_factory=QueueFilter)


def _apply(stmt: _Sel, f: QueueFilter) -> _Sel:
    if f.status:
        stmt = stmt.where(ProductContent.status == f.status)
    if f.kind:
        stmt = stmt.where(ProductContent.kind == f.kind)
    if f.locale:
        stmt = stmt.where(ProductContent.locale == f.locale)
    if f.category:
        stmt = stmt.where(Product.category == f.category)
    if f.reason:
        # Failed rows carry the reasons in `error`; a kept body with a failed retry in
        # quality.last_failure.error.
        pattern = f"%{_escape_like(f.reason)}%"
        stmt = stmt.where(
            or_(
                ProductContent.error.ilike(pattern),
                ProductContent.quality["last_failure"]["error"].astext.ilike(pattern),
            )
        )
    if f.changed_since_edit:
        stmt = stmt.where(
            ProductContent.quality.has_key("stale_since_edit"),
            ProductContent.status.in_([s.value for s in HUMAN_STATUSES]),
        )
    if f.sku:
        stmt = stmt.where(Product.sku == f.sku)
    if f.q:
        q = f.q.strip()
        stmt = stmt.where(or_(Product.sku == q, Product.title.ilike(f"%{_escape_like(q)}%")))
    return stmt


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _joined() -> Select[ProductContent, Product]:
    """Content rows with their product: what every listing here reads."""
    return select(ProductContent, Product).join(Product, Product.id == ProductContent.product_id)


def _view(c: ProductContent, p: Product) -> ContentView:
    return ContentView(
        c.id,
        p.sku,
        c.kind,
        c.segment,
        c.locale,
        c.status,
        c.locked,
        c.body,
        c.error,
        c.quality or {},
        product_id=p.id,
        title=p.title,
        category=p.category,
        source=c.source,
        model_version=c.model_version,
        updated_at=c.updated_at,
        generated_at=c.generated_at,
    )


# A keyset page reads ids newest first and filters on the way: its cost is the rows read
# until a page of matches, nothing when matches are spread through the table, all of it
# when they are all old (a category imported long ago, a word only old titles hold: about a
# second at a million rows, bench/web_load.py). The planner cannot see that: it assumes
# matches are spread evenly. So a filter on the product (category, search) first reads only
# the newest RECENT_WINDOW ids (~25 ms at most); a page not filled there is found from the
# matching products instead: all their content ids, sorted (cheap exactly when few products
# match, which is when the window comes up short; a large category whose products are all
# old still costs a pass over its content).
RECENT_WINDOW = 20_000


def _product_filtered(f: QueueFilter) -> bool:
    return bool(f.category or f.q or f.sku)


def recent_window(
    session: Session, *, older_than: int | None = None, newer_than: int | None = None
) -> tuple[int, int, bool]:
    """The first try's ids for a page with these cursors: (above, below, complete), both
    bounds exclusive; complete when no id the page could show lies outside them."""
    if newer_than is not None and older_than is None:  # ascending, from newer_than up
        top = session.scalar(select(func.max(ProductContent.id))) or 0
        below = newer_than + RECENT_WINDOW + 1
        return newer_than, below, below > top
    if older_than is None:
        older_than = (session.scalar(select(func.max(ProductContent.id))) or 0) + 1
    floor = newer_than if newer_than is not None else 0
    above = max(older_than - RECENT_WINDOW - 1, floor)
    return above, older_than, above <= floor


def queue_statement(
    f: QueueFilter,
    *,
    older_than: int | None = None,
    newer_than: int | None = None,
    limit: int = 50,
    within: tuple[int, int] | None = None,
    from_products: bool = False,
) -> Select[ProductContent, Product]:
    """The queue page's query (also what `bench.web_load` EXPLAINs): `limit + 1` rows, one
    more than shown, to tell whether there is a page beyond. `within` (exclusive id bounds)
    narrows it to a window; `from_products` finds every match first (a materialized CTE,
    planned for all its rows, so from the product filter's index), then sorts the ids."""
    ascending = newer_than is not None and older_than is None
    base = _joined()
    ids = select(ProductContent.id).join(Product, Product.id == ProductContent.product_id)
    bounds = []
    if older_than is not None:
        bounds.append(ProductContent.id < older_than)
    if newer_than is not None:
        bounds.append(ProductContent.id > newer_than)
    if within is not None:
        bounds += [ProductContent.id > within[0], ProductContent.id < within[1]]
    order = ProductContent.id.asc() if ascending else ProductContent.id.desc()
    if from_products:
        found = _apply(ids, f).where(*bounds).cte("queue_matches").prefix_with("MATERIALIZED")
        page = (
            select(found.c.id)
            .order_by(found.c.id.asc() if ascending else found.c.id.desc())
            .limit(limit + 1)
        )
        return base.where(ProductContent.id.in_(page)).order_by(order)
    return _apply(base, f).where(*bounds).order_by(order).limit(limit + 1)


def queue_page(
    factory: sessionmaker[Session],
    filters: QueueFilter | None = None,
    *,
    older_than: int | None = None,
    newer_than: int | None = None,
    limit: int = 50,
) -> Page:
    """One page of content rows, newest first, paged by id (keyset: a page deep in a
    million rows costs what the first does, unlike OFFSET)."""
    f = filters or QueueFilter()
    ascending = newer_than is not None and older_than is None

    def statement(
        within: tuple[int, int] | None = None, from_products: bool = False
    ) -> Select[ProductContent, Product]:
        return queue_statement(
            f,
            older_than=older_than,
            newer_than=newer_than,
            limit=limit,
            within=within,
            from_products=from_products,
        )

    with factory() as session:
        if _product_filtered(f):
            above, below, complete = recent_window(
                session, older_than=older_than, newer_than=newer_than
            )
            found = session.execute(statement(within=(above, below))).all()
            if len(found) <= limit and not complete:
                found = session.execute(statement(from_products=True)).all()
        else:
            found = session.execute(statement()).all()
        rows = [_view(c, p) for c, p in found]
    more = len(rows) > limit
    rows = rows[:limit]
    if ascending:
        rows.reverse()
    page = Page(rows, filters=f)
    if rows:
        if ascending:  # came from an older page: there are older rows below this one
            page.older, page.newer = rows[-1].id, rows[0].id if more else None
        else:
            page.older = rows[-1].id if more else None
            page.newer = rows[0].id if older_than is not None else None
    return page


def content_view(factory: sessionmaker[Session], content_id: int) -> ContentView:
    with factory() as session:
        found = session.execute(_joined().where(ProductContent.id == content_id)).one_or_none()
        if found is None:
            raise ReviewError(f"no content row with id {content_id}")
        return _view(*found)


def list_content(
    factory: sessionmaker[Session],
    *,
    status: str | None = None,
    kind: str | None = None,
    sku: str | None = None,
    limit: int = 50,
) -> list[ContentView]:
    """The CLI's listing: oldest first (the order rows were made in)."""
    f = QueueFilter(status=status, kind=kind, sku=sku)
    stmt = _apply(_joined(), f)
    with factory() as session:
        return [
            _view(c, p)
            for c, p in session.execute(stmt.order_by(ProductContent.id).limit(limit)).all()
        ]


@dataclass(frozen=True)
class ProductView:
    id: int
    sku: str
    locale: str
    title: str
    brand: str | None
    category: str | None
    attributes: dict[str, Any]
    keywords: list[str]
    price: str | None
    currency: str | None
    updated_at: dt.datetime
    content: list[ContentView]


def product_view(factory: sessionmaker[Session], sku: str) -> ProductView:
    with factory() as session:
        product = session.scalars(select(Product).where(Product.sku == sku)).one_or_none()
        if product is None or product.deleted_at is not None:
            raise ReviewError(f"no product with sku {sku!r}")
        rows = session.scalars(
            select(ProductContent)
            .where(ProductContent.product_id == product.id)
            .order_by(ProductContent.kind, ProductContent.segment, ProductContent.locale)
        ).all()
        return ProductView(
            product.id,
            product.sku,
            product.locale,
            product.title,
            product.brand,
            product.category,
            dict(product.attributes or {}),
            list(product.keywords or []),
            None if product.price is None else str(product.price),
            product.currency,
            product.updated_at,
            [_view(c, product) for c in rows],
        )


def _row(session: Session, content_id: int, expected: str | None) -> ProductContent:
    row = session.get(ProductContent, content_id, with_for_update=True)
    if row is None:
        raise ReviewError(f"no content row with id {content_id}")
    if expected is not None and expected != version_of(row.updated_at):
        raise StaleError(
            f"content {content_id} changed since it was loaded (now {row.status}); reload it"
        )
    return row


def _note(row: ProductContent, action: str, reviewer: str, reason: str | None) -> None:
    history = list((row.quality or {}).get("review", []))
    history.append(
        {
            "action": action,
            "by": reviewer,
            "reason": reason,
            "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
    )
    row.quality = {**(row.quality or {}), "review": history}
    row.updated_at = func.now()


def _published(factory: sessionmaker[Session], act: Callable[[Session], list[int]]) -> None:
    """Run `act` in one transaction; the webhook deliveries it recorded are sent after the
    commit (never inside it: a slow receiver must not hold the row lock)."""
    with factory.begin() as session:
        deliveries = act(session)
    webhooks.send_later(deliveries)


def approve(
    factory: sessionmaker[Session], content_id: int, reviewer: str, expected: str | None = None
) -> None:
    def act(session: Session) -> list[int]:
        row = _row(session, content_id, expected)
        if row.body is None:
            raise InvalidEdit(
                "status", f"content {content_id} has no body to approve ({row.status})"
            )
        row.status = ContentStatus.approved.value
        _note(row, "approve", reviewer, None)
        session.flush()
        return webhooks.record(session, row, "approved")

    _published(factory, act)


def reject(
    factory: sessionmaker[Session],
    content_id: int,
    reviewer: str,
    reason: str,
    expected: str | None = None,
) -> None:
    reason = reason.strip()
    if not reason:
        raise InvalidEdit("reason", "a rejection needs a reason")
    with factory.begin() as session:
        row = _row(session, content_id, expected)
        row.status = ContentStatus.rejected.value
        _note(row, "reject", reviewer, reason[:500])


def validate_body(kind: str, locale: str, body: str) -> str:
    body = body.strip()
    if not body:
        raise InvalidEdit("body", "an edit needs a non-empty body")
    if _MARKUP.search(body):
        raise InvalidEdit("body", "copy is plain text: remove the markup (<…> or &…;)")
    lang = locale.split("-")[0].split("_")[0].lower()
    limits = LENGTH_LIMITS.get((kind, lang))
    high = limits[1] if limits else EDIT_MAX_CHARS_DEFAULT
    if len(body) > high:
        raise InvalidEdit("body", f"{len(body)} characters; at most {high} for {kind}/{lang}")
    return body


def edit(
    factory: sessionmaker[Session],
    content_id: int,
    reviewer: str,
    body: str,
    expected: str | None = None,
) -> None:
    """A person's text replaces the model's; the row is locked against regeneration."""

    def act(session: Session) -> list[int]:
        row = _row(session, content_id, expected)
        row.body = validate_body(row.kind, row.locale, body)
        row.status = ContentStatus.edited.value
        row.source = ContentSource.human.value
        row.locked = True
        row.error = None
        _note(row, "edit", reviewer, None)
        session.flush()
        return webhooks.record(session, row, "edited")

    _published(factory, act)


def unlock(
    factory: sessionmaker[Session], content_id: int, reviewer: str, expected: str | None = None
) -> None:
    """Hand a person's row back to the model. Its text stays live (status generated) until
    the model writes a replacement; the cleared input hash makes the next refresh or
    regenerate redo it, and a failed redo keeps this text (store's failure path)."""
    with factory.begin() as session:
        row = _row(session, content_id, expected)
        if not (row.locked or row.status in HUMAN_STATUSES or row.source == ContentSource.human):
            raise InvalidEdit("status", f"content {content_id} is not held by a person")
        row.locked = False
        row.source = ContentSource.model.value
        if row.status in HUMAN_STATUSES:
            row.status = ContentStatus.generated.value if row.body else ContentStatus.failed.value
        row.input_hash = None
        _note(row, "unlock", reviewer, None)


# Bulk approve takes at most this many rows per call: one transaction stays short (row locks
# on 1,000 rows take well under a second) and a mistaken filter cannot approve a catalog.
BULK_APPROVE_MAX = 1000


def bulk_approve(
    factory: sessionmaker[Session],
    filters: QueueFilter,
    reviewer: str,
    limit: int = BULK_APPROVE_MAX,
) -> int:
    """Approve the generated rows the filter selects (failed rows have nothing to approve;
    a person's rows are already theirs). Returns how many were approved."""
    limit = max(1, min(limit, BULK_APPROVE_MAX))
    f = QueueFilter(**{**filters.__dict__, "status": ContentStatus.generated.value})

    def act(session: Session) -> list[int]:
        ids = session.scalars(
            _apply(
                select(ProductContent.id).join(Product, Product.id == ProductContent.product_id),
                f,
            )
            .where(ProductContent.body.is_not(None))
            .order_by(ProductContent.id)
            .limit(limit)
            .with_for_update(of=ProductContent, skip_locked=True)
        ).all()
        deliveries: list[int] = []
        for row in session.scalars(select(ProductContent).where(ProductContent.id.in_(ids))):
            row.status = ContentStatus.approved.value
            _note(row, "approve", reviewer, "bulk")
            session.flush()
            deliveries += webhooks.record(session, row, "approved")
        approved.extend(ids)
        return deliveries

    approved: list[int] = []
    _published(factory, act)
    return len(approved)


# publish(product_ids, force, kinds): one generate task on the normal generate queue.
RegeneratePublisher = Callable[[list[int], bool, list[str] | None], None]


def celery_regenerate_publisher() -> RegeneratePublisher:
    from worker.celery import GENERATE_TASK, app
    from worker.config import get_settings

    queue = get_settings().generate_queue

    def publish(product_ids: list[int], force: bool, kinds: list[str] | None) -> None:
        app.send_task(
            GENERATE_TASK,
            args=(product_ids,),
            kwargs={"force": force, "kinds": kinds},
            queue=queue,
        )

    return publish


def parse_kinds(kinds: Iterable[str] | None) -> list[str] | None:
    if not kinds:
        return None
    out = []
    valid = {k.value for k in ContentKind}
    for k in kinds:
        if k not in valid:
            raise InvalidEdit("kinds", f"unknown kind {k!r}; one of {', '.join(sorted(valid))}")
        out.append(k)
    return sorted(set(out))


def regenerate(
    factory: sessionmaker[Session],
    sku: str,
    reviewer: str,
    kinds: Sequence[str] | None = None,
    publish: RegeneratePublisher | None = None,
) -> list[str]:
    """Enqueue the product now, forced, on the generate queue (the worker's usual path: plan →
    generate → guard → write). A person's rows are still skipped by the planner: unlock them
    first. The request is noted on each row it concerns; returns the kinds asked for."""
    wanted = parse_kinds(kinds)
    with factory.begin() as session:
        product = session.scalars(select(Product).where(Product.sku == sku)).one_or_none()
        if product is None or product.deleted_at is not None:
            raise ReviewError(f"no product with sku {sku!r}")
        stmt = select(ProductContent).where(ProductContent.product_id == product.id)
        if wanted:
            stmt = stmt.where(ProductContent.kind.in_(wanted))
        for row in session.scalars(stmt.with_for_update()):
            _note(row, "regenerate", reviewer, None)
        product_id = product.id
    (publish or celery_regenerate_publisher())([product_id], True, wanted)
    return wanted or sorted(k.value for k in ContentKind)
