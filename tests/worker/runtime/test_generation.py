"""Generation on the exported tiny model: onnxruntime-genai's loop and our cached CPU loop
(worker/runtime/cached.py), which must write the same greedy tokens."""

from __future__ import annotations

from pathlib import Path

import pytest

from exporter.prompts import product_prompts
from worker.runtime import GenerationParams, load_model
from worker.runtime.model import OnnxModel

MIXED = [
    *product_prompts(),
    [{"role": "user", "content": "Hi"}],
    [{"role": "user", "content": "Describe a lamp."}],
]


@pytest.fixture(scope="module")
def tiny(tiny_model_dir: Path) -> OnnxModel:
    return load_model(tiny_model_dir, "cpu", threads=2)


@pytest.fixture(scope="module")
def tiny_genai(tiny_model_dir: Path) -> OnnxModel:
    return load_model(tiny_model_dir, "cpu", threads=2, cpu_decoder="genai")


# Prompts that share a long opening (a kind's system message), as a kind's prompts do.
SYSTEM = {"role": "system", "content": "You write copy for an online shop. " * 6}
SHARED = [[SYSTEM, {"role": "user", "content": f"Describe product {w}."}] for w in "abcd"]


def test_the_cached_loop_writes_what_onnxruntime_genai_writes(
    tiny: OnnxModel, tiny_genai: OnnxModel
) -> None:
    """Same graph, greedy: the same tokens, whether rows share a prefix or not, and with
    rows that stop early leaving the batch (a stop sequence ends some rows first)."""
    assert tiny.decoder == "cached" and tiny_genai.decoder == "genai"
    for prompts, params in (
        (MIXED, GenerationParams(max_new_tokens=24, max_batch_size=len(MIXED))),
        (SHARED, GenerationParams(max_new_tokens=24, num_candidates=2)),
        (MIXED, GenerationParams(max_new_tokens=20, stop=("e",))),
    ):
        ours = tiny.generate(prompts, params)
        theirs = tiny_genai.generate(prompts, params)
        assert [r.token_ids for r in ours] == [r.token_ids for r in theirs]
        assert [r.finish_reasons for r in ours] == [r.finish_reasons for r in theirs]
        # Ours also says how sure the model was of each candidate's tokens.
        for r in ours:
            for ids, logprob in zip(r.token_ids, r.mean_logprobs, strict=True):
                assert logprob is not None and logprob <= 0 if ids else logprob is None
        assert all(m is None for r in theirs for m in r.mean_logprobs)


def test_candidates_and_prompts_share_their_prefill(tiny_model_dir: Path) -> None:
    """A prompt's candidates are prefilled once; the prompts' common opening once per
    model (kept for the next call)."""
    model = load_model(tiny_model_dir, "cpu", threads=1)  # a fresh prefix cache
    params = GenerationParams(max_new_tokens=4, do_sample=True, num_candidates=3, seed=1)
    ids = [model.encode(model.render(p)) for p in SHARED]
    common = next(i for i in range(len(ids[0])) if len({t[i] for t in ids}) > 1)
    assert common > 16
    before = dict(model.accounting)
    results = model.generate(SHARED, params)
    first = {k: v - before[k] for k, v in model.accounting.items()}
    needed = 3 * sum(len(t) for t in ids)  # what independent rows would prefill
    assert first["prefill_computed"] == common + sum(len(t) - common for t in ids)
    assert first["prefill_shared"] == needed - first["prefill_computed"]
    assert all(len(set(r.candidates)) > 1 for r in results)  # still distinct samples
    before = dict(model.accounting)
    model.generate(SHARED, params)
    second = {k: v - before[k] for k, v in model.accounting.items()}
    assert second["prefill_computed"] == sum(len(t) - common for t in ids)


def test_batch_with_mixed_lengths_equals_one_by_one(tiny: OnnxModel) -> None:
    params = GenerationParams(max_new_tokens=24)
    lengths = {len(tiny.encode(tiny.render(p))) for p in MIXED}
    assert max(lengths) > 4 * min(lengths)  # the batch really is padded
    batched = tiny.generate(MIXED, GenerationParams(max_new_tokens=24, max_batch_size=len(MIXED)))
    for prompt, got in zip(MIXED, batched, strict=True):
        alone = tiny.generate([prompt], params)[0]
        assert got.token_ids == alone.token_ids
        assert got.candidates == alone.candidates
        assert got.prompt_tokens == alone.prompt_tokens == len(tiny.encode(tiny.render(prompt)))
    # Small batches (regrouped by length) give the same result again.
    regrouped = tiny.generate(MIXED, GenerationParams(max_new_tokens=24, max_batch_size=3))
    assert [r.token_ids for r in regrouped] == [r.token_ids for r in batched]


def test_max_new_tokens_and_counts(tiny: OnnxModel) -> None:
    # The tiny model never ranks <|im_end|> first (its logit row is zero), so it runs to length.
    (result,) = tiny.generate(MIXED[:1], GenerationParams(max_new_tokens=7))
    assert result.completion_tokens == [7] and result.finish_reasons == ["length"]
    assert len(result.token_ids[0]) == 7
    assert result.candidates[0] == tiny.decode(result.token_ids[0])


