"""The CPU decode loop with shared prefill: onnxruntime directly, the KV cache in our hands.

Why not onnxruntime-genai here: on the CPU, prefill is most of a worker's model time
(bench/pipeline.py: ~300-token prompts against ~60 kept tokens per row, and batched
prefill runs at ~355 tokens/s on 2 cores, not much faster than a 32-row decode step's
200), and onnxruntime-genai 0.18 recomputes it for every row: each sampled candidate of a
prompt pays the whole prompt again, and every prompt pays the system message that all of
a kind's prompts begin with. It offers no way to share either across rows (`rewind_to`
refuses a length but 0 when the batch has more than one row; `snapshot_state` does not
change that; `num_return_sequences` is for beam search).

This loop runs the same exported graph (same weights, same GroupQueryAttention kernels)
and keeps the cache as numpy arrays that onnxruntime writes into in place:

- the prompts' common prefix (the system message and the request's opening) is computed
  once per model and kept (`PrefixCache`);
- each distinct prompt's remainder is computed once, as a one-row prefill on top of that
  prefix, straight into its first candidate's cache row; the other candidates' rows are
  copies (a memcpy, not a forward pass);
- rows that have ended leave the batch once they are a quarter of it (their cache rows
  are dropped by one gather), so a long row does not drag finished ones through its steps.

Sampling is ours too (temperature, top-k, top-p, repetition penalty: the same
GenerationParams knobs onnxruntime-genai gets). It is seeded with numpy's generator, so
a seed reproduces a batch's text, but not onnxruntime-genai's text for the same seed.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from worker.runtime.generation import GenerationParams

# Prefixes shorter than this are not worth a cache entry (the chat template's opening alone
# is a dozen tokens; a kind's system message is ~100).
MIN_SHARED_PREFIX = 16
# Distinct prefixes kept per model: one per (language, kind) family of prompts, with room.
PREFIX_CACHE_ENTRIES = 16
# Rows that ended are dropped from the batch when they are at least this share of it (and
# at least two rows): the gather copies the live rows' cache (~10 ms for 16 rows of 450
# tokens), a 32-row decode step costs ~160 ms on 2 cores.
COMPACT_SHARE = 0.25
# Logits more than this below a row's best one are left out before top-k: at the
# temperatures used (0.5-1.0) they carry under e^-20 of the best token's probability, so
# the draw is the same as an exact top-k over the whole vocabulary (numpy's argpartition
# over 32 x 151,936 logits took 52 ms a step; a comparison first, then a partition of
# what is left, a few).
LOGIT_WINDOW = 20.0
# What a banned token's logit becomes (finite, so a row banned everywhere stays defined).
BANNED = -1e9

Logits = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Shape:
    """What the exported decoder's cache looks like (from genai_config.json)."""

    layers: int
    kv_heads: int
    head_size: int

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Shape:
        decoder = config["model"]["decoder"]
        return cls(
            int(decoder["num_hidden_layers"]),
            int(decoder["num_key_value_heads"]),
            int(decoder["head_size"]),
        )


@dataclass
class RowState:
    """One row of the running batch: its prompt's tokens and what it has generated."""

    prompt: Sequence[int]
    generated: list[int] = field(default_factory=list)
    # log p of each generated token under the model's own distribution (temperature 1,
    # after bans and the repetition penalty): how sure the model was of what it wrote.
    logprobs: list[float] = field(default_factory=list)
    finished: bool = False


