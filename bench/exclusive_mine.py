"""Mine the exclusive-values guard's families from AdvertiseGen, and measure them.

    python -m bench.exclusive_mine [--data-dir ../shared/data] [--write]

Not a test. An attribute is a family when almost every product that has it has one value
(at most `MAX_MULTI` of them have two or more) and it has at least three values; 衣领型 and
裙领型 are one family (领型) once the garment character is taken off the name. Each family
is then run over the human copy written from those attribute lists: a family whose values
the writers themselves "contradict" on `MAX_HUMAN_RATE` or more of its products is no
family (连衣裙 beside 长裙: a type beside a length) and is left out. `--write` stores the
kept ones in `worker/content/guards/data/exclusive-mined.txt`.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from evaluation.dataset import load_dataset, parse_adgen
from evaluation.generate import facts_for
from worker.content.guards import exclusive
from worker.content.guards.corpus import FactsText

MAX_MULTI = 0.05
MIN_VALUES = 3
MIN_VALUE_COUNT = 2  # a value seen once may be a typo of the data
MAX_HUMAN_RATE = 0.01
OUT = Path(exclusive.__file__).parent / "data" / exclusive.MINED


def family_name(key: str) -> str:
    """裙衣门襟 → 门襟, 裙领型 → 领型; 衣长 stays (长 alone names nothing)."""
    while key[:1] in "衣裙裤" and len(key) > 2:
        key = key[1:]
    return key


def mine(path: Path) -> dict[str, tuple[str, ...]]:
    products: Counter[str] = Counter()
    multi: Counter[str] = Counter()
    values: dict[str, Counter[str]] = defaultdict(Counter)
    seen: set[str] = set()
    for line in path.read_text("utf-8").splitlines():
        content = json.loads(line)["content"]
        if content in seen:
            continue
        seen.add(content)
        for key, value in parse_adgen(content).items():
            products[key] += 1
            listed = value if isinstance(value, list) else [value]
            multi[key] += len(listed) > 1
            values[key].update(v.lower() for v in listed)
    merged: dict[str, set[str]] = defaultdict(set)
    for key, n in products.items():
        kept = {v for v, c in values[key].items() if c >= MIN_VALUE_COUNT}
        if multi[key] / n <= MAX_MULTI and len(kept) >= MIN_VALUES:
            merged[family_name(key)] |= kept
    return {name: tuple(sorted(vs, key=len, reverse=True)) for name, vs in merged.items()}


def human_rates(path: Path, table: dict[str, tuple[str, ...]]) -> dict[str, tuple[int, int]]:
    """Family → (products whose facts name one of its values, of them with a contradiction
    in their human copy)."""
    out: dict[str, list[int]] = {name: [0, 0] for name in table}
    for i, example in enumerate(load_dataset(str(path))):
        facts_text = FactsText.build(facts_for(example, i + 1), "description")
        for name, values in table.items():
            if not any(v in facts_text.lower for v in values):
                continue
            out[name][0] += 1
            text = " ".join(example.references)
            out[name][1] += bool(exclusive.contradictions(text, facts_text, {name: values}))
    return {name: (n, bad) for name, (n, bad) in out.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    parser.add_argument("--write", action="store_true", help=f"write {OUT.name}")
    args = parser.parse_args()
    path = args.data_dir / "advertisegen_dev.jsonl"
    table = mine(path)
    rates = human_rates(path, table)
    kept: dict[str, tuple[str, ...]] = {}
    print(f"{'family':8} {'products':>8} {'human contradicts':>18}  values")
    for name, values in sorted(table.items(), key=lambda kv: -rates[kv[0]][0]):
        n, bad = rates[name]
        rate = bad / n if n else 0.0
        keep = n > 0 and rate < MAX_HUMAN_RATE
        print(f"{name:8} {n:8} {rate:17.3f}{'' if keep else ' ✗'}  {' '.join(values)}")
        if keep:
            kept[name] = values
    if args.write:
        header = (
            "# Mined by bench/exclusive_mine.py from AdvertiseGen's attribute lists: do not edit\n"
            "# by hand. Each line: a family (an attribute with one value per product), then\n"
            "# its values; families the human copy contradicted on 1% or more are left out.\n"
        )
        lines = [f"{name}: {' '.join(values)}" for name, values in kept.items()]
        OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
        exclusive.families.cache_clear()
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
