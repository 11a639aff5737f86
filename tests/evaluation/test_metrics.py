"""Metrics against values computed by hand on tiny inputs."""

from __future__ import annotations

import pytest

from evaluation.metrics import (
    bleu,
    chrf,
    corpus_metrics,
    distinct_n,
    guard_rates,
    mean_length,
    near_duplicate_rate,
    near_duplicates,
    reference_length,
    rouge_l,
    tokenize,
)
from evaluation.report import MODEL_KEYS, RUN_KEYS, md_escape
from worker.catalog.facts import ProductFacts


def bottle(locale: str = "en") -> ProductFacts:
    return ProductFacts(
        id=1,
        sku="SKU-1",
        locale=locale,
        title="Acme Steel Water Bottle 500 ml",
        brand="Acme",
        category="Drinkware",
        attributes={"material": "steel"},
        keywords=(),
        price="19.90",
        currency="USD",
    )


def test_tokenize_words_for_latin_characters_for_han() -> None:
    assert tokenize("The Cat, 2 mats!") == ["the", "cat", "2", "mats"]
    assert tokenize("白色T恤，好看") == ["白", "色", "t", "恤", "好", "看"]


def test_bleu_is_100_for_identical_text_and_uses_every_reference() -> None:
    hyps = ["the cat sat on the mat today", "a red bag with two pockets"]
    # The second product has two references; the matching one counts.
    refs = [["the cat sat on the mat today"], ["something else", "a red bag with two pockets"]]
    assert bleu(hyps, refs, chinese=False) == pytest.approx(100.0)
    assert bleu(["completely unrelated words here"], [["the cat sat"]], chinese=False) == 0.0


def test_chinese_bleu_is_tokenized_per_character() -> None:
    # "白色外套" vs "白色的外套": one token each without Chinese tokenization (no match at
    # all), 4 of 5 characters match with it.
    assert bleu(["白色的外套很好看"], [["白色外套很好看"]], chinese=False) == 0.0
    assert bleu(["白色的外套很好看"], [["白色外套很好看"]], chinese=True) > 30.0
    assert bleu(["白色外套很好看"], [["白色外套很好看"]], chinese=True) == pytest.approx(100.0)


def test_chrf_identical_and_disjoint() -> None:
    assert chrf(["red cotton shirt"], [["red cotton shirt"]]) == pytest.approx(100.0)
    assert chrf(["xyz"], [["abc"]]) == 0.0


def test_rouge_l_by_hand() -> None:
    # hyp [the cat sat on the mat], ref [the cat lay on a mat]: LCS the-cat-on-mat = 4,
    # P = R = 4/6, F = 2/3.
    assert rouge_l(["the cat sat on the mat"], [["the cat lay on a mat"]]) == pytest.approx(
        100 * 2 / 3
    )
    # Chinese per character: 白色的外套 vs 白色外套: LCS 4, P = 4/5, R = 1, F = 8/9. The best
    # of several references counts; the mean is over products (second product: F = 0).
    assert rouge_l(["白色的外套"], [["完全不同", "白色外套"]]) == pytest.approx(100 * 8 / 9)
    assert rouge_l(["白色的外套", "abc"], [["白色外套"], ["xyz"]]) == pytest.approx(100 * 4 / 9)


def test_distinct_n_by_hand() -> None:
    # Tokens a b a b | a b: 2 unique of 6. Bigrams ab ba ab | ab (none across outputs): 2 of 4.
    assert distinct_n(["a b a b", "a b"], 1) == pytest.approx(2 / 6)
    assert distinct_n(["a b a b", "a b"], 2) == pytest.approx(2 / 4)
    # Characters for Chinese: 白色白色 → 白 色 白 色 (2 of 4); 白色 色白 白色 (2 of 3).
    assert distinct_n(["白色白色"], 1) == pytest.approx(0.5)
    assert distinct_n(["白色白色"], 2) == pytest.approx(2 / 3)
    assert distinct_n(["", "a"], 2) == 0.0


def test_near_duplicate_rate_counts_products_with_a_near_copy() -> None:
    same = "Soft cotton shirt in navy blue with a round neck and short sleeves."
    other = "Leather wallet with six card slots, a coin pocket and a zip."
    assert near_duplicates([same, same, other]) == [True, True, False]
    assert near_duplicate_rate([same, same, other]) == pytest.approx(2 / 3)
    assert near_duplicate_rate([same, other]) == 0.0
    assert near_duplicate_rate(["", ""]) == 0.0  # empty outputs never match


def test_guard_rates_on_crafted_outputs() -> None:
    outputs = [
        "A handy 750 ml steel bottle for the office.",  # 750 ml is not in the facts
        "这是一个水杯，适合日常使用。",  # Chinese copy for an English product
        "The best steel bottle for your desk.",  # banned superlative
        "A steel water bottle for daily use.",  # clean
    ]
    rates = guard_rates(outputs, [bottle()] * 4, "description")
    assert rates.fact_violation_rate == pytest.approx(1 / 4)
    assert rates.wrong_language_rate == pytest.approx(1 / 4)
    assert rates.banned_term_rate == pytest.approx(1 / 4)


def test_lengths_by_hand() -> None:
    assert mean_length([" abc ", "abcdefg"]) == pytest.approx(5.0)
    # Per product: mean(2, 4) = 3 and 6 → (3 + 6) / 2.
    assert reference_length([["ab", "abcd"], ["abcdef"]]) == pytest.approx(4.5)


def test_corpus_metrics_reports_every_key() -> None:
    text = "A steel water bottle for daily use."
    metrics = corpus_metrics([text], [[text]], [bottle()], "description")
    assert set(MODEL_KEYS) - RUN_KEYS == set(metrics)
    assert metrics["chrf"] == pytest.approx(100.0)
    assert metrics["n"] == 1


def test_markdown_escape_makes_model_output_inert() -> None:
    escaped = md_escape("<script>x</script> **bold** [link](http://e.x) a|b\nnext")
    assert "<script>" not in escaped and "&lt;script&gt;" in escaped
    assert "\\*\\*bold\\*\\*" in escaped and "\\[link\\]" in escaped and "a\\|b" in escaped
    assert "\n" not in escaped


def test_significance_tells_a_real_gain_from_noise() -> None:
    """30 products: a model that writes the references' words beats one that writes
    nothing useful with p < 0.05; two models drawing their outputs from the same texts
    at random are not told apart; identical outputs get p = 1."""
    import random

    from evaluation.significance import paired_bootstrap

    refs = [[f"这款{c}连衣裙采用雪纺面料，轻盈飘逸"] for c in "红橙黄绿青蓝紫黑白灰" * 3]
    base = ["这是一件衣服"] * 30
    good = [r[0][:10] for r in refs]
    rng = random.Random(7)
    pool = [(g, "这件连衣裙很好看", "一条裙子") for g in good]
    noise_a = [rng.choice(options) for options in pool]
    noise_b = [rng.choice(options) for options in pool]
    result = paired_bootstrap(base, {"good": good, "same": base}, refs, chinese=True)
    assert result["good"]["chrf"]["delta"] > 20 and result["good"]["chrf"]["p_value"] < 0.05
    assert result["good"]["bleu"]["p_value"] < 0.05
    assert result["same"]["chrf"] == {**result["same"]["chrf"], "delta": 0, "p_value": 1.0}
    noise = paired_bootstrap(noise_a, {"b": noise_b}, refs, chinese=True)["b"]["chrf"]
    assert noise["delta"] != 0 and noise["p_value"] > 0.05
    assert paired_bootstrap(base, {}, refs, chinese=True) == {}
