"""Which failures are transient: one list for every process (tasks, dispatcher, refresh).

Transient means the database or broker is restarting or unreachable: the work is kept and
retried (Celery backoff for tasks, the next poll for the dispatcher, resume for a refresh
walk). Anything else — a bug, bad data — is not retried: bad data is recorded per product
by the domain code.
"""

from __future__ import annotations

import kombu.exceptions
import redis.exceptions
import sqlalchemy.exc

# The broker (Redis through kombu) is unreachable or timed out. OSError covers a refused
# socket that kombu lets through unwrapped.
BROKER_ERRORS: tuple[type[BaseException], ...] = (
    kombu.exceptions.OperationalError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    ConnectionError,
    OSError,
)

# The database is restarting, unreachable, or dropped the connection.
DATABASE_ERRORS: tuple[type[BaseException], ...] = (
    sqlalchemy.exc.OperationalError,
    sqlalchemy.exc.InterfaceError,
    sqlalchemy.exc.DisconnectionError,
)

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (*DATABASE_ERRORS, *BROKER_ERRORS)
