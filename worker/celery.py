"""The Celery app (`celery -A worker worker -Q generate` finds it here).

Reliability settings follow the Celery docs for long, idempotent tasks:
- acks_late + reject_on_worker_lost: a task is acknowledged only after it finished, so a
  worker killed mid-batch has its task redelivered instead of lost. Safe because tasks
  are idempotent (see worker.content.plan).
- prefetch multiplier 1: a worker holds one task at a time; long tasks don't queue up
  behind a busy process while another sits idle.
- soft/hard time limits, and a Redis visibility timeout longer than the hard limit, or
  Redis would redeliver a task that is still running.
- no result backend: progress lives in Postgres, not in task results.
"""

from __future__ import annotations

import sys
from typing import Any

from celery import Celery, signals
from celery.schedules import crontab

from worker.config import Settings, get_settings

GENERATE_TASK = "tasks.generate.generate_batch"


def create_app() -> Celery:
    settings = get_settings()
    app = Celery("shelfwriter", include=["tasks.generate", "tasks.maintenance", "tasks.webhooks"])
    app.conf.update(
        broker_url=settings.celery_broker_url,
        result_backend=None,
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_soft_time_limit=settings.task_soft_time_limit,
        task_time_limit=settings.task_time_limit,
        broker_transport_options={
            "visibility_timeout": settings.broker_visibility_timeout,
            "socket_connect_timeout": 5,
            "socket_timeout": 30,
            "unacked_restore_interval": settings.broker_restore_interval,
            "unacked_restore_throttle": settings.broker_restore_throttle,
        },
        broker_connection_retry_on_startup=True,
        # A task running when the broker connection drops is left to finish (its guarded
        # writes are correct); its ack is lost with the connection, so the task is
        # redelivered and re-run as a no-op (idempotent). Cancelling it instead SIGTERMs the
        # pool child wherever it is: tests/faults/test_redis_restart.py caught one inside
        # `import onnxruntime_genai`, which turned the batch into a failed (acked, lost) task,
        # and the cancelled task's soft time limit then fired in the idle child and killed
        # the whole worker (UnpicklingError on the pool's pipe).
        worker_cancel_long_running_tasks_on_connection_loss=False,
        task_default_queue=settings.generate_queue,
        task_routes={
            "tasks.generate.*": {"queue": settings.generate_queue},
            "tasks.maintenance.*": {"queue": settings.maintenance_queue},
            "tasks.webhooks.*": {"queue": settings.maintenance_queue},
        },
        # Publishing retries briefly, then raises: the dispatcher leaves events pending.
        task_publish_retry=True,
        task_publish_retry_policy={
            "max_retries": 2,
            "interval_start": 0.2,
            "interval_step": 0.5,
            "interval_max": 1.0,
        },
        # Events for Flower.
        worker_send_task_events=True,
        task_send_sent_event=True,
        worker_hijack_root_logger=False,
        beat_schedule=beat_schedule(settings),
    )
    return app


def beat_schedule(settings: Settings) -> dict[str, dict[str, Any]]:
    """`celery -A worker beat` (one instance): the nightly refresh at SHELFWRITER_REFRESH_CRON
    (UTC) and the outbox sweeps every minute (a backstop for the dispatcher's LISTEN loop and for
    webhook deliveries).
    Expiry drops runs that queued up while no maintenance worker was there to take them."""
    minute, hour, day_of_month, month_of_year, day_of_week = settings.refresh_cron.split()
    return {
        "nightly-refresh": {
            "task": "tasks.maintenance.refresh_catalog",
            "schedule": crontab(
                minute=minute,
                hour=hour,
                day_of_month=day_of_month,
                month_of_year=month_of_year,
                day_of_week=day_of_week,
            ),
            "kwargs": {"reason": "nightly", "force": False},
            "options": {"expires": 6 * 3600},
        },
        "dispatch-sweep": {
            "task": "tasks.maintenance.dispatch_sweep",
            "schedule": 60.0,
            "options": {"expires": 60},
        },
        # Webhook deliveries whose send was never enqueued (the broker was down at commit).
        "webhook-sweep": {
            "task": "tasks.webhooks.sweep_deliveries",
            "schedule": 60.0,
            "options": {"expires": 60},
        },
    }


app = create_app()


@signals.worker_init.connect  # type: ignore[untyped-decorator]
def check_models(**_: Any) -> None:
    """Refuse to start a worker whose models are not exported, with the fix in the message,
    instead of failing every task it takes; and one whose model files were changed since
    export. Reads manifests and hashes files only: no model is loaded here (CUDA must not be
    touched in the parent of a forked pool)."""
    settings = get_settings()
    if settings.generator != "model":
        return
    from worker.runtime.device import DeviceUnavailableError
    from worker.runtime.manifest import ManifestError, check_files, read_manifest
    from worker.runtime.registry import DEFAULT_MODELS, default_model_dir

    try:
        if settings.model_dir is not None:
            dirs = [settings.model_dir]
        else:
            dirs = [
                default_model_dir(language, settings.device, settings.cache_dir)
                for language in DEFAULT_MODELS
            ]
        for model_dir in dirs:
            # The files must be the export's: content written by a model whose files
            # differ from its recipe would carry a version that does not describe it.
            check_files(model_dir, read_manifest(model_dir))
    except (ManifestError, FileNotFoundError, DeviceUnavailableError) as exc:
        # Celery logs and swallows exceptions from signal handlers; SystemExit is not one.
        print(f"shelfwriter worker cannot start: {exc}", file=sys.stderr, flush=True)
        raise SystemExit(78) from exc  # EX_CONFIG


@signals.worker_init.connect  # type: ignore[untyped-decorator]
def serve_metrics(**_: Any) -> None:
    """Serve this worker's Prometheus metrics when SHELFWRITER_METRICS_PORT is set (in the
    main process; a prefork pool's children are summed through PROMETHEUS_MULTIPROC_DIR)."""
    settings = get_settings()
    if settings.metrics_port is None:
        return
    from worker.ops.metrics import AuthMissingError, process_registry, serve

    try:
        serve(process_registry(), settings.metrics_port)
    except (AuthMissingError, OSError) as exc:
        print(f"shelfwriter worker cannot serve metrics: {exc}", file=sys.stderr, flush=True)
        raise SystemExit(78) from exc
