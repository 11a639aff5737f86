"""Expected failures as one line: what went wrong and what to do next, instead of a
70-line traceback. `shelfwriter --debug …` (or SHELFWRITER_LOG_LEVEL=DEBUG) shows the
traceback as well.

An error is "expected" when an operator, not a developer, fixes it: the database or broker
unreachable or refusing the credentials, a database that is missing and cannot be created,
a bad URL or setting, a model not exported, an unknown sku or content id, a cache directory
that cannot be written. Everything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path

import kombu.exceptions
import pydantic
import redis.exceptions
import sqlalchemy.exc
from sqlalchemy.engine import make_url

from worker.config import SettingsError
from worker.runtime.manifest import ManifestError
from worker.runtime.registry import ModelNotExportedError

# sysexits.h: what a wrapper script or an orchestrator can tell apart.
EX_DATAERR = 65  # unknown sku or content id
EX_UNAVAILABLE = 69  # database or broker unreachable
EX_CANTCREAT = 73  # cache directory not writable
EX_CONFIG = 78  # a setting, URL or model directory is wrong


# A folder that cannot be made or written: no permission, read-only, a file in the way.
_UNWRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.EEXIST}


@dataclass(frozen=True)
class Explained:
    message: str
    hint: str
    code: int

    def line(self) -> str:
        return f"error: {self.message}" + (f" — {self.hint}" if self.hint else "")


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _inside(filename: object, folder: Path) -> bool:
    """`filename` is in `folder` or one of the folders it must create."""
    if not isinstance(filename, str | Path):
        return False
    path = Path(filename)
    return path.is_relative_to(folder) or (path != Path("/") and folder.is_relative_to(path))


def _where(url: str) -> str:
    """host:port/db of a database URL, never its password."""
    try:
        parsed = make_url(url)
    except sqlalchemy.exc.ArgumentError:
        return "the configured database"
    return f"{parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database or ''}"


def _database(exc: sqlalchemy.exc.DBAPIError, database_url: str) -> Explained:
    detail = _first_line(exc)
    where = _where(database_url)
    lowered = detail.lower()
    refused = ("password authentication failed", "no password supplied", 'role "')
    if any(r in lowered for r in refused) and "permission denied" not in lowered:
        return Explained(
            f"the database at {where} refused the credentials ({detail})",
            "check the user and password in DATABASE_URL",
            EX_CONFIG,
        )
    if "does not exist" in lowered and "database" in lowered:
        return Explained(
            f"the database at {where} does not exist ({detail})",
            "run `shelfwriter db upgrade` (it creates the database), or create it and check"
            " DATABASE_URL",
            EX_CONFIG,
        )
    if "permission denied to create database" in lowered:
        return Explained(
            f"the database at {where} is missing and this user may not create it ({detail})",
            "create it (createdb) or grant the user CREATEDB, then rerun",
            EX_CONFIG,
        )
    return Explained(
        f"cannot reach the database at {where} ({detail})",
        "check DATABASE_URL and that PostgreSQL is running and accepts connections",
        EX_UNAVAILABLE,
    )


def explain(
    exc: BaseException, database_url: str, broker_url: str, cache_dir: Path
) -> Explained | None:
    """The one-line form of an expected failure; None for a bug (keep the traceback)."""
    if isinstance(exc, sqlalchemy.exc.OperationalError | sqlalchemy.exc.ProgrammingError):
        if isinstance(exc, sqlalchemy.exc.ProgrammingError) and "permission denied" not in str(exc):
            return None  # a bad query is a bug, not the operator's to fix
        return _database(exc, database_url)
    if isinstance(exc, redis.exceptions.AuthenticationError):  # before ConnectionError
        return Explained(
            f"the broker refused the credentials ({_first_line(exc)})",
            "check the password in CELERY_BROKER_URL (redis://:PASSWORD@HOST:6379/0)",
            EX_CONFIG,
        )
    if isinstance(
        exc,
        kombu.exceptions.OperationalError
        | redis.exceptions.ConnectionError
        | redis.exceptions.TimeoutError,
    ):
        where = broker_url.rsplit("@", 1)[-1].split("://", 1)[-1]
        return Explained(
            f"cannot reach the broker at {where} ({_first_line(exc)})",
            "check CELERY_BROKER_URL and that Redis is running",
            EX_UNAVAILABLE,
        )
    if isinstance(exc, ModelNotExportedError | ManifestError):
        message = _first_line(exc)
        says_what = "shelfwriter models pull" in message or "shelfwriter export" in message
        return Explained(
            message,
            "" if says_what else "run `shelfwriter models pull` (or `shelfwriter export`)",
            EX_CONFIG,
        )
    if isinstance(exc, SettingsError):
        return Explained(str(exc), "fix the environment or .env file", EX_CONFIG)
    if isinstance(exc, pydantic.ValidationError):
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'setting'}: {e['msg']}" for e in exc.errors()
        )
        return Explained(
            f"invalid setting ({problems})", "fix the environment or .env file", EX_CONFIG
        )
    if isinstance(exc, OSError) and exc.errno in _UNWRITABLE and _inside(exc.filename, cache_dir):
        return Explained(
            f"cannot write the cache directory {exc.filename} ({exc.strerror})",
            "set SHELFWRITER_CACHE_DIR to a writable folder",
            EX_CANTCREAT,
        )
    from worker.content.review import InvalidEdit, StaleError
    from worker.web.accounts import AccountError

    if isinstance(exc, InvalidEdit | StaleError | AccountError):
        # A person's input the domain refused (an empty edit, a short password): say why.
        return Explained(str(exc), "", EX_DATAERR)
    if isinstance(exc, LookupError) and not isinstance(exc, KeyError | IndexError):
        # Domain lookups (unknown sku, content id) raise LookupError with the name in it;
        # KeyError and IndexError are bugs.
        return Explained(
            _first_line(exc),
            "check the sku or id (`shelfwriter review list` shows content ids)",
            EX_DATAERR,
        )
    return None
