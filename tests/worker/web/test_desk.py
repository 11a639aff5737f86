"""The desk's pages and forms over HTTP (the real browser runs in test_browser.py): login,
CSRF, roles, the 409 on a stale form, escaping, bulk approve, overview, people's CLI."""

from __future__ import annotations

import re

import pytest
import redis
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from tests.helpers import queued_calls
from tests.worker.web.conftest import PASSWORD, Catalog
from worker.config import get_settings
from worker.content import review
from worker.models import ContentStatus, ProductContent
from worker.web.accounts import AccountError, authenticate, reset_password


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "every form carries a CSRF token"
    return found.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD) -> str:
    token = csrf_of(client.get("/login").text)
    r = client.post(
        "/login",
        data={"csrf": token, "username": username, "password": password, "next": "/queue"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    return csrf_of(client.get("/queue").text)


def test_login_logout(client: TestClient, catalog: Catalog, reviewer: str) -> None:
    token = csrf_of(client.get("/login").text)
    r = client.post(
        "/login", data={"csrf": token, "username": reviewer, "password": "wrong password!"}
    )
    assert r.status_code == 401 and "Wrong name or password" in r.text
    csrf = login(client, reviewer)
    page = client.get("/queue")
    assert page.status_code == 200 and "rita" in page.text
    client.post("/logout", data={"csrf": csrf})
    assert client.get("/queue", follow_redirects=False).status_code == 303


def test_login_without_csrf_is_refused(client: TestClient, reviewer: str) -> None:
    client.get("/login")
    r = client.post("/login", data={"username": reviewer, "password": PASSWORD})
    assert r.status_code == 403


def test_every_action_needs_the_sessions_csrf_token(
    client: TestClient, catalog: Catalog, reviewer: str, web_factory: sessionmaker[Session]
) -> None:
    login(client, reviewer)
    for data in ({}, {"csrf": "forged"}):
        r = client.post(f"/content/{catalog.en_id}/approve", data=data)
        assert r.status_code == 403
    with web_factory() as session:
        row = session.get(ProductContent, catalog.en_id)
        assert row is not None and row.status == ContentStatus.generated


def test_queue_shows_both_languages_escaped_and_marks_cut_text(
    client: TestClient, catalog: Catalog, reviewer: str
) -> None:
    login(client, reviewer)
    html = client.get("/queue").text
    assert "男士纯棉圆领短袖T恤" in html and "这款男士T恤采用纯棉面料" in html
    # The English body holds "<b>ok</b>": shown as text, never as markup.
    assert "&lt;b&gt;ok&lt;/b&gt;" in html and "<b>ok</b>" not in html
    assert "audience:contradicts" in html
    html = client.get("/queue?status=failed").text
    assert "ZH-1" in html and "EN-1" not in html
    html = client.get("/queue?q=merino").text
    assert "EN-1" in html and "ZH-1" not in html
    assert client.get("/queue?status=nope").status_code == 422


def test_product_page_actions_and_history(
    client: TestClient, catalog: Catalog, reviewer: str, web_factory: sessionmaker[Session]
) -> None:
    csrf = login(client, reviewer)
    html = client.get("/products/EN-1").text
    assert "Clinically proven warmth." in html and "claim:efficacy" in html  # a lost candidate
    # Facts read as a person writes them, not as Python reprs.
    assert '<td lang="en">M, L</td>' in html and '<td lang="en">yes</td>' in html
    version = review.content_view(web_factory, catalog.en_id).version
    r = client.post(
        f"/content/{catalog.en_id}/edit",
        data={
            "csrf": csrf,
            "version": version,
            "body": "A black merino sweater.",
            "next": "/products/EN-1",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/products/EN-1"
    page = client.get("/products/EN-1").text
    assert "A black merino sweater." in page and "Saved your text" in page
    view = review.content_view(web_factory, catalog.en_id)
    assert view.status == "edited" and view.locked
    assert view.history[-1]["by"] == "rita" and view.history[-1]["action"] == "edit"
    r = client.post(
        f"/content/{catalog.en_id}/unlock", data={"csrf": csrf, "version": view.version}
    )
    assert r.status_code == 200
    assert review.content_view(web_factory, catalog.en_id).locked is False
    r = client.post(f"/content/{catalog.zh_id}/reject", data={"csrf": csrf, "reason": "  "})
    assert r.status_code == 422 and "reason" in r.text
    r = client.post(f"/content/{catalog.zh_id}/reject", data={"csrf": csrf, "reason": "语气不对"})
    assert review.content_view(web_factory, catalog.zh_id).history[-1]["reason"] == "语气不对"
    # An open redirect is refused: `next` must be a path on this site.
    r = client.post(
        f"/content/{catalog.zh_id}/approve",
        data={"csrf": csrf, "next": "https://evil.example/"},
        follow_redirects=False,
    )
    assert r.headers["location"] == "/queue"


def test_a_stale_form_is_409_and_keeps_the_newer_text(
    client: TestClient, catalog: Catalog, reviewer: str, web_factory: sessionmaker[Session]
) -> None:
    csrf = login(client, reviewer)
    loaded = review.content_view(web_factory, catalog.zh_id).version
    review.edit(web_factory, catalog.zh_id, "someone", "另一位同事的文字。", expected=loaded)
    r = client.post(
        f"/content/{catalog.zh_id}/edit",
        data={"csrf": csrf, "version": loaded, "body": "我的文字。"},
    )
    assert r.status_code == 409 and "changed since it was loaded" in r.text
    assert review.content_view(web_factory, catalog.zh_id).body == "另一位同事的文字。"


def test_viewers_read_but_do_not_act(
    client: TestClient, catalog: Catalog, viewer: str, web_factory: sessionmaker[Session]
) -> None:
    csrf = login(client, viewer)
    html = client.get("/products/ZH-1").text
    assert "这款男士T恤" in html and "Approve" not in html and "Regenerate" not in html
    r = client.post(f"/content/{catalog.zh_id}/approve", data={"csrf": csrf})
    assert r.status_code == 403
    assert review.content_view(web_factory, catalog.zh_id).status == "generated"


def test_bulk_approve_takes_the_filtered_generated_rows(
    client: TestClient, catalog: Catalog, reviewer: str, web_factory: sessionmaker[Session]
) -> None:
    csrf = login(client, reviewer)
    r = client.post("/queue/approve", data={"csrf": csrf, "locale": "zh-CN"})
    assert "Approved 1 generated unit." in r.text
    assert review.content_view(web_factory, catalog.zh_id).status == "approved"
    assert review.content_view(web_factory, catalog.en_id).status == "generated"
    assert review.content_view(web_factory, catalog.failed_id).status == "failed"


def test_overview_draws_charts(client: TestClient, catalog: Catalog, reviewer: str) -> None:
    login(client, reviewer)
    html = client.get("/overview").text
    assert html.count("<svg") == 2
    assert "generated 2" in html and "failed 1" in html
    assert ">audience<" in html  # the failure family in the reasons chart
    assert "No refresh has run yet." in html


def test_a_reset_password_ends_older_sessions(
    client: TestClient, catalog: Catalog, reviewer: str, web_factory: sessionmaker[Session]
) -> None:
    login(client, reviewer)
    assert client.get("/queue").status_code == 200
    reset_password(web_factory, reviewer, "a brand new password")
    assert client.get("/queue", follow_redirects=False).status_code == 303
    assert authenticate(web_factory, reviewer, PASSWORD) is None
    assert authenticate(web_factory, reviewer, "a brand new password") is not None
    with pytest.raises(AccountError, match="at least"):
        reset_password(web_factory, reviewer, "short")


def test_security_headers(client: TestClient) -> None:
    r = client.get("/login")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_users_and_tokens_cli(web_factory: sessionmaker[Session]) -> None:
    from worker.cli import app

    runner = CliRunner()
    r = runner.invoke(
        app,
        ["users", "add", "ines", "--role", "viewer", "--password-stdin"],
        input="long enough password\n",
    )
    assert r.exit_code == 0, r.output
    person = authenticate(web_factory, "ines", "long enough password")
    assert person is not None and person.role.value == "viewer"
    r = runner.invoke(app, ["users", "add", "ines", "--password-stdin"], input="another password\n")
    assert r.exit_code != 0
    r = runner.invoke(app, ["tokens", "create", "--name", "shop", "--scope", "write"])
    assert r.exit_code == 0
    token = r.stdout.strip().splitlines()[-1]
    assert token.startswith("sw_") and len(token) > 40
    listing = runner.invoke(app, ["tokens", "list"]).stdout
    assert "shop\twrite" in listing and token not in listing  # only a prefix is shown
    r = runner.invoke(app, ["users", "remove", "ines"])
    assert r.exit_code == 0 and authenticate(web_factory, "ines", "long enough password") is None


def test_review_cli_unlock_and_regenerate(
    catalog: Catalog, web_factory: sessionmaker[Session], broker: redis.Redis
) -> None:
    from worker.cli import app

    runner = CliRunner()
    review.edit(web_factory, catalog.en_id, "rita", "A person's sweater text.")
    r = runner.invoke(app, ["review", "unlock", str(catalog.en_id)])
    assert r.exit_code == 0, r.output
    assert review.content_view(web_factory, catalog.en_id).locked is False
    r = runner.invoke(app, ["review", "unlock", str(catalog.en_id)])
    assert r.exit_code != 0  # no longer held by a person
    r = runner.invoke(app, ["review", "regenerate", "EN-1", "--kind", "tags"])
    assert r.exit_code == 0, r.output
    (call,) = queued_calls(broker, get_settings().generate_queue)
    assert call[0][0] == [catalog.en_product] and call[1]["kinds"] == ["tags"]