class Decoder:
    """The exported graph in an onnxruntime session, driven one step at a time."""

    def __init__(self, onnx_path: Path, shape: Shape, *, vocab: int, threads: int) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._ort = ort
        self.session = ort.InferenceSession(
            str(onnx_path), options, providers=["CPUExecutionProvider"]
        )
        self.shape = shape
        self.vocab = vocab
        self.prefixes = PrefixCache(PREFIX_CACHE_ENTRIES)

    def new_cache(self, rows: int, length: int) -> list[npt.NDArray[np.float32]]:
        """Per layer, key then value: (rows, kv heads, length, head size), zeroed."""
        s = self.shape
        return [
            np.zeros((rows, s.kv_heads, length, s.head_size), dtype=np.float32)
            for _ in range(2 * s.layers)
        ]

    def forward(
        self,
        cache: Sequence[npt.NDArray[np.float32]],
        input_ids: npt.NDArray[np.int64],
        lengths: npt.NDArray[np.int64],
    ) -> Logits:
        """Run `input_ids` (rows, n) after each row's first `lengths[r]` cached positions;
        their keys and values are written into `cache` in place (past and present are one
        buffer, which GroupQueryAttention supports). Returns each row's last logits."""
        rows, n = input_ids.shape
        total = lengths + n
        # The graph reads only the mask's row sums (a row's length) and its width.
        mask = (np.arange(int(total.max()))[None, :] < total[:, None]).astype(np.int64)
        binding = self.session.io_binding()
        binding.bind_cpu_input("input_ids", np.ascontiguousarray(input_ids, dtype=np.int64))
        binding.bind_cpu_input("attention_mask", mask)
        ort = self._ort
        for layer in range(self.shape.layers):
            for j, part in enumerate(("key", "value")):
                value = ort.OrtValue.ortvalue_from_numpy(cache[2 * layer + j])
                binding.bind_ortvalue_input(f"past_key_values.{layer}.{part}", value)
                binding.bind_ortvalue_output(f"present.{layer}.{part}", value)
        # Logits land in an array of ours (a 32-row copy out of onnxruntime cost 16 ms).
        logits = np.empty((rows, 1, self.vocab), dtype=np.float32)
        binding.bind_ortvalue_output("logits", ort.OrtValue.ortvalue_from_numpy(logits))
        self.session.run_with_iobinding(binding)
        return logits.reshape(rows, -1)

    def prefill(
        self, prompts: Sequence[Sequence[int]], length: int
    ) -> tuple[list[npt.NDArray[np.float32]], Logits, int]:
        """One cache row per prompt, filled with its prompt (`length`: the cache's capacity),
        and each prompt's next-token logits. Returns (cache, logits, tokens computed)."""
        cache = self.new_cache(len(prompts), length)
        # Keep one token out of the prefix: each prompt's own part must not be empty (its
        # last position's logits are the first token's distribution).
        prefix = common_prefix(prompts)[: min(len(p) for p in prompts) - 1]
        computed = 0
        entry = self.prefixes.get(prefix) if len(prefix) >= MIN_SHARED_PREFIX else None
        if entry is None and len(prefix) >= MIN_SHARED_PREFIX:
            one = self.new_cache(1, len(prefix))
            self.forward(one, np.array([prefix], dtype=np.int64), np.zeros(1, dtype=np.int64))
            computed += len(prefix)
            entry = self.prefixes.put(prefix, one)
        p = 0 if entry is None else len(entry.tokens)
        vocab_logits: list[Logits] = []
        for row, prompt in enumerate(prompts):
            if entry is not None:
                for layer, part in zip(cache, entry.cache, strict=True):
                    layer[row, :, :p] = part[0]
            # A one-row view of the batch cache: the prefill writes into the batch's arrays.
            view = [layer[row : row + 1] for layer in cache]
            rest = np.array([prompt[p:]], dtype=np.int64)
            vocab_logits.append(self.forward(view, rest, np.array([p], dtype=np.int64))[0])
            computed += len(prompt) - p
        return cache, np.stack(vocab_logits), computed


@dataclass
class PrefixEntry:
    tokens: tuple[int, ...]
    cache: list[npt.NDArray[np.float32]]


