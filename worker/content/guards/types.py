"""The product-type guard: the kind of thing the copy says it sells must be the kind the
title or category names. Small models drift to another product: "blouse flap" on
flip-flops, a 笔记本电脑 in a card holder's copy.

Types are grouped in families (tops, footwear, bags, …); copy that names a type of another
family than every type the facts name is refused. Facts that name no listed type leave the
copy free (a refusal would be a guess).

Where the copy says what the product *is* ("X is a portable …", "这是一个…"), a sibling type
of the same family is refused too: "蓝牙音箱是便携式的无线耳机" and "这是一个20L的军绿色布袋" of
a backpack name the family right and the product wrong. Only there: beside the product, a
sibling is usually what it goes with (a speaker's copy may name the phone it plays from).
"""

from __future__ import annotations

import functools
import re

from worker.content.guards.corpus import FactsText
from worker.content.guards.results import GuardResult, hits_result, normalize
from worker.content.guards.terms import TermIndex, term_claims, term_index

# family: surfaces. Only nouns that name one kind of product and nothing else: no single
# Han characters (包 is also 包装 and 包邮), no "top" (on top of), "watch", "cup" (cup size),
# "tablet" (calcium tablets), "scale" or "pot" (a plant pot). Furniture by its family name
# only: "a large piece of furniture" of a cutting board; a sofa or a wardrobe is where
# many products go ("fits in your wardrobe"), which this guard would refuse anywhere.
_TYPE_TABLE = """
tops: t-shirt, t-shirts, tee, tees, tshirt, shirt, shirts, blouse, blouses, sweater,
  sweaters, hoodie, hoodies, sweatshirt, cardigan, kurta, kurtas, kurti, tunic, 衬衫, T恤, 上衣,
  毛衣, 卫衣, 针织衫, 开衫
outerwear: jacket, jackets, coat, coats, blazer, parka, 外套, 大衣, 夹克, 风衣, 羽绒服, 西装
dresses: dress, dresses, gown, saree, sarees, 连衣裙, 旗袍
bottoms: jeans, trousers, pants, chinos, shorts, skirt, skirts, leggings, 裤子, 牛仔裤, 短裤,
  半身裙, 长裤, 打底裤
footwear: shoes, shoe, sneakers, trainers, boots, boot, sandals, flip-flops, flip flops,
  slippers, heels, flats, pumps, mules, clogs, loafers, 鞋子, 运动鞋, 靴子, 凉鞋, 拖鞋,
  高跟鞋, 登山鞋, 跑鞋
bags: bag, bags, backpack, handbag, tote, wallet, purse, clutch, luggage, trolley, 背包,
  双肩包, 手提包, 钱包, 卡包, 行李箱, 布袋, 帆布袋, 手提袋, 挎包, 斜挎包
jewellery: necklace, earrings, bracelet, ring, pendant, 项链, 耳环, 手链, 戒指
watches: wristwatch, smartwatch, 手表
electronics: headphones, earphones, earbuds, speaker, laptop, smartphone, camera,
  keyboard, mouse, charger, cable, power bank, 耳机, 音箱, 笔记本电脑, 手机, 平板, 相机,
  键盘, 鼠标, 充电器, 数据线, 充电宝
lighting: lamp, lamps, desk lamp, floor lamp, table lamp, light bulb, 台灯, 落地灯, 护眼灯,
  吊灯, 灯泡
kitchen: frying pan, saucepan, knife, kettle, mug, lunch box, cutting board, chopping board,
  煎锅, 炒锅, 菜刀, 水壶, 马克杯, 杯子, 水杯, 保温杯, 饭盒, 砧板, 菜板
furniture: furniture, 家具
bedding: pillowcase, pillow, pillow covers, duvet, bedsheet, bedsheets, blanket, dohar,
  枕套, 枕头, 被子, 床单, 四件套
supplements: chewable tablets, capsules, softgels, dietary supplement, 钙片, 咀嚼片, 维生素片,
  胶囊, 软胶囊, 保健品, 营养片
drinks: beverage, beverages, soft drink, juice, 饮料, 饮品, 果汁, 汽水
noodles: noodles, pasta, 挂面, 拉面, 面条, 方便面
toys: toy, toys, building blocks, jigsaw, 积木, 玩具, 拼图
pet food: cat food, dog food, 猫粮, 狗粮, 宠物粮
skincare: face cream, moisturiser, moisturizer, serum, night cream, day cream, eye cream,
  hand cream, sunscreen, sun cream, 面霜, 精华液, 乳液, 爽肤水, 晚霜, 眼霜, 护手霜, 防晒霜
candles: 蜡烛, 香薰蜡烛
"""

# Words for a whole kind of goods, and the families they cover: judged only where the copy
# says what the product is ("超薄真皮卡包是男女通用的服装", "香薰蜡烛是一款…化妆品"), since
# beside it they are what it goes with ("收纳化妆品" of a cosmetics bag).
_KINDS: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        ("服装", "衣服", "衣物", "clothing", "garment"),
        frozenset({"tops", "outerwear", "dresses", "bottoms"}),
    ),
    **dict.fromkeys(("化妆品", "护肤品", "cosmetics"), frozenset({"skincare"})),
    **dict.fromkeys(
        ("食品", "食物", "零食"), frozenset({"supplements", "drinks", "noodles", "pet food"})
    ),
    **dict.fromkeys(("电子产品", "数码产品"), frozenset({"electronics", "lighting"})),
    **dict.fromkeys(("饰品", "首饰"), frozenset({"jewellery", "watches"})),
}
_KINDS_RE = re.compile("|".join(sorted(map(re.escape, _KINDS), key=len, reverse=True)))


