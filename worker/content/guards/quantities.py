"""Numbers in copy and facts: quantities with their canonical units (so "1.5 L" and
"1500 ml" are one claim), currency amounts, and Chinese numerals attached to a measure word.
The facts guard compares them; inputs.py uses them to reject absurd data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from worker.content.guards.banned import in_allowed_compound
from worker.content.guards.results import alternation

# Surface unit → canonical unit ("canonical: surfaces…"). Matched case-insensitively, longest
# first. "in" is not a unit here ("3 in 1"), nor "s" ("90s"); inches are "inch", '"' or 英寸.
_UNIT_TABLE = """
ml: ml millilitre millilitres milliliter milliliters 毫升 | cl: cl
l: l ltr litre litres liter liters 升 | m3: m3 立方米
mg: mg milligram milligrams 毫克 | g: g gm gms gram grams 克
kg: kg kgs kilogram kilograms kilo kilos 千克 公斤 | jin: 斤
oz: oz ounce ounces 盎司 | lb: lb lbs pound pounds 磅
mm: mm millimetre millimetres millimeter millimeters 毫米
cm: cm centimetre centimetres centimeter centimeters 厘米 公分
m: m metre metres meter meters 米 | km: km kilometre kilometres kilometer kilometers 千米 公里
ft: ft feet foot 英尺
inch: inch inches " ″ 英寸 | cun: 寸 | m2: m2 平方米 平米 | cm2: cm2
mah: mah 毫安时 毫安 | wh: wh | w: w watt watts 瓦 | kw: kw 千瓦 | v: v volt volts 伏
hz: hz 赫兹 | khz: khz | mhz: mhz | ghz: ghz | kb: kb | mb: mb | gb: gb | tb: tb
mp: mp | dpi: dpi | fps: fps 帧
sec: sec secs seconds 秒 | min: min mins minute minutes 分钟 | h: h hr hrs hour hours 小时
day: day days 天 日 | week: week weeks 周 | month: month months 个月 月
year: year years yr yrs 年
%: % percent | celsius: °c | fahrenheit: °f | degree: ° 度 | times: 倍 | discount: 折 | tenths: 成
in_one: 合一 | cores: 核 | generation: 代 | size: 码 | number: 号 | layers: 层
levels: 档 挡 | speeds: 速 | colours: 色 种颜色 | people: 人 | seats: 座 | doors: 门
count: count pcs pc piece pieces pack 件套 件 套 个 只 双 支 包 袋 盒 瓶 粒
count: 片 条 张 台 颗 根 枚 款 种
"""
_UNIT_SYNONYMS: dict[str, str] = {
    surface: canonical.strip()
    for entry in _UNIT_TABLE.replace("\n", "|").split("|")
    if ":" in entry
    for canonical, surfaces in [entry.split(":", 1)]
    for surface in surfaces.split()
}

# Canonical unit → (dimension, factor to the dimension's base unit), so 1.5 L == 1500 ml.
# fmt: off
_UNIT_BASE: dict[str, tuple[str, Decimal]] = {
    "ml": ("volume", Decimal(1)), "cl": ("volume", Decimal(10)),
    "l": ("volume", Decimal(1000)), "m3": ("volume", Decimal(1000000)),
    "mg": ("mass", Decimal("0.001")), "g": ("mass", Decimal(1)), "kg": ("mass", Decimal(1000)),
    "jin": ("mass", Decimal(500)),
    "mm": ("length", Decimal(1)), "cm": ("length", Decimal(10)), "m": ("length", Decimal(1000)),
    "km": ("length", Decimal(1000000)),
    "w": ("power", Decimal(1)), "kw": ("power", Decimal(1000)),
    "hz": ("freq", Decimal(1)), "khz": ("freq", Decimal(1000)), "mhz": ("freq", Decimal(10**6)),
    "ghz": ("freq", Decimal(10**9)),
    "kb": ("data", Decimal(1)), "mb": ("data", Decimal(1024)), "gb": ("data", Decimal(1024**2)),
    "tb": ("data", Decimal(1024**3)),
    "sec": ("short_time", Decimal(1)), "min": ("short_time", Decimal(60)),
    "h": ("short_time", Decimal(3600)), "day": ("short_time", Decimal(86400)),
    "week": ("short_time", Decimal(604800)),
    "month": ("long_time", Decimal(1)), "year": ("long_time", Decimal(12)),
}
# fmt: on

# Units that make a number implausibly large when exceeded (inputs.py uses these for
# "99999 km"-style data errors). Generous: a cable drum, a water tank, a pallet.
ABSURD_BASE_LIMITS: dict[str, Decimal] = {
    "length": Decimal(100) * 1000 * 1000,  # 100 km in mm
    "mass": Decimal(100) * 1000 * 1000,  # 100 t in g
    "volume": Decimal(1000) * 1000 * 1000,  # 1,000 m³ in ml
    "power": Decimal(10) * 1000 * 1000,  # 10 MW
}

LATIN_UNIT_WORDS = frozenset(u for u in _UNIT_SYNONYMS if u.isascii() and u.isalpha()) | {
    "usb", "led", "lcd", "hd",
}  # fmt: skip


_NUM = r"(?:\d{1,3}(?:,\d{3})+(?![\d,])|\d+)(?:\.\d+)?"
_UNIT_RE = (
    # "241 km/h" is a speed, not 241 km (a length the inputs check calls implausible).
    r"(?P<unit>(?:" + alternation(u for u in _UNIT_SYNONYMS if u.isascii()) + r")(?![a-z])"
    r"(?!/(?:h|hr|s|sec|min)(?![a-z]))"
    r"|" + alternation(u for u in _UNIT_SYNONYMS if not u.isascii()) + r")"
)
_NUMBER_RE = re.compile(
    # "12-hour battery", "a 20-litre pack": the unit may follow a hyphen.
    r"(?<![\d.])(?P<prefix>no\.?\s*|#\s*|第\s*)?(?P<num>"
    + _NUM
    + r")(?:(?:\s*|-)"
    + _UNIT_RE
    + r")?",
    re.IGNORECASE,
)

# Currency amounts: the only numbers that must equal the product price.
_CURRENCY_PREFIX: dict[str, frozenset[str]] = {
    "us$": frozenset({"USD"}),
    "$": frozenset({"USD", "CAD", "AUD", "HKD", "SGD", "NZD", "TWD"}),
    "¥": frozenset({"CNY", "JPY"}),
    "rmb": frozenset({"CNY"}),
    "cny": frozenset({"CNY"}),
    "usd": frozenset({"USD"}),
    "€": frozenset({"EUR"}),
    "eur": frozenset({"EUR"}),
    "£": frozenset({"GBP"}),
    "₹": frozenset({"INR"}),
    "rs.": frozenset({"INR"}),
    "rs": frozenset({"INR"}),
    "inr": frozenset({"INR"}),
}
_CURRENCY_SUFFIX: dict[str, frozenset[str]] = {
    "元": frozenset({"CNY"}),
    "块钱": frozenset({"CNY"}),
    "块": frozenset({"CNY"}),
    "rmb": frozenset({"CNY"}),
    "cny": frozenset({"CNY"}),
    "yuan": frozenset({"CNY"}),
    "usd": frozenset({"USD"}),
    "dollars": frozenset({"USD", "CAD", "AUD", "HKD", "SGD", "NZD", "TWD"}),
    "dollar": frozenset({"USD", "CAD", "AUD", "HKD", "SGD", "NZD", "TWD"}),
    "eur": frozenset({"EUR"}),
    "euros": frozenset({"EUR"}),
    "inr": frozenset({"INR"}),
    "rupees": frozenset({"INR"}),
}
_PRICE_RE = re.compile(
    r"(?<![a-z0-9])(?P<pre>" + alternation(_CURRENCY_PREFIX) + r")\s*(?P<n1>" + _NUM + r")"
    r"|(?<![\d.])(?P<n2>" + _NUM + r")\s*(?P<suf>" + alternation(_CURRENCY_SUFFIX) + r")(?![a-z])",
    re.IGNORECASE,
)

# Chinese numerals count only when attached to a measure word (三件套, 两年, 第三代):
# alone they are idioms (一直, 十分, 百搭, 千万). 一 is so common in fixed phrases (一款, 一件,
# 一起) that it counts only with measurement units, not with bare classifiers.
_ZH_DIGITS = dict(
    zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True)
)
_ZH_MULT = {"十": 10, "百": 100, "千": 1000}
_ZH_NUMERAL_CHARS = "".join(_ZH_DIGITS) + "".join(_ZH_MULT) + "万"
# Money in numerals is a price like ¥100 ("百元充电宝" of a power bank with no price).
_ZH_MONEY_UNITS = ("元钱", "块钱", "元")
_NOT_MONEY_AFTER = frozenset("素化件器旦宵组")
_ZH_MEASURE_UNITS = [
    u for u in _UNIT_SYNONYMS if not u.isascii() and u not in ("度", "°", "″")
] + list(_ZH_MONEY_UNITS)
# fmt: off
_ZH_STRONG_UNITS = frozenset({
    "件套", "年", "个月", "天", "小时", "分钟", "秒", "周", "倍", "合一", "折", "成", "毫升",
    "升", "克", "千克", "公斤", "斤", "厘米", "毫米", "米", "公分", "英寸", "瓦", "伏", "毫安时",
    "档", "挡", "色", "种颜色", "核", "代", "速", *_ZH_MONEY_UNITS,
})  # not 层 (多了一层保护) nor 件/款/个 (一件百搭单品)
# fmt: on
_ZH_NUMBER_RE = re.compile(
    r"(?P<prefix>第)?(?P<num>["
    + _ZH_NUMERAL_CHARS
    + r"]+)(?P<unit>"
    + alternation(_ZH_MEASURE_UNITS)
    + r")?"
)
# Fixed phrases whose numerals are not claims.
# fmt: off
_ZH_IDIOMS = (
    "一年四季", "四季", "一年到头", "三百六十五天", "一天到晚", "十全十美", "一日三餐", "千万",
    "万一", "一成不变", "一心一意", "三五好友", "一年一度", "万种风情", "风情万种", "一秒",
    "一元复始",
)
# fmt: on


def parse_zh_numeral(text: str) -> int | None:
    """'三' → 3, '十二' → 12, '两千五百' → 2500; None when not a numeral."""
    if not text or any(ch not in _ZH_NUMERAL_CHARS for ch in text):
        return None
    total = section = number = 0
    for ch in text:
        if ch in _ZH_DIGITS:
            number = _ZH_DIGITS[ch]
        elif ch in _ZH_MULT:
            section += (number or 1) * _ZH_MULT[ch]
            number = 0
        else:  # 万
            total += (section + number or 1) * 10000
            section = number = 0
    return total + section + number


# Units that count things rather than measure them: "120 capsules" may say the facts' "120
# count" in other words; a measure's number needs its measure ("SPF 100" of 100 ml).
COUNT_UNITS = frozenset({
    "count", "colours", "people", "seats", "doors", "size", "number", "layers", "levels",
    "speeds", "in_one", "cores", "generation", "times", "discount", "tenths",
})  # fmt: skip


@dataclass(frozen=True)
class Quantity:
    value: Decimal
    unit: str | None  # canonical unit
    surface: str
    start: int
    end: int

    @property
    def base(self) -> tuple[str, Decimal] | None:
        if self.unit is None or self.unit not in _UNIT_BASE:
            return None
        dim, factor = _UNIT_BASE[self.unit]
        return dim, self.value * factor


def to_decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


# Counts written in English words: with digits barred while decoding, a model writes "eight
# hours" or "three pockets" instead. From two up ("one" is an article as often as a count),
# and only before a word (a count of something).
_EN_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100, "dozen": 12,
}  # fmt: skip
_EN_NUMBER_WORD_RE = re.compile(
    r"(?<![a-z])(" + "|".join(_EN_NUMBER_WORDS) + r")(?=[\s-]+[a-z])"
    # "eight hours" is 8 h, as "8 hours" is.
    r"(?:[\s-]+" + _UNIT_RE + r")?",
    re.IGNORECASE,
)


def _canonical_unit(surface: str | None) -> str | None:
    return _UNIT_SYNONYMS[surface.lower()] if surface else None


def extract_quantities(text: str) -> list[Quantity]:
    """Numbers in (NFKC-normalised) text with their canonical unit, currency amounts
    excluded (see `extract_prices`)."""
    out: list[Quantity] = []
    taken = [(m.start(), m.end()) for m in _PRICE_RE.finditer(text)]

    def free(start: int) -> bool:
        return not any(a <= start < b for a, b in taken)

    for m in _NUMBER_RE.finditer(text):
        if not free(m.start("num")):
            continue
        value = to_decimal(m.group("num"))
        if value is None:
            continue
        unit = m.group("unit")
        out.append(
            Quantity(
                value,
                _canonical_unit(unit),
                m.group(0).strip(),
                m.start("num"),
                m.end(),
            )
        )
    for m in _ZH_NUMBER_RE.finditer(text):
        unit = m.group("unit")
        numeral = m.group("num")
        if not unit and not m.group("prefix"):
            continue
        if numeral == "一" and (unit not in _ZH_STRONG_UNITS) and not m.group("prefix"):
            continue
        if m.group("prefix") and in_allowed_compound(text, m.start(), m.group(0)[:2]):
            continue  # 第一眼, 第一次: not a ranking or a count
        window = text[max(0, m.start() - 4) : m.end() + 4]
        if any(idiom in window and idiom.find(numeral) >= 0 for idiom in _ZH_IDIOMS):
            continue
        if unit in _ZH_MONEY_UNITS and text[m.end() : m.end() + 1] in _NOT_MONEY_AFTER:
            continue  # 三元素, 二元化, 元旦: words, not money
        number = parse_zh_numeral(numeral)
        if number is None:
            continue
        out.append(
            Quantity(
                Decimal(number),
                "CNY" if unit in _ZH_MONEY_UNITS else _canonical_unit(unit),
                m.group(0),
                m.start(),
                m.end(),
            )
        )
    for m in _EN_NUMBER_WORD_RE.finditer(text):
        value = Decimal(_EN_NUMBER_WORDS[m.group(1).lower()])
        unit = m.group("unit")
        out.append(
            Quantity(
                value,
                _canonical_unit(unit),
                m.group(0),
                m.start(),
                m.end(),
            )
        )
    return out


@dataclass(frozen=True)
class Price:
    amount: Decimal
    currencies: frozenset[str]
    surface: str


def extract_prices(text: str) -> list[Price]:
    out = []
    for m in _PRICE_RE.finditer(text):
        if m.group("pre"):
            amount, currencies = m.group("n1"), _CURRENCY_PREFIX[m.group("pre").lower()]
        else:
            amount, currencies = m.group("n2"), _CURRENCY_SUFFIX[m.group("suf").lower()]
        value = to_decimal(amount)
        if value is not None:
            out.append(Price(value, currencies, m.group(0).strip()))
    return out
