"""Named specs, materials and colours: one matcher for "canonical: surface, surface… | …"
term tables, shared by both vocabularies, and the materials and hues a product's facts
support. A material or colour is a spec, invented as often as a number."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

# A compiled term table: one longest-first regex, and each surface's canonical name.
TermIndex = tuple[re.Pattern[str], dict[str, str]]


def term_index(table: str) -> TermIndex:
    """A "canonical: surface, surface… | …" table as one longest-first regex and a map
    from each (lower-case, single-spaced) surface to its canonical name."""
    surfaces: dict[str, str] = {}
    # An indented line continues the entry above it.
    for entry in re.sub(r"\n[ \t]+", " ", table).replace("\n", "|").split("|"):
        if ":" not in entry:
            continue
        canonical, words = entry.split(":", 1)
        for word in filter(str.strip, words.split(",")):
            # A hyphen is a space here (off-white = off white), as in term_claims.
            surfaces[" ".join(word.lower().replace("-", " ").split())] = canonical.strip()

    def alternative(word: str) -> str:
        escaped = re.escape(word).replace(r"\ ", r"[\s\-]+")
        # Latin words need word edges (silky, leatherette and nylons are other words).
        return rf"(?<![a-z]){escaped}(?![a-z])" if word.isascii() else escaped

    ordered = sorted(surfaces, key=len, reverse=True)  # longest first: 山羊绒 before 羊绒
    return re.compile("|".join(alternative(w) for w in ordered)), surfaces


def term_claims(text: str, index: TermIndex) -> list[tuple[str, str, int, int]]:
    """(surface, canonical, start, end) for each term of `index` named in `text`."""
    pattern, surfaces = index
    lowered = text.lower()
    # A match differs from its surface only in the spaces or hyphens between words.
    return [
        (m.group(0), surfaces[" ".join(m.group(0).replace("-", " ").split())], *m.span())
        for m in pattern.finditer(lowered)
    ]


# --------------------------------------------------------------------------- materials

# A material is a spec: "天然的棉质面料" on a product whose facts name no fabric is as invented
# as a wrong number (the fine-tuned Chinese model did exactly that, and so does human
# AdvertiseGen copy). "material: surface, surface…", the material's name being only an id
# (down, the word, means nothing); a surface may assert several materials (棉麻).
# Only words that mean the material and nothing else: no single characters (棉服 is a
# padded coat, 麻烦 trouble, 木耳边 a ruffle), no colours (gold, silver), no constructions
# (针织, knit), no everyday words (down, lace-up).
_MATERIAL_TABLE = """
cotton: cotton, 纯棉, 全棉, 棉质, 棉布, 精梳棉, 棉料 | cotton linen: 棉麻
linen: linen, 亚麻, 苎麻, 麻料 | silk: silk, 真丝, 桑蚕丝, 丝绸, 蚕丝
wool: wool, woollen, woolen, 羊毛, 毛料 | merino: merino, 美利奴
cashmere: cashmere, 羊绒, 山羊绒 | mohair: mohair, 马海毛
leather: leather, 皮革, 皮质 | genuine leather: genuine leather, 真皮, 牛皮, 羊皮, cowhide
suede: suede, 麂皮 | faux leather: faux leather, pu leather, pu皮, 人造革, 仿皮
polyester: polyester, 涤纶, 聚酯纤维 | nylon: nylon, 锦纶, 尼龙
elastane: spandex, elastane, lycra, 氨纶, 莱卡 | viscose: viscose, rayon, 粘纤, 粘胶, 人造丝
modal: 莫代尔 | lyocell: lyocell, tencel, 天丝 | acrylic: acrylic, 腈纶
chiffon: chiffon, 雪纺 | denim: denim, 牛仔 | velvet: velvet, 丝绒, 天鹅绒
corduroy: corduroy, 灯芯绒 | fleece: fleece, 摇粒绒, 抓绒 | satin: satin, 缎面
down: 羽绒 | duck down: duck down, 鸭绒 | goose down: goose down, 鹅绒
stainless steel: stainless steel, 不锈钢 | aluminium: aluminium, aluminum, 铝合金
titanium: titanium, 钛合金 | ceramic: ceramic, porcelain, 陶瓷 | glass: glass, 玻璃
plastic: plastic, 塑料 | silicone: silicone, 硅胶 | bamboo: bamboo, 竹纤维, 竹制
solid wood: solid wood, 实木 | wood: wooden, 木质
"""
# A fact naming the narrower material supports copy naming the broader one.
_MATERIAL_IMPLIES = {
    "genuine leather": {"leather"},
    "suede": {"leather"},
    "merino": {"wool"},
    "cotton linen": {"cotton", "linen"},
    "duck down": {"down"},
    "goose down": {"down"},
    "solid wood": {"wood"},
}


@functools.cache
def _materials() -> TermIndex:
    return term_index(_MATERIAL_TABLE)


def material_claims(text: str) -> list[tuple[str, str, int, int]]:
    """(surface, canonical, start, end) for each material named in `text`."""
    return term_claims(text, _materials())


def supported_materials(strings: Iterable[str]) -> set[str]:
    found = {canonical for s in strings for _, canonical, _, _ in material_claims(s)}
    for narrow in list(found):
        found |= _MATERIAL_IMPLIES.get(narrow, set())
    return found


# --------------------------------------------------------------------------- colours

# A colour is a spec too, and small models invent it often: "a red t-shirt" for a beige
# bra, red for silver-toned flats (outputs.jsonl of the English evaluation: 4-12 of 60
# outputs per model named a colour the facts do not). Checked by hue family, so a shade of
# a colour the facts name passes (navy for blue, 酒红 for 红色) and a different hue fails.
# Only unambiguous colour words: no cream (face cream), rose, wine, mint, olive, peach,
# nude, coffee or charcoal (products and ingredients); Chinese only as 色-words and fixed
# colour names (显白, 黑科技 and 白领 are no colours).
_COLOUR_TABLE = """
red: red, maroon, burgundy, crimson, scarlet, 红色, 大红, 酒红, 枣红, 玫红, 玫瑰红, 砖红
pink: pink, fuchsia, magenta, 粉色, 粉红, 桃粉, 玫粉, 藕粉
orange: orange, 橙色, 橘色, 桔色, 橘红, 桔红, 橙红
yellow: yellow, mustard, 黄色, 姜黄, 鹅黄, 明黄, 柠檬黄
gold: gold, golden, gold-toned, 金色
green: green, teal, 绿色, 墨绿, 军绿, 草绿, 橄榄绿, 薄荷绿, 牛油果绿
blue: blue, navy, indigo, turquoise, 蓝色, 藏青, 藏蓝, 宝蓝, 天蓝, 湖蓝, 雾霾蓝, 深蓝, 浅蓝, 牛仔蓝
purple: purple, violet, lavender, lilac, mauve, 紫色, 香芋紫, 薰衣草紫
brown: brown, tan, camel, 棕色, 咖啡色, 驼色, 褐色, 焦糖色
beige: beige, khaki, 米色, 卡其, 杏色
white: white, off-white, ivory, 白色, 纯白, 米白, 乳白, 象牙白
black: black, 黑色, 纯黑
grey: grey, gray, 灰色, 烟灰, 浅灰, 深灰, 银灰
silver: silver, silver-toned, 银色
"""
# Facts that say "several colours" without naming them: any colour may be right, so the
# copy's colours cannot be checked against them (a refusal would be a guess).
_MULTICOLOUR = re.compile(
    r"multi[\s\-]?colou?r(?:ed)?|(?<![a-z])multi(?![a-z])|多色|彩色|拼色|撞色"
)


@functools.cache
def _colours() -> TermIndex:
    return term_index(_COLOUR_TABLE)


def colour_claims(text: str) -> list[tuple[str, str, int, int]]:
    """(surface, hue family, start, end) for each colour named in `text`."""
    return term_claims(text, _colours())


def supported_colours(strings: Iterable[str]) -> set[str] | None:
    """Hue families the facts name; None when the facts call the product multicoloured."""
    found: set[str] = set()
    for s in strings:
        if _MULTICOLOUR.search(s.lower()):
            return None
        found |= {family for _, family, _, _ in colour_claims(s)}
    return found
