"""The write path's promises: idempotent, no stale writes, never a person's row, failures
keep the previous good content."""

from __future__ import annotations

from sqlalchemy import text, update
from sqlalchemy.orm import Session, sessionmaker

from tests.helpers import add_products, content_rows
from worker.catalog.facts import load_facts
from worker.content.generator import ContentResult, GenerationContext, PlaceholderGenerator
from worker.content.pipeline import BatchReport
from worker.content.pipeline import run_batch as _run_batch
from worker.content.plan import WorkItem, plan_batch
from worker.content.store import Outcome, write_results
from worker.models import ContentStatus, ProductContent

UNITS_PER_EN_PRODUCT = 5  # description, tags, 3 recommendation segments (no reviews)


def run_batch(
    factory: sessionmaker[Session],
    ids: list[int],
    generator: PlaceholderGenerator | None = None,
    *,
    force: bool = False,
) -> BatchReport:
    """These tests are about the write path's rules, so the placeholder generates (the model
    step has its own tests): fast, and its output is predictable."""
    return _run_batch(factory, ids, generator or PlaceholderGenerator(), force=force)


class FailingGenerator(PlaceholderGenerator):
    def generate(
        self, work: list[WorkItem], context: GenerationContext | None = None
    ) -> list[ContentResult]:
        return [
            ContentResult(i, self.model_version, error="all candidates failed guards") for i in work
        ]


class ChangingGenerator(PlaceholderGenerator):
    """Simulates the platform editing a product while the model runs."""

    def __init__(self, factory: sessionmaker[Session], product_id: int) -> None:
        self.factory = factory
        self.product_id = product_id

    def generate(
        self, work: list[WorkItem], context: GenerationContext | None = None
    ) -> list[ContentResult]:
        with self.factory.begin() as session:
            session.execute(
                text("UPDATE products SET price = 99 WHERE id = :id"), {"id": self.product_id}
            )
        return super().generate(work)


def test_second_run_writes_nothing(factory: sessionmaker[Session]) -> None:
    ids = add_products(factory, 3)
    first = run_batch(factory, ids)
    assert first.outcomes[Outcome.written] == 3 * UNITS_PER_EN_PRODUCT
    before = {(r.id, r.updated_at) for r in content_rows(factory)}
    second = run_batch(factory, ids)
    assert second.units_planned == 0 and second.skipped_current == 3 * UNITS_PER_EN_PRODUCT
    assert {(r.id, r.updated_at) for r in content_rows(factory)} == before


def test_rows_carry_real_hashes_and_versions(factory: sessionmaker[Session]) -> None:
    [pid] = add_products(factory, 1)
    run_batch(factory, [pid])
    rows = content_rows(factory, pid)
    assert {r.kind for r in rows} == {"description", "tags", "recommendation_copy"}
    assert {r.segment for r in rows if r.kind == "recommendation_copy"} == {
        "students",
        "gift_buyers",
        "budget_shoppers",
    }
    assert len({r.input_hash for r in rows}) == len(rows)  # segment text is part of the hash
    assert all(r.status == "generated" and r.model_version == "placeholder-0" for r in rows)
    # A price change makes the description stale but not the tags (tags don't use price).
    with factory.begin() as session:
        session.execute(text("UPDATE products SET price = 5 WHERE id = :id"), {"id": pid})
    with factory() as session:
        plan = plan_batch(session, load_facts(session, [pid]), lambda _: "placeholder-0")
    assert sorted((w.spec.kind.value, w.segment_key) for w in plan.work) == [
        ("description", ""),
        ("recommendation_copy", "budget_shoppers"),
        ("recommendation_copy", "gift_buyers"),
        ("recommendation_copy", "students"),
    ]


def test_new_model_version_makes_content_stale(factory: sessionmaker[Session]) -> None:
    ids = add_products(factory, 2)
    run_batch(factory, ids)

    class NewModel(PlaceholderGenerator):
        model_version = "placeholder-1"

    report = run_batch(factory, ids, NewModel())
    assert report.outcomes[Outcome.written] == 2 * UNITS_PER_EN_PRODUCT
    assert {r.model_version for r in content_rows(factory)} == {"placeholder-1"}


def test_human_rows_are_never_overwritten(factory: sessionmaker[Session]) -> None:
    [pid] = add_products(factory, 1)
    run_batch(factory, [pid])
    with factory.begin() as session:
        session.execute(
            update(ProductContent)
            .where(ProductContent.kind == "description")
            .values(body="Written by Mei.", status="edited")
        )
        session.execute(
            update(ProductContent)
            .where(ProductContent.kind == "tags")
            .values(body="hand tags", locked=True)
        )
        session.execute(text("UPDATE products SET title = 'Renamed' WHERE id = :id"), {"id": pid})
    report = run_batch(factory, [pid])
    assert report.skipped_human == 2
    rows = {r.kind: r for r in content_rows(factory, pid) if r.segment == ""}
    assert (rows["description"].body, rows["description"].status) == ("Written by Mei.", "edited")
    assert rows["tags"].body == "hand tags"
    # The reviewer can see the product moved on since their edit (recorded once).
    assert (
        rows["description"].quality["stale_since_edit"]["reason"].startswith("the product changed")
    )
    before = rows["description"].quality
    run_batch(factory, [pid])
    assert next(r for r in content_rows(factory, pid) if r.kind == "description").quality == before
    copies = [r.body or "" for r in content_rows(factory, pid) if r.kind == "recommendation_copy"]
    assert len(copies) == 3 and all("Renamed" in body for body in copies)


