"""The entities guard: a brand, marketplace or franchise the copy names must be the
product's own (in its facts). Small models borrow famous names: "Amazon's USB-C cable" for
a Voltiq cable, "Nike-style" trainers, "苹果同款".

Checked against a list of names that are brands and nothing else (no Apple/苹果, Target,
Puma, Dove or 美的, which are also words). A name the facts carry ("fits iPhone 15", the brand
field) is allowed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from worker.content.guards.corpus import FactsText
from worker.content.guards.results import GuardResult, hits_result, normalize
from worker.content.guards.terms import (
    TermIndex,
    colour_claims,
    material_claims,
    term_claims,
    term_index,
)
from worker.content.guards.types import type_claims

# One brand per entry, with its spellings; written for this guard (no data set's names).
_BRANDS = """
amazon: amazon, amazon's | ebay: ebay | walmart: walmart | alibaba: alibaba, 阿里巴巴
aliexpress: aliexpress | taobao: taobao, 淘宝 | tmall: tmall, 天猫 | jd: jd.com, 京东
pinduoduo: pinduoduo, 拼多多 | shopify: shopify | etsy: etsy | flipkart: flipkart | myntra: myntra
iphone: iphone, ipad, macbook, airpods | samsung: samsung, 三星 | huawei: huawei, 华为
xiaomi: xiaomi, 小米 | sony: sony, 索尼 | lenovo: lenovo, 联想 | dell: dell | logitech: logitech
microsoft: microsoft | google: google | canon: 佳能 | nikon: nikon, 尼康 | gopro: gopro
bose: bose | anker: anker | philips: philips, 飞利浦 | dyson: dyson, 戴森 | bosch: bosch
haier: haier, 海尔 | midea: midea | gree: 格力 | oppo: oppo | vivo: vivo
nike: nike, 耐克 | adidas: adidas, 阿迪达斯 | reebok: reebok | new balance: new balance
under armour: under armour | skechers: skechers
li-ning: li-ning, 李宁 | anta: anta, 安踏 | gucci: gucci, 古驰 | prada: prada
chanel: chanel, 香奈儿 | louis vuitton: louis vuitton, 路易威登 | hermes: hermès, hermes, 爱马仕
dior: dior, 迪奥 | zara: zara | h&m: h&m | uniqlo: uniqlo, 优衣库 | levi's: levi's, levis
ikea: ikea, 宜家 | lego: lego, 乐高 | disney: disney, 迪士尼
hello kitty: hello kitty | starbucks: starbucks, 星巴克 | loreal: l'oréal, l'oreal, 欧莱雅
estee lauder: estée lauder, estee lauder, 雅诗兰黛 | lancome: lancôme, lancome, 兰蔻
"""


@functools.cache
def _index() -> TermIndex:
    return term_index(_BRANDS)


# A maker the copy names: "made by Luminous Laboratories", "a brand called 'EcoGuard'",
# "from Hatsworth", "Amazon's". Capitalised names in these frames only: human copy
# capitalises labels and features everywhere ("Comes with", "Intelli Ease"), so a bare
# capital is no name.
_NAME = r"['\"“‘]?((?:[A-Z][\w&'’.-]*)(?:\s+(?:[A-Z][\w&'’.-]*|&|and|of))*)['\"”’]?"
_MAKER_RE = re.compile(
    r"(?:\b(?:brand|company|label|maker|manufacturer|designer|studio|house)s?\s+"
    r"(?:called|named|known\s+as)\s+"
    r"|\b(?:made|designed|created|crafted|produced|developed|manufactured|engineered|"
    r"brought\s+to\s+you)\s+by\s+(?:the\s+)?)" + _NAME
)
_WORDS_NOT_NAMES = frozenset({"i", "you", "we", "our", "your", "the", "a", "an", "it", "this"})


def invented_makers(text: str, facts_text: FactsText) -> list[tuple[str, int, int]]:
    """(name, start, end) for each maker named in a maker frame that the facts do not name."""
    hits = []
    for m in _MAKER_RE.finditer(text):
        name = m.group(1).strip(" .'’")
        if name.lower() in _WORDS_NOT_NAMES or name.lower() in facts_text.lower:
            continue
        hits.append((name, m.start(1), m.end(1)))
    return hits


# What a product is made of: its brand is no material ("made from Chrome & Coral" for
# CHROME & CORAL joggers, "made of Inc 5 women blue"); the 0.5B model reads brand names
# in titles as materials.
_MADE_OF = r"\bmade\s+(?:out\s+of|of|from)\s+"
_MADE_OF_RE = re.compile(_MADE_OF + r"([^,.;:!?]{1,60})", re.IGNORECASE)


_PHRASE_END_RE = re.compile(r"\s(?:by|for|with|that|which|in|at|to)\s")
_AMPERSAND_RE = re.compile(r"\s*&\s*")


def _made_of(text: str) -> Iterator[tuple[re.Match[str], str]]:
    """Each "made of/from …" in `text` with its material phrase, lower-cased, which ends
    where the sentence goes on ("… cotton by Lumora")."""
    for m in _MADE_OF_RE.finditer(text):
        yield m, _PHRASE_END_RE.split(m.group(1).lower(), maxsplit=1)[0]


def brand_as_material(text: str, facts_text: FactsText) -> list[tuple[str, int, int]]:
    """(phrase, start, end) for each "made of/from …" whose next words name the brand."""
    brand = facts_text.brand
    if len(brand) < 3:
        return []
    brand = _AMPERSAND_RE.sub(" and ", brand)
    hits = []
    for m, phrase in _made_of(text):
        words = " ".join(_AMPERSAND_RE.sub(" and ", phrase).split()[:5])
        if re.search(rf"(?<![a-z0-9]){re.escape(' '.join(brand.split()))}(?![a-z0-9])", words):
            hits.append((m.group(0), m.start(), m.end()))
    return hits


# "made of 90 count", "made from 400 ml of gel": a count or a size is no material either
# (the model fills "made of" with whatever the title has; 0 of Myntra's 12,491 texts write
# a number after "made of" other than a percentage).
_QUANTITY_RE = re.compile(r"\d[\d.,]*(?!\s*%|[\d.,])")


# A colour word that names a plant or fruit before what is made of it is no colour:
# "lavender oil" of a lavender candle, "lemon extract", "rose water".
_SUBSTANCE_RE = re.compile(r"\s+(?:oils?|extracts?|essences?|scents?|fragrance|water|juice|wax)\b")


def _only_a_colour(head: str, phrase: str, colours: frozenset[str] = frozenset()) -> bool:
    """Do `head`'s words name a colour (gold and silver are metals too), or a value the
    facts give as the colour ("sand"), while `phrase` names no material: "red", "navy
    metal" read as what a thing is made of, or by."""
    hues = [
        c
        for _, c, _, end in colour_claims(head)
        if c not in ("gold", "silver") and not _SUBSTANCE_RE.match(phrase, end)
    ]
    named = any(
        re.search(rf"(?<![a-z]){re.escape(c)}(?![a-z])", head) for c in colours if len(c) > 2
    )
    return (bool(hues) or named) and not material_claims(phrase)


