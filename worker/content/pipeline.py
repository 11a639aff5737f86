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

from sqlalchemy.orm import Session, sessionmaker

from worker.catalog.facts import load_facts
from worker.content.generator import ContentGenerator, PlaceholderGenerator
from worker.content.plan import plan_batch
from worker.content.store import Outcome, write_results

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


def default_generator() -> ContentGenerator:
    # Until the content step lands (issue 4) the placeholder writes through the real path.
    return PlaceholderGenerator()


def run_batch(
    factory: sessionmaker[Session],
    product_ids: list[int],
    generator: ContentGenerator | None = None,
    *,
    force: bool = False,
) -> BatchReport:
    started = time.perf_counter()
    generator = generator or default_generator()
    report = BatchReport(products=len(set(product_ids)))
    with factory.begin() as session:
        facts = load_facts(session, sorted(set(product_ids)))
        plan = plan_batch(session, facts, generator.model_version, force=force)
    report.missing = report.products - len(facts)
    report.units_planned = len(plan.work)
    report.skipped_current = plan.skipped_current
    report.skipped_human = len(plan.skipped_human)
    for key in plan.skipped_human:
        log.info("skipped %s: a person owns this content (locked/edited/approved)", key)
    if plan.work:
        results = generator.generate(plan.work)
        report.outcomes = write_results(factory, results)
    report.seconds = time.perf_counter() - started
    return report
