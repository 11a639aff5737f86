"""`shelfwriter demo` as a newcomer runs it: a subprocess on a fresh data directory, with no
DATABASE_URL/CELERY_BROKER_URL, so it starts embedded PostgreSQL and Redis itself."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.processes import ROOT, wait_for
from worker.db import create_engine_for
from worker.demo import embedded
from worker.demo.run import sample_catalog


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead for our purposes (only its parent can reap it).
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ")[-1].startswith("Z"))


def _demo_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CELERY_BROKER_URL")}
    # The demo uses the default queue names of a real install.
    env.pop("SHELFWRITER_GENERATE_QUEUE", None)
    env.pop("SHELFWRITER_MAINTENANCE_QUEUE", None)
    return env


@pytest.fixture
def data_dir() -> Iterator[Path]:
    # Not pytest's tmp_path: as root, pytest makes its base dir mode 700, which the
    # unprivileged PostgreSQL user of the embedded server cannot enter.
    path = Path(tempfile.mkdtemp(prefix="shelfwriter-demo-test-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


# Four products per locale: the whole path (import, trigger, dispatch, both models, guards,
# the edit and its regeneration) at a fifth of the sample's model time. The full 50 took
# ~10 min beside the rest of the suite on one CI machine and over 30 min on a slower one.
PER_LOCALE = 4


def _subset(data_dir: Path) -> Path:
    """The first PER_LOCALE sample products of each locale, as a catalog file."""
    kept: dict[str, int] = {}
    lines = []
    for line in sample_catalog().read_text("utf-8").splitlines():
        if not line.strip():
            continue
        locale = json.loads(line)["locale"]
        if kept.get(locale, 0) < PER_LOCALE:
            kept[locale] = kept.get(locale, 0) + 1
            lines.append(line)
    assert len(kept) == 2, kept  # the sample has both languages
    path = data_dir / "catalog.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def _run_demo(
    data_dir: Path, products: Path, timeout: float = 2400
) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.perf_counter()
    result = subprocess.run(
        [
            *(sys.executable, "-m", "worker.cli", "demo"),
            *("--data-dir", str(data_dir), "--products", str(products)),
        ],
        cwd=ROOT,
        env=_demo_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return result, time.perf_counter() - started


def _pids(data_dir: Path) -> dict[str, int]:
    pids: dict[str, int] = json.loads((data_dir / "demo.json").read_text())["pids"]
    return pids


def _skus(catalog: Path) -> set[str]:
    return {json.loads(line)["sku"] for line in catalog.read_text().splitlines() if line.strip()}


def test_demo_fresh_then_again(data_dir: Path) -> None:
    products = _subset(data_dir)
    first, first_s = _run_demo(data_dir, products)
    assert first.returncode == 0, first.stdout + first.stderr
    pids = _pids(data_dir)
    assert {"postgres", "redis", "worker", "dispatch"} <= set(pids)
    assert not [name for name, pid in pids.items() if name != "demo" and _alive(pid)]
    assert "new data" in first.stdout and f"{2 * PER_LOCALE} new" in first.stdout

    # Every sample product has content for every kind, in its own locale.
    with embedded.embedded_services(data_dir) as services:
        engine = create_engine_for(services.database_url)
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT p.sku, p.locale, c.locale AS content_locale, c.kind, c.status,"
                    " c.body, c.error FROM products p JOIN product_content c ON c.product_id = p.id"
                )
            ).all()
        engine.dispose()
    assert {r.sku for r in rows} == _skus(products)
    by_sku: dict[str, set[str]] = {}
    for r in rows:
        by_sku.setdefault(r.sku, set()).add(r.kind)
        assert r.content_locale == r.locale
        # Every unit has a real outcome: copy, or a failure that says why (the guards
        # reject some candidates of the small default models; nothing is left blank).
        assert (r.status == "generated" and r.body) or (r.status == "failed" and r.error), r
    assert all(kinds >= {"description", "tags", "recommendation_copy"} for kinds in by_sku.values())
    generated = sum(r.status == "generated" for r in rows)
    print(f"\ndemo: {generated}/{len(rows)} units generated, the rest failed with reasons")
    assert generated >= 0.7 * len(rows)  # the default models really write most of the copy

    second, second_s = _run_demo(data_dir, products)
    assert second.returncode == 0, second.stdout + second.stderr
    print(f"\ndemo timings: first run {first_s:.1f}s, second run {second_s:.1f}s")
    # Why the second run is faster, checked structurally (timings are printed, not asserted):
    # the cluster is reused (no initdb) and no product is regenerated except the two edits.
    assert "reused data" in second.stdout
    assert "0 new" in second.stdout
    assert not [name for name, pid in _pids(data_dir).items() if name != "demo" and _alive(pid)]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_interrupted_demo_leaves_no_processes(data_dir: Path, sig: signal.Signals) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "worker.cli", "demo", "--data-dir", str(data_dir)],
        cwd=ROOT,
        env=_demo_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(
            lambda: (data_dir / "demo.json").exists(), timeout=120, what="demo started children"
        )
        pids = _pids(data_dir)
        assert all(_alive(pid) for pid in pids.values())
        proc.send_signal(sig)
        proc.wait(60)
        children = [pid for name, pid in pids.items() if name != "demo"]
        wait_for(lambda: not any(_alive(p) for p in children), timeout=30, what="children gone")
    finally:
        if proc.poll() is None:
            proc.kill()