def colour_as_material(
    text: str, colours: frozenset[str] = frozenset()
) -> list[tuple[str, int, int]]:
    """(phrase, start, end) for each "made of/from" whose next words are a colour and no
    material: "made of red", "made of navy metal" (the title's colour read as a fabric).
    Gold and silver are metals too. 1 of Myntra's 12,491 texts puts a colour within three
    words of "made of" (then names the wood, which no material list here has)."""
    hits = []
    for m, phrase in _made_of(text):
        if _only_a_colour(" ".join(phrase.split()[:3]), phrase, colours):
            hits.append((m.group(0), m.start(), m.end()))
    return hits


def quantity_as_material(text: str) -> list[tuple[str, int, int]]:
    """(phrase, start, end) for each "made of/from" followed by a number that is not a
    share, and no material after it ("18/8 stainless steel" is a grade of one)."""
    hits = []
    for m, phrase in _made_of(text):
        if _QUANTITY_RE.match(m.group(1)) and not material_claims(phrase):
            hits.append((m.group(0), m.start(), m.end()))
    return hits


# Where the phrase goes on to something else after a comma ("rubber, like other shoes").
_LIST_END_RE = re.compile(
    r",?\s(?:like|such|making|perfect|ideal|so|as|and\s+(?:is|are|has|have))\b"
)
# `_MADE_OF_RE` through commas: the kind comes after a list of adjectives ("a simple, …").
_MADE_OF_LIST_RE = re.compile(_MADE_OF + r"([^.;:!?]{1,60})", re.IGNORECASE)


