"""Webhooks on the real services: the outbox rows the publishing paths write, the signed
request a real receiver gets, and retries with backoff through a real Celery worker."""

from __future__ import annotations

import base64
import itertools
import json
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import redis
from sqlalchemy import select, text, update
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from tests.helpers import add_products, content_rows
from tests.processes import CeleryWorker, wait_for
from worker import webhooks
from worker.catalog.facts import load_facts
from worker.config import get_settings
from worker.content import review
from worker.content.generator import ContentResult, PlaceholderGenerator
from worker.content.plan import plan_batch
from worker.content.store import Outcome, write_results
from worker.models import ContentKind, ProductContent, Webhook, WebhookDelivery

SECRET = "sentinel-webhook-signing-key"


@pytest.fixture(autouse=True)
def no_webhooks(factory: sessionmaker[Session]) -> Iterator[None]:
    """The shared `factory` fixture empties the catalog, not the webhook tables: start with
    none, and leave none behind (an active webhook would make other tests' writes enqueue)."""

    def clear() -> None:
        with factory.begin() as session:
            session.execute(text("TRUNCATE webhook_deliveries, webhooks RESTART IDENTITY CASCADE"))

    clear()
    yield
    clear()


# --- a real receiver -----------------------------------------------------------------------


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    at: float  # time.monotonic()


class Receiver:
    """A real HTTP server on 127.0.0.1 (a free port) in a thread: records every POST and
    answers the scripted statuses in turn, the last one from then on."""

    def __init__(self, statuses: Sequence[int]) -> None:
        self.requests: list[Received] = []
        self._statuses = list(statuses)
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                with receiver._lock:
                    n = len(receiver.requests)
                    receiver.requests.append(
                        Received(self.path, dict(self.headers.items()), body, time.monotonic())
                    )
                    status = receiver._statuses[min(n, len(receiver._statuses) - 1)]
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass  # quiet: pytest shows the assertions

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/hook"

    def received(self) -> list[Received]:
        with self._lock:
            return list(self.requests)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


@pytest.fixture
def receiver() -> Iterator[Callable[[Sequence[int]], Receiver]]:
    started: list[Receiver] = []

    def start(statuses: Sequence[int]) -> Receiver:
        r = Receiver(statuses)
        started.append(r)
        return r

    yield start
    for r in started:
        r.close()


# --- helpers -------------------------------------------------------------------------------


def _results(factory: sessionmaker[Session], pid: int) -> list[ContentResult]:
    """The placeholder's results for one product's description (the test_store recipe)."""
    with factory() as session:
        plan = plan_batch(
            session,
            load_facts(session, [pid]),
            lambda _: "placeholder-0",
            [ContentKind.description],
        )
    return PlaceholderGenerator().generate(plan.work)


def _published_row(factory: sessionmaker[Session], sku_prefix: str = "P") -> ProductContent:
    """A product with a generated description (written before any webhook exists)."""
    [pid] = add_products(factory, 1, prefix=sku_prefix)
    assert write_results(factory, _results(factory, pid))[Outcome.written] == 1
    [row] = content_rows(factory, pid)
    return row


def _hook(factory: sessionmaker[Session], url: str, *, active: bool = True) -> int:
    hook_id, secret = webhooks.add_webhook(factory, url, SECRET)
    assert secret == SECRET
    if not active:
        with factory.begin() as session:
            session.execute(update(Webhook).where(Webhook.id == hook_id).values(active=False))
    return hook_id


def _deliveries(factory: sessionmaker[Session]) -> list[WebhookDelivery]:
    with factory() as session:
        return list(session.scalars(select(WebhookDelivery).order_by(WebhookDelivery.id)))


def _delivery(factory: sessionmaker[Session], delivery_id: int) -> WebhookDelivery:
    with factory() as session:
        row = session.get(WebhookDelivery, delivery_id)
        assert row is not None
        return row


def _queued_ids(client: redis.Redis) -> list[int]:
    """The delivery ids of the deliver tasks waiting on the maintenance queue, oldest first
    (kombu LPUSHes)."""
    ids = []
    for raw in reversed(client.lrange(get_settings().maintenance_queue, 0, -1)):
        message = json.loads(raw)
        assert message["headers"]["task"] == webhooks.DELIVER_TASK
        args = json.loads(base64.b64decode(message["body"]))[0]
        ids.append(int(args[0]))
    return ids


