"""The review desk in a real browser: Debian's Chromium, driven by Playwright, against the
real server (uvicorn on a free port, the test database, the test Redis).

What the TestClient cannot show: that the forms as rendered carry what the routes need
(CSRF token, version, next), that post/redirect/get lands where a person expects, that
shop text (Chinese, `<script>`) reaches the screen as text, and that two tabs on the same
row cannot silently overwrite each other.

Never a downloaded browser build: Playwright launches /usr/bin/chromium (or
SHELFWRITER_TEST_CHROMIUM); the tests are skipped where there is none. No CJK font is needed:
assertions read the DOM, not pixels.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Dialog,
    Page,
    Playwright,
    expect,
    sync_playwright,
)
from sqlalchemy.orm import Session, sessionmaker

from tests.helpers import queued_calls
from tests.processes import desk_server
from tests.worker.web.conftest import PASSWORD, Catalog
from worker.config import get_settings
from worker.models import ContentStatus, ProductContent

pytestmark = pytest.mark.slow

CHROMIUM = os.environ.get("SHELFWRITER_TEST_CHROMIUM", "/usr/bin/chromium")
# Two shared CPU cores run Postgres, Redis, the server and Chromium: be patient, not flaky.
TIMEOUT_MS = 20_000
ZH_TITLE = "男士纯棉圆领短袖T恤"
expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture
def server(web_factory: sessionmaker[Session]) -> Iterator[str]:
    with desk_server(web_factory) as base:
        yield base


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    # A missing browser fails the run (CI installs Debian's chromium): never a silent skip.
    assert Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM}: apt-get install chromium"
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    b = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
    yield b
    b.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context()
    ctx.set_default_timeout(TIMEOUT_MS)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def login(page: Page, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base}/queue")


def queue_ids(page: Page) -> list[int]:
    return [
        int(i)
        for i in page.locator("#queue tbody tr[data-id]").evaluate_all(
            "rows => rows.map(r => r.dataset.id)"
        )
    ]


def row(factory: sessionmaker[Session], content_id: int) -> ProductContent:
    with factory() as session:
        found = session.get(ProductContent, content_id)
        assert found is not None
        return found


def test_a_reviewer_works_through_the_desk(
    server: str,
    page: Page,
    catalog: Catalog,
    reviewer: str,
    broker: redis.Redis,
    web_factory: sessionmaker[Session],
) -> None:
    # Anonymous: sent to sign in, and a wrong password says so.
    page.goto(f"{server}/queue")
    expect(page).to_have_url(re.compile(r"/login\?next=/queue$"))
    page.fill("input[name=username]", reviewer)
    page.fill("input[name=password]", "not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("p.error")).to_have_text("Wrong name or password.")
    page.fill("input[name=username]", reviewer)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{server}/queue")

    # The queue: both products, the Chinese title exactly as stored.
    expect(page.locator("#queue tbody tr[data-id]")).to_have_count(3)
    expect(page.get_by_role("link", name="EN-1", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="ZH-1", exact=True).first).to_be_visible()
    zh_titles = page.get_by_text(ZH_TITLE, exact=True)
    expect(zh_titles).to_have_count(2)  # its description and its recommendation copy
    expect(zh_titles.first).to_be_visible()
    assert sorted(queue_ids(page)) == sorted([catalog.en_id, catalog.zh_id, catalog.failed_id])

    # Filters, through the form as a person uses it.
    page.select_option("form.filters select[name=status]", "failed")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"[?&]status=failed"))
    expect(page.locator("#queue tbody tr[data-id]")).to_have_count(1)
    assert queue_ids(page) == [catalog.failed_id]
    expect(page.locator(f"tr[data-id='{catalog.failed_id}'] .err")).to_contain_text(
        "audience:contradicts 女士"
    )

    page.get_by_role("link", name="Clear").click()
    page.fill("form.filters input[name=locale]", "zh-CN")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"[?&]locale=zh-CN"))
    expect(page.locator("#queue tbody tr[data-id]")).to_have_count(2)
    assert sorted(queue_ids(page)) == sorted([catalog.zh_id, catalog.failed_id])
    expect(page.locator("form.filters select[name=status]")).to_have_value("")
    expect(page.locator("form.filters input[name=locale]")).to_have_value("zh-CN")

    page.get_by_role("link", name="Clear").click()
    page.fill("form.filters input[name=q]", "merino")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"[?&]q=merino"))
    expect(page.locator("#queue tbody tr[data-id]")).to_have_count(1)
    assert queue_ids(page) == [catalog.en_id]
    expect(page.locator("#queue tbody")).to_contain_text("Merino crew sweater")

    # The Chinese product: edit its description.
    page.get_by_role("link", name="Clear").click()
    page.get_by_role("link", name="ZH-1", exact=True).first.click()
    expect(page).to_have_url(f"{server}/products/ZH-1")
    expect(page.locator("h1")).to_contain_text(ZH_TITLE)
    unit = page.locator(f"#unit-{catalog.zh_id}")
    expect(unit.locator(".body")).to_have_text("这款男士T恤采用纯棉面料，圆领设计，穿着舒适。")
    new_text = "纯棉面料柔软透气，经典圆领，日常通勤与休闲都合适。"
    unit.locator("details.edit > summary").click()
    unit.locator("details.edit textarea").fill(new_text)
    unit.locator("details.edit").get_by_role("button", name="Save and lock").click()

    expect(page).to_have_url(f"{server}/products/ZH-1#unit-{catalog.zh_id}")
    expect(page.locator(".flash")).to_have_text(
        f"Saved your text for #{catalog.zh_id}; it is locked."
    )
    unit = page.locator(f"#unit-{catalog.zh_id}")
    expect(unit.locator(".body")).to_have_text(new_text)
    expect(unit).to_have_attribute("data-status", "edited")
    expect(unit.locator("h2 .badge").first).to_have_text("edited")
    expect(unit.locator("h2 .lock")).to_have_text("locked")
    expect(unit.locator("details.history li")).to_have_count(1)
    expect(unit.locator("details.history li").first).to_contain_text(f"{reviewer} edit")
    saved = row(web_factory, catalog.zh_id)
    assert (saved.body, saved.status, saved.locked, saved.source) == (
        new_text,
        ContentStatus.edited.value,
        True,
        "human",
    )
    assert [(h["action"], h["by"]) for h in saved.quality["review"]] == [("edit", reviewer)]
    # The flash is shown once: a reload does not repeat it (or the action).
    page.reload()
    expect(page.locator(".flash")).to_have_count(0)

    # The English product: approve its description, then regenerate it.
    page.goto(f"{server}/products/EN-1")
    en = page.locator(f"#unit-{catalog.en_id}")
    expect(en).to_have_attribute("data-status", "generated")
    en.get_by_role("button", name="Approve").click()
    expect(page.locator(".flash")).to_have_text(f"Approved #{catalog.en_id}.")
    en = page.locator(f"#unit-{catalog.en_id}")
    expect(en).to_have_attribute("data-status", "approved")
    expect(en.get_by_role("button", name="Approve")).to_have_count(0)
    expect(en.locator("details.history")).to_contain_text(f"{reviewer} approve")
    assert row(web_factory, catalog.en_id).status == ContentStatus.approved.value

    assert queued_calls(broker, get_settings().generate_queue) == []
    page.check("form.regenerate input[name=kinds][value=description]")
    page.click("#regenerate")
    expect(page.locator(".flash")).to_have_text("Queued EN-1 for regeneration (description).")
    expect(page).to_have_url(f"{server}/products/EN-1")
    calls = queued_calls(broker, get_settings().generate_queue)
    assert len(calls) == 1
    args, kwargs = calls[0]
    assert args[0] == [catalog.en_product]
    assert kwargs["force"] is True and kwargs["kinds"] == ["description"]

    # Sign out: the desk is closed again.
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(f"{server}/login")
    page.goto(f"{server}/queue")
    expect(page).to_have_url(re.compile(r"/login\?next=/queue$"))
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()


def test_a_viewer_has_no_buttons_and_forms_need_the_csrf_token(
    server: str,
    browser: Browser,
    page: Page,
    catalog: Catalog,
    viewer: str,
    reviewer: str,
    web_factory: sessionmaker[Session],
) -> None:
    login(page, server, viewer)
    expect(page.locator("#queue tbody tr[data-id]")).to_have_count(3)
    expect(page.locator("header .who")).to_contain_text(f"{viewer} (viewer)")
    expect(page.locator("#bulk-approve")).to_have_count(0)
    expect(page.locator("main form[method=post]")).to_have_count(0)
    expect(page.locator("main button")).to_have_count(1)  # Filter, nothing else
    page.goto(f"{server}/products/EN-1")
    expect(page.locator(f"#unit-{catalog.en_id} .body")).to_be_visible()
    expect(page.locator("main form[method=post]")).to_have_count(0)
    expect(page.locator("main button")).to_have_count(0)
    expect(page.locator("#regenerate")).to_have_count(0)
    expect(page.locator("details.edit")).to_have_count(0)

    # A viewer with the right token is still a viewer.
    token = page.locator("header form.who input[name=csrf]").get_attribute("value")
    assert token
    r = page.request.post(
        f"{server}/content/{catalog.en_id}/approve", form={"csrf": token}, max_redirects=0
    )
    assert r.status == 403 and "is a viewer" in r.text()

    # A reviewer's session without the form's token (what a forged cross-site form sends).
    ctx = browser.new_context()
    try:
        ctx.set_default_timeout(TIMEOUT_MS)
        other = ctx.new_page()
        login(other, server, reviewer)
        forms: list[dict[str, str | float | bool]] = [{}, {"csrf": "not-the-token"}]
        for form in forms:
            r = other.request.post(
                f"{server}/content/{catalog.en_id}/approve", form=form, max_redirects=0
            )
            assert r.status == 403, form
            assert "CSRF token is missing or stale" in r.text()
        r = other.request.post(
            f"{server}/products/EN-1/regenerate", form={"kinds": "description"}, max_redirects=0
        )
        assert r.status == 403
        # The rendered form itself, its token taken out: the browser gets the 403 page.
        other.goto(f"{server}/products/EN-1")
        approve = other.locator(f"#unit-{catalog.en_id} form[action$='/approve']")
        approve.locator("input[name=csrf]").evaluate("el => el.remove()")
        with other.expect_response(re.compile(r"/approve$")) as answer:
            approve.get_by_role("button", name="Approve").click()
        assert answer.value.status == 403
        expect(other.locator("h1")).to_have_text("403")
        expect(other.locator("#error-message")).to_contain_text("CSRF")
    finally:
        ctx.close()
    assert row(web_factory, catalog.en_id).status == ContentStatus.generated.value
    assert "review" not in (row(web_factory, catalog.en_id).quality or {})


def test_a_stale_form_is_refused_and_overwrites_nothing(
    server: str,
    context: BrowserContext,
    catalog: Catalog,
    reviewer: str,
    web_factory: sessionmaker[Session],
) -> None:
    first = context.new_page()
    login(first, server, reviewer)
    second = context.new_page()  # same session: two tabs of one person, or two people
    first.goto(f"{server}/products/ZH-1")
    second.goto(f"{server}/products/ZH-1")

    ours = "第一位审核员的文字：纯棉圆领，舒适透气。"
    unit = first.locator(f"#unit-{catalog.zh_id}")
    unit.locator("details.edit > summary").click()
    unit.locator("details.edit textarea").fill(ours)
    unit.locator("details.edit").get_by_role("button", name="Save and lock").click()
    expect(first.locator(f"#unit-{catalog.zh_id} .body")).to_have_text(ours)

    late = second.locator(f"#unit-{catalog.zh_id}")
    late.locator("details.edit > summary").click()
    late.locator("details.edit textarea").fill("第二位审核员的文字，基于旧页面。")
    with second.expect_response(re.compile(rf"/content/{catalog.zh_id}/edit$")) as answer:
        late.locator("details.edit").get_by_role("button", name="Save and lock").click()
    assert answer.value.status == 409
    expect(second.locator("h1")).to_have_text("409")
    expect(second.locator("#error-message")).to_contain_text("changed since it was loaded")
    assert row(web_factory, catalog.zh_id).body == ours

    # Reloaded, the page shows the first text, and its fresh form saves.
    second.goto(f"{server}/products/ZH-1")
    late = second.locator(f"#unit-{catalog.zh_id}")
    expect(late.locator(".body")).to_have_text(ours)
    expect(late.locator("details.history li")).to_have_count(1)
    theirs = "第二位审核员重新载入后的文字：纯棉圆领短袖。"
    late.locator("details.edit > summary").click()
    late.locator("details.edit textarea").fill(theirs)
    late.locator("details.edit").get_by_role("button", name="Save and lock").click()
    expect(second.locator(f"#unit-{catalog.zh_id} .body")).to_have_text(theirs)
    saved = row(web_factory, catalog.zh_id)
    assert saved.body == theirs and saved.status == ContentStatus.edited.value
    assert [h["action"] for h in saved.quality["review"]] == ["edit", "edit"]


def test_markup_in_a_body_is_shown_as_text(
    server: str,
    browser: Browser,
    catalog: Catalog,
    reviewer: str,
    web_factory: sessionmaker[Session],
) -> None:
    evil = "<script>alert(1)</script> Soft merino. <img src=x onerror=alert(2)>"
    with web_factory.begin() as session:
        found = session.get(ProductContent, catalog.en_id)
        assert found is not None
        found.body = evil
        found.error = '"><script>alert(3)</script>'
    # Without the CSP too: escaping alone must keep the script inert.
    ctx = browser.new_context(bypass_csp=True)
    try:
        ctx.set_default_timeout(TIMEOUT_MS)
        page = ctx.new_page()
        dialogs: list[str] = []

        def on_dialog(d: Dialog) -> None:
            dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", on_dialog)
        login(page, server, reviewer)
        cell = page.locator(f"#queue tr[data-id='{catalog.en_id}'] td.copy")
        expect(cell).to_contain_text(evil)
        expect(cell.locator(".err")).to_have_text('"><script>alert(3)</script>')

        page.goto(f"{server}/products/EN-1")
        unit = page.locator(f"#unit-{catalog.en_id}")
        expect(unit.locator(".body")).to_have_text(evil)
        expect(unit.locator("details.edit textarea")).to_have_value(evil)
        for p in ("queue", "products/EN-1"):
            page.goto(f"{server}/{p}")
            assert page.locator("script").count() == 0
            assert page.locator("main img").count() == 0
            html = page.content()
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        page.goto(f"{server}/products/EN-1")
        expect(page.locator(f"#unit-{catalog.en_id} .body b")).to_have_count(0)
        page.wait_for_timeout(300)  # an onerror would fire by now
        assert dialogs == []
    finally:
        ctx.close()


def test_overview_and_webhooks_pages(
    server: str,
    page: Page,
    catalog: Catalog,
    reviewer: str,
    web_factory: sessionmaker[Session],
    broker: redis.Redis,
) -> None:
    from worker import webhooks
    from worker.models import WebhookDelivery

    hook_id, _ = webhooks.add_webhook(web_factory, "https://shop.example/hook")
    with web_factory.begin() as session:
        failed = WebhookDelivery(
            webhook_id=hook_id,
            event=webhooks.EVENT,
            content_id=catalog.zh_id,
            payload={"content_id": catalog.zh_id},
            status="failed",
            attempts=11,
            last_error="HTTP 503",
        )
        session.add(failed)
        session.flush()
        delivery_id = failed.id

    login(page, server, reviewer)
    page.get_by_role("link", name="Overview").click()
    expect(page.locator("svg.chart")).to_have_count(2)
    expect(page.locator(".totals")).to_contain_text("generated 2")
    expect(page.locator(".totals")).to_contain_text("failed 1")
    expect(page.locator("svg.chart").nth(1)).to_contain_text("audience")

    page.get_by_role("link", name="Webhooks").click()
    failing = page.locator("#failing tbody tr")
    expect(failing).to_have_count(1)
    expect(failing).to_contain_text("HTTP 503")
    failing.get_by_role("button", name="Resend").click()
    expect(page.locator(".flash")).to_contain_text(f"Delivery #{delivery_id} queued again.")
    with web_factory() as session:
        again = session.get(WebhookDelivery, delivery_id)
        assert again is not None and again.status == "pending"
    (call,) = queued_calls(broker, get_settings().maintenance_queue)
    assert call[0] == [delivery_id]