class PrefixCache:
    """The keys and values of recent common prompt prefixes (least recently used out)."""

    def __init__(self, entries: int) -> None:
        self.entries = entries
        self._items: OrderedDict[tuple[int, ...], PrefixEntry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, prefix: Sequence[int]) -> PrefixEntry | None:
        """The longest cached prefix of `prefix` (a cached system message serves every
        prompt that starts with it, whatever follows)."""
        with self._lock:
            best: PrefixEntry | None = None
            for tokens, entry in self._items.items():
                n = len(tokens)
                fits = n <= len(prefix) and tuple(prefix[:n]) == tokens
                if fits and (best is None or n > len(best.tokens)):
                    best = entry
            if best is not None:
                self._items.move_to_end(best.tokens)
            return best

    def put(self, prefix: Sequence[int], cache: list[npt.NDArray[np.float32]]) -> PrefixEntry:
        with self._lock:
            entry = PrefixEntry(tuple(prefix), cache)
            self._items[entry.tokens] = entry
            while len(self._items) > self.entries:
                self._items.popitem(last=False)
            return entry


def common_prefix(prompts: Sequence[Sequence[int]]) -> list[int]:
    if not prompts:
        return []
    first = prompts[0]
    n = min(len(p) for p in prompts)
    for i in range(n):
        t = first[i]
        if any(p[i] != t for p in prompts):
            return list(first[:i])
    return list(first[:n])


