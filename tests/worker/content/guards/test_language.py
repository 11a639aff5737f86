"""The language guard: copy in the locale's language passes, other scripts fail, and words
the facts explain (a brand, a unit) are not held against it."""

from __future__ import annotations

from tests.worker.content.guards.samples import EN, EN_GOOD, ZH, ZH_GOOD, facts
from worker.content.guards import check_language


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