# --- signing -------------------------------------------------------------------------------


def test_sign_verify_round_trip_and_refusals() -> None:
    body = b'{"event":"content.published","sku":"P00000"}'
    now = int(time.time())
    header = webhooks.sign(SECRET, body, now)
    assert webhooks.sign(SECRET, body) in {header, webhooks.sign(SECRET, body, now + 1)}
    assert header.startswith("t=") and ",v1=" in header
    assert webhooks.verify(SECRET, body, header)
    assert not webhooks.verify(SECRET, body.replace(b"P00000", b"P00001"), header)  # tampered
    assert not webhooks.verify("another-secret", body, header)
    old = webhooks.sign(SECRET, body, int(time.time()) - 3600)  # a replay from an hour ago
    assert not webhooks.verify(SECRET, body, old)
    assert webhooks.verify(SECRET, body, old, tolerance_s=7200)  # only its age refused it
    # The timestamp is signed too: moving it (to pass a replay off as fresh) breaks the MAC.
    assert not webhooks.verify(SECRET, body, f"t={now + 1},{header.split(',', 1)[1]}")
    assert not webhooks.verify(SECRET, body, "garbage")
    assert not webhooks.verify(SECRET, body, "t=notanumber,v1=00")


# --- the outbox rows -----------------------------------------------------------------------


def test_approve_and_edit_record_one_pending_delivery_per_active_webhook(
    factory: sessionmaker[Session], broker: redis.Redis
) -> None:
    row = _published_row(factory)
    first = _hook(factory, "http://127.0.0.1:9/a")
    second = _hook(factory, "http://127.0.0.1:9/b")
    _hook(factory, "http://127.0.0.1:9/off", active=False)

    review.approve(factory, row.id, "mei")
    approved = _deliveries(factory)
    assert {d.webhook_id for d in approved} == {first, second}  # none for the inactive one
    for d in approved:
        assert (d.status, d.attempts, d.event, d.content_id) == (
            "pending", 0, webhooks.EVENT, row.id,
        )  # fmt: skip
        assert d.last_attempt_at is None and d.delivered_at is None
        p = d.payload
        assert p["event"] == "content.published" and p["trigger"] == "approved"
        assert (p["content_id"], p["sku"], p["kind"], p["segment"], p["locale"]) == (
            row.id, "P00000", "description", "", "en",
        )  # fmt: skip
        assert (p["status"], p["body"], p["model_version"]) == (
            "approved", row.body, "placeholder-0",
        )  # fmt: skip
    # Enqueued after the commit, one task per delivery.
    assert sorted(_queued_ids(broker)) == sorted(d.id for d in approved)

    review.edit(factory, row.id, "mei", "A black 500 ml bottle, written by Mei.")
    edited = [d for d in _deliveries(factory) if d.payload["trigger"] == "edited"]
    assert {d.webhook_id for d in edited} == {first, second}
    for d in edited:
        assert d.status == "pending" and d.content_id == row.id
        assert d.payload["status"] == "edited"
        assert d.payload["body"] == "A black 500 ml bottle, written by Mei."
    assert len(_deliveries(factory)) == 4
    assert sorted(_queued_ids(broker)) == sorted(d.id for d in _deliveries(factory))


def test_no_active_webhook_records_no_delivery(
    factory: sessionmaker[Session], broker: redis.Redis
) -> None:
    row = _published_row(factory)
    review.approve(factory, row.id, "mei")
    assert _deliveries(factory) == []
    _hook(factory, "http://127.0.0.1:9/off", active=False)
    review.edit(factory, row.id, "mei", "Edited while only an inactive webhook exists.")
    assert _deliveries(factory) == []
    assert broker.llen(get_settings().maintenance_queue) == 0


