"""The editor's cuts (worker/content/editor.py): each changes what it should and leaves
the rest as the model wrote it."""

from __future__ import annotations

import pytest

from tests.worker.content.guards.samples import facts, facts_text
from worker.content.editor import (
    agree_article,
    agree_plural,
    cut_prices,
    cut_unfounded_examples,
    cut_unfounded_pair,
    cut_unfounded_purpose,
    edit,
    restore_brand_case,
    strip_title_label,
)
from worker.content.guards.corpus import FactsText, is_sparse


@pytest.mark.parametrize(
    ("text", "title", "left"),
    [
        ("Cast Iron Skillet 26 cm - A classic cast iron skillet.", "Cast Iron Skillet 26 cm",
         "A classic cast iron skillet."),
        ("Yoga Mat: A 6 mm mat for yoga.", "Yoga Mat 6 mm", "A 6 mm mat for yoga."),
        ("Electric Kettle 1.7 L - A steel kettle.", "Electric Kettle 1.7 L", "A steel kettle."),
        ("Baby Spoons - 4-pack - A soft feeding spoon.", "Baby Spoons, 4 pack",
         "A soft feeding spoon."),
        # What is left would not name the product; a lower-case rest is no new sentence;
        # a label that is not the title is the copy's own.
        ("Baby Spoons, 4 pack - A versatile collection.", "Baby Spoons, 4 pack", None),
        ("Yoga Mat 6 mm - a mat.", "Yoga Mat 6 mm", None),
        ("Soft cotton - Breathable and light cotton.", "Cotton Tee", None),
        ("智能插座：用于统计电量。", "智能插座 电量统计", None),
    ],
)  # fmt: skip
def test_the_title_as_a_label_before_the_copy_is_cut(
    text: str, title: str, left: str | None
) -> None:
    assert strip_title_label(text, title) == (left or text)


def test_the_brand_as_a_second_label_is_cut() -> None:
    text = "Retinol Night Cream 50ml - Lumora - A night cream for the evening."
    left = "A night cream for the evening."
    assert strip_title_label(text, "Retinol Night Cream 50 ml", "Lumora") == left
    # Not the brand, not the title: the copy's own words stay.
    text = "Retinol Night Cream 50ml - Nightly care - A night cream for the evening."
    assert strip_title_label(text, "Retinol Night Cream 50 ml", "Lumora").startswith("Nightly")


def test_the_brand_is_written_as_the_shop_writes_it() -> None:
    text = "The grainwell board, by GRAINWELL; grainwells are not it."
    assert restore_brand_case(text, "Grainwell") == (
        "The Grainwell board, by Grainwell; grainwells are not it."
    )
    assert restore_brand_case("the acme way", "acme") == "the acme way"  # the shop's own case


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("This Sterling Silver Hoop Earrings is a stylish pair.",
         "These Sterling Silver Hoop Earrings are a stylish pair."),
        ("This women's linen wide-leg trousers are light.",
         "These women's linen wide-leg trousers are light."),
        # One thing, or no plural: as written.
        ("This pair of jeans is blue.", None),
        ("This set of glasses is nice.", None),
        ("This dress is red and this canvas is thick.", None),
        ("This Baby Silicone Feeding Spoons, 4 pack is soft.", None),
        # Not across a sentence ("These is a hot sauce …", an unseen catalog's loop).
        ("This is a hot sauce from Smoke Holler. The diets are vegan.", None),
        ("This 5.5 inch hoop earrings is light.", "These 5.5 inch hoop earrings are light."),
    ],
)  # fmt: skip
def test_this_before_a_plural_title_agrees(text: str, fixed: str | None) -> None:
    assert agree_plural(text) == (fixed or text)


