"""The exclusive-values guard: another value of a one-value attribute is refused, the
facts' own value and values inside it pass, and the mined families hold on human copy."""

from __future__ import annotations

import pytest

from tests.worker.content.guards.samples import adgen_rows, facts, facts_text
from worker.content.guards.corpus import FactsText
from worker.content.guards.exclusive import check_exclusive, families
from worker.content.guards.sentences import ground_sentences


def test_families_are_mined_one_value_attributes() -> None:
    table = families()
    assert {"袖长", "领型"} <= set(table)
    assert {"长袖", "短袖", "无袖"} <= set(table["袖长"])
    assert "类型" not in table  # the writers "contradict" it: a 裙 is worn with a 上衣


@pytest.mark.parametrize(
    ("attributes", "copy", "passed"),
    [
        ({"裙袖长": "无袖"}, "这款连衣裙采用系带和长袖设计。", False),
        ({"衣袖长": "长袖"}, "衬衫的袖长设计为短袖，清爽自在。", False),
        ({"衣领型": "圆领"}, "翻领设计，干练利落。", False),
        ({"裙袖长": "无袖"}, "无袖设计，清爽利落。", True),
        ({"衣领型": "小立领"}, "立领设计，干练利落。", True),  # 立领 inside 小立领
        ({}, "长袖设计，保暖贴身。", True),  # the facts name no sleeve length
    ],
)
def test_another_value_of_a_one_value_attribute_is_refused(
    attributes: dict[str, str], copy: str, passed: bool
) -> None:
    result = check_exclusive(copy, facts_text("棉连衣裙", "zh-CN", **attributes))
    assert result.passed is passed, result.detail
    if not passed:
        assert result.failures[0].startswith("fact:contradicts")


def test_sentence_grounding_drops_the_contradicting_sentence() -> None:
    product = facts("zh-CN", title="棉连衣裙", brand=None, attributes={"裙袖长": "无袖"})
    ft = FactsText.build(product, "description")
    grounded = ground_sentences("这款棉连衣裙无袖设计。搭配短袖外套更显气质。", product, ft)
    assert grounded.text == "这款棉连衣裙无袖设计。"


def test_human_copy_seldom_contradicts_its_facts() -> None:
    refused = total = 0
    for reference, product in adgen_rows(500):
        total += 1
        refused += not check_exclusive(reference, FactsText.build(product, "description")).passed
    assert total > 300
    assert refused / total < 0.02
