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
