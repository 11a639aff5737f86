"""The house demonstrations: worked examples the prompt shows the model before its product.

A 0.5B model follows an example far better than a rule. Told "use only the facts", it
still writes a paragraph of invented features about a product known by its title; shown
a title-only product answered with one plain sentence and a product with facts answered
with those facts in shop prose, it copies that shape. Each example is a user turn built
by the same prompt builder as the real one and an answer a copywriter wrote from those
facts alone (tests check every answer passes every guard on its own facts).

The examples' products are far from most catalogs' (a linen shirt, a water bottle), and
their facts must not leak: sentence grounding drops a sentence that takes a phrase of an
example's that the real product's facts do not carry (`borrowed_sources`), and the number,
material, colour and brand guards refuse the rest. They sit right after the system
message, identical for every product of a kind, language and audience, so the CPU loop
computes them once per model (the shared prefix cache) and a batch pays for them once.
A model whose context is under 4,096 tokens is not shown them (its product's facts come
first); `Settings.demos` says which prompts show them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from worker.catalog.facts import ProductFacts
from worker.content.plan import SegmentInfo
from worker.runtime.generation import Message


@dataclass(frozen=True)
class Demo:
    facts: ProductFacts
    # A description's answer, or a recommendation's answer with `{label}` for the audience.
    answer: str

    @property
    def attributes(self) -> list[tuple[str, str]]:
        """The facts' attributes as the prompt builders take them."""
        return [(k, str(v)) for k, v in self.facts.attributes.items()]


def _facts(
    locale: str,
    title: str,
    brand: str | None = None,
    category: str | None = None,
    price: tuple[str, str] | None = None,
    **attributes: str,
) -> ProductFacts:
    return ProductFacts(
        id=0,
        sku="demo",
        locale=locale,
        title=title,
        brand=brand,
        category=category,
        attributes=dict(attributes),
        keywords=(),
        price=price[0] if price else None,
        currency=price[1] if price else None,
    )


# One product with facts (answered at the length the real prompt asks for such products)
# and one known by its title alone (one sentence), so the model sees that the length
# follows the facts. Every sentence says a fact or what the product type plainly is for.
# Each has a price the answer does not recite: the shop shows it beside the copy, and
# with price-less examples the model wrote "costs 461.00 INR" into 41 of 60 Myntra
# descriptions (14 of 60 without examples).
_EN_SHIRT = _facts(
    "en",
    "Women's Linen Shirt, Sage Green",
    "Arlo & Fern",
    "Apparel & Accessories > Clothing > Shirts & Tops",
    ("39.00", "USD"),
    gender="Women",
    material="100% linen",
    sleeve="long sleeve",
    fit="relaxed",
)
_EN_BOTTLE = _facts("en", "Stainless Steel Water Bottle 750 ml", price=("18.00", "USD"))
_ZH_SHIRT = _facts(
    "zh-CN",
    "女士亚麻长袖衬衫 灰绿色",
    "禾木",
    "服装 > 女装 > 衬衫",
    ("259.00", "CNY"),
    材质="100%亚麻",
    袖长="长袖",
    版型="宽松",
)
_ZH_BOTTLE = _facts("zh-CN", "不锈钢保温杯 500ml", price=("69.00", "CNY"))

DESCRIPTION: dict[str, list[Demo]] = {
    "en": [
        Demo(
            _EN_SHIRT,
            "This women's shirt from Arlo & Fern is made of 100% linen in sage green. It has"
            " long sleeves and a relaxed fit for an easy, comfortable feel. Wear it on its"
            " own or open over a top. It suits a day at the office as well as a weekend out.",
        ),
        # Not "made of": shown it, the model wrote "made of 90 count", "made of Bluetooth".
        Demo(_EN_BOTTLE, "This is a 750 ml stainless steel water bottle for everyday use."),
    ],
    "zh": [
        Demo(
            _ZH_SHIRT,
            # As long as the ask (80-150 characters): a 60-character example made the model
            # write 54 on average, and AdvertiseGen's chrF fell from 7.4 to 5.9.
            "这款禾木女士衬衫采用100%亚麻面料，颜色为灰绿色，看起来清爽素净。长袖设计，版型宽松，"
            "穿在身上不拘束，活动自如。可以单穿，也可以敞开当外搭，里面配一件T恤就很好看。"
            "上班通勤穿着得体，周末出门也很轻松，是衣橱里好搭配的一件。",
        ),
        Demo(_ZH_BOTTLE, "这是一款500ml的不锈钢保温杯，出门可以随身携带。"),
    ],
}

RECOMMENDATION: dict[str, list[Demo]] = {
    "en": [
        # Not "that holds": shown it, the model wrote "a belt that holds brown".
        Demo(_EN_BOTTLE, "A 750 ml stainless steel water bottle: a practical pick for {label}."),
        Demo(
            _EN_SHIRT,
            "A sage green linen shirt from Arlo & Fern, easy to wear to work or at the"
            " weekend: a good choice for {label}.",
        ),
    ],
    "zh": [
        Demo(_ZH_BOTTLE, "这款500ml的不锈钢保温杯简单实用，是{label}的不错选择。"),
    ],
}


def _label(segment: SegmentInfo, lang: str) -> str:
    # English labels are headings ("Gift buyers"); mid-sentence they are lower case.
    return segment.label if lang == "zh" else segment.label[:1].lower() + segment.label[1:]


def description_turns(
    lang: str, build: Callable[[ProductFacts, list[tuple[str, str]]], list[Message]]
) -> list[Message]:
    """The description examples as chat turns; `build` is the prompt builder (its user
    turn is taken, so an example asks exactly what the real prompt asks)."""
    turns: list[Message] = []
    for demo in DESCRIPTION[lang]:
        turns.append(build(demo.facts, demo.attributes)[-1])
        turns.append({"role": "assistant", "content": demo.answer})
    return turns


def recommendation_turns(
    lang: str,
    segment: SegmentInfo,
    build: Callable[[ProductFacts, list[tuple[str, str]], SegmentInfo], list[Message]],
) -> list[Message]:
    """The recommendation examples for `segment`, answered with its label."""
    turns: list[Message] = []
    for demo in RECOMMENDATION[lang]:
        turns.append(build(demo.facts, demo.attributes, segment)[-1])
        turns.append(
            {"role": "assistant", "content": demo.answer.format(label=_label(segment, lang))}
        )
    return turns


def borrowed_sources(kind: str, lang: str) -> list[str]:
    """The examples' facts (titles, brands, attribute values): what copy must not take
    unless its own product's facts carry it too (`ground_sentences` drops such a
    sentence). Their answers' prose ("at work or at the weekend") is house style, free."""
    demos = DESCRIPTION if kind == "description" else RECOMMENDATION
    if kind not in ("description", "recommendation_copy"):
        return []
    return [
        text
        for demo in demos.get(lang, [])
        for text in (demo.facts.title, demo.facts.brand or "", *(v for _, v in demo.attributes))
        if text
    ]
