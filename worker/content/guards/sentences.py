"""Sentence-level grounding: what an editor does with a candidate before judging it. Each
sentence the facts cannot support (an invented number, material, colour, claim, audience or
brand; a banned or filler phrase; contact data; another language) is dropped, and padding
adjectives are cut, instead of refusing the whole candidate for one bad sentence. What is
left is judged by `run_guards` like any text; what was dropped is kept for the reviewer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from worker.catalog.facts import ProductFacts
from worker.content.guards.audience import check_audience
from worker.content.guards.banned import banned_guard
from worker.content.guards.claims import check_claims
from worker.content.guards.contacts import check_contact
from worker.content.guards.corpus import FactsText
from worker.content.guards.entities import check_entities
from worker.content.guards.facts import facts_guard
from worker.content.guards.filler import check_filler, strip_filler_adjectives
from worker.content.guards.language import language_guard
from worker.content.guards.results import GuardResult
from worker.content.guards.style import check_style

# A sentence ends at 。！？； or at .!? followed by a space or the end ("22.5 W" is no end);
# closing quotes and brackets stay with their sentence.
_SENTENCE_RE = re.compile(r".+?(?:[。！？；!?]+|\.(?=\s|$)|$)[”」』\"')）]*\s*", re.DOTALL)


def split_sentences(text: str) -> list[str]:
    return [m.group(0) for m in _SENTENCE_RE.finditer(text) if m.group(0).strip()]


def sentence_guards(sentence: str, facts: ProductFacts, facts_text: FactsText) -> list[GuardResult]:
    """Every guard whose verdict belongs to one sentence (length, endings and duplicates
    belong to the whole text)."""
    return [
        facts_guard(sentence, facts, facts_text),
        check_claims(sentence, facts_text),
        check_audience(sentence, facts_text),
        check_entities(sentence, facts_text),
        banned_guard(sentence, facts_text),
        check_filler(sentence, facts_text),
        check_contact(sentence),
        check_style(sentence, "sentence"),
    ]


@dataclass(frozen=True)
class Dropped:
    sentence: str
    failures: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        return {"sentence": self.sentence, "failures": list(self.failures)}


@dataclass
class Grounded:
    text: str
    dropped: list[Dropped] = field(default_factory=list)


def ground_sentences(text: str, facts: ProductFacts, facts_text: FactsText) -> Grounded:
    """`text` with padding cut and unsupported sentences dropped. A sentence in another
    language than the locale's is dropped too, unless it is all there is."""
    # Not NFKC'd: the copy keeps its own punctuation (，。 in Chinese); the guards fold it.
    text = strip_filler_adjectives(text, facts_text)
    sentences = split_sentences(text)
    kept: list[str] = []
    dropped: list[Dropped] = []
    for sentence in sentences:
        results = sentence_guards(sentence, facts, facts_text)
        if len(sentences) > 1:
            results.append(language_guard(sentence, facts, facts_text))
        failures = [code for r in results for code in r.failures]
        if failures:
            dropped.append(Dropped(sentence.strip(), tuple(failures)))
        else:
            kept.append(sentence)
    return Grounded(_join(kept), dropped)


def _join(sentences: list[str]) -> str:
    out = ""
    for s in sentences:
        s = s.strip()
        # Latin prose needs a space between sentences; Chinese does not.
        if out and out[-1] in ".!?\"')" and s[:1].isascii():
            out += " "
        out += s
    return out