@pytest.mark.parametrize(
    ("title", "text", "fixed"),
    [
        ("Women's Linen Wide-Leg Trousers",
         "A versatile and stylish women's linen wide-leg trousers offer comfort.",
         "Versatile and stylish women's linen wide-leg trousers offer comfort."),
        ("Sterling Silver Hoop Earrings",
         "Light hoops. A Sterling silver hoop earrings with a 20 mm diameter.",
         "Light hoops. Sterling silver hoop earrings with a 20 mm diameter."),
        # One thing ("a set of", "a pair of"), a singular title, or another noun: as written.
        ("Glass Food Storage Containers, Set of 5", "A set of 5 glass containers.", None),
        ("Women's Ankle Socks, 6 pairs", "A pair of comfortable ankle socks.", None),
        ("Cast Iron Skillet 26 cm", "A cast iron skillet for steaks.", None),
        ("Women's Linen Wide-Leg Trousers", "A light fabric. The trousers are linen.", None),
    ],
)  # fmt: skip
def test_no_article_before_a_plural_title(title: str, text: str, fixed: str | None) -> None:
    assert agree_article(text, title) == (fixed or text)


@pytest.mark.parametrize(
    ("title", "text", "left"),
    [
        ("Bamboo Cutting Board, Large",
         "The Grainwell board is a cutting board designed for both home and office use.",
         "The Grainwell board is a cutting board."),
        ("Bluetooth Speaker, Portable",
         "A portable speaker with a 12-hour battery, making it ideal for long presentations.",
         "A portable speaker with a 12-hour battery."),
        # The facts give the purpose; "is designed to" carries the sentence; generic use.
        ("Foam Roller for Muscle Recovery",
         "A foam roller designed for muscle recovery.", None),
        ("Dog Harness, No-Pull, Medium",
         "This dog harness is designed to be light and easy to carry.", None),
        ("Cast Iron Skillet 26 cm", "A cast iron skillet, designed for daily use.", None),
        # An adverb between the verb and the clause: the clause carries the sentence.
        ("Dog Chew Toy, Rubber", "It's also designed for long walks in the park.", None),
        # What it offers, when no fact gives it; a clause of the facts stays.
        ("Hiking Backpack 30 L",
         "A versatile hiking backpack, offering comfort, versatility, and a comfortable fit.",
         "A versatile hiking backpack."),
        ("Garden Hose 15 m with Spray Nozzle",
         "A garden hose with a spray nozzle that can be easily used to spray on all your garden.",
         "A garden hose with a spray nozzle."),
        ("Men's Slim Fit Chinos, Khaki",
         "Slim fit chinos in khaki, which adds a touch of elegance to the look.",
         "Slim fit chinos in khaki."),
        ("Kids' Wooden Building Blocks, 100 pieces",
         "A set of wooden building blocks, featuring 100 pieces.", None),
        ("竹制砧板 大号", "这是一款竹制砧板，大号设计，适合各种烹饪场景。",
         "这是一款竹制砧板，大号设计。"),
        ("园艺水管 15米 带喷头", "这是一款园艺水管，带喷头，适合家庭和小家庭使用。",
         "这是一款园艺水管，带喷头。"),
        ("园艺水管 15米 带喷头", "这是一款园艺水管，适合日常使用。", None),
        # Where or when it is used is what the clause adds (户外, 夏天: jieba place and time).
        ("钙片 碳酸钙维生素D3咀嚼片 60片", "这是一款咀嚼片，适合在户外使用。", "这是一款咀嚼片。"),
    ],
)  # fmt: skip
def test_a_purpose_no_fact_gives_is_cut(title: str, text: str, left: str | None) -> None:
    lang = "en" if title.isascii() else "zh"
    assert cut_unfounded_purpose(text, facts_text(title), lang) == (left or text)


@pytest.mark.parametrize(
    ("title", "text", "left"),
    [
        ("Girls' Floral Summer Dress", "It is suitable for both girls and their fans.",
         "It is suitable for girls."),
        ("Men's Hooded Puffer Jacket, Black",
         "Perfect for both men and adults looking for a stylish option.",
         "Perfect for men looking for a stylish option."),
        ("Baby Cotton Bodysuits, 3 pack", "Soft bodysuits for both adults and babies.",
         "Soft bodysuits for babies."),
        # Both sides unfounded, both founded, or a side that cannot stand alone: as written.
        ("Cast Iron Skillet 26 cm", "Great for both home and office use.", None),
        ("Men's Slim Fit Chinos, Khaki", "Chinos that are both khaki and slim fit.", None),
        ("Dog Chew Toy, Rubber", "Fun for both dog and man.", None),
    ],
)  # fmt: skip
def test_a_pair_keeps_its_founded_side(title: str, text: str, left: str | None) -> None:
    assert cut_unfounded_pair(text, facts_text(title, "en")) == (left or text)


