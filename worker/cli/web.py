"""`shelfwriter web` (the review desk and API), `shelfwriter users …`, `shelfwriter tokens …`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from worker.cli._console import console

users_app = typer.Typer(help="People who sign in to the review desk.", no_args_is_help=True)
tokens_app = typer.Typer(help="API tokens for the shop platform.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("web")(web_cmd)
    app.add_typer(users_app, name="users")
    app.add_typer(tokens_app, name="tokens")


def web_cmd(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Server processes.")] = 1,
) -> None:
    """Serve the review desk (/) and the HTTP API (/api/, schema at /openapi.json)."""
    import uvicorn

    from worker.config import get_settings

    settings = get_settings()
    if workers > 1 and settings.web_secret is None:
        raise typer.BadParameter(
            "several processes need one session secret: set SHELFWRITER_WEB_SECRET"
        )
    console.print(f"review desk on http://{host}:{port}/  (API: /api/, schema: /openapi.json)")
    uvicorn.run(
        "worker.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=settings.log_level.lower(),
        proxy_headers=True,
    )


def _password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\n")
    value: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return value


@users_app.command("add")
def users_add(
    username: str,
    role: Annotated[str, typer.Option(help="reviewer (acts on content) or viewer (reads).")] = (
        "reviewer"
    ),
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin.")
    ] = False,
) -> None:
    """Add a person (asks for the password)."""
    from worker.db import session_factory
    from worker.models import Role
    from worker.web.accounts import add_user

    try:
        chosen = Role(role)
    except ValueError:
        raise typer.BadParameter(f"role is reviewer or viewer, not {role!r}") from None
    person = add_user(session_factory(), username, _password(password_stdin), chosen)
    console.print(f"added {person.username} ({person.role.value})")


@users_app.command("remove")
def users_remove(username: str) -> None:
    """Remove a person; their sessions end at once."""
    from worker.db import session_factory
    from worker.web.accounts import remove_user

    remove_user(session_factory(), username)
    console.print(f"removed {username}")


@users_app.command("reset-password")
def users_reset(
    username: str,
    password_stdin: Annotated[bool, typer.Option("--password-stdin")] = False,
) -> None:
    """Set a new password; the person's sessions end."""
    from worker.db import session_factory
    from worker.web.accounts import reset_password

    reset_password(session_factory(), username, _password(password_stdin))
    console.print(f"password of {username} reset")


@users_app.command("list")
def users_list() -> None:
    from worker.db import session_factory
    from worker.web.accounts import list_users

    for p in list_users(session_factory()):
        print(f"{p.username}\t{p.role.value}")


@tokens_app.command("create")
def tokens_create(
    name: Annotated[str, typer.Option(help="Who uses it (e.g. the platform's name).")],
    scope: Annotated[str, typer.Option(help="read or write.")] = "read",
) -> None:
    """Create a token and print it once (only its hash is kept)."""
    from worker.db import session_factory
    from worker.models import TokenScope
    from worker.web.accounts import create_token

    try:
        chosen = TokenScope(scope)
    except ValueError:
        raise typer.BadParameter(f"scope is read or write, not {scope!r}") from None
    info, token = create_token(session_factory(), name, chosen)
    console.print(f"token #{info.id} {info.name} ({info.scope.value}); shown once:")
    print(token)


@tokens_app.command("list")
def tokens_list() -> None:
    from worker.db import session_factory
    from worker.web.accounts import list_tokens

    for t in list_tokens(session_factory()):
        state = f"revoked {t.revoked_at:%Y-%m-%d}" if t.revoked_at else "active"
        used = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never"
        print(f"{t.id}\t{t.name}\t{t.scope.value}\t{t.prefix}…\t{state}\tlast used {used}")


@tokens_app.command("revoke")
def tokens_revoke(token_id: int) -> None:
    """Revoke a token: it answers 401 from now on."""
    from worker.db import session_factory
    from worker.web.accounts import revoke_token

    revoke_token(session_factory(), token_id)
    console.print(f"revoked token #{token_id}")
