"""The facts corpus: every string of a product's facts that copy may take numbers and terms
from. `FactsText` holds it in the forms the guards compare against, built once per candidate
(by `run_guards`) rather than once per guard."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from worker.catalog.facts import ProductFacts
from worker.content.guards.results import normalize


def _walk_strings(value: Any, depth: int = 0, *, names: bool = True) -> Iterator[str]:
    """Attribute names (unless not `names`) and scalar values, any nesting; capped so a
    hostile shape is cheap."""
    if depth > 6:
        return
    if isinstance(value, dict):
        for key, item in list(value.items())[:500]:
            if names:
                yield str(key)
            yield from _walk_strings(item, depth + 1, names=names)
    elif isinstance(value, list | tuple):
        for item in list(value)[:500]:
            yield from _walk_strings(item, depth + 1, names=names)
        scalars = [v for v in list(value)[:500] if isinstance(v, str | int | float | Decimal)]
        if len(scalars) > 1 and not any(isinstance(v, bool) for v in scalars):
            # The list as copy says it ("38 x 28 cm, 30 x 20 cm"), as the worker's cleaned
            # facts join it: its items' neighbours are then the facts' own, no stutter.
            yield ", ".join(str(v) for v in scalars)
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, str | int | float | Decimal):
        yield str(value)


# Letters a seller marks a measure's axis with ("16.3\" W x 7.1\" D x 12.2\" H", "33 cm H x
# 11 cm dia."), and the words English says them with after the measure.
AXES = {"h": "high", "w": "wide", "d": "deep", "l": "long", "t": "thick", "dia": "in diameter"}
AXIS = r"(?:[HWDLT]|[Dd]ia\.?|Ø)"
AXIS_LETTER = re.compile(rf"\d\s*(?:cm|mm|m|in|\"|″)?\s*\(?(?P<axis>{AXIS})\)?(?![A-Za-z])")


def axis_word(letter: str) -> str:
    """The word an axis letter stands for ("H" → "high", "dia." and "Ø" → "in diameter")."""
    axis = letter.lower().rstrip(".")
    return AXES["dia" if axis in {"dia", "ø"} else axis]


def axis_words(text: str) -> str:
    """The words the axis letters of a text's measures stand for ("long wide high" of
    "10\" L x 3.5\" W x 5.75\" H"), "" where it marks none: the guards read a fact's letters
    as the copy says them."""
    found = [axis_word(m["axis"]) for m in AXIS_LETTER.finditer(text)]
    if len(found) < 2 or not re.search(r"[x×]", text):
        return ""  # "5 L tank": a litre, not an axis; a lettered size has two or more
    return " ".join(dict.fromkeys(found))


def fact_strings(facts: ProductFacts, kind: str, extra_facts: Sequence[str] = ()) -> list[str]:
    """Everything the copy may take numbers and terms from. Reviews count only for
    review_summary: a description must not borrow a buyer's claim."""
    out = [facts.title or "", facts.brand or "", facts.category or ""]
    values = list(_walk_strings(facts.attributes))
    out.extend(values)
    # "10\" L x 3.5\" W": the words its letters stand for ("10\" long"), which the facts say.
    out.extend(w for w in map(axis_words, values) if w)
    out.extend(str(k) for k in facts.keywords)
    if facts.price is not None:
        out.append(f"{facts.price} {facts.currency or ''}")
    if kind == "review_summary":
        out.extend(r.text for r in facts.reviews)
        out.extend(str(r.rating) for r in facts.reviews if r.rating is not None)
        # Counts and the rating scale are facts a summary may state ("12 reviews", "out of 5").
        out.append(f"{len(facts.reviews)} 5")
    out.extend(extra_facts)
    return [normalize(s) for s in out if s]


# Attribute names that give a colour, in the catalogs' languages (colour, color, 颜色, 色系).
_COLOUR_KEY_RE = re.compile(r"colou?r|颜色|色系|^色$", re.IGNORECASE)


