"""The catalog refresh on the real services: runs in Postgres, tasks through Redis, a real
Celery worker on the tiny ONNX model (its units end generated or failed with a reason;
both count as an outcome)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import kombu.exceptions
import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import fast_restore_env
from tests.helpers import add_products, content_rows, count
from tests.processes import ROOT, CeleryWorker, wait_for, worker_env
from worker.config import get_settings
from worker.content.generator import PlaceholderGenerator
from worker.content.pipeline import run_batch
from worker.refresh import (
    RefreshPublisher,
    RefreshReason,
    RunTotals,
    celery_refresh_publisher,
    get_run,
    record_batch,
    refresh,
    start_or_resume,
)
from worker.runtime.manifest import read_manifest

UNITS = 5  # units per product in the default test catalog (en: 3 segments + description + tags)


class Recorder:
    """A publisher that remembers what it sent, optionally passing it on to the broker."""

    def __init__(self, forward: RefreshPublisher | None = None, fail_at: int | None = None):
        self.forward = forward
        self.fail_at = fail_at
        self.sent: list[tuple[list[int], bool]] = []

    def __call__(self, product_ids: list[int], force: bool, run_id: int) -> None:
        if self.fail_at is not None and len(self.sent) + 1 == self.fail_at:
            raise kombu.exceptions.OperationalError("broker went away (simulated)")
        if self.forward is not None:
            self.forward(product_ids, force, run_id)
        self.sent.append((list(product_ids), force))

    def products(self) -> list[int]:
        return sorted(p for ids, _ in self.sent for p in ids)


def _version(model_dir: Path) -> str:
    return str(read_manifest(model_dir)["version"])


def _finished(factory: sessionmaker[Session], run_id: int, timeout: float = 120) -> RunTotals:
    def ended() -> bool:
        run = get_run(factory, run_id)
        return run is not None and run.status != "running"

    wait_for(ended, timeout=timeout, what=f"refresh run {run_id} to finish")
    run = get_run(factory, run_id)
    assert run is not None
    return run


def _refresh(
    factory: sessionmaker[Session],
    publish: RefreshPublisher,
    version: str,
    reason: RefreshReason = RefreshReason.manual,
    **options: int,
) -> RunTotals:
    """A refresh walked in this process with small pages (so several pages are walked)."""
    return refresh(
        factory,
        reason,
        publish=publish,
        version_for=lambda _: version,
        batch_size=options.get("batch_size", 4),
        max_age_days=options.get("max_age_days", 30),
        page_size=options.get("page_size", 4),
    )


def _accounted(run: RunTotals) -> int:
    return run.done + run.skipped + run.failed


def test_refresh_enqueues_exactly_the_stale_then_nothing(
    factory: sessionmaker[Session], celery_worker: CeleryWorker, tiny_model_dir: Path
) -> None:
    ids = add_products(factory, 6)
    version = _version(tiny_model_dir)
    publish = celery_refresh_publisher()

    # Nothing generated yet: everything is stale. The worker generates it.
    first = Recorder(publish)
    run = _refresh(factory, first, version)
    assert first.products() == ids
    run = _finished(factory, run.run_id)
    assert (run.status, run.enqueued, _accounted(run)) == ("finished", 6, 6)
    assert count(factory, "SELECT count(*) FROM product_content") == 6 * UNITS

    # Change two products and add one: exactly those three are stale.
    with factory.begin() as session:
        session.execute(
            text("UPDATE products SET title = title || ' v2' WHERE id = ANY(:ids)"),
            {"ids": [ids[1], ids[4]]},
        )
    new = add_products(factory, 1, prefix="N")
    second = Recorder(publish)
    run2 = _refresh(factory, second, version, RefreshReason.nightly)
    assert run2.run_id != run.run_id
    assert second.products() == sorted([ids[1], ids[4], *new])
    run2 = _finished(factory, run2.run_id)
    assert (run2.status, run2.enqueued, _accounted(run2)) == ("finished", 3, 3)
    assert run2.done + run2.failed == 3  # all three really had work

    # An unchanged catalog: nothing enqueued, finished at once, without any task.
    third = Recorder(publish)
    run3 = _refresh(factory, third, version, RefreshReason.nightly, page_size=500)
    assert third.sent == []
    assert (run3.status, run3.enqueued, _accounted(run3)) == ("finished", 0, 0)


def test_age_rule_and_force_spare_what_a_person_owns(factory: sessionmaker[Session]) -> None:
    """Content older than the age limit is stale, sent with force (the task's planner alone
    would call it current); --force sends every product with a unit a person does not own."""
    ids = add_products(factory, 4)
    run_batch(factory, ids, PlaceholderGenerator())
    version = PlaceholderGenerator().version_for
    with factory.begin() as session:
        session.execute(
            text(
                "UPDATE product_content SET generated_at = now() - interval '40 days'"
                " WHERE product_id = ANY(:ids)"
            ),
            {"ids": [ids[0], ids[1]]},
        )
        # A person owns every unit of ids[1] (and of ids[2]): never regenerated.
        session.execute(
            text("UPDATE product_content SET locked = true WHERE product_id = ANY(:ids)"),
            {"ids": [ids[1], ids[2]]},
        )

    aged = Recorder()
    run = refresh(factory, RefreshReason.nightly, publish=aged, version_for=version,
                  max_age_days=30)  # fmt: skip
    assert aged.sent == [([ids[0]], True)]
    assert (run.status, run.enqueued) == ("running", 1)
    # The task's progress finishes the run.
    assert record_batch(factory, run.run_id, [ids[0]], {"done": 1, "skipped": 0, "failed": 0})
    assert get_run(factory, run.run_id).status == "finished"  # type: ignore[union-attr]

    # Age rule off: nothing is stale.
    off = Recorder()
    assert refresh(factory, RefreshReason.nightly, publish=off, version_for=version,
                   max_age_days=0).enqueued == 0  # fmt: skip
    assert off.sent == []

    forced = Recorder()
    run = refresh(factory, RefreshReason.manual, force=True, publish=forced,
                  version_for=version, max_age_days=0)  # fmt: skip
    assert forced.sent == [([ids[0], ids[3]], True)]
    assert run.status == "running"
    assert not record_batch(factory, run.run_id, [ids[0]], {"done": 1, "skipped": 0, "failed": 0})
    assert record_batch(factory, run.run_id, [ids[3]], {"done": 0, "skipped": 1, "failed": 0})


def test_interrupted_walk_and_killed_worker_resume_with_correct_totals(
    factory: sessionmaker[Session], tmp_path: Path, tiny_model_dir: Path, broker: object
) -> None:
    """The broker fails mid-walk (the run stays running, cursor at the last committed
    page); a second start finds that run instead of starting another, resumes it from the
    cursor, and a worker SIGKILLed mid-batch has its task redelivered: every product is
    counted exactly once and the run finishes."""
    ids = add_products(factory, 12)
    version = _version(tiny_model_dir)
    queue = get_settings().generate_queue
    model = {"SHELFWRITER_MODEL_DIR": str(tiny_model_dir)}
    first = CeleryWorker(queue, tmp_path / "w1.log", env=model)
    try:
        crashing = Recorder(celery_refresh_publisher(), fail_at=3)  # first batch of page 2
        with pytest.raises(kombu.exceptions.OperationalError):
            _refresh(factory, crashing, version, batch_size=2, max_age_days=0)
        run_id = _running_id(factory)
        assert run_id is not None
        run = get_run(factory, run_id)
        assert run is not None
        assert (run.status, run.cursor, run.enqueued) == ("running", ids[3], 4)

        # Two runs never overlap: a second start gets the running run back.
        again, created = start_or_resume(factory, RefreshReason.nightly)
        assert (again.run_id, created) == (run_id, False)

        wait_for(
            lambda: count(factory, "SELECT count(*) FROM product_content") > 0,
            timeout=60,
            what="the worker to start on the first page",
        )
        resumed = Recorder(celery_refresh_publisher())
        run = _refresh(factory, resumed, version, RefreshReason.nightly, batch_size=2)
        assert run.run_id == run_id
        assert resumed.products() == ids[4:]
        assert run.enqueued == 12
        # Kill it while a batch is in flight (received, not yet succeeded), parent and child.
        wait_for(
            lambda: first.log().count("] received") > first.log().count("] succeeded"),
            timeout=90,
            what="a batch in flight",
        )
        os.killpg(first.proc.pid, signal.SIGKILL)
        first.proc.wait(10)
    finally:
        first.stop()
    before_restart = get_run(factory, run_id)
    assert before_restart is not None and _accounted(before_restart) < 12, (
        "every task finished before the kill: the test proved nothing"
    )
    # Restore the dead consumer's unacked task now instead of after an hour.
    env = fast_restore_env(**model)
    second = CeleryWorker(queue, tmp_path / "w2.log", env=env)
    try:
        run = _finished(factory, run_id, timeout=300)
    finally:
        second.stop()
    assert (run.status, run.enqueued, _accounted(run)) == ("finished", 12, 12)
    assert {r.product_id for r in content_rows(factory)} == set(ids)


def _running_id(factory: sessionmaker[Session]) -> int | None:
    with factory() as session:
        return session.execute(
            text("SELECT id FROM refresh_runs WHERE status = 'running'")
        ).scalar_one_or_none()


def test_model_change_via_cli_wait_regenerates_all(
    factory: sessionmaker[Session], tmp_path: Path, tiny_model_dir: Path, broker: object
) -> None:
    """Content written by one model is current until a model with another version is
    deployed; then `shelfwriter refresh --reason model-change --wait` enqueues every
    product, blocks until the worker is through, and prints the totals last as JSON."""
    ids = add_products(factory, 4)
    from worker.content.model_generator import ModelGenerator

    run_batch(factory, ids, ModelGenerator(model_dir=tiny_model_dir, candidates=1))
    old = _version(tiny_model_dir)
    assert {r.model_version for r in content_rows(factory)} == {old}

    # "Deploy" a new model: same files, another manifest version.
    new_dir = tmp_path / "tiny-v2"
    shutil.copytree(tiny_model_dir, new_dir)
    manifest = json.loads((new_dir / "manifest.json").read_text())
    manifest["version"] = "f" * 16
    (new_dir / "manifest.json").write_text(json.dumps(manifest))
    # One candidate, as in the first batch: the tiny model then writes the same text, so
    # whether a unit passes the guards does not change with the version.
    model = {"SHELFWRITER_MODEL_DIR": str(new_dir), "SHELFWRITER_CANDIDATES": "1"}

    worker = CeleryWorker(get_settings().generate_queue, tmp_path / "w.log", env=model)
    try:
        started = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "worker.cli", "refresh", "--reason", "model-change", "--wait"],
            cwd=ROOT,
            env=worker_env(**model),
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        worker.stop()
    assert proc.returncode == 0, proc.stderr
    last = proc.stdout.strip().splitlines()[-1]
    totals = json.loads(last)
    assert list(totals) == ["run_id", "status", "enqueued", "done", "skipped", "failed"]
    assert totals["status"] == "finished" and totals["enqueued"] == 4
    assert totals["done"] + totals["skipped"] + totals["failed"] == 4
    assert totals["skipped"] == 0  # every product really had work under the new model
    run = get_run(factory, totals["run_id"])
    assert run is not None and run.reason == "model-change"
    assert run.model_version == f"en={'f' * 16}"
    assert {r.model_version for r in content_rows(factory)} == {"f" * 16}
    assert time.monotonic() - started < 120


def test_maintenance_tasks_in_a_worker(
    factory: sessionmaker[Session], tmp_path: Path, tiny_model_dir: Path, broker: object
) -> None:
    """The beat tasks through the broker: the sweep dispatches pending outbox events (the
    generate worker writes their content), then a refresh finds nothing stale and finishes."""
    from worker.celery import app

    settings = get_settings()
    ids = add_products(factory, 3)  # the trigger leaves 3 pending events
    worker = CeleryWorker(
        f"{settings.generate_queue},{settings.maintenance_queue}",
        tmp_path / "w.log",
        env={"SHELFWRITER_MODEL_DIR": str(tiny_model_dir)},
    )
    try:
        app.send_task("tasks.maintenance.dispatch_sweep")
        wait_for(
            lambda: count(factory, "SELECT count(*) FROM product_content") == 3 * UNITS,
            timeout=60,
            what="swept events to be generated",
        )
        assert (
            count(factory, "SELECT count(*) FROM catalog_events WHERE dispatched_at IS NULL") == 0
        )
        app.send_task("tasks.maintenance.refresh_catalog", kwargs={"reason": "manual"})
        wait_for(
            lambda: (
                count(factory, "SELECT count(*) FROM refresh_runs WHERE status = 'finished'") == 1
            ),
            timeout=60,
            what="the refresh task's run",
        )
    finally:
        worker.stop()
    assert {r.product_id for r in content_rows(factory)} == set(ids)
    run = get_run(factory, count(factory, "SELECT max(id) FROM refresh_runs"))
    assert run is not None
    assert (run.reason, run.enqueued, _accounted(run)) == ("manual", 0, 0)


def test_beat_schedule_follows_settings() -> None:
    from celery.schedules import crontab

    from worker.celery import beat_schedule
    from worker.config import Settings

    schedule = beat_schedule(Settings(SHELFWRITER_REFRESH_CRON="30 3 * * 1"))
    nightly = schedule["nightly-refresh"]
    assert nightly["task"] == "tasks.maintenance.refresh_catalog"
    assert nightly["schedule"] == crontab(minute="30", hour="3", day_of_week="1")
    assert schedule["dispatch-sweep"]["schedule"] == 60.0
    default = beat_schedule(Settings())["nightly-refresh"]["schedule"]
    assert default == crontab(minute="0", hour="2")
    with pytest.raises(ValueError, match="5 fields"):
        Settings(SHELFWRITER_REFRESH_CRON="0 2 * *").validate_limits()


def test_a_batch_reported_twice_is_counted_once(factory: sessionmaker[Session]) -> None:
    """A batch redelivered after its worker died, or republished by a resumed walk, reports
    again: the run's totals must not move the second time."""
    from worker.refresh import WALK_COMPLETE, start_or_resume

    run, _ = start_or_resume(factory, RefreshReason.manual)
    with factory.begin() as session:
        session.execute(
            text("UPDATE refresh_runs SET enqueued = 3, cursor = :end WHERE id = :id"),
            {"end": WALK_COMPLETE, "id": run.run_id},
        )
    two_done = {"done": 2, "skipped": 0, "failed": 0}
    assert not record_batch(factory, run.run_id, [5, 6], two_done)
    assert not record_batch(factory, run.run_id, [6, 5], two_done)  # the redelivery
    now = get_run(factory, run.run_id)
    assert now is not None
    assert (now.status, now.done, now.skipped, now.failed) == ("running", 2, 0, 0)
    assert record_batch(factory, run.run_id, [9], {"done": 0, "skipped": 0, "failed": 1})
    end = get_run(factory, run.run_id)
    assert end is not None
    assert (end.status, end.done, end.failed) == ("finished", 2, 1)


