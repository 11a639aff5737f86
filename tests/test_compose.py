"""docker/compose.yaml validates with Debian's docker-compose 1.29 (offline: no Docker engine
here) and has what production needs: health checks, a GPU reservation, secrets only from the
environment."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from typing import Any

import pytest

from tests.conftest import ROOT

COMPOSE_FILE = ROOT / "docker" / "compose.yaml"
SECRETS = {
    "POSTGRES_PASSWORD": "pg-sentinel-4f1d",
    "REDIS_PASSWORD": "redis-sentinel-9c2e",
    "FLOWER_BASIC_AUTH": "admin:flower-sentinel-7a3b",
    "SHELFWRITER_METRICS_AUTH": "prometheus:metrics-sentinel-2d8e",
    "SHELFWRITER_WEB_SECRET": "web-sentinel-5e6f",
}
SERVICES = {
    "postgres",
    "redis",
    "migrate",
    "dispatcher",
    "beat",
    "worker-gpu",
    "worker-cpu",
    "metrics",
    "web",
    "flower",
}
ONE_SHOT = {"migrate"}
APP_SERVICES = {"dispatcher", "beat", "worker-gpu", "worker-cpu", "metrics", "web"}
SECRET_KEY = re.compile(r"PASSWORD|SECRET|TOKEN|AUTH", re.IGNORECASE)
ENV_REF = re.compile(r"^\$\{[A-Z][A-Z0-9_]*:\?[^}]*\}$")
URL_CREDENTIALS = re.compile(r"://[^/@\s]*:([^/@\s]+)@")

pytestmark = pytest.mark.skipif(
    shutil.which("docker-compose") is None,
    reason="docker-compose not installed (CI installs Debian's package: apt-get install"
    " docker-compose)",
)


def compose(*args: str, secrets: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in SECRETS}
    if secrets:
        env.update(SECRETS)
    return subprocess.run(
        ["docker-compose", "-f", str(COMPOSE_FILE), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    yaml = pytest.importorskip("yaml")
    result = compose("config")
    assert result.returncode == 0, result.stderr
    loaded: dict[str, Any] = yaml.safe_load(result.stdout)
    return loaded


@pytest.fixture(scope="module")
def source() -> dict[str, Any]:
    yaml = pytest.importorskip("yaml")
    loaded: dict[str, Any] = yaml.safe_load(COMPOSE_FILE.read_text())
    return loaded


def test_compose_file_validates() -> None:
    result = compose("config", "-q")
    assert result.returncode == 0, result.stderr


def test_compose_refuses_missing_secrets() -> None:
    result = compose("config", "-q", secrets=False)
    assert result.returncode != 0
    assert "set POSTGRES_PASSWORD" in result.stderr or "set REDIS_PASSWORD" in result.stderr


def test_services(config: dict[str, Any]) -> None:
    assert set(config["services"]) == SERVICES


def test_long_running_services_have_healthchecks(config: dict[str, Any]) -> None:
    for name, service in config["services"].items():
        if name in ONE_SHOT:
            assert service.get("restart") == "no", name
            continue
        check = service.get("healthcheck")
        assert check, f"{name} has no healthcheck"
        assert not check.get("disable"), name
        assert check["test"][0] in ("CMD", "CMD-SHELL"), name
        assert service.get("restart") == "unless-stopped", name


def test_dependencies_wait_for_health_and_migrations(config: dict[str, Any]) -> None:
    services = config["services"]
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in APP_SERVICES:
        depends = services[name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy", name
        assert depends["redis"]["condition"] == "service_healthy", name
        assert depends["migrate"]["condition"] == "service_completed_successfully", name
    assert services["flower"]["depends_on"]["redis"]["condition"] == "service_healthy"


def test_commands(config: dict[str, Any]) -> None:
    services = config["services"]
    assert services["migrate"]["command"] == ["shelfwriter", "db", "upgrade"]
    assert services["dispatcher"]["command"] == ["shelfwriter", "dispatch"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "worker", "beat"]
    assert services["flower"]["command"][:4] == ["celery", "-A", "worker", "flower"]
    gpu = services["worker-gpu"]["command"]
    assert gpu[:4] == ["celery", "-A", "worker", "worker"]
    assert gpu[gpu.index("-Q") + 1] == "generate" and gpu[gpu.index("-c") + 1] == "1"
    cpu = services["worker-cpu"]["command"]
    assert cpu[cpu.index("-Q") + 1] == "maintenance"


def test_gpu_worker_reserves_one_gpu(config: dict[str, Any]) -> None:
    gpu = config["services"]["worker-gpu"]
    devices = gpu["deploy"]["resources"]["reservations"]["devices"]
    assert len(devices) == 1
    assert devices[0]["driver"] == "nvidia"
    assert int(devices[0]["count"]) == 1
    assert "gpu" in devices[0]["capabilities"]
    assert gpu["build"]["dockerfile"] == "docker/Dockerfile.gpu"
    assert gpu["environment"]["SHELFWRITER_DEVICE"] == "cuda"
    assert "model-cache" in str(gpu["volumes"])
    # Only the GPU worker reserves GPUs.
    for name, service in config["services"].items():
        if name != "worker-gpu":
            assert "devices" not in str(service.get("deploy", {})), name


def test_flower_requires_auth_and_stays_local(config: dict[str, Any]) -> None:
    flower = config["services"]["flower"]
    assert flower["environment"]["FLOWER_BASIC_AUTH"] == SECRETS["FLOWER_BASIC_AUTH"]
    assert "SHELFWRITER_FLOWER_NO_AUTH" not in flower["environment"]
    ports = flower.get("ports", [])
    assert ports
    for port in ports:
        # 1.29 prints the short form ("127.0.0.1:5555:5555"), Compose v2 the long one.
        host_ip = port.get("host_ip") if isinstance(port, dict) else str(port).split(":")[0]
        assert host_ip == "127.0.0.1", port


def test_no_literal_secrets(source: dict[str, Any], config: dict[str, Any]) -> None:
    """Every secret in the file is a required `${VAR:?…}` reference, never a literal or a
    default; after interpolation, the only credentials are the ones from the environment."""
    for name, service in source["services"].items():
        env = service.get("environment") or {}
        assert isinstance(env, dict), f"{name}: environment must be a mapping"
        for key, value in env.items():
            value = str(value)
            if SECRET_KEY.search(key):
                assert ENV_REF.match(value), f"{name}.{key} is not a required ${{VAR:?}}"
            for password in URL_CREDENTIALS.findall(value):
                assert ENV_REF.match(password), f"{name}.{key} has a literal URL password"
    allowed = {v.split(":", 1)[-1] for v in SECRETS.values()} | set(SECRETS.values())
    for name, service in config["services"].items():
        for key, value in (service.get("environment") or {}).items():
            value = str(value)
            if SECRET_KEY.search(key):
                assert value in allowed, f"{name}.{key}"
            for password in URL_CREDENTIALS.findall(value):
                assert password in allowed, f"{name}.{key}"


def test_metrics_require_auth_and_the_walk_uses_the_gpu_versions(config: dict[str, Any]) -> None:
    services = config["services"]
    auth = SECRETS["SHELFWRITER_METRICS_AUTH"]
    assert services["metrics"]["command"][:3] == ["shelfwriter", "metrics", "serve"]
    for name in ("metrics", "worker-gpu"):
        env = services[name]["environment"]
        assert env["SHELFWRITER_METRICS_AUTH"] == auth, name
        assert "SHELFWRITER_METRICS_NO_AUTH" not in env, name
    assert services["worker-gpu"]["environment"]["PROMETHEUS_MULTIPROC_DIR"]
    assert services["worker-cpu"]["environment"]["SHELFWRITER_SERVING_DEVICE"] == "cuda"


def test_web_desk_needs_its_secret_and_stays_local(config: dict[str, Any]) -> None:
    web = config["services"]["web"]
    assert web["command"][:2] == ["shelfwriter", "web"]
    assert web["environment"]["SHELFWRITER_WEB_SECRET"] == SECRETS["SHELFWRITER_WEB_SECRET"]
    # Secure cookies stay on: the desk is served through TLS in production.
    assert "SHELFWRITER_WEB_COOKIE_SECURE" not in web["environment"]
    for port in web["ports"]:
        host_ip = port.get("host_ip") if isinstance(port, dict) else str(port).split(":")[0]
        assert host_ip == "127.0.0.1", port
