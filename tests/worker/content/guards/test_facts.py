"""The facts guard catches numbers, prices, materials and colours the facts do not state,
and passes them in any form the facts do (normalised, converted, implied)."""

from __future__ import annotations

import pytest

from tests.worker.content.guards.samples import EN, ZH, ZH_GOOD, facts
from worker.catalog.facts import ProductFacts, Review
from worker.content.guards import check_facts


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("A 1200 mAh battery.", "fact:unsupported_number 1200 mAh"),
        ("Holds 750 ml.", "fact:unsupported_number 750 ml"),
        ("Holds 500 g.", "fact:unsupported_number 500 g"),  # number known, unit not
        ("Comes with 3 lids.", "fact:unsupported_number 3"),
        ("Rated No. 7 by testers.", "fact:unsupported_number No. 7"),
        ("Only $24.90 today.", "fact:price_mismatch $24.90"),
        ("Only ¥19.90 today.", "fact:currency_mismatch ¥19.90"),
        ("Keeps cold 5 days.", "fact:unsupported_number 5 days"),
    ],
)
def test_facts_guard_catches_unsupported_numbers_en(text: str, code: str) -> None:
    result = check_facts(text, EN, "description")
    assert not result.passed and code in result.failures, result.failures
    assert result.detail


@pytest.mark.parametrize(
    "text",
    [
        "Holds 500 mL.",
        "Holds 500ml.",
        "Holds ５００ｍｌ.",  # full-width
        "Holds 0.5 L.",  # unit conversion
        "Holds 0.50 litres.",
        "Made of 18/8 steel.",
        "Model WB-1000X2.",
        "Weighs 340 g and is 260 mm tall.",
        "Priced at $19.9.",
        "Priced at 19.90 USD.",
        "Keeps drinks cold for 24 hours.",
    ],
)
def test_facts_guard_accepts_normalised_facts_en(text: str) -> None:
    result = check_facts(text, EN, "description")
    assert result.passed, result.failures


def test_facts_guard_zh_numerals_units_and_price() -> None:
    assert check_facts(ZH_GOOD, ZH, "description").passed
    bad = "五件套毛巾，三年保修，1,200毫升，售价49元。第二件半价。"
    failures = check_facts(bad, ZH, "description").failures
    for code in (
        "fact:unsupported_number 五件套",
        "fact:unsupported_number 三年",
        "fact:unsupported_number 1,200毫升",
        "fact:price_mismatch 49元",
        "fact:unsupported_number 第二件",
    ):
        assert code in failures, failures
    # Idioms and bare numerals are not claims.
    assert check_facts(
        "一年四季都能用，一款百搭单品，十分柔软，一起出行。", ZH, "description"
    ).passed


def test_money_in_chinese_numerals_is_a_price() -> None:
    """ "百元充电宝" of a product with no price is an invented price, digits or not; words
    built on 元 (元素, 多元化, 元旦) are not money."""
    no_price = facts("zh-CN", title="便携充电宝 10000毫安", price=None, currency=None)
    for text in ("百元充电宝，送礼时一亮！", "千元以内的好选择。", "仅需九十九块钱。"):
        failures = check_facts(text, no_price, "recommendation_copy").failures
        assert any(f.startswith("fact:unsupported_number") for f in failures), text
    words = "三元素搭配，设计多元化，元旦送礼。"
    assert check_facts(words, no_price, "recommendation_copy").passed


def test_facts_guard_thousand_separators_and_no_price() -> None:
    f = facts(attributes={"battery": "1200 mAh"}, price=None, currency=None)
    assert check_facts("A 1,200 mAh battery.", f, "description").passed
    assert "fact:price_without_product_price $5" in check_facts("$5", f, "description").failures


