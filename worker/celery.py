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

from celery import Celery

from worker.config import get_settings

GENERATE_TASK = "tasks.generate.generate_batch"


def create_app() -> Celery:
    settings = get_settings()
    app = Celery("shelfwriter", include=["tasks.generate"])
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
        # With acks_late, a task running when the broker connection drops is cancelled and
        # redelivered rather than finished-but-unacked (and then run again anyway).
        worker_cancel_long_running_tasks_on_connection_loss=True,
        task_default_queue=settings.generate_queue,
        task_routes={
            "tasks.generate.*": {"queue": settings.generate_queue},
            "tasks.maintenance.*": {"queue": settings.maintenance_queue},
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
    )
    return app


app = create_app()
