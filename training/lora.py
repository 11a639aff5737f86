"""LoRA fine-tuning of a causal LM on training pairs, with transformers' Trainer and peft.

- Tokens: the prompt is rendered with the checkpoint's chat template exactly as the runtime
  renders it (`add_generation_prompt=True`) and tokenised alone, as the runtime does; the
  assistant turn (reference + end-of-turn token) follows. Loss only on the assistant turn:
  the prompt's labels are -100.
- Early stopping on the dev pairs' loss (evaluated every `eval_every` steps, `patience`
  evaluations without improvement); the best adapter is loaded back at the end.
- Seeded (LoRA init, data order, dropout); CUDA when there is one, else the CPU.
- bf16 autocast with fp32 master weights (so the merged checkpoint is fp32) wherever the
  hardware multiplies bf16 natively: CUDA, and CPUs with AMX or AVX512-BF16.
- Logits only where the loss looks: the prompt's labels are masked, and on Qwen2.5-0.5B the
  152k-word output layer is about a quarter of the FLOPs and most of the activation memory.
  bench/finetune_step.py measures both: 3.1× per step on a 2-core AMX CPU.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import math
import os
import sys
import tempfile
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import torch  # after HF_HUB_OFFLINE: nothing here may reach a hub
import torch.nn.functional as F
from peft import LoraConfig, get_peft_model
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    DataCollatorForSeq2Seq,
    EarlyStoppingCallback,
    Trainer,
    TrainerCallback,
    TrainingArguments,
    set_seed,
)
from transformers.trainer_callback import PrinterCallback, ProgressCallback
from transformers.utils import logging as hf_logging

if TYPE_CHECKING:
    # Types only: this module needs no worker code, so it also runs where only torch,
    # transformers and peft are installed (a GPU box training on pairs made elsewhere).
    from training.pairs import Pair

TrainDevice = Literal["auto", "cpu", "cuda"]
Precision = Literal["auto", "fp32", "bf16"]
IGNORE_INDEX = -100  # the label value PyTorch's cross-entropy (and so transformers) skips
# Every linear layer of the Llama/Qwen2 blocks: adapters on the MLP too learn a style much
# better than attention-only ones, for a few more trainable parameters.
TARGET_MODULES = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")


@dataclass(frozen=True)
class LoraOptions:
    steps: int = 300  # at most; early stopping may end sooner
    lr: float = 2e-4
    r: int = 16
    alpha: int | None = None  # default 2 × r
    dropout: float = 0.05
    batch_size: int = 8
    grad_accum: int = 1
    eval_every: int = 50
    patience: int = 3
    max_length: int = 384  # pairs longer than this are left out, never cut mid-reference
    warmup_steps: int = 10
    seed: int = 20261122
    device: TrainDevice = "auto"
    precision: Precision = "auto"  # auto: bf16 where the hardware has it (see bf16_native)

    def lora_config(self) -> dict[str, Any]:
        return {
            "r": self.r,
            "lora_alpha": self.alpha or 2 * self.r,
            "lora_dropout": self.dropout,
            "target_modules": list(TARGET_MODULES),
        }


@dataclass(frozen=True)
class Encoded:
    input_ids: list[int]
    labels: list[int]  # IGNORE_INDEX on the prompt

    @property
    def prompt_length(self) -> int:
        return next(i for i, label in enumerate(self.labels) if label != IGNORE_INDEX)

    def as_features(self) -> dict[str, list[int]]:
        return {
            "input_ids": self.input_ids,
            "attention_mask": [1] * len(self.input_ids),
            "labels": self.labels,
        }


@dataclass
class Evaluation:
    step: int
    dev_loss: float
    train_loss: float | None  # mean training loss since the previous evaluation


@dataclass
class TrainResult:
    model: Any  # peft.PeftModel with the best adapter loaded
    tokenizer: Any
    device: str
    bf16: bool
    steps: int  # optimizer steps taken
    best_step: int | None  # None: no evaluation beat the untrained model
    best_dev_loss: float | None
    initial_dev_loss: float
    stopped_early: bool
    train_pairs: int
    dev_pairs: int
    skipped_too_long: int
    seconds: float
    history: list[Evaluation] = field(default_factory=list)


def render_prompt(tokenizer: Any, pair: Pair) -> str:
    text: str = tokenizer.apply_chat_template(
        pair.prompt, add_generation_prompt=True, tokenize=False
    )
    return text


def encode_pair(tokenizer: Any, pair: Pair, max_length: int) -> Encoded | None:
    """Prompt tokens (masked) + assistant-turn tokens; None when longer than `max_length`."""
    prompt_text = render_prompt(tokenizer, pair)
    full_text: str = tokenizer.apply_chat_template(pair.messages(), tokenize=False)
    if not full_text.startswith(prompt_text):
        raise ValueError("the chat template renders the prompt differently inside a full chat")
    # The assistant turn as the template closes it, minus the newline after the end-of-turn
    # token: generation stops at that token, so nothing after it is ever produced.
    answer = full_text[len(prompt_text) :].rstrip("\n")
    eos = tokenizer.eos_token
    if eos and not answer.endswith(eos):
        answer += eos  # a template that leaves the turn open: the model must learn to stop
    prompt_ids: list[int] = tokenizer(prompt_text, add_special_tokens=False)["input_ids"]
    answer_ids: list[int] = tokenizer(answer, add_special_tokens=False)["input_ids"]
    if len(prompt_ids) + len(answer_ids) > max_length:
        return None
    return Encoded(prompt_ids + answer_ids, [IGNORE_INDEX] * len(prompt_ids) + list(answer_ids))


def resolve_train_device(device: TrainDevice) -> str:
    if device == "cuda" and not torch.cuda.is_available():
        raise RuntimeError("--device cuda: PyTorch sees no usable CUDA device here")
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return device


def bf16_native(device: str) -> bool:
    """Whether `device` multiplies bf16 in hardware. Elsewhere bf16 autocast is emulated
    and slower than fp32, so `auto` keeps fp32 there."""
    if device == "cuda":
        return bool(torch.cuda.is_bf16_supported())
    # torch.cpu has no public probe; these two are what oneDNN dispatches bf16 GEMMs on.
    amx = getattr(torch.cpu, "_is_amx_tile_supported", lambda: False)
    avx512_bf16 = getattr(torch.cpu, "_is_avx512_bf16_supported", lambda: False)
    return bool(amx() or avx512_bf16())


def resolve_precision(precision: Precision, device: str) -> bool:
    """True to train under bf16 autocast."""
    if precision == "auto":
        return bf16_native(device)
    if precision == "bf16" and device == "cuda" and not bf16_native(device):
        raise RuntimeError("--precision bf16: this GPU has no bf16")
    return precision == "bf16"


# Distinct padded lengths a CPU run may see: each new shape costs oneDNN a new kernel and
# the allocator new blocks, so lengths are rounded up (about 6% more tokens on average).
CPU_PAD_MULTIPLE = 32


def bound_cpu_heap() -> None:
    """Stop glibc from keeping freed activations. Its mmap threshold grows to 32 MB after the
    first large free, so later activation buffers (tens of MB, a new size at each padded
    length) come from the heap and fragment it: a 0.5B CPU fine-tune grew to 22 GB of
    resident memory and was OOM-killed at step 90. A fixed threshold sends them back to
    the kernel on free. No-op off glibc."""
    if not sys.platform.startswith("linux"):
        return
    name = ctypes.util.find_library("c")
    if name is None:
        return
    libc = ctypes.CDLL(name)
    m_mmap_threshold = -3  # <malloc.h>; setting it also turns the dynamic threshold off
    if hasattr(libc, "mallopt"):
        libc.mallopt(m_mmap_threshold, 4 << 20)


def answer_logits_start(labels: torch.Tensor) -> int:
    """The first position whose logits any row's loss uses (position t predicts label t+1);
    every scored position of every row lies in [start, length), whichever side pads."""
    scored = (labels[:, 1:] != IGNORE_INDEX).any(dim=0).nonzero()
    return int(scored[0]) if len(scored) else labels.shape[1] - 1


def answer_loss(model: Any, inputs: dict[str, Any]) -> tuple[torch.Tensor, Any]:
    """(mean cross-entropy over the answer tokens, model outputs): the loss transformers
    computes from `labels`, with logits only from the first answer position on."""
    inputs = dict(inputs)
    labels: torch.Tensor = inputs.pop("labels")
    start = answer_logits_start(labels)
    outputs = model(**inputs, logits_to_keep=labels.shape[1] - start)
    logits = outputs.logits[:, :-1, :]
    loss = F.cross_entropy(
        logits.float().reshape(-1, logits.shape[-1]),
        labels[:, start + 1 :].reshape(-1),
        ignore_index=IGNORE_INDEX,
    )
    return loss, outputs


class _AnswerOnlyTrainer(Trainer):
    """Trainer whose loss is `answer_loss`."""

    loss_is_scaled_for_ga = False  # a per-batch mean: the Trainer divides by accumulation

    def compute_loss(
        self,
        model: torch.nn.Module,
        inputs: dict[str, Any],
        return_outputs: bool = False,
        num_items_in_batch: torch.Tensor | int | None = None,
    ) -> Any:
        loss, outputs = answer_loss(model, inputs)
        return (loss, outputs) if return_outputs else loss


class _RichProgress(TrainerCallback):
    """Steps, the running training loss and the last dev loss, on a rich progress bar."""

    def __init__(self, console: Console, total: int) -> None:
        self.progress = Progress(
            TextColumn("[bold]fine-tune"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[loss]}"),
            TimeElapsedColumn(),
            console=console,
        )
        self.task = self.progress.add_task("steps", total=total, loss="")
        self.train_loss: float | None = None
        self.dev_loss: float | None = None

    def _fields(self) -> str:
        train = f"train {self.train_loss:.3f}" if self.train_loss is not None else "train -"
        dev = f"dev {self.dev_loss:.3f}" if self.dev_loss is not None else "dev -"
        return f"{train}  {dev}"

    def on_train_begin(self, *args: Any, **kwargs: Any) -> None:
        self.progress.start()

    def on_step_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        self.progress.update(self.task, completed=state.global_step, loss=self._fields())

    def on_log(self, args: Any, state: Any, control: Any, logs: Any = None, **kw: Any) -> None:
        logs = logs or {}
        if "loss" in logs:
            self.train_loss = float(logs["loss"])
        if "eval_loss" in logs:
            self.dev_loss = float(logs["eval_loss"])
            self.progress.console.log(
                f"step {state.global_step}: dev loss {self.dev_loss:.4f}"
                + (f", train loss {self.train_loss:.4f}" if self.train_loss is not None else "")
            )
        self.progress.update(self.task, loss=self._fields())

    def on_train_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        self.progress.update(self.task, completed=state.global_step)
        self.progress.stop()


def _history(log_history: Sequence[dict[str, Any]]) -> tuple[float, list[Evaluation]]:
    """(dev loss before training, one Evaluation per later evaluation) from the Trainer's log."""
    initial = math.nan
    out: list[Evaluation] = []
    train_losses: list[float] = []
    for entry in log_history:
        if "loss" in entry:
            train_losses.append(float(entry["loss"]))
        if "eval_loss" in entry:
            step = int(entry.get("step", 0))
            if step == 0:
                initial = float(entry["eval_loss"])
                continue
            mean = sum(train_losses) / len(train_losses) if train_losses else None
            out.append(Evaluation(step, float(entry["eval_loss"]), mean))
            train_losses = []
    return initial, out


