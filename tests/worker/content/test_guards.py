"""Each guard catches a crafted bad candidate and passes a good one (zh and en), and stays
quiet on human-written copy from ../shared/data (read at test time, never copied here)."""

from __future__ import annotations

import csv
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from worker.catalog.facts import ProductFacts, Review
from worker.content.guards import (
    SIMHASH_MAX_DISTANCE,
    check_banned,
    check_contact,
    check_duplicates,
    check_facts,
    check_language,
    check_length,
    hamming,
    normalize,
    run_guards,
    simhash,
    simhash_from_signed,
    simhash_to_signed,
)

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
MYNTRA = DATA / "myntra_products_catalog.csv"
ADGEN = DATA / "advertisegen_dev.jsonl"


def facts(locale: str = "en", **kw: Any) -> ProductFacts:
    base: dict[str, Any] = {
        "id": 1,
        "sku": "SKU-1",
        "locale": locale,
        "title": "Acme Steel Water Bottle 500 ml",
        "brand": "Acme",
        "category": "Kitchen > Drinkware",
        "attributes": {"material": "18/8 stainless steel", "capacity": "500 mL"},
        "keywords": ("bottle",),
        "price": "19.90",
        "currency": "USD",
    }
    base.update(kw)
    return ProductFacts(**base)


EN = facts(
    attributes={
        "material": "18/8 stainless steel",
        "capacity": "500 mL",
        "keeps cold": "24 hours",
        "model": "WB-1000X2",
        "dims": {"height": "26 cm", "weight_g": 340},
    },
)
ZH = facts(
    "zh-CN",
    title="最生活 纯棉毛巾三件套",
    brand="最生活",
    category="家纺",
    attributes={"材质": "100%纯棉", "规格": "34x76cm", "保修": "2年", "型号": "304不锈钢挂钩"},
    keywords=("毛巾",),
    price="39.00",
    currency="CNY",
)
EN_GOOD = (
    "The Acme WB-1000X2 bottle is made of 18/8 stainless steel and holds 500ml of water, "
    "keeping drinks cold for up to 24 hours. At 26 cm tall and 340 g it slips into a bag, "
    "and at $19.90 it is an easy everyday pick for the office, the gym or a long walk outside."
)
ZH_GOOD = (
    "最生活纯棉毛巾三件套，采用100%纯棉材质，规格34x76厘米，柔软亲肤，吸水性好。"
    "配有304不锈钢挂钩，两年保修，售价39元，适合家庭日常使用，最近很受欢迎，第一眼就让人喜欢。"
)


def test_good_candidates_pass_every_guard() -> None:
    for text, f in ((EN_GOOD, EN), (ZH_GOOD, ZH)):
        report = run_guards(text, f, "description", others=["完全不同的另一段文案内容。" * 5])
        assert report.passed, report.failures
        data = report.as_json()
        assert data["passed"] is True and data["failures"] == []
        assert {g["name"] for g in data["guards"]} >= {"facts", "language", "near_duplicate"}
        assert json.loads(json.dumps(data)) == data  # JSONB-safe


# --------------------------------------------------------------------------- facts


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


# --------------------------------------------------------------------------- language


def test_language_guard() -> None:
    assert check_language(EN_GOOD, EN).passed
    assert check_language(ZH_GOOD, ZH).passed
    acme_zh = facts("zh-CN", title="Acme 不锈钢水杯")
    assert check_language("Acme 不锈钢水杯 500 ml，保冷24小时。", acme_zh).passed  # brand, unit
    assert not check_language(EN_GOOD, ZH).passed
    assert not check_language(ZH_GOOD, EN).passed
    mixed = check_language("A great bottle, 非常好用 for everyone.", EN)
    assert not mixed.passed and any(c.startswith("language:han_in_en") for c in mixed.failures)
    assert check_language("Made by 最生活, a towel maker.", facts(brand="最生活")).passed
    assert not check_language("これは素晴らしい水筒です。毎日使えます。", ZH).passed  # Japanese
    assert not check_language("Acme", ZH).passed
    assert check_language(EN_GOOD, facts("fr")).failures == ("language:unsupported_locale fr",)


# --------------------------------------------------------------------------- banned terms


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("The best bottle.", "best"),
        ("Our No. 1 bottle.", "No. 1"),
        ("The #1 bottle.", "#1"),
        ("The number one choice.", "number one"),
        ("The world's first smart bottle.", "world's first"),
        ("Satisfaction guaranteed.", "guaranteed"),
        ("The cheapest anywhere.", "cheapest"),
        ("100% leak-proof.", "100%"),
        ("这是最舒适的毛巾", "最"),
        ("全网最低价", "全网最低"),
        ("国家级品质", "国家级"),
        ("行业第一", "第一"),
        ("顶级面料，极致体验", "顶级"),
        ("万能毛巾，绝对好用", "万能"),
        ("唯一的选择", "唯一"),
    ],
)
def test_banned_terms_caught(text: str, term: str) -> None:
    result = check_banned(text, EN if text.isascii() else ZH)
    assert not result.passed and f"banned:{term}" in result.failures, result.failures


