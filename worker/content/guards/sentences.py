"""Sentence-level grounding: what an editor does with a candidate before judging it. Each
sentence the facts cannot support (an invented number, material, colour, claim, audience,
brand or detail; a coined word or a stutter; a banned or filler phrase; contact data;
another language) is dropped, and padding adjectives are cut, instead of refusing the whole
candidate for one bad sentence. What is left is judged by `run_guards` like any text; what
was dropped is kept for the reviewer.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from worker.catalog.facts import ProductFacts
from worker.content.guards.audience import check_audience
from worker.content.guards.banned import banned_guard
from worker.content.guards.claims import check_claims
from worker.content.guards.contacts import check_contact
from worker.content.guards.corpus import FactsText, is_sparse
from worker.content.guards.entities import check_entities
from worker.content.guards.exclusive import check_exclusive
from worker.content.guards.facts import facts_guard
from worker.content.guards.filler import check_filler, strip_filler_adjectives
from worker.content.guards.language import language_guard
from worker.content.guards.results import GuardResult, normalize
from worker.content.guards.specifics import check_specifics
from worker.content.guards.style import check_style
from worker.content.guards.types import check_types
from worker.content.guards.usage import check_usage
from worker.content.guards.wording import check_wording, loop_runs, repeats_earlier

# A sentence ends at 。！？； or at .!? followed by a space or the end ("22.5 W" is no end);
# closing quotes and brackets stay with their sentence.
_SENTENCE_RE = re.compile(r".+?(?:[。！？；!?]+|\.(?=\s|$)|$)[”」』\"')）]*\s*", re.DOTALL)


# A shortened word's full stop before a number or a lower-case word ("approx. 48 cm",
# "incl. case") ends no sentence (a lead cut at "The overall length is approx.", review 40).
_ABBREVIATION_END = re.compile(
    r"\b(?:approx|appr|ca|circa|incl|excl|e\.g|i\.e|vs|no|nr|max|min|fig)\.\s*$", re.IGNORECASE
)
_GOES_ON = re.compile(r"[a-z0-9(]")


def split_sentences(text: str) -> list[str]:
    out: list[str] = []
    for m in _SENTENCE_RE.finditer(text):
        piece = m.group(0)
        if not piece.strip():
            continue
        if out and _ABBREVIATION_END.search(out[-1]) and _GOES_ON.match(piece):
            out[-1] += piece
        else:
            out.append(piece)
    return out


def sentence_guards(sentence: str, facts: ProductFacts, facts_text: FactsText) -> list[GuardResult]:
    """Every guard whose verdict belongs to one sentence (length, endings and duplicates
    belong to the whole text)."""
    return [
        facts_guard(sentence, facts, facts_text),
        check_exclusive(sentence, facts_text),
        check_claims(sentence, facts_text),
        check_audience(sentence, facts_text),
        check_entities(sentence, facts_text),
        banned_guard(sentence, facts_text),
        check_filler(sentence, facts_text),
        check_types(sentence, facts_text),
        check_usage(sentence, facts_text),
        check_wording(sentence, facts_text),
        check_contact(sentence),
        check_style(sentence, "sentence"),
        check_specifics(sentence, facts_text, facts.locale, sparse=is_sparse(facts)),
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


# Stopwords for borrowed phrases: a shared "for the" is no borrowing.
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "for",
        "with",
        "from",
        "this",
        "that",
        "its",
        "it",
        "is",
        "are",
        "be",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "as",
        "or",
        "your",
        "you",
        "our",
        "their",
        "has",
        "have",
        "can",
        "will",
        "also",
        "which",
        "while",
        "both",
        "all",
        "any",
        "each",
        "more",
        "very",
    ]
)
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


# Han characters in a row that make a copied phrase. Chinese product copy shares 4-5
# character phrases as a matter of style (领口的设计, 时尚百搭): with 5, AdvertiseGen copy
# lost four sentences in five; 8 in a row is another product's sentence taken whole.
HAN_COPY_RUN = 8


def _phrases(text: str) -> set[str]:
    """Content-word bigrams (Latin) and runs of `HAN_COPY_RUN` Han characters: phrases
    specific enough that sharing one with another product's copy means it was copied."""
    words = re.findall(r"[a-z][a-z'-]+", text.lower())
    out = {
        f"{a} {b}"
        for a, b in itertools.pairwise(words)
        if a not in _STOPWORDS and b not in _STOPWORDS
    }
    for run in _HAN_RUN.findall(text):
        n = HAN_COPY_RUN
        out.update(run[i : i + n] for i in range(len(run) - n + 1))
    return out


def example_phrases(examples: Sequence[str]) -> frozenset[str]:
    """What the prompt's examples of the shop's voice (other products' copy) say that copy
    must not take: their phrases, and their names (capitalised mid-sentence: Scotland,
    Calvin), which are their facts too."""
    phrases = set().union(*(_phrases(e) for e in examples))
    phrases.update(
        m.group(1).lower()
        for e in examples
        for m in re.finditer(r"(?<=[a-z,;] )([A-Z][a-z]{2,})", e)
    )
    return frozenset(phrases)


def borrowed(sentence: str, theirs: frozenset[str], facts_text: FactsText) -> list[str]:
    """Phrases of `sentence` among the examples' (`example_phrases`) that this product's
    facts do not carry: that product's features."""
    if not theirs:
        return []
    mine = _phrases(sentence) | set(re.findall(r"[a-z]{3,}", sentence.lower()))
    return sorted(p for p in mine & theirs if p not in facts_text.lower)


def ground_sentences(
    text: str, facts: ProductFacts, facts_text: FactsText, examples: Sequence[str] = ()
) -> Grounded:
    """`text` with padding cut and unsupported sentences dropped: a sentence in another
    language than the locale's (unless it is all there is), and one that copies a phrase
    from the prompt's examples of the shop's voice that the facts do not carry."""
    # Not NFKC'd: the copy keeps its own punctuation (，。 in Chinese); the guards fold it.
    text = strip_filler_adjectives(text, facts_text)
    sentences = split_sentences(text)
    theirs = example_phrases(examples)
    kept: list[str] = []
    dropped: list[Dropped] = []
    said: set[str] = set()  # runs of the sentences kept so far (a loop repeats them)
    for sentence in sentences:
        results = sentence_guards(sentence, facts, facts_text)
        if len(sentences) > 1:
            results.append(language_guard(sentence, facts, facts_text))
        failures = [code for r in results for code in r.failures]
        failures += [f"voice:borrowed {p}" for p in borrowed(sentence, theirs, facts_text)[:3]]
        again = repeats_earlier(sentence, said, facts_text)
        if again:
            failures.append(f"wording:loop {again[:30]}")
        if failures:
            dropped.append(Dropped(sentence.strip(), tuple(failures)))
        else:
            kept.append(sentence)
            said |= loop_runs(normalize(sentence))
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