def product_as_material(text: str, facts_text: FactsText) -> list[tuple[str, int, int]]:
    """(phrase, start, end) for each "made of/from" whose next words name a kind of product
    and no material: "made from comfortable and functional shoes" of running shoes, "made
    from a simple, easy-to-find hand cream" (the 0.5B model says a product is made of
    itself when the facts give no material), or a thing after an article and no material
    ("made from a special spray nozzle"). Product kinds are the types guard's table; 0 of
    Myntra's 23 human "made of/from" phrases name one."""
    hits = []
    for m in _MADE_OF_LIST_RE.finditer(text):
        phrase = _PHRASE_END_RE.split(m.group(1).lower(), maxsplit=1)[0]
        phrase = _LIST_END_RE.split(phrase, maxsplit=1)[0]
        if material_claims(phrase):
            continue
        words = phrase.split()
        if type_claims(" ".join(words[:6])) or (
            words[:1] in (["a"], ["an"])
            and not _GENERIC_MATERIAL.intersection(words)
            and not _in_attributes(words, facts_text)
        ):
            hits.append((m.group(0), m.start(), m.end()))
    return hits


def _in_attributes(words: list[str], facts_text: FactsText) -> bool:
    """Does a word of the phrase (four letters or more) come from the facts other than the
    title: "made from a sturdy canvas" where the facts say canvas, not "made from a spray
    nozzle" of a hose "with Spray Nozzle" (`fact_strings` puts the title first)."""
    rest = " ".join(facts_text.strings[1:]).lower()
    return any(
        len(w) > 3 and re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", rest)
        for w in (w.strip(",") for w in words)
    )


# "made from a …" with no material after it is a thing, not a stuff: "made from a special
# spray nozzle", "made from a range of quality", "made from a simple and timeless floral
# design" (14 of 14 such phrases in the stored English runs; materials are mass nouns, so
# people write "made of cotton", or these words: "made from a blend of…").
_GENERIC_MATERIAL = frozenset(
    [
        "fabric",
        "fabrics",
        "material",
        "materials",
        "blend",
        "mix",
        "mixture",
        "combination",
        "textile",
        "textiles",
        "fibre",
        "fibres",
        "fiber",
        "fibers",
        "yarn",
        "yarns",
        "alloy",
        "compound",
        "formula",
        "piece",
        "sheet",
        "layer",
        "layers",
    ]
)


# "A black puffer jacket from Men's Hooded Puffer Jacket", "a slim fit chino from Khaki",
# "a dog harness from No-Pull": with no brand to name, the 0.5B model fills the "X from
# <brand>" frame with the title, a colour or a feature. A "from" after a verb of making is a
# material ("made from rubber"), and one the title itself writes ("Beans from Colombia") is
# the product's.
_FROM_RE = re.compile(
    r"(?<![a-z])(?<!made )(?<!made out )(?<!crafted )(?<!cut )(?<!woven )(?<!sewn )"
    r"(?<!built )(?<!carved )(?<!knitted )(?<!spun )(?<!moulded )(?<!molded )(?<!brewed )"
    r"(?<!roasted )(?<!derived )(?<!sourced )(?<!extracted )(?<!distilled )(?<!produced )"
    r"from\s+(?:the\s+)?([^,.;:!?]{1,60})",
    re.IGNORECASE,
)


