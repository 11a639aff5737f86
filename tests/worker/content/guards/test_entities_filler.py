"""Foreign brand names and stock filler: refused unless the facts carry them; padding
adjectives are cut rather than refused."""

from __future__ import annotations

import pytest

from tests.worker.content.guards.samples import facts_text
from worker.content.guards.entities import check_entities
from worker.content.guards.filler import check_filler, filler_words, strip_filler_adjectives


def test_another_brand_is_refused_and_the_products_own_is_not() -> None:
    ft = facts_text("USB-C to USB-C cable 1 m", brand="Voltiq")
    assert check_entities("Amazon's USB-C to USB-C cable.", ft).failures == (
        "entity:foreign_name amazon's",
    )
    assert check_entities("Voltiq's USB-C cable.", ft).passed
    assert check_entities("A case that fits iPhone 15.", facts_text("Case for iPhone 15")).passed
    assert not check_entities("耐克同款跑鞋。", facts_text("男士跑鞋")).passed
    assert check_entities("很美的裙子。", facts_text("女士连衣裙")).passed  # 美的: a word too


def test_stock_filler_is_refused_unless_a_fact() -> None:
    ft = facts_text("Cotton tee")
    assert not check_filler("A must-have for every wardrobe.", ft).passed
    assert not check_filler("性价比高，闭眼入。", facts_text("纯棉T恤")).passed
    assert check_filler("A cotton tee with a round neck.", ft).passed
    assert check_filler("Our Great Value pack.", facts_text("Great Value pack of 3")).passed
    assert not check_filler("一款优质乌龙茶。", facts_text("乌龙茶 250g")).passed
    assert not check_filler("经过精心制作而成。", facts_text("真丝丝巾")).passed
    assert check_filler("优质苹果，产地直发。", facts_text("优质苹果 5斤")).passed


def test_filler_words_are_barred_while_decoding_unless_a_fact() -> None:
    assert {"优质", "高品质", "unmatched"} <= filler_words(facts_text("乌龙茶 250g"))
    assert "优质" not in filler_words(facts_text("优质苹果 5斤"))


def test_padding_adjectives_are_cut_not_refused() -> None:
    ft = facts_text("Cotton tee")
    assert strip_filler_adjectives("This high-quality cotton tee.", ft) == "This cotton tee."
    assert (
        strip_filler_adjectives("采用高品质的纯棉面料。", facts_text("纯棉T恤")) == "采用纯棉面料。"
    )


def test_a_product_type_of_another_family_is_refused() -> None:
    from worker.content.guards.types import check_types

    flip_flops = facts_text("Women's flip-flops")
    assert not check_types("A breezy blouse for summer.", flip_flops).passed
    assert check_types(
        "Flip-flops with a soft strap; light sandals for the beach.", flip_flops
    ).passed
    assert not check_types(
        "方便携带各种日常用品，如笔记本电脑。", facts_text("超薄真皮卡包")
    ).passed
    assert check_types("包装精美，包邮到家。", facts_text("超薄真皮卡包")).passed  # 包: no type
    board = facts_text("Bamboo Cutting Board, Large")
    assert not check_types("This cutting board is a large piece of furniture.", board).passed
    assert check_types("A light piece of furniture.", facts_text("Camping Folding Chair")).passed
    assert check_types("A blouse, a dress, anything.", facts_text("Gift card")).passed


@pytest.mark.parametrize(
    ("brand", "copy", "passed"),
    [
        ("CHROME & CORAL", "A pair of joggers made from chrome and coral.", False),
        ("Inc 5", "A solid open toe flat made of Inc 5 women blue.", False),
        ("Mast & Harbour", "It is made from Mast & Harbour's materials.", False),
        ("Lumora", "It is made of soft cotton by Lumora.", True),
        ("Lumora", "Lumora makes it from soft cotton.", True),
    ],
)
def test_the_brand_is_no_material(brand: str, copy: str, passed: bool) -> None:
    result = check_entities(copy, facts_text(f"{brand} Women Joggers", "en", brand=brand))
    assert result.passed is passed, result.detail
    if not passed:
        assert result.failures[0].startswith("entity:brand_as_material")