@functools.cache
def _index() -> TermIndex:
    return term_index(_TYPE_TABLE)


def type_surfaces() -> frozenset[str]:
    """Every product type's surfaces (lower-case): nouns that name a kind of product."""
    return frozenset(_index()[1])


def _families(text: str) -> set[str]:
    return {family for _, family, _, _ in term_claims(text, _index())}


def type_claims(text: str) -> list[tuple[str, str, int, int]]:
    """(surface, family, start, end) for each product type named in lower-cased `text`."""
    return term_claims(text, _index())


def product_families(facts_text: FactsText) -> set[str]:
    """The families of the product types the facts name (none: the type is unknown)."""
    return set().union(*(_families(s) for s in facts_text.strings))


def foreign_types(text: str, facts_text: FactsText) -> list[tuple[str, int, int]]:
    """(surface, start, end) for each product type of another family than the facts'."""
    own = product_families(facts_text)
    if not own:
        return []
    return [(s, a, b) for s, family, a, b in term_claims(text, _index()) if family not in own]


# Names of a family as a whole: "a versatile bag" of a backpack, "这款玩具" of building blocks
# say the same thing broadly, never another product.
_GENERIC = frozenset(
    (
        *("bag", "bags", "shoes", "shoe", "toy", "toys", "beverage", "beverages", "furniture"),
        *("dietary supplement", "背包", "鞋子", "玩具", "饮料", "饮品", "保健品", "杯子"),
        *("裤子", "上衣", "外套"),
    )
)

# "… is/are a|an|the …" and "…是/为(一款|一个…)…": the copula that says what the product is,
# up to the clause's end. A bounded span: the type named there is the predicate's.
_IS_A_RE = re.compile(
    r"\b(?:is|are)\s+(?:a|an|the|one)\s+([^.,;:!?\n]{1,60})"
    r"|(?:是|为)(?:一|这)?(?:款|个|种|件|条|双|只|套|台|把|支|瓶|盒|块|张|副|对)?([^，。！？；：,.!?;:\n]{1,24})",
    re.IGNORECASE,
)


def _type_key(surface: str) -> str:
    """A type's surface, lower-cased, hyphens as spaces, singular: "T-shirts" as "t shirt"."""
    key = " ".join(surface.lower().replace("-", " ").split())
    return key[:-1] if key.endswith("s") and not key.endswith("ss") else key


def sibling_types(text: str, facts_text: FactsText) -> list[tuple[str, int, int]]:
    """(surface, start, end) for each type named as what the product is ("… is a …") that is
    of the facts' family but not a type the facts name, nor the family's own name."""
    own = product_families(facts_text)
    if not own:
        return []
    named = {
        _type_key(surface)
        for string in facts_text.strings
        for surface, _, _, _ in term_claims(string, _index())
    }
    hits = []
    for m in _IS_A_RE.finditer(text):
        group = 1 if m.group(1) is not None else 2
        offset = m.start(group)
        for surface, family, a, b in term_claims(m.group(group), _index()):
            key = _type_key(surface)
            # A longer type that holds the facts' own ("蓝牙音箱" of 音箱) is the same.
            own_type = key in named or any(n in key for n in named)
            if family in own and not own_type and surface.lower() not in _GENERIC:
                hits.append((surface, offset + a, offset + b))
    return hits


def foreign_kinds(text: str, facts_text: FactsText) -> list[tuple[str, int, int]]:
    """(surface, start, end) for each kind of goods named as what the product is that
    covers none of the families the facts name."""
    own = product_families(facts_text)
    if not own:
        return []
    hits = []
    for m in _IS_A_RE.finditer(text.lower()):
        group = 1 if m.group(1) is not None else 2
        for k in _KINDS_RE.finditer(m.group(group)):
            rest = m.group(group)[k.end() :]
            if k.group(0).isascii() and re.match(r"[a-z]|\s+[a-z]", rest):
                continue  # English: the predicate's head, not "a clothing rack"
            if rest[:1] and k.group(0) + rest[:1] in facts_text.lower:
                continue  # the facts' own compound: "食品级304不锈钢" is food-grade steel
            if not _KINDS[k.group(0)] & own:
                a, b = m.start(group) + k.start(), m.start(group) + k.end()
                hits.append((text[a:b], a, b))
    return hits


def check_types(text: str, facts_text: FactsText) -> GuardResult:
    norm = normalize(text)
    hits = [(f"type:foreign_product {s}", s, a, b) for s, a, b in foreign_types(norm, facts_text)]
    hits += [(f"type:sibling_product {s}", s, a, b) for s, a, b in sibling_types(norm, facts_text)]
    hits += [(f"type:foreign_kind {s}", s, a, b) for s, a, b in foreign_kinds(norm, facts_text)]
    return hits_result("product_type", hits, norm, "names the product's own type")
