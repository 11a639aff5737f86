"""Make sure the default models are exported into the cache, once per machine.

Shared by `shelfwriter models pull`, the demo and the tests. A file lock serialises
concurrent callers (two test workers, a demo and a worker starting together): the second
waits and then finds the export done instead of building it twice into the same place.
"""

from __future__ import annotations

import fcntl
from collections.abc import Callable, Iterable
from pathlib import Path

from exporter.last_logits import is_current
from worker.catalog.locales import serving_language
from worker.runtime.device import resolve_device
from worker.runtime.manifest import manifest_is_current, read_manifest
from worker.runtime.registry import DEFAULT_MODELS, ModelVariant, variant_dir


def ensure_default_models(
    locales: Iterable[str] | None = None,
    *,
    device: str = "auto",
    cache_dir: Path | None = None,
    force: bool = False,
    report: Callable[[str], None] = lambda _: None,
) -> dict[str, Path]:
    """language → exported directory of its default model (exported now if missing)."""
    from worker.config import get_settings

    cache = (cache_dir or get_settings().cache_dir).expanduser()
    resolved = resolve_device(device)
    languages = sorted({serving_language(x) for x in locales} if locales else DEFAULT_MODELS)
    return {
        lang: ensure_variant(DEFAULT_MODELS[lang][resolved], cache, force=force, report=report)
        for lang in languages
    }


def ensure_variant(
    variant: ModelVariant,
    cache: Path,
    *,
    force: bool = False,
    report: Callable[[str], None] = lambda _: None,
) -> Path:
    """The exported directory of `variant` in `cache`, exported now if missing (file-locked:
    parallel processes wait for one export instead of racing it)."""
    cache.mkdir(parents=True, exist_ok=True)
    path = variant_dir(variant, cache)
    with (cache / ".export.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        # An export from before recipe versions (manifest format 1) or from before the
        # last-token logits edit is built again once.
        if force or not manifest_is_current(path) or not is_current(read_manifest(path)):
            from exporter.convert import export  # torch/transformers: only when exporting

            report(f"exporting {variant.dirname} (once; cached in {cache})")
            export(
                variant.name, path, quantize=variant.quantize, dtype=variant.dtype,
                device=variant.device, cache_dir=cache, report=report,
            )  # fmt: skip
        else:
            report(f"{variant.dirname} ready")
    return path
