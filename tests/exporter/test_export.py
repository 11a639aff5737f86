"""Export of a tiny random Llama through the real model builder, with real parity checks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from exporter import convert
from exporter import parity as parity_mod
from exporter.cli import register
from exporter.convert import export
from exporter.parity import ParityError
from tests.fixtures_models import build_tiny_hf_model
from worker.config import get_settings
from worker.runtime.manifest import (
    ManifestError,
    check_files,
    hash_files,
    read_manifest,
    version_from_recipe,
)


def test_tiny_export_has_everything_and_passes_parity(tiny_model_dir: Path) -> None:
    for name in ("model.onnx", "genai_config.json", "tokenizer.json", "tokenizer_config.json"):
        assert (tiny_model_dir / name).is_file(), name
    manifest = read_manifest(tiny_model_dir)
    check_files(tiny_model_dir, manifest, full=True)  # every file as the export wrote it
    assert manifest["version"] == version_from_recipe(manifest["recipe"])
    assert manifest["recipe"]["target"] == manifest["target"]
    assert manifest["source"]["kind"] == "hf"
    assert manifest["model_type"] == "llama"
    assert manifest["target"] == {
        "execution_provider": "cpu",
        "dtype": "fp32",
        "quantization": "none",
        "builder_precision": "fp32",
        "builder_extra_options": [],
        "logits": "last_token",
    }
    assert manifest["exporter"]["onnxruntime-genai-cuda"] == "0.18.0"
    assert manifest["exporter"]["onnxruntime-gpu"] == "1.31.1"
    parity = manifest["parity"]
    assert parity["mode"] == "exact" and parity["passed"] is True
    assert parity["identical"] == parity["prompts"] == 8
    assert {e["locale"] for e in parity["per_prompt"]} == {"en", "zh-CN"}
    assert all(e["torch_tokens"] == parity["max_new_tokens"] for e in parity["per_prompt"])
    assert set(manifest["timings"]) >= {"build", "parity", "total"}


def test_one_source_and_recipe_give_one_version_on_any_host(
    tiny_hf_dir: Path, tiny_model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exports of the same source and recipe, one with other thread counts and from another
    folder (as another host would), share the version; the builder no longer stamps the
    checkout's git commit into the graph, so here the bytes agree too."""
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        monkeypatch.setenv(var, "1")
    elsewhere = tmp_path / "host-b"
    shutil.copytree(tiny_hf_dir, elsewhere)
    again = export(str(elsewhere), tmp_path / "again", cache_dir=tmp_path / "cache")
    first = read_manifest(tiny_model_dir)
    assert again.manifest["version"] == first["version"]
    assert hash_files(tmp_path / "again").keys() == hash_files(tiny_model_dir).keys()
    assert again.manifest["files"] == first["files"]


def test_a_changed_recipe_or_source_gives_another_version(
    tiny_hf_dir: Path, tiny_model_dir: Path, tmp_path: Path
) -> None:
    first = read_manifest(tiny_model_dir)
    # Another chat template is another model as far as content is concerned.
    templated = tmp_path / "templated"
    shutil.copytree(tiny_hf_dir, templated)
    jinja = templated / "chat_template.jinja"  # where transformers saves it, else the config
    if jinja.is_file():
        jinja.write_text(jinja.read_text() + "{# house style #}")
    else:
        config_path = templated / "tokenizer_config.json"
        config = json.loads(config_path.read_text())
        config["chat_template"] = (config.get("chat_template") or "") + "{# house style #}"
        config_path.write_text(json.dumps(config))
    other = export(str(templated), tmp_path / "templated-out", cache_dir=tmp_path / "cache")
    assert first["recipe"]["chat_template_sha256"] is not None
    assert (
        other.manifest["recipe"]["chat_template_sha256"] != first["recipe"]["chat_template_sha256"]
    )
    assert other.manifest["version"] != first["version"]


def test_files_changed_after_export_are_refused_at_load(
    tiny_model_dir: Path, tmp_path: Path
) -> None:
    from worker.runtime import load_model

    copy = tmp_path / "copy"
    shutil.copytree(tiny_model_dir, copy)
    with (copy / "genai_config.json").open("a") as fh:
        fh.write(" ")
    with pytest.raises(ManifestError, match="changed size"):
        check_files(copy, read_manifest(copy))

    # Same size, one byte flipped in the weights: only the hash can tell.
    tampered = tmp_path / "tampered"
    shutil.copytree(tiny_model_dir, tampered)
    weights = max((p for p in tampered.iterdir() if p.name.startswith("model.onnx")),
                  key=lambda p: p.stat().st_size)  # fmt: skip
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0xFF
    weights.write_bytes(bytes(data))
    with pytest.raises(ManifestError, match=rf"{weights.name} differs from the export"):
        load_model(tampered)