def test_change_during_generation_refuses_the_stale_write(factory: sessionmaker[Session]) -> None:
    ids = add_products(factory, 2)
    report = run_batch(factory, ids, ChangingGenerator(factory, ids[0]))
    # Product 0's description and recommendation copy use price: refused. Its tags don't.
    assert report.outcomes[Outcome.refused_stale] == 4
    kinds = sorted(r.kind for r in content_rows(factory, ids[0]))
    assert kinds == ["tags"]
    assert len(content_rows(factory, ids[1])) == UNITS_PER_EN_PRODUCT
    # The next run (as the update's event would trigger) writes the current inputs.
    again = run_batch(factory, ids)
    assert again.outcomes[Outcome.written] == 4
    assert len(content_rows(factory, ids[0])) == UNITS_PER_EN_PRODUCT


def test_failure_keeps_previous_good_content(factory: sessionmaker[Session]) -> None:
    [pid] = add_products(factory, 1)
    run_batch(factory, [pid])
    good = {r.id: r.body for r in content_rows(factory, pid)}
    with factory.begin() as session:
        session.execute(text("UPDATE products SET title = 'Changed' WHERE id = :id"), {"id": pid})
    report = run_batch(factory, [pid], FailingGenerator())
    assert report.outcomes[Outcome.failed] == UNITS_PER_EN_PRODUCT
    rows = content_rows(factory, pid)
    assert {r.id: r.body for r in rows} == good
    assert all(
        r.status == ContentStatus.generated and r.error == "all candidates failed guards"
        for r in rows
    )
    assert all(r.quality["last_failure"]["error"] == "all candidates failed guards" for r in rows)
    # The failed inputs are remembered: the same inputs are not retried in a storm...
    assert run_batch(factory, [pid], FailingGenerator()).units_planned == 0
    # ...but a forced run (or a new change) tries again, and a success replaces the old text.
    forced = run_batch(factory, [pid], force=True)
    assert forced.outcomes[Outcome.written] == UNITS_PER_EN_PRODUCT
    assert all("Changed" in (r.body or "") and r.error is None for r in content_rows(factory, pid))


def test_first_failure_is_recorded_and_not_retried_in_a_storm(
    factory: sessionmaker[Session],
) -> None:
    [pid] = add_products(factory, 1)
    run_batch(factory, [pid], FailingGenerator())
    rows = content_rows(factory, pid)
    assert all(r.status == "failed" and r.body is None and r.attempts == 1 for r in rows)
    again = run_batch(factory, [pid], FailingGenerator())
    assert again.units_planned == 0  # same inputs, same model: not retried until forced
    forced = run_batch(factory, [pid], FailingGenerator(), force=True)
    assert forced.outcomes[Outcome.skipped_current] == UNITS_PER_EN_PRODUCT
    recovered = run_batch(factory, [pid], force=True)
    assert recovered.outcomes[Outcome.written] == UNITS_PER_EN_PRODUCT
    assert all(r.status == "generated" and r.error is None for r in content_rows(factory, pid))


def test_deleted_products_are_skipped(factory: sessionmaker[Session]) -> None:
    ids = add_products(factory, 2)
    with factory.begin() as session:
        session.execute(
            text("UPDATE products SET deleted_at = now() WHERE id = :id"), {"id": ids[0]}
        )
        session.execute(text("DELETE FROM products WHERE id = :id"), {"id": ids[1]})
    report = run_batch(factory, [*ids, 999_999])
    assert report.missing == 2 and report.units_planned == 0
    assert content_rows(factory) == []


def test_bad_product_fails_alone(factory: sessionmaker[Session]) -> None:
    ids = add_products(factory, 3)
    with factory.begin() as session:  # the platform can write what import would reject
        session.execute(text("UPDATE products SET title = '' WHERE id = :id"), {"id": ids[1]})
    report = run_batch(factory, ids)
    assert report.outcomes[Outcome.written] == 2 * UNITS_PER_EN_PRODUCT
    assert report.outcomes[Outcome.failed] == UNITS_PER_EN_PRODUCT
    assert {r.error for r in content_rows(factory, ids[1])} == {"product has no title"}


def test_write_results_direct_duplicate_is_skipped(factory: sessionmaker[Session]) -> None:
    [pid] = add_products(factory, 1)
    with factory() as session:
        plan = plan_batch(session, load_facts(session, [pid]), lambda _: "placeholder-0")
    results = PlaceholderGenerator().generate(plan.work)
    assert write_results(factory, results)[Outcome.written] == UNITS_PER_EN_PRODUCT
    # A redelivered copy of the same results: nothing changes.
    assert write_results(factory, results)[Outcome.skipped_current] == UNITS_PER_EN_PRODUCT
    assert all(r.attempts == 1 for r in content_rows(factory, pid))