@pytest.mark.parametrize(
    ("title", "copy", "passed"),
    [
        ("Multivitamin Gummies, 90 count", "These gummies are made of 90 count.", False),
        ("Anti-Dandruff Shampoo 400 ml", "A shampoo made from 400 ml of gel.", False),
        ("Linen Shirt, 100% linen", "A shirt made of 100% linen.", True),
        ("Linen Shirt, 100% linen", "A shirt made of 100 % linen.", True),
        ("Steel Bottle, 18/8 stainless steel", "A bottle made of 18/8 stainless steel.", True),
        ("Parx Men Red Casual Shirt", "A casual shirt made of red.", False),
        ("Campus Men Navy Running Shoes", "Running shoes made of navy metal.", False),
        ("Navy Cotton T-Shirt", "A T-shirt made of navy cotton.", True),
        ("Silver Ring", "A ring made of silver.", True),  # a metal as well as a colour
        # A plant's name before its oil is a scent, not a colour.
        ("Scented Soy Candle, Lavender", "A candle made from soy and lavender oil.", True),
        ("Scented Soy Candle, Lavender", "A candle made of lavender.", False),
    ],
)
def test_a_quantity_or_a_colour_is_no_material(title: str, copy: str, passed: bool) -> None:
    result = check_entities(copy, facts_text(title, "en"))
    assert result.passed is passed, result.detail
    if not passed:
        assert result.failures[0].startswith(
            ("entity:quantity_as_material", "entity:colour_as_material")
        )


@pytest.mark.parametrize(
    ("title", "copy", "passed"),
    [
        ("Women's Running Shoes", "They are made from comfortable and functional shoes.", False),
        ("Moisturizing Hand Cream", "It's made from a simple, easy-to-find hand cream.", False),
        # A material beside the kind, a kind after the phrase ends, or no kind at all.
        ("Women's Running Shoes", "Shoes made of mesh and rubber, like other shoes.", True),
        ("Leather Belt", "A belt made of leather, for jeans and trousers.", True),
        ("Dog Chew Toy, Rubber", "A chew toy made from rubber.", True),
        ("Whole Bean Coffee", "A coffee made from whole beans for a morning cup.", True),
        # A thing after an article is no stuff; a material, "a blend of", or a word the
        # facts give beside the title (its material) is.
        ("Garden Hose 15 m with Spray Nozzle", "A hose made from a special spray nozzle.", False),
        ("Women's Running Shoes", "They are made from a range of quality.", False),
        ("Girls' Floral Summer Dress", "It is made from a simple floral design.", False),
        ("Men's Leather Belt", "The belt is made from a timeless brown leather.", True),
        ("Wool Scarf", "It is made from a blend of wool and cashmere.", True),
        ("Unisex Backpack 20 L", "A backpack made from a sturdy canvas.", True),
    ],
)
def test_the_product_itself_is_no_material(title: str, copy: str, passed: bool) -> None:
    material = {"material": "canvas"} if "Backpack" in title else {}
    result = check_entities(copy, facts_text(title, "en", **material))
    assert result.passed is passed, result.detail
    if not passed:
        assert result.failures[0].startswith("entity:product_as_material"), result.failures


@pytest.mark.parametrize(
    ("title", "copy", "passed"),
    [
        (
            "Cotton Crew Neck T-Shirt, Navy",
            "A tee designed specifically for Navy personnel.",
            False,
        ),
        ("Men's Slim Fit Chinos, Khaki", "Slim chinos. The Khaki is made from cotton.", False),
        ("Cotton Crew Neck T-Shirt, Navy", "A tee for the Navy.", False),
        # The colour as a colour: before a thing, after "in", as a predicate.
        ("Cotton Crew Neck T-Shirt, Navy", "A navy tee for navy chinos; the navy is rich.", True),
        ("Men's Slim Fit Chinos, Khaki", "Chinos in khaki, for khaki lovers' weekends.", False),
        ("Men's Slim Fit Chinos, Khaki", "These chinos are khaki and slim.", True),
    ],
)
def test_the_colour_is_no_name(title: str, copy: str, passed: bool) -> None:
    result = check_entities(copy, facts_text(title, "en"))
    assert result.passed is passed, result.detail
    if not passed:
        assert result.failures[0].startswith("entity:colour_as_name"), result.failures


