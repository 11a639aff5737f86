"""The shop's own voice: descriptions a person wrote or approved for neighbouring products
go into the prompt as examples of tone and length, and none of their facts leak into the
new product's copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from tests.helpers import add_product
from worker.catalog.facts import load_facts
from worker.config import get_settings
from worker.content.generator import GenerationContext, VoiceExample
from worker.content.model_generator import ModelGenerator, voice_examples
from worker.content.pipeline import load_voice
from worker.content.plan import units_for
from worker.content.prompts import description_prompt
from worker.models import ContentKind, ContentStatus, ProductContent

SHOES = "Apparel & Accessories > Shoes"


def _content(session: Session, product_id: int, body: str, status: str, source: str) -> None:
    session.add(
        ProductContent(
            product_id=product_id,
            kind="description",
            segment="",
            locale="en",
            body=body,
            status=status,
            source=source,
        )
    )


def test_only_copy_a_person_wrote_or_approved_is_the_shops_voice(
    factory: sessionmaker[Session],
) -> None:
    with factory.begin() as session:
        approved = add_product(session, "V1", title="Canvas sneakers", category=SHOES)
        human = add_product(session, "V2", title="Leather boots", category=SHOES)
        generated = add_product(session, "V3", title="Running shoes", category=SHOES)
        other = add_product(session, "V4", title="Steel bottle")  # another category
        new = add_product(session, "V5", title="Suede loafers", category=SHOES)
        _content(session, approved.id, "Approved words.", ContentStatus.approved, "model")
        _content(session, human.id, "A person's words.", ContentStatus.generated, "human")
        _content(session, generated.id, "Model words.", ContentStatus.generated, "model")
        _content(session, other.id, "Bottle words.", ContentStatus.approved, "model")
    with factory() as session:
        facts = load_facts(session, [new.id])
        voice = load_voice(session, units_for(facts[new.id], {}, [ContentKind.description]))
    assert sorted(v.body for v in voice[("en", SHOES)]) == ["A person's words.", "Approved words."]


def test_the_nearest_examples_by_title_are_chosen(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        new = add_product(session, "N1", title="Women's suede ankle boots", category=SHOES)
    with factory() as session:
        facts = load_facts(session, [new.id])[new.id]
    context = GenerationContext(
        voice={
            ("en", SHOES): [
                VoiceExample(-1, "Men's leather ankle boots", "Boots copy."),
                VoiceExample(-2, "Stainless steel water bottle", "Bottle copy."),
                VoiceExample(-3, "Women's chelsea boots in suede", "Chelsea copy."),
            ]
        }
    )
    item = units_for(facts, {}, [ContentKind.description])[0]
    chosen = voice_examples(item, context, 2)
    assert len(chosen) == 2 and "Bottle copy." not in chosen
    assert voice_examples(item, context, 0) == []  # the default: no examples


@pytest.mark.slow
def test_the_examples_facts_do_not_leak_into_the_copy(
    factory: sessionmaker[Session], smollm2_model_dir: Path
) -> None:
    """The example names a material, a colour, a number and a claim this product lacks;
    the published copy names none of them (guards and sentence grounding refuse them)."""
    example = (
        "Our cashmere scarf in burgundy is handmade in Scotland and comes with 12 months of"
        " warranty. It is soft, light and easy to wear every day."
    )
    with factory.begin() as session:
        ids = [
            add_product(
                session,
                f"L{i}",
                title=title,
                brand="Fieldday",
                category="Apparel & Accessories > Clothing Accessories > Scarves & Shawls",
                attributes={"colour": "grey", "material": "acrylic"},
                keywords=["scarf"],
                price=None,
                currency=None,
            ).id
            for i, title in enumerate(["Knitted scarf", "Ribbed winter scarf", "Long scarf"])
        ]
    with factory() as session:
        facts = load_facts(session, ids)
    work = [u for f in facts.values() for u in units_for(f, {}, [ContentKind.description])]
    category = "Apparel & Accessories > Clothing Accessories > Scarves & Shawls"
    context = GenerationContext(voice={("en", category): [VoiceExample(-1, "Scarf", example)]})
    settings = get_settings().model_copy(update={"voice_examples": 1})
    generator = ModelGenerator(settings, model_dir=smollm2_model_dir, candidates=2)
    results = generator.generate(work, context)
    prompt = description_prompt(next(iter(facts.values())), [], [example])[-1]["content"]
    assert example in prompt and prompt.index(example) < prompt.index("Product facts:")
    assert any(r.body for r in results)  # something was published to check
    for result in results:
        lowered = (result.body or "").lower()
        for leaked in ("cashmere", "burgundy", "handmade", "scotland", "12", "warranty"):
            assert leaked not in lowered, (leaked, result.body)
