"""The usage guard: wearing a duvet or tasting a shoe is refused, per sentence; wearing a
shirt, tasting tea, and anything said of a product of no known kind is not; and human copy
is not refused (measured on the shared data)."""

from __future__ import annotations

import pytest

from tests.worker.content.guards.samples import adgen_rows, facts, facts_text, myntra_rows
from worker.content.guards.corpus import FactsText
from worker.content.guards.sentences import ground_sentences
from worker.content.guards.usage import check_usage


@pytest.mark.parametrize(
    ("title", "sentence"),
    [
        ("全棉四件套 1.8m床", "它既轻便又舒适，适合各种场合穿着。"),
        ("Silk Pillowcase", "Designed for home decor and everyday wear."),
        ("Dry Cat Food 2 kg", "Easy to wear on a daily routine."),
        ("男士速干短裤", "既实用又好吃，入口即化。"),
        ("Kids' Rain Boots", "Tasty and fun for the whole family."),
        ("Kids' Wooden Building Blocks", "A delicious treat for little ones."),
        # Electronics nobody wears: a lamp or a power bank is not put on.
        ("LED护眼台灯 可调光", "穿上LED护眼台灯，享受明亮的灯光。"),
        ("LED Desk Lamp with Dimmer", "Easy to wear at your desk."),
        ("便携充电宝 10000毫安", "轻便小巧，穿搭出行都方便。"),
        # Skincare is worn, never tasted.
        ("Retinol Night Cream 50 ml", "The cream has a pleasant, even taste."),
        ("视黄醇晚霜 50ml", "口感细腻，入口即化。"),
    ],
)
def test_a_use_the_product_cannot_have_is_refused(title: str, sentence: str) -> None:
    result = check_usage(sentence, facts_text(title))
    assert not result.passed, result.detail
    assert result.failures[0].startswith("usage:foreign")


@pytest.mark.parametrize(
    ("title", "sentence"),
    [
        ("Men's Merino Wool Crew Sweater", "Comfortable to wear every day."),
        ("男士纯棉圆领短袖T恤 白色", "日常穿着舒适透气。"),
        ("Men's Leather Belt, Brown", "Easy to wear with jeans."),  # no family: an accessory
        ("Organic Green Tea, 100 bags", "A mild, delicious taste."),
        ("蜂蜜柚子茶 1kg", "冲泡方便，口感清新。"),
        ("Ceramic Mug 350 ml", "Enjoy the taste of your morning coffee."),  # kitchenware
        ("Yoga Mat 6 mm", "Can be worn thin by years of use."),  # no known family
        ("格子淑女连衣裙", "极具文艺与复古味道的连衣裙。"),  # 味道: a style's flavour
        # Electronics people wear.
        ("Wireless Noise-Cancelling Headphones", "Comfortable to wear all day."),
        ("无线蓝牙耳机 入耳式", "佩戴稳固，穿着运动服跑步也合适。"),
        ("Sunscreen SPF 50, 100 ml", "Light to wear under make-up."),  # people wear sunscreen
    ],
)
def test_a_use_the_product_has_or_may_have_passes(title: str, sentence: str) -> None:
    assert check_usage(sentence, facts_text(title)).passed


def test_sentence_grounding_drops_only_the_misused_sentence() -> None:
    product = facts("zh-CN", title="全棉四件套 1.8m床", brand=None, category=None, attributes={})
    text = "这款全棉四件套采用全棉材质。它适合日常穿着。"
    grounded = ground_sentences(text, product, FactsText.build(product, "description"))
    assert grounded.text == "这款全棉四件套采用全棉材质。"
    assert any(f.startswith("usage:") for d in grounded.dropped for f in d.failures)


def test_human_copy_is_not_refused() -> None:
    """The shared data's references (apparel, beauty, home): fashion copy's 味道 and
    'wear' stay free, so the guard's false-refusal rate on them is near zero."""
    for rows, limit in ((list(adgen_rows(700)), 0.01), (list(myntra_rows(3000)), 0.005)):
        refused = [
            text
            for text, product in rows
            if not check_usage(text, FactsText.build(product, "description")).passed
        ]
        assert len(refused) / len(rows) <= limit, refused[:3]


@pytest.mark.parametrize(
    ("title", "copy", "passed"),
    [
        ("超薄真皮卡包 男女通用", "提供舒适的穿着体验。", False),  # a card holder is carried
        ("925银圈圈耳环", "穿着优雅大方。", False),  # earrings are 戴
        ("真皮双肩包", "适合通勤穿搭。", True),  # part of an outfit
        ("男士纯棉T恤", "穿着舒适透气。", True),
        ("女士真皮短靴", "穿上显腿长。", True),
    ],
)
def test_chinese_dressing_in_is_for_clothes_and_shoes(title: str, copy: str, passed: bool) -> None:
    assert check_usage(copy, facts_text(title)).passed is passed
