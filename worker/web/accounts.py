"""People who sign in to the desk, and the platform's API tokens.

Passwords are hashed with argon2id (argon2-cffi's defaults, RFC 9106's second recommended
profile). API tokens are 32 random bytes shown once; only their sha256 is stored, which is
enough for a secret with that much entropy and keeps each API call cheap.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from worker.models import ApiToken, Role, TokenScope, User

_hasher = PasswordHasher()
# Verifying against this when the user does not exist keeps "no such user" and "wrong
# password" equally slow, so login timing does not reveal who has an account.
_DUMMY_HASH = _hasher.hash("not a password")
TOKEN_PREFIX = "sw_"
MIN_PASSWORD = 10


class AccountError(ValueError):
    pass


@dataclass(frozen=True)
class Person:
    id: int
    username: str
    role: Role
    password_changed_at: dt.datetime

    @property
    def can_act(self) -> bool:
        return self.role == Role.reviewer


@dataclass(frozen=True)
class TokenInfo:
    id: int
    name: str
    scope: TokenScope
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


def _person(u: User) -> Person:
    return Person(u.id, u.username, Role(u.role), u.password_changed_at)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")


def add_user(factory: sessionmaker[Session], username: str, password: str, role: Role) -> Person:
    username = username.strip()
    if not username or len(username) > 64:
        raise AccountError("a username is 1-64 characters")
    _check_password(password)
    with factory.begin() as session:
        if session.scalar(select(User.id).where(User.username == username)) is not None:
            raise AccountError(f"user {username!r} exists (reset-password changes a password)")
        user = User(username=username, password_hash=_hasher.hash(password), role=role.value)
        session.add(user)
        session.flush()
        session.refresh(user)
        return _person(user)


def remove_user(factory: sessionmaker[Session], username: str) -> None:
    with factory.begin() as session:
        user = session.scalars(select(User).where(User.username == username)).one_or_none()
        if user is None:
            raise AccountError(f"no user {username!r}")
        session.delete(user)


def reset_password(factory: sessionmaker[Session], username: str, password: str) -> None:
    """New password; every session of this user signed in before now ends."""
    _check_password(password)
    with factory.begin() as session:
        done = session.execute(
            update(User)
            .where(User.username == username)
            .values(password_hash=_hasher.hash(password), password_changed_at=func.now())
        )
        if done.rowcount == 0:  # type: ignore[attr-defined]
            raise AccountError(f"no user {username!r}")


def list_users(factory: sessionmaker[Session]) -> list[Person]:
    with factory() as session:
        return [_person(u) for u in session.scalars(select(User).order_by(User.username))]


def authenticate(factory: sessionmaker[Session], username: str, password: str) -> Person | None:
    with factory() as session:
        user = session.scalars(select(User).where(User.username == username)).one_or_none()
        try:
            _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
        except (VerificationError, InvalidHashError):
            return None
        if user is None:
            return None
        needs_rehash = _hasher.check_needs_rehash(user.password_hash)
        person = _person(user)
    if needs_rehash:  # argon2 parameters were raised since this hash was made
        with factory.begin() as session:
            session.execute(
                update(User)
                .where(User.id == person.id)
                .values(password_hash=_hasher.hash(password))
            )
    return person


def get_person(factory: sessionmaker[Session], user_id: int) -> Person | None:
    with factory() as session:
        user = session.get(User, user_id)
        return _person(user) if user else None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(
    factory: sessionmaker[Session], name: str, scope: TokenScope
) -> tuple[TokenInfo, str]:
    """Returns the token's record and the token itself, which is not kept anywhere."""
    name = name.strip()
    if not name or len(name) > 64:
        raise AccountError("a token name is 1-64 characters")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with factory.begin() as session:
        row = ApiToken(name=name, token_hash=_digest(token), prefix=token[:10], scope=scope.value)
        session.add(row)
        session.flush()
        session.refresh(row)
        return _token_info(row), token


def _token_info(row: ApiToken) -> TokenInfo:
    return TokenInfo(
        row.id,
        row.name,
        TokenScope(row.scope),
        row.prefix,
        row.created_at,
        row.last_used_at,
        row.revoked_at,
    )


def list_tokens(factory: sessionmaker[Session]) -> list[TokenInfo]:
    with factory() as session:
        return [_token_info(t) for t in session.scalars(select(ApiToken).order_by(ApiToken.id))]


def revoke_token(factory: sessionmaker[Session], token_id: int) -> None:
    with factory.begin() as session:
        done = session.execute(
            update(ApiToken)
            .where(ApiToken.id == token_id, ApiToken.revoked_at.is_(None))
            .values(revoked_at=func.now())
        )
        if done.rowcount == 0:  # type: ignore[attr-defined]
            raise AccountError(f"no active token with id {token_id}")


# last_used_at is written at most this often per token: a busy integration must not turn
# every read into a write.
_TOUCH_EVERY = dt.timedelta(minutes=5)


def token_for(factory: sessionmaker[Session], token: str) -> TokenInfo | None:
    """The live token this bearer string is, or None (unknown or revoked)."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    with factory() as session:
        row = session.scalars(
            select(ApiToken).where(ApiToken.token_hash == _digest(token))
        ).one_or_none()
        if row is None or row.revoked_at is not None:
            return None
        info = _token_info(row)
    now = dt.datetime.now(dt.UTC)
    if info.last_used_at is None or now - info.last_used_at > _TOUCH_EVERY:
        with factory.begin() as session:
            session.execute(update(ApiToken).where(ApiToken.id == info.id).values(last_used_at=now))
    return info
