"""What an operator asks first: is work flowing, what failed and why, which model is in use.

`shelfwriter status [--json]` prints it; `shelfwriter metrics serve` exports the same figures
to Prometheus (worker.ops.metrics.FleetCollector). Read-only, and each part degrades on its own:
a broker that is down shows as `null` queue depths, not as a failed status.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from worker.ops.metrics import failure_reason

log = logging.getLogger(__name__)


def queue_depths(broker_url: str, queues: list[str]) -> dict[str, int | None]:
    """Messages waiting per queue (Celery's Redis transport keeps each queue in a list)."""
    import redis

    try:
        client = redis.Redis.from_url(broker_url, socket_timeout=3, socket_connect_timeout=3)
        with client:
            return {q: int(client.llen(q)) for q in queues}
    except redis.exceptions.RedisError as exc:
        log.warning("status: broker unreachable: %s", exc)
        return dict.fromkeys(queues)


def models_in_use() -> dict[str, Any]:
    """The device and provider the generate workers use and the model version per language
    (the versions staleness is judged against: SHELFWRITER_SERVING_DEVICE's exports)."""
    from worker.config import get_settings
    from worker.content.model_generator import ModelGenerator
    from worker.runtime.device import CPU_PROVIDER, CUDA_PROVIDER, resolve_device
    from worker.runtime.registry import DEFAULT_MODELS

    settings = get_settings()
    if settings.generator != "model":
        return {"generator": settings.generator}
    serving = settings.serving_device or settings.device
    try:
        device = serving if serving in ("cpu", "cuda") else resolve_device(serving)
    except Exception as exc:
        return {"device": serving, "error": f"{type(exc).__name__}: {exc}"}
    generator = ModelGenerator(settings)
    versions: dict[str, str] = {}
    for language in DEFAULT_MODELS:
        try:
            versions[language] = generator.version_for(language)
        except Exception as exc:  # a missing export is what the operator must see
            versions[language] = f"unavailable: {exc}"
    return {
        "device": device,
        "provider": CUDA_PROVIDER if device == "cuda" else CPU_PROVIDER,
        "model_dir": str(settings.model_dir) if settings.model_dir else None,
        "versions": versions,
    }


def refresh_progress(session: Session) -> dict[str, Any] | None:
    """The running refresh run, else the last one to end."""
    row = (
        session.execute(
            text(
                "SELECT id, reason, status, force, enqueued, done, skipped, failed, error,"
                " started_at, finished_at FROM refresh_runs"
                " ORDER BY (status = 'running') DESC, id DESC LIMIT 1"
            )
        )
        .mappings()
        .one_or_none()
    )
    if row is None:
        return None
    run = dict(row)
    run["run_id"] = run.pop("id")
    for key in ("started_at", "finished_at"):
        run[key] = run[key].isoformat() if run[key] else None
    return run


def collect_status(
    factory: sessionmaker[Session],
    *,
    broker_url: str | None = None,
    queues: list[str] | None = None,
    include_models: bool = True,
) -> dict[str, Any]:
    from worker.config import get_settings

    settings = get_settings()
    with factory() as session:
        pending, oldest = session.execute(
            text(
                "SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)"
                " FROM catalog_events WHERE dispatched_at IS NULL"
            )
        ).one()
        content = session.execute(
            text(
                "SELECT kind, status, count(*) AS n FROM product_content"
                " GROUP BY kind, status ORDER BY kind, status"
            )
        ).all()
        failures = session.execute(
            text(
                "SELECT error, count(*) AS n FROM product_content WHERE error IS NOT NULL"
                " GROUP BY error ORDER BY n DESC"
            )
        ).all()
        versions = session.execute(
            text(
                "SELECT model_version, count(*) FROM product_content WHERE status = 'generated'"
                " GROUP BY model_version ORDER BY count(*) DESC"
            )
        ).all()
        run = refresh_progress(session)
    by_reason: dict[str, int] = {}
    for error, n in failures:
        reason = failure_reason(str(error))
        by_reason[reason] = by_reason.get(reason, 0) + int(n)
    status: dict[str, Any] = {
        "pending_events": int(pending),
        "oldest_pending_age_s": round(float(oldest), 1),
        "queues": queue_depths(
            broker_url or settings.celery_broker_url,
            queues or [settings.generate_queue, settings.maintenance_queue],
        ),
        "refresh_run": run,
        "content": [{"kind": k, "status": s, "rows": int(n)} for k, s, n in content],
        "failures_by_reason": by_reason,
        "failures": [{"error": e, "rows": int(n)} for e, n in failures[:20]],
        "model_versions": {str(v): int(n) for v, n in versions},
    }
    if include_models:
        status["models"] = models_in_use()
    return status
