"""The audience guard: who the product is for (men's, women's, kids') must agree with the
facts. Small models flip it: a men's T-shirt (男士) recommended as "女士纯棉圆领短袖T恤",
"girls" copy for boys' shoes.

Only words that say who the *product* is for count: 男士 / 女款 / men's / for women /
儿童 / kids'. Relations and pronouns do not (送给妈妈, a gift for him may be bought by
anyone), nor 男友风 (a women's "boyfriend" cut). Facts that name no audience, or say
unisex, let the copy name any.
"""

from __future__ import annotations

import functools
import re

from worker.content.guards.corpus import FactsText
from worker.content.guards.results import GuardResult, hits_result, normalize
from worker.content.guards.terms import TermIndex, term_claims, term_index

# audience: surfaces. men/women are a gender and an age, male/female a gender only (女生 is a
# schoolgirl or a woman), kids an age. No "baby" (baby blue) or 宝宝 (how Taobao copy
# addresses every buyer), no 女人/男人 (女人味 is a style: feminine).
_AUDIENCE_TABLE = """
men: men, men's, mens, man's, gentlemen, gentleman's, 男士, 男款, 男装, 男式, 男子, 男鞋
women: women, women's, womens, woman's, ladies, ladies', lady's, 女士, 女款, 女装, 女式, 女子,
  女鞋, 淑女
male: male, for him, 男性, 男生
female: female, for her, 女性, 女生, 少女
boys: boys, boys', boy's, 男童, 男孩
girls: girls, girls', girl's, 女童, 女孩
kids: kids, kids', kid's, children, children's, child's, toddler, toddlers, infant, infants,
  儿童, 童装, 童鞋, 婴儿, 幼儿, 小孩, 中大童
adults: adult, adults, adult's, grown-up, grown-ups, 成人, 成年人
unisex: unisex, 男女通用, 男女同款, 中性, 情侣, both genders, all genders, any gender,
  gender-neutral, gender neutral, 男女皆宜, 男女均可, 男女适用, 不分男女
"""
# Copy that says the product is for either gender, of a product the facts give one gender
# ("suitable for both genders" of a girls' skirt). Not 中性 or 情侣: in copy they are styles
# (中性风, an androgynous cut; 情侣款, a couple's matching look) a one-gender product can have.
_BOTH_GENDERS_STYLES = frozenset({"中性", "情侣"})
# Each audience as (gender, age); None = says nothing about it.
_AXES: dict[str, tuple[str | None, str | None]] = {
    "men": ("male", "adult"),
    "women": ("female", "adult"),
    "boys": ("male", "kid"),
    "girls": ("female", "kid"),
    "male": ("male", None),
    "female": ("female", None),
    "kids": (None, "kid"),
    "adults": (None, "adult"),
}
# A baby's product in the facts ("Baby Cotton Bodysuit", 婴儿): a kid's, as far as the
# copy's audience goes. Facts only: in copy "baby" is a colour (baby blue) or a term of
# address, and 宝宝 is how Taobao copy speaks to every buyer.
_FACTS_BABY = re.compile(r"(?<![a-z])bab(?:y|ies)(?!\s+(?:blue|pink|yellow|green|soft))|婴幼儿")
# Product types only women wear: the facts say "women" without the word.
_WOMEN_TYPES = re.compile(
    r"连衣裙|半身裙|裙|文胸|胸罩|旗袍|孕妇|(?<![a-z])(?:dress|dresses|skirt|skirts|bra|bras|"
    r"lingerie|kurti|kurtis|saree|sarees|leggings|maternity|nightie)(?![a-z])"
)


# A product for animals (the facts name pet food, a dog's toy, 猫粮): copy that names a
# person's age or gender as who it is for ("适合成人食用" of cat food, "for both dog and
# men") contradicts them. Only a pet word bound to a product or "for": a "Cat Lady Printed"
# phone case and cat-eye sunglasses are for people.
_FACTS_PETS = re.compile(
    r"(?<![a-z])(?:pets?|(?:dog|cat|puppy|kitten)s?'?\s+(?:food|toys?|treats?|beds?|"
    r"collars?|leash(?:es)?|litter|chews?|bowls?|shampoo|harness(?:es)?|kibble)|"
    r"for\s+(?:dogs|cats|puppies|kittens))(?![a-z])"
    r"|宠物|猫粮|狗粮|猫砂|成猫|幼猫|成犬|幼犬|犬用|猫用|猫咪|狗狗"
)
# The audiences that are people (not "for him/her": a pet's gift is bought for its owner).
_PEOPLE = frozenset({"men", "women", "boys", "girls", "kids", "adults"})

_UNISEX = re.compile(r"(?<![a-z])unisex(?![a-z])|男女通用|男女同款|老少皆宜|全家")


@functools.cache
def _index() -> TermIndex:
    return term_index(_AUDIENCE_TABLE)


def audiences_in(text: str) -> list[tuple[str, str, int, int]]:
    return term_claims(text, _index())


def facts_audience(facts_text: FactsText) -> tuple[set[str], set[str]] | None:
    """(genders, ages) the facts allow; None when they say unisex or nothing (any)."""
    named = {a for s in facts_text.strings for _, a, _, _ in audiences_in(s)}
    if "unisex" in named:
        return None
    genders = {g for a in named if (g := _AXES[a][0])}
    ages = {g for a in named if (g := _AXES[a][1])}
    if not ages and _FACTS_BABY.search(facts_text.lower):
        ages = {"kid"}
    if not genders and _WOMEN_TYPES.search(facts_text.lower):
        genders = {"female"}
    if not genders and not ages:
        return None
    return genders, ages


def find_contradictions(text: str, facts_text: FactsText) -> list[tuple[str, int, int]]:
    allowed = facts_audience(facts_text)
    if allowed is None and _FACTS_PETS.search(facts_text.lower):
        return [(s, a, b) for s, audience, a, b in audiences_in(text) if audience in _PEOPLE]
    if allowed is None:
        # Facts silent on the audience: "for kids" (tea "适合小孩饮用") and "for men" (a face
        # serum "suitable for men of all ages") are claims the facts do not make; a passing
        # 女生 or "her" is not.
        if _UNISEX.search(facts_text.lower):
            return []
        return [
            (s, a, b)
            for s, audience, a, b in audiences_in(text)
            if audience in ("kids", "men", "women")
        ]
    genders, ages = allowed
    hits = []
    for surface, audience, start, end in audiences_in(text):
        if audience == "unisex":
            if len(genders) == 1 and surface not in _BOTH_GENDERS_STYLES:
                hits.append((surface, start, end))
            continue
        gender, age = _AXES[audience]
        if (gender and genders and gender not in genders) or (age and ages and age not in ages):
            hits.append((surface, start, end))
    return hits


def check_audience(text: str, facts_text: FactsText) -> GuardResult:
    norm = normalize(text)
    hits = [
        (f"audience:contradicts_facts {s}", s, a, b)
        for s, a, b in find_contradictions(norm, facts_text)
    ]
    return hits_result("audience", hits, norm, "the audience agrees with the facts")


def contradicting_words(facts_text: FactsText) -> set[str]:
    """Single-word audience surfaces the copy may not use for this product: what grounded
    decoding bars."""
    surfaces = _index()[1]
    probe = " | ".join(s for s in surfaces if " " not in s)
    barred = {s.lower() for s, _, _ in find_contradictions(probe, facts_text)}
    return {s for s in barred if " " not in s}
