"""Real service processes for tests (and `bench/soak.py`): a logged subprocess, a Celery
worker waited on until ready, a dispatcher, and polling until a condition holds.

Self-contained on purpose: no import of tests.conftest, which rewrites the environment at
import time, so the soak script can use it too.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def worker_env(**extra: str) -> dict[str, str]:
    """This process's environment with `extra` on top: what a spawned service sees."""
    env = dict(os.environ)
    env.update(extra)
    return env


def wait_for(
    predicate: Callable[[], object],
    timeout: float = 60,
    what: str = "condition",
    interval: float = 0.2,
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")


class LoggedProcess:
    """A service subprocess in its own session (process group), output appended to a log
    file; stopped with SIGTERM and then SIGKILL of its whole group."""

    def __init__(self, argv: list[str], env: Mapping[str, str], log_path: Path) -> None:
        self.argv = argv
        self.log_path = log_path
        self._log = log_path.open("ab")
        self.proc = subprocess.Popen(
            argv, cwd=ROOT, env=dict(env), stdin=subprocess.DEVNULL, stdout=self._log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        """SIGKILL the whole group (a Celery parent and its pool children)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(15)
        self._log.close()

    def stop(self, timeout: float = 20) -> int | None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        # Pool children of a stopped parent go with it; make sure nothing is left behind.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self._log.close()
        return self.proc.returncode


class CeleryWorker(LoggedProcess):
    """A real `celery -A worker worker` subprocess on `queue`, returned once it is ready.
    `env` goes on top of this process's environment."""

    def __init__(
        self,
        queue: str,
        log_path: Path,
        concurrency: int = 1,
        env: Mapping[str, str] | None = None,
        ready_timeout: float = 90,
    ) -> None:
        argv = [
            sys.executable, "-m", "celery", "-A", "worker", "worker", "-Q", queue,
            "-c", str(concurrency), "--pool", "prefork", "--loglevel", "INFO",
            "--without-gossip", "--without-mingle", "-n", f"test-{uuid.uuid4().hex[:6]}@%h",
        ]  # fmt: skip
        offset = log_path.stat().st_size if log_path.exists() else 0
        super().__init__(argv, worker_env(**(env or {})), log_path)
        try:
            wait_for(lambda: self._ready(offset), ready_timeout, "celery worker ready")
        except TimeoutError as exc:
            raise TimeoutError(f"{exc}:\n{self.log()[-3000:]}") from None

    def _ready(self, offset: int) -> bool:
        if not self.alive():
            code = self.proc.returncode
            raise RuntimeError(f"celery worker exited {code}:\n{self.log()[-3000:]}")
        with self.log_path.open("rb") as fh:
            fh.seek(offset)
            return b" ready." in fh.read()


def start_dispatcher(env: Mapping[str, str], log_path: Path) -> LoggedProcess:
    """A real `shelfwriter dispatch` (LISTEN + poll) subprocess."""
    return LoggedProcess([sys.executable, "-m", "worker.cli", "dispatch"], env, log_path)


@contextlib.contextmanager
def desk_server(factory: Any) -> Iterator[str]:
    """The real review desk (`worker.web.app.create_app` on `factory`) under uvicorn in a
    thread, on a socket bound here to port 0 (no race for a free port); yields its base URL.
    Plain http, so the session cookie is not Secure for the length of it (a browser would
    not send a Secure cookie back over http://127.0.0.1). Used by the browser tests,
    `bench/screenshots.py` and `bench/web_load.py`."""
    import socket
    import threading
    import urllib.error
    import urllib.request

    import uvicorn

    from worker.config import get_settings
    from worker.web.app import create_app

    saved = os.environ.get("SHELFWRITER_WEB_COOKIE_SECURE")
    os.environ["SHELFWRITER_WEB_COOKIE_SECURE"] = "0"
    get_settings.cache_clear()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    config = uvicorn.Config(
        create_app(factory), host="127.0.0.1", log_level="warning", access_log=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:

        def healthy() -> bool:
            if not thread.is_alive():
                raise RuntimeError("the desk server thread died while starting")
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as r:
                    return bool(r.status == 200)
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                return False

        wait_for(healthy, timeout=30, what=f"{base}/healthz", interval=0.05)
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()
        if saved is None:
            os.environ.pop("SHELFWRITER_WEB_COOKIE_SECURE", None)
        else:
            os.environ["SHELFWRITER_WEB_COOKIE_SECURE"] = saved
        get_settings.cache_clear()
    if thread.is_alive():
        raise RuntimeError("the desk server did not stop")