def test_store_write_records_a_generated_delivery_and_a_failure_none(
    factory: sessionmaker[Session], broker: redis.Redis
) -> None:
    hook_id = _hook(factory, "http://127.0.0.1:9/a")
    ok_pid, failing_pid = add_products(factory, 2)

    results = _results(factory, ok_pid)
    assert write_results(factory, results)[Outcome.written] == 1
    [row] = content_rows(factory, ok_pid)
    [d] = _deliveries(factory)
    assert (d.webhook_id, d.content_id, d.status) == (hook_id, row.id, "pending")
    p = d.payload
    assert (p["trigger"], p["status"], p["body"], p["sku"], p["model_version"]) == (
        "generated", "generated", row.body, "P00000", "placeholder-0",
    )  # fmt: skip
    assert _queued_ids(broker) == [d.id]

    # A redelivered copy of the same results writes nothing, so publishes nothing.
    assert write_results(factory, results)[Outcome.skipped_current] == 1
    # A failed result publishes nothing either.
    failed = [
        ContentResult(r.item, r.model_version, error="all candidates failed guards")
        for r in _results(factory, failing_pid)
    ]
    assert write_results(factory, failed)[Outcome.failed] == 1
    assert [r.status for r in content_rows(factory, failing_pid)] == ["failed"]
    assert len(_deliveries(factory)) == 1
    assert _queued_ids(broker) == [d.id]


def test_store_write_records_once_per_active_webhook_and_none_for_a_persons_row(
    factory: sessionmaker[Session], broker: redis.Redis
) -> None:
    row = _published_row(factory)
    with factory.begin() as session:  # the product changes: the model regenerates …
        session.execute(
            text("UPDATE products SET price = 5 WHERE id = :id"), {"id": row.product_id}
        )
    changed = _results(factory, row.product_id)
    review.approve(factory, row.id, "mei")  # … while a person approves the old text
    first = _hook(factory, "http://127.0.0.1:9/a")
    second = _hook(factory, "http://127.0.0.1:9/b")
    _hook(factory, "http://127.0.0.1:9/off", active=False)
    assert write_results(factory, changed)[Outcome.skipped_human] == 1
    assert _deliveries(factory) == []

    [other] = add_products(factory, 1, prefix="Q")
    assert write_results(factory, _results(factory, other))[Outcome.written] == 1
    assert {d.webhook_id for d in _deliveries(factory)} == {first, second}


# --- sending to a real receiver ------------------------------------------------------------


def test_deliver_to_a_real_receiver_signs_and_marks_delivered(
    factory: sessionmaker[Session],
    broker: redis.Redis,
    receiver: Callable[[Sequence[int]], Receiver],
) -> None:
    shop = receiver([200])
    row = _published_row(factory)
    _hook(factory, shop.url)
    review.approve(factory, row.id, "mei")
    [d] = _deliveries(factory)

    assert webhooks.deliver(factory, d.id, timeout=5)
    after = _delivery(factory, d.id)
    assert (after.status, after.attempts, after.response_status, after.last_error) == (
        "delivered", 1, 200, None,
    )  # fmt: skip
    assert after.delivered_at is not None and after.last_attempt_at is not None

    [req] = shop.received()
    assert req.path == "/hook"
    headers = {k.lower(): v for k, v in req.headers.items()}
    assert headers["content-type"] == "application/json"
    assert headers[webhooks.DELIVERY_HEADER.lower()] == str(d.id)
    assert headers["user-agent"] == "Shelfwriter-Webhook/1"
    assert webhooks.verify(SECRET, req.body, headers[webhooks.SIGNATURE_HEADER.lower()])
    assert not webhooks.verify("wrong", req.body, headers[webhooks.SIGNATURE_HEADER.lower()])
    assert json.loads(req.body) == d.payload

    # Delivered is final: a second send (a redelivered task) sends nothing; give_up keeps it.
    assert webhooks.deliver(factory, d.id, timeout=5)
    webhooks.give_up(factory, d.id)
    assert _delivery(factory, d.id).status == "delivered"
    assert len(shop.received()) == 1


