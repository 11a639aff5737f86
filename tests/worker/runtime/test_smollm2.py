"""The real SmolLM2-135M-Instruct export (cached between runs) writes fluent English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from exporter.prompts import SYSTEM_EN
from worker.runtime import GenerationParams, load_model

pytestmark = pytest.mark.slow

PRODUCTS = [
    ("Acme TrailLite 28L Backpack", "Capacity 28 L; water-resistant nylon; padded laptop sleeve."),
    ("Northwind Ceramic Coffee Dripper", "Ceramic; makes 1-2 cups; dishwasher safe."),
    ("Contoso Merino Wool Running Socks", "Merino wool; cushioned sole; machine washable."),
]
FUNCTION_WORDS = {
    "a", "an", "the", "and", "or", "for", "with", "of", "to", "in", "on", "is", "are", "it",
    "its", "your", "you", "this", "that", "from", "by", "as", "be", "made", "perfect",
}  # fmt: skip


def _fluent_english(text: str) -> bool:
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", text)
    if len(words) < 8:
        return False
    ascii_share = sum(c.isascii() for c in text) / len(text)
    function_share = sum(w.lower() in FUNCTION_WORDS for w in words) / len(words)
    distinct_share = len({w.lower() for w in words}) / len(words)
    return ascii_share > 0.97 and function_share > 0.12 and distinct_share > 0.5


def test_smollm2_writes_fluent_english_with_the_product_name(smollm2_model_dir: Path) -> None:
    model = load_model(smollm2_model_dir, "cpu")
    assert model.manifest["parity"]["identical"] == model.manifest["parity"]["prompts"]
    prompts = [
        [
            {"role": "system", "content": SYSTEM_EN},
            {
                "role": "user",
                "content": f"Write a two-sentence product description for the {title}."
                f" Facts: {facts} Mention the product name.",
            },
        ]
        for title, facts in PRODUCTS
    ]
    results = model.generate(prompts, GenerationParams(max_new_tokens=80, repetition_penalty=1.1))
    for (title, _), result in zip(PRODUCTS, results, strict=True):
        text = result.candidates[0]
        assert title.lower() in text.lower(), text
        assert _fluent_english(text), text
        assert result.prompt_tokens > 0 and 0 < result.completion_tokens[0] <= 80


def test_the_fluency_check_rejects_gibberish_and_loops() -> None:
    # What the tiny random model writes, and a degenerate loop: the check must not pass them.
    assert not _fluent_english("cription colou bac Capacitdff accresistantisewacw Writepac fo")
    assert not _fluent_english("the the the the the the the the the the the the")
    assert _fluent_english(
        "A light and durable backpack for hikers, with a sleeve for your laptop."
    )


def test_finish_reasons_and_token_counts(smollm2_model_dir: Path) -> None:
    model = load_model(smollm2_model_dir, "cpu")
    prompt = [
        {"role": "system", "content": SYSTEM_EN},
        {"role": "user", "content": "Write one short sentence about the Acme TrailLite Backpack."},
    ]
    # Alone in its batch, the row is the last to end: onnxruntime-genai then stops without
    # appending the end token, which must still read as "eos", not as running out of budget.
    (alone,) = model.generate([prompt], GenerationParams(max_new_tokens=120))
    assert alone.finish_reasons == ["eos"] and 0 < alone.completion_tokens[0] < 120
    (cut,) = model.generate([prompt], GenerationParams(max_new_tokens=5))
    assert cut.finish_reasons == ["length"] and cut.completion_tokens == [5]
    assert alone.token_ids[0][:5] == cut.token_ids[0]


def test_grounded_decoding_bars_digits_per_prompt(smollm2_model_dir: Path) -> None:
    """A prompt barred from digits writes none, even asked to count; its neighbour in the
    same batch, not barred, still does."""
    model = load_model(smollm2_model_dir, "cpu")
    ask = [{"role": "user", "content": "Count from 1 to 10, then write the year 2024."}]
    params = GenerationParams(max_new_tokens=40)
    barred, free = model.generate([ask, ask], params, [frozenset({"digit"}), frozenset()])
    assert not any(ch.isdigit() for ch in barred.candidates[0]), barred.candidates[0]
    assert any(ch.isdigit() for ch in free.candidates[0]), free.candidates[0]


def test_token_classes_cover_what_the_guards_refuse() -> None:
    from worker.runtime.model import token_class_masks

    masks = token_class_masks(["12", " best", "最", "@", "http", " cotton", "。", "."])
    assert list(masks["digit"]) == [True, False, False, False, False, False, False, False]
    assert list(masks["superlative"]) == [False, True, True, False, False, False, False, False]
    assert list(masks["contact"]) == [False, False, False, True, True, False, False, False]
    assert list(masks["sentence_end"]) == [False, False, False, False, False, False, True, True]
    # Chinese rows: kana, Hangul and Han characters outside GB2312 (発 for 发).
    script = token_class_masks(["発", "发", "の", "한", "蕾丝", " cotton", "廣"])["foreign_script"]
    assert list(script) == [True, False, True, True, False, False, True]


def test_a_word_ban_bars_the_tokens_that_carry_the_word() -> None:
    from worker.runtime.model import Pieces

    pieces = Pieces.build(["防水的", "abc", " waterproof", "water", "水", "防水", " Waterproof"])
    assert list(pieces.word_mask("word:防水")) == [True, False, False, False, False, True, False]
    assert list(pieces.word_mask("word:waterproof")) == [
        False, False, True, False, False, False, True,
    ]  # fmt: skip
