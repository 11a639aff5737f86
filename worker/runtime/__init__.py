"""ONNX runtime for Shelfwriter's language models (onnxruntime-genai).

Importable without torch or transformers, and without touching a GPU: models load lazily
in the process that generates (`load_model`), never at import.
"""

from worker.runtime.device import DeviceUnavailableError, cuda_status, resolve_device
from worker.runtime.generation import GenerationParams, GenerationResult, Prompt
from worker.runtime.manifest import ManifestError, read_manifest
from worker.runtime.model import OnnxModel, clear_model_cache, load_model
from worker.runtime.registry import (
    ModelNotExportedError,
    ModelVariant,
    default_model_dir,
    default_variant,
    load_default_model,
)

__all__ = [
    "DeviceUnavailableError",
    "GenerationParams",
    "GenerationResult",
    "ManifestError",
    "ModelNotExportedError",
    "ModelVariant",
    "OnnxModel",
    "Prompt",
    "clear_model_cache",
    "cuda_status",
    "default_model_dir",
    "default_variant",
    "load_default_model",
    "load_model",
    "read_manifest",
    "resolve_device",
]
