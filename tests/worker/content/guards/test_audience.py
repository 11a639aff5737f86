"""The audience guard: copy may not name another gender or age than the facts, and is free
when the facts name none or say unisex."""

from __future__ import annotations

import pytest

from tests.worker.content.guards.samples import facts_text
from worker.content.guards.audience import check_audience


@pytest.mark.parametrize(
    ("title", "attributes", "copy"),
    [
        ("男士纯棉圆领短袖T恤", {}, "女士纯棉圆领短袖T恤，简约百搭。"),
        ("Roadster Men Cotton T-shirt", {"gender": "Men"}, "A soft tee for women."),
        ("Floral midi dress", {}, "A dress every man will love in men's sizes."),
        ("Boys Sneakers", {"gender": "Boys"}, "Sneakers for men on the go."),
        ("Printed kurta", {"gender": "Women"}, "A kurta for kids."),
        ("儿童雨靴", {}, "男士雨靴，防滑耐穿。"),
        # Either gender, of a one-gender product.
        ("Girls Flared Skirt", {"gender": "Girls"}, "A flared skirt suitable for both genders."),
        ("Men Running Shoes", {"gender": "Men"}, "Unisex running shoes with a mesh upper."),
        ("女士真丝围巾", {}, "这款围巾男女皆宜，百搭实用。"),
    ],
)
def test_copy_naming_another_audience_is_refused(
    title: str, attributes: dict[str, str], copy: str
) -> None:
    result = check_audience(copy, facts_text(title, **attributes))
    assert not result.passed
    assert result.failures[0].startswith("audience:contradicts_facts")


@pytest.mark.parametrize(
    ("title", "attributes", "copy"),
    [
        ("男士纯棉圆领短袖T恤", {}, "男款纯棉T恤，适合男生日常穿。"),
        ("Unisex Backpack", {"gender": "Unisex"}, "A backpack for men and women."),
        ("Steel bottle", {}, "A gift she will use every day."),  # facts name no one
        ("女士连衣裙", {}, "男友风的宽松剪裁。"),  # a cut, not the audience
        ("Girls Printed Dress", {"gender": "Girls"}, "A printed dress for girls."),
        ("女士西装外套", {}, "利落的中性风剪裁。"),  # a style, not the audience
        ("Canvas Tote Bag", {}, "A tote for all genders."),  # facts name no one
    ],
)
def test_copy_agreeing_with_the_facts_or_unconstrained_passes(
    title: str, attributes: dict[str, str], copy: str
) -> None:
    assert check_audience(copy, facts_text(title, **attributes)).passed


def test_an_audience_the_facts_do_not_name_is_refused_a_passing_mention_is_not() -> None:
    tea = facts_text("乌龙茶 250g 罐装")
    assert not check_audience("适合小孩饮用。", tea).passed
    assert not check_audience("Suitable for men of all ages.", facts_text("Face serum")).passed
    assert check_audience("适合女生午后饮用。", tea).passed
    assert check_audience("Fun for kids and adults.", facts_text("Unisex board game")).passed


@pytest.mark.parametrize(
    ("title", "copy", "passed"),
    [
        ("Baby Cotton Bodysuit", "A cotton bodysuit designed for both adults and babies.", False),
        ("Kids' Rain Boots", "Rain boots for kids and adults alike.", False),
        ("婴儿纯棉连体衣", "适合成人穿着的连体衣。", False),
        ("Baby Cotton Bodysuit", "A soft cotton bodysuit for babies.", True),
        ("Ceramic Mug", "A mug for adults.", True),  # the facts name no one
        ("Men's Baby Blue Shirt", "A baby blue shirt for men.", True),  # baby blue: a colour
        # A pet's product: a person as who it is for contradicts it.
        ("宠物猫粮 成猫 2kg", "这是一款成猫猫粮，适合成人食用。", False),
        ("Dog Chew Toy, Rubber", "A chew toy designed for both dogs and men.", False),
        ("Dog Chew Toy, Rubber", "A rubber chew toy for dogs: a gift for him.", True),
        ("宠物猫粮 成猫 2kg", "这是一款适合成猫的猫粮。", True),
    ],
)
def test_adults_contradict_a_childs_product(title: str, copy: str, passed: bool) -> None:
    result = check_audience(copy, facts_text(title))
    assert result.passed is passed, result.detail
