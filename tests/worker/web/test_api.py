"""The HTTP API on the real Postgres: every action, every error, tokens and scopes."""

from __future__ import annotations

import pytest
import redis
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.helpers import queued_calls
from tests.worker.web.conftest import Catalog
from worker.config import get_settings
from worker.content import review
from worker.models import ProductContent
from worker.web.accounts import list_tokens, revoke_token


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_health_is_the_only_anonymous_answer(client: TestClient, catalog: Catalog) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    for path in ("/api/queue", "/api/products/EN-1/content"):
        r = client.get(path)
        assert r.status_code == 401
        assert r.headers["www-authenticate"] == "Bearer"
    assert client.post(f"/api/content/{catalog.en_id}/approve").status_code == 401
    # Desk pages send anonymous people to the login page.
    r = client.get("/queue", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_unknown_and_revoked_tokens_are_refused(
    client: TestClient, catalog: Catalog, read_token: str, web_factory: sessionmaker[Session]
) -> None:
    assert client.get("/api/queue", headers=auth("sw_not-a-token")).status_code == 401
    assert client.get("/api/queue", headers=auth(read_token)).status_code == 200
    revoke_token(web_factory, list_tokens(web_factory)[0].id)
    assert client.get("/api/queue", headers=auth(read_token)).status_code == 401


def test_product_content(client: TestClient, catalog: Catalog, read_token: str) -> None:
    r = client.get("/api/products/ZH-1/content", headers=auth(read_token))
    assert r.status_code == 200
    data = r.json()
    assert data["title"] == "男士纯棉圆领短袖T恤"
    kinds = {(c["kind"], c["segment"]): c for c in data["content"]}
    assert kinds[("description", "")]["body"].startswith("这款男士T恤")
    assert kinds[("recommendation_copy", "gift_buyers")]["status"] == "failed"
    assert kinds[("description", "")]["model_version"] == "m1"


def test_unknown_sku_is_a_json_404(client: TestClient, read_token: str, write_token: str) -> None:
    r = client.get("/api/products/NOPE/content", headers=auth(read_token))
    assert r.status_code == 404 and "NOPE" in r.json()["detail"]
    r = client.post("/api/products/NOPE/regenerate", headers=auth(write_token))
    assert r.status_code == 404
    r = client.post("/api/content/999999/approve", headers=auth(write_token))
    assert r.status_code == 404


def test_read_scope_cannot_act(client: TestClient, catalog: Catalog, read_token: str) -> None:
    r = client.post(f"/api/content/{catalog.en_id}/approve", headers=auth(read_token))
    assert r.status_code == 403
    assert "read-only" in r.json()["detail"]


def test_approve_reject_edit_through_the_api(
    client: TestClient, catalog: Catalog, write_token: str, web_factory: sessionmaker[Session]
) -> None:
    r = client.post(f"/api/content/{catalog.zh_id}/approve", headers=auth(write_token))
    assert r.status_code == 200
    assert r.json()["status"] == "approved"
    assert r.json()["history"][-1]["by"] == "api:shop-write"

    r = client.post(
        f"/api/content/{catalog.en_id}/reject",
        headers=auth(write_token),
        json={"reason": "tone is off"},
    )
    assert r.status_code == 200 and r.json()["status"] == "rejected"

    r = client.post(
        f"/api/content/{catalog.en_id}/edit",
        headers=auth(write_token),
        json={"body": "A black merino crew sweater for every day."},
    )
    out = r.json()
    assert r.status_code == 200
    assert (out["status"], out["locked"], out["source"]) == ("edited", True, "human")
    assert [h["action"] for h in out["history"]] == ["reject", "edit"]
    with web_factory() as session:
        row = session.get(ProductContent, catalog.en_id)
        assert row is not None and row.body == "A black merino crew sweater for every day."


def test_invalid_edits_are_422_naming_the_field(
    client: TestClient, catalog: Catalog, write_token: str
) -> None:
    url = f"/api/content/{catalog.en_id}/edit"
    for body, needle in (
        ("   ", "non-empty"),
        ("<script>alert(1)</script> nice sweater", "markup"),
        ("x" * 901, "at most 900"),
    ):
        r = client.post(url, headers=auth(write_token), json={"body": body})
        assert r.status_code == 422, body
        detail = r.json()["detail"][0]
        assert detail["loc"] == ["body", "body"] and needle in detail["msg"]
    r = client.post(url, headers=auth(write_token), json={})
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"][-1] == "body"
    r = client.post(f"/api/content/{catalog.en_id}/reject", headers=auth(write_token), json={})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == "reason"


def test_a_stale_write_is_409_and_overwrites_nothing(
    client: TestClient, catalog: Catalog, write_token: str, read_token: str
) -> None:
    seen = client.get("/api/products/EN-1/content", headers=auth(read_token)).json()
    version = seen["content"][0]["version"]
    # Someone else edits first.
    r = client.post(
        f"/api/content/{catalog.en_id}/edit",
        headers=auth(write_token),
        json={"body": "First person's text.", "expected_version": version},
    )
    assert r.status_code == 200
    # A second write based on the page loaded before is refused.
    r = client.post(
        f"/api/content/{catalog.en_id}/edit",
        headers=auth(write_token),
        json={"body": "Second person's text.", "expected_version": version},
    )
    assert r.status_code == 409
    now = client.get("/api/products/EN-1/content", headers=auth(read_token)).json()
    assert now["content"][0]["body"] == "First person's text."


def test_queue_filters_and_keyset_pages(
    client: TestClient, catalog: Catalog, read_token: str
) -> None:
    h = auth(read_token)
    everything = client.get("/api/queue", headers=h).json()["items"]
    assert [i["id"] for i in everything] == sorted((i["id"] for i in everything), reverse=True)
    assert len(everything) == 3
    assert [i["id"] for i in client.get("/api/queue?status=failed", headers=h).json()["items"]] == [
        catalog.failed_id
    ]
    assert {i["sku"] for i in client.get("/api/queue?locale=zh-CN", headers=h).json()["items"]} == {
        "ZH-1"
    }
    assert len(client.get("/api/queue?reason=audience:", headers=h).json()["items"]) == 1
    assert client.get("/api/queue?q=merino", headers=h).json()["items"][0]["sku"] == "EN-1"
    assert client.get("/api/queue?q=EN-1", headers=h).json()["items"][0]["sku"] == "EN-1"
    assert client.get("/api/queue?category=服装", headers=h).json()["items"][0]["sku"] == "ZH-1"
    first = client.get("/api/queue?limit=2", headers=h).json()
    assert len(first["items"]) == 2 and first["older"] is not None and first["newer"] is None
    second = client.get(f"/api/queue?limit=2&older_than={first['older']}", headers=h).json()
    assert len(second["items"]) == 1 and second["older"] is None
    assert second["newer"] == second["items"][0]["id"]
    back = client.get(f"/api/queue?limit=2&newer_than={second['newer']}", headers=h).json()
    assert [i["id"] for i in back["items"]] == [i["id"] for i in first["items"]]
    assert client.get("/api/queue?status=bogus", headers=h).status_code == 422


def test_regenerate_enqueues_a_forced_task(
    client: TestClient, catalog: Catalog, write_token: str, broker: redis.Redis
) -> None:
    r = client.post(
        "/api/products/EN-1/regenerate", headers=auth(write_token), json={"kinds": ["description"]}
    )
    assert r.status_code == 202 and r.json()["kinds"] == ["description"]
    calls = queued_calls(broker, get_settings().generate_queue)
    assert len(calls) == 1
    args, kwargs = calls[0]
    assert args[0] == [catalog.en_product]
    assert kwargs["force"] is True and kwargs["kinds"] == ["description"]
    r = client.post(
        "/api/products/EN-1/regenerate", headers=auth(write_token), json={"kinds": ["poems"]}
    )
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "kinds"]


