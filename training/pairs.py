"""Training pairs: a product's facts, as the runtime prompts for a `description`, → one
human-written reference.

The prompt is built exactly as `ModelGenerator.prepare` builds it in production (sanitised
facts, flattened attributes, `prompts.description_prompt`), so the fine-tuned model is
trained on the very text it is later asked with; tests compare the two.

Which references to learn from (`Selection`): human copy often states things the facts do
not (Myntra descriptions name materials, sizes, warranty months) or breaks the platform's
rules for published copy (Myntra's: mostly under 200 characters, no closing full stop).
Learning from it teaches the model to write what the guards then reject. `guarded` (the
default) keeps only references that pass every production guard for descriptions, so the
model learns copy that would be published; `grounded` only asks for the guards that judge
content (facts, banned claims, contact data); `all` keeps everything. On Myntra's train
split under guards-4: 10,022 references, 5,229 grounded, 161 guarded; on AdvertiseGen's:
585, 443, 433 (human copy names fabrics and colours its facts lack).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from evaluation.dataset import Example, Split
from evaluation.generate import facts_for
from worker.catalog.facts import ProductFacts
from worker.content import prompts
from worker.content.guards import run_guards
from worker.content.inputs import flatten_attributes, prepare_facts
from worker.models import ContentKind
from worker.runtime.generation import Message

Selection = Literal["all", "grounded", "guarded"]
SELECTIONS: tuple[Selection, ...] = ("all", "grounded", "guarded")
KIND = ContentKind.description
# Guard groups (the failure code's prefix) that mean "the text says what the facts do not".
CONTENT_GUARDS = frozenset({"fact", "banned", "contact"})


@dataclass(frozen=True)
class Pair:
    key: str
    split: Split
    prompt: list[Message]  # system + user turn, as the runtime sends them
    target: str  # the assistant turn: one human reference

    def messages(self) -> list[Message]:
        return [*self.prompt, {"role": "assistant", "content": self.target}]


@dataclass
class Pairs:
    pairs: list[Pair] = field(default_factory=list)
    # References left out, by reason: "bad product data", or "guard:<group>" once per
    # guard group it fails (one reference may count under several groups).
    dropped: Counter[str] = field(default_factory=Counter)
    dropped_references: int = 0

    def split(self, split: Split) -> list[Pair]:
        return [p for p in self.pairs if p.split == split]


def description_prompt(example: Example) -> tuple[list[Message], ProductFacts] | None:
    """The production prompt and the sanitised facts it was built from; None when the
    worker would refuse the product as bad data (it would never be prompted)."""
    # The facts the worker would load had the product been imported (shared with
    # `shelfwriter evaluate`, so both see the same facts).
    facts, problems, _ = prepare_facts(facts_for(example, 0))
    if problems:
        return None
    flat, _ = flatten_attributes(facts.attributes, facts.locale)
    return prompts.description_prompt(facts, list(flat.items())), facts


def reference_failures(reference: str, facts: ProductFacts, selection: Selection) -> set[str]:
    """The guard groups that rule this reference out under `selection` (empty: keep it)."""
    if selection == "all":
        return set()
    groups = {code.split(":")[0] for code in run_guards(reference, facts, KIND.value).failures}
    return groups & CONTENT_GUARDS if selection == "grounded" else groups


def build_pairs(
    examples: Iterable[Example],
    *,
    splits: Iterable[Split] = ("train", "dev"),
    selection: Selection = "guarded",
) -> Pairs:
    """One pair per kept reference (a product with several references gives several)."""
    wanted = set(splits)
    out = Pairs()
    for example in examples:
        if example.split not in wanted:
            continue
        built = description_prompt(example)
        if built is None:
            out.dropped["bad product data"] += len(example.references)
            out.dropped_references += len(example.references)
            continue
        prompt, facts = built
        for reference in example.references:
            failures = reference_failures(reference, facts, selection)
            if failures:
                out.dropped.update(f"guard:{g}" for g in sorted(failures))
                out.dropped_references += 1
                continue
            out.pairs.append(Pair(example.key, example.split, prompt, reference))
    return out