_WHEN_RE = re.compile(
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|Spring|Summer|Autumn|Fall|Winter|"
    r"Christmas|Easter"
)


def false_makers(text: str, facts_text: FactsText) -> list[tuple[str, int, int]]:
    """(phrase, start, end) for each "from …" (not after a verb of making) whose next words
    are the product's own title words or a colour, and not its brand: the title read as
    the maker."""
    title = facts_text.strings[0].lower() if facts_text.strings else ""
    brand = facts_text.brand
    hits = []
    for m in _FROM_RE.finditer(text):
        phrase = _PHRASE_END_RE.split(" " + m.group(1).lower() + " ", maxsplit=1)[0].strip()
        words = " ".join(phrase.split()[:4])
        # The brand is judged whole: "from HRX by Hrithik Roshan" is cut at "by" above.
        named_brand = brand and " ".join(m.group(1).lower().split()).startswith(brand)
        if not words or named_brand or f"from {words}" in title:
            continue
        if _places()[0].match(m.group(1)):  # where it comes from: foreign_places judges
            continue
        in_title = re.search(rf"(?<![a-z0-9]){re.escape(words)}(?![a-z0-9])", title)
        # A capitalised name no fact gives ("from Leather Boot Factory" of unbranded boots);
        # days and months are when, not who.
        named = m.group(1)[:1].isupper() and not _WHEN_RE.match(m.group(1))
        named = named and any(w not in facts_text.lower for w in words.split())
        if in_title or named or _only_a_colour(words, words, facts_text.colours):
            hits.append((m.group(0), m.start(), m.end()))
    return hits


# The title's colour read as a name: "designed specifically for Navy personnel" of a navy
# T-shirt, "The Khaki is made from…" of khaki chinos. The 0.5B model takes a title's last
# word ("…, Navy") for a person or a thing; a colour is neither. Two frames only: a
# colour as the subject ("the Khaki is") and as whom it is for ("for Navy personnel").
_VERB_AFTER = r"(?:is|are|was|has|have|offers|features|comes|makes|adds|gives)"
# Whom a product is for, when the colour is read as a group of people ("Navy personnel").
_PEOPLE = (
    r"(?:personnel|people|lovers|fans|enthusiasts|members|officers|staff|teams?|users"
    r"|customers|buyers|wearers|sailors|soldiers|players|community|family|families)"
)


# Bounded like the other per-product caches: guards run per sentence of every candidate.
@functools.lru_cache(maxsize=256)
def _named_colours(facts_text: FactsText) -> tuple[str, ...]:
    """The colour words the facts use, and one-word values of their colour attributes."""
    colours = {surface for surface, _, _, _ in colour_claims(facts_text.lower)}
    colours |= {c for c in facts_text.colours if " " not in c and len(c) > 2}
    return tuple(sorted(colours))


def colour_as_name(text: str, facts_text: FactsText) -> list[tuple[str, int, int]]:
    """(phrase, start, end) for each colour the facts give, written as a named subject ("the
    Khaki is") or as whom the product is for ("for Navy personnel", "for the Navy."), in
    English copy."""
    hits = []
    for colour in _named_colours(facts_text):
        name = re.escape(colour)
        frames = (
            rf"\b(?:the|this|that)\s+{name}\s+{_VERB_AFTER}\b",
            rf"\bfor\s+(?:the\s+|all\s+)?{name}\s+{_PEOPLE}\b",
            rf"\bfor\s+the\s+{name}(?=\s*[.,;!?])",
        )
        for i, frame in enumerate(frames):
            for m in re.finditer(frame, text, re.IGNORECASE):
                # As a subject only when written as a name: "the navy is rich" is a colour.
                if i == 0 and not m.group(0).split()[1][:1].isupper():
                    continue
                hits.append((m.group(0), m.start(), m.end()))
    return hits


