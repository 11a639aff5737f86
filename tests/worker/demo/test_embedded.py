"""Embedded PostgreSQL + Redis: start, use, stop, reuse, and no leftovers when the parent dies.

These start real servers from the wheels (about a second each) on free ports, never the
system services on 5432/6379. Run as root they exercise the service-user path, as an ordinary
user the run-as-yourself path; `test_ordinary_user` covers the latter from a root run.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg2  # type: ignore[import-untyped,unused-ignore]
import pytest
import redis

from tests.processes import ROOT
from worker.demo.embedded import EmbeddedServices, embedded_services, start_embedded


@pytest.fixture
def data_dir() -> Iterator[Path]:
    """A fresh data dir under the system temp dir rather than pytest's: as root the servers run
    as the service user, who must traverse every parent, and every pytest session started as
    root resets /tmp/pytest-of-root to mode 700 (breaking a concurrent run's servers)."""
    base = Path(tempfile.mkdtemp(prefix="shelfwriter-embedded-"))
    yield base / "demo"
    shutil.rmtree(base, ignore_errors=True)


def _alive(pid: int) -> bool:
    """os.kill(pid, 0) succeeds; a zombie waiting for init to reap it counts as gone."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def _children(pid: int) -> set[int]:
    """Direct children (postgres backends and auxiliary processes of the postmaster)."""
    out = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.add(int(entry))
    return out


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _wait_gone(pids: set[int], timeout: float = 20) -> set[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        left = {p for p in pids if _alive(p)}
        if not left:
            return left
        time.sleep(0.1)
    return {p for p in pids if _alive(p)}


def _use(services: EmbeddedServices) -> None:
    dsn = services.database_url.replace("postgresql+psycopg2://", "postgresql://")
    conn = psycopg2.connect(dsn)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT current_database(), current_setting('server_encoding')")
            assert cur.fetchone() == ("shelfwriter", "UTF8")
    finally:
        conn.close()
    client = redis.Redis.from_url(services.broker_url)
    assert client.ping()
    client.set("shelfwriter:embedded-test", "1")
    client.close()


def test_start_use_stop_then_reuse(data_dir: Path) -> None:
    data = data_dir

    t0 = time.monotonic()
    first = start_embedded(data)
    first_s = time.monotonic() - t0
    try:
        assert first.initialized
        assert first.database_url.startswith("postgresql+psycopg2://postgres@127.0.0.1:")
        assert first.database_url.endswith("/shelfwriter")
        assert first.broker_url.startswith("redis://127.0.0.1:") and first.broker_url.endswith("/0")
        assert {5432, 6379}.isdisjoint(first.ports.values())
        _use(first)
        pids = set(first.pids.values()) | _children(first.pids["postgres"])
    finally:
        first.stop()
    first.stop()  # idempotent
    assert _wait_gone(pids, timeout=5) == set()
    for pid in first.pids.values():  # our own children: reaped, so really gone
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    assert all(_port_free(p) for p in first.ports.values())

    t0 = time.monotonic()
    second = start_embedded(data)
    second_s = time.monotonic() - t0
    try:
        assert not second.initialized  # initdb skipped: the cluster was reused
        _use(second)
    finally:
        second.stop()
    print(f"\nembedded start: first {first_s:.2f}s (initdb), second {second_s:.2f}s (reuse)")
    assert not any(_alive(p) for p in second.pids.values())


def test_context_manager_stops_on_error(data_dir: Path) -> None:
    with pytest.raises(KeyboardInterrupt), embedded_services(data_dir) as services:
        pids = set(services.pids.values())
        raise KeyboardInterrupt
    assert not any(_alive(p) for p in pids)
    assert json.loads((data_dir / "services.json").read_text())["pids"] == {}


_CHILD = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    import worker.demo.embedded as embedded
    import worker.demo.process as process
    if sys.argv[2] == "no-pdeathsig":  # simulate servers orphaned without the safety net
        process.pdeathsig_preexec = lambda sig: None
    with embedded.embedded_services(Path(sys.argv[1])) as s:
        print(json.dumps(s.pids), flush=True)
        time.sleep(120)
    """
)


