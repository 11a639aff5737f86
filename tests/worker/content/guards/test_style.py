"""The style guard (leaked prompt scaffolding, meta-talk, emoji, cut-off sentences) and the
length guard (limits by kind and language)."""

from __future__ import annotations

import pytest

from tests.worker.content.guards.samples import EN_GOOD, ZH_GOOD
from worker.content.guards import check_length, check_style


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("A sturdy bottle. Keywords: bottle, insulated.", "style:leak"),
        ("移动电源，类目：数码配件 > 手机配件 > 移动电源。", "style:leak"),
        ("This product fact is used to create a complete product description.", "style:meta"),
        ("根据以上信息，这款保温杯很实用。", "style:meta"),
        ("A bottle that keeps drinks cold all day. 🌟", "style:emoji"),
        ("They need something they just about have - so you know what they're", "style:unfinished"),
        # A closing bracket is no full stop: the token limit cut the sentence after it.
        ("这是一款固态硬盘，读速7000MB/s，顺序读取最高7000MB/s(1TB/2TB)", "style:unfinished"),
    ],
)
def test_style_failures(text: str, code: str) -> None:
    result = check_style(text, "recommendation_copy")
    assert not result.passed
    assert any(f.startswith(code) for f in result.failures), result.failures


@pytest.mark.parametrize(
    "text",
    [
        "A double-wall steel bottle in matte black that keeps drinks cold for 24 hours.",
        "这款保温杯采用304不锈钢内胆，450毫升容量，适合通勤使用。",
        "Made for students who carry their water from class to class!",
    ],
)
def test_style_passes_clean_copy(text: str) -> None:
    assert check_style(text, "description").passed


def test_tags_need_no_sentence_end() -> None:
    assert check_style("Water Bottles", "tags").passed


def test_length_guard() -> None:
    assert check_length(EN_GOOD, "en", "description").passed
    assert check_length(ZH_GOOD, "zh-CN", "description").passed
    assert check_length("Too short.", "en", "description").failures[0].startswith("length:short")
    assert not check_length("好" * 401, "zh-CN", "description").passed
    assert not check_length("x" * 161, "en", "recommendation_copy").passed
    assert check_length("适合学生党的平价好杯子", "zh-CN", "recommendation_copy").passed
    assert not check_length("好" * 61, "zh-CN", "recommendation_copy").passed
    assert check_length("", "en", "tags").passed  # tags are checked by the tag step


def test_a_products_one_word_name_is_a_sparse_description() -> None:
    """Known by "实木书桌" or "Tent" alone, the lead's own sentence is the description; a
    word without a sentence is still too short."""
    for text, locale in [("这是一款实木书桌。", "zh-CN"), ("This is a tent.", "en")]:
        assert check_length(text, locale, "description", sparse=True).passed, text
    for text, locale in [("书桌。", "zh-CN"), ("A mug.", "en"), ("Yoga mat.", "en")]:
        assert not check_length(text, locale, "description", sparse=True).passed, text


def test_placeholders_and_dangling_starts_are_refused() -> None:
    from worker.content.guards.style import check_style

    assert (
        "style:placeholder $x"
        in check_style("Buy it for $x today!", "recommendation_copy").failures
    )
    assert (
        check_style("Made by [Brand] for you.", "description")
        .failures[0]
        .startswith("style:placeholder")
    )
    dangling = check_style("They are also easy to wear.", "description")
    assert dangling.failures[0].startswith("style:dangling_start")
    assert (
        check_style("此外，它还很轻便。", "description")
        .failures[0]
        .startswith("style:dangling_start")
    )
    # A summing-up with nothing before it to sum up.
    assert not check_style("整体来说，这款血压计适合家庭使用。", "description").passed
    assert not check_style("In summary, a sturdy lamp.", "description").passed
    # Mid-text, a pronoun has its antecedent; XXL is a size, not a slot.
    assert check_style("A linen shirt. It comes in XXL.", "description").passed
    assert check_style("They are also easy to wear.", "sentence").passed
    # "These" before a noun is a determiner, not a pronoun leaning on a dropped sentence.
    assert check_style("These wireless headphones fold flat.", "description").passed
    assert not check_style("These are also easy to wear.", "description").passed


@pytest.mark.parametrize(
    ("text", "finished"),
    [
        ("This dog chew toy is made of rubber. It's also.", False),
        ("A soft tee in navy, with a.", False),
        ("这款帆布包轻便和。容量20L。", False),
        # Sentences people end so, and a capital letter that is a name.
        ("A scarf worth investing in. Rich in vitamin A.", True),
        ("穿脱起来也是很方便的。", True),
    ],
)
def test_a_sentence_that_stops_on_a_function_word_is_unfinished(text: str, finished: bool) -> None:
    result = check_style(text, "description")
    assert result.passed is finished, result.detail
    if not finished:
        assert "style:unfinished" in result.failures


def test_these_are_and_the_titles_words_names_the_product() -> None:
    """A rule's "These are palm crosses." names the product; a model's "These are perfect for
    …" leans on a sentence that is not there."""
    title = "Palm Crosses for Palm Sunday x 100"
    assert check_style("These are palm crosses. They are 9 cm.", "description", title).passed
    dangling = check_style("These are perfect for Palm Sunday.", "description", title)
    assert not dangling.passed
    assert not check_style("These are palm crosses.", "description").passed
