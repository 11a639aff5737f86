"""What every command shares: the stderr console (messages, progress, logs; stdout is left to
what a command prints as its result) and the progress bar."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

console = Console(stderr=True)


def progress_bar(label: str, *, on: Console = console) -> Progress:
    """A bar headed by `label` in bold (a rich column format: `{task.description}` names each
    task), with done/total and the elapsed time."""
    return Progress(
        TextColumn(f"[bold]{label}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=on,
    )