def _start_child(data: Path, mode: str) -> tuple[subprocess.Popen[str], dict[str, int]]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(data), mode],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line:
        proc.wait(10)
        pytest.fail(f"child failed to start services:\n{proc.stderr.read() if proc.stderr else ''}")
    return proc, {k: int(v) for k, v in json.loads(line).items()}


def _finish(proc: subprocess.Popen[str]) -> None:
    proc.wait(10)
    for stream in (proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


def test_killed_parent_leaves_no_server(data_dir: Path) -> None:
    proc, pids = _start_child(data_dir, "normal")
    everything = set(pids.values()) | _children(pids["postgres"])
    proc.send_signal(signal.SIGKILL)  # no cleanup code runs: only the parent-death signal
    _finish(proc)
    assert _wait_gone(everything) == set(), "servers outlived their killed parent"


def test_sigterm_stops_cleanly(data_dir: Path) -> None:
    proc, pids = _start_child(data_dir, "normal")
    proc.send_signal(signal.SIGTERM)
    _finish(proc)
    assert proc.returncode == 128 + signal.SIGTERM
    assert _wait_gone(set(pids.values())) == set()
    # stop() ran (it clears the recorded pids), not just the parent-death signal.
    assert json.loads((data_dir / "services.json").read_text())["pids"] == {}


def test_leftover_servers_and_stale_pidfile_are_handled(data_dir: Path) -> None:
    data = data_dir
    proc, pids = _start_child(data, "no-pdeathsig")
    proc.send_signal(signal.SIGKILL)
    _finish(proc)
    try:
        assert all(_alive(p) for p in pids.values())  # orphans, as after a crash
        assert (data / "postgres" / "postmaster.pid").exists()

        services = start_embedded(data)  # must stop the orphans, then start on the same dir
        try:
            assert not services.initialized
            assert _wait_gone(set(pids.values()), timeout=5) == set()
            _use(services)
        finally:
            services.stop()
    finally:
        for pid in pids.values():  # never leak the orphans, whatever failed above
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(os.geteuid() != 0, reason="already running as an ordinary user")
def test_ordinary_user() -> None:
    """From a root run: the same start/use/stop as an unprivileged user (nobody)."""
    nobody = pwd.getpwnam("nobody")
    base = Path("/tmp") / f"shelfwriter-embedded-nobody-{os.getpid()}"
    base.mkdir(mode=0o777)
    base.chmod(0o777)
    script = textwrap.dedent(
        """
        import os, sys
        from pathlib import Path
        from worker.demo.embedded import start_embedded
        assert os.geteuid() != 0
        s = start_embedded(Path(sys.argv[1]))
        import psycopg2, redis
        psycopg2.connect(s.database_url.replace("+psycopg2", "")).close()
        assert redis.Redis.from_url(s.broker_url).ping()
        s.stop()
        print("ok", s.pids["postgres"], s.pids["redis"])
        """
    )
    try:
        try:
            res = subprocess.run(
                [sys.executable, "-c", script, str(base / "demo")],
                cwd=ROOT,
                user=nobody.pw_uid,
                group=nobody.pw_gid,
                extra_groups=[],
                env={**os.environ, "HOME": str(base)},
                capture_output=True,
                text=True,
                timeout=60,
            )
        except PermissionError:  # e.g. the interpreter lives under mode-700 /root
            pytest.skip(f"{sys.executable} is not executable by nobody")
        assert res.returncode == 0, res.stderr
        _, pg_pid, redis_pid = res.stdout.split()
        assert not _alive(int(pg_pid)) and not _alive(int(redis_pid))
        assert (base / "demo" / "postgres").stat().st_uid == nobody.pw_uid
    finally:
        subprocess.run(["rm", "-rf", str(base)], check=False)
