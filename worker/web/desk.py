"""The review desk: server-rendered pages for content teams. Each action is a plain form
POST (CSRF-checked) that calls the same `worker.content.review` function as the CLI and
redirects back (post/redirect/get), so a reload never repeats an action."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import func, select
from starlette.datastructures import FormData

from worker import webhooks
from worker.content import review
from worker.content.review import QueueFilter
from worker.models import ContentKind, ContentStatus, DeliveryStatus, Webhook, WebhookDelivery
from worker.web.accounts import Person, authenticate
from worker.web.auth import CheckedForm, Factory, Reviewer, Viewer, sign_in, sign_out
from worker.web.overview import overview, reasons_chart, status_chart

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


def _render(request: Request, name: str, person: Person | None, **context: Any) -> HTMLResponse:
    from worker.web.app import templates

    flash = request.session.pop("flash", None)
    return templates.TemplateResponse(request, name, {"person": person, "flash": flash, **context})


def _flash(request: Request, message: str) -> None:
    request.session["flash"] = message


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _back(request: Request, form: FormData, default: str) -> RedirectResponse:
    # Only a path on this site: an open redirect would let a link send people elsewhere.
    target = _field(form, "next")
    if not target.startswith("/") or target.startswith("//"):
        target = default
    return RedirectResponse(target, status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/queue") -> HTMLResponse:
    return _render(request, "login.html", None, next=next, error=None)


@router.post("/login", response_model=None)
def login(request: Request, factory: Factory, form: CheckedForm) -> Response:
    person = authenticate(factory, _field(form, "username"), _field(form, "password"))
    if person is None:
        response = _render(
            request, "login.html", None, next=_field(form, "next"), error="Wrong name or password."
        )
        response.status_code = 401
        return response
    sign_in(request, person)
    return _back(request, form, "/queue")


@router.post("/logout")
def logout(request: Request, form: CheckedForm) -> RedirectResponse:
    sign_out(request)
    return RedirectResponse("/login", status_code=303)


@router.get("/")
def home(person: Viewer) -> RedirectResponse:
    return RedirectResponse("/queue", status_code=303)


def _filters(params: Mapping[str, Any]) -> QueueFilter:
    """The queue's filters from its query string, or from the bulk form's hidden copy of it."""

    def p(name: str) -> str:
        value = params.get(name)
        return value if isinstance(value, str) else ""

    status = p("status") or None
    if status and status not in {s.value for s in ContentStatus}:
        raise HTTPException(422, f"status: unknown status {status!r}")
    kind = p("kind") or None
    if kind and kind not in {k.value for k in ContentKind}:
        raise HTTPException(422, f"kind: unknown kind {kind!r}")
    return QueueFilter(
        status=status,
        kind=kind,
        locale=p("locale") or None,
        category=p("category") or None,
        reason=p("reason") or None,
        changed_since_edit=p("changed_since_edit") in ("1", "on", "true"),
        q=p("q").strip()[:200] or None,
    )


def _query(f: QueueFilter, **extra: Any) -> str:
    values = {k: v for k, v in f.__dict__.items() if v not in (None, False, "")}
    if values.get("changed_since_edit"):
        values["changed_since_edit"] = "1"
    values.update({k: v for k, v in extra.items() if v is not None})
    return urlencode(values)


def _cursor(request: Request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    try:
        return int(raw)
    except ValueError:
        raise HTTPException(422, f"{name}: not an id") from None


@router.get("/queue", response_class=HTMLResponse)
def queue(request: Request, factory: Factory, person: Viewer) -> HTMLResponse:
    f = _filters(request.query_params)
    page = review.queue_page(
        factory,
        f,
        older_than=_cursor(request, "older_than"),
        newer_than=_cursor(request, "newer_than"),
        limit=PAGE_SIZE,
    )
    return _render(
        request,
        "queue.html",
        person,
        page=page,
        f=f,
        statuses=[s.value for s in ContentStatus],
        kinds=[k.value for k in ContentKind],
        filter_query=_query(f),
        older_url=f"/queue?{_query(f, older_than=page.older)}" if page.older else None,
        newer_url=f"/queue?{_query(f, newer_than=page.newer)}" if page.newer else None,
        here=str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""),
    )


@router.post("/queue/approve")
def bulk_approve(
    request: Request, factory: Factory, person: Reviewer, form: CheckedForm
) -> Response:
    # The selection on screen; bulk_approve itself keeps to its generated units.
    f = _filters(form)
    n = review.bulk_approve(factory, f, person.username)
    _flash(request, f"Approved {n} generated unit{'s' if n != 1 else ''}.")
    return _back(request, form, "/queue")


@router.get("/products/{sku}", response_class=HTMLResponse)
def product(request: Request, sku: str, factory: Factory, person: Viewer) -> HTMLResponse:
    p = review.product_view(factory, sku)
    return _render(
        request,
        "product.html",
        person,
        p=p,
        kinds=[k.value for k in ContentKind],
        here=str(request.url.path),
    )


def _act(request: Request, form: FormData, content_id: int, message: str) -> RedirectResponse:
    _flash(request, message)
    return _back(request, form, "/queue")


@router.post("/content/{content_id}/approve")
def approve(
    request: Request, content_id: int, factory: Factory, person: Reviewer, form: CheckedForm
) -> RedirectResponse:
    review.approve(factory, content_id, person.username, _field(form, "version") or None)
    return _act(request, form, content_id, f"Approved #{content_id}.")


@router.post("/content/{content_id}/reject")
def reject(
    request: Request, content_id: int, factory: Factory, person: Reviewer, form: CheckedForm
) -> RedirectResponse:
    review.reject(
        factory,
        content_id,
        person.username,
        _field(form, "reason"),
        _field(form, "version") or None,
    )
    return _act(request, form, content_id, f"Rejected #{content_id}.")


@router.post("/content/{content_id}/edit")
def edit(
    request: Request, content_id: int, factory: Factory, person: Reviewer, form: CheckedForm
) -> RedirectResponse:
    review.edit(
        factory, content_id, person.username, _field(form, "body"), _field(form, "version") or None
    )
    return _act(request, form, content_id, f"Saved your text for #{content_id}; it is locked.")


@router.post("/content/{content_id}/unlock")
def unlock(
    request: Request, content_id: int, factory: Factory, person: Reviewer, form: CheckedForm
) -> RedirectResponse:
    review.unlock(factory, content_id, person.username, _field(form, "version") or None)
    return _act(request, form, content_id, f"Unlocked #{content_id}: the model may rewrite it.")


@router.post("/products/{sku}/regenerate")
def regenerate(
    request: Request, sku: str, factory: Factory, person: Reviewer, form: CheckedForm
) -> RedirectResponse:
    kinds = [k for k in form.getlist("kinds") if isinstance(k, str) and k]
    done = review.regenerate(factory, sku, person.username, kinds or None)
    _flash(request, f"Queued {sku} for regeneration ({', '.join(done)}).")
    return _back(request, form, f"/products/{sku}")


@router.get("/overview", response_class=HTMLResponse)
def overview_page(request: Request, factory: Factory, person: Viewer) -> HTMLResponse:
    data = overview(factory)
    run = data.refresh
    progress = None
    if run is not None:
        finished = run.done + run.skipped + run.failed
        progress = {
            "run": run,
            "finished": finished,
            "share": (finished / run.enqueued)
            if run.enqueued
            else (1.0 if run.status != "running" else 0.0),
        }
    return _render(
        request,
        "overview.html",
        person,
        data=data,
        status_svg=status_chart(data.by_day),
        reasons_svg=reasons_chart(data.reasons),
        progress=progress,
    )


@router.get("/webhooks", response_class=HTMLResponse)
def webhooks_page(request: Request, factory: Factory, person: Viewer) -> HTMLResponse:
    with factory() as session:
        hooks = session.scalars(select(Webhook).order_by(Webhook.id)).all()
        counts = {
            (hook_id, status): n
            for hook_id, status, n in session.execute(
                select(WebhookDelivery.webhook_id, WebhookDelivery.status, func.count()).group_by(
                    WebhookDelivery.webhook_id, WebhookDelivery.status
                )
            ).all()
        }
        failing = session.scalars(
            select(WebhookDelivery)
            .where(WebhookDelivery.status != DeliveryStatus.delivered.value)
            .where(WebhookDelivery.attempts > 0)
            .order_by(WebhookDelivery.id.desc())
            .limit(100)
        ).all()
    return _render(
        request,
        "webhooks.html",
        person,
        hooks=hooks,
        counts=counts,
        failing=failing,
        statuses=[s.value for s in DeliveryStatus],
    )


@router.post("/webhooks/deliveries/{delivery_id}/resend")
def resend(
    request: Request, delivery_id: int, factory: Factory, person: Reviewer, form: CheckedForm
) -> RedirectResponse:
    try:
        webhooks.resend(factory, delivery_id)
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from None
    _flash(request, f"Delivery #{delivery_id} queued again.")
    return RedirectResponse("/webhooks", status_code=303)
