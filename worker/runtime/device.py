"""Which execution provider actually runs, decided by trying it rather than by asking.

`og.is_cuda_available()` reports True on machines without a GPU, and onnxruntime-gpu without
the CUDA libraries logs an error and silently falls back to CPU. So the only trustworthy
answer is to open a real session with the CUDA provider and look at what it got.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from typing import Literal

logger = logging.getLogger(__name__)

Device = Literal["cuda", "cpu"]

CUDA_PROVIDER = "CUDAExecutionProvider"
CPU_PROVIDER = "CPUExecutionProvider"

# A serialized one-node ONNX graph (Identity, opset 13), so probing needs no `onnx` package
# at run time. Produced with onnx.helper.make_model and SerializeToString().
_PROBE_MODEL = bytes.fromhex(
    "080812003a3b0a100a017812017922084964656e74697479120570726f62655a0f0a0178120a0a0808"
    "0112040a020801620f0a0179120a0a08080112040a02080142040a00100d"
)


class DeviceUnavailableError(RuntimeError):
    """CUDA was required but cannot run here."""


@lru_cache(maxsize=1)
def cuda_status() -> tuple[bool, str]:
    """(usable, reason). Cached per process: the answer doesn't change while it runs."""
    try:
        import onnxruntime as ort
    except ImportError as exc:  # pragma: no cover - the package is a hard dependency
        return False, f"onnxruntime is not importable: {exc}"
    if CUDA_PROVIDER not in ort.get_available_providers():
        return False, (
            "this onnxruntime build has no CUDA provider"
            " (is plain `onnxruntime` shadowing onnxruntime-gpu?)"
        )
    options = ort.SessionOptions()
    options.log_severity_level = 4
    # A failed CUDA load is logged by the default logger as an error; here it is an answer,
    # reported in the returned reason, so silence that logger for the probe (2 = its default).
    ort.set_default_logger_severity(4)
    try:
        session = ort.InferenceSession(
            _PROBE_MODEL, sess_options=options, providers=[CUDA_PROVIDER, CPU_PROVIDER]
        )
    except Exception as exc:
        return False, f"creating a CUDA session failed: {exc}"
    finally:
        ort.set_default_logger_severity(2)
    if CUDA_PROVIDER not in session.get_providers():
        return False, (
            "onnxruntime-gpu could not load its CUDA provider (CUDA 13 / cuDNN 9 libraries"
            " or a GPU are missing) and fell back to CPU"
        )
    return True, "CUDA provider loaded"


def resolve_device(requested: str) -> Device:
    """Map SHELFWRITER_DEVICE (auto|cuda|cpu) to the device that will run.

    `cuda` raises when CUDA cannot run: a GPU worker that quietly runs on CPU is 20-50x slower
    and would look healthy while falling behind.
    """
    requested = requested.strip().lower()
    if requested == "cpu":
        return "cpu"
    if requested not in ("auto", "cuda"):
        raise ValueError(f"device must be auto, cuda or cpu, not {requested!r}")
    ok, reason = cuda_status()
    if ok:
        return "cuda"
    if requested == "cuda":
        raise DeviceUnavailableError(f"SHELFWRITER_DEVICE=cuda but CUDA cannot run: {reason}")
    _log_cpu_fallback(reason)
    return "cpu"


@lru_cache(maxsize=4)
def _log_cpu_fallback(reason: str) -> None:
    # Once per process and reason: resolve_device runs for every batch, and a worker log
    # repeating the same line each batch buries the lines that change.
    logger.info("device auto: using CPU (%s)", reason)


def cpu_threads(configured: int = 0) -> int:
    """Threads for onnxruntime's intra-op pool. 0 means every core this process may use;
    the library default used one of two cores here and halved throughput."""
    if configured > 0:
        return configured
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)
