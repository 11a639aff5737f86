"""A product is edited while its batch is generating: the result generated from the old
inputs is never written, and the edit's own event regenerates it, so the newer input wins.

The edit is made by a real transaction on the real database at the moment the generator is
running (a wrapper around the real generator makes it there: the timing is the point, and
nothing is faked about the write path)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from tests.helpers import add_products, content_rows, events
from worker.content.generator import (
    ContentGenerator,
    ContentResult,
    GenerationContext,
    PlaceholderGenerator,
)
from worker.content.pipeline import run_batch
from worker.content.plan import WorkItem
from worker.content.store import Outcome

UNITS = 5


class EditWhileGenerating:
    """The real generator, with a platform edit committed while it runs."""

    def __init__(self, inner: ContentGenerator, factory: sessionmaker[Session], pid: int) -> None:
        self.inner, self.factory, self.pid = inner, factory, pid

    def version_for(self, locale: str) -> str:
        return self.inner.version_for(locale)

    def generate(
        self, work: list[WorkItem], context: GenerationContext | None = None
    ) -> list[ContentResult]:
        with self.factory.begin() as session:
            session.execute(
                text("UPDATE products SET title = 'Bottle v3 (edited mid-batch)' WHERE id = :id"),
                {"id": self.pid},
            )
        return self.inner.generate(work, context)


def _bodies(factory: sessionmaker[Session], pid: int) -> set[str]:
    return {r.body or "" for r in content_rows(factory, pid)}


def test_edit_during_generation_is_never_overwritten_by_the_stale_result(
    factory: sessionmaker[Session],
) -> None:
    placeholder = PlaceholderGenerator()  # its body quotes the title it was generated from
    edited, bystander = add_products(factory, 2)
    run_batch(factory, [edited, bystander], placeholder)
    assert all("Product P00000" in b for b in _bodies(factory, edited))

    # v2 arrives; while v2's batch is generating, v3 is committed.
    with factory.begin() as session:
        session.execute(
            text("UPDATE products SET title = 'Bottle v2' WHERE id = :id"), {"id": edited}
        )
    report = run_batch(
        factory, [edited, bystander], EditWhileGenerating(placeholder, factory, edited)
    )
    assert report.outcomes[Outcome.refused_stale] == UNITS  # every unit of the edited one
    # Nothing from v2 was written: the rows still hold v1's content (and v1's hashes).
    assert not any("v2" in b for b in _bodies(factory, edited))
    assert len(content_rows(factory, edited)) == UNITS
    # The bystander of the batch is untouched by its neighbour's edit.
    assert all("Product P00001" in b for b in _bodies(factory, bystander))

    # v3's own event is there (trigger), and regenerating for it writes v3.
    assert [e.op for e in events(factory) if e.product_id == edited][-2:] == ["update", "update"]
    final = run_batch(factory, [edited], placeholder)
    assert final.outcomes[Outcome.written] == UNITS
    assert all("Bottle v3 (edited mid-batch)" in b for b in _bodies(factory, edited))