@pytest.mark.parametrize(
    ("product", "text", "surface"),
    [
        (ZH, "这款毛巾采用天然的棉质面料，柔软亲肤。", None),  # 纯棉 in the facts: cotton
        (ZH, "这款毛巾采用真丝面料，柔软亲肤。", "真丝"),
        (ZH, "毛巾采用竹纤维制成，吸水性好。", "竹纤维"),
        (ZH, "挂钩为304不锈钢，结实耐用。", None),
        (ZH, "毛巾为100%纯棉，搭配羊绒包边。", "羊绒"),
        (ZH, "柔软的毛巾，让你不再麻烦，木耳边设计。", None),  # 麻烦, 木耳边: not materials
        (EN, "A stainless-steel bottle for long days.", None),
        (EN, "A BPA-free plastic bottle with a silicone seal.", "plastic"),
        (EN, "A bottle with a genuine leather strap.", "genuine leather"),
        (EN, "A silky smooth finish and a lace-up sleeve; put it down anywhere.", None),
    ],
)
def test_facts_guard_materials(product: ProductFacts, text: str, surface: str | None) -> None:
    result = check_facts(text, product, "description")
    if surface is None:
        assert result.passed, result.detail
    else:
        assert f"fact:unsupported_material {surface}" in result.failures, result.detail
        assert result.failures.count(f"fact:unsupported_material {surface}") == 1


def test_a_narrower_material_in_the_facts_supports_the_broader_word() -> None:
    wallet = facts(title="Genuine Leather Wallet", attributes={"lining": "cotton linen"})
    assert check_facts(
        "A leather wallet lined with linen and cotton.", wallet, "description"
    ).passed
    assert not check_facts("A genuine leather wallet.", facts(title="PU Leather Wallet"),
                           "description").passed  # fmt: skip


FLATS = facts(title="SOLES Women Silver-Toned Textured T-Strap Flats",
              attributes={"colour": "Silver"}, brand="SOLES")  # fmt: skip


DRESS = facts(title="NIZA Women Navy Blue Solid A-Line Dress", attributes={"colour": "Blue"})


SHEET = facts(title="Story@home Off-White & Blue Geometric Bedsheet", attributes={})


SHOES = facts(title="Red Tape Men Casual Shoes", brand="Red Tape", attributes={"colour": "Brown"})


KURTA = facts(title="Multicoloured Printed Kurta", attributes={})


TEE = facts("zh-CN", title="白色T恤", attributes={"颜色": "白色"})


SKIRT = facts("zh-CN", title="连衣裙", attributes={"颜色": "红色"})


HOODIE = facts("zh-CN", title="卫衣", attributes={"图案": "撞色"})


@pytest.mark.parametrize(
    ("product", "text", "surface"),
    [
        (FLATS, "Their colour is red: stylish silver-toned flats.", "red"),
        (FLATS, "Silver flats with a textured strap.", None),
        (DRESS, "A navy A-line dress in a deep blue.", None),  # a shade of the facts' hue
        (DRESS, "A blue dress with black piping.", "black"),
        (SHEET, "An off white and blue bedsheet; the white ground is crisp.", None),
        (SHOES, "Red Tape's brown shoes.", None),  # the colour word is the brand's
        (SHOES, "Brown shoes with golden eyelets.", "golden"),
        (KURTA, "A red and green kurta.", None),  # multicoloured: colours cannot be checked
        (EN, "A steel bottle; a tan leather strap would not fit it.", "tan"),
        (EN, "Pours cleanly, and the cream of the crop for the price.", None),  # not colours
        (TEE, "这款纯白T恤显白百搭，清爽干净。", None),  # 纯白 is white; 显白 no colour
        (TEE, "这款T恤采用宝蓝色设计，清爽干净。", "宝蓝"),
        (SKIRT, "酒红色的连衣裙，优雅大方。", None),
        (HOODIE, "黑白撞色的卫衣，红色点缀。", None),  # 撞色: colours not named
    ],
)
def test_facts_guard_colours(product: ProductFacts, text: str, surface: str | None) -> None:
    result = check_facts(text, product, "description")
    if surface is None:
        assert result.passed, result.detail
    else:
        assert result.failures.count(f"fact:unsupported_colour {surface}") == 1, result.detail


def test_a_colour_suggested_for_another_item_is_refused_too() -> None:
    # Conservative by design: the guard cannot tell a styling tip (搭配黑色半身裙) from a claim
    # about the product, so such copy is refused with its reason rather than published.
    result = check_facts("白色T恤，搭配黑色半身裙。", TEE, "description")
    assert result.failures == ("fact:unsupported_colour 黑色",)


