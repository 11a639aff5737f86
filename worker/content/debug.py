"""`shelfwriter generate --sku`: the content step for one product, synchronously."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from worker.catalog.facts import load_facts
from worker.content.generator import ContentResult
from worker.content.pipeline import default_generator, load_context
from worker.content.plan import plan_batch
from worker.content.store import Outcome, write_results
from worker.models import ContentKind, Product


def generate_one(
    factory: sessionmaker[Session],
    sku: str,
    *,
    kind: str | None = None,
    segment: str | None = None,
    write: bool = False,
) -> tuple[list[ContentResult], Counter[Outcome]]:
    generator = default_generator()
    kinds = [ContentKind(kind)] if kind else list(ContentKind)
    with factory() as session:
        product_id = session.scalars(select(Product.id).where(Product.sku == sku)).one_or_none()
        if product_id is None:
            raise LookupError(f"no product with sku {sku!r}")
        facts = load_facts(session, [product_id])
        # force: show what the model writes now, even if the stored content is current.
        plan = plan_batch(session, facts, generator.version_for, kinds, force=True)
        work = [w for w in plan.work if segment is None or w.segment_key == segment]
        context = load_context(session, work)
    results = generator.generate(work, context)
    outcomes: Counter[Outcome] = write_results(factory, results) if write else Counter()
    return results, outcomes
