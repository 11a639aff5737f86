"""The facts guard: every number, price, material and colour the copy states must be one
the product's facts state. Inventing specs is what small models do most."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from worker.catalog.facts import ProductFacts
from worker.content.guards.corpus import FactsText
from worker.content.guards.quantities import (
    COUNT_UNITS,
    Quantity,
    extract_prices,
    extract_quantities,
    to_decimal,
)
from worker.content.guards.results import GuardResult, in_context, make_result, normalize
from worker.content.guards.terms import (
    colour_claims,
    material_claims,
    supported_colours,
    supported_materials,
)

_TOKEN_CHARS = re.compile(r"[0-9a-z./\-+_×*]", re.IGNORECASE)
_TOKEN_RE = re.compile(r"[0-9a-z][0-9a-z./\-+_×*]*", re.IGNORECASE)


def _tokens_with_digits(text: str) -> set[str]:
    tokens = set()
    for m in _TOKEN_RE.finditer(text):
        token = m.group(0).rstrip("./-+_*").lower()
        if any(ch.isdigit() for ch in token):
            tokens.add(token)
    return tokens


def _enclosing_token(text: str, start: int, end: int) -> str:
    while start > 0 and _TOKEN_CHARS.match(text[start - 1]):
        start -= 1
    while end < len(text) and _TOKEN_CHARS.match(text[end]):
        end += 1
    return text[start:end].strip("./-+_*").lower()


class _FactIndex:
    """The numbers the facts state: as tokens ("18/8"), value-unit pairs (unit None for a
    bare number or a price) and amounts in their dimension's base unit."""

    def __init__(self, facts_text: FactsText) -> None:
        self.tokens = _tokens_with_digits(facts_text.joined)
        self.pairs: set[tuple[Decimal, str | None]] = set()
        self.bases: set[tuple[str, Decimal]] = set()
        for s in facts_text.strings:
            for q in extract_quantities(s):
                self.add(q)
            for p in extract_prices(s):  # "¥199" inside an attribute is still the number 199
                self.pairs.add((p.amount, None))

    def add(self, q: Quantity) -> None:
        self.pairs.add((q.value, q.unit))
        base = q.base
        if base is not None:
            self.bases.add(base)

    def supports(self, q: Quantity, token: str) -> bool:
        if token and token in self.tokens and not token.isdigit():  # "18/8", "wh-1000xm4"
            return True
        if q.unit is None:
            # A bare number the facts give only as a measure is out of it: "SPF 50 to 100
            # SPF" of a 100 ml sunscreen. A count may be said in other words ("120
            # capsules" of "120 count"), a bare number in the facts as it likes.
            return (q.value, None) in self.pairs or any(
                v == q.value and u in COUNT_UNITS for v, u in self.pairs
            )
        if (q.value, q.unit) in self.pairs or (q.value, None) in self.pairs:
            return True
        base = q.base
        return base is not None and base in self.bases


# "长款为4cm" of boots whose facts say 跟高: 4cm — the number is the facts', the thing it
# measures is not. Chinese copy states a spec as "<名词>为/是/达<数值>"; the noun must be the
# attribute's (share a character with its name: 鞋跟高度 of 跟高) or a word for any spec;
# not 尺寸 or 大小, which say what size the product is ("尺寸为4厘米" of a boot's heel).
_COPULAS = ("长达", "高达", "约为", "达到", "为", "是", "达", "约", "有", "：", ":")
_SPEC_WORDS = frozenset({"规格", "参数", "数值", "型号"})
_HAN_RUN_RE = re.compile(r"[\u4e00-\u9fff]+$")
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")


def _spec_names(facts: ProductFacts) -> list[tuple[str, list[Quantity]]]:
    """(attribute name and value, the quantities the value states) for attributes named in
    Chinese."""
    out = []
    for key, value in facts.attributes.items():
        if isinstance(value, str | int | float) and _HAN_RE.search(str(key)):
            quantities = extract_quantities(normalize(str(value)))
            if quantities:
                # The value's own words name the thing too ("型号: 304不锈钢挂钩").
                out.append((f"{key} {normalize(str(value))}", quantities))
    return out