# English country names that are also words or other names: china plates, a turkey, Jordan
# trainers, Georgia the state, Jersey the fabric.
_AMBIGUOUS_PLACES = frozenset(
    {"china", "turkey", "jordan", "chad", "georgia", "guinea", "jersey", "panama", "niger"}
)
# Short names people write for countries whose ISO names are long (大韩民国 is 韩国).
_PLACE_ALIASES = {"korea, republic of": ("韩国", "Korea"), "united kingdom": ("英国", "UK")}


@functools.cache
def _places() -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """A matcher over country names in English (capitalised) and Chinese, and each name's
    country with all its names. From pycountry's ISO 3166 list and its zh_CN translation,
    so every country is covered, not the ones someone thought of."""
    import gettext

    import pycountry

    zh = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    names_of: dict[str, frozenset[str]] = {}
    written: set[str] = set()  # as the copy would write them: "United States", 美国
    for country in pycountry.countries:
        english = {country.name, getattr(country, "common_name", country.name)}
        names = {n for n in english if "," not in n} | {zh.gettext(country.name)}
        names |= set(_PLACE_ALIASES.get(country.name.lower(), ()))
        names = {n for n in names if n.lower() not in _AMBIGUOUS_PLACES and len(n) >= 2}
        written |= {n.upper() if len(n) <= 3 and n.isascii() else n for n in names}
        for n in names:
            names_of[n.lower()] = frozenset(m.lower() for m in names)
    ordered = sorted(written, key=len, reverse=True)
    latin = [re.escape(n).replace(r"\ ", r"\s+") for n in ordered if n.isascii()]
    han = [re.escape(n) for n in ordered if not n.isascii()]
    pattern = re.compile(
        # English: as a name (capitalised), not a word (china plates).
        r"(?<![A-Za-z])(?:" + "|".join(latin) + r")(?![A-Za-z])"
        # 中国风, 中国红: a style or a colour, not where it was made.
        r"|(?:" + "|".join(han) + r")(?![风红结式])"
    )
    return pattern, names_of


def foreign_places(text: str, facts_text: FactsText) -> list[tuple[str, int, int]]:
    """(name, start, end) for each country the copy names that the facts do not, in any of
    its names: "产自巴基斯坦" of Colombian coffee, "made in Italy" of a wallet with no origin."""
    pattern, names_of = _places()
    hits = []
    for m in pattern.finditer(text):
        names = names_of.get(re.sub(r"\s+", " ", m.group(0).lower()), frozenset())
        if not any(n in facts_text.lower for n in names):
            hits.append((m.group(0), m.start(), m.end()))
    return hits


def foreign_names(text: str, facts_text: FactsText) -> list[tuple[str, int, int]]:
    """(surface, start, end) for each listed brand in NFKC `text` that is not the product's,
    and each maker named in a maker frame that the facts do not name."""
    known = {brand for s in facts_text.strings for _, brand, _, _ in term_claims(s, _index())}
    listed = [(s, a, b) for s, brand, a, b in term_claims(text, _index()) if brand not in known]
    return listed + invented_makers(text, facts_text)


_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{4,}")
# A run that differs only by one of these is the name in a sentence (的裙摆 beside 大裙摆).
_FUNCTION_CHARS = frozenset("的了是和与及或这那此该款个件种为在有也又很更其让使从对把被给将之所")


