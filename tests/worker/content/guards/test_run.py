"""All guards together: good candidates pass every guard with a JSON-safe report, the
facts' text built once judges as each guard building its own, and the guards stay quiet
on human-written copy."""

from __future__ import annotations

import json
import re

from tests.worker.content.guards.samples import (
    EN,
    EN_GOOD,
    ZH,
    ZH_GOOD,
    adgen_rows,
    facts,
    myntra_rows,
)
from worker.content.guards import (
    check_banned,
    check_contact,
    check_facts,
    check_language,
    normalize,
    run_guards,
)
from worker.content.guards.banned import banned_guard
from worker.content.guards.corpus import FactsText
from worker.content.guards.facts import facts_guard
from worker.content.guards.language import language_guard


def test_good_candidates_pass_every_guard() -> None:
    for text, f in ((EN_GOOD, EN), (ZH_GOOD, ZH)):
        report = run_guards(text, f, "description", others=["完全不同的另一段文案内容。" * 5])
        assert report.passed, report.failures
        data = report.as_json()
        assert data["passed"] is True and data["failures"] == []
        assert {g["name"] for g in data["guards"]} >= {"facts", "language", "near_duplicate"}
        assert json.loads(json.dumps(data)) == data  # JSONB-safe


def test_false_positive_rates_on_human_copy() -> None:
    """Language and contact guards should be silent on real shop copy; the banned-term
    guard fires only on real occurrences (human copy does use 最/绝对/"guaranteed")."""
    rates: dict[str, float] = {}
    for name, rows in (("myntra", list(myntra_rows(3000))), ("adgen", list(adgen_rows(1070)))):
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


def test_guards_given_the_facts_text_judge_as_the_checks_that_build_it() -> None:
    bad = "The best 750 ml bottle in red, 非常好用, only $24.90."
    extra = ("Segment: commuters",)
    for text, f in ((EN_GOOD, EN), (ZH_GOOD, ZH), (bad, EN), (bad, ZH)):
        built = FactsText.build(f, "description", extra)
        assert facts_guard(text, f, built) == check_facts(text, f, "description", extra_facts=extra)
        assert language_guard(text, f, built) == check_language(
            text, f, "description", extra_facts=extra
        )
        assert banned_guard(text, built) == check_banned(text, f, "description", extra_facts=extra)


def test_the_facts_own_words_are_not_read_as_claims() -> None:
    """What the facts themselves say is no invented number, price, kind or stutter: a
    set's 120块 (pieces, not yuan), a brand's "Nine", a kettle's 食品级 (food-grade) steel,
    a cable's Type-C that its facts say three times."""
    blocks = facts(
        "zh-CN", title="儿童积木玩具120块", brand="乐小匠", price="89.00", currency="CNY",
        category=None, attributes={"材质": "ABS塑料"}, keywords=(),
    )  # fmt: skip
    assert run_guards(
        "这是乐小匠的一款儿童积木玩具120块，材质ABS塑料。", blocks, "description"
    ).passed
    # Said of another product, 120块 is still a price the facts do not carry.
    other = facts("zh-CN", title="儿童积木玩具", brand=None, price="89.00", currency="CNY",
                  category=None, attributes={"块数": "100"}, keywords=())  # fmt: skip
    report = run_guards("这是一款儿童积木玩具，只要120块。", other, "description")
    assert "fact:price_mismatch 120块" in report.failures
    stapler = facts(title="Brass Desk Stapler", brand="Atelier Nine", category=None,
                    attributes={"material": "brass"}, keywords=(), price=None)  # fmt: skip
    text = "This is a brass desk stapler from Atelier Nine."
    assert run_guards(text, stapler, "description").passed
    assert not run_guards("This is a brass desk stapler with nine staples.", stapler,
                          "description").passed  # fmt: skip
    kettle = facts("zh-CN", title="电热水壶", brand=None, category=None, keywords=(), price=None,
                   attributes={"内胆": "食品级304不锈钢", "容量": "1.7升"})  # fmt: skip
    assert run_guards("这是一款电热水壶，容量1.7升，内胆为食品级304不锈钢。", kettle,
                      "description").passed  # fmt: skip
    cable = facts("zh-CN", title="Type-C数据线", brand=None, category=None, keywords=(),
                  price=None, attributes={"接口": "Type-C转Type-C"})  # fmt: skip
    assert run_guards("这是一款Type-C数据线，接口Type-C转Type-C。", cable, "description").passed


def test_a_description_that_says_every_fact_is_long_enough() -> None:
    """Past a sparse product's minimum, a description that says (nearly) every fact could
    only pad: the rich product's 200-character minimum holds for a text that leaves most
    facts unsaid."""
    bottle = facts(title="Steel Water Bottle", brand="Acme", category=None, keywords=(),
                   attributes={"capacity": "500 ml", "colour": "black", "material": "steel",
                               "insulation": "double-wall vacuum", "lid": "leak-proof screw cap"},
                   price=None)  # fmt: skip
    whole = (
        "This is a steel water bottle from Acme in black with a 500 ml capacity, double-wall"
        " vacuum insulation and a leak-proof screw cap lid."
    )
    assert len(whole) < 200
    assert run_guards(whole, bottle, "description").passed
    part = "This is a steel water bottle from Acme in black."
    assert "length:short" in " ".join(run_guards(part, bottle, "description").failures)
