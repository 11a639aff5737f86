"""Outputs of the real content step for evaluation examples, without a database.

Each example's `ProductIn` becomes `ProductFacts` through the pipeline's own path (an
unsaved `Product` row → `facts_from_row`), its work item comes from `units_for`, and
`ModelGenerator` does the rest exactly as in the worker: prompt, sampled candidates,
guards, discriminator. Products go in chunks of `SHELFWRITER_BATCH_SIZE` (one generate task
in production), and each chunk's published descriptions are the next chunks' near-duplicate
neighbours, as the pipeline reads them from `product_content`.

The output scored for a product is what the content step would publish; where no candidate
passed the guards (nothing would be published), it is the first sampled candidate, cleaned:
every product then has an output, and the guard rates show how often the model's own text
breaks the rules. `published` records which case it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from evaluation.dataset import Example
from worker.catalog.facts import ProductFacts, facts_from_row
from worker.config import Settings, get_settings
from worker.content.generator import GenerationContext, VoiceExample
from worker.content.model_generator import ModelGenerator
from worker.content.plan import units_for
from worker.models import ContentKind, Product
from worker.runtime import clear_model_cache

# Kinds whose output can be compared with a reference and generated from the dataset alone
# (tags need the platform's vocabulary, recommendation copy its segments, review summaries
# reviews: all in Postgres).
EVAL_KINDS = (ContentKind.description,)


@dataclass(frozen=True)
class Output:
    example: Example
    facts: ProductFacts
    text: str
    published: bool  # a candidate passed every guard: the content step would write this text
    error: str | None = None  # why nothing would be published


@dataclass
class ModelRun:
    label: str
    model_dirs: list[Path]
    outputs: list[Output] = field(default_factory=list)
    tokens: int = 0  # completion tokens of every sampled candidate
    seconds: float = 0.0  # time inside the model's generate calls (no model load)
    wall_seconds: float = 0.0

    @property
    def tokens_per_s(self) -> float:
        return self.tokens / self.seconds if self.seconds else 0.0

    @property
    def publish_rate(self) -> float:
        return sum(o.published for o in self.outputs) / len(self.outputs) if self.outputs else 0.0


def model_label(model_dir: Path) -> str:
    """Directory name + version prefix: two exports of one model stay apart."""
    from worker.runtime.manifest import read_manifest

    return f"{model_dir.name}@{str(read_manifest(model_dir)['version'])[:8]}"


def facts_for(example: Example, product_id: int) -> ProductFacts:
    """The facts the pipeline would load for this product had it been imported."""
    row = Product(id=product_id, **example.product.model_dump())
    return facts_from_row(row)


# Examples of the shop's own copy per (locale, category) the prompt's nearest are chosen from.
VOICE_POOL = 300


def voice_from(examples: Sequence[Example]) -> dict[tuple[str, str | None], list[VoiceExample]]:
    """Human references as the shop's approved copy, keyed like the pipeline's `load_voice`
    (ids below zero: never one of the scored products)."""
    voice: dict[tuple[str, str | None], list[VoiceExample]] = {}
    for i, example in enumerate(examples):
        product = example.product
        pool = voice.setdefault((product.locale, product.category), [])
        if len(pool) < VOICE_POOL:
            pool.append(VoiceExample(-(i + 1), product.title, example.references[0]))
    return voice


def generate_outputs(
    examples: Sequence[Example],
    *,
    model_dir: Path | None = None,
    kind: ContentKind = ContentKind.description,
    settings: Settings | None = None,
    progress: Callable[[int], None] | None = None,
    shop_copy: Sequence[Example] = (),
) -> ModelRun:
    """One output per example from `model_dir` (None: the default model per language)."""
    if kind not in EVAL_KINDS:
        raise ValueError(f"kind {kind.value!r} cannot be evaluated from a dataset file")
    settings = settings or get_settings()
    generator = ModelGenerator(settings, model_dir=model_dir)
    locales = sorted({e.product.locale for e in examples})
    dirs = list(dict.fromkeys(generator.model_dir_for(locale) for locale in locales))
    run = ModelRun(" + ".join(model_label(d) for d in dirs), dirs)

    started = time.perf_counter()
    context = GenerationContext(voice=voice_from(shop_copy))
    chunk = settings.generate_batch_size
    for start in range(0, len(examples), chunk):
        part = examples[start : start + chunk]
        facts = [facts_for(e, start + i + 1) for i, e in enumerate(part)]
        work = [item for f in facts for item in units_for(f, {}, [kind])]
        results = generator.generate(work, context)
        by_id = {r.item.facts.id: r for r in results}
        for example, product in zip(part, facts, strict=True):
            result = by_id[product.id]
            if result.ok and result.body is not None:
                run.outputs.append(Output(example, product, result.body, True))
                if product.category is not None:  # the pipeline's neighbours have one
                    context.neighbours.setdefault(product.category, []).append(result.body)
                continue
            # A refused unit's row keeps its cleaned candidates for review: score the first.
            refused = result.quality.get("candidates") or [{}]
            text = str(refused[0].get("text", ""))
            run.outputs.append(Output(example, product, text, False, result.error))
        if progress:
            progress(len(part))
    run.wall_seconds = time.perf_counter() - started
    run.tokens = int(generator.stats["tokens"])
    run.seconds = float(generator.stats["seconds"])
    # The next model to evaluate needs the memory; the worker's cache is for serving.
    clear_model_cache()
    return run