@pytest.mark.parametrize(
    ("copy", "passed"),
    [
        ("These trousers are made from sand and linen.", True),  # sand is a material too
        ("These wide-leg trousers are made from sand.", False),
        ("Wide-leg trousers from sand.", False),
        ("Linen trousers in sand, made of linen.", True),
    ],
)
def test_a_value_the_facts_give_as_the_colour_is_no_material(copy: str, passed: bool) -> None:
    # "sand" is no colour word the guard knows: the facts' colour attribute says it is one.
    facts = facts_text("Women's Linen Wide-Leg Trousers", colour="sand", material="linen")
    assert facts.colours == frozenset({"sand"})
    result = check_entities(copy, facts)
    assert result.passed is passed, result.detail
    if not passed:
        assert "colour_as_material" in result.failures[0] or "title_as_maker" in result.failures[0]
    # Without the attribute, "sand" may be what a thing is made of.
    assert check_entities(copy, facts_text("Women's Linen Wide-Leg Trousers")).passed


@pytest.mark.parametrize(
    ("title", "copy", "passed"),
    [
        ("钙片 碳酸钙维生素D3咀嚼片 60片", "这是一款含有钙和维生素D3的饮料。", False),
        ("手工拉面 劲道挂面 1kg", "这款玩具适合儿童。", False),
        ("实木儿童积木 100粒", "这套积木适合亲子游戏。", True),
    ],
)
def test_food_supplements_and_toys_keep_their_type(title: str, copy: str, passed: bool) -> None:
    from worker.content.guards.types import check_types

    assert check_types(copy, facts_text(title, "zh-CN")).passed is passed


@pytest.mark.parametrize(
    ("title", "text", "left"),
    [
        (
            "复古帆布托特包",
            "这是复古帆布托特包，适合各种场合，如旅行、商务活动等。",
            "这是复古帆布托特包。",
        ),
        ("超薄真皮卡包", "超薄真皮卡包，男女通用。适用于各种场合。", "超薄真皮卡包，男女通用。"),
        ("LED护眼台灯 可调光", "LED护眼台灯可调光，适合多种场合。", "LED护眼台灯可调光。"),
        (
            "Leather Bifold Wallet",
            "A leather bifold wallet, perfect for all occasions.",
            "A leather bifold wallet.",
        ),
        (
            "Ceramic Mug",
            "A ceramic mug. Great for any occasion! It holds tea.",
            "A ceramic mug. It holds tea.",
        ),
        # Not a clause of its own: left for the filler guard and sentence grounding.
        (
            "Tote Bag",
            "The bag is perfect for any occasion.",
            "The bag is perfect for any occasion.",
        ),
        # The facts say it: kept.
        ("All Occasions Greeting Cards", "Cards, for all occasions.", "Cards, for all occasions."),
    ],
)
def test_stock_clauses_are_cut_and_the_sentence_stands(title: str, text: str, left: str) -> None:
    assert strip_filler_adjectives(text, facts_text(title)) == left


@pytest.mark.parametrize(
    ("title", "brand", "copy", "passed"),
    [
        (
            "Men's Hooded Puffer Jacket, Black",
            None,
            "A puffer from Men's Hooded Puffer Jacket.",
            False,
        ),
        ("Dog Harness, No-Pull, Medium", None, "A dog harness from No-Pull, easy to fit.", False),
        ("Men's Slim Fit Chinos, Khaki", None, "A slim fit chino from Khaki.", False),
        ("Dog Chew Toy, Rubber", None, "A rubber dog chew toy from rubber.", False),
        ("Dog Chew Toy, Rubber", None, "A dog chew toy made from rubber.", True),
        ("Hydrating Face Serum 30 ml", "Lumora", "A face serum from Lumora.", True),
        # A brand with "by" or "with" in it is judged whole, not cut at that word.
        (
            "HRX by Hrithik Roshan Men Khaki Cargos",
            "HRX by Hrithik Roshan",
            "These cargos from HRX by Hrithik Roshan are designed for men.",
            True,
        ),
        (
            "Krafted With Happiness Rakhi",
            "Krafted With Happiness",
            "A rakhi from Krafted With Happiness.",
            True,
        ),
        ("Ground Coffee, Colombia", None, "A medium roast coffee from Colombia.", True),
        ("Coffee Beans from Colombia", None, "Beans from Colombia, roasted medium.", True),
        ("Cotton Tee", None, "Cool from morning to night.", True),
        ("Women's Leather Ankle Boots", None, "A boot from Leather Boot Factory.", False),
        ("Cotton Tee", None, "Cool from Monday to Friday.", True),
    ],
)
def test_the_title_or_a_colour_is_no_maker(
    title: str, brand: str | None, copy: str, passed: bool
) -> None:
    result = check_entities(copy, facts_text(title, brand=brand))
    assert result.passed is passed, result.failures
    if not passed:
        assert result.failures[0].startswith("entity:title_as_maker")