def _joins_words(window: str, words: frozenset[str]) -> bool:
    """Is `window` the facts' own words side by side: whole words, the first of them maybe
    a word's end and the last a word's start ("露营炊具" of a title's "露营 炊具", "节红灯笼" of
    "春节 … 红灯笼")? A name the rules joined from a title's words, not a miscopy of one
    ("露营炊具" differs from the keyword 野营炊具 by one character; a reader saw no typo)."""
    n = len(window)

    def covered(i: int, first: bool) -> bool:
        if i == n:
            return not first  # two words at least
        for j in range(n, i, -1):
            piece = window[i:j]
            edge_start = first and any(w.endswith(piece) for w in words)
            edge_end = j == n and any(w.startswith(piece) for w in words)
            if (piece in words or edge_start or edge_end) and covered(j, False):
                return True
        return False

    return covered(0, True)


def mangled_names(text: str, facts_text: FactsText) -> list[tuple[str, int, int]]:
    """A name from the facts written with one character changed: 非锈钢 for 不锈钢, 硬胶厨房铲
    for 硅胶厨房铲, 女士纯棉圆领 for 男士纯棉圆领. The 0.5B model miscopies Chinese product
    names this way, and a reader takes the miscopy as another product or a typo. Runs of
    four characters or more: shorter ones are attribute names and word endings that copy
    legitimately varies (裙下摆 beside 弧形下摆)."""
    # Names, not the run-together values of a fact list (AdvertiseGen-style titles).
    runs = {run for s in facts_text.strings for run in _HAN_RUN.findall(s) if len(run) <= 8}
    words = frozenset(w for s in facts_text.strings for w in re.findall(r"[\u3400-\u9fff]+", s))
    hits: list[tuple[str, int, int]] = []
    for run in sorted(runs, key=len, reverse=True):
        n = len(run)
        for i in range(len(text) - n + 1):
            window = text[i : i + n]
            diff = [k for k in range(n) if window[k] != run[k]]
            if len(diff) != 1 or not _HAN_RUN.fullmatch(window) or window in facts_text.lower:
                continue
            if window[diff[0]] in _FUNCTION_CHARS or _joins_words(window, words):
                continue
            if not any(a <= i < b for _, a, b in hits):
                hits.append((window, i, i + n))
    return hits


def check_entities(text: str, facts_text: FactsText) -> GuardResult:
    norm = normalize(text)
    hits = [(f"entity:foreign_name {s}", s, a, b) for s, a, b in foreign_names(norm, facts_text)]
    hits += [(f"entity:mangled_name {s}", s, a, b) for s, a, b in mangled_names(norm, facts_text)]
    hits += [
        (f"entity:brand_as_material {s[:40].lower()}", s, a, b)
        for s, a, b in brand_as_material(norm, facts_text)
    ]
    hits += [
        (f"entity:quantity_as_material {s[:40].lower()}", s, a, b)
        for s, a, b in quantity_as_material(norm)
    ]
    hits += [
        (f"entity:colour_as_material {s[:40].lower()}", s, a, b)
        for s, a, b in colour_as_material(norm, facts_text.colours)
    ]
    hits += [
        (f"entity:product_as_material {s[:40].lower()}", s, a, b)
        for s, a, b in product_as_material(norm, facts_text)
    ]
    hits += [
        (f"entity:colour_as_name {s[:40].lower()}", s, a, b)
        for s, a, b in colour_as_name(norm, facts_text)
    ]
    hits += [(f"entity:foreign_place {s}", s, a, b) for s, a, b in foreign_places(norm, facts_text)]
    hits += [
        (f"entity:title_as_maker {s[:40].lower()}", s, a, b)
        for s, a, b in false_makers(norm, facts_text)
    ]
    return hits_result("entities", hits, norm, "names only the product's own brand")


def foreign_brand_words(facts_text: FactsText) -> set[str]:
    """Single-word brand surfaces that are not the product's: what grounded decoding bars."""
    surfaces = _index()[1]
    known = {brand for s in facts_text.strings for _, brand, _, _ in term_claims(s, _index())}
    return {s for s, brand in surfaces.items() if brand not in known and " " not in s}
