"""Vocabulary: migration, parsing the real taxonomy and the shipped zh-CN file, loading into
Postgres (idempotent, embedded, normalised)."""

from __future__ import annotations

import uuid
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from tests.helpers import table_names
from worker.migrate import current_revision, downgrade, upgrade
from worker.models import TagVocabulary
from worker.tags import embeddings
from worker.tags.defaults import ZH_VOCABULARY_FILE
from worker.tags.vocabulary import load_vocabulary, parse_google, parse_lines, read_vocabulary

TAXONOMY = (
    Path(__file__).resolve().parents[3].parent / "shared/data/google_product_taxonomy.en-US.txt"
)


def test_migration_up_down(scratch_url: str) -> None:
    upgrade("head", scratch_url)
    assert "tag_vocabulary" in table_names(scratch_url)
    downgrade("0001", scratch_url)
    assert current_revision(scratch_url) == "0001"
    assert "tag_vocabulary" not in table_names(scratch_url)
    assert "products" in table_names(scratch_url)
    upgrade("head", scratch_url)
    assert "tag_vocabulary" in table_names(scratch_url)


def test_parse_full_google_taxonomy() -> None:
    if not TAXONOMY.is_file():
        pytest.skip(f"{TAXONOMY} not present")
    entries = read_vocabulary(TAXONOMY, "google")
    assert len(entries) == 5595
    by_path = {e.path: e for e in entries}
    bottle = by_path["Home & Garden > Kitchen & Dining > Food & Beverage Carriers > Water Bottles"]
    assert (bottle.tag, bottle.external_id) == ("Water Bottles", "3809")
    # Every level has its own line: each ancestor is itself an entry.
    for e in entries:
        segs = e.path.split(" > ")
        assert all(" > ".join(segs[:d]) in by_path for d in range(1, len(segs)))


def test_parse_rejects_malformed_google_line() -> None:
    with pytest.raises(ValueError, match="line 2"):
        parse_google(["1 - Animals", "Animals > Pets"])


def test_parse_lines_tags_and_paths() -> None:
    entries = parse_lines(["# comment", "", "Gift Ideas", "服饰>女装 >  连衣裙", "Gift Ideas"])
    assert [(e.tag, e.path) for e in entries] == [
        ("Gift Ideas", "Gift Ideas"),
        ("连衣裙", "服饰 > 女装 > 连衣裙"),
    ]


def test_shipped_zh_vocabulary() -> None:
    entries = read_vocabulary(ZH_VOCABULARY_FILE, "lines")
    assert len(entries) >= 300
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in e.tag) for e in entries if e.tag != "TPE")
    assert "服饰 > 女装 > 连衣裙" in {e.path for e in entries}


def test_load_is_idempotent_and_normalised(factory: sessionmaker[Session]) -> None:
    name = f"t-{uuid.uuid4().hex[:6]}"
    entries = parse_lines(["Kitchen", "Kitchen > Mugs", "Kitchen > Water Bottles", "Toys"])
    seen: list[int] = []
    first = load_vocabulary(factory, entries, name=name, locale="en", progress=seen.append)
    assert (first.inserted, first.embedded, sum(seen)) == (4, 4, 4)
    again = load_vocabulary(factory, entries, name=name, locale="en")
    assert (again.inserted, again.updated, again.unchanged, again.embedded) == (0, 0, 4, 0)

    changed = [*entries[:3], *parse_lines(["Games"])]
    third = load_vocabulary(factory, changed, name=name, locale="en", prune=True)
    assert (third.inserted, third.unchanged, third.pruned) == (1, 3, 1)
    with factory() as session:
        rows = session.scalars(
            select(TagVocabulary).where(TagVocabulary.vocabulary == name).order_by("path")
        ).all()
        assert [r.path for r in rows] == [
            "Games",
            "Kitchen",
            "Kitchen > Mugs",
            "Kitchen > Water Bottles",
        ]
        for r in rows:
            assert r.embedding is not None and len(r.embedding) == 4 * embeddings.DIM
            assert r.embedding_model == embeddings.MODEL_ID
            assert abs(float(np.linalg.norm(embeddings.from_bytes(r.embedding))) - 1) < 1e-5
        assert (
            session.scalar(
                select(func.count())
                .select_from(TagVocabulary)
                .where(TagVocabulary.vocabulary == name)
            )
            == 4
        )