def test_english_purposes_are_cut_whatever_the_facts_chinese_only_when_sparse() -> None:

    rich_en = facts(
        "en",
        title="Unisex Canvas Backpack 20 L",
        brand=None,
        attributes={"material": "canvas", "capacity": "20 L", "colour": "olive", "pockets": "3"},
    )
    rich_zh = facts(
        "zh-CN",
        title="男士纯棉圆领短袖T恤 白色",
        brand=None,
        attributes={"材质": "纯棉", "颜色": "白色", "领型": "圆领", "袖长": "短袖"},
    )
    assert not is_sparse(rich_en) and not is_sparse(rich_zh)
    en = "A canvas backpack designed for both man and family. It holds 20 L."
    out = edit(en, rich_en, FactsText.build(rich_en, "description"), sparse=False)
    assert out == "A canvas backpack. It holds 20 L."
    zh = "这款纯棉T恤，适合商务场合穿着。"
    ft = FactsText.build(rich_zh, "description")
    assert edit(zh, rich_zh, ft, sparse=False) == zh
    assert edit(zh, rich_zh, ft, sparse=True) == "这款纯棉T恤。"


@pytest.mark.parametrize(
    ("title", "text", "left"),
    [
        ("LED护眼台灯 可调光", "LED护眼台灯可调光，如工作、家庭、休闲。", "LED护眼台灯可调光。"),
        (
            "玻璃保鲜盒 5件套",
            "这款保鲜盒采用高硼硅玻璃，设计简单实用，如外出购物、日常使用。",
            "这款保鲜盒采用高硼硅玻璃，设计简单实用。",
        ),
        # Examples the facts give stand; "如此" is no list.
        ("儿童套装 红色 蓝色", "这款套装有两种颜色，如红色、蓝色。", None),
        ("纯棉T恤", "如此舒适的纯棉T恤。", None),
    ],
)
def test_examples_no_fact_gives_are_cut(title: str, text: str, left: str | None) -> None:
    assert cut_unfounded_examples(text, facts_text(title)) == (left or text)


@pytest.mark.parametrize(
    ("text", "left"),
    [
        # The price in a sentence of its own goes; in a clause, the clause goes.
        (
            "This is a men's casual shirt from IVOC. It has a price of ₹461.00.",
            "This is a men's casual shirt from IVOC.",
        ),
        (
            "This is a round neck T-shirt from Calvin Klein Jeans, which comes in 3299 INR.",
            "This is a round neck T-shirt from Calvin Klein Jeans.",
        ),
        ("这是一款竹制砧板，大号，价格是59.00 CNY。", "这是一款竹制砧板，大号。"),
        # In the only sentence, a price that "at" or "for" brings in goes with its phrase.
        (
            "This is a pair of women's flats from SOLES at ₹976.00 INR.",
            "This is a pair of women's flats from SOLES.",
        ),
        ("These flats cost 976 INR.", None),
        # Numbers that are no price stay, and so does a text that says only the price.
        ("This 1.7 L kettle draws 2200 W.", None),
        ("The price of this lip colour is 400.", None),
    ],
)
def test_a_price_in_the_copy_is_cut(text: str, left: str | None) -> None:
    assert cut_prices(text) == (left or text)


def test_only_descriptions_lose_the_price() -> None:
    product = facts("en", title="Canvas Tote", price="19.90", currency="USD")
    text = "A canvas tote for students. Yours for $19.90."
    built = FactsText.build(product, "description")
    assert edit(text, product, built, sparse=True) == "A canvas tote for students."
    assert edit(text, product, built, sparse=True, describes=False) == text
