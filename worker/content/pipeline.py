"""One batch, end to end: load → plan (skip what is current or a person's) → generate →
guarded write. Called by the thin `tasks.generate` task; runnable without Celery too.

No transaction is held while the model runs (that can take minutes): facts are read in
one short transaction and each product's results are written in another, and the write
re-checks that the inputs are still the ones used.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from worker.catalog.facts import load_facts
from worker.config import get_settings
from worker.content.generator import (
    ContentGenerator,
    GenerationContext,
    PlaceholderGenerator,
    VoiceExample,
)
from worker.content.kinds import KINDS
from worker.content.plan import WorkItem, plan_batch
from worker.content.store import Outcome, record_human_behind, write_results
from worker.models import ContentKind
from worker.tags.matcher import get_matcher, vocabulary_for

log = logging.getLogger(__name__)


@dataclass
class BatchReport:
    products: int = 0
    missing: int = 0
    units_planned: int = 0
    skipped_current: int = 0
    skipped_human: int = 0
    outcomes: Counter[Outcome] = field(default_factory=Counter)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, int | float]:
        return {
            "products": self.products,
            "missing": self.missing,
            "units_planned": self.units_planned,
            "skipped_current": self.skipped_current + self.outcomes[Outcome.skipped_current],
            "skipped_human": self.skipped_human + self.outcomes[Outcome.skipped_human],
            **{
                o.value: self.outcomes[o]
                for o in Outcome
                if o not in (Outcome.skipped_current, Outcome.skipped_human)
            },
            "seconds": round(self.seconds, 3),
        }


# Neighbours per category for the near-duplicate guard: the most recent N descriptions.
# 500 bounds the guard's cost (a SimHash compare is ~1 µs) while covering a category page.
NEIGHBOURS_PER_CATEGORY = 500


def load_context(session: Session, work: list[WorkItem]) -> GenerationContext:
    context = GenerationContext()
    for locale in sorted({w.facts.locale for w in work if w.spec.kind == ContentKind.tags}):
        try:
            vocabulary, vocab_locale = vocabulary_for(locale)
        except LookupError:
            # A locale nobody has a vocabulary for (the platform stored 'fr'): those tag
            # units fail on their own ("no tag vocabulary"); raising here sank the whole
            # batch, every other product's content with it (found by tests/faults/test_fuzz).
            continue
        matcher = get_matcher(session, vocabulary, vocab_locale)
        if matcher.tags:
            context.tag_matchers[locale] = matcher
    context.voice = load_voice(session, work)
    categories = sorted({w.facts.category for w in work if w.facts.category is not None})
    batch_ids = sorted({w.facts.id for w in work})
    if not categories:
        return context
    rows = session.execute(
        text(
            """
            SELECT category, body FROM (
                SELECT p.category, c.body, row_number() OVER (
                    PARTITION BY p.category ORDER BY c.updated_at DESC) AS n
                FROM product_content c JOIN products p ON p.id = c.product_id
                WHERE c.kind = 'description' AND c.body IS NOT NULL
                  AND c.status IN ('generated', 'approved', 'edited')
                  AND p.category = ANY(:categories) AND NOT (p.id = ANY(:batch))
            ) ranked WHERE n <= :limit
            """
        ),
        {"categories": categories, "batch": batch_ids, "limit": NEIGHBOURS_PER_CATEGORY},
    ).all()
    for category, body in rows:
        context.neighbours.setdefault(category, []).append(body)
    return context


# The shop's own descriptions per (locale, category) the prompt's examples are chosen from:
# the most recent ones, enough for a title neighbour to be close.
VOICE_PER_CATEGORY = 50


def load_voice(
    session: Session, work: list[WorkItem]
) -> dict[tuple[str, str | None], list[VoiceExample]]:
    """Descriptions a person wrote, edited or approved, per (locale, category) of the batch's
    description units: examples of the shop's own voice."""
    wanted = sorted(
        {
            (w.facts.locale, w.facts.category or "")
            for w in work
            if w.spec.kind == ContentKind.description
        }
    )
    if not wanted:
        return {}
    rows = session.execute(
        text(
            """
            SELECT product_id, locale, category, title, body FROM (
                SELECT p.id AS product_id, c.locale, coalesce(p.category, '') AS category,
                       p.title, c.body, row_number() OVER (
                    PARTITION BY c.locale, coalesce(p.category, '')
                    ORDER BY c.updated_at DESC) AS n
                FROM product_content c JOIN products p ON p.id = c.product_id
                WHERE c.kind = 'description' AND c.body IS NOT NULL
                  AND (c.status IN ('approved', 'edited') OR c.source = 'human')
                  AND p.deleted_at IS NULL
                  AND (c.locale, coalesce(p.category, '')) IN (
                      SELECT * FROM unnest(CAST(:locales AS text[]), CAST(:categories AS text[])))
            ) ranked WHERE n <= :limit
            """
        ),
        {
            "locales": [locale for locale, _ in wanted],
            "categories": [category for _, category in wanted],
            "limit": VOICE_PER_CATEGORY,
        },
    ).all()
    voice: dict[tuple[str, str | None], list[VoiceExample]] = {}
    for product_id, locale, category, title, body in rows:
        key = (locale, category or None)
        voice.setdefault(key, []).append(VoiceExample(product_id, title, body))
    return voice


_generators: dict[str, ContentGenerator] = {}


def default_generator() -> ContentGenerator:
    """The process's generator (models stay loaded between tasks). `SHELFWRITER_GENERATOR=
    placeholder` writes marked stand-ins instead, for plumbing checks without a model."""
    kind = get_settings().generator
    if kind not in _generators:
        if kind == "placeholder":
            _generators[kind] = PlaceholderGenerator()
        elif kind == "model":
            from worker.content.model_generator import ModelGenerator

            _generators[kind] = ModelGenerator()
        else:
            raise ValueError(
                f"SHELFWRITER_GENERATOR must be 'model' or 'placeholder', not {kind!r}"
            )
    return _generators[kind]


def run_batch(
    factory: sessionmaker[Session],
    product_ids: list[int],
    generator: ContentGenerator | None = None,
    *,
    force: bool = False,
    kinds: list[str] | None = None,
) -> BatchReport:
    started = time.perf_counter()
    generator = generator or default_generator()
    report = BatchReport(products=len(set(product_ids)))
    with factory.begin() as session:
        facts = load_facts(session, sorted(set(product_ids)))
        plan = plan_batch(
            session,
            facts,
            generator.version_for,
            tuple(ContentKind(k) for k in kinds) if kinds else tuple(KINDS),
            force=force,
        )
        context = load_context(session, plan.work)
    report.missing = report.products - len(facts)
    report.units_planned = len(plan.work)
    report.skipped_current = plan.skipped_current
    report.skipped_human = len(plan.skipped_human)
    for key in plan.skipped_human:
        log.info("skipped %s: a person owns this content (locked/edited/approved)", key)
    if plan.human_behind:
        record_human_behind(factory, plan.human_behind)
    if plan.work:
        results = generator.generate(plan.work, context)
        report.outcomes = write_results(factory, results)
    report.seconds = time.perf_counter() - started
    return report
