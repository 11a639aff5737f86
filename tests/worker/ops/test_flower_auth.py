"""`celery -A worker flower` requires authentication by default (worker.ops.flower_auth,
flowerconfig.py): a real Flower process on the test broker."""

from __future__ import annotations

import base64
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.processes import ROOT, LoggedProcess, worker_env
from worker.ops.flower_auth import FlowerAuthError, check_auth


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def flower_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in worker_env().items() if not k.startswith("FLOWER_")}
    env.pop("SHELFWRITER_FLOWER_NO_AUTH", None)
    env.update(extra)
    return env


def flower_cmd(port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "worker",
        "flower",
        f"--port={port}",
        "--address=127.0.0.1",
    ]


def get(url: str, auth: tuple[str, str] | None = None) -> int:
    request = urllib.request.Request(url)
    if auth is not None:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            status: int = response.status
            return status
    except urllib.error.HTTPError as exc:
        return exc.code


class Flower(LoggedProcess):
    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        super().__init__(flower_cmd(self.port), env, log_path)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"flower exited {self.proc.returncode}:\n{self.log()}")
            try:
                if get(f"{self.url}/healthcheck") == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise TimeoutError(f"flower not up after 20 s:\n{self.log()}")


@pytest.fixture
def flower(tmp_path: Path) -> Iterator[Flower]:
    process = Flower(flower_env(FLOWER_BASIC_AUTH="user:pass"), tmp_path / "flower.log")
    yield process
    process.stop()


def test_flower_requires_basic_auth(flower: Flower) -> None:
    assert get(f"{flower.url}/") == 401
    assert get(f"{flower.url}/", auth=("user", "wrong")) == 401
    assert get(f"{flower.url}/", auth=("user", "pass")) == 200
    assert get(f"{flower.url}/api/workers") == 401
    # Flower leaves /metrics open; Shelfwriter puts it behind the same auth.
    assert get(f"{flower.url}/metrics") == 401
    assert get(f"{flower.url}/metrics", auth=("user", "pass")) == 200
    # The container health check needs no credentials (it answers "OK" and nothing else).
    assert get(f"{flower.url}/healthcheck") == 200
    assert "flower authentication: basic" in flower.log()


def test_flower_refuses_to_start_without_auth() -> None:
    # FLOWER_UNAUTHENTICATED_API only opens Flower's API: it is not an opt-out.
    result = subprocess.run(
        flower_cmd(free_port()),
        cwd=ROOT,
        env=flower_env(FLOWER_UNAUTHENTICATED_API="true"),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 78, result.stderr
    assert "flower cannot start" in result.stderr
    assert "FLOWER_BASIC_AUTH" in result.stderr


def test_flower_explicit_opt_out_starts_open(tmp_path: Path) -> None:
    process = Flower(flower_env(SHELFWRITER_FLOWER_NO_AUTH="1"), tmp_path / "flower.log")
    try:
        assert get(f"{process.url}/") == 200
        assert "opted out" in process.log()
    finally:
        process.stop()


@pytest.mark.parametrize(
    ("basic", "oauth", "provider", "no_auth", "expected"),
    [
        (["a:b"], "", None, False, "basic"),
        (["a:b", "c:d"], "", None, True, "basic"),
        (None, ".*@example\\.com", "flower.views.auth.GoogleLoginHandler", False, "oauth"),
        (None, "", None, True, "none (opted out with SHELFWRITER_FLOWER_NO_AUTH)"),
    ],
)
def test_check_auth_accepts(
    basic: list[str] | None, oauth: str, provider: str | None, no_auth: bool, expected: str
) -> None:
    assert check_auth(basic, oauth, provider, no_auth) == expected


@pytest.mark.parametrize(
    ("basic", "oauth", "provider"),
    [
        (None, "", None),
        ([], "", None),
        (["user"], "", None),
        (["user:"], "", None),
        ([":pass"], "", None),
        (["a:b", "nopassword"], "", None),
        (None, ".*@example\\.com", None),
    ],
)
def test_check_auth_rejects(basic: list[str] | None, oauth: str, provider: str | None) -> None:
    with pytest.raises(FlowerAuthError):
        check_auth(basic, oauth, provider, no_auth=False)
