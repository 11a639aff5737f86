"""The outbox trigger: an event for every change content depends on, none for others,
in the same transaction as the change, and a NOTIFY wake-up."""

from __future__ import annotations

import select

import psycopg2
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from tests.helpers import add_product, events
from worker.dispatch import NOTIFY_CHANNEL
from worker.models import Product, ProductReview


def _ops(factory: sessionmaker[Session]) -> list[tuple[int, str]]:
    return [(e.product_id, e.op) for e in events(factory)]


def test_insert_writes_event(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        pid = add_product(session, "T1").id
    assert _ops(factory) == [(pid, "insert")]


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("title", "'New title'"),
        ("brand", "NULL"),
        ("category", "'Other'"),
        ("attributes", """'{"colour": "red"}'::jsonb"""),
        ("keywords", "ARRAY['a','b']"),
        ("price", "21.00"),
        ("currency", "'EUR'"),
        ("locale", "'zh-CN'"),
    ],
)
def test_relevant_update_writes_event(
    factory: sessionmaker[Session], column: str, value: str
) -> None:
    with factory.begin() as session:
        pid = add_product(session, "T1").id
    with factory.begin() as session:
        # column/value are the test's own constants, not input.
        stmt = text(f"UPDATE products SET {column} = {value} WHERE id = :id")  # noqa: S608
        session.execute(stmt, {"id": pid})
    assert _ops(factory) == [(pid, "insert"), (pid, "update")]


@pytest.mark.parametrize(
    "assignment",
    [
        "updated_at = now() + interval '1 day'",
        "sku = 'RENAMED'",
        "title = title",  # a no-op write of the same value
        """attributes = '{"capacity": "500 ml", "colour": "black"}'::jsonb""",  # same JSON
    ],
)
def test_irrelevant_update_writes_nothing(factory: sessionmaker[Session], assignment: str) -> None:
    with factory.begin() as session:
        pid = add_product(session, "T1").id
    with factory.begin() as session:
        result = session.execute(
            text(f"UPDATE products SET {assignment} WHERE id = :id"),  # noqa: S608 (test constants)
            {"id": pid},
        )
        assert result.rowcount == 1  # type: ignore[attr-defined]
    assert _ops(factory) == [(pid, "insert")]


def test_soft_and_hard_delete(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        soft = add_product(session, "SOFT").id
        hard = add_product(session, "HARD").id
    with factory.begin() as session:
        session.execute(text("UPDATE products SET deleted_at = now() WHERE id = :id"), {"id": soft})
        session.execute(text("DELETE FROM products WHERE id = :id"), {"id": hard})
    assert _ops(factory)[2:] == [(soft, "delete"), (hard, "delete")]


def test_rolled_back_change_leaves_no_event(factory: sessionmaker[Session]) -> None:
    session = factory()
    add_product(session, "GHOST")
    session.rollback()
    session.close()
    assert _ops(factory) == []


def test_review_changes_write_reviews_event(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        pid = add_product(session, "R1").id
        session.add(ProductReview(product_id=pid, rating=5, text="Keeps tea hot all day."))
    assert _ops(factory) == [(pid, "insert"), (pid, "reviews")]


def test_bulk_update_one_event_per_changed_row(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        ids = [add_product(session, f"B{i}", price=10 + i).id for i in range(5)]
    with factory.begin() as session:
        # Only rows whose price actually changes get an event (price 12 stays 12).
        session.execute(text("UPDATE products SET price = 12"))
    changed = [pid for pid, op in _ops(factory) if op == "update"]
    assert sorted(changed) == sorted(i for i in ids if i != ids[2])


def test_notify_wakes_listener(factory: sessionmaker[Session], database_url: str) -> None:
    args = make_url(database_url).translate_connect_args(username="user", database="dbname")
    listener = psycopg2.connect(**args)
    listener.autocommit = True
    with listener.cursor() as cur:
        cur.execute(f"LISTEN {NOTIFY_CHANNEL}")
    with factory.begin() as session:
        for i in range(50):
            session.add(Product(sku=f"N{i}", locale="en", title="n"))
    ready, _, _ = select.select([listener], [], [], 5)
    assert ready, "no NOTIFY within 5s"
    listener.poll()
    # Identical notifications in one transaction fold into one wake-up.
    assert len(listener.notifies) == 1
    listener.close()
