"""Decide which (product, kind, segment) units need generating.

A unit is skipped when a person owns the row (locked / edited / approved / human source)
or when it is current: same `input_hash` and same `model_version`. That makes a task safe
to run twice — the second run finds everything current and writes nothing — which is why
the dispatcher may send a batch twice (broker retry, redelivery after a crash) without harm.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from worker.catalog.facts import ProductFacts
from worker.content.kinds import KINDS, KindSpec, input_hash
from worker.models import HUMAN_STATUSES, ContentKind, ContentSource, ProductContent, Segment


@dataclass(frozen=True)
class SegmentInfo:
    key: str
    label: str
    description: str

    @property
    def audience(self) -> tuple[str, str]:
        """(label, description): what the guards and grounded decoding read of it."""
        return (self.label, self.description)


@dataclass(frozen=True)
class WorkItem:
    facts: ProductFacts
    spec: KindSpec
    segment: SegmentInfo | None
    input_hash: str

    @property
    def key(self) -> tuple[int, str, str, str]:
        return (self.facts.id, self.spec.kind.value, self.segment_key, self.facts.locale)

    @property
    def segment_key(self) -> str:
        return self.segment.key if self.segment else ""


@dataclass
class Plan:
    work: list[WorkItem] = field(default_factory=list)
    skipped_current: int = 0
    skipped_human: list[tuple[int, str, str, str]] = field(default_factory=list)
    # Person-owned units whose inputs changed since (key → the input hash now current).
    human_behind: dict[tuple[int, str, str, str], str] = field(default_factory=dict)


def segment_extra(segment: SegmentInfo | None) -> dict[str, str]:
    return (
        {}
        if segment is None
        else {"segment": segment.key, "segment_description": segment.description}
    )


def units_for(
    facts: ProductFacts, segments: dict[str, list[SegmentInfo]], kinds: Iterable[ContentKind]
) -> list[WorkItem]:
    """Every unit a product should have, with its current input hash."""
    items: list[WorkItem] = []
    for kind in kinds:
        spec = KINDS[kind]
        if spec.needs_reviews and not facts.reviews:
            continue
        for segment in segments.get(facts.locale, []) if spec.per_segment else [None]:
            items.append(
                WorkItem(facts, spec, segment, input_hash(spec, facts, segment_extra(segment)))
            )
    return items


def load_segments(session: Session) -> dict[str, list[SegmentInfo]]:
    by_locale: dict[str, list[SegmentInfo]] = {}
    for seg in session.scalars(select(Segment).where(Segment.active).order_by(Segment.key)):
        by_locale.setdefault(seg.locale, []).append(
            SegmentInfo(seg.key, seg.label, seg.description)
        )
    return by_locale


def failed_for(row: ProductContent, input_hash: str, model_version: str) -> bool:
    """The last attempt on these exact inputs with this model failed (the row still shows
    its previous good text): retrying would fail the same way, so it is not retried until
    the inputs or the model change, or a run is forced."""
    last = (row.quality or {}).get("last_failure") or {}
    return bool(last.get("input_hash") == input_hash and last.get("model_version") == model_version)


VersionFor = Callable[[str], str]


def memo_versions(version_for: VersionFor) -> VersionFor:
    """`version_for` asked once per locale: a model generator reads a manifest file per call,
    and a batch or a refresh walk asks once per unit. Scope the memo to one batch or walk, so
    a model exported meanwhile is seen by the next one."""
    return functools.cache(version_for)


def is_human_owned(row: ProductContent) -> bool:
    return row.locked or row.status in HUMAN_STATUSES or row.source == ContentSource.human


def plan_batch(
    session: Session,
    facts: dict[int, ProductFacts],
    version_for: VersionFor,
    kinds: Iterable[ContentKind] = tuple(KINDS),
    *,
    force: bool = False,
) -> Plan:
    segments = load_segments(session)
    existing = {
        (r.product_id, r.kind, r.segment, r.locale): r
        for r in session.scalars(
            select(ProductContent).where(ProductContent.product_id.in_(list(facts)))
        )
    }
    plan = Plan()
    kinds = tuple(kinds)
    version_for = memo_versions(version_for)
    for product in facts.values():
        if product.deleted:
            continue
        version = version_for(product.locale)
        for item in units_for(product, segments, kinds):
            row = existing.get(item.key)
            if row is not None and is_human_owned(row):
                plan.skipped_human.append(item.key)
                if row.input_hash != item.input_hash:
                    plan.human_behind[item.key] = item.input_hash
            elif (
                not force
                and row is not None
                and (
                    (row.input_hash == item.input_hash and row.model_version == version)
                    or failed_for(row, item.input_hash, version)
                )
            ):
                plan.skipped_current += 1
            else:
                plan.work.append(item)
    return plan