def test_deliver_to_a_failing_receiver_records_the_attempt_then_give_up_and_resend(
    factory: sessionmaker[Session],
    broker: redis.Redis,
    receiver: Callable[[Sequence[int]], Receiver],
) -> None:
    shop = receiver([500])
    row = _published_row(factory)
    _hook(factory, shop.url)
    review.approve(factory, row.id, "mei")
    [d] = _deliveries(factory)

    with pytest.raises(webhooks.DeliveryError, match="HTTP 500"):
        webhooks.deliver(factory, d.id, timeout=5)
    after = _delivery(factory, d.id)
    assert (after.status, after.attempts, after.response_status, after.last_error) == (
        "pending", 1, 500, "HTTP 500",
    )  # fmt: skip
    assert after.last_attempt_at is not None and after.delivered_at is None
    assert len(shop.received()) == 1

    webhooks.give_up(factory, d.id)
    assert _delivery(factory, d.id).status == "failed"

    broker.delete(get_settings().maintenance_queue)
    webhooks.resend(factory, d.id)
    assert _delivery(factory, d.id).status == "pending"
    assert _queued_ids(broker) == [d.id]  # and a send was enqueued
    with pytest.raises(LookupError):
        webhooks.resend(factory, 999_999)


def test_deliver_to_a_refused_port_is_a_delivery_error(
    factory: sessionmaker[Session], broker: redis.Redis
) -> None:
    shop = Receiver([200])
    url = shop.url
    shop.close()  # nothing listens there now
    row = _published_row(factory)
    _hook(factory, url)
    review.approve(factory, row.id, "mei")
    [d] = _deliveries(factory)
    with pytest.raises(webhooks.DeliveryError):
        webhooks.deliver(factory, d.id, timeout=5)
    after = _delivery(factory, d.id)
    assert after.status == "pending" and after.attempts == 1 and after.response_status is None
    assert after.last_error is not None and after.last_error.startswith("ConnectError")


# --- retries through a real Celery worker --------------------------------------------------


def _webhook_worker(tmp_path: Path) -> CeleryWorker:
    return CeleryWorker(
        get_settings().maintenance_queue,
        tmp_path / "w.log",
        env={
            "SHELFWRITER_WEBHOOK_RETRY_BASE": "0.5",
            "SHELFWRITER_WEBHOOK_MAX_RETRIES": "3",
            "SHELFWRITER_WEBHOOK_TIMEOUT": "5",
            # No model is loaded or checked at start: this worker only sends webhooks.
            "SHELFWRITER_GENERATOR": "placeholder",
        },
    )


def _wait_for_status(
    factory: sessionmaker[Session], delivery_id: int, status: str, worker: CeleryWorker
) -> WebhookDelivery:
    try:
        wait_for(
            lambda: _delivery(factory, delivery_id).status == status,
            timeout=60,
            what=f"delivery {delivery_id} {status}",
        )
    except TimeoutError as exc:
        raise AssertionError(f"{exc}; worker log:\n{worker.log()[-3000:]}") from None
    return _delivery(factory, delivery_id)


def _gaps(requests: list[Received]) -> list[float]:
    return [b.at - a.at for a, b in itertools.pairwise(requests)]


def test_worker_retries_with_backoff_until_the_receiver_takes_it(
    factory: sessionmaker[Session],
    broker: redis.Redis,
    receiver: Callable[[Sequence[int]], Receiver],
    tmp_path: Path,
) -> None:
    shop = receiver([500, 503, 204])  # fails twice, then takes it
    row = _published_row(factory)
    _hook(factory, shop.url)
    worker = _webhook_worker(tmp_path)
    try:
        review.approve(factory, row.id, "mei")
        [d] = _deliveries(factory)
        done = _wait_for_status(factory, d.id, "delivered", worker)
    finally:
        worker.stop()
    assert (done.attempts, done.response_status, done.last_error) == (3, 204, None)
    requests = shop.received()
    assert len(requests) == 3
    for req in requests:  # every attempt the same delivery, each freshly signed
        assert req.headers[webhooks.DELIVERY_HEADER] == str(d.id)
        assert webhooks.verify(SECRET, req.body, req.headers[webhooks.SIGNATURE_HEADER])
    # Backoff: base × 2^n (0.5 s, then 1 s) between attempts.
    first_gap, second_gap = _gaps(requests)
    assert first_gap >= 0.4 and second_gap >= 0.9, (first_gap, second_gap)


