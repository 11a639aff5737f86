"""Fixtures for the desk and API: a real app on the test database, people and tokens."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from tests.helpers import add_product
from worker.models import ContentStatus, ProductContent, Role, TokenScope
from worker.web.accounts import add_user, create_token

PASSWORD = "correct horse battery"


@dataclass
class Catalog:
    en_id: int  # content id of the English description
    zh_id: int  # content id of the Chinese description
    failed_id: int
    en_product: int


@pytest.fixture
def web_factory(factory: sessionmaker[Session]) -> Iterator[sessionmaker[Session]]:
    with factory.begin() as session:
        session.execute(text("TRUNCATE users, api_tokens, webhooks RESTART IDENTITY CASCADE"))
    from worker.web.overview import forget

    forget()
    yield factory


@pytest.fixture
def catalog(web_factory: sessionmaker[Session]) -> Catalog:
    with web_factory.begin() as session:
        en = add_product(
            session,
            "EN-1",
            title="Merino crew sweater",
            category="Apparel",
            attributes={"colour": "black", "sizes": ["M", "L"], "machine washable": True},
        )
        zh = add_product(
            session,
            "ZH-1",
            locale="zh-CN",
            title="男士纯棉圆领短袖T恤",
            brand="棉语",
            category="服装",
            attributes={"材质": "纯棉", "领型": "圆领"},
        )
        rows = [
            ProductContent(
                product_id=en.id,
                kind="description",
                locale="en",
                status=ContentStatus.generated.value,
                body="A merino crew sweater in black, knitted for everyday wear. <b>ok</b>",
                model_version="m1",
                input_hash="h",
                quality={
                    "guards": {
                        "version": "guards-7",
                        "passed": True,
                        "failures": [],
                        "guards": [
                            {
                                "name": "facts",
                                "passed": True,
                                "detail": "all numbers in facts",
                                "failures": [],
                            }
                        ],
                    },
                    "candidates": [
                        {"score": 0.9, "failures": [], "text": "A merino…"},
                        {
                            "score": 0.0,
                            "failures": ["claim:efficacy"],
                            "text": "Clinically proven warmth.",
                        },
                    ],
                },
            ),
            ProductContent(
                product_id=zh.id,
                kind="description",
                locale="zh-CN",
                status=ContentStatus.generated.value,
                body="这款男士T恤采用纯棉面料，圆领设计，穿着舒适。",
                model_version="m1",
                input_hash="h",
            ),
            ProductContent(
                product_id=zh.id,
                kind="recommendation_copy",
                segment="gift_buyers",
                locale="zh-CN",
                status=ContentStatus.failed.value,
                body=None,
                error="no candidate passed the guards: audience:contradicts 女士",
                model_version="m1",
                input_hash="h",
            ),
        ]
        session.add_all(rows)
        session.flush()
        return Catalog(rows[0].id, rows[1].id, rows[2].id, en.id)


@pytest.fixture
def client(
    web_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    from worker.config import get_settings
    from worker.web.app import create_app

    # TestClient speaks http://testserver: Secure cookies would never come back.
    monkeypatch.setenv("SHELFWRITER_WEB_COOKIE_SECURE", "0")
    get_settings.cache_clear()
    try:
        with TestClient(create_app(web_factory)) as c:
            yield c
    finally:
        monkeypatch.delenv("SHELFWRITER_WEB_COOKIE_SECURE")
        get_settings.cache_clear()


@pytest.fixture
def reviewer(web_factory: sessionmaker[Session]) -> str:
    add_user(web_factory, "rita", PASSWORD, Role.reviewer)
    return "rita"


@pytest.fixture
def viewer(web_factory: sessionmaker[Session]) -> str:
    add_user(web_factory, "victor", PASSWORD, Role.viewer)
    return "victor"


@pytest.fixture
def read_token(web_factory: sessionmaker[Session]) -> str:
    return create_token(web_factory, "shop-read", TokenScope.read)[1]


@pytest.fixture
def write_token(web_factory: sessionmaker[Session]) -> str:
    return create_token(web_factory, "shop-write", TokenScope.write)[1]