def test_banned_terms_allowed_when_facts_or_not_superlative() -> None:
    assert check_banned("100%纯棉，来自最生活。", ZH).passed  # both are facts
    assert check_banned("最近上新，最后一批，第一眼就喜欢，第一次使用前请清洗。", ZH).passed
    assert check_banned("For best results, rinse before first use.", EN).passed
    best_buy = facts(title="Best Buy Essentials Bottle", brand="Best Buy")
    assert check_banned("From Best Buy, a sturdy bottle.", best_buy).passed
    assert check_banned("Bestow it to a friend; number 10 in a set.", EN).passed


# --------------------------------------------------------------------------- contact, markup


@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        ("Buy at https://shop.example/x now", "contact:url"),
        ("See www.acme.com", "contact:url"),
        ("Visit acme-store.com today", "contact:url"),
        ("官网 acme.com.cn 有售", "contact:url"),
        ("Mail sales@acme.com", "contact:email"),
        ("致电13812345678咨询", "contact:phone_cn_mobile"),
        ("致电 138-1234-5678", "contact:phone_cn_mobile"),
        ("电话 010-12345678", "contact:phone_cn_landline"),
        ("热线 400-123-4567", "contact:phone_cn_service"),
        ("Call +44 20 7946 0958", "contact:phone_international"),
        ("加微信 acme_shop88", "contact:phone_im_handle"),
        ("<b>Bold</b> bottle", "markup:html_tag"),
        ("<script>alert(1)</script>", "markup:script"),
        ("[click here](http://x.y)", "markup:markdown_link"),
        ("<|im_start|>assistant", "markup:special_token"),
    ],
)
def test_contact_and_markup_caught(text: str, prefix: str) -> None:
    result = check_contact(text)
    assert not result.passed and any(c.startswith(prefix) for c in result.failures), result.failures


def test_contact_guard_passes_plain_copy() -> None:
    for text in (EN_GOOD, ZH_GOOD, "Sizes S, M, L. e.g. fits 1.5 L bottles. Dims 30-40-50 cm."):
        assert check_contact(text).passed, check_contact(text).failures


# --------------------------------------------------------------------------- length


def test_length_guard() -> None:
    assert check_length(EN_GOOD, "en", "description").passed
    assert check_length(ZH_GOOD, "zh-CN", "description").passed
    assert check_length("Too short.", "en", "description").failures[0].startswith("length:short")
    assert not check_length("好" * 401, "zh-CN", "description").passed
    assert not check_length("x" * 161, "en", "recommendation_copy").passed
    assert check_length("适合学生党的平价好杯子", "zh-CN", "recommendation_copy").passed
    assert not check_length("好" * 61, "zh-CN", "recommendation_copy").passed
    assert check_length("", "en", "tags").passed  # tags are checked by the tag step


# --------------------------------------------------------------------------- near-duplicates


def test_simhash_is_stable_and_storable() -> None:
    assert simhash("") == 0
    h = simhash("Acme steel bottle, 500 ml")
    assert h == simhash("ACME steel bottle 500ml!")  # case, spacing, punctuation
    signed = simhash_to_signed(h)
    assert -(2**63) <= signed < 2**63 and simhash_from_signed(signed) == h
    # Pinned: a change here makes every stored SimHash incomparable (bump GUARDS_VERSION).
    assert simhash("hello world") == 4072672729384995


def test_near_duplicate_guard() -> None:
    other = EN_GOOD.replace("office", "study").replace("Acme", "Zenith")
    result = check_duplicates(EN_GOOD, [other, "Something else entirely, about shoes." * 4])
    assert not result.passed and result.failures[0].startswith("duplicate:simhash")
    assert check_duplicates(EN_GOOD, ["A linen shirt with a relaxed collar and two pockets."] * 3)
    assert check_duplicates(EN_GOOD, [simhash_to_signed(simhash(other))]).passed is False
    assert check_duplicates(EN_GOOD, []).passed
    zh_other = ZH_GOOD.replace("家庭", "宿舍")
    assert not check_duplicates(ZH_GOOD, [zh_other]).passed
    report = run_guards(EN_GOOD, EN, "description", others=[other])
    assert not report.passed and any(f.startswith("duplicate:") for f in report.failures)
    assert run_guards("", EN, "tags", others=[""]).results[-1].name != "near_duplicate"


# --------------------------------------------------------------------------- real data


