"""Content kinds and exactly which inputs each one uses.

`input_hash` covers the fields a kind's prompt reads plus its prompt version, nothing more:
a price change makes descriptions stale but not tags. Bump `prompt_version` whenever a
prompt's wording changes so existing content becomes stale.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from worker.catalog.facts import ProductFacts
from worker.models import ContentKind


@dataclass(frozen=True)
class KindSpec:
    kind: ContentKind
    fields: tuple[str, ...]
    prompt_version: str
    per_segment: bool = False
    needs_reviews: bool = False


KINDS: dict[ContentKind, KindSpec] = {
    ContentKind.description: KindSpec(
        ContentKind.description,
        ("locale", "title", "brand", "category", "attributes", "keywords", "price", "currency"),
        # 4: the title lead (content/title_copy.py); 5: it reads the attributes, and only
        # sentences with a new fact follow it
        prompt_version="description-5",
    ),
    ContentKind.tags: KindSpec(
        ContentKind.tags,
        ("locale", "title", "brand", "category", "attributes", "keywords"),
        prompt_version="tags-2",
    ),
    ContentKind.recommendation_copy: KindSpec(
        ContentKind.recommendation_copy,
        ("locale", "title", "brand", "category", "attributes", "price", "currency"),
        prompt_version="recommendation-3",  # 3: the house examples
        per_segment=True,
    ),
    ContentKind.review_summary: KindSpec(
        ContentKind.review_summary,
        ("locale", "title", "reviews"),
        prompt_version="review-summary-2",
        needs_reviews=True,
    ),
}


def input_hash(spec: KindSpec, facts: ProductFacts, extra: dict[str, Any] | None = None) -> str:
    """sha256 of the canonical JSON of the kind's inputs (+ segment text etc. in `extra`)."""
    payload = {
        "kind": spec.kind.value,
        "prompt_version": spec.prompt_version,
        "fields": {name: facts.field_value(name) for name in spec.fields},
        "extra": extra or {},
    }
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()
