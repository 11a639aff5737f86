"""The exclusive-values guard: copy must not give a product another value of an attribute
that has one value per product (a sleeveless dress called 长袖, a 圆领 shirt given a 翻领).

Such attributes and their values are mined from data, not listed by hand:
`bench/exclusive_mine.py` reads AdvertiseGen's attribute lists, keeps the attributes that
nearly every product has one value of (袖长, 领型, 腰型, 门襟, 裤长…), and keeps a family only
if the guard, run on the human copy written from those lists, contradicts its facts on
under 1% of products. The families are in `data/exclusive-mined.txt`.

A sentence contradicts its facts when it names a value of a family, the facts name another
value of it, and the facts nowhere say the named one. A value inside another (立领 in
小立领) is no contradiction.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from worker.content.guards.corpus import FactsText
from worker.content.guards.results import GuardResult, alternation, hits_result, normalize

MINED = "exclusive-mined.txt"


@functools.cache
def families() -> dict[str, tuple[str, ...]]:
    """Family name → its values, longest first (`name: value value …` per line)."""
    path = resources.files("worker.content.guards").joinpath(f"data/{MINED}")
    out: dict[str, tuple[str, ...]] = {}
    for line in path.read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or ":" not in line:
            continue
        name, _, values = line.partition(":")
        out[name.strip()] = tuple(sorted(values.split(), key=len, reverse=True))
    return out


@functools.cache
def _pattern(values: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(alternation(values), re.IGNORECASE)


def _related(a: str, b: str) -> bool:
    return a in b or b in a


def contradictions(
    text: str, facts_text: FactsText, table: dict[str, tuple[str, ...]] | None = None
) -> list[tuple[str, str, int, int]]:
    """(named value, the facts' value, start, end) for each contradiction in `text`."""
    table = families() if table is None else table
    facts = facts_text.lower
    lowered = text.lower()
    hits: list[tuple[str, str, int, int]] = []
    for values in table.values():
        theirs = [v for v in values if v.lower() in facts]
        if not theirs:
            continue
        for m in _pattern(values).finditer(lowered):
            named = m.group(0)
            if named in facts or any(_related(named, v.lower()) for v in theirs):
                continue
            hits.append((named, theirs[0], m.start(), m.end()))
    return hits


def check_exclusive(text: str, facts_text: FactsText) -> GuardResult:
    norm = normalize(text)
    hits = [
        (f"fact:contradicts {named} (facts: {theirs})", named, a, b)
        for named, theirs, a, b in contradictions(norm, facts_text)
    ]
    return hits_result("exclusive", hits, norm, "no other value of a one-value attribute")
