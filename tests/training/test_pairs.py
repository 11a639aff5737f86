"""Training pairs carry the prompt production sends, and the selection keeps out copy that
states what the facts do not."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from evaluation.dataset import SPLITS, load_dataset
from training.pairs import build_pairs
from worker.catalog.facts import load_facts
from worker.catalog.importer import import_catalog
from worker.content.generator import ContentResult
from worker.content.model_generator import ModelGenerator
from worker.content.plan import units_for
from worker.models import ContentKind

# Shapes the prompt builder must handle like production: markup and an injected instruction
# in text fields, a nested list attribute, keywords, a price; and Chinese.
PRODUCTS = [
    {
        "sku": "PAIR-EN",
        "locale": "en-US",
        "title": "Trail <b>backpack</b> 28 L",
        "brand": "Acme",
        "category": "Luggage & Bags > Backpacks",
        "attributes": {"colour": ["black", "olive"], "capacity": "28 L", "weight_kg": 0.9},
        "keywords": ["hiking", "travel"],
        "price": "79.5",
        "currency": "eur",
        "reference": "A 28 L trail backpack by Acme in black or olive.",
    },
    {
        "sku": "PAIR-ZH",
        "locale": "zh-CN",
        "title": "保温杯",
        "category": "水杯",
        "attributes": {"容量": "480毫升", "颜色": "白色"},
        "reference": "白色保温杯，容量480毫升。",
    },
]


def test_pairs_use_the_prompt_the_worker_builds(
    factory: sessionmaker[Session], tiny_model_dir: Path, tmp_path: Path
) -> None:
    """Import the same rows with `import-catalog`, load them as the worker does, and let
    the production generator build its prompts: the pairs must hold exactly those."""
    path = tmp_path / "catalog.jsonl"
    path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in PRODUCTS))
    assert not import_catalog(factory, path).rejected
    generator = ModelGenerator(model_dir=tiny_model_dir, candidates=1)
    production = {}
    with factory() as session:
        for facts in load_facts(session, [1, 2]).values():
            [item] = units_for(facts, {}, [ContentKind.description])
            unit = generator.prepare(item)
            assert not isinstance(unit, ContentResult), unit
            production[facts.sku] = unit.prompt

    pairs = build_pairs(load_dataset(str(path)), splits=SPLITS, selection="all")
    assert {p.key for p in pairs.pairs} == {"PAIR-EN", "PAIR-ZH"}
    for pair in pairs.pairs:
        assert pair.prompt == production[pair.key]
        assert pair.messages()[-1] == {"role": "assistant", "content": pair.target}
    # The sanitiser ran: no markup reaches the prompt, the price is canonical.
    en = next(p for p in pairs.pairs if p.key == "PAIR-EN")
    assert "<b>" not in en.prompt[1]["content"] and "79.50 EUR" in en.prompt[1]["content"]


def test_grounded_selection_drops_references_with_invented_facts(tmp_path: Path) -> None:
    rows = [
        {**PRODUCTS[0], "sku": "OK", "reference": "A trail backpack by Acme in black."},
        # 35 L and a 10-year warranty are in no fact: the fact guard rejects this copy.
        {**PRODUCTS[0], "sku": "BAD", "reference": "A 35 L backpack with a 10-year warranty."},
    ]
    path = tmp_path / "catalog.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    examples = load_dataset(str(path))
    splits = SPLITS

    grounded = build_pairs(examples, splits=splits, selection="grounded")
    assert [p.key for p in grounded.pairs] == ["OK"]
    assert grounded.dropped["guard:fact"] == 1
    assert {p.key for p in build_pairs(examples, splits=splits, selection="all").pairs} == {
        "OK",
        "BAD",
    }
