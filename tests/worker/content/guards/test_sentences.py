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


def test_grounded_decoding_bars_what_the_guards_would_refuse_for_this_product() -> None:
    from worker.content.model_generator import token_bans
    from worker.models import ContentKind

    bans = token_bans(TEE, ContentKind.description)
    assert {"contact", "digit", "superlative"} <= bans  # the tee's facts state no number
    assert {"word:women", "word:waterproof", "word:amazon", "word:warranty"} <= bans
    assert "word:men" not in bans and "word:roadster" not in bans
    calcium = facts("zh-CN", title="钙片 60粒", brand=None, category=None, attributes={})
    zh_bans = token_bans(calcium, ContentKind.description)
    assert {"word:健康", "word:预防"} <= zh_bans and "digit" not in zh_bans


def test_a_sentence_copying_the_voice_examples_features_is_dropped() -> None:
    example = "Black printed casual shirt, has a spread collar, short sleeves and curved hem."
    copy = "A navy blue T-shirt from Roadster, made for men. It has a spread collar and curved hem."
    grounded = ground_sentences(copy, TEE, FactsText.build(TEE, "description"), [example])
    assert grounded.text == "A navy blue T-shirt from Roadster, made for men."
    # Borrowed from the example (and, with facts that name no collar or hem, details the
    # facts do not give).
    assert {"voice:borrowed curved hem", "voice:borrowed spread collar"} <= set(
        grounded.dropped[0].failures
    )
    # Without the example, nothing marks the same sentence as borrowed (it is still dropped:
    # the tee's facts name no collar or hem).
    alone = ground_sentences(copy, TEE, FactsText.build(TEE, "description"))
    assert not any(f.startswith("voice:") for d in alone.dropped for f in d.failures)
    assert [f.split(" ")[0] for f in alone.dropped[0].failures] == ["specifics:unsupported"]


def test_counts_written_in_words_are_numbers_too() -> None:
    from worker.content.guards import check_facts

    lip = facts(title="Matte lip colour", attributes={"wear": "8 hours"}, keywords=())
    assert check_facts("It stays put for eight hours.", lip, "description").passed
    assert check_facts("It comes in three shades.", lip, "description").failures == (
        "fact:unsupported_number three",
    )