@dataclass(frozen=True)
class FactsText:
    """A product's facts as text, for one kind of copy (and the prompt's extra facts)."""

    strings: tuple[str, ...]  # `fact_strings`: NFKC-normalised, no empty ones
    joined: str  # the strings, one a line
    lower: str  # joined, whitespace runs as one space, lower-cased
    brand: str = ""  # the product's brand, NFKC, lower-cased ("" when it has none)
    # What the prompt said about the copy's setting and not about the product (a segment's
    # description: "for study and campus life"), lower-cased: a detail drawn from it is not
    # invented (guards.specifics), but it backs no claim, number or audience.
    context: str = ""
    # The values of the attributes that give a colour ("sand", "olive"), lower-cased: a
    # word a catalog uses as a colour is no material ("made from sand" of sand trousers).
    colours: frozenset[str] = frozenset()

    @classmethod
    def build(
        cls,
        facts: ProductFacts,
        kind: str,
        extra_facts: Sequence[str] = (),
        audience: tuple[str, str] | None = None,
    ) -> FactsText:
        """`audience`: the (label, description) of the segment recommendation copy is for.
        The label was in the prompt, so naming it is not invented (a fact); the
        description says who reads the line, so it is setting only (guards.echo refuses
        reciting it)."""
        label, description = audience or ("", "")
        strings = tuple(fact_strings(facts, kind, [*extra_facts, label]))
        joined = "\n".join(strings)
        brand = re.sub(r"\s+", " ", normalize(facts.brand or "")).strip().lower()
        setting = re.sub(r"\s+", " ", normalize(description)).lower()
        colours = frozenset(
            normalize(v).strip().lower()
            for key, value in facts.attributes.items()
            if _COLOUR_KEY_RE.search(str(key))
            for v in _walk_strings(value)
        )
        lower = re.sub(r"\s+", " ", joined).lower()
        return cls(strings, joined, lower, brand, setting, colours - {""})


# Fewer facts than this beside the title: a short description of what the title says is
# all the facts support (a paragraph would have to invent).
SPARSE_FACTS = 3


def is_sparse(facts: ProductFacts) -> bool:
    """Known by little more than its title: fewer than `SPARSE_FACTS` attribute values and
    keywords, or none the title does not already say ("Men's Leather Belt, Brown" with
    gender, colour and material: a four-sentence description of it could only invent)."""
    few = _count_values(facts.attributes) + len(facts.keywords) < SPARSE_FACTS
    return few or says_only_title(facts)


def is_title_only(facts: ProductFacts) -> bool:
    """Known by its title alone: no attribute value and no keyword."""
    return _count_values(facts.attributes) + len(facts.keywords) == 0


def _count_values(value: Any, depth: int = 0) -> int:
    if depth > 6:
        return 0
    if isinstance(value, dict):
        return sum(_count_values(v, depth + 1) for v in list(value.values())[:500])
    if isinstance(value, list | tuple):
        return sum(_count_values(v, depth + 1) for v in list(value)[:500])
    return 0 if isinstance(value, bool) or value in (None, "") else 1


def says_only_title(facts: ProductFacts) -> bool:
    """Do the facts say nothing the title does not? No attribute value or keyword that the
    title lacks ("gender: Men" of "Men's … Sweater" adds nothing). Brand, category and price
    are not what copy describes."""
    title = normalize(facts.title or "").lower()
    if not title:
        return False
    # Values only: a name alone ("colour") says nothing.
    values = [*_walk_strings(facts.attributes, names=False), *map(str, facts.keywords)]
    return all(said_in(v, title) for v in values)


def said_in(value: str, title: str) -> bool:
    """Does `title` (lower-case, normalized) say `value`: the whole value, or each of its
    words ("Men" of "Men's")?"""
    value = normalize(value).lower().strip()
    if not value or value in title:
        return True
    # "Men" of "Men's", "Women" of "Women's": a word's stem before an apostrophe. A number
    # whole: the 2 of "2 capsules" is not the 120 of "120 count".
    words = re.findall(r"[a-z0-9]+|[\u4e00-\u9fff]+", value)
    return bool(words) and all(
        re.search(rf"(?<![\d.]){w}(?![\d.])", title) if w.isdigit() else w in title for w in words
    )