def _myntra(limit: int) -> Iterator[tuple[str, ProductFacts]]:
    if not MYNTRA.exists():
        pytest.skip(f"{MYNTRA} not present")
    with MYNTRA.open(encoding="utf-8") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            if i >= limit:
                return
            yield (
                row["Description"],
                facts(
                    id=i,
                    title=row["Product_Name"],
                    brand=row["Product_Brand"],
                    category=row["Gender"],
                    attributes={"colour": row["Primary_Color"].strip()},
                    keywords=(),
                    price=f"{float(row['Price']):.2f}",
                    currency="INR",
                ),
            )


def _adgen(limit: int) -> Iterator[tuple[str, ProductFacts]]:
    if not ADGEN.exists():
        pytest.skip(f"{ADGEN} not present")
    with ADGEN.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= limit:
                return
            row = json.loads(line)
            if "<UNK>" in row["summary"]:  # tokenizer artefact of the data set (README)
                continue
            attrs: dict[str, list[str]] = {}
            for pair in row["content"].split("*"):
                key, _, value = pair.partition("#")
                attrs.setdefault(key, []).append(value)
            yield (
                row["summary"].replace("BRAND", "品牌"),
                facts(
                    "zh-CN",
                    id=i,
                    title="".join(v[0] for v in attrs.values())[:40],
                    brand=None,
                    category=attrs.get("类型", [""])[0],
                    attributes=attrs,
                    keywords=(),
                    price=None,
                    currency=None,
                ),
            )


def test_false_positive_rates_on_human_copy() -> None:
    """Language and contact guards should be silent on real shop copy; the banned-term
    guard fires only on real occurrences (human copy does use 最/绝对/"guaranteed")."""
    rates: dict[str, float] = {}
    for name, rows in (("myntra", list(_myntra(3000))), ("adgen", list(_adgen(1070)))):
        n = len(rows)
        lang = sum(not check_language(t, f).passed for t, f in rows) / n
        contact = sum(not check_contact(t).passed for t, f in rows) / n
        banned = [check_banned(t, f) for t, f in rows]
        rates |= {f"{name}.language": lang, f"{name}.contact": contact}
        rates[f"{name}.banned"] = sum(not b.passed for b in banned) / n
        assert lang == 0.0 and contact <= 0.002, rates
        assert rates[f"{name}.banned"] <= 0.08, rates
        for text, result in zip((t for t, _ in rows), banned, strict=True):
            for code in result.failures:  # every hit is really in the text
                term = code.removeprefix("banned:")
                if term.isascii() and term[0].isalpha():
                    assert re.search(term.split()[0][:4], text, re.IGNORECASE), (code, text)
                else:
                    assert term[:1] in normalize(text), (code, text)
    print("false-positive rates:", {k: round(v, 4) for k, v in rates.items()})


def _light_rewrite(text: str, rng: random.Random) -> str:
    """One or two word-level edits: what a model copying a neighbour's text looks like."""
    if text.isascii():
        words = text.split()
        for _ in range(rng.randint(1, 2)):
            words[rng.randrange(len(words))] = rng.choice(["soft", "classic", "smart"])
        return " ".join(words)
    chars = list(text)
    for _ in range(rng.randint(1, 2)):
        i = rng.randrange(len(chars) - 1)
        chars[i : i + 2] = list(rng.choice(["舒适", "时尚", "精致"]))
    return "".join(chars)


def test_simhash_threshold_separates_rewrites_from_other_products() -> None:
    """The measurement behind SIMHASH_MAX_DISTANCE, on a sample (see guards.py for the
    full numbers). Run with -s to print."""
    rng = random.Random(3)
    for name, texts in (
        # Description-length copy (the en minimum is 200 chars); shorter text is noisier.
        ("myntra", [t for t, _ in _myntra(12500) if len(t) >= 200]),
        ("adgen", [t for t, _ in _adgen(1070) if len(t) >= 40]),
    ):
        hashes = [simhash(t) for t in texts]
        grams = [set(re.findall(r"(?=(.{3}))", t.lower())) for t in texts]
        unrelated = flagged = 0
        for _ in range(20000):
            i, j = rng.randrange(len(texts)), rng.randrange(len(texts))
            jaccard = len(grams[i] & grams[j]) / max(1, len(grams[i] | grams[j]))
            if i != j and jaccard < 0.3:  # different copy, not a shared template
                unrelated += 1
                flagged += hamming(hashes[i], hashes[j]) <= SIMHASH_MAX_DISTANCE
        caught = sum(
            hamming(simhash(t), simhash(_light_rewrite(t, rng))) <= SIMHASH_MAX_DISTANCE
            for t in rng.sample(texts, 500)
        )
        print(
            f"{name}: unrelated flagged {flagged}/{unrelated}, light rewrites caught {caught}/500"
        )
        assert flagged / unrelated <= 1e-3
        assert caught / 500 >= 0.85
