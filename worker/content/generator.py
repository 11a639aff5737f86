"""The generation step's interface, and the placeholder generator (no model: for plumbing
tests and dry runs, `SHELFWRITER_GENERATOR=placeholder`).

A generator turns work items into results; it never touches the database. A failure for
one unit is a result with `error` set, not an exception, so one bad product cannot sink
its batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from worker.content.plan import WorkItem

if TYPE_CHECKING:
    from worker.tags.matcher import TagMatcher

PLACEHOLDER_MODEL_VERSION = "placeholder-0"
PLACEHOLDER_MARK = "[PLACEHOLDER: not model output]"


@dataclass
class ContentResult:
    item: WorkItem
    model_version: str
    body: str | None = None
    error: str | None = None
    quality: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None and self.body is not None


@dataclass
class GenerationContext:
    """What a batch needs from the database beyond its own products, read by the pipeline
    in its short read transaction so the generator never touches the database."""

    # category → other products' published descriptions (near-duplicate guard)
    neighbours: dict[str | None, list[str]] = field(default_factory=dict)
    # locale → the platform's tag vocabulary matcher (absent: no vocabulary loaded)
    tag_matchers: dict[str, TagMatcher] = field(default_factory=dict)
    # (locale, category) → the shop's own descriptions (written or approved by a person) of
    # other products: the prompt's examples of the shop's voice
    voice: dict[tuple[str, str | None], list[VoiceExample]] = field(default_factory=dict)
    # The voice pools' title embeddings, filled on first use (`voice_examples`).
    voice_vectors: dict[tuple[str, str | None], Any] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class VoiceExample:
    """A description a person wrote or approved, and the title of the product it is for."""

    product_id: int
    title: str
    body: str


class ContentGenerator(Protocol):
    def version_for(self, locale: str) -> str:
        """The model version that would write content for `locale` (cheap: no model load)."""
        ...

    def generate(
        self, work: list[WorkItem], context: GenerationContext | None = None
    ) -> list[ContentResult]: ...


class PlaceholderGenerator:
    """Writes a clearly marked stand-in through the real write path: rows, statuses and
    input hashes are real; only the body is not model output."""

    model_version = PLACEHOLDER_MODEL_VERSION

    def version_for(self, locale: str) -> str:
        return self.model_version

    def generate(
        self, work: list[WorkItem], context: GenerationContext | None = None
    ) -> list[ContentResult]:
        results = []
        for item in work:
            facts = item.facts
            if not facts.title.strip():
                results.append(
                    ContentResult(item, self.model_version, error="product has no title")
                )
                continue
            segment = f" ({item.segment.label})" if item.segment else ""
            body = f"{PLACEHOLDER_MARK} {item.spec.kind.value}{segment}: {facts.title}"
            results.append(
                ContentResult(item, self.model_version, body=body, quality={"placeholder": True})
            )
        return results