def test_staleness_is_judged_against_the_serving_devices_model(
    tmp_path: Path, tiny_model_dir: Path
) -> None:
    """A CPU maintenance host must compare content with the versions the GPU workers write
    (their CUDA exports), not with its own CPU exports of the same models."""
    from worker.config import Settings
    from worker.content.model_generator import ModelGenerator
    from worker.runtime.registry import default_variant, variant_dir

    versions = {}
    for device in ("cpu", "cuda"):
        path = variant_dir(default_variant("en", device), tmp_path)
        shutil.copytree(tiny_model_dir, path)
        manifest = json.loads((path / "manifest.json").read_text())
        manifest["version"] = versions[device] = f"{device}-export-version"
        (path / "manifest.json").write_text(json.dumps(manifest))

    own = Settings(SHELFWRITER_CACHE_DIR=tmp_path, SHELFWRITER_DEVICE="cpu")
    serving = Settings(SHELFWRITER_CACHE_DIR=tmp_path, SHELFWRITER_DEVICE="cpu",
                       SHELFWRITER_SERVING_DEVICE="cuda")  # fmt: skip
    assert ModelGenerator(own).version_for("en-US") == versions["cpu"]
    # No GPU here: the CUDA export is named, not probed, and only its manifest is read.
    assert ModelGenerator(serving).version_for("en-US") == versions["cuda"]


def test_cancel_gives_up_the_running_run_and_frees_the_slot(
    factory: sessionmaker[Session],
) -> None:
    from worker.refresh import start_or_resume

    run, _ = start_or_resume(factory, RefreshReason.manual)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "worker.cli", "refresh", *args],
            cwd=ROOT, env=worker_env(), capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    done = cli("--cancel")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1])["status"] == "cancelled"
    assert get_run(factory, run.run_id).status == "cancelled"  # type: ignore[union-attr]
    nothing = cli("--cancel")
    assert nothing.returncode == 1 and "no refresh run is running" in nothing.stderr
    # The slot is free: a new run starts rather than resuming the cancelled one.
    again, created = start_or_resume(factory, RefreshReason.manual)
    assert created and again.run_id != run.run_id
