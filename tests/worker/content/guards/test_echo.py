"""The echo guard: recommendation copy that recites its audience's description is refused;
copy that addresses the reader and says what the product is passes. The audiences are the
seeded segments (migration 0001) and one no code here names."""

from __future__ import annotations

import pytest

from tests.worker.content.guards.samples import facts
from worker.content.guards.corpus import FactsText
from worker.content.guards.echo import audience_words, check_echo
from worker.content.guards.run import run_guards
from worker.models import ContentKind

GIFT_EN = (
    "Gift buyers",
    "people choosing a present for someone else who care about presentation and appeal",
)
BUDGET_EN = ("Budget shoppers", "price-conscious shoppers who compare value for money")
STUDENTS_EN = (
    "Students",
    "students on a budget who want practical, durable things for study and campus life",
)
GIFT_ZH = ("送礼人群", "为他人挑选礼物、看重品质和心意的消费者")
BUDGET_ZH = ("精打细算的消费者", "注重性价比、会货比三家的消费者")
# Not a seeded segment: the rule reads each shop's own rows.
RUNNERS_EN = ("Runners", "people training for races who track pace and recovery")


def _text(title: str, audience: tuple[str, str]) -> tuple[FactsText, str]:
    locale = "en" if title.isascii() else "zh-CN"
    product = facts(locale, title=title, brand=None, category=None, attributes={})
    return FactsText.build(product, "recommendation_copy", [audience[0]]), locale


@pytest.mark.parametrize(
    ("title", "audience", "line"),
    [
        (
            "Hydrating Face Serum 30 ml",
            GIFT_EN,
            "A gift for people who care about presentation and appeal.",
        ),
        ("Men's Leather Belt, Brown", BUDGET_EN, "For the price-conscious who compare belts."),
        ("Hiking Backpack 30 L", STUDENTS_EN, "Practical and durable for campus life."),
        ("Running Shorts", RUNNERS_EN, "Shorts for anyone who tracks pace and recovery."),
        ("男士防滑徒步登山鞋", GIFT_ZH, "男士防滑徒步登山鞋，品质好，心意满满。"),
        ("乌龙茶 250g 罐装", BUDGET_ZH, "乌龙茶注重性价比，货比三家也会选它。"),
    ],
)
def test_a_line_that_recites_its_audience_is_refused(
    title: str, audience: tuple[str, str], line: str
) -> None:
    facts_text, locale = _text(title, audience)
    result = check_echo(line, audience[1], audience[0], facts_text, locale)
    assert not result.passed, result.detail
    assert result.failures[0].startswith("echo:audience")


@pytest.mark.parametrize(
    ("title", "audience", "line"),
    [
        (
            "Hydrating Face Serum 30 ml",
            GIFT_EN,
            "A hydrating face serum in a 30 ml bottle, a thoughtful present.",
        ),
        (
            "Men's Leather Belt, Brown",
            BUDGET_EN,
            "A brown leather belt for men that goes with jeans and chinos.",
        ),
        (
            "Hiking Backpack 30 L",
            STUDENTS_EN,
            "A 30 L hiking backpack for students' weekend trips.",
        ),
        ("男士防滑徒步登山鞋", GIFT_ZH, "送他一双男士防滑徒步登山鞋，是一份实在的礼物。"),
    ],
)
def test_a_line_that_speaks_to_its_reader_passes(
    title: str, audience: tuple[str, str], line: str
) -> None:
    facts_text, locale = _text(title, audience)
    assert check_echo(line, audience[1], audience[0], facts_text, locale).passed


def test_words_the_facts_or_label_carry_are_not_an_echo() -> None:
    # A "Premium Gift Set" may say premium; the label's words are how a line names its reader.
    product = facts(
        "en", title="Presentation Gift Box for Tea", brand=None, category=None, attributes={}
    )
    facts_text = FactsText.build(product, "recommendation_copy", [GIFT_EN[0]])
    words = audience_words(GIFT_EN[1], GIFT_EN[0], facts_text, "en")
    assert "presentation" not in words and "choosing" in words
    line = "A presentation gift box for tea, for anyone who cares about appeal."
    assert check_echo(line, GIFT_EN[1], GIFT_EN[0], facts_text, "en").passed


def test_run_guards_applies_it_to_recommendation_copy_only_with_an_audience() -> None:
    product = facts(
        "en", title="Hydrating Face Serum 30 ml", brand=None, category=None, attributes={}
    )
    line = "A hydrating face serum for people who care about presentation and appeal."
    kind = ContentKind.recommendation_copy.value
    refused = run_guards(line, product, kind, extra_facts=[GIFT_EN[0]], audience=GIFT_EN)
    assert any(f.startswith("echo:") for f in refused.failures)
    # The description given as a fact (the guards before guards-8) hides the recital.
    hidden = run_guards(line, product, kind, extra_facts=list(GIFT_EN))
    assert not any(f.startswith("echo:") for f in hidden.failures)


def test_token_bans_bar_the_audience_words_that_are_not_shop_prose() -> None:
    from worker.content.model_generator import token_bans

    product = facts(
        "en", title="Men's Leather Belt, Brown", brand=None, category=None, attributes={}
    )
    bans = token_bans(product, ContentKind.recommendation_copy, audience=BUDGET_EN)
    assert {"word:price-conscious", "word:compare"} <= bans
    assert "word:shoppers" not in bans  # the label names the reader
    assert "word:money" not in bans  # a common word: how a line may speak
    assert "word:compare" not in token_bans(product, ContentKind.recommendation_copy)
