"""What every guard shares: the `GuardResult` it returns, the NFKC normalisation its text
is compared under, and small helpers for its details and patterns."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@dataclass(frozen=True)
class GuardResult:
    name: str
    passed: bool
    detail: str
    failures: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "passed": self.passed,
            "detail": self.detail,
            "failures": list(self.failures),
        }


def make_result(name: str, failures: list[str], details: list[str], ok_detail: str) -> GuardResult:
    if failures:
        return GuardResult(name, False, "; ".join(details), tuple(failures))
    return GuardResult(name, True, ok_detail)


def hits_result(
    name: str, hits: Sequence[tuple[str, str, int, int]], norm: str, ok_detail: str
) -> GuardResult:
    """The result of a guard that finds phrases: `hits` are (failure code, surface, start,
    end) in the NFKC text `norm`; each code once, the first ten shown in context."""
    failures = list(dict.fromkeys(code for code, _, _, _ in hits))
    details = [f"'{s}' in {in_context(norm, a, b)}" for _, s, a, b in hits[:10]]
    return make_result(name, failures, details, ok_detail)


def in_context(text: str, start: int, end: int, width: int = 12) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    snippet = text[left:right].replace("\n", " ")
    return ("…" if left else "") + snippet + ("…" if right < len(text) else "")


def alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
