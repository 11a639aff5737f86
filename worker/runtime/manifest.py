"""Reading a model directory's `manifest.json` and computing its content version.

Lives in the runtime (not the exporter) because both sides need the same definition of
`version`: the exporter writes it, the worker reads it and stamps it on every content row.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

MANIFEST_NAME = "manifest.json"
# Bump when the manifest's shape changes in a way readers must know about.
MANIFEST_FORMAT = 1


class ManifestError(RuntimeError):
    """The directory is not a complete Shelfwriter model directory."""


def file_sha256(path: Path) -> str:
    """The one file hash (model files, source weights, datasets), streamed: gigabyte files."""
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def content_files(model_dir: Path) -> list[Path]:
    """Every file that makes up the model, i.e. everything except the manifest itself."""
    return sorted(p for p in model_dir.rglob("*") if p.is_file() and p.name != MANIFEST_NAME)


def hash_files(model_dir: Path) -> dict[str, str]:
    return {p.relative_to(model_dir).as_posix(): file_sha256(p) for p in content_files(model_dir)}


def version_from_hashes(file_hashes: dict[str, str]) -> str:
    """Content version: a hash over (relative path, file hash) pairs, so renames count too.

    16 hex digits (64 bits) are plenty to tell model builds apart and stay readable on rows.
    """
    digest = hashlib.sha256()
    for name in sorted(file_hashes):
        digest.update(name.encode())
        digest.update(b"\0")
        digest.update(file_hashes[name].encode())
        digest.update(b"\n")
    return digest.hexdigest()[:16]


def read_manifest(model_dir: Path) -> dict[str, Any]:
    path = model_dir / MANIFEST_NAME
    if not path.is_file():
        raise ManifestError(
            f"{model_dir} has no {MANIFEST_NAME}: not an exported Shelfwriter model directory"
            " (export one with `shelfwriter export` or `shelfwriter models pull`)"
        )
    manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if "version" not in manifest or "files" not in manifest:
        raise ManifestError(f"{path} lacks `version` or `files`")
    return manifest


def check_files(model_dir: Path, manifest: dict[str, Any], *, full: bool = False) -> None:
    """Cheap check by default (every listed file exists with its recorded size); `full`
    re-hashes the content, which costs about a second per 500 MB."""
    files: dict[str, dict[str, Any]] = manifest["files"]
    for name, meta in files.items():
        path = model_dir / name
        if not path.is_file():
            raise ManifestError(f"{model_dir}: {name} listed in the manifest is missing")
        if path.stat().st_size != meta["size"]:
            raise ManifestError(f"{model_dir}: {name} changed size since export")
    if full:
        hashes = hash_files(model_dir)
        if set(hashes) != set(files) or any(hashes[n] != files[n]["sha256"] for n in files):
            raise ManifestError(f"{model_dir}: content differs from its manifest")
        if version_from_hashes(hashes) != manifest["version"]:
            raise ManifestError(f"{model_dir}: version does not match its content")
