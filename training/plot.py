"""The loss curve of a fine-tune, as a PNG beside the exported model directory.

Not inside it: every file there is part of the model's version and of its manifest check.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def plot_path(out_dir: Path) -> Path:
    """`models/foo` → `models/foo.training.png`."""
    return out_dir.with_name(f"{out_dir.name}.training.png")


def plot_training(training: dict[str, Any], path: Path) -> Path:
    """Dev loss at each evaluation (step 0: the base model) and the mean training loss over
    each interval, with the step whose adapter was kept marked."""
    import matplotlib

    matplotlib.use("Agg")  # files only: no display on a worker
    import matplotlib.pyplot as plt

    history: list[dict[str, Any]] = training["history"]
    steps = [0] + [int(e["step"]) for e in history]
    dev = [float(training["initial_dev_loss"])] + [float(e["dev_loss"]) for e in history]
    # A train loss is the mean since the previous evaluation: drawn mid-interval.
    train = [
        ((prev + int(e["step"])) / 2, float(e["train_loss"]))
        for prev, e in zip(steps, history, strict=False)
        if e.get("train_loss") is not None
    ]
    fig, axis = plt.subplots(figsize=(7, 4))
    axis.plot(steps, dev, marker="o", label="dev loss")
    if train:
        axis.plot(*zip(*train, strict=True), marker=".", linestyle="--", label="train loss")
    best = training.get("best_step")
    if best is not None:
        axis.axvline(best, color="grey", linestyle=":", label=f"kept: step {best}")
    base = training.get("base", {}).get("name", "base")
    device = f"{training.get('device', '?')}, {'bf16' if training.get('bf16') else 'fp32'}"
    axis.set_title(f"fine-tune of {base} ({device})")
    axis.set_xlabel("optimizer step")
    axis.set_ylabel("cross-entropy on the answer tokens")
    axis.legend()
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
