"""Small helpers shared by tests: writing products as the platform would, reading what
Celery put on the broker."""

from __future__ import annotations

import base64
import json
from decimal import Decimal
from typing import Any

import redis
from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session, sessionmaker

from worker.db import create_engine_for
from worker.models import CatalogEvent, Product, ProductContent


def add_product(session: Session, sku: str, **fields: Any) -> Product:
    values: dict[str, Any] = {
        "locale": "en",
        "title": f"Product {sku}",
        "brand": "Acme",
        "category": "Home & Garden > Kitchen & Dining > Drinkware",
        "attributes": {"colour": "black", "capacity": "500 ml"},
        "keywords": ["bottle"],
        "price": Decimal("19.90"),
        "currency": "USD",
    }
    values.update(fields)
    product = Product(sku=sku, **values)
    session.add(product)
    session.flush()
    return product


def add_products(
    factory: sessionmaker[Session], n: int, prefix: str = "P", **fields: Any
) -> list[int]:
    with factory.begin() as session:
        return [add_product(session, f"{prefix}{i:05d}", **fields).id for i in range(n)]


def events(factory: sessionmaker[Session]) -> list[CatalogEvent]:
    with factory() as session:
        return list(session.scalars(select(CatalogEvent).order_by(CatalogEvent.id)))


def content_rows(
    factory: sessionmaker[Session], product_id: int | None = None
) -> list[ProductContent]:
    with factory() as session:
        stmt = select(ProductContent).order_by(
            ProductContent.product_id, ProductContent.kind, ProductContent.segment
        )
        if product_id is not None:
            stmt = stmt.where(ProductContent.product_id == product_id)
        return list(session.scalars(stmt))


def table_names(url: str) -> set[str]:
    engine = create_engine_for(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def count(factory: sessionmaker[Session], sql: str, **params: Any) -> int:
    with factory() as session:
        return int(session.execute(text(sql), params).scalar_one())


def queued_tasks(client: redis.Redis, queue: str) -> list[tuple[str, list[int]]]:
    """(task id, product ids) of every message waiting in a Celery queue on Redis, in the
    order workers will take them (kombu LPUSHes and BRPOPs, so the list reads newest first)."""
    out = []
    for raw in reversed(client.lrange(queue, 0, -1)):
        message = json.loads(raw)
        body = json.loads(base64.b64decode(message["body"]))
        args = body[0]
        out.append((message["headers"]["id"], list(args[0])))
    return out


def queued_calls(client: redis.Redis, queue: str) -> list[tuple[list[Any], dict[str, Any]]]:
    """(args, kwargs) of every message waiting in a Celery queue, oldest first."""
    out = []
    for raw in reversed(client.lrange(queue, 0, -1)):
        body = json.loads(base64.b64decode(json.loads(raw)["body"]))
        out.append((list(body[0]), dict(body[1])))
    return out