def train_lora(
    hf_dir: Path,
    train_pairs: Sequence[Pair],
    dev_pairs: Sequence[Pair],
    options: LoraOptions,
    *,
    console: Console | None = None,
    work_dir: Path | None = None,
) -> TrainResult:
    """Train a LoRA adapter on `train_pairs`; returns the model with the best adapter."""
    console = console or Console(stderr=True)
    started = time.perf_counter()
    # tqdm bars (loading weights) would tear through the rich one.
    hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    device = resolve_train_device(options.device)
    set_seed(options.seed)
    tokenizer: Any = AutoTokenizer.from_pretrained(str(hf_dir))
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token  # padded positions are masked anyway

    def encode_all(pairs: Sequence[Pair]) -> list[dict[str, list[int]]]:
        encoded = [encode_pair(tokenizer, p, options.max_length) for p in pairs]
        return [e.as_features() for e in encoded if e is not None]

    train_set, dev_set = encode_all(train_pairs), encode_all(dev_pairs)
    skipped = len(train_pairs) + len(dev_pairs) - len(train_set) - len(dev_set)
    if not train_set or not dev_set:
        raise ValueError(
            f"nothing to train on: {len(train_set)} train and {len(dev_set)} dev pairs fit"
            f" in {options.max_length} tokens (of {len(train_pairs)} and {len(dev_pairs)})"
        )

    base: Any = AutoModelForCausalLM.from_pretrained(str(hf_dir), dtype=torch.float32)
    with warnings.catch_warnings():
        # peft 0.21 reads transformers' deprecated `is_gradient_checkpointing`: not ours.
        warnings.filterwarnings("ignore", "`is_gradient_checkpointing`", FutureWarning)
        config = LoraConfig(task_type="CAUSAL_LM", **options.lora_config())
        model: Any = get_peft_model(base, config)
    bf16 = resolve_precision(options.precision, device)
    if device == "cpu":
        bound_cpu_heap()

    with tempfile.TemporaryDirectory(prefix="shelfwriter-lora-", dir=work_dir) as checkpoints:
        args = TrainingArguments(
            output_dir=checkpoints,
            max_steps=options.steps,
            per_device_train_batch_size=options.batch_size,
            per_device_eval_batch_size=options.batch_size * 2,
            gradient_accumulation_steps=options.grad_accum,
            learning_rate=options.lr,
            warmup_steps=min(options.warmup_steps, max(options.steps // 10, 0)),
            lr_scheduler_type="linear",
            eval_strategy="steps",
            eval_steps=options.eval_every,
            eval_on_start=True,  # the untrained model's dev loss: the number to beat
            save_strategy="steps",
            save_steps=options.eval_every,
            save_only_model=True,  # adapter only: no optimizer state to write each time
            load_best_model_at_end=True,
            metric_for_best_model="eval_loss",
            greater_is_better=False,
            logging_steps=max(1, min(10, options.eval_every)),
            train_sampling_strategy="group_by_length",  # less padding: a big win on a CPU
            seed=options.seed,
            data_seed=options.seed,
            use_cpu=device == "cpu",
            bf16=bf16,
            # Dev evaluation needs the loss only: gathering its logits (pairs × length ×
            # vocabulary floats) cost gigabytes and most of each evaluation's time.
            prediction_loss_only=True,
            report_to="none",
            disable_tqdm=True,
            dataloader_num_workers=0,
        )
        progress = _RichProgress(console, options.steps)
        trainer = _AnswerOnlyTrainer(
            model=model,
            args=args,
            train_dataset=train_set,  # a list is a map-style dataset
            eval_dataset=dev_set,
            processing_class=tokenizer,
            data_collator=DataCollatorForSeq2Seq(
                tokenizer,
                padding=True,
                label_pad_token_id=IGNORE_INDEX,
                pad_to_multiple_of=CPU_PAD_MULTIPLE if device == "cpu" else 8,
            ),
            callbacks=[EarlyStoppingCallback(early_stopping_patience=options.patience)],
        )
        trainer.remove_callback(PrinterCallback)
        trainer.remove_callback(ProgressCallback)
        trainer.add_callback(progress)
        trainer.train()
        state = trainer.state

    initial, history = _history(state.log_history)
    best = state.best_metric
    best_step = state.best_global_step or None
    improved = best is not None and best < initial
    model.eval()
    return TrainResult(
        model=model,
        tokenizer=tokenizer,
        device=device,
        bf16=bf16,
        steps=int(state.global_step),
        best_step=best_step if improved else None,
        best_dev_loss=float(best) if best is not None else None,
        initial_dev_loss=initial,
        stopped_early=state.global_step < options.steps,
        train_pairs=len(train_set),
        dev_pairs=len(dev_set),
        skipped_too_long=skipped,
        seconds=round(time.perf_counter() - started, 1),
        history=history,
    )
