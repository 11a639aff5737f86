"""Who is asking: a signed-in person (desk, session cookie) or a platform (API, bearer
token). Nothing answers anonymously but `/healthz`.

Sessions are Starlette's signed cookies (itsdangerous): they hold the user id, the time the
password was last set (a reset voids older sessions) and the CSRF token. CSRF is the
synchronizer-token pattern: every form carries the session's token and every POST from the
desk is refused without it. The API takes no cookies, only `Authorization: Bearer`, so a
browser cannot be tricked into calling it.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session, sessionmaker
from starlette.datastructures import FormData

from worker.models import TokenScope
from worker.web.accounts import Person, TokenInfo, get_person, token_for


class LoginRequired(Exception):
    """A desk page without a live session: answered with a redirect to /login."""


def sessions_of(request: Request) -> sessionmaker[Session]:
    factory: sessionmaker[Session] = request.app.state.factory
    return factory


Factory = Annotated[sessionmaker[Session], Depends(sessions_of)]


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def sign_in(request: Request, person: Person) -> None:
    request.session.clear()  # a fresh session at login: no fixation of an earlier one
    request.session.update(
        {
            "uid": person.id,
            "pwd_at": person.password_changed_at.isoformat(),
            "csrf": secrets.token_urlsafe(32),
        }
    )


def sign_out(request: Request) -> None:
    request.session.clear()


def current_person(request: Request, factory: Factory) -> Person:
    uid = request.session.get("uid")
    person = get_person(factory, uid) if isinstance(uid, int) else None
    if person is None or request.session.get("pwd_at") != person.password_changed_at.isoformat():
        request.session.clear()
        raise LoginRequired
    return person


Viewer = Annotated[Person, Depends(current_person)]


async def checked_form(request: Request) -> FormData:
    """The POSTed form, after its CSRF token matched the session's."""
    form = await request.form()
    sent = form.get("csrf")
    expected = request.session.get("csrf")
    if (
        not isinstance(sent, str)
        or not isinstance(expected, str)
        or not hmac.compare_digest(sent, expected)
    ):
        raise HTTPException(403, "the form's CSRF token is missing or stale: reload the page")
    return form


CheckedForm = Annotated[FormData, Depends(checked_form)]


def reviewer(person: Viewer) -> Person:
    if not person.can_act:
        raise HTTPException(403, f"{person.username} is a viewer: reviewers act on content")
    return person


Reviewer = Annotated[Person, Depends(reviewer)]


def bearer(request: Request, factory: Factory) -> TokenInfo:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    token = token_for(factory, value.strip()) if scheme.lower() == "bearer" else None
    if token is None:
        raise HTTPException(
            401,
            "an API token is required: Authorization: Bearer TOKEN (shelfwriter tokens create)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return token


def write_scope(token: Annotated[TokenInfo, Depends(bearer)]) -> TokenInfo:
    if token.scope != TokenScope.write:
        raise HTTPException(403, f"token {token.name!r} is read-only; this needs scope write")
    return token


ReadToken = Annotated[TokenInfo, Depends(bearer)]
WriteToken = Annotated[TokenInfo, Depends(write_scope)]
