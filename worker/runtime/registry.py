"""Default models per locale and where their exported directories live.

docs/architecture.md, "Models": SmolLM2-135M-Instruct is the small English model (fp32 on
CPU: int8 agreed with fp32 on only 2/8 prompts, int4 degrades badly);
Qwen2.5-Coder-0.5B-Instruct int8 writes Chinese (and English). GPUs get fp16 builds made
with `-e cuda`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from worker.catalog.locales import serving_language
from worker.runtime.device import Device, resolve_device

if TYPE_CHECKING:
    from worker.runtime.model import OnnxModel

# The export recipe's choices: one definition for the exporter, fine-tuning and the CLIs.
Quantize = Literal["none", "int8", "int4"]
DType = Literal["fp32", "fp16"]
# "auto": as the base model's own build (a fine-tune replaces its base like for like).
QuantizeOrAuto = Literal[Quantize, "auto"]
DTypeOrAuto = Literal[DType, "auto"]

SMOLLM2 = "smollm2-135m-instruct"
QWEN_CODER = "qwen2.5-coder-0.5b-instruct"


@dataclass(frozen=True)
class ModelVariant:
    """One export of a named model: what `shelfwriter export NAME ...` options produce."""

    name: str
    device: Device
    quantize: Quantize = "none"
    dtype: DType = "fp32"

    @property
    def dirname(self) -> str:
        precision = self.dtype if self.quantize == "none" else self.quantize
        return f"{self.name}-{self.device}-{precision}"


# language -> device -> variant
DEFAULT_MODELS: dict[str, dict[Device, ModelVariant]] = {
    # Qwen writes English too, and measured better than SmolLM2-135M on every copy goal
    # (evaluation/results/README.md, "Default models": chrF 34.1 vs 20.7 on Myntra, and
    # SmolLM2 invents makers and companies the guards cannot all catch), at 0.4x the speed.
    "en": {
        "cpu": ModelVariant(QWEN_CODER, "cpu", "int8", "fp32"),
        "cuda": ModelVariant(QWEN_CODER, "cuda", "none", "fp16"),
    },
    "zh": {
        "cpu": ModelVariant(QWEN_CODER, "cpu", "int8", "fp32"),
        "cuda": ModelVariant(QWEN_CODER, "cuda", "none", "fp16"),
    },
}


class ModelNotExportedError(FileNotFoundError):
    pass


def default_variant(locale: str, device: Device) -> ModelVariant:
    return DEFAULT_MODELS[serving_language(locale)][device]


def default_variants(device: Device) -> list[ModelVariant]:
    # One model may serve several languages: each variant once.
    return list(dict.fromkeys(by_device[device] for by_device in DEFAULT_MODELS.values()))


def models_root(cache_dir: Path | None = None) -> Path:
    if cache_dir is None:
        from worker.config import get_settings

        cache_dir = get_settings().cache_dir
    return Path(cache_dir).expanduser() / "models"


def variant_dir(variant: ModelVariant, cache_dir: Path | None = None) -> Path:
    return models_root(cache_dir) / variant.dirname


def default_model_dir(locale: str, device: str = "auto", cache_dir: Path | None = None) -> Path:
    """Directory of the default model for `locale` on the device that will actually run."""
    variant = default_variant(locale, resolve_device(device))
    path = variant_dir(variant, cache_dir)
    if not (path / "manifest.json").is_file():
        raise ModelNotExportedError(
            f"default model for {locale!r} ({variant.dirname}) is not exported in {path.parent};"
            " run `shelfwriter models pull`"
        )
    return path


def serving_model_dir(locale: str, device: Device, cache_dir: Path | None = None) -> Path:
    """The default model directory for `locale` on a NAMED device, without probing it: for
    reading the version the workers on that device write (a CPU host asking about CUDA)."""
    variant = default_variant(locale, device)
    path = variant_dir(variant, cache_dir)
    if not (path / "manifest.json").is_file():
        raise ModelNotExportedError(
            f"the {device} model for {locale!r} ({variant.dirname}) is not in {path.parent}:"
            f" export it there (shelfwriter export ... --device {device}) or share the GPU"
            " workers' model cache with this host"
        )
    return path


def load_default_model(locale: str, device: str | None = None) -> OnnxModel:
    from worker.config import get_settings
    from worker.runtime.model import load_model

    settings = get_settings()
    device = settings.device if device is None else device
    return load_model(default_model_dir(locale, device, settings.cache_dir), device)
