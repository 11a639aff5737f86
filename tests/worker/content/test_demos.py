"""The house examples: worked facts -> copy turns the prompt shows before the product. They
must be copy the guards publish (the model imitates them), asked exactly as the real
prompt asks, and their facts must never reach another product's copy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from tests.helpers import add_product
from tests.worker.content.guards import samples
from worker.catalog.facts import ProductFacts, load_facts
from worker.config import get_settings
from worker.content import demos as house
from worker.content import prompts
from worker.content.generator import ContentResult
from worker.content.guards import run_guards
from worker.content.guards.corpus import FactsText, is_sparse
from worker.content.guards.sentences import ground_sentences
from worker.content.model_generator import ModelGenerator
from worker.content.plan import SegmentInfo, units_for
from worker.models import ContentKind

SEGMENTS = {
    "en": SegmentInfo("students", "Students", "people at school or university on a budget"),
    "zh": SegmentInfo("gift_buyers", "送礼人群", "为他人挑选礼物、看重品质和心意的消费者"),
}


def _facts(locale: str, title: str) -> ProductFacts:
    """A product known by its title alone."""
    return samples.facts(
        locale, title=title, brand=None, category=None, attributes={}, keywords=(), price=None
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_example_is_copy_the_guards_publish(lang: str) -> None:
    descriptions = house.DESCRIPTION[lang]
    # One product with facts and one known by its title: the model sees length follow facts.
    assert sorted(is_sparse(d.facts) for d in descriptions) == [False, True]
    for demo in descriptions:
        report = run_guards(demo.answer, demo.facts, "description")
        assert report.passed, (demo.answer, report.failures)
    segment = SEGMENTS[lang]
    answers = [
        t["content"]
        for t in house.recommendation_turns(lang, segment, prompts.recommendation_prompt)
        if t["role"] == "assistant"
    ]
    assert len(answers) == len(house.RECOMMENDATION[lang])
    for demo, answer in zip(house.RECOMMENDATION[lang], answers, strict=True):
        assert segment.label.lower() in answer.lower()
        report = run_guards(answer, demo.facts, "recommendation_copy", audience=segment.audience)
        assert report.passed, (answer, report.failures)


@pytest.mark.parametrize(("locale", "title"), [("en", "Canvas Tote Bag"), ("zh-CN", "帆布托特包")])
def test_the_examples_come_between_the_rules_and_the_product(locale: str, title: str) -> None:
    facts = _facts(locale, title)
    plain = prompts.description_prompt(facts, [])
    shown = prompts.description_prompt(facts, [], demos=True)
    assert [m["role"] for m in plain] == ["system", "user"]
    assert [m["role"] for m in shown] == [
        "system",
        "user",
        "assistant",
        "user",
        "assistant",
        "user",
    ]
    assert shown[0] == plain[0] and shown[-1] == plain[-1]
    # Each example is asked exactly as its own product would be asked.
    lang = "zh" if locale.startswith("zh") else "en"
    for i, demo in enumerate(house.DESCRIPTION[lang]):
        assert shown[1 + 2 * i] == prompts.description_prompt(demo.facts, demo.attributes)[-1]
        assert shown[2 + 2 * i]["content"] == demo.answer
    # The stricter pass tells only the product's own turn to add nothing.
    strict = prompts.restrict(shown)
    assert strict[:-1] == shown[:-1] and strict[-1]["content"].endswith(prompts.RESTRICT[lang])
    # Every product of a language shares the examples: the prefix the CPU loop computes once.
    other = prompts.description_prompt(_facts(locale, title + " 2"), [], demos=True)
    assert other[:-1] == shown[:-1]


@pytest.mark.parametrize(
    ("mode", "sparse_description", "full_description", "recommendation"),
    [
        ("recommendation", False, False, True),  # the default
        ("sparse", True, False, True),
        ("all", True, True, True),
        ("off", False, False, False),
    ],
)
def test_which_prompts_show_the_examples(
    tmp_path: Path,
    tiny_model_dir: Path,
    mode: str,
    sparse_description: bool,
    full_description: bool,
    recommendation: bool,
) -> None:
    # Prompts are built without running the model: its context is all that is read.
    roomy = tmp_path / "roomy"
    roomy.mkdir()
    (roomy / "genai_config.json").write_text(json.dumps({"model": {"context_length": 32768}}))

    def shown(model_dir: Path) -> dict[tuple[str, ContentKind], bool]:
        sparse = _facts("en", "Canvas Tote Bag")
        full = samples.facts("en")  # a bottle with a brand, a category and attributes
        settings = get_settings().model_copy(update={"demos": mode})
        generator = ModelGenerator(settings, model_dir=model_dir)
        out = {}
        for name, facts in (("sparse", sparse), ("full", full)):
            kinds = [ContentKind.description, ContentKind.recommendation_copy]
            for item in units_for(facts, {"en": [SEGMENTS["en"]]}, kinds):
                unit = generator.prepare(item)
                assert not isinstance(unit, ContentResult)
                out[(name, item.spec.kind)] = len(unit.prompt) > 2
        return out

    seen = shown(roomy)
    assert seen[("sparse", ContentKind.description)] is sparse_description
    assert seen[("full", ContentKind.description)] is full_description
    assert seen[("sparse", ContentKind.recommendation_copy)] is recommendation
    assert seen[("full", ContentKind.recommendation_copy)] is recommendation
    # A model of 1,024 tokens has no room for them: its own facts come first.
    assert not any(shown(tiny_model_dir).values())


def test_a_sentence_taking_an_examples_facts_is_dropped() -> None:
    facts = _facts("en", "Cotton Crew Neck T-Shirt")
    facts_text = FactsText.build(facts, "description")
    text = "This is a cotton crew neck T-shirt. It goes with your favourite water bottle."
    grounded = ground_sentences(
        text, facts, facts_text, house.borrowed_sources("description", "en")
    )
    assert grounded.text == "This is a cotton crew neck T-shirt."
    (dropped,) = grounded.dropped
    assert "voice:borrowed water bottle" in dropped.failures
    # The same sentence about a product that is a water bottle keeps it.
    bottle = _facts("en", "Water Bottle Sleeve, Cotton")
    kept = ground_sentences(
        "It goes with your favourite water bottle.",
        bottle,
        FactsText.build(bottle, "description"),
        house.borrowed_sources("description", "en"),
    )
    assert not kept.dropped


@pytest.mark.slow
def test_the_examples_facts_do_not_reach_published_copy(
    factory: sessionmaker[Session], smollm2_model_dir: Path
) -> None:
    with factory.begin() as session:
        ids = [
            add_product(
                session,
                f"D{i}",
                title=title,
                brand="Fieldday",
                category="Apparel & Accessories > Clothing > Shirts & Tops",
                attributes=attributes,
                keywords=[],
                price=None,
                currency=None,
            ).id
            for i, (title, attributes) in enumerate(
                [
                    ("Men's Oxford Shirt", {"gender": "Men", "material": "cotton"}),
                    ("Women's Blouse", {"gender": "Women", "colour": "white"}),
                    ("Kids' Hoodie", {}),
                ]
            )
        ]
    with factory() as session:
        facts = load_facts(session, ids)
    work = [u for f in facts.values() for u in units_for(f, {}, [ContentKind.description])]
    settings = get_settings().model_copy(update={"demos": "all"})
    results = ModelGenerator(settings, model_dir=smollm2_model_dir, candidates=2).generate(work)
    assert any(r.body for r in results)  # something was published to check
    for result in results:
        lowered = (result.body or "").lower()
        for leaked in ("arlo", "fern", "linen", "sage", "750", "water bottle", "stainless"):
            assert leaked not in lowered, (leaked, result.body)


def test_a_model_not_exported_yet_shows_no_examples(tmp_path: Path) -> None:
    settings = get_settings().model_copy(update={"cache_dir": tmp_path, "device": "cpu"})
    # Nothing exported under tmp_path: preparing the prompt does not fail (generating
    # will, saying to run `shelfwriter models pull`).
    generator = ModelGenerator(settings)
    (item,) = units_for(
        _facts("en", "Canvas Tote Bag"), {"en": [SEGMENTS["en"]]}, [ContentKind.recommendation_copy]
    )
    unit = generator.prepare(item)
    assert not isinstance(unit, ContentResult) and len(unit.prompt) == 2
