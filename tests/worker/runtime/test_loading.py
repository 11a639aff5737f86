"""Loading: lazily, once per process, on the device that really runs; and import-light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from worker.catalog.locales import serving_language
from worker.runtime import (
    DeviceUnavailableError,
    ModelNotExportedError,
    cuda_status,
    default_model_dir,
    load_model,
    resolve_device,
)
from worker.runtime import device as device_mod
from worker.runtime.generation import cut_at_stop, plan_batches
from worker.runtime.manifest import read_manifest
from worker.runtime.registry import default_variant

CUDA_USABLE = cuda_status()[0]


def test_runtime_imports_without_torch_or_transformers() -> None:
    code = (
        "import sys, worker.runtime;"
        "bad = {'torch', 'transformers', 'onnx'} & set(sys.modules);"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_load_model_is_cached_and_reports_what_runs(tiny_model_dir: Path) -> None:
    model = load_model(tiny_model_dir, "cpu", threads=2)
    assert load_model(str(tiny_model_dir), "cpu", threads=2) is model
    assert model.provider == "CPUExecutionProvider"
    assert model.version == read_manifest(tiny_model_dir)["version"]
    assert model.manifest["name"] == model.name


@pytest.mark.skipif(CUDA_USABLE, reason="checks the no-GPU path")
def test_cuda_required_fails_loudly_without_a_gpu(tiny_model_dir: Path) -> None:
    with pytest.raises(DeviceUnavailableError, match="CUDA"):
        resolve_device("cuda")
    with pytest.raises(DeviceUnavailableError):
        load_model(tiny_model_dir, "cuda")
    assert resolve_device("auto") == "cpu"
    assert load_model(tiny_model_dir, "auto", threads=2).provider == "CPUExecutionProvider"


def test_device_resolution_trusts_the_probe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(device_mod, "cuda_status", lambda: (False, "probe said no"))
    with pytest.raises(DeviceUnavailableError, match="probe said no"):
        device_mod.resolve_device("cuda")
    assert device_mod.resolve_device("auto") == "cpu"
    monkeypatch.setattr(device_mod, "cuda_status", lambda: (True, "ok"))
    assert device_mod.resolve_device("auto") == "cuda"
    assert device_mod.resolve_device("cpu") == "cpu"
    with pytest.raises(ValueError):
        device_mod.resolve_device("tpu")


def test_cpu_fallback_is_logged_once_per_reason(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # resolve_device runs for every batch: the worker log says the fallback once.
    monkeypatch.setattr(device_mod, "cuda_status", lambda: (False, "no GPU in this test"))
    with caplog.at_level("INFO", logger=device_mod.__name__):
        for _ in range(5):
            assert device_mod.resolve_device("auto") == "cpu"
        monkeypatch.setattr(device_mod, "cuda_status", lambda: (False, "another reason"))
        assert device_mod.resolve_device("auto") == "cpu"
    messages = [r.getMessage() for r in caplog.records if r.name == device_mod.__name__]
    assert messages == [
        "device auto: using CPU (no GPU in this test)",
        "device auto: using CPU (another reason)",
    ]


def test_batch_plan_groups_similar_lengths() -> None:
    plan = plan_batches([50, 10, 48, 12, 90], rows_per_prompt=2, max_batch_size=4)
    assert [[(r.prompt_index, r.candidate_index) for r in b] for b in plan.batches] == [
        [(1, 0), (1, 1), (3, 0), (3, 1)],
        [(2, 0), (2, 1), (0, 0), (0, 1)],
        [(4, 0), (4, 1)],
    ]


def test_cut_at_stop_takes_the_earliest() -> None:
    assert cut_at_stop("one. two\n\nthree", ["\n\n", "."]) == ("one", True)
    assert cut_at_stop("no stop", ["###"]) == ("no stop", False)


def test_registry_defaults(tmp_path: Path) -> None:
    assert serving_language("zh-CN") == "zh" and serving_language("zh_TW") == "zh"
    assert serving_language("en-US") == "en" and serving_language("de") == "en"
    assert default_variant("en", "cpu").dirname == "qwen2.5-coder-0.5b-instruct-cpu-int8"
    assert default_variant("zh-CN", "cpu").dirname == "qwen2.5-coder-0.5b-instruct-cpu-int8"
    assert default_variant("zh-CN", "cuda").dtype == "fp16"
    with pytest.raises(ModelNotExportedError, match="models pull"):
        default_model_dir("en", "cpu", cache_dir=tmp_path)


def test_redeployed_model_at_the_same_path_is_reloaded(
    tiny_model_dir: Path, tmp_path: Path
) -> None:
    """A long-lived worker picks up a new model deployed where the old one was."""
    import json
    import shutil

    deployed = tmp_path / "deployed"
    shutil.copytree(tiny_model_dir, deployed)
    first = load_model(deployed, "cpu")
    assert load_model(deployed, "cpu") is first  # cached while unchanged
    manifest = json.loads((deployed / "manifest.json").read_text())
    manifest["version"] = "redeployed-" + manifest["version"]
    (deployed / "manifest.json").write_text(json.dumps(manifest))
    second = load_model(deployed, "cpu")
    assert second is not first
    assert second.version == manifest["version"]