def test_seeded_sampling_is_reproducible(tiny: OnnxModel) -> None:
    def sample(seed: int) -> list[list[str]]:
        params = GenerationParams(
            max_new_tokens=16, do_sample=True, temperature=0.9, top_p=0.95,
            repetition_penalty=1.1, num_candidates=3, seed=seed,
        )  # fmt: skip
        return [r.candidates for r in tiny.generate(MIXED[:4], params)]

    first = sample(1234)
    assert first == sample(1234)
    assert first != sample(4321)
    assert all(len(c) == 3 for c in first)
    assert any(len(set(c)) > 1 for c in first)  # candidates are distinct samples
    greedy = tiny.generate(MIXED[:4], GenerationParams(max_new_tokens=16))
    assert [r.candidates[0] for r in greedy] != [c[0] for c in first]


def test_greedy_candidates_repeat_the_single_decode(tiny: OnnxModel) -> None:
    (result,) = tiny.generate(MIXED[:1], GenerationParams(max_new_tokens=8, num_candidates=3))
    assert len(result.candidates) == 3 and len(set(result.candidates)) == 1


def test_stop_sequences_cut_the_text(tiny: OnnxModel) -> None:
    prompts = MIXED[:3]
    free = tiny.generate(prompts, GenerationParams(max_new_tokens=32))
    text = free[0].candidates[0]
    stop = text[len(text) // 2 : len(text) // 2 + 3]
    expected = text[: text.index(stop)]
    stopped = tiny.generate(prompts, GenerationParams(max_new_tokens=32, stop=[stop, "\x00never"]))
    assert stopped[0].candidates[0] == expected
    assert stopped[0].finish_reasons == ["stop"]
    assert stopped[0].completion_tokens[0] < free[0].completion_tokens[0]
    for before, after in zip(free[1:], stopped[1:], strict=True):
        # Rows without the stop keep their text up to their own first stop, if any.
        assert before.candidates[0].startswith(after.candidates[0])
        if stop not in before.candidates[0]:
            assert after.candidates == before.candidates and after.finish_reasons == ["length"]


def test_chat_template_is_applied(tiny: OnnxModel) -> None:
    rendered = tiny.render([{"role": "user", "content": "Hi"}])
    assert rendered == "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n"
    assert tiny.render("raw text") == "raw text"


def test_params_are_validated() -> None:
    with pytest.raises(ValueError):
        GenerationParams(max_new_tokens=0)
    with pytest.raises(ValueError):
        GenerationParams(do_sample=True, temperature=0)
    with pytest.raises(ValueError):
        GenerationParams(stop=[""])


def test_a_lexicon_ban_lets_rows_spell_only_its_words(tiny: OnnxModel) -> None:
    """The strict pass's steering: with a lexicon of "cat" and "dog", a random model can
    write only pieces of those words (and punctuation), whatever it would have written."""
    import re

    from worker.runtime.model import Pieces, lexicon_ban

    prompts = [*product_prompts()[:2], [{"role": "user", "content": "Describe a lamp."}]]
    params = GenerationParams(max_new_tokens=24, do_sample=True, num_candidates=2, seed=3)
    free = tiny.generate(prompts, params)
    ban = frozenset({lexicon_ban(["cat", "dog"])})
    steered = tiny.generate(prompts, params, [ban] * len(prompts))
    letters = {ch for r in free for c in r.candidates for ch in re.sub(r"[^a-z]", "", c.lower())}
    assert letters - set("catdog")  # unsteered, the model writes other letters
    for result in steered:
        for candidate in result.candidates:
            assert set(re.sub(r"[^a-z]", "", candidate.lower())) <= set("catdog"), candidate
    pieces = Pieces.build([" cat", "s", " dogma", "og", " c", "狗", ",", "12", " Cat"])
    assert list(pieces.lexicon_mask(lexicon_ban(["cat", "dog", "猫"]))) == [
        False, True, True, False, False, True, False, False, False,
    ]  # fmt: skip


def test_accounting_counts_padding_and_riding_rows(tiny_genai: OnnxModel) -> None:
    """The slots onnxruntime-genai's padded batch computes: every row pays the longest
    prompt in prefill and runs every decode step; what is kept is each row's own prompt
    and tokens."""
    tiny = tiny_genai
    before = dict(tiny.accounting)
    results = tiny.generate(
        MIXED, GenerationParams(max_new_tokens=9, max_batch_size=len(MIXED), stop=("e",))
    )
    acc = {k: v - before[k] for k, v in tiny.accounting.items()}
    lengths = [r.prompt_tokens for r in results]
    assert acc["batches"] == 1 and acc["rows"] == len(MIXED)
    assert acc["prefill_real"] == sum(lengths)
    assert acc["prefill_computed"] == len(MIXED) * max(lengths) > acc["prefill_real"]
    assert acc["decode_kept"] == sum(r.total_completion_tokens for r in results)
    steps = acc["decode_computed"] // len(MIXED)
    assert acc["decode_computed"] == len(MIXED) * steps
    assert max(r.total_completion_tokens for r in results) <= steps <= 9