def sample(
    logits: Logits,
    rows: Sequence[RowState],
    sampling: GenerationParams,
    rng: np.random.Generator,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """One token per row and its log-probability at temperature 1. Modifies `logits`.
    Repetition penalty over the row's prompt and output (as onnxruntime-genai and
    transformers do), then temperature, top-k, top-p."""
    if sampling.repetition_penalty != 1.0:
        for r, row in enumerate(rows):
            seen = np.unique(np.fromiter((*row.prompt, *row.generated), dtype=np.int64))
            seen = seen[seen < logits.shape[1]]
            values = logits[r, seen]
            logits[r, seen] = np.where(
                values > 0,
                values / sampling.repetition_penalty,
                values * sampling.repetition_penalty,
            )
    best = logits.max(axis=1, keepdims=True)
    out = np.empty(len(rows), dtype=np.int64)
    logprob = np.empty(len(rows), dtype=np.float64)
    k = sampling.top_k
    for r in range(len(rows)):
        ids = np.flatnonzero(logits[r] > best[r, 0] - LOGIT_WINDOW)
        values = logits[r, ids]
        # log-sum-exp over the window: what lies below it adds under e^-20 per token.
        norm = float(best[r, 0]) + float(np.log(np.exp(values - best[r, 0]).sum()))
        if not sampling.do_sample:
            out[r] = int(logits[r].argmax())
            logprob[r] = float(logits[r, out[r]]) - norm
            continue
        if 0 < k < len(ids):
            head = np.argpartition(values, -k)[-k:]
            ids, values = ids[head], values[head]
        order = np.argsort(-values, kind="stable")
        ids, values = ids[order], values[order] / sampling.temperature
        probs = np.exp(values - values[0])
        probs /= probs.sum()
        if sampling.top_p < 1.0:
            # Keep the smallest head whose mass reaches top_p (at least one token).
            keep = int(np.searchsorted(np.cumsum(probs), sampling.top_p) + 1)
            ids, probs = ids[:keep], probs[:keep] / probs[:keep].sum()
        out[r] = ids[rng.choice(len(ids), p=probs)]
        logprob[r] = float(logits[r, out[r]]) - norm
    return out, logprob


def run_rows(
    decoder: Decoder,
    prompts: Sequence[Sequence[int]],
    rows_of: Sequence[int],
    *,
    budget: int,
    params: GenerationParams,
    seed: int | None,
    end_ids: frozenset[int],
    steer: Callable[[Logits, Sequence[int], int, Sequence[RowState]], None] | None,
    stop_check: Callable[[int, int], bool] | None,
) -> tuple[list[RowState], dict[str, int]]:
    """Generate for `rows_of[r]` = the prompt index of row r (a prompt's candidates are
    several rows). `steer(logits, live_rows, step, states)` may bar tokens in place;
    `stop_check(row, token)` says a row reached a stop sequence. Returns each row's
    state and the accounting (token slots computed in prefill and decode)."""
    distinct = sorted(set(rows_of))
    capacity = max(len(prompts[i]) for i in distinct) + budget
    cache, first, computed = decoder.prefill([prompts[i] for i in distinct], capacity)
    slot = {p: k for k, p in enumerate(distinct)}
    # Candidate rows of one prompt copy its prefilled cache row.
    order = np.array([slot[p] for p in rows_of], dtype=np.int64)
    if len(order) != len(distinct) or not np.array_equal(order, np.arange(len(distinct))):
        cache = [layer[order] for layer in cache]
    states = [RowState(prompts[p]) for p in rows_of]
    lengths = np.array([len(prompts[p]) for p in rows_of], dtype=np.int64)
    logits = first[order]
    live = list(range(len(rows_of)))  # batch position -> row
    rng = np.random.default_rng(seed)
    decode_computed = 0
    for step in range(budget):
        current = [states[r] for r in live]
        if steer is not None:
            steer(logits, live, step, states)
        tokens, logprobs = sample(logits, current, params, rng)
        for k, r in enumerate(live):
            token = int(tokens[k])
            state = states[r]
            if state.finished:  # riding along until the batch drops it
                continue
            if token in end_ids:
                state.finished = True
                continue
            state.generated.append(token)
            state.logprobs.append(float(logprobs[k]))
            if stop_check is not None and stop_check(r, token):
                state.finished = True
        if step == budget - 1:
            break
        ended = [k for k, r in enumerate(live) if states[r].finished]
        if len(ended) == len(live):
            break
        if len(ended) >= max(2, COMPACT_SHARE * len(live)):
            keep = np.array([k for k, r in enumerate(live) if not states[r].finished])
            cache = [layer[keep] for layer in cache]
            lengths, tokens = lengths[keep], tokens[keep]
            live = [live[k] for k in keep]
        decode_computed += len(live)
        logits = decoder.forward(cache, tokens[:, None], lengths)
        lengths = lengths + 1
    accounting = {"prefill_computed": computed, "decode_computed": decode_computed}
    return states, accounting


def log_softmax_at(logits: Logits, ids: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """log p(ids[r]) under row r's logits (temperature 1, no bans)."""
    best = logits.max(axis=1)
    norm = best + np.log(np.exp(logits - best[:, None]).sum(axis=1))
    picked = logits[np.arange(len(ids)), ids]
    out: npt.NDArray[np.float64] = (picked - norm).astype(np.float64)
    return out


def score_rows(
    decoder: Decoder, context: Sequence[int], continuations: Sequence[Sequence[int]]
) -> list[list[float]]:
    """Each continuation's tokens' log-probabilities after `context`, by teacher forcing:
    the context is computed once (its prefix shared through the prefix cache), each
    continuation is a copy of its row, and every step feeds each row its own next token.
    Rows whose continuation has ended ride along on their last token, unread."""
    if not continuations:
        return []
    if any(not c for c in continuations):
        raise ValueError("an empty continuation has nothing to score")
    longest = max(len(c) for c in continuations)
    cache, first, _ = decoder.prefill([context], len(context) + longest)
    rows = len(continuations)
    cache = [layer[np.zeros(rows, dtype=np.int64)] for layer in cache]
    logits = np.repeat(first, rows, axis=0)
    lengths = np.full(rows, len(context), dtype=np.int64)
    out: list[list[float]] = [[] for _ in range(rows)]
    for step in range(longest):
        tokens = np.array([c[min(step, len(c) - 1)] for c in continuations], dtype=np.int64)
        scores = log_softmax_at(logits, tokens)
        for r, c in enumerate(continuations):
            if step < len(c):
                out[r].append(float(scores[r]))
        if step == longest - 1:
            break
        logits = decoder.forward(cache, tokens[:, None], lengths)
        lengths = lengths + 1
    return out
