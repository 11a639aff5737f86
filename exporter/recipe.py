"""The export recipe: everything that decides how an exported model behaves, and nothing
that does not. Its hash is the model `version` stamped on every content row.

The same source and recipe must give the same version on every host: in a fleet where each
GPU host exports its own copy, a version taken from the files' bytes made every host mark
the others' content stale (the bytes differ across checkouts: onnxruntime-genai's builder
stamps `git rev-parse HEAD` of the directory five levels above its own file, i.e. the
checkout that holds the virtualenv, into the graph's producer_version; exporter.build now
runs it outside any git repository). The files' hashes stay in the manifest as an
integrity check that the worker verifies at load (worker.runtime.manifest.check_files).
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path
from typing import Any

from exporter.sources import ResolvedSource
from worker.runtime.manifest import hash_files

# Bump when what goes into a recipe changes meaning (every model gets a new version).
RECIPE_FORMAT = 1


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def source_identity(src: ResolvedSource, hf_dir: Path) -> dict[str, Any]:
    """What the weights are: a GGUF file's pinned sha256 and the dequantizer's versions (the
    checkpoint the builder reads is made from it here), or the hash of every file of a
    Hugging Face folder (weights, config, tokenizer and its chat template)."""
    if src.sha256 is not None:
        return {
            "sha256": src.sha256,
            "dequantized_with": {d: _version(d) for d in ("transformers", "gguf")},
        }
    digest = hashlib.sha256()
    for name, sha in sorted(hash_files(hf_dir).items()):
        digest.update(f"{name}\0{sha}\n".encode())
    return {"sha256": digest.hexdigest()}


def chat_template_sha256(model_dir: Path) -> str | None:
    """The chat template the runtime renders prompts with: the exported tokenizer's, which
    transformers saves as `chat_template.jinja` (newer) or inside tokenizer_config.json."""
    jinja = model_dir / "chat_template.jinja"
    if jinja.is_file():
        text = jinja.read_text(encoding="utf-8")
    else:
        config = model_dir / "tokenizer_config.json"
        if not config.is_file():
            return None
        template = json.loads(config.read_text(encoding="utf-8")).get("chat_template")
        if template is None:
            return None
        text = template if isinstance(template, str) else json.dumps(template, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def build_recipe(
    src: ResolvedSource, hf_dir: Path, model_dir: Path, model_type: str, target: dict[str, Any]
) -> dict[str, Any]:
    return {
        "format": RECIPE_FORMAT,
        "source": source_identity(src, hf_dir),
        "model_type": model_type,
        "target": target,
        "builder": {"onnxruntime-genai": _version("onnxruntime-genai-cuda")},
        "chat_template_sha256": chat_template_sha256(model_dir),
    }