def test_worker_marks_failed_after_max_retries(
    factory: sessionmaker[Session],
    broker: redis.Redis,
    receiver: Callable[[Sequence[int]], Receiver],
    tmp_path: Path,
) -> None:
    shop = receiver([500])  # never takes it
    row = _published_row(factory)
    _hook(factory, shop.url)
    worker = _webhook_worker(tmp_path)
    try:
        review.approve(factory, row.id, "mei")
        [d] = _deliveries(factory)
        failed = _wait_for_status(factory, d.id, "failed", worker)
        time.sleep(1.0)  # nothing more is sent once it is failed
    finally:
        worker.stop()
    # The first try and max_retries (3) retries, then failed.
    assert (failed.attempts, failed.response_status, failed.last_error) == (4, 500, "HTTP 500")
    assert failed.delivered_at is None
    assert len(shop.received()) == 4
    assert all(g >= 0.4 for g in _gaps(shop.received()))


# --- the sweep -----------------------------------------------------------------------------


def test_stale_pending_lists_unattempted_deliveries_only(
    factory: sessionmaker[Session],
    broker: redis.Redis,
    receiver: Callable[[Sequence[int]], Receiver],
) -> None:
    shop = receiver([500])
    first, second = (_published_row(factory, prefix) for prefix in ("P", "Q"))
    _hook(factory, shop.url)
    review.approve(factory, first.id, "mei")
    review.approve(factory, second.id, "mei")
    never, tried = (d.id for d in _deliveries(factory))
    time.sleep(0.05)
    assert webhooks.stale_pending(factory, older_than_s=0) == [never, tried]
    assert webhooks.stale_pending(factory, older_than_s=3600) == []  # not old enough yet

    # One attempted (a task is retrying it): the sweep leaves it to that task.
    with pytest.raises(webhooks.DeliveryError):
        webhooks.deliver(factory, tried, timeout=5)
    assert webhooks.stale_pending(factory, older_than_s=0) == [never]
    webhooks.give_up(factory, never)  # failed is not pending
    assert webhooks.stale_pending(factory, older_than_s=0) == []


# --- the command line ----------------------------------------------------------------------


def test_cli_add_list_deliveries_resend_remove(
    factory: sessionmaker[Session], broker: redis.Redis
) -> None:
    from worker.cli import app

    runner = CliRunner()
    added = runner.invoke(app, ["webhooks", "add", "http://127.0.0.1:9/x", "--secret", "s3"])
    assert added.exit_code == 0, added.output
    lines = dict(line.split(": ", 1) for line in added.stdout.splitlines() if ": " in line)
    hook_id = int(lines["id"])
    assert lines["secret"] == "s3"
    made = runner.invoke(app, ["webhooks", "add", "http://127.0.0.1:9/y"])
    assert made.exit_code == 0, made.output
    assert "secret: " in made.stdout and len(made.stdout.split("secret: ")[1].strip()) >= 32
    assert runner.invoke(app, ["webhooks", "add", "ftp://nope"]).exit_code != 0

    row = _published_row(factory)  # "generated", then "approved": two per webhook
    review.approve(factory, row.id, "mei")
    first = min(d.id for d in _deliveries(factory) if d.webhook_id == hook_id)
    webhooks.give_up(factory, first)

    listed = runner.invoke(app, ["webhooks", "list"])
    assert listed.exit_code == 0, listed.output
    [hook_line] = [line for line in listed.stdout.splitlines() if "/x" in line]
    cells = [c.strip() for c in hook_line.strip("│┃ ").replace("┃", "│").split("│")]
    assert cells[0] == str(hook_id) and cells[2:] == [
        "yes",
        "1",
        "1",
        "0",
    ]  # pending, failed, delivered

    shown = runner.invoke(app, ["webhooks", "deliveries", "--status", "failed"])
    assert shown.exit_code == 0, shown.output
    assert any(line.strip("│ ").startswith(f"{first} ") for line in shown.stdout.splitlines())
    assert "pending" not in shown.stdout
    assert runner.invoke(app, ["webhooks", "deliveries", "--status", "lost"]).exit_code != 0

    assert runner.invoke(app, ["webhooks", "resend", str(first)]).exit_code == 0
    assert _delivery(factory, first).status == "pending"

    assert runner.invoke(app, ["webhooks", "remove", str(hook_id)]).exit_code == 0
    with factory() as session:
        assert session.get(Webhook, hook_id) is None
    # Its deliveries go with it (ON DELETE CASCADE); the other webhook's stay.
    left = _deliveries(factory)
    assert left and all(d.webhook_id != hook_id for d in left)
    assert runner.invoke(app, ["webhooks", "remove", str(hook_id)]).exit_code != 0
