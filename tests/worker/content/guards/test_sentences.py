"""Sentence grounding drops the sentences the facts cannot support and keeps the rest, with
what was dropped and why."""

from __future__ import annotations

from tests.worker.content.guards.samples import facts
from worker.content.guards import run_guards
from worker.content.guards.corpus import FactsText
from worker.content.guards.sentences import ground_sentences, split_sentences

TEE = facts(
    title="Roadster Men Navy Blue Cotton T-shirt",
    brand="Roadster",
    category="Tshirts",
    attributes={"gender": "Men", "colour": "Navy Blue"},
    keywords=(),
    price=None,
    currency=None,
)


def test_sentences_split_at_their_ends_in_both_languages() -> None:
    assert split_sentences("One. Two 22.5 W! Three") == ["One. ", "Two 22.5 W! ", "Three"]
    assert split_sentences("纯棉面料。圆领设计！百搭") == ["纯棉面料。", "圆领设计！", "百搭"]


def test_unsupported_sentences_are_dropped_and_reported() -> None:
    copy = (
        "A navy blue cotton T-shirt from Roadster. It is waterproof and comes with a 2 year"
        " warranty. Made for men who like a clean look. A must-have for women too."
    )
    grounded = ground_sentences(copy, TEE, FactsText.build(TEE, "description"))
    assert grounded.text == (
        "A navy blue cotton T-shirt from Roadster. Made for men who like a clean look."
    )
    reasons = [f for d in grounded.dropped for f in d.failures]
    assert any(r.startswith("claim:unsupported_performance waterproof") for r in reasons)
    assert any(r.startswith("fact:unsupported_number") for r in reasons)
    assert any(r.startswith("audience:") for r in reasons)
    report = run_guards(grounded.text, TEE, "description")
    assert not any(f.startswith(("claim:", "audience:", "fact:")) for f in report.failures), (
        report.failures
    )


def test_a_clean_candidate_is_left_as_it_is() -> None:
    copy = "A navy blue cotton T-shirt from Roadster. Made for men."
    grounded = ground_sentences(copy, TEE, FactsText.build(TEE, "description"))
    assert grounded.text == copy and grounded.dropped == []
