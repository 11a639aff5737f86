"""What an operator asks first: is work flowing, what failed and why."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker


def collect_status(factory: sessionmaker[Session]) -> dict[str, Any]:
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
                " GROUP BY error ORDER BY n DESC LIMIT 20"
            )
        ).all()
        versions = session.execute(
            text(
                "SELECT model_version, count(*) FROM product_content WHERE status = 'generated'"
                " GROUP BY model_version ORDER BY count(*) DESC"
            )
        ).all()
    return {
        "pending_events": int(pending),
        "oldest_pending_age_s": round(float(oldest), 1),
        "content": [{"kind": k, "status": s, "rows": int(n)} for k, s, n in content],
        "failures": [{"error": e, "rows": int(n)} for e, n in failures],
        "model_versions": {str(v): int(n) for v, n in versions},
    }
