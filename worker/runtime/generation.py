"""Generation parameters, results and the batch plan. Pure Python: no onnxruntime here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

Message = Mapping[str, str]
# A chat (list of {"role", "content"} messages, chat template applied), or text that is
# already rendered and goes to the tokenizer as is.
Prompt = Sequence[Message] | str
FinishReason = Literal["eos", "stop", "length"]
# What a prompt's rows may be barred from emitting (grounded decoding): a token class —
# "digit" (any digit: for products whose facts state no number), "contact" (@, http, www,
# .com), "superlative" (best, cheapest, 最) — or a word: "word:防水" bars every token that
# contains 防水, "word:waterproof" every token that is the word (a word split over several
# tokens is left to the guards).
TOKEN_CLASSES = ("digit", "contact", "superlative", "foreign_script")
Ban = str


@dataclass(frozen=True)
class GenerationParams:
    max_new_tokens: int = 128
    do_sample: bool = False
    temperature: float = 1.0
    top_p: float = 1.0
    top_k: int = 50
    repetition_penalty: float = 1.0
    # Candidates per prompt. Sampled candidates are separate rows of the batch; greedy ones
    # would all be identical, so greedy decodes once and repeats the result.
    num_candidates: int = 1
    # None: a fresh random seed per call. Otherwise the same prompts with the same seed give
    # the same text (the sampler's stream is shared by a batch, so a prompt's candidates also
    # depend on which prompts share its batch).
    seed: int | None = None
    stop: Sequence[str] = ()
    # Rows (prompts x candidates) per padded batch; None takes the model's default.
    max_batch_size: int | None = None
    # Grounded decoding: near the end of the budget, a row that has just finished a sentence
    # ends there, instead of starting one the budget would cut mid-word.
    end_at_sentence: bool = False

    def __post_init__(self) -> None:
        if self.max_new_tokens < 1:
            raise ValueError("max_new_tokens must be >= 1")
        if self.num_candidates < 1:
            raise ValueError("num_candidates must be >= 1")
        if self.do_sample and self.temperature <= 0:
            raise ValueError("temperature must be > 0 when sampling")
        if not 0 < self.top_p <= 1:
            raise ValueError("top_p must be in (0, 1]")
        if self.top_k < 0:
            raise ValueError("top_k must be >= 0")
        if self.repetition_penalty <= 0:
            raise ValueError("repetition_penalty must be > 0")
        if self.max_batch_size is not None and self.max_batch_size < 1:
            raise ValueError("max_batch_size must be >= 1")
        if any(not s for s in self.stop):
            raise ValueError("stop sequences must be non-empty strings")
        # Tuples keep the dataclass hashable and immune to later mutation by the caller.
        object.__setattr__(self, "stop", tuple(self.stop))


@dataclass
class GenerationResult:
    """One prompt's output: `candidates[i]` was decoded from `token_ids[i]`."""

    candidates: list[str]
    token_ids: list[list[int]]
    prompt_tokens: int
    completion_tokens: list[int]
    finish_reasons: list[FinishReason]
    # Per candidate, the mean log-probability the model gave its own tokens (the cached CPU
    # loop computes it; None where the loop does not expose it: onnxruntime-genai's).
    mean_logprobs: list[float | None] = field(default_factory=list)

    @property
    def total_completion_tokens(self) -> int:
        return sum(self.completion_tokens)


@dataclass(frozen=True)
class Row:
    """One sequence of a padded batch: a prompt's candidate."""

    prompt_index: int
    candidate_index: int
    prompt_tokens: int


@dataclass
class BatchPlan:
    batches: list[list[Row]] = field(default_factory=list)


def plan_batches(
    prompt_lengths: Sequence[int], rows_per_prompt: int, max_batch_size: int
) -> BatchPlan:
    """Group rows of similar prompt length into batches of at most `max_batch_size` rows.

    A padded batch costs as much as its longest prompt in prefill and runs until its longest
    row ends, so sorting by prompt length keeps padding and idle rows down. Candidates of one
    prompt stay adjacent (same length) and so share a batch where they fit.
    """
    rows = [Row(i, c, n) for i, n in enumerate(prompt_lengths) for c in range(rows_per_prompt)]
    rows.sort(key=lambda r: (r.prompt_tokens, r.prompt_index, r.candidate_index))
    return BatchPlan([rows[i : i + max_batch_size] for i in range(0, len(rows), max_batch_size)])


def cut_at_stop(text: str, stops: Sequence[str]) -> tuple[str, bool]:
    """Text before the earliest stop sequence (the stop itself is dropped)."""
    cut = min((i for s in stops if (i := text.find(s)) >= 0), default=-1)
    return (text[:cut], True) if cut >= 0 else (text, False)