def test_openapi_schema_lists_the_api(client: TestClient, read_token: str) -> None:
    assert client.get("/openapi.json", follow_redirects=False).status_code == 303  # to login
    assert client.get("/openapi.json", headers=auth("sw_nope")).status_code == 401
    schema = client.get("/openapi.json", headers=auth(read_token)).json()
    assert "/api/products/{sku}/content" in schema["paths"]
    assert "/api/queue" in schema["paths"]
    assert "/login" not in schema["paths"]


def test_unlock_hands_a_row_back(web_factory: sessionmaker[Session], catalog: Catalog) -> None:
    review.edit(web_factory, catalog.en_id, "rita", "A person's sweater text.")
    review.unlock(web_factory, catalog.en_id, "rita")
    view = review.content_view(web_factory, catalog.en_id)
    assert (view.status, view.locked, view.source) == ("generated", False, "model")
    assert view.body == "A person's sweater text."  # still live until the model replaces it


@pytest.mark.parametrize("window", [1, review.RECENT_WINDOW])
def test_product_filters_page_the_same_beyond_the_recent_window(
    client: TestClient,
    catalog: Catalog,
    read_token: str,
    monkeypatch: pytest.MonkeyPatch,
    window: int,
) -> None:
    """A product filter first looks at the newest ids only; matches older than that window
    are found from the products instead (review.RECENT_WINDOW): the same rows either way."""
    monkeypatch.setattr(review, "RECENT_WINDOW", window)
    h = auth(read_token)
    merino = client.get("/api/queue?q=merino", headers=h).json()
    assert [i["id"] for i in merino["items"]] == [catalog.en_id]
    zh = client.get("/api/queue?category=服装&limit=1", headers=h).json()
    assert [i["id"] for i in zh["items"]] == [catalog.failed_id] and zh["older"] is not None
    rest = client.get(f"/api/queue?category=服装&limit=1&older_than={zh['older']}", headers=h)
    assert [i["id"] for i in rest.json()["items"]] == [catalog.zh_id]
    back = client.get(f"/api/queue?category=服装&limit=1&newer_than={catalog.zh_id}", headers=h)
    assert [i["id"] for i in back.json()["items"]] == [catalog.failed_id]


def test_the_platform_registers_webhooks(
    client: TestClient, read_token: str, write_token: str
) -> None:
    r = client.post(
        "/api/webhooks", headers=auth(write_token), json={"url": "https://shop.example/hook"}
    )
    assert r.status_code == 201
    made = r.json()
    assert made["secret"] and len(made["secret"]) > 30
    listed = client.get("/api/webhooks", headers=auth(read_token)).json()
    assert listed == [
        {"id": made["id"], "url": "https://shop.example/hook", "active": True, "secret": None}
    ]
    assert (
        client.post(
            "/api/webhooks", headers=auth(read_token), json={"url": "https://x.example/"}
        ).status_code
        == 403
    )
    bad = client.post("/api/webhooks", headers=auth(write_token), json={"url": "ftp://x"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "url"]
    assert (
        client.delete(f"/api/webhooks/{made['id']}", headers=auth(write_token)).status_code == 204
    )
    assert (
        client.delete(f"/api/webhooks/{made['id']}", headers=auth(write_token)).status_code == 404
    )
    assert client.get("/api/webhooks", headers=auth(read_token)).json() == []