def test_reviews_are_facts_only_for_review_summaries() -> None:
    f = facts(reviews=(Review(1, 5, "Still works after 3 years"), Review(2, 4, "Nice")))
    text = "Buyers say it still works after 3 years."
    assert check_facts(text, f, "review_summary").passed
    assert not check_facts(text, f, "description").passed


@pytest.mark.parametrize(
    ("copy", "passed"),
    [
        ("这款短靴采用牛皮材质，长款为4cm。", False),  # the heel's 4cm given to the shaft
        ("鞋跟高度为4cm，走路稳。", True),  # 鞋跟高度 is 跟高's
        ("跟高4cm，牛皮鞋面。", True),
        ("它的规格为4cm。", True),  # a word for any spec
        ("这款短靴由牛皮制成，尺寸为4厘米。", False),  # the boot's size is not its heel
        ("4cm的鞋跟，更显高挑。", True),  # no "<noun>为<number>" statement
        ("续航为4cm。", False),
    ],
)
def test_a_number_is_stated_as_the_spec_the_facts_give_it_to(copy: str, passed: bool) -> None:
    boots = facts(
        "zh-CN", title="女士真皮短靴 棕色", brand=None, category=None,
        attributes={"跟高": "4cm", "材质": "牛皮"}, keywords=(), price=None,
    )  # fmt: skip
    result = check_facts(copy, boots, "description")
    assert result.passed is passed, result.detail
    if not passed:
        assert result.failures[0].startswith("fact:misattributed_number")
    # Attributes named in English bind nothing: the rule reads Chinese names only.
    english = facts(
        "zh-CN", title="女士真皮短靴 棕色", brand=None, category=None,
        attributes={"heel": "4cm"}, keywords=(), price=None,
    )  # fmt: skip
    assert check_facts(copy, english, "description").passed


def test_tenths_in_chinese_numerals_are_a_number() -> None:
    """ "五成量的视黄醇晚霜" of a 50ml cream: 五成 (50%) is a share the facts never give;
    the idiom 一成不变 is no number."""
    cream = facts("zh-CN", title="视黄醇晚霜 50ml", price=None, currency=None)
    failures = check_facts("这是一款五成量的视黄醇晚霜。", cream, "description").failures
    assert any(f.startswith("fact:unsupported_number 五成") for f in failures), failures
    assert check_facts("经典款式，一成不变的简约。", cream, "description").passed


@pytest.mark.parametrize(
    ("text", "passed"),
    [
        # A number the facts give only as a measure, without it: out of its measure.
        ("A sunscreen with SPF 100.", False),
        ("SPF 50 to 100 SPF.", False),
        ("SPF 50 in a 100 ml tube.", True),
        ("SPF50，100ml，适合日常使用。", True),  # a list, not 50,100 ml
        ("SPF50，200ml。", False),
    ],
)
def test_a_measure_needs_its_unit(text: str, passed: bool) -> None:
    sunscreen = facts(title="Sunscreen SPF 50, 100 ml", attributes={}, keywords=())
    result = check_facts(text, sunscreen, "description")
    assert result.passed is passed, result.failures


def test_a_measure_may_be_hyphenated_or_spelled_out() -> None:
    speaker = facts(title="Bluetooth Speaker", attributes={"battery life": "12 hours"}, keywords=())
    assert check_facts("It has a 12-hour battery life.", speaker, "description").passed
    assert not check_facts("A 12-inch speaker.", speaker, "description").passed
    bar = facts(title="Dark Chocolate Bar 85% Cocoa, 100 g", attributes={}, keywords=())
    assert check_facts("A bar of 85 percent cocoa, 100 grams.", bar, "description").passed
    pan = facts(title="Cast Iron Skillet 26 cm", attributes={}, keywords=())
    assert check_facts("A 26-centimetre skillet.", pan, "description").passed


def test_a_count_may_be_said_in_other_words() -> None:
    capsules = facts(title="Magnesium Glycinate Capsules, 120 count", attributes={}, keywords=())
    assert check_facts("A jar of 120 capsules.", capsules, "description").passed
    assert not check_facts("A jar of 90 capsules.", capsules, "description").passed
    # "120 count" is a count, not a bare number any unit may take.
    assert not check_facts("Made with 120% magnesium.", capsules, "description").passed
