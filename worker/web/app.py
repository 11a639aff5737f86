"""The FastAPI application: middleware, error answers, routers."""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from worker.config import get_settings
from worker.content.review import InvalidEdit, ReviewError, StaleError
from worker.web.auth import LoginRequired, bearer, csrf_token, current_person

HERE = Path(__file__).parent
# Autoescape everything: every body, title and attribute is shop data, not markup.
templates = Jinja2Templates(
    env=jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True, auto_reload=False
    )
)
templates.env.globals["csrf_token"] = csrf_token


def _short_time(value: dt.datetime | str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return str(value)
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def _fact(value: object) -> str:
    """An attribute value as a person writes it: lists joined, yes/no for booleans."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(_fact(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_fact(v)}" for k, v in value.items())
    return str(value)


templates.env.filters["when"] = _short_time
templates.env.filters["fact"] = _fact


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/healthz"


def _error(request: Request, status: int, message: str, **extra: Any) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message, **extra}, status_code=status)
    response: Response = templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status
    )
    return response


def create_app(factory: sessionmaker[Session] | None = None) -> FastAPI:
    from worker.db import session_factory
    from worker.web import api, desk

    settings = get_settings()
    app = FastAPI(
        title="Shelfwriter",
        summary="Product content: the review desk's API for shop platforms.",
        version="1",
        # The schema is served below, behind authentication; no Swagger page (it loads its
        # script from a CDN, which the CSP forbids and an offline shop may not reach).
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    app.state.factory = factory or session_factory()
    secret = (
        settings.web_secret.get_secret_value() if settings.web_secret else secrets.token_hex(32)
    )
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret,
        session_cookie="shelfwriter_session",
        max_age=settings.web_session_hours * 3600,
        same_site="lax",
        https_only=settings.web_cookie_secure,
    )

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        # No inline script anywhere: a strict CSP makes an escaping slip inert.
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
            " frame-ancestors 'none'; form-action 'self'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(ReviewError)
    async def not_found(request: Request, exc: ReviewError) -> Response:
        return _error(request, 404, str(exc))

    @app.exception_handler(StaleError)
    async def stale(request: Request, exc: StaleError) -> Response:
        return _error(request, 409, str(exc))

    @app.exception_handler(InvalidEdit)
    async def invalid(request: Request, exc: InvalidEdit) -> Response:
        # The shape FastAPI gives its own validation errors: a client parses one format.
        detail = [{"loc": ["body", exc.field], "msg": exc.message, "type": "value_error"}]
        if _wants_json(request):
            return JSONResponse({"detail": detail}, status_code=422)
        return _error(request, 422, f"{exc.field}: {exc.message}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        response = _error(request, exc.status_code, str(exc.detail))
        for k, v in (exc.headers or {}).items():
            response.headers[k] = v
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        if _wants_json(request):
            return JSONResponse({"detail": errors}, status_code=422)
        return _error(request, 422, "; ".join(f"{e['loc'][-1]}: {e['msg']}" for e in errors))

    @app.get("/healthz", include_in_schema=False)
    def health() -> dict[str, str]:
        with app.state.factory() as session:
            session.execute(text("SELECT 1"))
        return {"status": "ok"}

    @app.get("/openapi.json", include_in_schema=False)
    def openapi(request: Request) -> JSONResponse:
        # Not anonymous: a signed-in person or any live API token may read it.
        if request.headers.get("authorization"):
            bearer(request, app.state.factory)
        else:
            current_person(request, app.state.factory)
        return JSONResponse(
            get_openapi(
                title=app.title, version=app.version, summary=app.summary, routes=app.routes
            )
        )

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(desk.router)
    return app