def misattributed_numbers(norm: str, facts: ProductFacts) -> list[tuple[str, str, int, int]]:
    """(noun, quantity, start, end) for each "<noun>为<number>" whose number is one
    attribute's value and whose noun is none of that attribute's words."""
    names = _spec_names(facts)
    if not names:
        return []
    title_values = {(q.value, q.unit) for q in extract_quantities(normalize(facts.title or ""))}
    hits = []
    for q in extract_quantities(norm):
        if (q.value, q.unit) in title_values:
            continue  # the title's number: any noun of the title's may carry it
        before = norm[: q.start].rstrip()
        copula = next((c for c in _COPULAS if before.endswith(c)), None)
        run = _HAN_RUN_RE.search(before[: len(before) - len(copula)] if copula else "")
        if run is None or len(run.group(0)) < 2:
            continue  # no "<noun>为<number>" statement
        keys = [k for k, qs in names if any((x.value, x.unit) == (q.value, q.unit) for x in qs)]
        if not keys:
            continue
        noun = run.group(0)[-2:]
        if noun in _SPEC_WORDS or any(set(noun) & set(k) for k in keys):
            continue
        hits.append((noun, q.surface, run.end() - 2, q.end))
    return hits


def check_facts(
    text: str, facts: ProductFacts, kind: str, *, extra_facts: Sequence[str] = ()
) -> GuardResult:
    return facts_guard(text, facts, FactsText.build(facts, kind, extra_facts))


def _listed(q: Quantity, index: _FactIndex) -> bool:
    """ "SPF50，100ml" reads "50,100 ml" once NFKC has made the Chinese comma ASCII: the
    two numbers of a list, each in the facts, are no thousands."""
    if "," not in q.surface:
        return False
    parts = extract_quantities(q.surface.replace(",", ", "))
    return len(parts) > 1 and all(index.supports(p, "") for p in parts)


def facts_guard(text: str, facts: ProductFacts, facts_text: FactsText) -> GuardResult:
    """Every number (with its unit) in the copy must be in the product's facts; a currency
    amount must equal the product's price in its currency; a material the copy names must
    be one the facts name (or imply), and a colour one of the hues the facts name."""
    norm = normalize(text)
    strings = facts_text.strings
    index = _FactIndex(facts_text)
    failures: list[str] = []
    details: list[str] = []
    price = to_decimal(facts.price) if facts.price is not None else None
    currency = (facts.currency or "").upper() or None
    for p in extract_prices(norm):
        if p.surface.lower() in facts_text.lower:
            continue  # the facts' own words ("积木120块": pieces, not yuan)
        if price is None:
            failures.append(f"fact:price_without_product_price {p.surface}")
            details.append(f"copy states a price '{p.surface}' but the product has no price")
        elif p.amount != price:
            failures.append(f"fact:price_mismatch {p.surface}")
            details.append(f"copy price '{p.surface}' != product price {facts.price} {currency}")
        elif currency is not None and currency not in p.currencies:
            failures.append(f"fact:currency_mismatch {p.surface}")
            details.append(f"copy currency in '{p.surface}' is not the product's {currency}")
    seen: set[str] = set()
    brand = normalize(facts.brand or "").lower()
    # Where the brand is said, its words are a name, not numbers ("Atelier Nine").
    named = (
        [(m.start(), m.end()) for m in re.finditer(re.escape(brand), norm.lower())] if brand else []
    )
    for q in extract_quantities(norm):
        token = _enclosing_token(norm, q.start, q.end)
        if index.supports(q, token) or q.surface in seen or _listed(q, index):
            continue
        if any(a <= q.start and q.end <= b for a, b in named):
            continue
        seen.add(q.surface)
        failures.append(f"fact:unsupported_number {q.surface}")
        details.append(
            f"'{q.surface}' ({in_context(norm, q.start, q.end)}) is not in the product facts"
        )
    for noun, number, start, end in misattributed_numbers(norm, facts):
        failures.append(f"fact:misattributed_number {noun}{number}")
        details.append(
            f"'{number}' is the facts' value of another spec than {noun}"
            f" ({in_context(norm, start, end)})"
        )
    # Named specs: each must be one the facts name (colours: unless the facts say
    # multicoloured, when any hue may be right).
    colours = supported_colours(strings)
    terms = [("material", material_claims(norm), supported_materials(strings))]
    if colours is not None:
        terms.append(("colour", colour_claims(norm), colours))
    for what, claims, known in terms:
        for surface, canonical, start, end in claims:
            if canonical in known or surface in seen:
                continue
            seen.add(surface)
            failures.append(f"fact:unsupported_{what} {surface}")
            details.append(
                f"{what} '{surface}' ({in_context(norm, start, end)}) is not in the product facts"
            )
    return make_result(
        "facts", failures, details, "every number, price, material and colour is in the facts"
    )
