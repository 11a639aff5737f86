"""Matching products onto the vocabulary: 3–8 tags, all vocabulary rows, the right language,
proposals decided by the vocabulary, deterministic. Runs on a subset of the real Google
taxonomy (a few hundred rows, embedded in ~0.5 s) and the shipped zh-CN vocabulary."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from tests.helpers import add_product
from worker.catalog.facts import ProductFacts, facts_from_row
from worker.cli.vocab import register
from worker.models import TagVocabulary
from worker.tags.defaults import ZH_VOCABULARY_FILE
from worker.tags.matcher import TagMatcher, get_matcher
from worker.tags.vocabulary import load_vocabulary, read_vocabulary

TAXONOMY = (
    Path(__file__).resolve().parents[3].parent / "shared/data/google_product_taxonomy.en-US.txt"
)
SUBSET = ("Home & Garden > Kitchen & Dining", "Electronics", "Office Supplies")
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def vocabs(database_url: str) -> Iterator[tuple[str, str]]:
    """(english name, chinese name) loaded once for the module."""
    if not TAXONOMY.is_file():
        pytest.skip(f"{TAXONOMY} not present")
    from worker.db import session_factory

    factory = session_factory(database_url)
    en = [
        e
        for e in read_vocabulary(TAXONOMY, "google")
        if e.path == "Home & Garden" or e.path.startswith(SUBSET)
    ]
    tag = uuid.uuid4().hex[:6]
    load_vocabulary(factory, en, name=f"google-{tag}", locale="en")
    zh = read_vocabulary(ZH_VOCABULARY_FILE, "lines")
    load_vocabulary(factory, zh, name=f"zh-{tag}", locale="zh-CN")
    yield f"google-{tag}", f"zh-{tag}"


def _facts(factory: sessionmaker[Session], sku: str, **fields: object) -> ProductFacts:
    with factory.begin() as session:
        return facts_from_row(add_product(session, sku, **fields))


def _paths(factory: sessionmaker[Session], name: str) -> set[str]:
    with factory() as session:
        return set(
            session.scalars(select(TagVocabulary.path).where(TagVocabulary.vocabulary == name))
        )


BOTTLE = {
    "title": "Insulated Steel Water Bottle 750 ml",
    "category": "Home & Garden > Kitchen & Dining > Food & Beverage Carriers > Water Bottles",
    "keywords": ["water bottle", "insulated", "leak-proof"],
}


def test_english_product_gets_vocabulary_tags(
    factory: sessionmaker[Session], vocabs: tuple[str, str]
) -> None:
    facts = _facts(factory, "EN-1", **BOTTLE)
    with factory() as session:
        matcher = get_matcher(session, vocabs[0], "en")
    tags = matcher.match(facts)
    assert 3 <= len(tags) <= 8
    assert {t.path for t in tags} <= _paths(factory, vocabs[0])
    assert tags[0].path == BOTTLE["category"] and tags[0].why == "keyword"
    assert "Kitchen & Dining" in {t.tag for t in tags}
    assert all(not CJK.search(t.tag) for t in tags)


def test_english_product_without_category_still_3_to_8(
    factory: sessionmaker[Session], vocabs: tuple[str, str]
) -> None:
    facts = _facts(
        factory,
        "EN-2",
        title="Stainless Steel Water Bottle",
        category=None,
        keywords=["water bottle"],
    )
    with factory() as session:
        tags = get_matcher(session, vocabs[0], "en").match(facts)
    assert 3 <= len(tags) <= 8
    assert "Water Bottles" in {t.tag for t in tags}


def test_chinese_product_gets_chinese_tags(
    factory: sessionmaker[Session], vocabs: tuple[str, str]
) -> None:
    facts = _facts(
        factory,
        "ZH-1",
        locale="zh-CN",
        title="304不锈钢保温杯 450毫升",
        category="家居日用 > 餐饮用具 > 水杯 > 保温杯",
        attributes={"材质": "304不锈钢", "容量": "450毫升"},
        keywords=["保温杯", "不锈钢", "便携"],
    )
    with factory() as session:
        tags = get_matcher(session, vocabs[1], "zh-CN").match(facts)
    assert 3 <= len(tags) <= 8
    assert {t.path for t in tags} <= _paths(factory, vocabs[1])
    assert all(CJK.search(t.tag) for t in tags)
    assert {"保温杯", "水杯", "不锈钢", "便携"} <= {t.tag for t in tags}


def test_proposals_outside_the_vocabulary_never_appear(
    factory: sessionmaker[Session], vocabs: tuple[str, str]
) -> None:
    facts = _facts(factory, "EN-3", **BOTTLE)
    proposals = ["Hydration Hero 3000", "free shipping", "Laptops", "Drinkware", "#1 best bottle"]
    with factory() as session:
        tags = get_matcher(session, vocabs[0], "en").match(facts, proposals)
    names = {t.tag for t in tags}
    assert {t.path for t in tags} <= _paths(factory, vocabs[0])
    assert not names & {"Hydration Hero 3000", "free shipping", "#1 best bottle"}
    assert "Laptops" not in names  # in the vocabulary, but unlike the product: dropped
    drinkware = [t for t in tags if t.tag == "Drinkware"]
    assert drinkware and drinkware[0].why == "proposal"
    assert drinkware[0].path == "Home & Garden > Kitchen & Dining > Tableware > Drinkware"


def test_deterministic_and_cached(factory: sessionmaker[Session], vocabs: tuple[str, str]) -> None:
    facts = _facts(factory, "EN-4", **BOTTLE)
    with factory() as session:
        a = get_matcher(session, vocabs[0], "en")
        b = get_matcher(session, vocabs[0], "en")
        rows = session.execute(
            select(TagVocabulary.tag, TagVocabulary.path, TagVocabulary.embedding)
            .where(TagVocabulary.vocabulary == vocabs[0])
            .order_by(TagVocabulary.id.desc())
        ).all()
    assert a is b  # unchanged vocabulary: the process cache answers
    fresh = TagMatcher(vocabs[0], "en", [(r[0], r[1], r[2]) for r in rows])
    proposals = ["Drinkware", "Mugs"]
    assert a.match(facts, proposals) == a.match(facts, proposals) == fresh.match(facts, proposals)


def test_cli_load_and_match(
    factory: sessionmaker[Session], vocabs: tuple[str, str], tmp_path: Path
) -> None:
    app = typer.Typer()
    register(app)
    app.command("noop")(lambda: None)  # a second command keeps `vocab` a sub-command
    vocab_file = tmp_path / "v.txt"
    vocab_file.write_text("Bottles\nBottles > Water Bottles\nToys\n", encoding="utf-8")
    name = f"cli-{uuid.uuid4().hex[:6]}"
    runner = CliRunner()
    result = runner.invoke(
        app, ["vocab", "load", str(vocab_file), "--name", name, "--locale", "en"]
    )
    assert result.exit_code == 0, result.output
    assert len(_paths(factory, name)) == 3
    _facts(
        factory,
        "ZH-CLI",
        locale="zh-CN",
        title="女士法式碎花连衣裙",
        category="服饰 > 女装 > 连衣裙",
        keywords=["连衣裙", "碎花"],
    )
    from worker.tags import matcher

    original = dict(matcher.DEFAULT_VOCABULARIES)
    matcher.DEFAULT_VOCABULARIES["zh-CN"] = (vocabs[1], "zh-CN")
    try:
        result = runner.invoke(app, ["vocab", "match", "--sku", "ZH-CLI"])
    finally:
        matcher.DEFAULT_VOCABULARIES.update(original)
    assert result.exit_code == 0, result.output
    assert "连衣裙" in result.output and "碎花" in result.output
