"""The usage guard: how the copy says the product is used must fit what kind of thing it is.
Small models reach for the register of the copy they saw most, fashion: a duvet set
"适合各种场合穿着", a lunch bag "easy to wear on a daily routine", a pillowcase "for
everyday wear"; or food copy on a shoe ("符合他们的口味").

Three uses, each a set of verbs and nouns that only make sense for some product families
(`guards.types`): wearing (garments, footwear, bags, jewellery, watches, accessories),
dressing in (Chinese 穿: garments and footwear only) and eating or drinking (supplements,
drinks, noodles, pet food, food). A sentence that uses a product one of those ways is
refused when every family the facts name is one that cannot be used so; facts that name
no known family (a yoga mat, headphones: both are "worn" by some writers) leave the copy
free, since a refusal would be a guess. Kitchenware may be spoken of either way (a mug's
copy speaks of taste), skincare may be worn (people wear sunscreen) but not tasted ("a
pleasant, even taste" of a night cream).
Electronics are worn only when the facts name a wearable one (headphones, a watch): a
desk lamp or a power bank is not "穿上".
"""

from __future__ import annotations

import functools
import re

from worker.content.guards.corpus import FactsText
from worker.content.guards.results import GuardResult, hits_result, normalize
from worker.content.guards.terms import TermIndex, term_claims, term_index
from worker.content.guards.types import product_families

# Not 味道 or 口味: fashion copy gives a dress 复古味道 and a shirt 街头味道 (11 of
# AdvertiseGen's 696 references, bench/claims_mine.py), and suits one's 口味.
_USE_TABLE = """
wear: wear, wears, wearing, worn, wearer, wearers, wearable, outfit, outfits, wardrobe,
  穿搭, 上身, 搭配衣服
dress: 穿着, 穿上, 穿出, 穿起来, 穿在身上, 试穿
eat: eat, eats, eating, edible, taste, tastes, tasty, delicious, flavour, flavours, flavor,
  flavors, flavorful, sip, sips, 食用, 饮用, 口感, 美味, 好吃, 入口, 品尝, 冲泡, 下饭, 食品,
  食物
"""

# Families that can be used each way; families named in neither list of a use are the ones
# that cannot (so a new family in guards.types is free until someone places it here).
_CAN = {
    "wear": frozenset(
        {"tops", "outerwear", "dresses", "bottoms", "footwear", "bags", "jewellery", "watches"}
    ),
    # Chinese 穿 is for clothes and shoes only: a bag is 背, jewellery and a watch 戴
    # ("提供舒适的穿着体验" of a card holder).
    "dress": frozenset({"tops", "outerwear", "dresses", "bottoms", "footwear"}),
    "eat": frozenset({"supplements", "drinks", "noodles", "pet food"}),
}
# Per use, families whose copy may speak of it without it being nonsense.
_FREE = {
    "wear": frozenset({"kitchen", "skincare"}),
    "dress": frozenset({"kitchen", "skincare"}),
    # A mug's copy may speak of taste; a night cream's "pleasant, even taste" is nonsense.
    "eat": frozenset({"kitchen"}),
}
# Wearables and foods that guards.types has no family for: accessories, and food words.
_ALSO = {
    "wear": re.compile(
        r"(?<![a-z])(?:belt|belts|scarf|scarves|socks|sock|hat|hats|cap|caps|gloves|tie|"
        r"ties|sunglasses|glasses|bra|bras|lingerie|underwear|swimsuit|pyjamas|pajamas|"
        # Electronics people wear: "comfortable to wear" is how headphones are described.
        r"headphones?|earphones?|earbuds?|headsets?|smartwatch(?:es)?|watch(?:es)?|"
        r"fitness tracker|vr)(?![a-z])|丝巾|围巾|袜|帽|手套|皮带|腰带|领带|眼镜|内衣|泳衣|"
        r"睡衣|连体衣|衣|耳机|耳麦|手环|手表"
    ),
    "dress": re.compile(
        r"(?<![a-z])(?:socks?|bras?|lingerie|underwear|swimsuit|pyjamas|pajamas)(?![a-z])|"
        r"袜|内衣|泳衣|睡衣|连体衣|衣|裤|裙|鞋|靴"
    ),
    "eat": re.compile(
        r"(?<![a-z])(?:tea|coffee|chocolate|honey|snack|snacks|food|foods|gummies|candy|"
        r"sauce|oil|rice|flour|cereal|biscuits|cookies|juice|wine|beer|milk|nuts|jam|spice|"
        r"spices)(?![a-z])|茶|咖啡|巧克力|蜂蜜|零食|食品|糖|酱|油|米|面|奶|酒|坚果|饼干|调料|粮"
    ),
}


# 穿着运动服: the buyer dressed in something else, which any product's copy may say.
_CLOTHES_AFTER = re.compile(r"[^，。！？,.!?]{0,4}[衣裤裙鞋服装袜靴]")


@functools.cache
def _index() -> TermIndex:
    return term_index(_USE_TABLE)


# Bounded, keyed by a product's facts (hashable): the specifics guard asks once per
# sentence of every candidate, and a unit's candidates share one FactsText.
@functools.lru_cache(maxsize=256)
def _cannot(facts_text: FactsText) -> frozenset[str]:
    """The uses this product cannot have: its facts name known families, none of which is
    used that way (and none is free of it, and no wearable or food word says otherwise)."""
    families = product_families(facts_text)
    if not families:
        return frozenset()
    return frozenset(
        use
        for use, can in _CAN.items()
        if not families & (can | _FREE[use]) and not _ALSO[use].search(facts_text.lower)
    )


@functools.lru_cache(maxsize=256)
def uses(facts_text: FactsText) -> frozenset[str]:
    """The uses this product has for certain: its facts name a family used that way, or a
    wearable or food word. Their words are how such copy speaks, not details it invents
    (guards.specifics: 食用 of noodles, "taste" of tea)."""
    families = product_families(facts_text)
    return frozenset(
        use for use, can in _CAN.items() if families & can or _ALSO[use].search(facts_text.lower)
    )


@functools.cache
def use_words(use: str) -> frozenset[str]:
    """The surfaces of one use (`_USE_TABLE`)."""
    return frozenset(s for s, u in _index()[1].items() if u == use)


def misused(text: str, facts_text: FactsText) -> list[tuple[str, int, int]]:
    """(surface, start, end) for each use of the product its kind does not allow."""
    cannot = _cannot(facts_text)
    if not cannot:
        return []
    return [
        (s, a, b)
        for s, use, a, b in term_claims(text, _index())
        if use in cannot and not (use == "dress" and _CLOTHES_AFTER.match(text, b))
    ]


def check_usage(text: str, facts_text: FactsText) -> GuardResult:
    norm = normalize(text)
    hits = [(f"usage:foreign {s}", s, a, b) for s, a, b in misused(norm, facts_text)]
    return hits_result("usage", hits, norm, "uses the product as its kind is used")
