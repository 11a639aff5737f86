"""An exported model directory loaded into onnxruntime-genai, and batched generation on it.

onnxruntime-genai runs the decode loop: it keeps the KV cache (and, on CUDA, inputs, outputs
and sampling) on the device and pads a batch with an attention mask, which is what makes it
2-3x faster than a hand-written ORT loop here (docs/architecture.md, "Models"). What it
lacks and this module adds: chat rendering per prompt, grouping by length, several
candidates per prompt, stop sequences, and honest device selection.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from worker.catalog.locales import not_chinese
from worker.runtime.cached import (
    BANNED,
    Decoder,
    RowState,
    Shape,
    log_softmax_at,
    run_rows,
    score_rows,
)
from worker.runtime.device import (
    CPU_PROVIDER,
    CUDA_PROVIDER,
    Device,
    DeviceUnavailableError,
    cpu_threads,
    resolve_device,
)
from worker.runtime.generation import (
    Ban,
    FinishReason,
    GenerationParams,
    GenerationResult,
    Prompt,
    Row,
    cut_at_stop,
    plan_batches,
)
from worker.runtime.manifest import check_files, read_manifest

logger = logging.getLogger(__name__)

# onnxruntime-genai 0.18's Generator refuses a batch of more than 32 sequences.
MAX_BATCH_ROWS = 32


class RowOut(NamedTuple):
    """One row's output: its tokens, their text, why it ended, and the mean log-probability
    of its tokens (None from onnxruntime-genai's loop, which does not expose it)."""

    ids: list[int]
    text: str
    reason: FinishReason
    mean_logprob: float | None


def read_genai_config(model_dir: Path) -> dict[str, Any]:
    """The exported model's genai_config.json (onnxruntime-genai's description of it)."""
    config: dict[str, Any] = json.loads(
        (model_dir / "genai_config.json").read_text(encoding="utf-8")
    )
    return config


def context_length(genai_config: dict[str, Any]) -> int:
    """Tokens of context the model takes, prompt and output together."""
    return int(genai_config["model"].get("context_length", 2048))


class OnnxModel:
    """One model directory on one device. Build it with `load_model`, not directly."""

    def __init__(
        self,
        path: Path,
        device: Device,
        *,
        threads: int,
        max_batch_rows: int = MAX_BATCH_ROWS,
        cpu_decoder: str = "genai",
    ) -> None:
        import onnxruntime_genai as og

        if not 1 <= max_batch_rows <= MAX_BATCH_ROWS:
            raise ValueError(f"max_batch_rows must be in [1, {MAX_BATCH_ROWS}]")

        self.path = path
        self.manifest: dict[str, Any] = read_manifest(path)
        check_files(path, self.manifest)
        self.version: str = self.manifest["version"]
        self.name: str = self.manifest.get("name", path.name)
        self.device: Device = device
        self.threads = threads
        self.max_batch_rows = max_batch_rows
        target = self.manifest.get("target", {}).get("execution_provider", "cpu")
        if device == "cpu" and target == "cuda":
            raise DeviceUnavailableError(
                f"{path} was exported for CUDA ({self.manifest.get('target')}); export a CPU"
                " variant (shelfwriter export ... --device cpu) to run it without a GPU"
            )

        config = og.Config(str(path))
        config.clear_providers()
        if device == "cuda":
            config.append_provider("cuda")
        else:
            # Explicit: the default pool used one of two cores and halved speed here.
            config.overlay(
                json.dumps(
                    {
                        "model": {
                            "decoder": {
                                "session_options": {
                                    "intra_op_num_threads": threads,
                                    "inter_op_num_threads": 1,
                                }
                            }
                        }
                    }
                )
            )
        genai_config = read_genai_config(path)
        self.context_length: int = context_length(genai_config)
        self._og = og
        self._model = og.Model(config)
        actual = str(self._model.device_type).upper()
        if device == "cuda" and actual != "CUDA":
            raise DeviceUnavailableError(
                f"asked onnxruntime-genai for CUDA but the model runs on {actual}"
            )
        self.provider: str = CUDA_PROVIDER if actual == "CUDA" else CPU_PROVIDER
        self._tokenizer = og.Tokenizer(self._model)
        self.eos_token_ids: frozenset[int] = frozenset(
            int(t) for t in self._tokenizer.eos_token_ids
        )
        # Rows that ended are padded with the pad token; a generated pad token (Qwen's
        # <|endoftext|>, an end token upstream but not in this GGUF's config) ends a row too.
        self.end_token_ids: frozenset[int] = self.eos_token_ids | {
            int(self._tokenizer.pad_token_id)
        }
        self._lock = threading.Lock()
        # Where generation's compute goes (bench/pipeline.py, the worker's metrics): token
        # slots computed vs. kept, in prefill (padding to the batch's longest prompt) and in
        # decode (rows that ended early riding along until the batch's longest row ends).
        self.accounting: dict[str, int] = dict.fromkeys(ACCOUNTING_KEYS, 0)
        self._lock_classes = threading.Lock()
        self._classes: dict[str, npt.NDArray[np.bool_]] = {}
        self._pieces: Pieces | None = None  # built on the first steered batch
        # On the CPU, our own loop over the same graph shares prefill between rows
        # (worker/runtime/cached.py); onnxruntime-genai still tokenizes and serves CUDA.
        self._cached: Decoder | None = None
        if device == "cpu" and cpu_decoder == "cached":
            graph = path / str(genai_config["model"]["decoder"].get("filename", "model.onnx"))
            self._cached = Decoder(
                graph,
                Shape.from_config(genai_config),
                vocab=int(genai_config["model"]["vocab_size"]),
                threads=threads,
            )
        self.decoder = "cached" if self._cached is not None else "genai"
        logger.info(
            "loaded model %s version %s on %s (%s threads, %s decode loop)",
            self.name,
            self.version,
            self.provider,
            threads if device == "cpu" else "-",
            self.decoder,
        )

    def __repr__(self) -> str:
        return f"OnnxModel({self.name!r}, version={self.version!r}, provider={self.provider!r})"

    # -- text ------------------------------------------------------------------------------

    def render(self, prompt: Prompt) -> str:
        """The exact text the model sees: the chat template applied by onnxruntime-genai's
        tokenizer (it matched transformers' rendering on the parity prompts)."""
        if isinstance(prompt, str):
            return prompt
        messages = [{"role": m["role"], "content": m["content"]} for m in prompt]
        text: str = self._tokenizer.apply_chat_template(
            json.dumps(messages, ensure_ascii=False), add_generation_prompt=True
        )
        return text

    def encode(self, text: str) -> list[int]:
        return [int(t) for t in self._tokenizer.encode(text)]

    def decode(self, token_ids: Sequence[int]) -> str:
        text: str = self._tokenizer.decode(list(token_ids))
        return text

    def _token_classes(self) -> Callable[[int, Ban], npt.NDArray[np.bool_]]:
        """(vocab size, ban) → a mask over the vocabulary (built once per model and ban:
        decoding every token takes a second or two, a word's scan a few milliseconds)."""

        def mask(vocab: int, ban: Ban) -> npt.NDArray[np.bool_]:
            with self._lock_classes:
                if self._pieces is None or len(self._pieces.starts) != vocab:
                    pieces = [self.decode([i]) for i in range(vocab)]
                    self._pieces = Pieces.build(pieces)
                    self._classes = token_class_masks(pieces)
                if ban.startswith(LEXICON_BAN):
                    # One per product: not kept beyond the batch (the steering caches it).
                    return self._pieces.lexicon_mask(ban)
                if ban not in self._classes:
                    self._classes[ban] = self._pieces.word_mask(ban)
                return self._classes[ban]

        return mask

    # -- generation ------------------------------------------------------------------------

    def generate(
        self,
        prompts: Sequence[Prompt],
        params: GenerationParams | None = None,
        bans: Sequence[frozenset[Ban]] | None = None,
    ) -> list[GenerationResult]:
        """Generate for every prompt; results come back in the prompts' order. `bans[i]`:
        token classes prompt i's rows may not emit (grounded decoding)."""
        params = params or GenerationParams()
        if not prompts:
            return []
        if bans is not None and len(bans) != len(prompts):
            raise ValueError(f"{len(bans)} token bans for {len(prompts)} prompts")
        texts = [self.render(p) for p in prompts]
        encoded = [self.encode(t) for t in texts]
        lengths = [len(ids) for ids in encoded]
        rows_per_prompt = params.num_candidates if params.do_sample else 1
        rows_cap = min(params.max_batch_size or self.max_batch_rows, MAX_BATCH_ROWS)
        plan = plan_batches(lengths, rows_per_prompt, rows_cap)

        outputs: dict[tuple[int, int], RowOut] = {}
        # One batch at a time. Overlapping generators on one model in threads was measured on
        # an H100 (bench/gpu.py): +11% for SmolLM2, -20% for Qwen; separate worker processes
        # on the GPU scale instead (README, "Scaling out").
        with self._lock:
            for batch_no, rows in enumerate(plan.batches):
                seed = None if params.seed is None else params.seed + batch_no
                row_bans = [bans[r.prompt_index] if bans else frozenset() for r in rows]
                if self._cached is not None:
                    outs = self._run_batch_cached(encoded, rows, params, seed, row_bans)
                else:
                    outs = self._run_batch(texts, rows, params, seed, row_bans)
                for row, out in zip(rows, outs, strict=True):
                    outputs[(row.prompt_index, row.candidate_index)] = out

        results = []
        for i, n in enumerate(lengths):
            picks = [
                outputs[(i, c if params.do_sample else 0)] for c in range(params.num_candidates)
            ]
            results.append(
                GenerationResult(
                    candidates=[p.text for p in picks],
                    token_ids=[list(p.ids) for p in picks],
                    prompt_tokens=n,
                    completion_tokens=[len(p.ids) for p in picks],
                    finish_reasons=[p.reason for p in picks],
                    mean_logprobs=[p.mean_logprob for p in picks],
                )
            )
        return results

    def score(self, context: str, continuations: Sequence[str]) -> list[list[float]]:
        """Each continuation's tokens' log-probabilities after `context` (teacher forcing,
        temperature 1): how likely the model finds each of several wordings of the same
        facts (worker/content/fact_sentences.py). Plain text, no chat template."""
        context_ids = self.encode(context)
        ids = [self.encode(c) for c in continuations]
        with self._lock:
            if self._cached is not None:
                return score_rows(self._cached, context_ids, ids)
            return self._score_genai(context_ids, ids)

    def _score_genai(
        self, context: Sequence[int], continuations: Sequence[Sequence[int]]
    ) -> list[list[float]]:
        """`score` through onnxruntime-genai (CUDA): one row, the context appended once and
        each continuation fed token by token, then rewound (`rewind_to` takes any length
        on a one-row batch)."""
        og = self._og
        params = og.GeneratorParams(self._model)
        longest = max((len(c) for c in continuations), default=0)
        params.set_search_options(max_length=len(context) + longest + 1)
        generator = og.Generator(self._model, params)
        generator.append_tokens(np.array(context, dtype=np.int32))
        out: list[list[float]] = []
        for tokens in continuations:
            scores: list[float] = []
            for token in tokens:
                logits = np.asarray(generator.get_logits(), dtype=np.float32).reshape(1, -1)
                scores.append(float(log_softmax_at(logits, np.array([token]))[0]))
                generator.append_tokens(np.array([token], dtype=np.int32))
            out.append(scores)
            # Back to the context less its last token, which is fed again: the logits
            # rewinding leaves are the last continuation's, not the context's.
            generator.rewind_to(len(context) - 1)
            generator.append_tokens(np.array(context[-1:], dtype=np.int32))
        return out

    def _run_batch(
        self,
        texts: Sequence[str],
        rows: Sequence[Row],
        params: GenerationParams,
        seed: int | None,
        row_bans: Sequence[frozenset[Ban]],
    ) -> list[RowOut]:
        og = self._og
        tokens = self._tokenizer.encode_batch([texts[r.prompt_index] for r in rows])
        padded_len = int(tokens.shape()[1])
        if padded_len >= self.context_length:
            raise ValueError(
                f"prompt of {padded_len} tokens does not fit {self.name}'s context of"
                f" {self.context_length} tokens"
            )
        budget = min(params.max_new_tokens, self.context_length - padded_len)
        options: dict[str, Any] = {
            # past_present_share_buffer sizes the KV cache to max_length: keep it tight.
            "max_length": padded_len + budget,
            "batch_size": len(rows),
            "do_sample": params.do_sample,
            "repetition_penalty": params.repetition_penalty,
        }
        if params.do_sample:
            options.update(
                temperature=params.temperature,
                top_p=params.top_p,
                top_k=params.top_k,
                random_seed=-1 if seed is None else seed,
            )
        gen_params = og.GeneratorParams(self._model)
        gen_params.set_search_options(**options)
        generator = og.Generator(self._model, gen_params)
        generator.append_tokens(tokens)

        stops = params.stop
        steering = (
            _Steering(self._token_classes(), row_bans, budget, min(self.eos_token_ids))
            if params.end_at_sentence or any(row_bans)
            else None
        )
        # Only stop sequences and steering need tokens on the host each step; without them
        # the whole loop stays on the device and tokens are read once at the end.
        stop_step: list[int | None] = [None] * len(rows)
        step = 0
        if stops or steering is not None:
            watch = _StopWatch(self._tokenizer, len(rows), stops)
            finished = [False] * len(rows)
            while not generator.is_done():
                if steering is not None:
                    steering.apply(generator, step, finished, params.end_at_sentence)
                generator.generate_next_token()
                step += 1
                next_tokens = generator.get_next_tokens()
                for r in range(len(rows)):
                    if finished[r]:
                        continue
                    token = int(next_tokens[r])
                    if steering is not None:
                        steering.last[r] = token
                    if token in self.end_token_ids:
                        finished[r] = True
                        continue
                    if stops and watch.hit(r, token):
                        finished[r] = True
                        stop_step[r] = step
                if all(finished):
                    break
        else:
            while not generator.is_done():
                generator.generate_next_token()
                step += 1

        outs: list[RowOut] = []
        for r in range(len(rows)):
            new = [int(t) for t in generator.get_sequence(r)[padded_len:]]
            cut = stop_step[r]
            if cut is not None:
                new = new[:cut]
            outs.append(RowOut(*self._finish(new, budget, stops), None))
        del generator
        prefill = len(rows) * padded_len
        self._account(rows, outs, prefill, sum(r.prompt_tokens for r in rows), len(rows) * step)
        return outs

    def _finish(
        self, new: list[int], budget: int, stops: Sequence[str]
    ) -> tuple[list[int], str, FinishReason]:
        """A row's tokens up to its end token, its text up to its stop sequence, and why
        it ended."""
        # When the last running row ends, onnxruntime-genai stops without appending its
        # end token: a row shorter than the budget with no end token ended that way.
        reason: FinishReason = "length" if len(new) >= budget else "eos"
        for k, t in enumerate(new):
            if t in self.end_token_ids:
                new, reason = new[:k], "eos"
                break
        text = self.decode(new)
        if stops:
            text, hit = cut_at_stop(text, stops)
            if hit:
                reason = "stop"
        return new, text, reason

    def _account(
        self,
        rows: Sequence[Row],
        outs: Sequence[RowOut],
        prefill_computed: int,
        prefill_real: int,
        decode_computed: int,
    ) -> None:
        acc = self.accounting
        acc["batches"] += 1
        acc["rows"] += len(rows)
        acc["prefill_computed"] += prefill_computed
        acc["prefill_real"] += prefill_real
        # Prompt tokens the rows needed that were not computed for them: the common prefix
        # taken from the cache, a sibling candidate's prefill (the cached loop).
        acc["prefill_shared"] += max(sum(r.prompt_tokens for r in rows) - prefill_real, 0)
        acc["decode_computed"] += decode_computed
        acc["decode_kept"] += sum(len(out.ids) for out in outs)

    def _run_batch_cached(
        self,
        encoded: Sequence[Sequence[int]],
        rows: Sequence[Row],
        params: GenerationParams,
        seed: int | None,
        row_bans: Sequence[frozenset[Ban]],
    ) -> list[RowOut]:
        """One batch on our own CPU loop (worker/runtime/cached.py): each distinct prompt
        prefilled once on top of the cached common prefix, its candidates copying it."""
        assert self._cached is not None
        longest = max(r.prompt_tokens for r in rows)
        if longest >= self.context_length:
            raise ValueError(
                f"prompt of {longest} tokens does not fit {self.name}'s context of"
                f" {self.context_length} tokens"
            )
        budget = min(params.max_new_tokens, self.context_length - longest)
        steering = (
            _Steering(self._token_classes(), row_bans, budget, min(self.eos_token_ids))
            if params.end_at_sentence or any(row_bans)
            else None
        )
        stops = params.stop
        watch = _StopWatch(self._tokenizer, len(rows), stops) if stops else None

        def steer(
            logits: npt.NDArray[np.float32],
            live: Sequence[int],
            step: int,
            states: Sequence[RowState],
        ) -> None:
            assert steering is not None
            for r in live:
                steering.last[r] = states[r].generated[-1] if states[r].generated else None
            finished = [states[r].finished for r in live]
            steering.mask(logits, live, step, finished, params.end_at_sentence)

        states, acc = run_rows(
            self._cached,
            [list(ids) for ids in encoded],
            [r.prompt_index for r in rows],
            budget=budget,
            params=params,
            seed=seed,
            end_ids=self.end_token_ids,
            steer=steer if steering is not None else None,
            stop_check=watch.hit if watch is not None else None,
        )
        outs = []
        for state in states:
            ids, text, reason = self._finish(state.generated, budget, stops)
            scores = state.logprobs[: len(ids)]
            outs.append(RowOut(ids, text, reason, sum(scores) / len(scores) if scores else None))
        computed = acc["prefill_computed"]
        self._account(rows, outs, computed, computed, acc["decode_computed"])
        return outs


class _StopWatch:
    """Per row, the text decoded so far (as much as the longest stop sequence needs), to
    tell when a row has written one of `stops`; both decode loops ask it each token."""

    def __init__(self, tokenizer: Any, rows: int, stops: Sequence[str]) -> None:
        self.stops = stops
        self.window = max((len(s) for s in stops), default=0)
        self.streams = [tokenizer.create_stream() for _ in range(rows)]
        self.tails = [""] * rows

    def hit(self, row: int, token: int) -> bool:
        piece = self.streams[row].decode(token)
        self.tails[row] = (self.tails[row] + piece)[-(self.window + len(piece)) :]
        return any(s in self.tails[row] for s in self.stops)


ACCOUNTING_KEYS = (
    "batches",
    "rows",
    "prefill_computed",
    "prefill_real",
    "prefill_shared",
    "decode_computed",
    "decode_kept",
)


# Near the end of the budget (this many tokens left), a row that has just ended a sentence
# ends there: the next sentence would be cut.
SENTENCE_END_TAIL = 24
_SENTENCE_END_CHARS = tuple("。！？.!?")


def token_class_masks(pieces: Sequence[str]) -> dict[str, npt.NDArray[np.bool_]]:
    """For each token class, which of these decoded tokens belong to it."""

    def mask(test: Callable[[str], bool]) -> npt.NDArray[np.bool_]:
        return np.fromiter((test(p) for p in pieces), dtype=np.bool_, count=len(pieces))

    return {
        "digit": mask(lambda p: any(c.isdigit() for c in p)),
        "contact": mask(
            lambda p: "@" in p or any(w in p.lower() for w in ("http", "www", ".com", "://"))
        ),
        "superlative": mask(
            lambda p: "最" in p or p.strip().lower() in ("best", "cheapest", "bestseller")
        ),
        "sentence_end": mask(lambda p: p.rstrip().endswith(_SENTENCE_END_CHARS)),
        "foreign_script": mask(lambda p: any(not_chinese(c) for c in p)),
    }


# "lexicon:" + words joined by LEXICON_SEP: a row may emit only tokens that spell these words
# (a Latin token: the start of one, after a space, or a piece of one; a Han token: only
# these words' characters), punctuation and digits (digits have their own ban).
LEXICON_BAN = "lexicon:"
LEXICON_SEP = "\x1f"
_FREE_PIECE = re.compile(r"[\W\d_]*", re.UNICODE)
_HAN_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_NOT_LETTER = re.compile(r"[\W\d_]+", re.UNICODE)


def lexicon_ban(words: Sequence[str]) -> Ban:
    return LEXICON_BAN + LEXICON_SEP.join(sorted({w.lower() for w in words if w}))


@dataclass(frozen=True)
class Pieces:
    """Every token of a vocabulary decoded alone, indexed for word bans: the pieces joined
    into one string (a Han word is found by one regex scan, not a loop over 150k tokens)
    and the ids of each stripped, lower-cased piece (a Latin word is one lookup), plus the
    index a lexicon ban needs (`lexicon_mask`), so that a product's lexicon costs array
    operations, not a Python loop over the vocabulary."""

    joined: str
    starts: npt.NDArray[np.int64]
    by_word: dict[str, list[int]]
    # Lexicon index. Latin tokens: the id of the token's letters (its "core", in `cores`;
    # -1 for a Han or a free token) and whether it starts a word (a leading space).
    core_id: npt.NDArray[np.int64]
    spaced: npt.NDArray[np.bool_]
    cores: dict[str, int]
    # Han tokens: their ids, and their characters' ids (in `chars`) flattened, with the
    # offset of each token's first character.
    han_tokens: npt.NDArray[np.int64]
    han_chars: npt.NDArray[np.int64]
    han_offsets: npt.NDArray[np.int64]
    chars: dict[str, int]

    @classmethod
    def build(cls, pieces: Sequence[str]) -> Pieces:
        starts = np.cumsum([0] + [len(p) + 1 for p in pieces[:-1]], dtype=np.int64)
        by_word: dict[str, list[int]] = {}
        core_id = np.full(len(pieces), -1, dtype=np.int64)
        spaced = np.zeros(len(pieces), dtype=np.bool_)
        cores: dict[str, int] = {}
        chars: dict[str, int] = {}
        han_tokens: list[int] = []
        han_chars: list[int] = []
        han_offsets: list[int] = []
        for i, p in enumerate(pieces):
            lowered = p.lower()
            stripped = lowered.strip()
            by_word.setdefault(stripped, []).append(i)
            if _FREE_PIECE.fullmatch(p):
                continue
            han = _HAN_CHAR.findall(stripped)
            if han:
                han_tokens.append(i)
                han_offsets.append(len(han_chars))
                han_chars.extend(chars.setdefault(c, len(chars)) for c in han)
                continue
            core = _NOT_LETTER.sub("", stripped)
            core_id[i] = cores.setdefault(core, len(cores))
            spaced[i] = lowered[:1].isspace()
        return cls(
            "\0".join(pieces),
            starts,
            by_word,
            core_id,
            spaced,
            cores,
            np.array(han_tokens, dtype=np.int64),
            np.array(han_chars, dtype=np.int64),
            np.array(han_offsets, dtype=np.int64),
            chars,
        )

    def word_mask(self, ban: Ban) -> npt.NDArray[np.bool_]:
        """Tokens a "word:W" ban bars: those containing W (Han: a token often carries a
        whole word and more), or those that are W (Latin: "proof" inside "waterproof" is no
        ban)."""
        if not ban.startswith("word:"):
            raise ValueError(f"unknown token ban {ban!r}")
        word = ban[len("word:") :].lower()
        mask = np.zeros(len(self.starts), dtype=np.bool_)
        if word.isascii():
            mask[self.by_word.get(word, [])] = True
            return mask
        found = [m.start() for m in re.finditer(re.escape(word), self.joined)]
        mask[np.searchsorted(self.starts, found, side="right") - 1] = True
        return mask

    def lexicon_mask(self, ban: Ban) -> npt.NDArray[np.bool_]:
        """Tokens a "lexicon:" ban bars: every token that cannot be part of its words (a
        word-starting Latin token must begin one, any other must lie inside one; a Han
        token may carry only their characters); punctuation and digits stay free.
        Hand-written rather than a `set_guidance` grammar: a grammar is set per generator,
        so a batch of products with a lexicon each would decode one product at a time; a
        mask per row keeps the batch."""
        if not ban.startswith(LEXICON_BAN):
            raise ValueError(f"unknown token ban {ban!r}")
        words = ban[len(LEXICON_BAN) :].split(LEXICON_SEP)
        prefixes: set[int] = set()
        inner: set[int] = set()
        allowed_chars = np.zeros(len(self.chars) + 1, dtype=np.bool_)
        for w in words:
            for c in _HAN_CHAR.findall(w):
                if c in self.chars:
                    allowed_chars[self.chars[c]] = True
            if not w.isascii():
                continue
            for i in range(len(w)):
                if (start := self.cores.get(w[: i + 1])) is not None:
                    prefixes.add(start)
                for j in range(i + 1, len(w) + 1):
                    if (piece := self.cores.get(w[i:j])) is not None:
                        inner.add(piece)
        latin = self.core_id >= 0
        ok = np.where(
            self.spaced,
            np.isin(self.core_id, list(prefixes)),
            np.isin(self.core_id, list(inner)),
        )
        mask = latin & ~ok
        if len(self.han_tokens):
            han_ok = np.logical_and.reduceat(allowed_chars[self.han_chars], self.han_offsets)
            mask[self.han_tokens] = ~han_ok
        return mask


class _Steering:
    """Grounded decoding over one batch, through onnxruntime-genai's `set_logits`: each
    step, a row's banned token classes get no probability, and near the end of the budget
    a row whose last token ended a sentence is made to end."""

    def __init__(
        self,
        classes: Callable[[int, Ban], npt.NDArray[np.bool_]],
        row_bans: Sequence[frozenset[Ban]],
        budget: int,
        eos: int,
    ) -> None:
        self.classes = classes
        self.row_bans = row_bans
        self.budget = budget
        self.eos = eos
        self.last: list[int | None] = [None] * len(row_bans)
        self._masks: dict[frozenset[Ban], npt.NDArray[np.int64]] = {}

    def _mask(self, bans: frozenset[Ban], vocab: int) -> npt.NDArray[np.int64]:
        """The banned token ids (an index of a few thousand ids writes faster than a
        boolean mask over the whole vocabulary)."""
        if bans not in self._masks:
            mask = np.zeros(vocab, dtype=np.bool_)
            for ban in bans:
                mask |= self.classes(vocab, ban)
            self._masks[bans] = np.flatnonzero(mask)
        return self._masks[bans]

    def apply(self, generator: Any, step: int, finished: Sequence[bool], end: bool) -> None:
        logits = generator.get_logits()  # (rows, 1, vocab), float32, on the host
        rows = range(logits.shape[0])
        self.mask(logits.reshape(logits.shape[0], -1), rows, step, finished, end)
        generator.set_logits(logits)

    def mask(
        self,
        logits: npt.NDArray[np.float32],
        rows: Sequence[int],
        step: int,
        finished: Sequence[bool],
        end: bool,
    ) -> None:
        """Bar, in place, what each row may not emit: `logits[k]` is row `rows[k]`'s."""
        vocab = int(logits.shape[-1])
        ending = end and self.budget - step <= SENTENCE_END_TAIL
        ends = self.classes(vocab, "sentence_end") if ending else None
        for k, r in enumerate(rows):
            bans = self.row_bans[r]
            if finished[k]:
                continue
            last = self.last[r]
            if ends is not None and last is not None and last < vocab and ends[last]:
                logits[k] = BANNED
                logits[k, self.eos] = 0.0
            elif bans:
                logits[k, self._mask(bans, vocab)] = BANNED


_models: dict[tuple[str, str, str, int, int, str], OnnxModel] = {}
_models_pid = os.getpid()
_models_lock = threading.Lock()


def load_model(
    path: Path | str,
    device: str | None = None,
    *,
    threads: int | None = None,
    max_batch_rows: int | None = None,
    cpu_decoder: str | None = None,
) -> OnnxModel:
    """The model at `path`, loaded once per process and device.

    Call it where the work runs (inside the task), never in a parent that forks: CUDA is not
    fork-safe, and the cache is dropped when it finds itself in a forked child.
    `device` defaults to SHELFWRITER_DEVICE: auto | cuda (fail if CUDA can't run) | cpu.
    """
    global _models_pid
    if device is None or threads is None or max_batch_rows is None or cpu_decoder is None:
        from worker.config import get_settings

        settings = get_settings()
        cpu_decoder = settings.cpu_decoder if cpu_decoder is None else cpu_decoder
        device = settings.device if device is None else device
        threads = settings.cpu_threads if threads is None else threads
        max_batch_rows = settings.gen_max_batch_rows if max_batch_rows is None else max_batch_rows
    resolved_path = Path(path).expanduser().resolve()
    n_threads = cpu_threads(threads)
    resolved_device = resolve_device(device)
    # The manifest version is part of the key: a new model deployed at the same path is
    # loaded on the next call. (Keyed by path alone, a long-lived worker would keep writing
    # with the old model while the planner, reading the manifest, calls everything stale.)
    version = str(read_manifest(resolved_path)["version"])
    key = (str(resolved_path), version, device, n_threads, max_batch_rows, cpu_decoder)
    with _models_lock:
        if _models_pid != os.getpid():  # inherited from a parent through fork: unusable
            _models.clear()
            _models_pid = os.getpid()
        model = _models.get(key)
        if model is None:
            for stale in [k for k in _models if k[0] == key[0] and k[1] != version]:
                del _models[stale]  # the superseded model's memory goes with it
            started = time.perf_counter()
            model = OnnxModel(
                resolved_path,
                resolved_device,
                threads=n_threads,
                max_batch_rows=max_batch_rows,
                cpu_decoder=cpu_decoder,
            )
            _models[key] = model
            # One line per load: operators (and bench/pipeline.py) see what a start costs.
            logger.info(
                "loaded model %s (%s) on %s in %.1fs",
                resolved_path.name,
                version[:12],
                model.provider,
                time.perf_counter() - started,
            )
        return model


def clear_model_cache() -> None:
    with _models_lock:
        _models.clear()
