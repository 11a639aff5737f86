"""Flower with authentication by default.

`celery -A worker flower` reads `flowerconfig.py` from its working directory (the repo root,
`/app` in the images); that file calls `require_auth()`. Flower has applied its `FLOWER_*`
environment variables and command-line options by then, so the check sees both.

Flower starts only when one of these holds:
- basic auth: `FLOWER_BASIC_AUTH=user:password[,user2:password2]` (or `--basic-auth=`), every
  entry with a non-empty user and password;
- OAuth: `FLOWER_AUTH` (the e-mail regexp) together with `FLOWER_AUTH_PROVIDER`;
- an explicit opt-out, `SHELFWRITER_FLOWER_NO_AUTH=1`, for a Flower behind an authenticating
  proxy. (Flower's own `FLOWER_UNAUTHENTICATED_API` only opens its API; it is not an opt-out.)

Flower's `/healthcheck` and `/metrics` stay unauthenticated (Flower's design): keep the port on
an internal network.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

EX_CONFIG = 78


class FlowerAuthError(RuntimeError):
    pass


def check_auth(
    basic_auth: Iterable[str] | None, oauth: str | None, auth_provider: str | None, no_auth: bool
) -> str:
    """Which authentication Flower will use ("basic", "oauth" or "none (opted out)"); raises
    FlowerAuthError with the fix when there is none or it is malformed."""
    entries = [entry for entry in (basic_auth or []) if entry]
    for entry in entries:
        user, sep, password = entry.partition(":")
        if not (sep and user and password):
            raise FlowerAuthError(
                "FLOWER_BASIC_AUTH entries must be user:password with both parts non-empty"
                " (comma-separated for several users)"
            )
    if entries:
        return "basic"
    if oauth:
        if not auth_provider:
            raise FlowerAuthError("FLOWER_AUTH (OAuth) needs FLOWER_AUTH_PROVIDER as well")
        return "oauth"
    if no_auth:
        return "none (opted out with SHELFWRITER_FLOWER_NO_AUTH)"
    raise FlowerAuthError(
        "Flower needs authentication: set FLOWER_BASIC_AUTH=user:password (or OAuth with"
        " FLOWER_AUTH and FLOWER_AUTH_PROVIDER). Only if a proxy in front of Flower"
        " authenticates, set SHELFWRITER_FLOWER_NO_AUTH=1 to start it open."
    )


def require_auth() -> None:
    """Called from flowerconfig.py while Flower parses its configuration: exit with a clear
    message (EX_CONFIG) unless Flower will authenticate requests."""
    from tornado.options import options

    from worker.config import get_settings

    try:
        mode = check_auth(
            options.basic_auth,
            options.auth,
            options.auth_provider,
            get_settings().flower_no_auth,
        )
    except FlowerAuthError as exc:
        print(f"shelfwriter: flower cannot start: {exc}", file=sys.stderr, flush=True)
        raise SystemExit(EX_CONFIG) from exc
    print(f"shelfwriter: flower authentication: {mode}", file=sys.stderr, flush=True)
    protect_metrics()


def protect_metrics() -> None:
    """Flower serves /metrics (task counts, worker names, queue names) without asking for the
    credentials its other pages need. Put it behind the same auth: Flower's handler checks
    basic auth in `get_current_user`, which `tornado.web.authenticated` calls. /healthcheck
    stays open: it says only "OK", and the container health check calls it without secrets."""
    from flower.views.monitor import Metrics  # type: ignore[import-untyped]
    from tornado.web import authenticated

    if not getattr(Metrics.get, "_shelfwriter_protected", False):
        protected = authenticated(Metrics.get)
        protected._shelfwriter_protected = True  # type: ignore[attr-defined]
        Metrics.get = protected
