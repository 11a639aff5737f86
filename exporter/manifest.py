"""Write `manifest.json`: what the directory is, how it was made, how well it matches, and
`version`, the hash of its export recipe (exporter.recipe; defined in worker.runtime.manifest,
shared with readers), with every file's sha256 for the integrity check at load."""

from __future__ import annotations

import json
import platform
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from worker.runtime.manifest import (
    MANIFEST_FORMAT,
    MANIFEST_NAME,
    content_files,
    hash_files,
    version_from_recipe,
)

_LIBRARIES = (
    "shelfwriter",
    "onnxruntime-genai-cuda",
    "onnxruntime-gpu",
    "onnx",
    "onnx-ir",
    "torch",
    "transformers",
    "gguf",
    "accelerate",
    "safetensors",
)


def library_versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {}
    for name in _LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    versions["python"] = platform.python_version()
    return versions


def generation_defaults(model_dir: Path) -> dict[str, Any]:
    """The search defaults the builder wrote into genai_config.json (from the checkpoint's
    generation_config), so readers need not parse the genai config."""
    config = json.loads((model_dir / "genai_config.json").read_text(encoding="utf-8"))
    search: dict[str, Any] = config.get("search", {})
    keys = ("do_sample", "temperature", "top_p", "top_k", "repetition_penalty", "max_length")
    return {k: search[k] for k in keys if k in search}


def write_manifest(
    model_dir: Path, recipe: dict[str, Any], fields: dict[str, Any]
) -> dict[str, Any]:
    """Hash every file but the manifest and write the manifest; returns it."""
    hashes = hash_files(model_dir)
    sizes = {
        p.relative_to(model_dir).as_posix(): p.stat().st_size for p in content_files(model_dir)
    }
    manifest: dict[str, Any] = {
        "format": MANIFEST_FORMAT,
        **fields,
        "exporter": library_versions(),
        "generation_defaults": generation_defaults(model_dir),
        "files": {name: {"sha256": hashes[name], "size": sizes[name]} for name in sorted(hashes)},
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "recipe": recipe,
        "version": version_from_recipe(recipe),
    }
    path = model_dir / MANIFEST_NAME
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)
    return manifest


def update_manifest(model_dir: Path, **fields: Any) -> dict[str, Any]:
    """Add fields (e.g. parity) without re-hashing: the manifest is not part of the files."""
    path = model_dir / MANIFEST_NAME
    manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    manifest.update(fields)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)
    return manifest
