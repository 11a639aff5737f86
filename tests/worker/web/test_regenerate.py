"""Regenerate from the API, end to end: the forced task runs in a real Celery worker (the
tiny ONNX model) and redoes only the kinds asked for; a person's row is left alone."""

from __future__ import annotations

import ast

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.helpers import add_products, content_rows
from tests.processes import CeleryWorker, wait_for
from worker.content import review
from worker.dispatch import celery_publisher, drain

pytestmark = pytest.mark.slow


def test_regenerate_redoes_only_the_kinds_asked_for(
    client: TestClient,
    web_factory: sessionmaker[Session],
    celery_worker: CeleryWorker,
    write_token: str,
) -> None:
    (pid,) = add_products(web_factory, 1, prefix="RG")
    drain(web_factory, celery_publisher(), claim_limit=10, batch_size=4)
    wait_for(lambda: len(content_rows(web_factory, pid)) == 5, timeout=90, what="first pass")
    first = {(r.kind, r.segment): r for r in content_rows(web_factory, pid)}
    tags = first[("tags", "")]
    description = first[("description", "")]
    # A person owns one recommendation line: regeneration must skip it.
    owned = next(r for (k, _), r in first.items() if k == "recommendation_copy")
    review.edit(web_factory, owned.id, "rita", "A person's line for gift buyers.")

    r = client.post(
        "/api/products/RG00000/regenerate",
        headers={"Authorization": f"Bearer {write_token}"},
        json={"kinds": ["description", "recommendation_copy"]},
    )
    assert r.status_code == 202

    # The worker logs each batch's plan: the forced batch planned the description and the
    # two recommendation lines, and skipped the person's line.
    wait_for(
        lambda: celery_worker.log().count("batch of 1 products") == 2,
        timeout=90,
        what="the forced batch",
    )
    summary = ast.literal_eval(
        celery_worker.log().split("batch of 1 products: ")[2].splitlines()[0]
    )
    assert summary["units_planned"] == 3 and summary["skipped_human"] == 1
    # The tiny model fails the guards again with the same inputs: the store keeps the
    # recorded failure rather than rewriting it (no retry storms), so rows are unchanged.
    assert summary["skipped_current"] + summary["failed"] + summary["written"] == 3
    after = {(x.kind, x.segment): x for x in content_rows(web_factory, pid)}
    assert after[("tags", "")].attempts == tags.attempts  # not asked for
    assert after[("tags", "")].updated_at == tags.updated_at
    mine = next(x for x in after.values() if x.id == owned.id)
    assert mine.body == "A person's line for gift buyers." and mine.status == "edited"
    history = after[("description", "")].quality.get("review", [])
    assert history and history[-1]["action"] == "regenerate"
    assert history[-1]["by"] == "api:shop-write"
    assert description.id == after[("description", "")].id
