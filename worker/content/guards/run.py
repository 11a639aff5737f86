"""All guards over one candidate: `run_guards` builds the facts' text once, runs every
guard in a fixed order and returns the `GuardReport` stored in `product_content.quality`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from worker.catalog.facts import ProductFacts
from worker.content.guards.audience import check_audience
from worker.content.guards.banned import banned_guard
from worker.content.guards.claims import check_claims
from worker.content.guards.contacts import check_contact
from worker.content.guards.corpus import FactsText, is_sparse
from worker.content.guards.duplicates import check_duplicates, simhash, simhash_to_signed
from worker.content.guards.echo import check_echo
from worker.content.guards.entities import check_entities
from worker.content.guards.exclusive import check_exclusive
from worker.content.guards.facts import facts_guard
from worker.content.guards.filler import check_filler
from worker.content.guards.language import language_guard
from worker.content.guards.results import GuardResult
from worker.content.guards.specifics import check_specifics_text
from worker.content.guards.style import check_length, check_style
from worker.content.guards.types import check_types
from worker.content.guards.usage import check_usage
from worker.content.guards.wording import check_wording

# 3: materials are facts too; 4: colours; 5: claims, audience, foreign names, product
# types, filler, and a shorter minimum for products known by little more than their title;
# 6: details the facts do not give (specifics); 7: coined words, stutters and loops
# (wording), another value of a one-value attribute (exclusive); 8: recommendation copy
# that recites its audience's description (echo), which is no longer a fact; a use the
# product's kind does not have (usage: a duvet "worn", a shoe's "taste"); 9: a person as
# a pet product's audience, a lamp "worn", antioxidant effects and 有效 on regulated
# products, another language's word in Chinese copy, a quantity "made of"; 10: properties
# the facts or material do not give (保暖, durable, portable, taste), a country the facts
# do not name, the title or a name no fact gives as the maker, Chinese 穿 of a bag, kana
# and rare Han characters, relief and TCM effects, 优质 and 精心制作 as filler; 11: a sibling
# type named as what the product is, a Chinese spec number given to another spec, the
# facts' colour as a material, reputation claims (深受喜爱), skincare tasted, a word said
# thrice, 黑色色, a sentence that stops on a function word; 12: the product's own kind as
# what it is made of, "non-X" beside X, Chinese tenths (五成), more reputation phrasings
# (深受好评, 很受欢迎, popular choice), the title's colour read as a name ("for Navy personnel"),
# furniture of a cutting board, and no longer a plant before its oil as a colour
# ("lavender oil").
GUARDS_VERSION = "guards-13"


@dataclass(frozen=True)
class GuardReport:
    results: list[GuardResult]
    simhash: int  # unsigned 64-bit; stored signed (BIGINT range) in as_json()
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.results)

    def as_json(self) -> dict[str, Any]:
        return {
            "version": GUARDS_VERSION,
            "passed": self.passed,
            "failures": list(self.failures),
            "simhash": simhash_to_signed(self.simhash),
            "guards": [r.as_json() for r in self.results],
        }


# Kinds whose copy is compared with the category's copy. Tags of similar products are
# supposed to be similar, so they are not.
_DUPLICATE_KINDS = frozenset({"description", "recommendation_copy", "review_summary"})


# The share of a product's facts a description says that makes it complete: a stub of a
# rich product says one or two of its facts ("A versatile laptop stand."), a lead that
# reads the attributes most of them (0.75 of the rich English catalog's stand at 189
# characters: "anodised" and a height range it does not read).
COMPLETE_COVERAGE = 2 / 3


def _complete(text: str, facts: ProductFacts) -> bool:
    """Does the text say (nearly) every fact of the product? Then it is long enough at a
    sparse product's minimum: past it, a description that says every fact can only pad or
    invent (a 0.5B model's 200 English characters of "comfortable and stylish"). Nearly:
    a fact word the copy says another way, or one no rule reads, is not counted said."""
    # Imported here: title_copy reads the guards' tables, so it imports this package.
    from worker.content.title_copy import fact_coverage

    return fact_coverage(text, facts) >= COMPLETE_COVERAGE


def run_guards(
    text: str,
    facts: ProductFacts,
    kind: str,
    *,
    others: Sequence[str | int] = (),
    extra_facts: Sequence[str] = (),
    facts_text: FactsText | None = None,
    audience: tuple[str, str] | None = None,
    complete: bool = False,
) -> GuardReport:
    """All guards over one candidate. `others`: other products' copy of the same kind in
    the same category (text or stored SimHash). `extra_facts`: text the prompt also gave
    the model that copy may repeat. `facts_text`: those facts as text when the caller
    already built them (once per unit, not per candidate). `audience`: (label,
    description) of the segment recommendation copy is written for (`FactsText.build`).
    `complete`: the text says every fact that can be said well (`fact_sentences`), so a
    sparse product's minimum length holds for it too."""
    kind = str(kind)
    # The facts' text is the same for every guard that compares the copy with it: built
    # once here (each check_* builds its own when called alone).
    if facts_text is None:
        facts_text = FactsText.build(facts, kind, extra_facts, audience)
    # Only a description has a sparse minimum; the coverage is not worked out for the rest.
    short_enough = (
        is_sparse(facts) or complete or (kind == "description" and _complete(text, facts))
    )
    results = [
        facts_guard(text, facts, facts_text),
        check_exclusive(text, facts_text),
        language_guard(text, facts, facts_text),
        banned_guard(text, facts_text),
        check_claims(text, facts_text),
        check_audience(text, facts_text),
        check_entities(text, facts_text),
        check_filler(text, facts_text),
        check_types(text, facts_text),
        check_usage(text, facts_text),
        check_wording(text, facts_text),
        check_specifics_text(text, facts_text, facts.locale, sparse=is_sparse(facts)),
        check_contact(text),
        check_length(text, facts.locale, kind, sparse=short_enough),
        check_style(text, kind, facts.title or ""),
    ]
    if audience is not None:
        results.append(check_echo(text, audience[1], audience[0], facts_text, facts.locale))
    if kind in _DUPLICATE_KINDS:
        results.append(check_duplicates(text, others))
    failures = [code for r in results for code in r.failures]
    return GuardReport(results=results, simhash=simhash(text), failures=failures)
