"""The banned-terms guard catches superlatives and absolute claims, and allows them when a
fact carries them or they are no claim (最近, "for best results")."""

from __future__ import annotations

import pytest

from tests.worker.content.guards.samples import EN, ZH, facts
from worker.content.guards import check_banned


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