def test_parity_mismatch_fails_the_export(
    tiny_hf_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Same architecture and tokenizer, other weights: the ONNX graph no longer matches the
    # model parity compares it with, as a broken export would not.
    other = build_tiny_hf_model(tmp_path / "other", seed=1)
    real = parity_mod.check_parity

    def against_other(hf_dir: Path, onnx_dir: Path, **kwargs: Any) -> dict[str, Any]:
        return real(other, onnx_dir, **kwargs)

    monkeypatch.setattr(convert, "check_parity", against_other)
    out = tmp_path / "out"
    with pytest.raises(ParityError, match=r"0/8 prompts gave identical greedy tokens"):
        export(str(tiny_hf_dir), out, cache_dir=tmp_path / "cache")
    assert not out.exists()
    assert not any(p.name.endswith(".partial") for p in tmp_path.iterdir())


def test_int8_export_reports_agreement_and_quality(
    tiny_hf_dir: Path, tiny_model_dir: Path, tmp_path: Path
) -> None:
    result = export(str(tiny_hf_dir), tmp_path / "int8", quantize="int8", cache_dir=tmp_path / "c")
    parity = result.manifest["parity"]
    assert parity["mode"] == "agreement"
    assert 0.0 <= parity["agreement_rate"] <= 1.0
    assert parity["ref_nll_onnx"] >= 0 and parity["ppl_ratio"] > 0
    assert result.manifest["target"]["quantization"] == "int8"
    # Another recipe, another version.
    assert result.manifest["version"] != read_manifest(tiny_model_dir)["version"]
    int8_size = sum(f["size"] for f in result.manifest["files"].values())
    fp32_size = sum(f["size"] for f in read_manifest(tiny_model_dir)["files"].values())
    assert int8_size < fp32_size


def test_cli_export_and_list(
    tiny_hf_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    import typer

    monkeypatch.setenv("SHELFWRITER_CACHE_DIR", str(tmp_path / "cache"))
    get_settings.cache_clear()
    request.addfinalizer(get_settings.cache_clear)
    app = typer.Typer()
    register(app)
    out = tmp_path / "cache" / "models" / "tiny-cpu-fp32"
    result = CliRunner().invoke(app, ["export", str(tiny_hf_dir), str(out), "--parity-tokens", "8"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["version"] in result.output
    assert manifest["parity"]["max_new_tokens"] == 8
    listed = CliRunner().invoke(app, ["models", "list"])
    assert listed.exit_code == 0 and "tiny-cpu-fp32" in listed.output


def test_graph_has_kv_cache_and_dynamic_batch_and_sequence(tiny_model_dir: Path) -> None:
    import onnx

    graph = onnx.load(str(tiny_model_dir / "model.onnx"), load_external_data=False).graph

    def dims(value: Any) -> list[str | int]:
        return [d.dim_param or d.dim_value for d in value.type.tensor_type.shape.dim]

    inputs = {i.name: dims(i) for i in graph.input}
    outputs = {o.name: dims(o) for o in graph.output}
    assert inputs["input_ids"] == ["batch_size", "sequence_length"]
    assert inputs["attention_mask"] == ["batch_size", "total_sequence_length"]
    for layer in range(2):  # the tiny model's layers
        past = inputs[f"past_key_values.{layer}.key"]
        assert past[0] == "batch_size" and isinstance(past[2], str)  # dynamic past length
        assert f"present.{layer}.value" in outputs
    # One position per row: exporter/last_logits.py (test_last_logits.py checks the tokens).
    assert outputs["logits"][:2] == ["batch_size", 1]


def test_models_pull_reuses_what_is_in_the_cache(
    tiny_model_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    import typer

    from worker.runtime.registry import default_variants, variant_dir

    monkeypatch.setenv("SHELFWRITER_CACHE_DIR", str(tmp_path))
    get_settings.cache_clear()
    request.addfinalizer(get_settings.cache_clear)
    for variant in default_variants("cpu"):  # stand-ins: pull must not rebuild them
        shutil.copytree(tiny_model_dir, variant_dir(variant, tmp_path))
    monkeypatch.setattr(convert, "export", lambda *a, **k: pytest.fail("re-exported"))
    app = typer.Typer()
    register(app)
    result = CliRunner().invoke(app, ["models", "pull", "--device", "cpu"])
    assert result.exit_code == 0, result.output
    assert result.output.count(" ready") == 2
