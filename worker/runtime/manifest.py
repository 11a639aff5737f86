"""Reading a model directory's `manifest.json`, its version and its integrity check.

Lives in the runtime (not the exporter) because both sides need the same definitions: the
exporter writes `version` (the hash of the export recipe, exporter.recipe: the same source
and recipe give the same version on every host) and `files` (each file's sha256 and size);
the worker stamps the version on every content row and verifies the files at load.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

MANIFEST_NAME = "manifest.json"
# Bump when the manifest's shape changes in a way readers must know about.
MANIFEST_FORMAT = 2


# Files this process has hashed, by (path, sha256, size, mtime): a process that loads the same
# model again (a CLI, a test, a pool child forked after the worker's start-up check) does
# not re-read a gigabyte; a file rewritten since has another mtime and is hashed again.
_VERIFIED: set[tuple[str, str, int, int]] = set()


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


def version_from_recipe(recipe: dict[str, Any]) -> str:
    """Model version: a hash of the canonical JSON of what decides the model's behaviour.

    16 hex digits (64 bits) are plenty to tell model builds apart and stay readable on rows.
    """
    canonical = json.dumps(recipe, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def manifest_is_current(model_dir: Path) -> bool:
    """The directory holds an export this version of Shelfwriter can serve."""
    try:
        read_manifest(model_dir)
    except (ManifestError, ValueError):
        return False
    return True


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
    if manifest.get("format", 1) < MANIFEST_FORMAT:
        raise ManifestError(
            f"{model_dir} was exported by an older Shelfwriter (manifest format"
            f" {manifest.get('format', 1)}, its version a hash of the files, not of the"
            " recipe): export it again (`shelfwriter models pull` or `shelfwriter export`)"
        )
    return manifest


def check_files(model_dir: Path, manifest: dict[str, Any], *, full: bool = True) -> None:
    """The directory holds the files its export wrote: every listed file with its size and
    (`full`, the default: about two seconds per GB, once per process) its sha256. A model
    whose files differ from its recipe's export would write content under a version that
    does not describe it, so it is refused, naming the file."""
    files: dict[str, dict[str, Any]] = manifest["files"]
    for name, meta in files.items():
        path = model_dir / name
        if not path.is_file():
            raise ManifestError(f"{model_dir}: {name} listed in the manifest is missing")
        if path.stat().st_size != meta["size"]:
            raise ManifestError(f"{model_dir}: {name} changed size since export")
    if full:
        for name, meta in files.items():
            path = model_dir / name
            stat = path.stat()
            key = (str(path.resolve()), meta["sha256"], stat.st_size, stat.st_mtime_ns)
            if key in _VERIFIED:
                continue
            if file_sha256(path) != meta["sha256"]:
                raise ManifestError(
                    f"{model_dir}: {name} differs from the export (sha256 mismatch): the"
                    " files were changed after export; export the model again"
                    " (`shelfwriter models pull` or `shelfwriter export`)"
                )
            _VERIFIED.add(key)
