"""What the overview page shows people: units per status by day, the current failures by
reason, and the refresh run's progress, as small inline SVG charts.

Drawn by hand in SVG because the desk must work with no front-end build and no CDN (a
chart library means JavaScript shipped or fetched), and matplotlib is not in the worker's
image; two bar charts are a few dozen lines.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from html import escape

from markupsafe import Markup
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from worker.models import ContentStatus
from worker.refresh import RunTotals, latest_run

STATUS_COLOURS = {
    ContentStatus.generated.value: "#4e79a7",
    ContentStatus.approved.value: "#59a14f",
    ContentStatus.edited.value: "#76b7b2",
    ContentStatus.rejected.value: "#e15759",
    ContentStatus.failed.value: "#f28e2b",
}


@dataclass(frozen=True)
class Overview:
    totals: dict[str, int]
    by_day: list[tuple[dt.date, dict[str, int]]]
    reasons: list[tuple[str, int]]
    refresh: RunTotals | None


# The overview aggregates the whole table (about 0.3 s at a million rows): cache it briefly
# so a page left open, or several people, do not re-run it each load.
_CACHE_SECONDS = 30.0
_cache: dict[int, tuple[float, Overview]] = {}


def overview(factory: sessionmaker[Session], days: int = 14) -> Overview:
    key = id(factory)
    hit = _cache.get(key)
    if hit is not None and time.monotonic() - hit[0] < _CACHE_SECONDS:
        return hit[1]
    with factory() as session:
        data = Overview(
            totals=_totals_by_status(session),
            by_day=_by_day(session, days),
            reasons=_reasons(session),
            refresh=latest_run(factory),
        )
    _cache[key] = (time.monotonic(), data)
    return data


def forget() -> None:
    _cache.clear()


def _totals_by_status(session: Session) -> dict[str, int]:
    rows = session.execute(
        text("SELECT status, count(*) FROM product_content GROUP BY status")
    ).all()
    return {status: int(n) for status, n in rows}


def _by_day(session: Session, days: int) -> list[tuple[dt.date, dict[str, int]]]:
    """Units by the day of their last change and their status now."""
    rows = session.execute(
        text(
            "SELECT (updated_at AT TIME ZONE 'UTC')::date AS day, status, count(*)"
            " FROM product_content WHERE updated_at >= now() - make_interval(days => :days)"
            " GROUP BY 1, 2"
        ),
        {"days": days},
    ).all()
    today = dt.datetime.now(dt.UTC).date()
    out: dict[dt.date, dict[str, int]] = {
        today - dt.timedelta(days=i): {} for i in reversed(range(days))
    }
    for day, status, n in rows:
        out.setdefault(day, {})[status] = int(n)
    return sorted(out.items())


def _reasons(session: Session) -> list[tuple[str, int]]:
    """Guard families (claim, audience, fact, …) named in the errors of failed units."""
    rows = session.execute(
        text(
            "SELECT family, count(DISTINCT id) FROM ("
            "  SELECT id, (regexp_matches(error, '([a-z_]+):[a-z_]', 'g'))[1] AS family"
            "  FROM product_content WHERE status = 'failed' AND error IS NOT NULL) f"
            " GROUP BY family ORDER BY 2 DESC LIMIT 12"
        )
    ).all()
    return [(family, int(n)) for family, n in rows]


def status_chart(by_day: list[tuple[dt.date, dict[str, int]]], width: int = 640) -> Markup:
    """Stacked bars: one per day, one colour per status."""
    height, pad, legend = 160, 24, 18
    top = max((sum(c.values()) for _, c in by_day), default=0) or 1
    bar_w = (width - 2 * pad) / max(len(by_day), 1)
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height + legend + pad}"'
        f' width="{width}" height="{height + legend + pad}">'
        f"<title>Units per status, by day of last change (top {top})</title>"
    ]
    for i, (day, counts) in enumerate(by_day):
        x = pad + i * bar_w
        y = float(height)
        for status, colour in STATUS_COLOURS.items():
            n = counts.get(status, 0)
            if not n:
                continue
            h = (height - pad) * n / top
            y -= h
            parts.append(
                f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}"'
                f' fill="{colour}"><title>{day} {status}: {n}</title></rect>'
            )
        if i % 2 == 0 or len(by_day) <= 8:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{height + 12}" font-size="9"'
                f' text-anchor="middle">{day:%m-%d}</text>'
            )
    x = float(pad)
    for status, colour in STATUS_COLOURS.items():
        parts.append(
            f'<rect x="{x:.0f}" y="{height + 20}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x + 14:.0f}" y="{height + 29}" font-size="11">{status}</text>'
        )
        x += 14 + 8 * len(status) + 16
    parts.append("</svg>")
    return Markup("".join(parts))


def reasons_chart(reasons: list[tuple[str, int]], width: int = 640) -> Markup:
    """Horizontal bars: failed units per guard family."""
    if not reasons:
        return Markup('<p class="muted">No failed units.</p>')
    row, label_w = 20, 110
    top = max(n for _, n in reasons) or 1
    height = row * len(reasons) + 4
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}"'
        f' height="{height}"><title>Failed units by guard family</title>'
    ]
    for i, (family, n) in enumerate(reasons):
        y = i * row + 2
        w = (width - label_w - 60) * n / top
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 13}" font-size="11" text-anchor="end">'
            f"{escape(family)}</text>"
            f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{row - 6}"'
            f' fill="#f28e2b"/><text x="{label_w + w + 4:.1f}" y="{y + 13}"'
            f' font-size="11">{n}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
