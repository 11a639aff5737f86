"""What a title says, as a description's opening: the roles of a title's parts (a pack
count, a measure, a colour, a size, a scent) read from the guards' tables, in both
languages, and never more than the title says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.worker.content.guards import samples
from worker.catalog.facts import ProductFacts, facts_from_row
from worker.catalog.schema import ProductIn
from worker.content.guards import run_guards
from worker.content.guards.corpus import is_sparse, says_only_title
from worker.content.title_copy import end_sentence, is_clause, title_lead
from worker.models import Product

CATALOGS = Path(__file__).resolve().parents[3] / "evaluation" / "catalogs"


def _facts(locale: str, title: str, brand: str | None = None, **attributes: str) -> ProductFacts:
    return samples.facts(
        locale,
        title=title,
        brand=brand,
        category=None,
        attributes=dict(attributes),
        keywords=(),
        price=None,
    )


@pytest.mark.parametrize(
    ("title", "brand", "lead"),
    [
        # A pack count says how many of the (plural) things come together.
        (
            "Calcium + Vitamin D3 Chewable Tablets, 60 count",
            None,
            "This is a pack of 60 calcium + vitamin D3 chewable tablets",
        ),
        (
            "Glass Food Storage Containers, Set of 5",
            None,
            "This is a set of 5 glass food storage containers",
        ),
        # A measure is a modifier before the noun; a spelled unit takes a hyphen.
        (
            "Stainless Steel Chef's Knife 8 inch",
            None,
            "This is an 8-inch stainless steel chef's knife",
        ),
        (
            "Whole Bean Coffee, Medium Roast 1 kg",
            None,
            "This is a 1 kg medium roast whole bean coffee",
        ),
        # A size word comes first, a colour after ("in camel", never "camel wool").
        (
            "Bamboo Cutting Board, Large",
            "Grainwell",
            "This is a large bamboo cutting board from Grainwell",
        ),
        ("Women's Wool Blend Coat, Camel", None, "This is a women's wool blend coat in camel"),
        ("Dog Harness, No-Pull, Medium", None, "This is a medium no-pull dog harness"),
        # A scent the colour table also holds is a scent here.
        (
            "Scented Soy Candle, Lavender",
            None,
            "This is a scented soy candle with a lavender scent",
        ),
        # The brand stays by the head noun, before a "with" part; "with" nouns get articles.
        (
            "Mechanical Keyboard, 87 keys",
            "Keyforge",
            "This is a mechanical keyboard from Keyforge with 87 keys",
        ),
        ("LED Desk Lamp with Dimmer", None, "This is an LED desk lamp with a dimmer"),
        ("Sunscreen SPF 50, 100 ml", None, "This is a 100 ml SPF 50 sunscreen"),
        ("Phone Case for iPhone 15", None, "This is a phone case for iPhone 15"),
        ("Women's Ankle Socks, 6 pairs", None, "This is a pack of 6 pairs of women's ankle socks"),
        # A marketplace title's leading brand is said once; one with a full stop is not said.
        ("IVOC Men Black Casual Shirt", "IVOC", "This is a men's black casual shirt from IVOC"),
        ("U.S. Polo Assn. Men Blue Shirt", "U.S. Polo Assn.", "This is a men's blue shirt"),
        # Plurals are a subject the model goes on from ("These are…" leans on nothing).
        ("Women's Running Shoes", None, "These women's running shoes"),
    ],
)
def test_english_leads_read_each_part_of_the_title_by_its_role(
    title: str, brand: str | None, lead: str
) -> None:
    assert title_lead(_facts("en", title, brand)) == lead


@pytest.mark.parametrize(
    ("title", "brand", "lead"),
    [
        ("钙片 碳酸钙维生素D3咀嚼片 60片", None, "这是一款钙片，碳酸钙维生素D3咀嚼片，共60片"),
        ("宠物猫粮 成猫 2kg", None, "这是一款宠物猫粮，适合成猫，净含量2kg"),
        ("儿童卡通保温杯 400ml", None, "这是一款儿童卡通保温杯，容量400ml"),
        ("园艺水管 15米 带喷头", None, "这是一款园艺水管，长度15米，带喷头"),
        ("男童加绒卫衣 藏青色", None, "这是一款男童加绒卫衣，颜色为藏青色"),
        ("充电式电钻 18V", "力拓", "这是力拓的一款充电式电钻，18V"),
    ],
)
def test_chinese_leads_say_each_segment_of_the_title_by_its_role(
    title: str, brand: str | None, lead: str
) -> None:
    assert title_lead(_facts("zh-CN", title, brand)) == lead


def test_only_facts_that_say_no_more_than_the_title_get_a_lead() -> None:
    assert says_only_title(_facts("en", "Men's Merino Wool Crew Sweater"))
    # Values the title already says ("Men" of "Men's") add nothing.
    assert says_only_title(
        _facts("en", "Men's Merino Wool Crew Sweater", gender="Men", material="merino wool")
    )
    assert says_only_title(_facts("zh-CN", "男士皮带 自动扣 牛皮", 材质="牛皮"))
    assert not says_only_title(_facts("en", "Women's Linen Trousers", colour="sand"))
    assert not says_only_title(_facts("zh-CN", "瑜伽垫 加厚 防滑", 厚度="10mm"))
    # Three facts the title already says leave the product known by its title alone.
    belt = _facts(
        "en", "Men's Leather Belt, Brown", gender="Men", colour="brown", material="leather"
    )
    assert says_only_title(belt) and is_sparse(belt)
    assert not is_sparse(_facts("en", "Leather Belt", gender="Men", colour="brown", size="M"))


def _catalog(name: str) -> list[ProductFacts]:
    lines = (CATALOGS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [
        facts_from_row(Product(id=i, **ProductIn.model_validate(json.loads(line)).model_dump()))
        for i, line in enumerate(lines, 1)
    ]


@pytest.mark.parametrize("catalog", ["sparse-en", "sparse-zh", "heldout-en", "heldout-zh"])
def test_a_lead_says_nothing_the_guards_refuse(catalog: str) -> None:
    """Every title of the held-out and sparse catalogs (140 products nobody tuned the
    rules on): the lead, ended, passes every guard on its product's facts but the length
    minimum (the model's continuation is what makes the length)."""
    for facts in _catalog(catalog):
        lead = title_lead(facts)
        assert lead, facts.title
        if not is_clause(lead):
            continue
        report = run_guards(end_sentence(lead, facts.locale), facts, "description")
        failures = [f for f in report.failures if not f.startswith("length:")]
        assert not failures, (facts.title, lead, failures)