@pytest.mark.parametrize(
    ("title", "attributes", "copy", "passed"),
    [
        ("中度烘焙咖啡粉 500g", {"产地": "哥伦比亚"}, "产自巴基斯坦。", False),
        ("中度烘焙咖啡粉 500g", {"产地": "哥伦比亚"}, "产自哥伦比亚的咖啡豆。", True),
        ("Leather Wallet", {}, "Made in Italy with care.", False),
        ("Leather Wallet", {"origin": "Italy"}, "Made in Italy with care.", True),
        ("Cotton Tee", {}, "A tee from the United Kingdom.", False),
        ("纯棉T恤", {}, "韩国设计，简约百搭。", False),
        ("旗袍 真丝", {}, "中国风的盘扣设计。", True),  # a style, not an origin
        ("Porcelain Dinner Set", {}, "Fine china plates for the table.", True),  # a word
        ("咖啡粉", {"产地": "Colombia"}, "产自哥伦比亚。", True),  # the same country in English
    ],
)
def test_a_country_the_facts_do_not_name_is_refused(
    title: str, attributes: dict[str, str], copy: str, passed: bool
) -> None:
    result = check_entities(copy, facts_text(title, **attributes))
    assert result.passed is passed, result.failures
    if not passed:
        assert result.failures[0].startswith("entity:foreign_place")


@pytest.mark.parametrize(
    ("title", "copy", "passed"),
    [
        ("蓝牙音箱 便携式", "蓝牙音箱是便携式的无线耳机，支持12小时连续播放。", False),
        ("帆布双肩包 20L", "这是一个20L的军绿色布袋。", False),
        ("帆布双肩包 20L", "这是一款帆布双肩包，容量20L。", True),
        ("帆布双肩包 20L", "这是一款实用的背包。", True),  # the family's own name
        ("Bluetooth Speaker, Portable", "This speaker is a pair of wireless headphones.", False),
        ("Bluetooth Speaker, Portable", "It is a portable speaker; pair it with your phone.", True),
        ("Unisex Canvas Backpack 20 L", "It is a handbag for the office.", False),
        ("Unisex Canvas Backpack 20 L", "This backpack is a versatile bag for school.", True),
        # Beside the product, a sibling is what it goes with, not what it is.
        ("Bluetooth Speaker, Portable", "Plays for 12 hours; quieter than headphones.", True),
    ],
)
def test_what_the_copy_says_the_product_is_must_be_its_type(
    title: str, copy: str, passed: bool
) -> None:
    from worker.content.guards.types import check_types

    result = check_types(copy, facts_text(title))
    assert result.passed is passed, result.detail
    if not passed:
        assert result.failures[0].startswith("type:sibling_product")


@pytest.mark.parametrize(
    ("title", "copy", "passed"),
    [
        ("超薄真皮卡包 男女通用", "超薄真皮卡包是男女通用的服装。", False),
        ("香薰蜡烛 薰衣草味", "这是一个香薰蜡烛，是一款时尚的化妆品。", False),
        ("Leather Bifold Wallet", "The wallet is a stylish piece of clothing.", False),
        # The kind that covers the product, one beside it, or an adjective.
        ("男士纯棉圆领短袖T恤 白色", "这款T恤是夏季必备的服装。", True),
        ("钙片 碳酸钙维生素D3咀嚼片 60片", "钙片是一款保健食品。", True),
        ("化妆包 大容量", "这款化妆包可以收纳化妆品。", True),
        ("Leather Bifold Wallet", "This is a cosmetic bag for travel.", True),
    ],
)
def test_the_kind_of_goods_it_is_said_to_be_covers_it(title: str, copy: str, passed: bool) -> None:
    from worker.content.guards.types import check_types

    result = check_types(copy, facts_text(title))
    assert result.passed is passed, result.detail
    if not passed:
        assert result.failures[0].startswith("type:foreign_kind")
